/*
 * ctl-scan.c: "jsdctl scan", any scanner source run headless.
 *
 * This is how the tests drive the sources and how support checks a scanner at a
 * counter: the same sources the kiosk uses, through the same interface
 * (source.h), with an option for each kind in its table (--serial DEV,
 * --folder DIR, ...). One event a line on stdout as "SOURCE FORMAT TEXT" (TEXT
 * made terminal-safe by text_safe(), since a scanned code is untrusted and may
 * hold escape sequences). It stops after --count events
 * or --timeout seconds. Exit status: 0 if anything was read, 1 if nothing was, 2
 * (or the error's own status) when the source failed, with the message on stderr.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ctl.h"
#include "msg.h"
#include "scan.h"
#include "source-camera.h"
#include "source.h"
#include "text.h"

#define CTL_SCAN_KIND	0x100	/* getopt value of the first kind's option */

struct ctl_scan_run {
	struct source_spec	 spec;		/* cls NULL until a kind is given */
	long			 count;		/* 0: no limit */
	long			 timeout_ms;	/* 0: none */
	int			 json;
	long			 seen;
	struct source_set	 set;
};

static const struct option ctl_scan_fixed[] = {
	{ "speed", required_argument, NULL, 'b' },
	{ "size", required_argument, NULL, 's' },
	{ "format", required_argument, NULL, 'f' },
	{ "count", required_argument, NULL, 'n' },
	{ "timeout", required_argument, NULL, 't' },
	{ "dedupe-ms", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
};

#define CTL_SCAN_NFIXED	(sizeof ctl_scan_fixed / sizeof ctl_scan_fixed[0])

/* The fixed options, then "--NAME PATH" for each kind of source in the table. */
static void
ctl_scan_options(struct option *o, size_t max)
{
	const struct source_class *cls;
	size_t i, n = CTL_SCAN_NFIXED;

	memcpy(o, ctl_scan_fixed, sizeof ctl_scan_fixed);
	for (i = 0; n + 1 < max && (cls = source_class_at(i)) != NULL; i++, n++) {
		o[n].name = cls->name;
		o[n].has_arg = required_argument;
		o[n].flag = NULL;
		o[n].val = CTL_SCAN_KIND + (int)i;
	}
	memset(&o[n], 0, sizeof o[n]);
}

static void
ctl_scan_print(const struct scan_event *ev, void *arg)
{
	struct ctl_scan_run *r = arg;
	char safe[4 * SCAN_MAX_BYTES + 1];	/* "\xNN" is the longest a byte gets */
	json_t *j;
	char *s;

	if (r->count > 0 && r->seen >= r->count)
		return;
	r->seen++;
	if (ev->overflow) {
		fprintf(stderr, "jsdctl: %s\n", msg_get("scan.src.overflow"));
		safe[0] = '\0';
	} else
		text_safe((const char *)ev->text, ev->len, safe, sizeof safe);
	if (r->json) {
		j = json_pack("{s:s, s:s, s:s, s:b}", "source",
		    scan_source_name(ev->source), "format",
		    ev->overflow ? "overflow" : scan_format_name(ev->format), "text", safe,
		    "overflow", ev->overflow);
		if (j != NULL && (s = json_dumps(j, JSON_COMPACT)) != NULL) {
			printf("%s\n", s);
			free(s);
		}
		json_decref(j);
	} else if (ev->overflow)
		printf("%s overflow -\n", scan_source_name(ev->source));
	else
		printf("%s %s %s\n", scan_source_name(ev->source),
		    scan_format_name(ev->format), safe);
	fflush(stdout);
}

static void
ctl_scan_warn(const struct err *e, void *arg)
{
	(void)arg;
	(void)ctl_fail(e);
}

static int
ctl_scan_number(const char *s, long lo, long hi, long *v)
{
	char *end;

	errno = 0;
	*v = strtol(s, &end, 10);
	return errno != 0 || end == s || *end != '\0' || *v < lo || *v > hi ? -1 : 0;
}

/* One source a run: a second kind is a usage error. */
static int
ctl_scan_kind(struct ctl_scan_run *r, int ch, const char *path)
{
	if (r->spec.cls != NULL)
		return -1;
	r->spec.cls = source_class_at((size_t)(ch - CTL_SCAN_KIND));
	r->spec.opts.path = path;
	return 0;
}

/* One option; 0, or -1 if its value is bad. */
static int
ctl_scan_option(struct ctl_scan_run *r, int ch, const char *arg)
{
	struct source_opts *o = &r->spec.opts;
	long v;
	int bad;

	switch (ch) {
	case 'b':
		bad = ctl_scan_number(arg, 1, INT_MAX, &v);
		o->speed = (int)v;
		return bad;
	case 's':
		return source_camera_size_parse(arg, o);
	case 'f':
		return source_camera_fourcc_parse(arg, &o->fourcc);
	case 'n':
		return ctl_scan_number(arg, 0, LONG_MAX, &r->count);
	case 't':
		bad = ctl_scan_number(arg, 0, 86400 * 365, &v);
		r->timeout_ms = v * 1000;
		return bad;
	case 'd':
		return ctl_scan_number(arg, 0, 3600 * 1000, &o->dedupe_ms);
	default:
		return ch >= CTL_SCAN_KIND ? ctl_scan_kind(r, ch, arg) : -1;
	}
}

/* -1 to go on, else the exit status after a usage error or --help. */
static int
ctl_scan_parse(struct ctl_scan_run *r, int argc, char **argv)
{
	struct option opts[CTL_SCAN_NFIXED + SOURCE_MAX + 1];
	int ch;

	ctl_scan_options(opts, sizeof opts / sizeof opts[0]);
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (ch == 'h')
			return ctl_help("scan.src.usage");
		if (ctl_scan_option(r, ch, optarg) == -1)
			return ctl_usage("scan.src.usage");
	}
	if (optind != argc || r->spec.cls == NULL)
		return ctl_usage("scan.src.usage");
	return -1;
}

/* Polls the sources until --count, --timeout or none is left; -1 when it ran
 * out, else the exit status of a failure. */
static int
ctl_scan_loop(struct ctl_scan_run *r)
{
	int64_t deadline = r->timeout_ms > 0 ? scan_now_ms() + r->timeout_ms : -1;
	struct scan_sink sink = { ctl_scan_print, ctl_scan_warn, r };
	struct pollfd p[SOURCE_MAX];
	size_t i, n;
	struct err e;
	int64_t wait;

	err_clear(&e);
	while (r->set.n > 0 && (r->count == 0 || r->seen < r->count)) {
		wait = deadline < 0 ? -1 : deadline - scan_now_ms();
		if (deadline >= 0 && wait <= 0)
			break;
		n = source_poll_fds(&r->set, p, SOURCE_MAX);
		if (poll(p, n, wait > INT_MAX ? INT_MAX : (int)wait) == -1) {
			if (errno == EINTR)
				continue;
			err_set(&e, ERR_SYSTEM, NULL, "scan.src.watch", "poll: %s",
			    strerror(errno));
			return ctl_fail(&e);
		}
		for (i = 0; i < n; i++)
			if (p[i].revents != 0 &&
			    source_read_fd(&r->set, p[i].fd, &sink, &e) == -1)
				return ctl_fail(&e);
	}
	return -1;
}

int
ctl_scan(struct ctl *c, int argc, char **argv)
{
	struct ctl_scan_run *r;
	struct err e;
	int rc;

	/* The sources hold line and frame buffers: too big for the stack. */
	if ((r = calloc(1, sizeof *r)) == NULL) {
		err_set(&e, ERR_SYSTEM, NULL, "scan.src.memory", "jsdctl scan");
		return ctl_fail(&e);
	}
	source_opts_default(&r->spec.opts);
	r->json = c->json;
	err_clear(&e);
	if ((rc = ctl_scan_parse(r, argc, argv)) != -1) {
		free(r);
		return rc;
	}
	if (source_open_all(&r->set, &r->spec, 1, &e) == -1)
		rc = ctl_fail(&e);
	else
		rc = ctl_scan_loop(r);
	source_close_all(&r->set);
	if (rc == -1) {
		rc = r->seen > 0 ? 0 : 1;
		if (rc == 1)
			fprintf(stderr, "jsdctl: %s\n", msg_get("scan.src.none"));
	}
	free(r);
	return rc;
}
