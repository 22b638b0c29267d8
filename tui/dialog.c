/*
 * dialog.c: modal message boxes and the verdict banner. See dialog.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "tw.h"

#define DIALOG_MAX_COLS		60
#define DIALOG_MAX_LINES	12

struct dialog {
	struct widget	 super;
	char		*title;
	char		*text;
	char		*button[DIALOG_MAX_BUTTONS];
	int		 nbuttons;
	int		 sel;
	int		 choice;
	loop_fn		 under;		/* the screen beneath, while running */
	void		*under_arg;
};

/*
 * Splits text into lines at most cols wide: at '\n', else at the last space
 * that keeps the line within cols, else anywhere between characters (Chinese
 * has no spaces). Stores start offsets and lengths; returns the line count.
 */
static int
dialog_wrap(const char *text, int cols, size_t *start, size_t *len, int max)
{
	size_t		 off = 0, fit, nl, k;
	int		 n = 0;

	while (text[off] != '\0' && n < max) {
		nl = strcspn(text + off, "\n");
		fit = tw_fit(text + off, cols, NULL);
		if (fit > nl)
			fit = nl;
		if (fit < nl) {
			for (k = fit; k > 0 && text[off + k] != ' '; k--)
				continue;
			if (k > 0)
				fit = k;
			if (fit == 0)	/* a character wider than cols */
				fit = 1;
		}
		start[n] = off;
		len[n++] = fit;
		off += fit;
		if (text[off] == ' ' || text[off] == '\n')
			off++;
	}
	return n;
}

static void
dialog_draw(struct widget *w)
{
	struct dialog	*d = (struct dialog *)w;
	size_t		 start[DIALOG_MAX_LINES], len[DIALOG_MAX_LINES];
	char		 line[DIALOG_MAX_COLS * 4 + 1];
	int		 cols, n, i, h, bw = 0, x, y;
	attr_t		 a;

	cols = COLS - 4 < DIALOG_MAX_COLS ? COLS - 4 : DIALOG_MAX_COLS;
	if (cols < 10)
		return;
	n = dialog_wrap(d->text, cols - 4, start, len, DIALOG_MAX_LINES);
	for (i = 0; i < d->nbuttons; i++)
		bw += tw_width(d->button[i]) + 4 + (i > 0 ? 2 : 0);
	h = n + 4;
	widget_place(w, (LINES - h) / 2, (COLS - cols) / 2, h, cols);
	tty_fill(w->y, w->x, h, cols, tty_attr(TTY_NORMAL));
	tty_frame(w->y, w->x, h, cols, tty_attr(TTY_FRAME));
	if (d->title != NULL)
		tty_put_centre(w->y, w->x + 2, cols - 4, d->title,
		    tty_attr(TTY_TITLE));
	for (i = 0; i < n; i++) {
		memcpy(line, d->text + start[i], len[i]);
		line[len[i]] = '\0';
		tty_put(w->y + 1 + i, w->x + 2, cols - 4, line,
		    tty_attr(TTY_NORMAL));
	}
	y = w->y + h - 2;
	x = w->x + (cols - bw) / 2;
	for (i = 0; i < d->nbuttons; i++) {
		a = tty_attr(i == d->sel ? TTY_SELECT : TTY_NORMAL);
		x += tty_put(y, x, w->x + cols - 1 - x, "[ ", a);
		x += tty_put(y, x, w->x + cols - 1 - x, d->button[i], a);
		x += tty_put(y, x, w->x + cols - 1 - x, " ]", a) + 2;
	}
}

static enum widget_result
dialog_key(struct widget *w, const struct widget_key *k)
{
	struct dialog	*d = (struct dialog *)w;

	if (widget_key_fn(k, KEY_ENTER)) {
		d->choice = d->sel;
		return WIDGET_DONE;
	}
	if (widget_key_char(k, 27)) {
		d->choice = -1;
		return WIDGET_DONE;
	}
	if (widget_key_fn(k, KEY_RIGHT) || widget_key_char(k, '\t'))
		d->sel = (d->sel + 1) % d->nbuttons;
	else if (widget_key_fn(k, KEY_LEFT) || widget_key_fn(k, KEY_BTAB))
		d->sel = (d->sel + d->nbuttons - 1) % d->nbuttons;
	else
		return WIDGET_HANDLED;	/* modal: nothing gets past */
	return WIDGET_REDRAW;
}

static void
dialog_destroy(struct widget *w)
{
	struct dialog	*d = (struct dialog *)w;
	int		 i;

	for (i = 0; i < d->nbuttons; i++)
		free(d->button[i]);
	free(d->title);
	free(d->text);
	free(d);
}

static const struct widget_class dialog_class = {
	.name = "dialog",
	.focusable = 1,
	.draw = dialog_draw,
	.key = dialog_key,
	.destroy = dialog_destroy,
};

struct dialog *
dialog_new(const char *title, const char *text, const char *const *buttons,
    int nbuttons)
{
	struct dialog	*d;

	if (nbuttons < 1 || nbuttons > DIALOG_MAX_BUTTONS ||
	    (d = calloc(1, sizeof *d)) == NULL)
		return NULL;
	widget_init(&d->super, &dialog_class);
	d->choice = -1;
	d->super.focused = 1;
	if ((title != NULL && (d->title = strdup(title)) == NULL) ||
	    (d->text = strdup(text)) == NULL) {
		dialog_destroy(&d->super);
		return NULL;
	}
	for (d->nbuttons = 0; d->nbuttons < nbuttons; d->nbuttons++) {
		if ((d->button[d->nbuttons] = strdup(buttons[d->nbuttons])) ==
		    NULL) {
			dialog_destroy(&d->super);
			return NULL;
		}
	}
	return d;
}

struct widget *
dialog_widget(struct dialog *d)
{
	return &d->super;
}

void
dialog_free(struct dialog *d)
{
	if (d != NULL)
		dialog_destroy(&d->super);
}

int
dialog_choice(const struct dialog *d)
{
	return d->choice;
}

static void
dialog_draw_root(void *arg)
{
	widget_draw(arg);
}

static void
dialog_paint(void *arg)
{
	struct dialog	*d = arg;

	if (d->under != NULL)
		d->under(d->under_arg);
	/* The screen beneath may have asked for a cursor; a dialog has none. */
	tty_cursor_reset();
	widget_draw(&d->super);
}

int
dialog_run(struct loop *l, struct dialog *d)
{
	struct widget	*root = loop_root(l);
	int		 rc;

	loop_get_draw(l, &d->under, &d->under_arg);
	if (d->under == NULL && root != NULL) {
		/* No draw callback: the root widget was the whole screen. */
		d->under = dialog_draw_root;
		d->under_arg = root;
	}
	d->choice = -1;
	d->super.h = d->super.w = 1;	/* placed for real when drawn */
	loop_set_root(l, &d->super);
	loop_set_draw(l, dialog_paint, d);
	rc = loop_run(l);
	loop_set_root(l, root);
	if (d->under == dialog_draw_root)
		loop_set_draw(l, NULL, NULL);
	else
		loop_set_draw(l, d->under, d->under_arg);
	return rc == 0 ? d->choice : rc;
}

void
dialog_banner(int y, int x, int w, const char *verdict, const char *detail,
    enum tty_role role)
{
	dialog_banner_tall(y, x, DIALOG_BANNER_LINES, w, verdict, detail, role);
}

void
dialog_banner_tall(int y, int x, int h, int w, const char *verdict,
    const char *detail, enum tty_role role)
{
	attr_t	a = tty_attr(role);
	int	pad;

	if (h < DIALOG_BANNER_LINES)
		h = DIALOG_BANNER_LINES;
	/* The extra rows go half above the verdict, half below the reason. */
	pad = (h - DIALOG_BANNER_LINES) / 2;
	tty_fill(y, x, h, w, a);
	tty_put_centre(y + pad + 1, x, w, verdict, a | A_BOLD);
	/* A long reason takes the banner's last lines rather than being cut. */
	if (detail != NULL)
		tty_put_wrapped(tw_wrap_lines(detail, w - 4) > 1 ? y + pad + 2 :
		    y + pad + 3, x + 2, w - 4, 3, 1, detail, a);
}
