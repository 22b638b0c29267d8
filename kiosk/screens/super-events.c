/*
 * super-events.c: the supervisor's event list, its filter form and the
 * detail of one event.
 *
 * The list shows one page of events, oldest first, as many as fit: pages are
 * keyset pages (report_events_page() after the last id of the page before),
 * so a page costs the same at the end of a long log as at its start, and
 * events written meanwhile never shift what is shown. starts[] remembers where
 * each page visited began, so the previous page is the same page again. The
 * filter (kind prefix, station, staff, subject, verification outcome, day or
 * the whole log) is typed on its own screen and read back when this one shows
 * again.
 *
 * Every text of an event comes from the registry, which a supervisor must not
 * trust blindly (the log may have been altered): cells are drawn by the list
 * through tty_put(), and the detail view passes each text through
 * text_safe() first, so that a control character shows as "\xNN".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "evlog.h"
#include "field.h"
#include "form.h"
#include "list.h"
#include "report.h"
#include "super.h"
#include "text.h"
#include "tw.h"

#define SUPER_EVENTS_COLS		6
#define SUPER_EVENTS_MIN_PAGE	3
#define SUPER_EVENTS_HEAD_LINES	2	/* the filter line and a blank line */
#define SUPER_EVENTS_MIN_COL	8	/* actor and kind narrow to this first */
#define SUPER_EVENTS_MIN_SUBJECT 13	/* an application number */
#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

/* The filter as typed: copies, so that report_filter can point into it. */
struct super_events_filter {
	int		 whole_log;	/* else the day only */
	int64_t		 day;
	char		 kind[EVLOG_KIND_SIZE];
	char		 station[REG_STATION_SIZE];
	char		 actor[EVLOG_ACTOR_SIZE];
	char		 subject[EVLOG_SUBJECT_SIZE];
	char		 outcome[24];
};

struct super_events_ask {
	struct super_events_filter f;
	int		 chosen;
};

struct super_events {
	struct list	*list;
	struct super_events_filter f;
	struct super_events_ask	 ask;
	struct event	*rows;		/* the page shown, nrows of page_size */
	int		 nrows;
	int		 page_size;
	int64_t		*starts;	/* after_id of each page visited */
	int		 npages, cap;
	int		 more;		/* the page was full: there may be more */
	int64_t		 broken_at;	/* first event off the chain, 0 if none */
};

static const struct screen_class super_events_filter_screen;
static const struct screen_class super_events_one_screen;

static void
super_events_report_filter(const struct super_events_filter *in,
    struct report_filter *out)
{
	report_filter_init(out);
	if (!in->whole_log) {
		out->from = in->day;
		out->to = in->day + CLOCK_DAY;
	}
	out->kind = in->kind[0] != '\0' ? in->kind : NULL;
	out->station = in->station[0] != '\0' ? in->station : NULL;
	out->actor = in->actor[0] != '\0' ? in->actor : NULL;
	out->subject = in->subject[0] != '\0' ? in->subject : NULL;
	out->outcome = in->outcome[0] != '\0' ? in->outcome : NULL;
}

static int
super_events_row(const struct event *e, void *arg)
{
	struct super_events *ev = arg;

	if (ev->nrows < ev->page_size)
		ev->rows[ev->nrows++] = *e;
	return 0;
}

static int
super_events_cells(struct super_events *ev, const struct event *e)
{
	char id[24], at[20];
	const char *cells[SUPER_EVENTS_COLS];

	snprintf(id, sizeof id, "%lld", (long long)e->id);
	clock_format_local(e->at, at, sizeof at);
	cells[0] = id;
	cells[1] = ev->f.whole_log ? at + 5 : at + 11;
	cells[2] = e->station;
	cells[3] = e->actor;
	cells[4] = e->kind;
	cells[5] = e->subject;
	return list_add(ev->list, cells) < 0 ? -1 : 0;
}

/*
 * The columns as wide as the page's content needs: the station, the point of
 * the view, always whole (ids are up to 32 characters); the actor and kind
 * give up room first, down to SUPER_EVENTS_MIN_COL, and the subject takes the rest.
 */
static void
super_events_widths(struct super_events *ev, int total)
{
	static const char *const keys[SUPER_EVENTS_COLS - 1] = { "super.ev.id",
	    "super.ev.at", "super.ev.station", "super.ev.actor", "super.ev.kind" };
	int w[SUPER_EVENTS_COLS], c, i, fixed, over;
	const char *cells[3];
	char id[24];

	for (c = 0; c < SUPER_EVENTS_COLS - 1; c++)
		w[c] = tw_width(msg_get(keys[c]));
	w[1] = w[1] > (ev->f.whole_log ? 14 : 8) ? w[1] : ev->f.whole_log ? 14 : 8;
	for (i = 0; i < ev->nrows; i++) {
		snprintf(id, sizeof id, "%lld", (long long)ev->rows[i].id);
		if ((int)strlen(id) > w[0])
			w[0] = (int)strlen(id);
		cells[0] = ev->rows[i].station;
		cells[1] = ev->rows[i].actor;
		cells[2] = ev->rows[i].kind;
		for (c = 0; c < 3; c++) {
			if (tw_width(cells[c]) > w[c + 2])
				w[c + 2] = tw_width(cells[c]);
		}
	}
	w[SUPER_EVENTS_COLS - 1] = 0;
	fixed = SUPER_EVENTS_COLS - 1;	/* the gaps */
	for (c = 0; c < SUPER_EVENTS_COLS - 1; c++)
		fixed += w[c];
	over = fixed + SUPER_EVENTS_MIN_SUBJECT - total;
	for (c = 4; c >= 3 && over > 0 && total > 0; c--) {
		i = w[c] - SUPER_EVENTS_MIN_COL < over ? w[c] - SUPER_EVENTS_MIN_COL : over;
		if (i > 0) {
			w[c] -= i;
			over -= i;
		}
	}
	list_set_widths(ev->list, w);
}

/* Loads the page that starts after starts[npages - 1]. */
static int
super_events_fetch(struct super_events *ev, struct frame *a)
{
	struct report_filter rf;
	struct err e;
	struct event *rows;
	int i;

	if ((rows = realloc(ev->rows, sizeof *rows * ev->page_size)) == NULL) {
		frame_status(a, msg_get("report.nomem"), TTY_ERROR);
		return -1;
	}
	ev->rows = rows;
	ev->nrows = 0;
	list_clear(ev->list);
	super_events_report_filter(&ev->f, &rf);
	err_clear(&e);
	if (report_events_page(frame_reg(a), &rf, ev->starts[ev->npages - 1],
	    ev->page_size, super_events_row, ev, &e) != 0) {
		super_fail(a, &e);
		return -1;
	}
	ev->more = ev->nrows == ev->page_size;
	super_events_widths(ev, list_widget(ev->list)->w);
	for (i = 0; i < ev->nrows; i++) {
		if (super_events_cells(ev, &ev->rows[i]) != 0) {
			frame_status(a, msg_get("report.nomem"), TTY_ERROR);
			return -1;
		}
	}
	return 0;
}

static enum widget_result
super_events_next(struct super_events *ev, struct frame *a)
{
	int64_t *starts;

	if (!ev->more || ev->nrows == 0) {
		frame_status(a, msg_get("super.ev.last_page"), TTY_HINT);
		return WIDGET_REDRAW;
	}
	if (ev->npages == ev->cap) {
		if ((starts = realloc(ev->starts, sizeof *starts * ev->cap * 2)) ==
		    NULL) {
			frame_status(a, msg_get("report.nomem"), TTY_ERROR);
			return WIDGET_REDRAW;
		}
		ev->starts = starts;
		ev->cap *= 2;
	}
	ev->starts[ev->npages++] = ev->rows[ev->nrows - 1].id;
	super_events_fetch(ev, a);
	list_select(ev->list, 0);
	return WIDGET_REDRAW;
}

static enum widget_result
super_events_prev(struct super_events *ev, struct frame *a)
{
	if (ev->npages <= 1) {
		frame_status(a, msg_get("super.ev.first_page"), TTY_HINT);
		return WIDGET_REDRAW;
	}
	ev->npages--;
	super_events_fetch(ev, a);
	list_select(ev->list, ev->nrows - 1);
	return WIDGET_REDRAW;
}

static void
super_events_free(struct super_events *ev)
{
	if (ev->list != NULL)
		widget_free(list_widget(ev->list));
	free(ev->rows);
	free(ev->starts);
	free(ev);
}

static int
super_events_enter(struct screen *s, void *arg)
{
	static const char *const titles[SUPER_EVENTS_COLS] = {
		"super.ev.id", "super.ev.at", "super.ev.station",
		"super.ev.actor", "super.ev.kind", "super.ev.subject"
	};
	struct super_events *ev;
	int64_t checked;
	struct err e;

	if (arg == NULL || (ev = calloc(1, sizeof *ev)) == NULL)
		return -1;
	ev->f.day = *(const int64_t *)arg;
	ev->page_size = SUPER_EVENTS_MIN_PAGE;
	ev->cap = 16;
	/* Widths come with the first layout, from the page's rows. */
	if ((ev->starts = calloc(ev->cap, sizeof *ev->starts)) == NULL ||
	    (ev->list = super_list_new(SUPER_EVENTS_COLS, titles,
	    NULL)) == NULL) {
		super_events_free(ev);
		return -1;
	}
	err_clear(&e);
	if (evlog_verify(frame_reg(s->frame), &ev->broken_at, &checked, &e) != 0)
		ev->broken_at = 0;
	ev->npages = 1;
	s->root = list_widget(ev->list);
	s->data = ev;
	s->title = "super.ev.title";
	return 0;
}

static void
super_events_leave(struct screen *s)
{
	super_events_free(s->data);
	s->data = NULL;
	s->root = NULL;
}

static void
super_events_layout(struct screen *s, struct tbox b)
{
	struct super_events *ev = s->data;
	int rows = b.h - SUPER_EVENTS_HEAD_LINES - 1, refetch = 0;

	if (rows < SUPER_EVENTS_MIN_PAGE)
		rows = SUPER_EVENTS_MIN_PAGE;
	if (rows > REPORT_PAGE_MAX)
		rows = REPORT_PAGE_MAX;
	if (ev->ask.chosen) {
		ev->ask.chosen = 0;
		ev->f = ev->ask.f;
		ev->npages = 1;
		ev->starts[0] = 0;
		refetch = 1;
	}
	/* A page is what fits: after a resize, the same start, a new size. */
	if (rows != ev->page_size || ev->rows == NULL) {
		ev->page_size = rows;
		refetch = 1;
	}
	widget_place(s->root, b.y + SUPER_EVENTS_HEAD_LINES, b.x,
	    b.h - SUPER_EVENTS_HEAD_LINES, b.w);
	if (refetch)
		super_events_fetch(ev, s->frame);
	else
		super_events_widths(ev, b.w);
}

/* "kind=app. station=k1 ..." of the filter in force, or "none". */
static void
super_events_text(const struct super_events_filter *f, char *buf, size_t len)
{
	const char *names[5] = { "kind", "station", "staff", "subject", "outcome" };
	const char *vals[5] = { f->kind, f->station, f->actor, f->subject,
	    f->outcome };
	size_t off = 0;
	int i, n;

	buf[0] = '\0';
	for (i = 0; i < 5; i++) {
		if (vals[i][0] == '\0' || off >= len)
			continue;
		n = snprintf(buf + off, len - off, "%s%s=%s", off > 0 ? " " : "",
		    names[i], vals[i]);
		if (n < 0)
			break;
		off += (size_t)n;
	}
	if (buf[0] == '\0')
		snprintf(buf, len, "%s", msg_get("super.ev.no_filter"));
}

static void
super_events_draw(struct screen *s, struct tbox b)
{
	struct super_events *ev = s->data;
	char line[512], filt[300], date[11];

	super_events_text(&ev->f, filt, sizeof filt);
	super_date(ev->f.day, date, sizeof date);
	snprintf(line, sizeof line, msg_get("super.ev.head"),
	    ev->f.whole_log ? msg_get("super.ev.whole_log") : date, ev->npages,
	    filt);
	tty_put(b.y, b.x, b.w, line, tty_attr(TTY_LABEL));
	if (ev->nrows == 0)
		tty_put(b.y + SUPER_EVENTS_HEAD_LINES + 1, b.x, b.w,
		    msg_get("super.ev.none"), tty_attr(TTY_HINT));
	else if (ev->broken_at != 0)
		tty_put(b.y + 1, b.x, b.w, msg_get("super.ev.chain_broken"),
		    tty_attr(TTY_BAD));
}

/* --- one event in full --- */

struct super_events_one {
	struct event	 e;
	int64_t		 broken_at;
};

static int
super_events_one_enter(struct screen *s, void *arg)
{
	struct super_events_one *o;

	if (arg == NULL || (o = malloc(sizeof *o)) == NULL)
		return -1;
	memcpy(o, arg, sizeof *o);
	s->data = o;
	s->title = "super.ev.detail_screen";
	return 0;
}

static void
super_events_one_leave(struct screen *s)
{
	free(s->data);
}

/* "Label  value", the value made printable and wrapped under itself; returns
 * the next line. */
static int
super_events_one_line(int y, struct tbox b, const char *key, const char *value, int lw)
{
	char safe[EVLOG_DETAIL_SIZE * 4 + 1], part[sizeof safe];
	const char *p = safe;
	size_t n;
	int vw = b.w - lw - 1;

	text_safe(value, strlen(value), safe, sizeof safe);
	tty_put(y, b.x, lw, msg_get(key), tty_attr(TTY_LABEL));
	if (vw < 4)
		return y + 1;
	do {
		n = tw_fit(p, vw, NULL);
		if (n == 0 && *p != '\0')
			n = 1;
		if (y < b.y + b.h) {
			memcpy(part, p, n);
			part[n] = '\0';
			tty_put(y, b.x + lw + 1, vw, part, tty_attr(TTY_NORMAL));
		}
		p += n;
		y++;
	} while (*p != '\0');
	return y;
}

static void
super_events_one_draw(struct screen *s, struct tbox b)
{
	static const char *const keys[] = { "super.ev.id", "super.ev.at_full",
	    "super.ev.station", "super.ev.actor", "super.ev.kind",
	    "super.ev.subject", "super.ev.detail" };
	const struct super_events_one *o = s->data;
	const struct event *e = &o->e;
	char id[24], at[20];
	const char *vals[NELEM(keys)];
	int lw = 0, y = b.y + 1, t;
	size_t i;

	snprintf(id, sizeof id, "%lld", (long long)e->id);
	clock_format_local(e->at, at, sizeof at);
	vals[0] = id;
	vals[1] = at;
	vals[2] = e->station;
	vals[3] = e->actor;
	vals[4] = e->kind;
	vals[5] = e->subject;
	vals[6] = e->detail;
	for (i = 0; i < NELEM(keys); i++)
		if ((t = tw_width(msg_get(keys[i]))) > lw)
			lw = t;
	lw = lw + 1 > b.w / 3 ? b.w / 3 : lw + 1;
	for (i = 0; i < NELEM(keys); i++)
		y = super_events_one_line(y, b, keys[i], vals[i], lw);
	if (o->broken_at != 0 && e->id >= o->broken_at)
		tty_put(y + 1, b.x, b.w, msg_get(e->id == o->broken_at ?
		    "super.ev.broken_here" : "super.ev.after_break"),
		    tty_attr(TTY_BAD));
}

static const struct screen_key super_events_one_keys[] = {
	{ FRAME_KEY_ESC, "super.key.back", frame_back, NULL, NULL },
	{ KEY_ENTER, NULL, frame_back, NULL, NULL },
	{ 'q', NULL, frame_back, NULL, NULL },
};

static const struct screen_class super_events_one_screen = {
	.name = "super-event",
	.enter = super_events_one_enter,
	.leave = super_events_one_leave,
	.draw = super_events_one_draw,
	FRAME_KEYS(super_events_one_keys),
};

static enum widget_result
super_events_detail(struct screen *s, const struct event *e)
{
	struct super_events *ev = s->data;
	struct super_events_one o;

	o.e = *e;
	o.broken_at = ev->broken_at;
	if (frame_push(s->frame, &super_events_one_screen, &o) != 0) {
		frame_status(s->frame, msg_get("report.nomem"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	return WIDGET_RESIZE;
}

static enum widget_result
super_events_open_filter(struct screen *s, const struct widget_key *k)
{
	struct super_events *ev = s->data;

	(void)k;
	ev->ask.f = ev->f;
	ev->ask.chosen = 0;
	if (frame_push(s->frame, &super_events_filter_screen, &ev->ask) != 0) {
		frame_status(s->frame, msg_get("report.nomem"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	return WIDGET_RESIZE;
}

static enum widget_result
super_events_detail_key(struct screen *s, const struct widget_key *k)
{
	struct super_events *ev = s->data;
	int i;

	(void)k;
	if ((i = list_selected(ev->list)) >= 0 && i < ev->nrows)
		return super_events_detail(s, &ev->rows[i]);
	return WIDGET_HANDLED;
}

static enum widget_result
super_events_next_key(struct screen *s, const struct widget_key *k)
{
	(void)k;
	return super_events_next(s->data, s->frame);
}

static enum widget_result
super_events_prev_key(struct screen *s, const struct widget_key *k)
{
	(void)k;
	return super_events_prev(s->data, s->frame);
}

/* Page Down past the last row, and Page Up before the first, turn the page. */
static int
super_events_at_last(struct screen *s)
{
	struct super_events *ev = s->data;

	return list_selected(ev->list) == ev->nrows - 1;
}

static int
super_events_at_first(struct screen *s)
{
	struct super_events *ev = s->data;

	return list_selected(ev->list) <= 0;
}

static const struct screen_key super_events_keys[] = {
	{ KEY_ENTER, "super.key.detail", super_events_detail_key, NULL, NULL },
	{ KEY_F(3), "super.key.filter", super_events_open_filter, NULL, NULL },
	{ KEY_F(5), "super.key.prev_page", super_events_prev_key, NULL, NULL },
	{ KEY_F(6), "super.key.next_page", super_events_next_key, NULL, NULL },
	{ FRAME_KEY_ESC, "super.key.back", frame_back, NULL, NULL },
	{ KEY_NPAGE, NULL, super_events_next_key, super_events_at_last, NULL },
	{ KEY_PPAGE, NULL, super_events_prev_key, super_events_at_first, NULL },
};

const struct screen_class super_events_screen = {
	.name = "super-events",
	.enter = super_events_enter,
	.leave = super_events_leave,
	.layout = super_events_layout,
	.draw = super_events_draw,
	FRAME_KEYS(super_events_keys),
};

/* --- the filter form --- */

enum { SUPER_EVENTS_FILTER_KIND, SUPER_EVENTS_FILTER_STATION,
    SUPER_EVENTS_FILTER_STAFF, SUPER_EVENTS_FILTER_SUBJECT,
    SUPER_EVENTS_FILTER_OUTCOME, SUPER_EVENTS_FILTER_DATE, SUPER_EVENTS_FILTER_N };

struct super_events_filter_form {
	struct form	*form;
	struct field	*field[SUPER_EVENTS_FILTER_N];
	struct super_events_ask	*ask;
};

static const char *
super_events_filter_check_outcome(const char *v, void *arg)
{
	int i;

	(void)arg;
	if (*v == '\0')
		return NULL;
	for (i = 0; i < REPORT_NOUTCOMES; i++)
		if (strcmp(v, cert_outcome_name(i)) == 0)
			return NULL;
	return msg_get("report.outcome_invalid");
}

static const char *
super_events_filter_check_date(const char *v, void *arg)
{
	int64_t t;

	(void)arg;
	if (*v == '\0' || clock_parse_local_date(v, &t) == 0)
		return NULL;
	return msg_get("super.date_invalid");
}

static int
super_events_filter_make(struct super_events_filter_form *ff)
{
	static const char *const labels[SUPER_EVENTS_FILTER_N] = { "super.fl.kind",
	    "super.fl.station", "super.fl.staff", "super.fl.subject",
	    "super.fl.outcome", "super.fl.date" };
	static const char *const hints[SUPER_EVENTS_FILTER_N] = {
	    "super.fl.kind_hint", NULL, NULL, "super.fl.subject_hint",
	    "super.fl.outcome_hint", "super.fl.date_hint" };
	static const size_t max[SUPER_EVENTS_FILTER_N] = { EVLOG_KIND_SIZE - 1,
	    REG_STATION_SIZE - 1, REG_STAFF_NAME_SIZE - 1, EVLOG_SUBJECT_SIZE - 1,
	    23, 10 };
	int i;

	if ((ff->form = form_new()) == NULL)
		return -1;
	for (i = 0; i < SUPER_EVENTS_FILTER_N; i++) {
		if ((ff->field[i] = field_new(msg_get(labels[i]), max[i])) == NULL)
			return -1;
		if (hints[i] != NULL)
			field_set_hint(ff->field[i], msg_get(hints[i]));
		if (form_add(ff->form, field_widget(ff->field[i])) != 0)
			return -1;
	}
	field_set_alphabet(ff->field[SUPER_EVENTS_FILTER_KIND],
	    "abcdefghijklmnopqrstuvwxyz._");
	field_set_alphabet(ff->field[SUPER_EVENTS_FILTER_OUTCOME],
	    "abcdefghijklmnopqrstuvwxyz_");
	field_set_alphabet(ff->field[SUPER_EVENTS_FILTER_DATE], "0123456789-");
	field_set_check(ff->field[SUPER_EVENTS_FILTER_OUTCOME],
	    super_events_filter_check_outcome, NULL);
	field_set_check(ff->field[SUPER_EVENTS_FILTER_DATE],
	    super_events_filter_check_date, NULL);
	form_set_submit_key(ff->form, 0);	/* F2 is the screen's */
	return 0;
}

static int
super_events_filter_enter(struct screen *s, void *arg)
{
	struct super_events_filter_form *ff;
	const struct super_events_filter *f;
	char date[11];

	if (arg == NULL || (ff = calloc(1, sizeof *ff)) == NULL)
		return -1;
	ff->ask = arg;
	f = &ff->ask->f;
	if (super_events_filter_make(ff) != 0) {
		if (ff->form != NULL)
			widget_free(form_widget(ff->form));
		free(ff);
		return -1;
	}
	super_date(f->day, date, sizeof date);
	field_set_value(ff->field[SUPER_EVENTS_FILTER_KIND], f->kind);
	field_set_value(ff->field[SUPER_EVENTS_FILTER_STATION], f->station);
	field_set_value(ff->field[SUPER_EVENTS_FILTER_STAFF], f->actor);
	field_set_value(ff->field[SUPER_EVENTS_FILTER_SUBJECT], f->subject);
	field_set_value(ff->field[SUPER_EVENTS_FILTER_OUTCOME], f->outcome);
	field_set_value(ff->field[SUPER_EVENTS_FILTER_DATE], f->whole_log ? "" : date);
	s->root = form_widget(ff->form);
	s->data = ff;
	s->title = "super.fl.title";
	return 0;
}

static void
super_events_filter_leave(struct screen *s)
{
	widget_free(s->root);
	free(s->data);
}

static void
super_events_filter_layout(struct screen *s, struct tbox b)
{
	widget_place(s->root, b.y + 1, b.x + 2, b.h - 1, b.w - 4);
}

static int
super_events_filter_copy(struct field *fd, char *out, size_t len)
{
	const char *v = field_value(fd);

	if (v == NULL || strlen(v) >= len)
		return -1;
	memcpy(out, v, strlen(v) + 1);
	return 0;
}

static enum widget_result
super_events_filter_apply(struct screen *s, const struct widget_key *k)
{
	struct super_events_filter_form *ff = s->data;
	struct super_events_filter f = ff->ask->f;
	const char *date;

	(void)k;
	if (form_check(ff->form) != 0)
		return WIDGET_REDRAW;
	if (super_events_filter_copy(ff->field[SUPER_EVENTS_FILTER_KIND],
	    f.kind, sizeof f.kind) != 0 ||
	    super_events_filter_copy(ff->field[SUPER_EVENTS_FILTER_STATION],
	    f.station, sizeof f.station) != 0 ||
	    super_events_filter_copy(ff->field[SUPER_EVENTS_FILTER_STAFF],
	    f.actor, sizeof f.actor) != 0 ||
	    super_events_filter_copy(ff->field[SUPER_EVENTS_FILTER_SUBJECT],
	    f.subject, sizeof f.subject) != 0 ||
	    super_events_filter_copy(ff->field[SUPER_EVENTS_FILTER_OUTCOME],
	    f.outcome, sizeof f.outcome) != 0)
		return WIDGET_REDRAW;
	date = field_value(ff->field[SUPER_EVENTS_FILTER_DATE]);
	f.whole_log = date == NULL || *date == '\0';
	if (!f.whole_log && clock_parse_local_date(date, &f.day) != 0)
		return WIDGET_REDRAW;
	ff->ask->f = f;
	ff->ask->chosen = 1;
	frame_pop(s->frame);
	return WIDGET_RESIZE;
}

static const struct screen_key super_events_filter_keys[] = {
	{ KEY_F(2), "super.key.apply", super_events_filter_apply, NULL, NULL },
	{ '\t', "super.key.next_field", NULL, NULL, NULL },
	{ FRAME_KEY_ESC, "super.key.back", frame_back, NULL, NULL },
	{ KEY_ENTER, NULL, super_events_filter_apply, NULL, NULL },
};

static const struct screen_class super_events_filter_screen = {
	.name = "super-filter",
	.enter = super_events_filter_enter,
	.leave = super_events_filter_leave,
	.layout = super_events_filter_layout,
	FRAME_KEYS(super_events_filter_keys),
	.scan = super_scan_as_keys,
};
