/*
 * ctl-report.c: "jsdctl report", the supervisor's reports from the command line:
 *
 *   report day [--date D]            a day's figures against the week before
 *   report events [filters]          a page of matching events, oldest first
 *   report --from D --to D [--format csv|json] [--output FILE]   an export
 *
 * The figures and queries are core/report.c's; this file parses options,
 * validates what the user typed and prints.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "clock.h"
#include "ctl.h"
#include "evlog.h"
#include "msg.h"
#include "regfile.h"
#include "report.h"

enum {
	OPT_DATE = 1 << 0, OPT_FROM = 1 << 1, OPT_TO = 1 << 2, OPT_FORMAT = 1 << 3,
	OPT_OUTPUT = 1 << 4, OPT_KIND = 1 << 5, OPT_STATION = 1 << 6,
	OPT_STAFF = 1 << 7, OPT_SUBJECT = 1 << 8, OPT_OUTCOME = 1 << 9,
	OPT_AFTER = 1 << 10, OPT_PAGE = 1 << 11,
};
#define OPT_RANGE	(OPT_DATE | OPT_FROM | OPT_TO)
#define OPT_FILTER	(OPT_KIND | OPT_STATION | OPT_STAFF | OPT_SUBJECT | OPT_OUTCOME)

struct report_opts {
	int			 seen;
	struct report_filter	 f;
	int			 json;
	const char		*output;
	int64_t			 after;
	int			 page_size;
};

static const struct option report_options[] = {
	{ "date", required_argument, NULL, 'd' },
	{ "from", required_argument, NULL, 'f' },
	{ "to", required_argument, NULL, 't' },
	{ "format", required_argument, NULL, 'F' },
	{ "output", required_argument, NULL, 'o' },
	{ "kind", required_argument, NULL, 'k' },
	{ "station", required_argument, NULL, 's' },
	{ "staff", required_argument, NULL, 'S' },
	{ "subject", required_argument, NULL, 'j' },
	{ "outcome", required_argument, NULL, 'O' },
	{ "after", required_argument, NULL, 'a' },
	{ "page-size", required_argument, NULL, 'n' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* A day (its first second; with end, the first second after it) or an instant. */
static int
report_bound(const char *arg, int end, const char *field, int64_t *t,
    struct err *e)
{
	if (clock_parse_local_date(arg, t) == 0) {
		if (end)
			*t += CLOCK_DAY;
		return 0;
	}
	if (clock_parse_local_time(arg, t) == 0)
		return 0;
	return err_set(e, ERR_INPUT, field, "ctl.date_invalid", NULL);
}

static int
report_text(const char *arg, size_t size, const char *field, const char **out,
    struct err *e)
{
	if (*arg == '\0' || strlen(arg) >= size)
		return err_set(e, ERR_INPUT, field, "report.value_invalid", NULL);
	*out = arg;
	return 0;
}

static int
report_number(const char *arg, long long max, const char *field, const char *key,
    long long *out, struct err *e)
{
	char *end;

	errno = 0;
	*out = strtoll(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || *out < 0 || *out > max)
		return err_set(e, ERR_INPUT, field, key, NULL);
	return 0;
}

static int
report_outcome(const char *arg, const char **out, struct err *e)
{
	int i;

	for (i = 0; i < REPORT_NOUTCOMES; i++) {
		if (strcmp(arg, cert_outcome_name(i)) == 0) {
			*out = cert_outcome_name(i);
			return 0;
		}
	}
	return err_set(e, ERR_INPUT, "outcome", "report.outcome_invalid", NULL);
}

static int
report_option(struct report_opts *o, int ch, const char *arg, struct err *e)
{
	long long n;

	switch (ch) {
	case 'd':
		o->seen |= OPT_DATE;
		if (report_bound(arg, 0, "date", &o->f.from, e) != 0)
			return -1;
		o->f.to = o->f.from + CLOCK_DAY;
		return 0;
	case 'f':
		o->seen |= OPT_FROM;
		return report_bound(arg, 0, "from", &o->f.from, e);
	case 't':
		o->seen |= OPT_TO;
		return report_bound(arg, 1, "to", &o->f.to, e);
	case 'F':
		o->seen |= OPT_FORMAT;
		if (strcmp(arg, "csv") != 0 && strcmp(arg, "json") != 0)
			return err_set(e, ERR_INPUT, "format", "report.format_invalid",
			    NULL);
		o->json = strcmp(arg, "json") == 0;
		return 0;
	case 'o':
		o->seen |= OPT_OUTPUT;
		o->output = arg;
		return 0;
	case 'k':
		o->seen |= OPT_KIND;
		return report_text(arg, EVLOG_KIND_SIZE, "kind", &o->f.kind, e);
	case 's':
		o->seen |= OPT_STATION;
		return report_text(arg, REG_STATION_SIZE, "station", &o->f.station, e);
	case 'S':
		o->seen |= OPT_STAFF;
		return report_text(arg, EVLOG_ACTOR_SIZE, "staff", &o->f.actor, e);
	case 'j':
		o->seen |= OPT_SUBJECT;
		return report_text(arg, EVLOG_SUBJECT_SIZE, "subject", &o->f.subject, e);
	case 'O':
		o->seen |= OPT_OUTCOME;
		return report_outcome(arg, &o->f.outcome, e);
	case 'a':
		o->seen |= OPT_AFTER;
		if (report_number(arg, INT64_MAX, "after", "ctl.limit_invalid", &n,
		    e) != 0)
			return -1;
		o->after = n;
		return 0;
	default:
		o->seen |= OPT_PAGE;
		if (report_number(arg, REPORT_PAGE_MAX, "page_size",
		    "report.page_size_invalid", &n, e) != 0 || n < 1)
			return err_set(e, ERR_INPUT, "page_size",
			    "report.page_size_invalid", NULL);
		o->page_size = (int)n;
		return 0;
	}
}

/* --- report day --- */

static const enum report_fig report_row_figs[] = {
	REPORT_EVENTS, REPORT_APPS, REPORT_APPROVED, REPORT_REJECTED,
	REPORT_CLAIMQR_SHOWN, REPORT_CLAIMED, REPORT_CLAIMQR_EXPIRED,
	REPORT_VERIFY_VALID, REPORT_VERIFY_INVALID, REPORT_STAFF_LOGINS,
};
#define REPORT_NROW_FIGS (sizeof report_row_figs / sizeof report_row_figs[0])

static json_t *
report_figs_json(const int *fig, const int *verify)
{
	json_t *o = json_object(), *v;
	int i;

	for (i = 0; i < REPORT_NFIGS; i++)
		json_object_set_new(o, report_fig_name(i), json_integer(fig[i]));
	if (verify != NULL) {
		v = json_object();
		for (i = 0; i < REPORT_NOUTCOMES; i++)
			json_object_set_new(v, cert_outcome_name(i),
			    json_integer(verify[i]));
		json_object_set_new(o, "verify", v);
	}
	return o;
}

static json_t *
report_rows_json(const struct report_row *rows, int n, const struct report_row *other,
    int nother)
{
	json_t *list = json_array();
	int i;

	for (i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:s, s:o, s:o}",
		    "name", rows[i].name,
		    "today", report_figs_json(rows[i].today, NULL),
		    "last_week", report_figs_json(rows[i].last_week, NULL)));
	if (nother > 0)
		json_array_append_new(list, json_pack("{s:n, s:i, s:o, s:o}",
		    "name", "others", nother,
		    "today", report_figs_json(other->today, NULL),
		    "last_week", report_figs_json(other->last_week, NULL)));
	return list;
}

static void
report_day_json(const struct report_day *d)
{
	char date[11], made[20];

	clock_local_date(d->day_start, date, sizeof date);
	clock_format_local(d->made_at, made, sizeof made);
	ctl_print_json(json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}",
	    "date", date, "made_at", made,
	    "today", report_figs_json(d->today.fig, d->today.verify),
	    "last_week", report_figs_json(d->last_week.fig, d->last_week.verify),
	    "stations", report_rows_json(d->stations, d->nstations,
	    &d->station_other, d->station_others),
	    "staff", report_rows_json(d->staff, d->nstaff, &d->staff_other,
	    d->staff_others)));
}

static void
report_row_print(const char *name, const struct report_row *row)
{
	size_t i;
	int f, first = 1;

	printf("  %s:", name);
	for (i = 0; i < REPORT_NROW_FIGS; i++) {
		f = report_row_figs[i];
		if (row->today[f] == 0 && row->last_week[f] == 0)
			continue;
		printf("%s %s %d/%d", first ? "" : ",", msg_get(report_fig_key(f)),
		    row->today[f], row->last_week[f]);
		first = 0;
	}
	putchar('\n');
}

static void
report_rows_print(const char *title, const struct report_row *rows, int n,
    const struct report_row *other, int nother)
{
	char label[64];
	int i;

	printf("\n%s\n", msg_get(title));
	if (n == 0 && nother == 0)
		printf("  %s\n", msg_get("report.day.none"));
	for (i = 0; i < n; i++)
		report_row_print(rows[i].name, &rows[i]);
	if (nother > 0) {
		snprintf(label, sizeof label, msg_get("report.day.others"), nother);
		report_row_print(label, other);
	}
}

static void
report_day_print(const struct report_day *d)
{
	char date[11], made[20], key[48];
	int i, a, b;

	clock_local_date(d->day_start, date, sizeof date);
	clock_format_local(d->made_at, made, sizeof made);
	printf(msg_get("report.day.title"), date, made);
	printf("\n\n%s\n", msg_get("report.day.columns"));
	for (i = 0; i < REPORT_NFIGS; i++) {
		a = d->today.fig[i];
		b = d->last_week.fig[i];
		printf("%7d %7d %+7d  %s\n", a, b, a - b, msg_get(report_fig_key(i)));
	}
	printf("\n%s\n", msg_get("report.day.outcomes"));
	for (i = 0; i < REPORT_NOUTCOMES; i++) {
		a = d->today.verify[i];
		b = d->last_week.verify[i];
		if (a == 0 && b == 0)
			continue;
		snprintf(key, sizeof key, "report.outcome.%s", cert_outcome_name(i));
		printf("%7d %7d %+7d  %s\n", a, b, a - b, msg_get(key));
	}
	report_rows_print("report.day.stations", d->stations, d->nstations,
	    &d->station_other, d->station_others);
	report_rows_print("report.day.staff", d->staff, d->nstaff, &d->staff_other,
	    d->staff_others);
}

static int
report_cmd_day(struct ctl *c, const struct report_opts *o)
{
	struct report_day *d;
	struct err e;
	int64_t start;
	char today[11];

	if (o->seen & ~OPT_DATE)
		return ctl_usage("report.usage");
	if (o->seen & OPT_DATE)
		start = o->f.from;
	else {
		clock_local_date(clock_now(), today, sizeof today);
		if (clock_parse_local_date(today, &start) != 0)
			return ctl_usage("report.usage");
	}
	err_clear(&e);
	if ((d = malloc(sizeof *d)) == NULL) {
		err_set(&e, ERR_SYSTEM, NULL, "report.nomem", NULL);
		return ctl_fail(&e);
	}
	if (report_day(c->reg, start, d, &e) != 0) {
		free(d);
		return ctl_fail(&e);
	}
	if (c->json)
		report_day_json(d);
	else
		report_day_print(d);
	free(d);
	return 0;
}

/* --- report events --- */

struct report_page {
	struct ctl_list	 list;
	int64_t		 last;
};

static int
report_page_event(const struct event *ev, void *arg)
{
	struct report_page *p = arg;

	p->last = ev->id;
	ctl_list_row(&p->list, ev);
	return 0;
}

static int
report_cmd_events(struct ctl *c, struct report_opts *o)
{
	struct ctl_col cols[CTL_EVENTS_NCOLS];
	struct report_page p;
	struct err e;
	int more;

	if (o->seen & (OPT_FORMAT | OPT_OUTPUT) ||
	    ((o->seen & OPT_DATE) && (o->seen & (OPT_FROM | OPT_TO))))
		return ctl_usage("report.usage");
	memset(&p, 0, sizeof p);
	/* The same columns as jsdctl events, with room for the ids of a long log
	 * read page by page. */
	memcpy(cols, ctl_events_cols, sizeof cols);
	cols[0].fmt = "%8lld  ";
	ctl_list_start(&p.list, cols, CTL_EVENTS_NCOLS, c->json);
	err_clear(&e);
	if (report_events_page(c->reg, &o->f, o->after, o->page_size,
	    report_page_event, &p, &e) != 0)
		return ctl_list_end(&p.list, -1, &e);
	more = p.list.rows == (size_t)o->page_size;	/* page_size is at least 1 */
	if (c->json)
		ctl_print_json(json_pack("{s:o, s:o}", "events", ctl_list_take(&p.list),
		    "next_after", more ? json_integer(p.last) : json_null()));
	else if (more) {
		printf(msg_get("report.events.more"), (long long)p.last);
		putchar('\n');
	} else
		printf("%s\n", msg_get("report.events.end"));
	return 0;
}

/* --- report --from --to (export) --- */


/* An export holds personal data: owner-only whatever the umask (regfile.h). */
static FILE *
report_file(const char *path, struct err *e)
{
	FILE *f;
	int fd;

	if ((fd = regfile_create(path, 1, e)) < 0) {
		e->field = "output";
		return NULL;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		err_set(e, ERR_SYSTEM, "output", "report.output_failed", "%s",
		    strerror(errno));
		close(fd);
	}
	return f;
}

static int
report_cmd_export(struct ctl *c, const struct report_opts *o)
{
	struct err e;
	FILE *out = stdout;
	int rc;

	err_clear(&e);
	if (o->seen & (OPT_FILTER | OPT_AFTER | OPT_PAGE) ||
	    ((o->seen & OPT_DATE) && (o->seen & (OPT_FROM | OPT_TO))))
		return ctl_usage("report.usage");
	if (!(o->seen & OPT_DATE) && (!(o->seen & OPT_FROM) || !(o->seen & OPT_TO) ||
	    o->f.from >= o->f.to)) {
		err_set(&e, ERR_INPUT, "to", "report.range_invalid", NULL);
		return ctl_fail(&e);
	}
	if (o->output != NULL && (out = report_file(o->output, &e)) == NULL)
		return ctl_fail(&e);
	rc = report_export(c->reg, o->f.from, o->f.to,
	    o->json || (!(o->seen & OPT_FORMAT) && c->json) ? REPORT_JSON : REPORT_CSV,
	    out, &e);
	if (out != stdout && fclose(out) != 0 && rc == 0)
		rc = err_set(&e, ERR_SYSTEM, "output", "report.write_failed", "%s",
		    strerror(errno));
	if (rc != 0) {
		/* A cut-off export must not pass for a whole one. */
		if (out != stdout)
			remove(o->output);
		return ctl_fail(&e);
	}
	return 0;
}

int
ctl_report(struct ctl *c, int argc, char **argv)
{
	struct report_opts o;
	struct err e;
	const char *sub = NULL;
	int ch;

	if (argc >= 2 && (strcmp(argv[1], "day") == 0 ||
	    strcmp(argv[1], "events") == 0)) {
		sub = argv[1];
		argc--;
		argv++;
	}
	memset(&o, 0, sizeof o);
	report_filter_init(&o.f);
	o.page_size = 50;
	err_clear(&e);
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "d:f:t:F:o:k:s:S:j:O:a:n:h",
	    report_options, NULL)) != -1) {
		if (ch == 'h')
			return ctl_help("report.usage");
		if (ch == '?')
			return ctl_usage("report.usage");
		if (report_option(&o, ch, optarg, &e) != 0)
			return ctl_fail(&e);
	}
	if (optind != argc)
		return ctl_usage("report.usage");
	if (sub == NULL)
		return report_cmd_export(c, &o);
	if (strcmp(sub, "day") == 0)
		return report_cmd_day(c, &o);
	return report_cmd_events(c, &o);
}
