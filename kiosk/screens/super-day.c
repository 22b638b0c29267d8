/*
 * super-day.c: the supervisor's home, what a hall did on one day.
 *
 * Three views of the day chosen (today at first): the figures of report_day()
 * as a scrolling view, each against the same weekday a week before (overall,
 * verifications by outcome, then per station and per staff member, a figure a
 * row so that any number of them fits 80x24); the day's events per hour; and
 * events per day over the 30 days that end with it. Both charts are drawn as
 * horizontal bars in two halves side by side, so a count is never cut to fit
 * a narrow column. Above the view, always, whether the event log's hash chain
 * is intact: if not, a banner names the first event that does not follow,
 * because every figure below is then in doubt.
 *
 * The screen reads everything through core/report.h and evlog.h and keeps no
 * personal data: the figures are counts, and names are station and staff IDs.
 * It also holds the date prompt, which every supervisor screen may push.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "clock.h"
#include "dialog.h"
#include "evlog.h"
#include "field.h"
#include "form.h"
#include "report.h"
#include "super.h"
#include "tw.h"

#define SUPER_DAYS		30	/* the long chart */
#define SUPER_REFRESH_TICKS	30	/* seconds between quiet reloads */
#define SUPER_NUM_COLS		8	/* each number column, right-aligned */

enum super_view { VIEW_FIGURES, VIEW_HOURS, VIEW_DAYS, VIEW_N };

/* The event kinds the charts can count, by prefix ("" is every event). */
static const char *const super_kinds[] = {
	"", "app.", "claimqr.", "cert.", "auth.", "verify.", "login.", "staff.",
};
#define SUPER_NKINDS	(sizeof super_kinds / sizeof super_kinds[0])

struct super {
	int64_t			 day;
	int64_t			 today;
	struct report_day	*rep;	/* NULL until loaded */
	struct super_line	*lines;	/* the figures, nlines of cap */
	int			 nlines, cap;
	int			 top;	/* first line shown */
	int			 page;	/* lines shown */
	struct chart		*half[2];
	int			 hourly[24];
	int			 daily[SUPER_DAYS];
	enum super_view		 view;
	size_t			 kind;
	int			 log_state;	/* 0 unknown, 1 intact, -1 broken */
	int64_t			 broken_at, checked, checked_at;
	struct super_date_ask	 ask;
	int			 stale;		/* reload when shown again */
	int			 ticks;
	int64_t			 last_event;	/* the event log's, when last loaded */
};

/* --- shared helpers --- */

int64_t
super_day_of(int64_t t)
{
	char date[11];
	int64_t start;

	clock_local_date(t, date, sizeof date);
	if (clock_parse_local_date(date, &start) != 0)
		return t - (t + CLOCK_LOCAL_OFFSET) % CLOCK_DAY;
	return start;
}

void
super_date(int64_t day, char *buf, size_t len)
{
	clock_local_date(day, buf, len);
}

enum widget_result
super_scan_as_keys(struct screen *s, const struct scan_event *ev)
{
	struct widget_key k;
	size_t i;

	if (s->root == NULL)
		return WIDGET_HANDLED;
	memset(&k, 0, sizeof k);
	k.ms = ev->at_ms;
	for (i = 0; i < ev->len; i++) {
		if (ev->text[i] < 0x20 || ev->text[i] >= 0x7f)
			continue;
		k.ch = ev->text[i];
		widget_key(s->root, &k);
	}
	return WIDGET_REDRAW;
}

void
super_fail(struct frame *a, const struct err *e)
{
	char text[320];

	if (e->detail[0] != '\0')
		snprintf(text, sizeof text, "%s (%s)", msg_get(e->key != NULL ?
		    e->key : "super.failed"), e->detail);
	else
		snprintf(text, sizeof text, "%s", msg_get(e->key != NULL ? e->key :
		    "super.failed"));
	frame_status(a, text, TTY_ERROR);
}

/* Day of the week, 0 for Sunday. */
static int
super_wday(int64_t day)
{
	int y, m, d;
	int64_t days;

	clock_local_ymd(day, &y, &m, &d);
	if (clock_days_from_civil(y, m, d, &days) != 0)
		return 0;
	return (int)(((days % 7) + 11) % 7);	/* 1970-01-01 was a Thursday */
}

static const char *
super_wday_name(int64_t day)
{
	static const char *const keys[7] = { "super.wday.0", "super.wday.1",
	    "super.wday.2", "super.wday.3", "super.wday.4", "super.wday.5",
	    "super.wday.6" };

	return msg_get(keys[super_wday(day)]);
}

/* --- the figures --- */

/* A line of the figures view: a section title, or a figure with its two
 * counts. Drawn by this file, not a list widget: the view only scrolls, and
 * nothing in it is chosen. */
struct super_line {
	char		 label[160];
	int		 numbers;
	int		 today, week;
};

static const enum report_fig super_sec_claims[] = {
	REPORT_APPS, REPORT_APPROVED, REPORT_REJECTED, REPORT_CLAIMQR_SHOWN,
	REPORT_CLAIMED, REPORT_CLAIMQR_EXPIRED,
};
static const enum report_fig super_sec_auth[] = {
	REPORT_MANAGERS_ADDED, REPORT_MANAGERS_DELETED, REPORT_USERS_ADDED,
	REPORT_USERS_DELETED, REPORT_AUTH_GRANTED, REPORT_AUTH_CANCELLED,
	REPORT_AUTH_LAPSED,
};
static const enum report_fig super_sec_logins[] = {
	REPORT_SCAN_LOGINS, REPORT_STAFF_LOGINS, REPORT_STAFF_LOGIN_FAILED,
	REPORT_STAFF_LOCKED,
};
#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

static int
super_row(struct super *sp, const char *label, int today, int week, int numbers)
{
	struct super_line *l;
	int cap;

	if (sp->nlines == sp->cap) {
		cap = sp->cap == 0 ? 64 : sp->cap * 2;
		if ((l = realloc(sp->lines, sizeof *l * cap)) == NULL)
			return -1;
		sp->lines = l;
		sp->cap = cap;
	}
	l = &sp->lines[sp->nlines++];
	snprintf(l->label, sizeof l->label, "%s", label);
	l->numbers = numbers;
	l->today = today;
	l->week = week;
	return 0;
}

static int
super_fig_row(struct super *sp, const char *indent, enum report_fig f,
    const int *today, const int *week)
{
	char label[160];

	snprintf(label, sizeof label, "%s%s", indent, msg_get(report_fig_key(f)));
	return super_row(sp, label, today[f], week[f], 1);
}

static int
super_section(struct super *sp, const char *key, const enum report_fig *figs,
    size_t n)
{
	const struct report_day *r = sp->rep;
	size_t i;

	if (super_row(sp, msg_get(key), 0, 0, 0) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (super_fig_row(sp, "  ", figs[i], r->today.fig,
		    r->last_week.fig) != 0)
			return -1;
	}
	return 0;
}

static int
super_verify_rows(struct super *sp)
{
	const struct report_day *r = sp->rep;
	char key[64], label[160];
	int i;

	if (super_row(sp, msg_get("super.sec.verify"), 0, 0, 0) != 0 ||
	    super_fig_row(sp, "  ", REPORT_VERIFY_VALID, r->today.fig,
	    r->last_week.fig) != 0 ||
	    super_fig_row(sp, "  ", REPORT_VERIFY_INVALID, r->today.fig,
	    r->last_week.fig) != 0)
		return -1;
	for (i = 0; i < REPORT_NOUTCOMES; i++) {
		if (i == VERIFY_VALID ||
		    (r->today.verify[i] == 0 && r->last_week.verify[i] == 0))
			continue;
		snprintf(key, sizeof key, "report.outcome.%s", cert_outcome_name(i));
		snprintf(label, sizeof label, "    %s", msg_get(key));
		if (super_row(sp, label, r->today.verify[i], r->last_week.verify[i],
		    1) != 0)
			return -1;
	}
	return 0;
}

/* One station or staff member: its events, then every figure it moved. */
static int
super_who_rows(struct super *sp, const char *name, const struct report_row *row)
{
	int f;

	if (super_row(sp, name, row->today[REPORT_EVENTS],
	    row->last_week[REPORT_EVENTS], 1) != 0)
		return -1;
	for (f = REPORT_EVENTS + 1; f < REPORT_NFIGS; f++) {
		if (row->today[f] == 0 && row->last_week[f] == 0)
			continue;
		if (super_fig_row(sp, "    ", f, row->today, row->last_week) != 0)
			return -1;
	}
	return 0;
}

static int
super_who_section(struct super *sp, const char *key, const struct report_row *rows,
    int n, const struct report_row *other, int nother)
{
	char label[96];
	int i;

	if (super_row(sp, msg_get(key), 0, 0, 0) != 0)
		return -1;
	if (n == 0 && nother == 0)
		return super_row(sp, msg_get("super.none"), 0, 0, 0);
	for (i = 0; i < n; i++) {
		snprintf(label, sizeof label, "  %s", rows[i].name);
		if (super_who_rows(sp, label, &rows[i]) != 0)
			return -1;
	}
	if (nother > 0) {
		snprintf(label, sizeof label, "  ");
		snprintf(label + 2, sizeof label - 2, msg_get("super.others"), nother);
		return super_who_rows(sp, label, other);
	}
	return 0;
}

static int
super_fill(struct super *sp)
{
	const struct report_day *r = sp->rep;

	sp->nlines = 0;
	if (super_fig_row(sp, "", REPORT_EVENTS, r->today.fig,
	    r->last_week.fig) != 0 ||
	    super_section(sp, "super.sec.claims", super_sec_claims,
	    NELEM(super_sec_claims)) != 0 ||
	    super_section(sp, "super.sec.auth", super_sec_auth,
	    NELEM(super_sec_auth)) != 0 ||
	    super_verify_rows(sp) != 0 ||
	    super_section(sp, "super.sec.logins", super_sec_logins,
	    NELEM(super_sec_logins)) != 0 ||
	    super_who_section(sp, "super.sec.stations", r->stations, r->nstations,
	    &r->station_other, r->station_others) != 0 ||
	    super_who_section(sp, "super.sec.staff", r->staff, r->nstaff,
	    &r->staff_other, r->staff_others) != 0)
		return -1;
	return 0;
}

/* --- charts --- */

static int
super_set_half(struct chart *c, char labels[][8], const int *counts, int n)
{
	const char *lp[CHART_MAX_BARS];
	long v[CHART_MAX_BARS];
	int i;

	for (i = 0; i < n && i < CHART_MAX_BARS; i++) {
		lp[i] = labels[i];
		v[i] = counts[i];
	}
	return chart_set(c, lp, v, (size_t)i);
}

/* The chart of the view, in two halves on one scale. */
static int
super_charts(struct super *sp)
{
	char labels[SUPER_DAYS][8], date[11];
	int i, n, half;
	int *counts;
	long max = 0;

	if (sp->view == VIEW_HOURS) {
		n = 24;
		counts = sp->hourly;
		for (i = 0; i < n; i++)
			snprintf(labels[i], sizeof labels[i], "%02d", i);
	} else {
		n = SUPER_DAYS;
		counts = sp->daily;
		for (i = 0; i < n; i++) {
			super_date(sp->day - (int64_t)(n - 1 - i) * CLOCK_DAY, date,
			    sizeof date);
			snprintf(labels[i], sizeof labels[i], "%.5s", date + 5);
		}
	}
	for (i = 0; i < n; i++)
		if (counts[i] > max)
			max = counts[i];
	half = (n + 1) / 2;
	chart_set_scale(sp->half[0], max);
	chart_set_scale(sp->half[1], max);
	if (super_set_half(sp->half[0], labels, counts, half) != 0 ||
	    super_set_half(sp->half[1], labels + half, counts + half,
	    n - half) != 0)
		return -1;
	return 0;
}

/* --- loading --- */

static void
super_check_log(struct super *sp, struct frame *a)
{
	struct err e;
	int was = sp->log_state;

	err_clear(&e);
	if (evlog_verify(frame_reg(a), &sp->broken_at, &sp->checked, &e) != 0) {
		sp->log_state = 0;
		super_fail(a, &e);
		return;
	}
	sp->log_state = sp->broken_at == 0 ? 1 : -1;
	sp->checked_at = clock_now();
	/* Once, when the break is found, not at every quiet reload. */
	if (sp->log_state < 0 && was >= 0)
		frame_bell(a, 0);
}

static int
super_load(struct super *sp, struct frame *a)
{
	const char *kind = super_kinds[sp->kind];
	struct err e;

	err_clear(&e);
	sp->today = super_day_of(clock_now());
	if (report_day(frame_reg(a), sp->day, sp->rep, &e) != 0 ||
	    report_hourly(frame_reg(a), sp->day, kind, sp->hourly, &e) != 0 ||
	    report_daily(frame_reg(a), sp->day, SUPER_DAYS, kind, sp->daily,
	    &e) != 0) {
		super_fail(a, &e);
		return -1;
	}
	if (super_fill(sp) != 0 || (sp->view != VIEW_FIGURES &&
	    super_charts(sp) != 0)) {
		err_set(&e, ERR_SYSTEM, NULL, "report.nomem", NULL);
		super_fail(a, &e);
		return -1;
	}
	return 0;
}

static void
super_reload(struct super *sp, struct frame *a)
{
	super_load(sp, a);
	super_check_log(sp, a);
	sp->ticks = 0;
}

/* --- the screen --- */

/* What fits 80 columns: the refresh key works unsaid (the screen refreshes by
 * itself), and the kind key only matters with a chart. */
static void
super_set_footer(struct screen *s)
{
	struct super *sp = s->data;
	struct footer_item items[] = {
		{ "\xe2\x86\x90\xe2\x86\x92", msg_get("super.key.day") },
		{ "F2", msg_get("super.key.date") },
		{ "F3", msg_get(sp->view == VIEW_DAYS ? "super.key.figures" :
		    "super.key.charts") },
		{ "F4", msg_get("super.key.events") },
		{ "F5", msg_get("super.key.export") },
		{ "F6", msg_get("super.key.staff") },
		{ "F7", msg_get("super.key.check") },
		{ "F8", msg_get("super.key.logout") },
		{ "F9", msg_get("super.key.refresh") },
	};

	if (sp->view != VIEW_FIGURES) {
		items[NELEM(items) - 1].key = "K";
		items[NELEM(items) - 1].label = msg_get("super.key.kind");
	}
	frame_footer(s->frame, items, NELEM(items));
}

/* text right-aligned in SUPER_NUM_COLS columns (wider text is left as is). */
static void
super_right(char *buf, size_t len, const char *text)
{
	int pad = SUPER_NUM_COLS - tw_width(text);

	snprintf(buf, len, "%*s%s", pad > 0 ? pad : 0, "", text);
}

/* Lines the integrity notice takes: a banner when the chain is broken. */
static int
super_notice_lines(const struct super *sp)
{
	return sp->log_state < 0 ? DIALOG_BANNER_LINES : 1;
}

static void
super_scroll(struct super *sp, int top)
{
	if (top > sp->nlines - sp->page)
		top = sp->nlines - sp->page;
	sp->top = top < 0 ? 0 : top;
}

static enum widget_result
super_scroll_key(struct super *sp, uint32_t key)
{
	int was = sp->top;

	switch (key) {
	case KEY_UP:
		super_scroll(sp, sp->top - 1);
		break;
	case KEY_DOWN:
		super_scroll(sp, sp->top + 1);
		break;
	case KEY_PPAGE:
		super_scroll(sp, sp->top - sp->page);
		break;
	case KEY_NPAGE:
		super_scroll(sp, sp->top + sp->page);
		break;
	case KEY_HOME:
		super_scroll(sp, 0);
		break;
	case KEY_END:
		super_scroll(sp, sp->nlines);
		break;
	default:
		return WIDGET_IGNORED;
	}
	return sp->top == was ? WIDGET_HANDLED : WIDGET_REDRAW;
}

/* The column titles, then the lines from top: labels on the left, the three
 * numbers right-aligned on the right, sections in the label colour. */
static void
super_draw_figures(struct super *sp, struct tbox b)
{
	static const char *const cols[3] = { "super.col.today",
	    "super.col.week", "super.col.change" };
	const struct super_line *l;
	char num[64], more[48];
	int y = b.y + 1 + super_notice_lines(sp), nx, i, c;
	int lw = b.w - 3 * (SUPER_NUM_COLS + 1);
	attr_t title = tty_attr(TTY_TITLE);

	tty_fill(y, b.x, 1, b.w, title);
	tty_put(y, b.x, lw, msg_get("super.col.figure"), title);
	if (sp->nlines > sp->page) {
		snprintf(more, sizeof more, msg_get("super.lines"), sp->top + 1,
		    sp->top + sp->page < sp->nlines ? sp->top + sp->page :
		    sp->nlines, sp->nlines);
		tty_put(y, b.x + lw - tw_width(more) - 1, lw / 2, more, title);
	}
	for (c = 0; c < 3; c++) {
		super_right(num, sizeof num, msg_get(cols[c]));
		tty_put(y, b.x + lw + 1 + c * (SUPER_NUM_COLS + 1),
		    SUPER_NUM_COLS, num, title);
	}
	for (i = sp->top; i < sp->nlines && i < sp->top + sp->page; i++) {
		l = &sp->lines[i];
		y++;
		tty_put(y, b.x, lw, l->label,
		    tty_attr(l->numbers ? TTY_NORMAL : TTY_LABEL));
		if (!l->numbers)
			continue;
		nx = b.x + lw + 1;
		snprintf(num, sizeof num, "%*d %*d %+*d", SUPER_NUM_COLS, l->today,
		    SUPER_NUM_COLS, l->week, SUPER_NUM_COLS, l->today - l->week);
		tty_put(y, nx, b.w - lw - 1, num, tty_attr(TTY_NORMAL));
	}
}

static int
super_enter(struct screen *s, void *arg)
{
	struct super *sp;
	int i;

	(void)arg;
	if ((sp = calloc(1, sizeof *sp)) == NULL)
		return -1;
	s->data = sp;
	if ((sp->rep = calloc(1, sizeof *sp->rep)) == NULL ||
	    (sp->half[0] = chart_new(CHART_HORIZONTAL)) == NULL ||
	    (sp->half[1] = chart_new(CHART_HORIZONTAL)) == NULL) {
		s->cls->leave(s);
		return -1;
	}
	for (i = 0; i < 2; i++)
		widget_place(chart_widget(sp->half[i]), 0, 0, 0, 0);
	s->title = "super.title";
	sp->day = super_day_of(clock_now());
	super_reload(sp, s->frame);
	return 0;
}

static void
super_leave(struct screen *s)
{
	struct super *sp = s->data;
	int i;

	if (sp == NULL)
		return;
	free(sp->lines);
	for (i = 0; i < 2; i++)
		if (sp->half[i] != NULL)
			widget_free(chart_widget(sp->half[i]));
	free(sp->rep);
	free(sp);
	s->data = NULL;
}

static void
super_layout(struct screen *s, struct tbox b)
{
	struct super *sp = s->data;
	int top, h, half;

	if (sp->ask.chosen) {
		sp->ask.chosen = 0;
		sp->day = sp->ask.day;
		sp->stale = 1;
	}
	if (sp->stale) {
		sp->stale = 0;
		super_reload(sp, s->frame);
	}
	super_set_footer(s);
	top = 1 + super_notice_lines(sp);
	h = b.h - top;
	widget_place(chart_widget(sp->half[0]), 0, 0, 0, 0);
	widget_place(chart_widget(sp->half[1]), 0, 0, 0, 0);
	if (sp->view == VIEW_FIGURES) {
		sp->page = h - 1 > 1 ? h - 1 : 1;	/* under the column titles */
		super_scroll(sp, sp->top);
		return;
	}
	/* A title line, then the two halves with a gap between them. */
	half = (b.w - 2) / 2;
	widget_place(chart_widget(sp->half[0]), b.y + top + 1, b.x, h - 1, half);
	widget_place(chart_widget(sp->half[1]), b.y + top + 1, b.x + half + 2,
	    h - 1, b.w - half - 2);
}

static void
super_draw_head(struct super *sp, struct tbox b)
{
	char date[11], week[11], line[256], detail[256], at[20];

	super_date(sp->day, date, sizeof date);
	super_date(sp->day - 7 * CLOCK_DAY, week, sizeof week);
	snprintf(line, sizeof line, msg_get("super.head"), date,
	    super_wday_name(sp->day), week);
	tty_put(b.y, b.x, b.w, line, tty_attr(TTY_LABEL));
	if (sp->day == sp->today)
		tty_put(b.y, b.x + b.w - tw_width(msg_get("super.today")), b.w / 3,
		    msg_get("super.today"), tty_attr(TTY_HINT));
	clock_format_local(sp->checked_at, at, sizeof at);
	if (sp->log_state > 0) {
		snprintf(line, sizeof line, msg_get("super.log.intact"),
		    (long long)sp->checked, at + 11);
		tty_put(b.y + 1, b.x, b.w, line, tty_attr(TTY_GOOD));
	} else if (sp->log_state < 0) {
		snprintf(line, sizeof line, msg_get("super.log.broken"),
		    (long long)sp->broken_at);
		snprintf(detail, sizeof detail, msg_get("super.log.broken_detail"),
		    (long long)sp->checked, at + 11);
		dialog_banner(b.y + 1, b.x, b.w, line, detail, TTY_BAD);
	} else
		tty_put(b.y + 1, b.x, b.w, msg_get("super.log.unknown"),
		    tty_attr(TTY_WARN));
}

static void
super_draw_chart_title(struct super *sp, struct tbox b)
{
	char line[256], date[11], from[11];
	const char *kind = super_kinds[sp->kind];
	int y = b.y + 1 + super_notice_lines(sp), total = 0, i;

	super_date(sp->day, date, sizeof date);
	if (sp->view == VIEW_HOURS) {
		for (i = 0; i < 24; i++)
			total += sp->hourly[i];
		snprintf(line, sizeof line, msg_get("super.chart.hours"), date,
		    *kind != '\0' ? kind : msg_get("super.kind.all"), total);
	} else {
		for (i = 0; i < SUPER_DAYS; i++)
			total += sp->daily[i];
		super_date(sp->day - (SUPER_DAYS - 1) * CLOCK_DAY, from, sizeof from);
		snprintf(line, sizeof line, msg_get("super.chart.days"), from, date,
		    *kind != '\0' ? kind : msg_get("super.kind.all"), total);
	}
	tty_put(y, b.x, b.w, line, tty_attr(TTY_TITLE));
}

static void
super_draw(struct screen *s, struct tbox b)
{
	struct super *sp = s->data;

	super_draw_head(sp, b);
	if (sp->view == VIEW_FIGURES) {
		super_draw_figures(sp, b);
		return;
	}
	super_draw_chart_title(sp, b);
	widget_draw(chart_widget(sp->half[0]));
	widget_draw(chart_widget(sp->half[1]));
}

static enum widget_result
super_go(struct screen *s, int64_t day)
{
	struct super *sp = s->data;

	if (day > super_day_of(clock_now())) {
		frame_status(s->frame, msg_get("super.no_future"), TTY_WARN);
		return WIDGET_REDRAW;
	}
	sp->day = day;
	super_load(sp, s->frame);
	return WIDGET_REDRAW;
}

static enum widget_result
super_view(struct screen *s)
{
	struct super *sp = s->data;

	sp->view = (sp->view + 1) % VIEW_N;
	if (sp->view != VIEW_FIGURES && super_charts(sp) != 0)
		sp->view = VIEW_FIGURES;
	super_set_footer(s);
	return WIDGET_RESIZE;
}

static enum widget_result
super_sub(struct screen *s, const struct screen_class *cls, void *arg)
{
	struct super *sp = s->data;

	sp->stale = 1;
	if (frame_push(s->frame, cls, arg) != 0) {
		sp->stale = 0;
		frame_status(s->frame, msg_get("report.nomem"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	return WIDGET_RESIZE;
}

static enum widget_result
super_fkey(struct screen *s, int fkey)
{
	struct super *sp = s->data;

	switch (fkey) {
	case 2:
		sp->ask.day = sp->day;
		sp->ask.chosen = 0;
		return super_sub(s, &screen_super_date, &sp->ask);
	case 3:
		return super_view(s);
	case 4:
		return super_sub(s, &screen_super_events, &sp->day);
	case 5:
		return super_sub(s, &screen_super_export, &sp->day);
	case 6:
		return super_sub(s, &screen_super_staff, NULL);
	case 7:
		super_check_log(sp, s->frame);
		if (sp->log_state > 0)
			frame_status(s->frame, msg_get("super.log.checked"), TTY_GOOD);
		return WIDGET_RESIZE;
	case 8:
		frame_logout(s->frame);
		return WIDGET_RESIZE;
	case 9:
		super_reload(sp, s->frame);
		return WIDGET_RESIZE;
	}
	return WIDGET_IGNORED;
}

/* Letters stand in for the function keys, for terminals that lack them. */
static int
super_letter(uint32_t ch)
{
	static const char keys[] = "  gcexsvlr";
	const char *p;

	if (ch == ' ' || ch > 0x7f || (p = strchr(keys, (int)ch)) == NULL)
		return 0;
	return (int)(p - keys);
}

static enum widget_result
super_key(struct screen *s, const struct widget_key *k)
{
	struct super *sp = s->data;
	int f;

	if (k->fn) {
		for (f = 2; f <= 9; f++)
			if (k->ch == (uint32_t)KEY_F(f))
				return super_fkey(s, f);
		if (k->ch == KEY_LEFT)
			return super_go(s, sp->day - CLOCK_DAY);
		if (k->ch == KEY_RIGHT)
			return super_go(s, sp->day + CLOCK_DAY);
		if (sp->view != VIEW_FIGURES)
			return WIDGET_IGNORED;
		return super_scroll_key(sp, k->ch);
	}
	if (k->ch == 't')
		return super_go(s, super_day_of(clock_now()));
	if (k->ch == 'k' || k->ch == 'K') {
		sp->kind = (sp->kind + 1) % SUPER_NKINDS;
		super_load(sp, s->frame);
		return WIDGET_REDRAW;
	}
	if ((f = super_letter(k->ch)) != 0)
		return super_fkey(s, f);
	return WIDGET_IGNORED;
}

static enum widget_result
super_tick(struct screen *s)
{
	struct super *sp = s->data;
	int64_t last;
	struct err e;

	if (++sp->ticks >= SUPER_REFRESH_TICKS) {
		super_reload(sp, s->frame);
		return WIDGET_RESIZE;
	}
	/* The figures follow other processes' changes within a second: the
	 * event log's last id moves with each; the log's check keeps its pace. */
	err_clear(&e);
	if (evlog_last_id(frame_reg(s->frame), &last, &e) != 0 ||
	    last == sp->last_event)
		return WIDGET_HANDLED;
	sp->last_event = last;
	super_load(sp, s->frame);
	return WIDGET_RESIZE;
}

const struct screen_class screen_super = {
	.name = "super",
	.enter = super_enter,
	.leave = super_leave,
	.layout = super_layout,
	.draw = super_draw,
	.key = super_key,
	.tick = super_tick,
};

/* --- the date prompt --- */

struct super_ask {
	struct form		*form;
	struct field		*date;
	struct super_date_ask	*ask;
};

static const char *
ask_check(const char *v, void *arg)
{
	int64_t t;

	(void)arg;
	if (clock_parse_local_date(v, &t) != 0)
		return msg_get("super.date_invalid");
	return NULL;
}

static int
ask_enter(struct screen *s, void *arg)
{
	struct super_ask *q;
	char date[11];

	if (arg == NULL || (q = calloc(1, sizeof *q)) == NULL)
		return -1;
	q->ask = arg;
	if ((q->form = form_new()) == NULL ||
	    (q->date = field_new(msg_get("super.date"), 10)) == NULL) {
		if (q->form != NULL)
			widget_free(form_widget(q->form));
		free(q);
		return -1;
	}
	field_set_alphabet(q->date, "0123456789-");
	field_set_check(q->date, ask_check, NULL);
	field_set_hint(q->date, msg_get("super.date_hint"));
	super_date(q->ask->day, date, sizeof date);
	field_set_value(q->date, date);
	form_add(q->form, field_widget(q->date));
	form_set_submit_key(q->form, KEY_F(2));
	s->root = form_widget(q->form);
	s->data = q;
	s->title = "super.date_title";
	return 0;
}

static void
ask_leave(struct screen *s)
{
	widget_free(s->root);
	free(s->data);
}

static void
ask_layout(struct screen *s, struct tbox b)
{
	struct footer_item items[] = {
		{ "Enter", msg_get("super.key.ok") },
		{ "Esc", msg_get("super.key.back") },
	};

	frame_footer(s->frame, items, NELEM(items));
	widget_place(s->root, b.y + 2, b.x + 2, 2, b.w - 4);
}

static enum widget_result
ask_key(struct screen *s, const struct widget_key *k)
{
	struct super_ask *q = s->data;
	int64_t t;

	if (widget_key_char(k, 27)) {
		frame_pop(s->frame);
		return WIDGET_RESIZE;
	}
	if (!k->fn || (k->ch != KEY_ENTER && k->ch != (uint32_t)KEY_F(2)))
		return WIDGET_IGNORED;
	if (form_check(q->form) != 0 ||
	    clock_parse_local_date(field_value(q->date), &t) != 0)
		return WIDGET_REDRAW;
	if (t > super_day_of(clock_now())) {
		field_set_error(q->date, msg_get("super.no_future"));
		return WIDGET_REDRAW;
	}
	q->ask->day = t;
	q->ask->chosen = 1;
	frame_pop(s->frame);
	return WIDGET_RESIZE;
}

const struct screen_class screen_super_date = {
	.name = "super-date",
	.enter = ask_enter,
	.leave = ask_leave,
	.layout = ask_layout,
	.key = ask_key,
	.scan = super_scan_as_keys,
};
