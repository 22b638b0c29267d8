/*
 * ctl-decode.c: "jsdctl decode", the codes in image files.
 *
 * Reads each file (PNG, JPEG or PGM) with the still-picture schedule the kiosk
 * ships (decode_sched_default(): the fast pass, then heavier ones until one
 * reads a code or the picture's time budget is spent) and prints every code
 * found as "FILE: FORMAT TEXT", or with --json one object a file that also
 * names the pass that read it. Files are parsed and decoded in the worker
 * process (decode-worker.h): a picture that crashes the decoder costs the pass
 * that crashed, or that file, never the command. --budget-ms 0 lifts the time
 * budget, so that the outcome does not depend on the machine's speed; --passes
 * names the passes to try, in order, to see which reads a troublesome photo. The text of a code is untrusted, and so is a file name taken from a
 * folder: both go through text_safe() before reaching the terminal. It does not
 * open the registry. Exit status: 2 if a file could not be read (the others are
 * still decoded), else 1 if some file held no code, else 0.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ctl.h"
#include "decode-worker.h"
#include "decode.h"
#include "msg.h"
#include "text.h"

static const struct option ctl_decode_options[] = {
	{ "formats", required_argument, NULL, 'f' },
	{ "budget-ms", required_argument, NULL, 'b' },
	{ "passes", required_argument, NULL, 'p' },
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* Calls each for every name of a comma list; an unknown name (each returns
 * -1) is told under the message key and ends the walk. */
static int
ctl_decode_list(const char *list, const char *key,
    int (*each)(const char *, void *), void *arg)
{
	char	 buf[256], *name, *save = NULL;
	char	 safe[64];

	if (strlen(list) >= sizeof buf)
		return -1;
	strcpy(buf, list);
	for (name = strtok_r(buf, ",", &save); name != NULL;
	    name = strtok_r(NULL, ",", &save)) {
		if (each(name, arg) != 0) {
			text_safe(name, strlen(name), safe, sizeof safe);
			fprintf(stderr, "jsdctl: %s: %s\n", msg_get(key), safe);
			return -1;
		}
	}
	return 0;
}

static int
ctl_decode_format_add(const char *name, void *arg)
{
	unsigned *formats = arg, f;

	if ((f = decode_format_parse(name)) == 0)
		return -1;
	*formats |= f;
	return 0;
}

/* Parses "qr,code128,..." into decode_format bits; -1 on an unknown name. */
static int
ctl_decode_formats(const char *list, unsigned *formats)
{
	*formats = 0;
	if (ctl_decode_list(list, "scan.decode.format", ctl_decode_format_add,
	    formats) != 0)
		return -1;
	return *formats == 0 ? -1 : 0;
}

static int
ctl_decode_pass_add(const char *name, void *arg)
{
	struct decode_job *job = arg;
	int p;

	if ((p = decode_pass_parse(name)) < 0 ||
	    job->sched.npasses == DECODE_NPASSES)
		return -1;
	job->sched.order[job->sched.npasses++] = (enum decode_pass)p;
	return 0;
}

/* Parses "harder,fast,..." into a schedule of its own; -1 on an unknown name. */
static int
ctl_decode_passes(const char *list, struct decode_job *job)
{
	job->sched_default = 0;
	job->sched.npasses = 0;
	if (ctl_decode_list(list, "scan.decode.pass", ctl_decode_pass_add,
	    job) != 0)
		return -1;
	return job->sched.npasses == 0 ? -1 : 0;
}

/* A code found, with the file it was found in (a column of the text line). */
struct ctl_decode_row {
	const char		*file;
	struct decode_result	 r;
};

static const char *
ctl_decode_format(const void *row)
{
	return decode_format_name(((const struct ctl_decode_row *)row)->r.format);
}

/* The code's bytes, untrusted, made safe to show. */
static const char *
ctl_decode_text(const void *row, char *cell, size_t len)
{
	const struct ctl_decode_row *d = row;

	text_safe((const char *)d->r.bytes, d->r.len, cell, len);
	return cell;
}

_Static_assert(CTL_COL_ROOM >= 4 * DECODE_MAX_BYTES + 1,
    "a code made safe (\\xNN a byte at worst) fits a cell");

static const struct ctl_col ctl_decode_cols[] = {
	CTL_COL(NULL, 1, "%s: ", CTL_COL_STRP, struct ctl_decode_row, file),
	CTL_COL_FN("format", 2, "%s ", ctl_decode_format),
	CTL_COL_CELL("text", 3, "%s", ctl_decode_text),
	CTL_COL("x", 0, NULL, CTL_COL_INT, struct ctl_decode_row, r.x),
	CTL_COL("y", 0, NULL, CTL_COL_INT, struct ctl_decode_row, r.y),
	CTL_COL("w", 0, NULL, CTL_COL_INT, struct ctl_decode_row, r.w),
	CTL_COL("h", 0, NULL, CTL_COL_INT, struct ctl_decode_row, r.h),
};

static void
ctl_decode_print(const char *file, const struct decode_result *r, size_t n,
    const struct decode_outcome *oc, int json)
{
	static struct ctl_decode_row row;	/* a whole result: not on the stack */
	struct ctl_list l;
	json_t *obj;
	size_t i;

	ctl_list_start(&l, ctl_decode_cols, CTL_NCOLS(ctl_decode_cols), json);
	row.file = file;
	for (i = 0; i < n; i++) {
		row.r = r[i];
		ctl_list_row(&l, &row);
	}
	if (!json)
		return;
	obj = json_pack("{s:s, s:o, s:s?, s:i}", "file", file, "codes",
	    ctl_list_take(&l), "pass", oc->hit >= 0 ?
	    decode_pass_name((enum decode_pass)oc->hit) : NULL, "worker_deaths",
	    oc->deaths);
	if (obj == NULL)
		fprintf(stderr, "jsdctl: %s: %s\n", file, msg_get("decode.failed"));
	else
		ctl_print_json(obj);
}

/* Drops the oversized symbols from res[0..*n); returns the largest one's size. */
static size_t
ctl_decode_keep(struct decode_result *res, size_t *n)
{
	size_t i, kept = 0, over = 0;

	for (i = 0; i < *n; i++) {
		if (res[i].oversize > over)
			over = res[i].oversize;
		if (res[i].oversize == 0)
			res[kept++] = res[i];
	}
	*n = kept;
	return over;
}

/* Decodes one file; returns its exit status (0, 1 nothing found, 2 unreadable). */
static int
ctl_decode_file(struct decode_worker *w, const char *path,
    const struct decode_job *job, int json)
{
	static struct decode_result	 res[DECODE_MAX_RESULTS];
	char				 file[1024], detail[1024];
	struct decode_outcome		 oc;
	struct err			 e;
	size_t				 n, over;

	text_safe(path, strlen(path), file, sizeof file);
	err_clear(&e);
	if (decode_worker_file(w, path, job, res, DECODE_MAX_RESULTS, &n, &oc,
	    &e) != 0) {
		/* The detail names the file and what libpng or libjpeg said. */
		text_safe(e.detail, strlen(e.detail), detail, sizeof detail);
		fprintf(stderr, "jsdctl: %s: %s (%s)\n", file, msg_get(e.key),
		    detail);
		return 2;
	}
	over = ctl_decode_keep(res, &n);
	ctl_decode_print(file, res, n, &oc, json);
	if (n == 0 && over > 0) {
		fprintf(stderr, "jsdctl: %s: %s (%zu > %d bytes)\n", file,
		    msg_get("decode.too_long"), over, DECODE_MAX_BYTES);
		return 1;
	}
	if (n == 0) {
		/* Nothing read, and the decoder died on the way: say which. */
		fprintf(stderr, "jsdctl: %s: %s\n", file, msg_get(oc.deaths > 0 ?
		    "decode.crashed" : "scan.decode.none"));
		return 1;
	}
	return 0;
}

int
ctl_decode(struct ctl *c, int argc, char **argv)
{
	struct decode_worker	*w;
	struct decode_job	 job;
	struct err		 e;
	char			*end;
	long			 budget = -1;
	int			 ch, i, rc = 0, frc, json = c->json;

	decode_job_still(&job);
	if (ctl_wants_help(argc, argv))
		return ctl_help("scan.decode.usage");
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "f:b:p:j", ctl_decode_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (ctl_decode_formats(optarg, &job.opts.formats) != 0)
				return ctl_usage("scan.decode.usage");
			break;
		case 'b':
			budget = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || budget < 0 ||
			    budget > 600000)
				return ctl_usage("scan.decode.usage");
			break;
		case 'p':
			if (ctl_decode_passes(optarg, &job) != 0)
				return ctl_usage("scan.decode.usage");
			break;
		case 'j':
			json = 1;
			break;
		default:
			return ctl_usage("scan.decode.usage");
		}
	}
	if (optind >= argc)
		return ctl_usage("scan.decode.usage");
	job.budget_ms = (int)budget;
	job.sched.budget_ms = budget < 0 ? 0 : (int)budget;
	if (decode_worker_start(&w, &e) != 0)
		return ctl_fail(&e);
	for (i = optind; i < argc; i++) {
		frc = ctl_decode_file(w, argv[i], &job, json);
		if (frc > rc)
			rc = frc;
	}
	decode_worker_stop(w);
	return rc;
}
