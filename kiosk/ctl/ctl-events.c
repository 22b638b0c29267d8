/* ctl-events.c: "jsdctl events", the event log, oldest first. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "clock.h"
#include "ctl.h"
#include "evlog.h"
#include "msg.h"

static int
event_print(const struct event *ev, void *arg)
{
	json_t *list = arg;
	char at[20];

	clock_format_local(ev->at, at, sizeof at);
	if (list != NULL) {
		json_array_append_new(list, json_pack(
		    "{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)ev->id,
		    "at", at, "station", ev->station, "actor", ev->actor,
		    "kind", ev->kind, "subject", ev->subject, "detail", ev->detail));
		return 0;
	}
	printf("%6lld  %s  %-12s %-14s %-20s %s  %s\n", (long long)ev->id, at,
	    ev->station, ev->actor, ev->kind, ev->subject, ev->detail);
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
	json_t *list = NULL;
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
	if (c->json)
		list = json_array();
	return ctl_list_end(list, evlog_list(c->reg, &f, event_print, list, &e), &e);
}
