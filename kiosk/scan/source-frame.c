/*
 * source-frame.c: decoding a frame into deduped scan events; see source-frame.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "source-frame.h"

void
source_frame_init(struct source_frame *f, enum scan_source source,
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
source_frame_deliver(struct source_frame *f, const struct decode_result *res,
    size_t n, int64_t now_ms, const struct scan_sink *sink)
{
	struct scan_event ev;
	size_t i;

	for (i = 0; i < n; i++) {
		scan_event_set(&ev, f->source, res[i].format, res[i].bytes,
		    res[i].oversize > 0 ? SCAN_MAX_BYTES + 1 : res[i].len,
		    now_ms);
		if (scan_dedupe_pass(&f->dd, &ev))
			sink->event(&ev, sink->arg);
	}
}

/* A picture that crashed the decoder is one with no code (see the header). */
static int
source_frame_crashed(int rc, const struct err *e)
{
	return rc != 0 && e->key != NULL && strcmp(e->key, "decode.crashed") == 0;
}

/* One decoding request: its job, and room for the worker's answer. */
struct source_frame_run {
	struct decode_job	 job;
	struct decode_result	*res;
	size_t			 n;
	struct decode_outcome	 oc;
};

/*
 * The worker started on first use, the job of the kind asked with the
 * source's options, and room for the results: eight of 1 KiB each, on the
 * heap rather than a thread's stack. source_frame_end frees them.
 */
static int
source_frame_begin(struct source_frame *f, struct source_frame_run *run,
    void (*kind)(struct decode_job *), struct err *e)
{
	if (f->worker == NULL && decode_worker_start(&f->worker, e) != 0)
		return -1;
	run->res = calloc(DECODE_MAX_RESULTS, sizeof *run->res);
	if (run->res == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "frame results");
	kind(&run->job);
	run->job.opts = f->opts;
	run->n = 0;
	return 0;
}

/* The codes found to the sink, the results freed; a crash is no code. */
static int
source_frame_end(struct source_frame *f, struct source_frame_run *run, int rc,
    int64_t now_ms, const struct scan_sink *sink, struct err *e)
{
	if (rc == 0)
		source_frame_deliver(f, run->res, run->n, now_ms, sink);
	free(run->res);
	return source_frame_crashed(rc, e) ? 0 : rc;
}

int
source_frame_decode(struct source_frame *f, const unsigned char *px, int width,
    int height, int row_stride, int pixel_stride, int64_t now_ms,
    const struct scan_sink *sink, struct err *e)
{
	struct source_frame_run run;
	int rc;

	if (source_frame_begin(f, &run, decode_job_fast, e) != 0)
		return -1;
	rc = decode_worker_frame(f->worker, px, width, height, row_stride,
	    pixel_stride, &run.job, run.res, DECODE_MAX_RESULTS, &run.n, &run.oc,
	    e);
	if (rc == 0 && run.n == 0 && f->heavy != NULL)
		(void)decode_heavy_offer(f->heavy, px, width, height, row_stride,
		    pixel_stride);
	return source_frame_end(f, &run, rc, now_ms, sink, e);
}

int
source_frame_file(struct source_frame *f, const char *path, int64_t now_ms,
    const struct scan_sink *sink, struct err *e)
{
	struct source_frame_run run;
	int rc;

	if (source_frame_begin(f, &run, decode_job_still, e) != 0)
		return -1;
	rc = decode_worker_file(f->worker, path, &run.job, run.res,
	    DECODE_MAX_RESULTS, &run.n, &run.oc, e);
	return source_frame_end(f, &run, rc, now_ms, sink, e);
}

/* The heavier passes found codes: on their thread, straight to the sink. */
static void
source_frame_heavy_found(const struct decode_result *res, size_t n,
    enum decode_pass pass, void *arg)
{
	struct source_frame *f = arg;
	struct scan_event ev;
	size_t i;

	(void)pass;
	for (i = 0; i < n; i++) {
		scan_event_set(&ev, f->source, res[i].format, res[i].bytes,
		    res[i].oversize > 0 ? SCAN_MAX_BYTES + 1 : res[i].len,
		    scan_now_ms());
		f->heavy_sink.event(&ev, f->heavy_sink.arg);
	}
}

int
source_frame_beside(struct source_frame *f, int share_pct,
    const struct scan_sink *sink, struct err *e)
{
	if (f->heavy != NULL)
		return 0;
	f->heavy_sink = *sink;
	return decode_heavy_start(&f->opts, share_pct, source_frame_heavy_found, f,
	    &f->heavy, e);
}

void
source_frame_free(struct source_frame *f)
{
	decode_heavy_stop(f->heavy);
	f->heavy = NULL;
	decode_worker_stop(f->worker);
	f->worker = NULL;
}
