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

#define COUNTER_QUEUE_FILTER_CHARS	40
#define COUNTER_QUEUE_MAX_ROWS		2000	/* a hall takes far fewer in a day */

struct counter_queue {
	struct field		*filter;
	struct list		*list;
	char			 shown_filter[COUNTER_QUEUE_FILTER_CHARS * 4 + 1];
	char			 numbers[COUNTER_QUEUE_MAX_ROWS][REG_APPNO_SIZE];
	int			 n;
	int64_t			 last_event;	/* the event log's, when last read */
	struct counter_history	 history;
};

/* --- the home --- */

struct home_fill {
	struct counter_queue	*h;
	char		 keep[REG_APPNO_SIZE];
	int		 select;
};

static int
counter_queue_row(const struct application *ap, void *arg)
{
	struct home_fill *f = arg;
	struct counter_queue *h = f->h;
	char when[20], name[REG_INST_NAME_SIZE];
	const char *cells[5];
	char kind[40], status[40];

	if (h->n == COUNTER_QUEUE_MAX_ROWS)
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
counter_queue_reload(struct screen *s)
{
	struct counter_queue *h = s->data;
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
	/* Read first, so that the tick reloads for what comes after, and only
	 * for that. */
	if (evlog_last_id(frame_reg(s->frame), &h->last_event, &e) != 0 ||
	    reg_app_list(frame_reg(s->frame), &flt, counter_queue_row, &f, &e) != 0)
		frame_status(s->frame, msg_get(e.key), TTY_ERROR);
	if (f.select >= 0)
		list_select(h->list, f.select);
}

static int
counter_queue_enter(struct screen *s, void *arg)
{
	static const int widths[5] = { 13, 8, 18, 10, 0 };
	const char *titles[5];
	struct counter_queue *h;

	(void)arg;
	if ((h = calloc(1, sizeof *h)) == NULL)
		return -1;
	if ((h->filter = field_new(msg_get("counter.home.filter"),
	    COUNTER_QUEUE_FILTER_CHARS)) == NULL || (h->list = list_new(5)) == NULL) {
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
	counter_queue_reload(s);
	return 0;
}

static void
counter_queue_leave(struct screen *s)
{
	struct counter_queue *h = s->data;

	widget_free(field_widget(h->filter));
	widget_free(list_widget(h->list));
	sodium_memzero(h, sizeof *h);
	free(h);
}

static void
counter_queue_layout(struct screen *s, struct tbox b)
{
	struct counter_queue *h = s->data;
	struct widget *f = field_widget(h->filter);

	f->label_w = text_width(f->label);
	widget_place(f, b.y + 1, b.x + 1, 2, b.w - 2);
	widget_place(list_widget(h->list), b.y + 3, b.x + 1, b.h - 3, b.w - 2);
}

static void
counter_queue_draw(struct screen *s, struct tbox b)
{
	struct counter_queue *h = s->data;
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
counter_queue_open(struct screen *s, const char *number)
{
	char canon[REG_APPNO_SIZE];
	struct application ap;
	struct err e;

	err_clear(&e);
	if (reg_app_number_parse(number, canon) != 0 ||
	    reg_app_get(frame_reg(s->frame), canon, &ap, &e) != 0) {
		frame_status(s->frame, msg_get(e.key != NULL ? e.key :
		    "app.number_invalid"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	if (frame_push(s->frame, &counter_review_screen, canon) != 0) {
		frame_status(s->frame, msg_get("counter.home.open_failed"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	return WIDGET_RESIZE;
}

/* Enter: the number typed, if it is one (the field is then emptied for the
 * next one), else the row selected. */
static enum widget_result
counter_queue_enter_key(struct screen *s, const struct widget_key *k)
{
	struct counter_queue *h = s->data;
	char canon[REG_APPNO_SIZE];
	int sel;

	(void)k;
	if (reg_app_number_parse(field_value(h->filter), canon) == 0) {
		field_set_value(h->filter, "");
		return counter_queue_open(s, canon);
	}
	if ((sel = list_selected(h->list)) < 0 || sel >= h->n) {
		frame_status(s->frame, msg_get("counter.home.nothing_selected"),
		    TTY_WARN);
		return WIDGET_REDRAW;
	}
	return counter_queue_open(s, h->numbers[sel]);
}

static enum widget_result
counter_queue_verify(struct screen *s, const unsigned char *text, size_t len)
{
	struct counter_queue *h = s->data;
	struct counter_verify_arg va;

	va.history = &h->history;
	va.text = text;
	va.len = len;
	if (frame_push(s->frame, &counter_verify_screen, &va) != 0) {
		frame_status(s->frame, msg_get("counter.home.open_failed"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	return WIDGET_RESIZE;
}

static enum widget_result
counter_queue_verify_key(struct screen *s, const struct widget_key *k)
{
	(void)k;
	return counter_queue_verify(s, NULL, 0);
}

static enum widget_result
counter_queue_history(struct screen *s, const struct widget_key *k)
{
	struct counter_queue *h = s->data;

	(void)k;
	return frame_push(s->frame, &counter_queue_history_screen, &h->history) == 0 ?
	    WIDGET_RESIZE : WIDGET_REDRAW;
}

static enum widget_result
counter_queue_refresh(struct screen *s, const struct widget_key *k)
{
	(void)k;
	counter_queue_reload(s);
	return WIDGET_REDRAW;
}

static enum widget_result
counter_queue_logout(struct screen *s, const struct widget_key *k)
{
	(void)k;
	frame_logout(s->frame);
	return WIDGET_RESIZE;
}

/* Esc empties the filter: the home has nothing to go back to. */
static enum widget_result
counter_queue_clear(struct screen *s, const struct widget_key *k)
{
	struct counter_queue *h = s->data;

	(void)k;
	field_set_value(h->filter, "");
	return WIDGET_REDRAW;
}

/* The view of one certificate, by its credit code or a presented code. */
static enum widget_result
counter_queue_cert(struct screen *s, const struct widget_key *k)
{
	(void)k;
	return frame_push(s->frame, &counter_cert_screen, NULL) == 0 ?
	    WIDGET_RESIZE : WIDGET_REDRAW;
}

/* F10 is the frame's (quit). */
static const struct screen_key counter_queue_keys[] = {
	{ KEY_ENTER, "counter.home.key_open", counter_queue_enter_key, NULL, NULL },
	{ KEY_F(2), "counter.home.key_verify", counter_queue_verify_key, NULL, NULL },
	{ KEY_F(3), "counter.home.key_history", counter_queue_history, NULL, NULL },
	{ KEY_F(4), "counter.home.key_cert", counter_queue_cert, NULL, NULL },
	{ KEY_F(5), "counter.home.key_refresh", counter_queue_refresh, NULL, NULL },
	{ KEY_F(8), "counter.home.key_logout", counter_queue_logout, NULL, NULL },
	{ KEY_F(10), "counter.key.quit", NULL, NULL, NULL },
	{ FRAME_KEY_ESC, NULL, counter_queue_clear, NULL, NULL },
};

/* The rest: the list's moving keys, and typing into the filter. */
static enum widget_result
counter_queue_key(struct screen *s, const struct widget_key *k)
{
	struct counter_queue *h = s->data;

	if (k->fn && (k->ch == KEY_UP || k->ch == KEY_DOWN || k->ch == KEY_PPAGE ||
	    k->ch == KEY_NPAGE || k->ch == KEY_HOME || k->ch == KEY_END)) {
		widget_key(list_widget(h->list), k);
		return WIDGET_REDRAW;
	}
	widget_key(field_widget(h->filter), k);
	return WIDGET_REDRAW;
}

/* A ticket opens its application; a presented code is verified; a plain
 * application number (a ticket's barcode) opens too. */
static enum widget_result
counter_queue_scan(struct screen *s, const struct scan_event *ev)
{
	char number[CODE_TICKET_NUMBER_MAX + 1];
	char canon[REG_APPNO_SIZE], text[SCAN_MAX_BYTES + 1];
	enum code_kind kind = code_classify((const char *)ev->text, ev->len);

	if (kind == CODE_TICKET) {
		if (code_ticket_parse((const char *)ev->text, ev->len, number,
		    sizeof number) != 0) {
			frame_status(s->frame,
			    msg_get("counter.home.bad_ticket"), TTY_ERROR);
			return WIDGET_REDRAW;
		}
		return counter_queue_open(s, number);
	}
	if (kind == CODE_PRESENT_QR || kind == CODE_BARCODE || kind == CODE_DIGITS)
		return counter_queue_verify(s, ev->text, ev->len);
	if (ev->len < sizeof text && memchr(ev->text, '\0', ev->len) == NULL) {
		memcpy(text, ev->text, ev->len);
		text[ev->len] = '\0';
		if (reg_app_number_parse(text, canon) == 0)
			return counter_queue_open(s, canon);
	}
	snprintf(text, sizeof text, msg_get("counter.home.not_ticket"),
	    frame_keys_name(s->frame, KEY_F(2)));
	frame_status(s->frame, text, TTY_WARN);
	return WIDGET_REDRAW;
}

/* Follows what other processes do (a kiosk's new form, another counter's
 * decision): every change writes an event, so the event log's last id moves
 * with it, and reading that id each second is cheap on any backend. */
static enum widget_result
counter_queue_tick(struct screen *s)
{
	struct counter_queue *h = s->data;
	int64_t last;
	struct err e;

	err_clear(&e);
	if (evlog_last_id(frame_reg(s->frame), &last, &e) != 0 ||
	    last == h->last_event)
		return WIDGET_HANDLED;
	counter_queue_reload(s);
	return WIDGET_REDRAW;
}

const struct screen_class counter_queue_screen = {
	.name = "counter",
	.enter = counter_queue_enter,
	.leave = counter_queue_leave,
	.layout = counter_queue_layout,
	.draw = counter_queue_draw,
	FRAME_KEYS(counter_queue_keys),
	.key = counter_queue_key,
	.scan = counter_queue_scan,
	.tick = counter_queue_tick,
};

/* --- the session history --- */

static int
counter_queue_history_enter(struct screen *s, void *arg)
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
counter_queue_history_leave(struct screen *s)
{
	widget_free(s->root);
}

static void
counter_queue_history_layout(struct screen *s, struct tbox b)
{
	widget_place(s->root, b.y + 1, b.x + 1, b.h - 1, b.w - 2);
}

static void
counter_queue_history_draw(struct screen *s, struct tbox b)
{
	char line[160];

	snprintf(line, sizeof line, msg_get("counter.history.heading"),
	    list_count(s->data));
	tty_put(b.y, b.x + 1, b.w - 2, line, tty_attr(TTY_LABEL));
	if (list_count(s->data) == 0)
		tty_put(b.y + 3, b.x + 3, b.w - 4, msg_get("counter.history.empty"),
		    tty_attr(TTY_HINT));
}

/* F3 opened it, F3 closes it. */
static const struct screen_key counter_queue_history_keys[] = {
	{ FRAME_KEY_ESC, "counter.key.back", frame_back, NULL, NULL },
	{ KEY_F(3), NULL, frame_back, NULL, NULL },
};

const struct screen_class counter_queue_history_screen = {
	.name = "history",
	.enter = counter_queue_history_enter,
	.leave = counter_queue_history_leave,
	.layout = counter_queue_history_layout,
	.draw = counter_queue_history_draw,
	FRAME_KEYS(counter_queue_history_keys),
};
