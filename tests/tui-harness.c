/*
 * tui-harness.c: a small screen built from every tui/ widget, for the
 * tests/screens/tui-*.sh scripts to drive in tmux. A test program, so its words
 * are in the code.
 *
 *	tui-harness [--mono] [--idle SECS] [--extra N] OUT QRTEXT [QRTEXT2]
 *
 * A form (a digits-only ID with a check, a free-text name, a choice, a list)
 * under a title with an idle countdown, and a footer. Kiosk mode: Ctrl-C,
 * Ctrl-Z and Ctrl-\ do nothing. F2 and F3 show QRTEXT and QRTEXT2 as QR codes
 * (Esc back), F4 asks a yes/no question, F10 submits: the values are written
 * to OUT as "key=value" lines and the program exits 0. When the idle time
 * runs out, the form is emptied, as a kiosk forgets what was typed. --extra
 * adds N more fields after the name, so that the form has to scroll.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "choice.h"
#include "countdown.h"
#include "dialog.h"
#include "field.h"
#include "footer.h"
#include "form.h"
#include "list.h"
#include "loop.h"
#include "qrview.h"
#include "tty.h"

struct harness {
	struct loop		*loop;
	struct form		*form;
	struct field		*id, *name;
	struct choice		*role;
	struct list		*list;
	struct footer		*footer;
	struct qrview		*qr[2];
	struct qrview		*showing;	/* NULL: the form */
	struct countdown	 idle;
	int			 answer;
	long			 keys;
};

/* Six digits whose sum is a multiple of 10: enough to have a reason. */
static const char *
check_id(const char *s, void *arg)
{
	int	sum = 0;

	(void)arg;
	if (strlen(s) != 6)
		return "ID must be 6 digits";
	for (; *s != '\0'; s++)
		sum += *s - '0';
	return sum % 10 == 0 ? NULL : "ID checksum is wrong";
}

static const char *
check_name(const char *s, void *arg)
{
	(void)arg;
	return *s == '\0' ? "Name is required" : NULL;
}

static void
harness_layout(void *arg)
{
	struct harness	*h = arg;
	struct tbox	 b = tty_box();

	widget_place(form_widget(h->form), b.y + 2, b.x + 1, b.h - 4, b.w - 2);
	widget_place(footer_widget(h->footer), b.y + b.h - 1, b.x, 1, b.w);
	if (h->showing != NULL)
		widget_place(qrview_widget(h->showing), 1, 0, LINES - 1, COLS);
}

static void
harness_draw(void *arg)
{
	struct harness	*h = arg;
	struct tbox	 b = tty_box();
	char		 s[64];

	if (h->showing != NULL) {
		tty_put(0, 0, COLS, "QR view (Esc back)",
		    tty_attr(TTY_TITLE));
		if (!qrview_fits(h->showing))
			tty_message("QR too small for this terminal",
			    TTY_WARN);
		else
			widget_draw(qrview_widget(h->showing));
		return;
	}
	tty_put(b.y, b.x, b.w, "TUI harness 测试", tty_attr(TTY_TITLE));
	snprintf(s, sizeof s, "idle %d keys %ld dialog %d",
	    countdown_left(&h->idle, loop_now_ms()), h->keys, h->answer);
	tty_put(b.y, b.x + b.w - 30, 30, s, tty_attr(TTY_HINT));
	widget_draw(form_widget(h->form));
	widget_draw(footer_widget(h->footer));
}

static enum widget_result
harness_show(struct harness *h, struct qrview *q)
{
	h->showing = q;
	return WIDGET_RESIZE;
}

static enum widget_result
harness_ask(struct harness *h)
{
	static const char *const yn[] = { "No", "Yes" };
	struct dialog	*d;

	if ((d = dialog_new("Question", "Do you really want to answer this "
	    "question? 你确定吗？", yn, 2)) == NULL)
		return WIDGET_HANDLED;
	h->answer = dialog_run(h->loop, d);
	dialog_free(d);
	return WIDGET_REDRAW;
}

static enum widget_result
harness_filter(const struct widget_key *k, void *arg)
{
	struct harness	*h = arg;

	h->keys++;
	countdown_restart(&h->idle, k->ms);
	if (h->showing != NULL)
		return widget_key_char(k, 27) ? harness_show(h, NULL) :
		    WIDGET_HANDLED;
	if (widget_key_fn(k, KEY_F(2)))
		return harness_show(h, h->qr[0]);
	if (widget_key_fn(k, KEY_F(3)) && h->qr[1] != NULL)
		return harness_show(h, h->qr[1]);
	if (widget_key_fn(k, KEY_F(4)))
		return harness_ask(h);
	return WIDGET_IGNORED;
}

static enum widget_result
harness_tick(int id, void *arg)
{
	struct harness	*h = arg;

	(void)id;
	if (countdown_expired(&h->idle, loop_now_ms())) {
		field_set_value(h->id, "");
		field_set_value(h->name, "");
		field_set_error(h->id, NULL);
		field_set_error(h->name, NULL);
		countdown_restart(&h->idle, loop_now_ms());
	}
	return WIDGET_REDRAW;
}

static int
harness_build(struct harness *h, int extra)
{
	static const char *const roles[] = { "Legal representative",
	    "另一位人员" };
	static const char *const head[] = { "No.", "Institution" };
	static const char *const rows[][2] = { { "1", "北京市第一中学" },
	    { "2", "Beijing Library" }, { "3", "海淀区医院" } };
	static const struct footer_item keys[] = { { "F10", "Submit 提交" },
	    { "Tab", "Next 下一项" }, { "F2", "QR" }, { "F4", "Ask" },
	    { "Esc", "Back" } };
	static const int widths[] = { 4, 0 };
	size_t	i;

	if ((h->form = form_new()) == NULL ||
	    (h->id = field_new("ID 编号", 18)) == NULL)
		return -1;
	field_set_alphabet(h->id, "0123456789");
	field_set_check(h->id, check_id, NULL);
	field_set_hint(h->id, "6 digits");
	if (form_add(h->form, field_widget(h->id)) == -1 ||
	    (h->name = field_new("Name 名称", 60)) == NULL)
		return -1;
	field_set_check(h->name, check_name, NULL);
	if (form_add(h->form, field_widget(h->name)) == -1)
		return -1;
	for (i = 1; i <= (size_t)extra; i++) {
		char		 label[32];
		struct field	*f;

		snprintf(label, sizeof label, "Extra %zu", i);
		if ((f = field_new(label, 20)) == NULL ||
		    form_add(h->form, field_widget(f)) == -1)
			return -1;
	}
	if (
	    (h->role = choice_new("Role", roles, 2)) == NULL ||
	    form_add(h->form, choice_widget(h->role)) == -1 ||
	    (h->list = list_new(2)) == NULL)
		return -1;
	list_set_header(h->list, head);
	list_set_widths(h->list, widths);
	list_set_lines(h->list, 4);
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (list_add(h->list, rows[i]) == -1)
			return -1;
	if (form_add(h->form, list_widget(h->list)) == -1 ||
	    (h->footer = footer_new()) == NULL ||
	    footer_set(h->footer, keys, sizeof keys / sizeof keys[0]) == -1)
		return -1;
	return 0;
}

static int
harness_write(struct harness *h, const char *path)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fprintf(f, "id=%s\nname=%s\nrole=%d\nlist=%d\ndialog=%d\n",
	    field_value(h->id), field_value(h->name), choice_selected(h->role),
	    list_selected(h->list), h->answer);
	return fclose(f);
}

int
main(int argc, char **argv)
{
	struct harness	 h;
	int		 flags = TTY_KIOSK, idle = 300, extra = 0, rc, ai = 1;

	memset(&h, 0, sizeof h);
	setlocale(LC_ALL, "");
	for (; ai < argc && strncmp(argv[ai], "--", 2) == 0; ai++) {
		if (strcmp(argv[ai], "--mono") == 0)
			flags |= TTY_MONO;
		else if (strcmp(argv[ai], "--idle") == 0 && ai + 1 < argc)
			idle = atoi(argv[++ai]);
		else if (strcmp(argv[ai], "--extra") == 0 && ai + 1 < argc)
			extra = atoi(argv[++ai]);
	}
	if (argc - ai < 2 || argc - ai > 3) {
		fprintf(stderr, "usage: tui-harness [--mono] [--idle SECS] "
		    "[--extra N] OUT QRTEXT [QRTEXT2]\n");
		return 2;
	}
	if (extra < 0 || extra > 20 || harness_build(&h, extra) == -1 ||
	    (h.qr[0] = qrview_new(argv[ai + 1])) == NULL ||
	    (argc - ai == 3 && (h.qr[1] = qrview_new(argv[ai + 2])) == NULL) ||
	    (h.loop = loop_new()) == NULL) {
		fprintf(stderr, "tui-harness: cannot build the screen\n");
		return 1;
	}
	if (tty_init(flags) == -1) {
		fprintf(stderr, "tui-harness: needs a UTF-8 terminal\n");
		return 1;
	}
	countdown_start(&h.idle, idle, loop_now_ms());
	loop_set_root(h.loop, form_widget(h.form));
	loop_set_draw(h.loop, harness_draw, &h);
	loop_set_layout(h.loop, harness_layout, &h);
	loop_set_filter(h.loop, harness_filter, &h);
	loop_set_too_small(h.loop, "Terminal too small: 80x24 needed");
	loop_add_timer(h.loop, 1000, 1, harness_tick, &h);
	rc = loop_run(h.loop);
	tty_end();
	if (rc == 0 && harness_write(&h, argv[ai]) == -1)
		rc = 1;
	loop_free(h.loop);
	widget_free(form_widget(h.form));
	widget_free(footer_widget(h.footer));
	widget_free(h.qr[0] == NULL ? NULL : qrview_widget(h.qr[0]));
	widget_free(h.qr[1] == NULL ? NULL : qrview_widget(h.qr[1]));
	return rc == 0 ? 0 : 1;
}
