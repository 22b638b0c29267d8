/*
 * source-frame.c: decoding a frame into deduped scan events; see source-frame.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "source-frame.h"

void
srcframe_init(struct srcframe *f, enum scan_source source,
    const struct decode_opts *opts, int64_t dedupe_ms)
{
	memset(f, 0, sizeof *f);
	f->source = source;
	if (opts != NULL)
		f->opts = *opts;
	else
		decode_opts_default(&f->opts);
	scan_dedupe_init(&f->dd, dedupe_ms);
}

/* Delivers each result that passes the dedupe filter. */
static void
srcframe_deliver(struct srcframe *f, const struct decode_result *res, size_t n,
    int64_t now_ms, const struct scan_sink *sink)
{
	struct scan_event ev;
	size_t i;

	for (i = 0; i < n; i++) {
		scan_event_set(&ev, f->source, res[i].format, res[i].bytes, res[i].len,
		    now_ms);
		if (scan_dedupe_pass(&f->dd, &ev))
			sink->event(&ev, sink->arg);
	}
}

int
srcframe_decode(struct srcframe *f, const unsigned char *px, int width, int height,
    int row_stride, int pixel_stride, int64_t now_ms, const struct scan_sink *sink,
    struct err *e)
{
	struct decode_result *res;
	size_t n;

	/* Eight results of 1 KiB each: on the heap rather than a thread's stack. */
	res = calloc(DECODE_MAX_RESULTS, sizeof *res);
	if (res == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "frame results");
	if (decode_gray(px, width, height, row_stride, pixel_stride, &f->opts, res,
	    DECODE_MAX_RESULTS, &n, e) == -1) {
		free(res);
		return -1;
	}
	srcframe_deliver(f, res, n, now_ms, sink);
	free(res);
	return 0;
}

int
srcframe_file(struct srcframe *f, const char *path, int64_t now_ms,
    const struct scan_sink *sink, struct err *e)
{
	struct decode_result *res;
	struct decode_outcome oc;
	struct decode_job job;
	size_t n;
	int rc;

	if (f->worker == NULL && decode_worker_start(&f->worker, e) != 0)
		return -1;
	if ((res = calloc(DECODE_MAX_RESULTS, sizeof *res)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "frame results");
	decode_job_still(&job);
	job.opts = f->opts;
	rc = decode_worker_file(f->worker, path, &job, res, DECODE_MAX_RESULTS, &n,
	    &oc, e);
	/* A picture the decoder cannot survive is a frame with no code: the
	 * screen shows nothing unusual unless the worker keeps dying
	 * ("decode.worker_dead", which the caller is told). */
	if (rc != 0 && e->key != NULL && strcmp(e->key, "decode.crashed") == 0)
		rc = 0;
	else if (rc == 0)
		srcframe_deliver(f, res, n, now_ms, sink);
	free(res);
	return rc;
}

void
srcframe_free(struct srcframe *f)
{
	decode_worker_stop(f->worker);
	f->worker = NULL;
}
