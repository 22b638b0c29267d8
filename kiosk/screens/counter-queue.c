/*
 * counter-queue.c: the counter's home after login, and the session history.
 *
 * The home lists today's applications, newest first, and narrows the list as
 * the staff member types (a number, a name, part of a credit code). It has no
 * form: printable keys edit the filter, the arrows move in the list, Enter
 * opens the typed application number when it is one, else the selected row.
 * A ticket QR scanned from any scanner opens its application at once; a
 * presented code scanned here goes straight to verification. The list is
 * read again every few seconds, as kiosks keep adding applications.
 *
 * The home is the bottom of the stack for the whole login (see
 * counter.h), so it owns the session's verification history: times,
 * verdicts and institutions, no personal data, wiped when it leaves.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "clock.h"
#include "evlog.h"
#include "field.h"
#include "list.h"
#include "counter.h"
#include "text.h"

#define HOME_FILTER_CHARS	40
#define HOME_MAX_ROWS		2000	/* a hall takes far fewer in a day */

struct home {
	struct field		*filter;
	struct list		*list;
	char			 shown_filter[HOME_FILTER_CHARS * 4 + 1];
	char			 numbers[HOME_MAX_ROWS][REG_APPNO_SIZE];
	int			 n;
	int64_t			 last_event;	/* the event log's, when last read */
	struct counter_history	 history;
};

/* --- history --- */

void
counter_history_add(struct counter_history *h, const struct counter_scan *s)
{
	h->scan[h->next] = *s;
	h->next = (h->next + 1) % COUNTER_HISTORY_MAX;
	if (h->n < COUNTER_HISTORY_MAX)
		h->n++;
}

const struct counter_scan *
counter_history_get(const struct counter_history *h, int i)
{
	if (i < 0 || i >= h->n)
		return NULL;
	return &h->scan[(h->next - 1 - i + 2 * COUNTER_HISTORY_MAX) %
	    COUNTER_HISTORY_MAX];
}

void
counter_paint_now(struct frame *a)
{
	loop_fn fn;
	void *arg;

	loop_get_draw(frame_loop(a), &fn, &arg);
	if (fn == NULL)
		return;
	erase();
	tty_cursor_reset();
	fn(arg);
	tty_cursor_apply();
	refresh();
}

/* --- the home --- */

struct home_fill {
	struct home	*h;
	char		 keep[REG_APPNO_SIZE];
	int		 select;
};

static int
home_row(const struct application *ap, void *arg)
{
	struct home_fill *f = arg;
	struct home *h = f->h;
	char when[20], name[REG_INST_NAME_SIZE];
	const char *cells[5];
	char kind[40], status[40];

	if (h->n == HOME_MAX_ROWS)
		return 1;
	clock_format_local(ap->created_at, when, sizeof when);
	snprintf(kind, sizeof kind, "app.kind.%s", reg_app_kind_name(ap->kind));
	snprintf(status, sizeof status, "app.status.%s",
	    reg_app_status_name(ap->status));
	text_safe(ap->inst_name, strlen(ap->inst_name), name, sizeof name);
	cells[0] = ap->number;
	cells[1] = when + 11;
	cells[2] = msg_get(kind);
	cells[3] = msg_get(status);
	cells[4] = name;
	if (list_add(h->list, cells) < 0)
		return 1;
	if (strcmp(ap->number, f->keep) == 0)
		f->select = h->n;
	snprintf(h->numbers[h->n++], REG_APPNO_SIZE, "%s", ap->number);
	return 0;
}

/* Reads today's applications again, keeping the selected one selected. */
static void
home_reload(struct screen *s)
{
	struct home *h = s->data;
	struct home_fill f;
	struct app_filter flt;
	char today[11];
	struct err e;
	int sel = list_selected(h->list);

	memset(&f, 0, sizeof f);
	f.h = h;
	f.select = -1;
	if (sel >= 0 && sel < h->n)
		snprintf(f.keep, sizeof f.keep, "%s", h->numbers[sel]);
	reg_app_filter_init(&flt);
	clock_local_date(clock_now(), today, sizeof today);
	if (clock_parse_local_date(today, &flt.from) != 0)
		return;
	flt.to = flt.from + CLOCK_DAY;
	list_clear(h->list);
	h->n = 0;
	err_clear(&e);
	if (reg_app_list(frame_reg(s->frame), &flt, home_row, &f, &e) != 0)
		frame_status(s->frame, msg_get(e.key), TTY_ERROR);
	if (f.select >= 0)
		list_select(h->list, f.select);
}

static void
home_footer(struct screen *s)
{
	struct footer_item items[6];

	items[0].key = "Enter";
	items[0].label = msg_get("counter.home.key_open");
	items[1].key = "F2";
	items[1].label = msg_get("counter.home.key_verify");
	items[2].key = "F3";
	items[2].label = msg_get("counter.home.key_history");
	items[3].key = "F5";
	items[3].label = msg_get("counter.home.key_refresh");
	items[4].key = "F8";
	items[4].label = msg_get("counter.home.key_logout");
	items[5].key = "F10";
	items[5].label = msg_get("counter.key.quit");
	frame_footer(s->frame, items, 6);
}

static int
home_enter(struct screen *s, void *arg)
{
	static const int widths[5] = { 13, 8, 18, 10, 0 };
	const char *titles[5];
	struct home *h;

	(void)arg;
	if ((h = calloc(1, sizeof *h)) == NULL)
		return -1;
	if ((h->filter = field_new(msg_get("counter.home.filter"),
	    HOME_FILTER_CHARS)) == NULL || (h->list = list_new(5)) == NULL) {
		widget_free(h->filter != NULL ? field_widget(h->filter) : NULL);
		free(h);
		return -1;
	}
	titles[0] = msg_get("counter.home.col_number");
	titles[1] = msg_get("counter.home.col_time");
	titles[2] = msg_get("counter.home.col_kind");
	titles[3] = msg_get("counter.home.col_status");
	titles[4] = msg_get("counter.home.col_inst");
	list_set_header(h->list, titles);
	list_set_widths(h->list, widths);
	field_set_hint(h->filter, msg_get("counter.home.filter_hint"));
	field_widget(h->filter)->focused = 1;
	list_widget(h->list)->focused = 1;
	s->data = h;
	s->title = "counter.title.home";
	home_reload(s);
	return 0;
}

static void
home_leave(struct screen *s)
{
	struct home *h = s->data;

	widget_free(field_widget(h->filter));
	widget_free(list_widget(h->list));
	sodium_memzero(h, sizeof *h);
	free(h);
}

static void
home_layout(struct screen *s, struct tbox b)
{
	struct home *h = s->data;
	struct widget *f = field_widget(h->filter);

	home_footer(s);
	f->label_w = text_width(f->label);
	widget_place(f, b.y + 1, b.x + 1, 2, b.w - 2);
	widget_place(list_widget(h->list), b.y + 3, b.x + 1, b.h - 3, b.w - 2);
}

static void
home_draw(struct screen *s, struct tbox b)
{
	struct home *h = s->data;
	const char *typed = field_value(h->filter);
	char line[160];

	/* The filter follows the field, whatever edited it. */
	if (strcmp(typed, h->shown_filter) != 0) {
		snprintf(h->shown_filter, sizeof h->shown_filter, "%s", typed);
		list_set_filter(h->list, typed);
	}
	snprintf(line, sizeof line, msg_get("counter.home.heading"),
	    list_shown(h->list), h->n);
	tty_put(b.y, b.x + 1, b.w - 2, line, tty_attr(TTY_LABEL));
	if (h->n == 0)
		tty_put(b.y + 5, b.x + 3, b.w - 4, msg_get("counter.home.empty"),
		    tty_attr(TTY_HINT));
	widget_draw(field_widget(h->filter));
	widget_draw(list_widget(h->list));
}

static enum widget_result
home_open(struct screen *s, const char *number)
{
	char canon[REG_APPNO_SIZE];
	struct application ap;
	struct err e;

	err_clear(&e);
	if (reg_app_number_parse(number, canon) != 0 ||
	    reg_app_get(frame_reg(s->frame), canon, &ap, &e) != 0) {
		frame_status(s->frame, msg_get(e.key != NULL ? e.key : "app.number_invalid"),
		    TTY_ERROR);
		return WIDGET_REDRAW;
	}
	if (frame_push(s->frame, &screen_review, canon) != 0) {
		frame_status(s->frame, msg_get("counter.home.open_failed"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	return WIDGET_RESIZE;
}

/* Enter: the number typed, if it is one (the field is then emptied for the
 * next one), else the row selected. */
static enum widget_result
home_enter_key(struct screen *s)
{
	struct home *h = s->data;
	char canon[REG_APPNO_SIZE];
	int sel;

	if (reg_app_number_parse(field_value(h->filter), canon) == 0) {
		field_set_value(h->filter, "");
		return home_open(s, canon);
	}
	if ((sel = list_selected(h->list)) < 0 || sel >= h->n) {
		frame_status(s->frame, msg_get("counter.home.nothing_selected"), TTY_WARN);
		return WIDGET_REDRAW;
	}
	return home_open(s, h->numbers[sel]);
}

static enum widget_result
home_verify(struct screen *s, const unsigned char *text, size_t len)
{
	struct home *h = s->data;
	struct counter_verify_arg va;

	va.history = &h->history;
	va.text = text;
	va.len = len;
	if (frame_push(s->frame, &screen_verify, &va) != 0) {
		frame_status(s->frame, msg_get("counter.home.open_failed"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	return WIDGET_RESIZE;
}

static enum widget_result
home_key(struct screen *s, const struct widget_key *k)
{
	struct home *h = s->data;

	if (k->fn) {
		switch (k->ch) {
		case KEY_ENTER:
			return home_enter_key(s);
		case KEY_F(2):
			return home_verify(s, NULL, 0);
		case KEY_F(3):
			return frame_push(s->frame, &screen_history, &h->history) == 0 ?
			    WIDGET_RESIZE : WIDGET_REDRAW;
		case KEY_F(5):
			home_reload(s);
			return WIDGET_REDRAW;
		case KEY_F(8):
			frame_logout(s->frame);
			return WIDGET_RESIZE;
		case KEY_UP: case KEY_DOWN: case KEY_PPAGE: case KEY_NPAGE:
		case KEY_HOME: case KEY_END:
			widget_key(list_widget(h->list), k);
			return WIDGET_REDRAW;
		}
	} else if (k->ch == 27) {
		field_set_value(h->filter, "");
		return WIDGET_REDRAW;
	}
	widget_key(field_widget(h->filter), k);
	return WIDGET_REDRAW;
}

/* A ticket opens its application; a presented code is verified; a plain
 * application number (a ticket's barcode) opens too. */
static enum widget_result
home_scan(struct screen *s, const struct scan_event *ev)
{
	char number[CODE_TICKET_NUMBER_MAX + 1];
	char canon[REG_APPNO_SIZE], text[SCAN_MAX_BYTES + 1];
	enum code_kind kind = code_classify((const char *)ev->text, ev->len);

	if (kind == CODE_TICKET) {
		if (code_ticket_parse((const char *)ev->text, ev->len, number,
		    sizeof number) != 0) {
			frame_status(s->frame, msg_get("counter.home.bad_ticket"), TTY_ERROR);
			return WIDGET_REDRAW;
		}
		return home_open(s, number);
	}
	if (kind == CODE_PRESENT_QR || kind == CODE_BARCODE || kind == CODE_DIGITS)
		return home_verify(s, ev->text, ev->len);
	if (ev->len < sizeof text && memchr(ev->text, '\0', ev->len) == NULL) {
		memcpy(text, ev->text, ev->len);
		text[ev->len] = '\0';
		if (reg_app_number_parse(text, canon) == 0)
			return home_open(s, canon);
	}
	frame_status(s->frame, msg_get("counter.home.not_ticket"), TTY_WARN);
	return WIDGET_REDRAW;
}

/* Follows what other processes do (a kiosk's new form, another counter's
 * decision): every change writes an event, so the event log's last id moves
 * with it, and reading that id each second is cheap on any backend. */
static enum widget_result
home_tick(struct screen *s)
{
	struct home *h = s->data;
	int64_t last;
	struct err e;

	err_clear(&e);
	if (evlog_last_id(frame_reg(s->frame), &last, &e) != 0 ||
	    last == h->last_event)
		return WIDGET_HANDLED;
	h->last_event = last;
	home_reload(s);
	return WIDGET_REDRAW;
}

const struct screen_class screen_counter = {
	.name = "counter",
	.enter = home_enter,
	.leave = home_leave,
	.layout = home_layout,
	.draw = home_draw,
	.key = home_key,
	.scan = home_scan,
	.tick = home_tick,
};

/* --- the session history --- */

static int
history_enter(struct screen *s, void *arg)
{
	static const int widths[4] = { 8, 0, 10, 0 };
	const struct counter_history *hist = arg;
	const struct counter_scan *c;
	const char *titles[4], *cells[4];
	char when[20], what[64], key[48], name[REG_INST_NAME_SIZE];
	struct list *l;
	int i;

	if ((l = list_new(4)) == NULL)
		return -1;
	titles[0] = msg_get("counter.home.col_time");
	titles[1] = msg_get("counter.history.col_outcome");
	titles[2] = msg_get("counter.history.col_kind");
	titles[3] = msg_get("counter.home.col_inst");
	list_set_header(l, titles);
	list_set_widths(l, widths);
	for (i = 0; hist != NULL && (c = counter_history_get(hist, i)) != NULL; i++) {
		clock_format_local(c->at, when, sizeof when);
		snprintf(key, sizeof key, "report.outcome.%s",
		    cert_outcome_name(c->outcome));
		snprintf(what, sizeof what, "%s", c->matter_refused ?
		    msg_get("counter.history.matter_refused") : msg_get(key));
		snprintf(key, sizeof key, "counter.kind.%s", code_kind_name(c->kind));
		text_safe(c->inst, strlen(c->inst), name, sizeof name);
		cells[0] = when + 11;
		cells[1] = what;
		cells[2] = msg_get(key);
		cells[3] = name;
		list_add(l, cells);
	}
	s->root = list_widget(l);
	s->data = l;
	s->title = "counter.title.history";
	return 0;
}

static void
history_leave(struct screen *s)
{
	widget_free(s->root);
}

static void
history_layout(struct screen *s, struct tbox b)
{
	struct footer_item item;

	item.key = "Esc";
	item.label = msg_get("counter.key.back");
	frame_footer(s->frame, &item, 1);
	widget_place(s->root, b.y + 1, b.x + 1, b.h - 1, b.w - 2);
}

static void
history_draw(struct screen *s, struct tbox b)
{
	char line[160];

	snprintf(line, sizeof line, msg_get("counter.history.heading"),
	    list_count(s->data));
	tty_put(b.y, b.x + 1, b.w - 2, line, tty_attr(TTY_LABEL));
	if (list_count(s->data) == 0)
		tty_put(b.y + 3, b.x + 3, b.w - 4, msg_get("counter.history.empty"),
		    tty_attr(TTY_HINT));
}

static enum widget_result
history_key(struct screen *s, const struct widget_key *k)
{
	if (widget_key_char(k, 27) || widget_key_fn(k, KEY_F(3))) {
		frame_pop(s->frame);
		return WIDGET_RESIZE;
	}
	return WIDGET_IGNORED;
}

const struct screen_class screen_history = {
	.name = "history",
	.enter = history_enter,
	.leave = history_leave,
	.layout = history_layout,
	.draw = history_draw,
	.key = history_key,
};
