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

#include "adminpin.h"
#include "chart.h"
#include "clock.h"
#include "dialog.h"
#include "evcheck.h"
#include "evlog.h"
#include "field.h"
#include "form.h"
#include "report.h"
#include "super.h"
#include "tw.h"

#define SUPER_DAY_DAYS		30	/* the long chart */
#define SUPER_DAY_REFRESH_TICKS	30	/* seconds between quiet reloads */
#define SUPER_DAY_NUM_COLS		8	/* each number column, right-aligned */

enum super_day_view { SUPER_DAY_VIEW_FIGURES, SUPER_DAY_VIEW_HOURS,
    SUPER_DAY_VIEW_DAYS, SUPER_DAY_VIEW_N };

/* The event kinds the charts can count, by prefix ("" is every event). */
static const char *const super_day_kinds[] = {
	"", "app.", "claimqr.", "cert.", "auth.", "verify.", "login.", "staff.",
};
#define SUPER_DAY_NKINDS	(sizeof super_day_kinds / sizeof super_day_kinds[0])

struct super_day {
	int64_t			 day;
	int64_t			 today;
	struct report_day	*rep;	/* NULL until loaded */
	struct super_day_line	*lines;	/* the figures, nlines of cap */
	int			 nlines, cap;
	int			 top;	/* first line shown */
	int			 page;	/* lines shown */
	struct chart		*half[2];
	int			 hourly[24];
	int			 daily[SUPER_DAY_DAYS];
	enum super_day_view		 view;
	size_t			 kind;
	int			 log_state;	/* 0 unknown, 1 intact, -1 broken */
	int			 pins_locked;	/* kiosks whose admin PIN is locked */
	char			 pin_station[REG_STATION_SIZE];	/* the first */
	int64_t			 broken_at, checked, checked_at;
	char			 cp_code[EVCHECK_CODE_SIZE];	/* to write down */
	struct super_date_ask	 ask;
	int			 stale;		/* reload when shown again */
	int			 ticks;
	int64_t			 last_event;	/* the event log's, when last loaded */
};

/* --- shared helpers --- */

/* Day of the week, 0 for Sunday. */
static int
super_day_wday(int64_t day)
{
	int y, m, d;
	int64_t days;

	clock_local_ymd(day, &y, &m, &d);
	if (clock_days_from_civil(y, m, d, &days) != 0)
		return 0;
	return (int)(((days % 7) + 11) % 7);	/* 1970-01-01 was a Thursday */
}

static const char *
super_day_wday_name(int64_t day)
{
	static const char *const keys[7] = { "super.wday.0", "super.wday.1",
	    "super.wday.2", "super.wday.3", "super.wday.4", "super.wday.5",
	    "super.wday.6" };

	return msg_get(keys[super_day_wday(day)]);
}

/* --- the figures --- */

/* A line of the figures view: a section title, or a figure with its two
 * counts. Drawn by this file, not a list widget: the view only scrolls, and
 * nothing in it is chosen. */
struct super_day_line {
	char		 label[160];
	int		 numbers;
	int		 today, week;
};

static const enum report_fig super_day_sec_claims[] = {
	REPORT_APPS, REPORT_APPROVED, REPORT_REJECTED, REPORT_CLAIMQR_SHOWN,
	REPORT_CLAIMED, REPORT_CLAIMQR_EXPIRED,
};
static const enum report_fig super_day_sec_auth[] = {
	REPORT_MANAGERS_ADDED, REPORT_MANAGERS_DELETED, REPORT_USERS_ADDED,
	REPORT_USERS_DELETED, REPORT_AUTH_GRANTED, REPORT_AUTH_CANCELLED,
	REPORT_AUTH_LAPSED,
};
static const enum report_fig super_day_sec_logins[] = {
	REPORT_SCAN_LOGINS, REPORT_STAFF_LOGINS, REPORT_STAFF_LOGIN_FAILED,
	REPORT_STAFF_LOCKED,
};
#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

static int
super_day_row(struct super_day *sp, const char *label, int today, int week, int numbers)
{
	struct super_day_line *l;
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
super_day_fig_row(struct super_day *sp, const char *indent, enum report_fig f,
    const int *today, const int *week)
{
	char label[160];

	snprintf(label, sizeof label, "%s%s", indent, msg_get(report_fig_key(f)));
	return super_day_row(sp, label, today[f], week[f], 1);
}

static int
super_day_section(struct super_day *sp, const char *key, const enum report_fig *figs,
    size_t n)
{
	const struct report_day *r = sp->rep;
	size_t i;

	if (super_day_row(sp, msg_get(key), 0, 0, 0) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (super_day_fig_row(sp, "  ", figs[i], r->today.fig,
		    r->last_week.fig) != 0)
			return -1;
	}
	return 0;
}

static int
super_day_verify_rows(struct super_day *sp)
{
	const struct report_day *r = sp->rep;
	char key[64], label[160];
	int i;

	if (super_day_row(sp, msg_get("super.sec.verify"), 0, 0, 0) != 0 ||
	    super_day_fig_row(sp, "  ", REPORT_VERIFY_VALID, r->today.fig,
	    r->last_week.fig) != 0 ||
	    super_day_fig_row(sp, "  ", REPORT_VERIFY_INVALID, r->today.fig,
	    r->last_week.fig) != 0)
		return -1;
	for (i = 0; i < REPORT_NOUTCOMES; i++) {
		if (i == VERIFY_VALID ||
		    (r->today.verify[i] == 0 && r->last_week.verify[i] == 0))
			continue;
		snprintf(key, sizeof key, "report.outcome.%s", cert_outcome_name(i));
		snprintf(label, sizeof label, "    %s", msg_get(key));
		if (super_day_row(sp, label, r->today.verify[i], r->last_week.verify[i],
		    1) != 0)
			return -1;
	}
	return 0;
}

/* One station or staff member: its events, then every figure it moved. */
static int
super_day_who_rows(struct super_day *sp, const char *name, const struct report_row *row)
{
	int f;

	if (super_day_row(sp, name, row->today[REPORT_EVENTS],
	    row->last_week[REPORT_EVENTS], 1) != 0)
		return -1;
	for (f = REPORT_EVENTS + 1; f < REPORT_NFIGS; f++) {
		if (row->today[f] == 0 && row->last_week[f] == 0)
			continue;
		if (super_day_fig_row(sp, "    ", f, row->today, row->last_week) != 0)
			return -1;
	}
	return 0;
}

static int
super_day_who_section(struct super_day *sp, const char *key,
    const struct report_row *rows,
    int n, const struct report_row *other, int nother)
{
	char label[96];
	int i;

	if (super_day_row(sp, msg_get(key), 0, 0, 0) != 0)
		return -1;
	if (n == 0 && nother == 0)
		return super_day_row(sp, msg_get("super.none"), 0, 0, 0);
	for (i = 0; i < n; i++) {
		snprintf(label, sizeof label, "  %s", rows[i].name);
		if (super_day_who_rows(sp, label, &rows[i]) != 0)
			return -1;
	}
	if (nother > 0) {
		snprintf(label, sizeof label, "  ");
		snprintf(label + 2, sizeof label - 2, msg_get("super.others"), nother);
		return super_day_who_rows(sp, label, other);
	}
	return 0;
}

static int
super_day_fill(struct super_day *sp)
{
	const struct report_day *r = sp->rep;

	sp->nlines = 0;
	if (super_day_fig_row(sp, "", REPORT_EVENTS, r->today.fig,
	    r->last_week.fig) != 0 ||
	    super_day_section(sp, "super.sec.claims", super_day_sec_claims,
	    NELEM(super_day_sec_claims)) != 0 ||
	    super_day_section(sp, "super.sec.auth", super_day_sec_auth,
	    NELEM(super_day_sec_auth)) != 0 ||
	    super_day_verify_rows(sp) != 0 ||
	    super_day_section(sp, "super.sec.logins", super_day_sec_logins,
	    NELEM(super_day_sec_logins)) != 0 ||
	    super_day_who_section(sp, "super.sec.stations", r->stations, r->nstations,
	    &r->station_other, r->station_others) != 0 ||
	    super_day_who_section(sp, "super.sec.staff", r->staff, r->nstaff,
	    &r->staff_other, r->staff_others) != 0)
		return -1;
	return 0;
}

/* --- charts --- */

static int
super_day_set_half(struct chart *c, char labels[][8], const int *counts, int n)
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
super_day_charts(struct super_day *sp)
{
	char labels[SUPER_DAY_DAYS][8], date[11];
	int i, n, half;
	int *counts;
	long max = 0;

	if (sp->view == SUPER_DAY_VIEW_HOURS) {
		n = 24;
		counts = sp->hourly;
		for (i = 0; i < n; i++)
			snprintf(labels[i], sizeof labels[i], "%02d", i);
	} else {
		n = SUPER_DAY_DAYS;
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
	if (super_day_set_half(sp->half[0], labels, counts, half) != 0 ||
	    super_day_set_half(sp->half[1], labels + half, counts + half,
	    n - half) != 0)
		return -1;
	return 0;
}

/* --- loading --- */

static void
super_day_check_log(struct super_day *sp, struct frame *a)
{
	struct evcheck cp;
	struct err e;
	int was = sp->log_state, found;

	err_clear(&e);
	if (evlog_verify(frame_reg(a), &sp->broken_at, &sp->checked, &e) != 0) {
		sp->log_state = 0;
		super_fail(a, &e);
		return;
	}
	sp->log_state = sp->broken_at == 0 ? 1 : -1;
	sp->checked_at = clock_now();
	if (evcheck_latest_of(frame_reg(a), &cp, &found, &e) != 0 || !found)
		snprintf(sp->cp_code, sizeof sp->cp_code, "-");
	else
		evcheck_code(&cp, sp->cp_code);
	/* Once, when the break is found, not at every quiet reload. */
	if (sp->log_state < 0 && was >= 0)
		frame_bell(a, 0);
}

static int
super_day_load(struct super_day *sp, struct frame *a)
{
	const char *kind = super_day_kinds[sp->kind];
	struct err e;

	err_clear(&e);
	sp->today = super_day_of(clock_now());
	/* Read first, so that the tick reloads for what comes after, and only
	 * for that. */
	if (evlog_last_id(frame_reg(a), &sp->last_event, &e) != 0 ||
	    report_day(frame_reg(a), sp->day, sp->rep, &e) != 0 ||
	    report_hourly(frame_reg(a), sp->day, kind, sp->hourly, &e) != 0 ||
	    report_daily(frame_reg(a), sp->day, SUPER_DAY_DAYS, kind, sp->daily,
	    &e) != 0) {
		super_fail(a, &e);
		return -1;
	}
	if (super_day_fill(sp) != 0 || (sp->view != SUPER_DAY_VIEW_FIGURES &&
	    super_day_charts(sp) != 0)) {
		err_set(&e, ERR_SYSTEM, NULL, "report.nomem", NULL);
		super_fail(a, &e);
		return -1;
	}
	return 0;
}

static int
super_day_pin_one(const struct adminpin_state *st, void *arg)
{
	struct super_day *sp = arg;

	if (st->locked && sp->pins_locked++ == 0)
		memcpy(sp->pin_station, st->station, sizeof sp->pin_station);
	return 0;
}

/* Kiosks locked out of their admin PIN, for the notice under the log's. */
static void
super_day_check_pins(struct super_day *sp, struct frame *a)
{
	struct err e;

	sp->pins_locked = 0;
	err_clear(&e);
	if (adminpin_list(frame_reg(a), super_day_pin_one, sp, &e) != 0)
		super_fail(a, &e);
}

static void
super_day_reload(struct super_day *sp, struct frame *a)
{
	super_day_load(sp, a);
	super_day_check_log(sp, a);
	super_day_check_pins(sp, a);
	sp->ticks = 0;
}

/* --- the screen --- */

/* text right-aligned in SUPER_DAY_NUM_COLS columns (wider text is left as is). */
static void
super_day_right(char *buf, size_t len, const char *text)
{
	int pad = SUPER_DAY_NUM_COLS - tw_width(text);

	snprintf(buf, len, "%*s%s", pad > 0 ? pad : 0, "", text);
}

/* Lines the notices take: the log's (a banner when the chain is broken), and
 * one more while a kiosk's admin PIN is locked. */
static int
super_day_notice_lines(const struct super_day *sp)
{
	return (sp->log_state < 0 ? DIALOG_BANNER_LINES : 1) +
	    (sp->pins_locked > 0);
}

static void
super_day_scroll(struct super_day *sp, int top)
{
	if (top > sp->nlines - sp->page)
		top = sp->nlines - sp->page;
	sp->top = top < 0 ? 0 : top;
}

static enum widget_result
super_day_scroll_key(struct super_day *sp, uint32_t key)
{
	int was = sp->top;

	switch (key) {
	case KEY_UP:
		super_day_scroll(sp, sp->top - 1);
		break;
	case KEY_DOWN:
		super_day_scroll(sp, sp->top + 1);
		break;
	case KEY_PPAGE:
		super_day_scroll(sp, sp->top - sp->page);
		break;
	case KEY_NPAGE:
		super_day_scroll(sp, sp->top + sp->page);
		break;
	case KEY_HOME:
		super_day_scroll(sp, 0);
		break;
	case KEY_END:
		super_day_scroll(sp, sp->nlines);
		break;
	default:
		return WIDGET_IGNORED;
	}
	return sp->top == was ? WIDGET_HANDLED : WIDGET_REDRAW;
}

/* The column titles, then the lines from top: labels on the left, the three
 * numbers right-aligned on the right, sections in the label colour. */
static void
super_day_draw_figures(struct super_day *sp, struct tbox b)
{
	static const char *const cols[3] = { "super.col.today",
	    "super.col.week", "super.col.change" };
	const struct super_day_line *l;
	char num[64], more[48];
	int y = b.y + 1 + super_day_notice_lines(sp), nx, i, c;
	int lw = b.w - 3 * (SUPER_DAY_NUM_COLS + 1);
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
		super_day_right(num, sizeof num, msg_get(cols[c]));
		tty_put(y, b.x + lw + 1 + c * (SUPER_DAY_NUM_COLS + 1),
		    SUPER_DAY_NUM_COLS, num, title);
	}
	for (i = sp->top; i < sp->nlines && i < sp->top + sp->page; i++) {
		l = &sp->lines[i];
		y++;
		tty_put(y, b.x, lw, l->label,
		    tty_attr(l->numbers ? TTY_NORMAL : TTY_LABEL));
		if (!l->numbers)
			continue;
		nx = b.x + lw + 1;
		snprintf(num, sizeof num, "%*d %*d %+*d", SUPER_DAY_NUM_COLS, l->today,
		    SUPER_DAY_NUM_COLS, l->week, SUPER_DAY_NUM_COLS, l->today - l->week);
		tty_put(y, nx, b.w - lw - 1, num, tty_attr(TTY_NORMAL));
	}
}

static int
super_day_enter(struct screen *s, void *arg)
{
	struct super_day *sp;
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
	super_day_reload(sp, s->frame);
	return 0;
}

static void
super_day_leave(struct screen *s)
{
	struct super_day *sp = s->data;
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
super_day_layout(struct screen *s, struct tbox b)
{
	struct super_day *sp = s->data;
	int top, h, half;

	if (sp->ask.chosen) {
		sp->ask.chosen = 0;
		sp->day = sp->ask.day;
		sp->stale = 1;
	}
	if (sp->stale) {
		sp->stale = 0;
		super_day_reload(sp, s->frame);
	}
	top = 1 + super_day_notice_lines(sp);
	h = b.h - top;
	widget_place(chart_widget(sp->half[0]), 0, 0, 0, 0);
	widget_place(chart_widget(sp->half[1]), 0, 0, 0, 0);
	if (sp->view == SUPER_DAY_VIEW_FIGURES) {
		sp->page = h - 1 > 1 ? h - 1 : 1;	/* under the column titles */
		super_day_scroll(sp, sp->top);
		return;
	}
	/* A title line, then the two halves with a gap between them. */
	half = (b.w - 2) / 2;
	widget_place(chart_widget(sp->half[0]), b.y + top + 1, b.x, h - 1, half);
	widget_place(chart_widget(sp->half[1]), b.y + top + 1, b.x + half + 2,
	    h - 1, b.w - half - 2);
}

static void
super_day_draw_head(struct super_day *sp, struct tbox b)
{
	char date[11], week[11], line[256], detail[256], at[20];

	super_date(sp->day, date, sizeof date);
	super_date(sp->day - 7 * CLOCK_DAY, week, sizeof week);
	snprintf(line, sizeof line, msg_get("super.head"), date,
	    super_day_wday_name(sp->day), week);
	tty_put(b.y, b.x, b.w, line, tty_attr(TTY_LABEL));
	if (sp->day == sp->today)
		tty_put(b.y, b.x + b.w - tw_width(msg_get("super.today")), b.w / 3,
		    msg_get("super.today"), tty_attr(TTY_HINT));
	clock_format_local(sp->checked_at, at, sizeof at);
	if (sp->log_state > 0) {
		snprintf(line, sizeof line, msg_get("super.log.intact"),
		    (long long)sp->checked, at + 11, sp->cp_code);
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
	if (sp->pins_locked == 0)
		return;
	snprintf(line, sizeof line, msg_get("super.pin.notice"), sp->pin_station,
	    sp->pins_locked);
	tty_put(b.y + super_day_notice_lines(sp), b.x, b.w, line,
	    tty_attr(TTY_WARN));
}

static void
super_day_draw_chart_title(struct super_day *sp, struct tbox b)
{
	char line[256], date[11], from[11];
	const char *kind = super_day_kinds[sp->kind];
	int y = b.y + 1 + super_day_notice_lines(sp), total = 0, i;

	super_date(sp->day, date, sizeof date);
	if (sp->view == SUPER_DAY_VIEW_HOURS) {
		for (i = 0; i < 24; i++)
			total += sp->hourly[i];
		snprintf(line, sizeof line, msg_get("super.chart.hours"), date,
		    *kind != '\0' ? kind : msg_get("super.kind.all"), total);
	} else {
		for (i = 0; i < SUPER_DAY_DAYS; i++)
			total += sp->daily[i];
		super_date(sp->day - (SUPER_DAY_DAYS - 1) * CLOCK_DAY, from, sizeof from);
		snprintf(line, sizeof line, msg_get("super.chart.days"), from, date,
		    *kind != '\0' ? kind : msg_get("super.kind.all"), total);
	}
	tty_put(y, b.x, b.w, line, tty_attr(TTY_TITLE));
}

static void
super_day_draw(struct screen *s, struct tbox b)
{
	struct super_day *sp = s->data;

	super_day_draw_head(sp, b);
	if (sp->view == SUPER_DAY_VIEW_FIGURES) {
		super_day_draw_figures(sp, b);
		return;
	}
	super_day_draw_chart_title(sp, b);
	widget_draw(chart_widget(sp->half[0]));
	widget_draw(chart_widget(sp->half[1]));
}

static enum widget_result
super_day_go(struct screen *s, int64_t day)
{
	struct super_day *sp = s->data;

	if (day > super_day_of(clock_now())) {
		frame_status(s->frame, msg_get("super.no_future"), TTY_WARN);
		return WIDGET_REDRAW;
	}
	sp->day = day;
	super_day_load(sp, s->frame);
	return WIDGET_REDRAW;
}

static enum widget_result
super_day_view(struct screen *s, const struct widget_key *k)
{
	struct super_day *sp = s->data;

	(void)k;
	sp->view = (sp->view + 1) % SUPER_DAY_VIEW_N;
	if (sp->view != SUPER_DAY_VIEW_FIGURES && super_day_charts(sp) != 0)
		sp->view = SUPER_DAY_VIEW_FIGURES;
	return WIDGET_RESIZE;
}

static enum widget_result
super_day_sub(struct screen *s, const struct screen_class *cls, void *arg)
{
	struct super_day *sp = s->data;

	sp->stale = 1;
	if (frame_push(s->frame, cls, arg) != 0) {
		sp->stale = 0;
		frame_status(s->frame, msg_get("report.nomem"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	return WIDGET_RESIZE;
}

static enum widget_result
super_day_prev_day(struct screen *s, const struct widget_key *k)
{
	struct super_day *sp = s->data;

	(void)k;
	return super_day_go(s, sp->day - CLOCK_DAY);
}

static enum widget_result
super_day_next_day(struct screen *s, const struct widget_key *k)
{
	struct super_day *sp = s->data;

	(void)k;
	return super_day_go(s, sp->day + CLOCK_DAY);
}

static enum widget_result
super_day_today(struct screen *s, const struct widget_key *k)
{
	(void)k;
	return super_day_go(s, super_day_of(clock_now()));
}

static enum widget_result
super_day_ask_date(struct screen *s, const struct widget_key *k)
{
	struct super_day *sp = s->data;

	(void)k;
	sp->ask.day = sp->day;
	sp->ask.chosen = 0;
	return super_day_sub(s, &super_day_date_screen, &sp->ask);
}

static enum widget_result
super_day_events(struct screen *s, const struct widget_key *k)
{
	struct super_day *sp = s->data;

	(void)k;
	return super_day_sub(s, &super_events_screen, &sp->day);
}

static enum widget_result
super_day_export(struct screen *s, const struct widget_key *k)
{
	struct super_day *sp = s->data;

	(void)k;
	return super_day_sub(s, &super_export_screen, &sp->day);
}

static enum widget_result
super_day_staff(struct screen *s, const struct widget_key *k)
{
	(void)k;
	return super_day_sub(s, &super_staff_screen, NULL);
}

static enum widget_result
super_day_check(struct screen *s, const struct widget_key *k)
{
	struct super_day *sp = s->data;

	(void)k;
	super_day_check_log(sp, s->frame);
	if (sp->log_state > 0)
		frame_status(s->frame, msg_get("super.log.checked"), TTY_GOOD);
	return WIDGET_RESIZE;
}

static enum widget_result
super_day_logout(struct screen *s, const struct widget_key *k)
{
	(void)k;
	frame_logout(s->frame);
	return WIDGET_RESIZE;
}

static enum widget_result
super_day_refresh(struct screen *s, const struct widget_key *k)
{
	(void)k;
	super_day_reload(s->data, s->frame);
	return WIDGET_RESIZE;
}

static enum widget_result
super_day_kind(struct screen *s, const struct widget_key *k)
{
	struct super_day *sp = s->data;

	(void)k;
	sp->kind = (sp->kind + 1) % SUPER_DAY_NKINDS;
	super_day_load(sp, s->frame);
	return WIDGET_REDRAW;
}

static int
super_day_in_days(struct screen *s)
{
	return ((struct super_day *)s->data)->view == SUPER_DAY_VIEW_DAYS;
}

static int
super_day_not_in_days(struct screen *s)
{
	return !super_day_in_days(s);
}

static int
super_day_in_figures(struct screen *s)
{
	return ((struct super_day *)s->data)->view == SUPER_DAY_VIEW_FIGURES;
}

/* The kind only matters with a chart. */
static int
super_day_in_charts(struct screen *s)
{
	return !super_day_in_figures(s);
}

/* What fits 80 columns: with a chart, the refresh key works unsaid (the
 * screen refreshes by itself) and the kind key shows in its place. F3 names
 * the view it goes to. */
static const struct screen_key super_day_keys[] = {
	{ KEY_LEFT, "super.key.day", super_day_prev_day, NULL, "super.keys.day" },
	{ KEY_RIGHT, NULL, super_day_next_day, NULL, NULL },
	{ KEY_F(2), "super.key.date", super_day_ask_date, NULL, NULL },
	{ KEY_F(3), "super.key.figures", super_day_view, super_day_in_days, NULL },
	{ KEY_F(3), "super.key.charts", super_day_view, super_day_not_in_days, NULL },
	{ KEY_F(4), "super.key.events", super_day_events, NULL, NULL },
	{ KEY_F(5), "super.key.export", super_day_export, NULL, NULL },
	{ KEY_F(6), "super.key.staff", super_day_staff, NULL, NULL },
	{ KEY_F(7), "super.key.check", super_day_check, NULL, NULL },
	{ KEY_F(8), "super.key.logout", super_day_logout, NULL, NULL },
	{ KEY_F(9), "super.key.refresh", super_day_refresh, super_day_in_figures, NULL },
	{ KEY_F(9), NULL, super_day_refresh, super_day_in_charts, NULL },
	{ 'k', "super.key.kind", super_day_kind, super_day_in_charts, NULL },
	{ 'K', NULL, super_day_kind, super_day_in_charts, NULL },
	{ 't', NULL, super_day_today, NULL, NULL },
};

/* The rest: scrolling the figures. */
static enum widget_result
super_day_key(struct screen *s, const struct widget_key *k)
{
	struct super_day *sp = s->data;

	if (!k->fn || sp->view != SUPER_DAY_VIEW_FIGURES)
		return WIDGET_IGNORED;
	return super_day_scroll_key(sp, k->ch);
}

static enum widget_result
super_day_tick(struct screen *s)
{
	struct super_day *sp = s->data;
	int64_t last;
	struct err e;

	if (++sp->ticks >= SUPER_DAY_REFRESH_TICKS) {
		super_day_reload(sp, s->frame);
		return WIDGET_RESIZE;
	}
	/* The figures follow other processes' changes within a second: the
	 * event log's last id moves with each; the log's check keeps its pace. */
	err_clear(&e);
	if (evlog_last_id(frame_reg(s->frame), &last, &e) != 0 ||
	    last == sp->last_event)
		return WIDGET_HANDLED;
	super_day_load(sp, s->frame);
	return WIDGET_RESIZE;
}

const struct screen_class super_day_screen = {
	.name = "super",
	.enter = super_day_enter,
	.leave = super_day_leave,
	.layout = super_day_layout,
	.draw = super_day_draw,
	FRAME_KEYS(super_day_keys),
	.key = super_day_key,
	.tick = super_day_tick,
};

/* --- the date prompt --- */

struct super_day_ask {
	struct form		*form;
	struct field		*date;
	struct super_date_ask	*ask;
};

static const char *
super_day_ask_check(const char *v, void *arg)
{
	int64_t t;

	(void)arg;
	if (clock_parse_local_date(v, &t) != 0)
		return msg_get("super.date_invalid");
	return NULL;
}

static int
super_day_ask_enter(struct screen *s, void *arg)
{
	struct super_day_ask *q;
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
	field_set_check(q->date, super_day_ask_check, NULL);
	field_set_hint(q->date, msg_get("super.date_hint"));
	super_date(q->ask->day, date, sizeof date);
	field_set_value(q->date, date);
	form_add(q->form, field_widget(q->date));
	form_set_submit_key(q->form, 0);	/* F2 is the screen's */
	s->root = form_widget(q->form);
	s->data = q;
	s->title = "super.date_title";
	return 0;
}

static void
super_day_ask_leave(struct screen *s)
{
	widget_free(s->root);
	free(s->data);
}

static void
super_day_ask_layout(struct screen *s, struct tbox b)
{
	widget_place(s->root, b.y + 2, b.x + 2, 2, b.w - 4);
}

static enum widget_result
super_day_ask_ok(struct screen *s, const struct widget_key *k)
{
	struct super_day_ask *q = s->data;
	int64_t t;

	(void)k;
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

static const struct screen_key super_day_ask_keys[] = {
	{ KEY_ENTER, "super.key.ok", super_day_ask_ok, NULL, NULL },
	{ KEY_F(2), NULL, super_day_ask_ok, NULL, NULL },
	{ FRAME_KEY_ESC, "super.key.back", frame_back, NULL, NULL },
};

const struct screen_class super_day_date_screen = {
	.name = "super-date",
	.enter = super_day_ask_enter,
	.leave = super_day_ask_leave,
	.layout = super_day_ask_layout,
	FRAME_KEYS(super_day_ask_keys),
	.scan = super_scan_as_keys,
};
