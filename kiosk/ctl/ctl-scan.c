/*
 * ctl-scan.c: "jsdctl scan", any scanner source run headless.
 *
 * This is how the tests drive the sources and how support checks a scanner at a
 * counter: the same modules the kiosk uses, one event a line on stdout as
 * "SOURCE FORMAT TEXT" (TEXT made terminal-safe by text_safe(), since a scanned
 * code is untrusted and may hold escape sequences). It stops after --count events
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
#include "source-folder.h"
#include "source-serial.h"
#include "text.h"

enum scan_kind { SCAN_KIND_NONE, SCAN_KIND_SERIAL, SCAN_KIND_FOLDER,
	SCAN_KIND_CAMERA, SCAN_KIND_FILE };

struct scan_run {
	enum scan_kind		 kind;
	const char		*path;
	int			 speed;
	long			 count;		/* 0: no limit */
	long			 timeout_ms;	/* 0: none */
	long			 dedupe_ms;
	int			 json;
	long			 seen;
	struct srccam_opts	 cam;
	struct srcser		 ser;
	struct srcdir		 dir;
	struct srccam		*camera;
};

static const struct option scan_options[] = {
	{ "serial", required_argument, NULL, 'S' },
	{ "speed", required_argument, NULL, 'b' },
	{ "folder", required_argument, NULL, 'D' },
	{ "camera", required_argument, NULL, 'C' },
	{ "size", required_argument, NULL, 's' },
	{ "format", required_argument, NULL, 'f' },
	{ "file", required_argument, NULL, 'F' },
	{ "count", required_argument, NULL, 'n' },
	{ "timeout", required_argument, NULL, 't' },
	{ "dedupe-ms", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void
scan_print(const struct scan_event *ev, void *arg)
{
	struct scan_run *r = arg;
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
scan_warn(const struct err *e, void *arg)
{
	(void)arg;
	(void)ctl_fail(e);
}

static int
scan_number(const char *s, long lo, long hi, long *v)
{
	char *end;

	errno = 0;
	*v = strtol(s, &end, 10);
	return errno != 0 || end == s || *end != '\0' || *v < lo || *v > hi ? -1 : 0;
}

static int
scan_size(const char *s, struct srccam_opts *o)
{
	int w, h, n = 0;

	if (sscanf(s, "%dx%d%n", &w, &h, &n) != 2 || s[n] != '\0' || w < 16 ||
	    h < 16 || w > DECODE_MAX_SIDE || h > DECODE_MAX_SIDE)
		return -1;
	o->width = w;
	o->height = h;
	return 0;
}

static int
scan_source(struct scan_run *r, enum scan_kind kind, const char *path)
{
	if (r->kind != SCAN_KIND_NONE)
		return -1;
	r->kind = kind;
	r->path = path;
	return 0;
}

/* -1 to go on, else the exit status after a usage error or --help. */
static int
scan_parse(struct scan_run *r, int argc, char **argv)
{
	long v;
	int ch, bad;

	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "h", scan_options, NULL)) != -1) {
		bad = 0;
		switch (ch) {
		case 'S':
			bad = scan_source(r, SCAN_KIND_SERIAL, optarg);
			break;
		case 'D':
			bad = scan_source(r, SCAN_KIND_FOLDER, optarg);
			break;
		case 'C':
			bad = scan_source(r, SCAN_KIND_CAMERA, optarg);
			break;
		case 'F':
			bad = scan_source(r, SCAN_KIND_FILE, optarg);
			break;
		case 'b':
			bad = scan_number(optarg, 1, INT_MAX, &v);
			r->speed = (int)v;
			break;
		case 's':
			bad = scan_size(optarg, &r->cam);
			break;
		case 'f':
			bad = srccam_fourcc_parse(optarg, &r->cam.fourcc);
			break;
		case 'n':
			bad = scan_number(optarg, 0, LONG_MAX, &r->count);
			break;
		case 't':
			bad = scan_number(optarg, 0, 86400 * 365, &v);
			r->timeout_ms = v * 1000;
			break;
		case 'd':
			bad = scan_number(optarg, 0, 3600 * 1000, &r->dedupe_ms);
			break;
		case 'h':
			return ctl_help("scan.src.usage");
		default:
			bad = 1;
			break;
		}
		if (bad)
			return ctl_usage("scan.src.usage");
	}
	if (optind != argc || r->kind == SCAN_KIND_NONE)
		return ctl_usage("scan.src.usage");
	return -1;
}

static int
scan_open(struct scan_run *r, struct err *e)
{
	switch (r->kind) {
	case SCAN_KIND_SERIAL:
		srcser_init(&r->ser, r->dedupe_ms);
		return srcser_open(&r->ser, r->path, r->speed, e);
	case SCAN_KIND_FOLDER:
		srcdir_init(&r->dir, NULL, r->dedupe_ms);
		return srcdir_open(&r->dir, r->path, e);
	case SCAN_KIND_CAMERA:
		if (strlen(r->path) >= sizeof r->cam.device)
			return err_set(e, ERR_INPUT, "device", "scan.cam.missing",
			    "path too long");
		memcpy(r->cam.device, r->path, strlen(r->path) + 1);
		r->cam.dedupe_ms = r->dedupe_ms;
		return srccam_start(&r->cam, &r->camera, e);
	default:
		return err_set(e, ERR_INPUT, NULL, "scan.src.usage", NULL);
	}
}

static int
scan_fd(const struct scan_run *r)
{
	switch (r->kind) {
	case SCAN_KIND_SERIAL:
		return srcser_fd(&r->ser);
	case SCAN_KIND_FOLDER:
		return srcdir_fd(&r->dir);
	default:
		return srccam_fd(r->camera);
	}
}

static int
scan_read(struct scan_run *r, struct err *e)
{
	struct scan_sink sink = { scan_print, scan_warn, r };

	switch (r->kind) {
	case SCAN_KIND_SERIAL:
		return srcser_read(&r->ser, &sink, e);
	case SCAN_KIND_FOLDER:
		return srcdir_read(&r->dir, &sink, e);
	default:
		return srccam_read(r->camera, &sink, e);
	}
}

static void
scan_close(struct scan_run *r)
{
	switch (r->kind) {
	case SCAN_KIND_SERIAL:
		srcser_close(&r->ser);
		break;
	case SCAN_KIND_FOLDER:
		srcdir_close(&r->dir);
		break;
	default:
		srccam_stop(r->camera);
		r->camera = NULL;
		break;
	}
}

/* Polls the source until --count or --timeout; the exit status. */
static int
scan_loop(struct scan_run *r)
{
	int64_t deadline = r->timeout_ms > 0 ? scan_now_ms() + r->timeout_ms : -1;
	struct pollfd p;
	struct err e;
	int64_t wait;

	err_clear(&e);
	while (r->count == 0 || r->seen < r->count) {
		wait = deadline < 0 ? -1 : deadline - scan_now_ms();
		if (deadline >= 0 && wait <= 0)
			break;
		p.fd = scan_fd(r);
		p.events = POLLIN;
		if (poll(&p, 1, wait > INT_MAX ? INT_MAX : (int)wait) == -1) {
			if (errno == EINTR)
				continue;
			err_set(&e, ERR_SYSTEM, NULL, "scan.src.watch", "poll: %s",
			    strerror(errno));
			return ctl_fail(&e);
		}
		if (p.revents != 0 && scan_read(r, &e) == -1)
			return ctl_fail(&e);
	}
	return -1;
}

int
ctl_scan(struct ctl *c, int argc, char **argv)
{
	struct scan_sink sink;
	struct scan_run *r;
	struct err e;
	int rc;

	/* The sources hold line and frame buffers: too big for the stack. */
	if ((r = calloc(1, sizeof *r)) == NULL) {
		err_set(&e, ERR_SYSTEM, NULL, "scan.src.memory", "jsdctl scan");
		return ctl_fail(&e);
	}
	r->speed = SRCSER_SPEED;
	r->dedupe_ms = SCAN_DEDUPE_MS;
	r->json = c->json;
	srccam_opts_default(&r->cam);
	err_clear(&e);
	if ((rc = scan_parse(r, argc, argv)) != -1) {
		free(r);
		return rc;
	}
	if (r->kind == SCAN_KIND_FILE) {
		sink.event = scan_print;
		sink.warn = scan_warn;
		sink.arg = r;
		rc = srcdir_file(r->path, NULL, &sink, &e) == -1 ? ctl_fail(&e) : -1;
	} else if (scan_open(r, &e) == -1)
		rc = ctl_fail(&e);
	else {
		rc = scan_loop(r);
		scan_close(r);
	}
	if (rc == -1) {
		rc = r->seen > 0 ? 0 : 1;
		if (rc == 1)
			fprintf(stderr, "jsdctl: %s\n", msg_get("scan.src.none"));
	}
	free(r);
	return rc;
}
