/* ctl-events.c: "jsdctl events", the event log, oldest first. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stddef.h>

#include "ctl-list.h"
#include "ctl.h"
#include "evlog.h"
#include "msg.h"

/* An event of the log; report events prints the same columns. */
const struct ctl_col ctl_events_cols[CTL_EVENTS_NCOLS] = {
	CTL_COL("id", 1, "%6lld  ", CTL_COL_INT64, struct event, id),
	CTL_COL("at", 2, "%s  ", CTL_COL_TIME, struct event, at),
	CTL_COL("station", 3, "%-12s ", CTL_COL_STR, struct event, station),
	CTL_COL("actor", 4, "%-14s ", CTL_COL_STR, struct event, actor),
	CTL_COL("kind", 5, "%-20s ", CTL_COL_STR, struct event, kind),
	CTL_COL("subject", 6, "%s  ", CTL_COL_STR, struct event, subject),
	CTL_COL("detail", 7, "%s", CTL_COL_STR, struct event, detail),
};

static int
event_print(const struct event *ev, void *arg)
{
	ctl_list_row(arg, ev);
	return 0;
}

static const struct option events_options[] = {
	{ "date", required_argument, NULL, 'd' },
	{ "kind", required_argument, NULL, 'k' },
	{ "subject", required_argument, NULL, 's' },
	{ "limit", required_argument, NULL, 'n' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int
events_option(struct evlog_filter *f, int ch, const char *arg, struct err *e)
{
	switch (ch) {
	case 'd':
		return ctl_parse_day(arg, &f->from, &f->to, e);
	case 'k':
		f->kind = arg;
		return 0;
	case 's':
		f->subject = arg;
		return 0;
	default:
		return ctl_parse_limit(arg, &f->limit, e);
	}
}

int
ctl_events(struct ctl *c, int argc, char **argv)
{
	struct evlog_filter f;
	struct ctl_list l;
	struct err e;
	int ch;

	evlog_filter_init(&f);
	err_clear(&e);
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "d:k:s:n:h", events_options, NULL)) != -1) {
		if (ch == 'h')
			return ctl_help("ctl.events.usage");
		if (ch == '?')
			return ctl_usage("ctl.events.usage");
		if (events_option(&f, ch, optarg, &e) != 0)
			return ctl_fail(&e);
	}
	if (optind != argc)
		return ctl_usage("ctl.events.usage");
	ctl_list_start(&l, ctl_events_cols, CTL_EVENTS_NCOLS, c->json);
	return ctl_list_end(&l, evlog_list(c->reg, &f, event_print, &l, &e), &e);
}
