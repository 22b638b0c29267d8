/*
 * source-frame.c: decoding a frame into deduped scan events; see source-frame.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "image.h"
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

int
source_frame_decode(struct source_frame *f, const unsigned char *px, int width,
    int height, int row_stride, int pixel_stride, int64_t now_ms,
    const struct scan_sink *sink, struct err *e)
{
	struct decode_result *res;
	struct scan_event ev;
	size_t i, n;

	/* Eight results of 1 KiB each: on the heap rather than a thread's stack. */
	res = calloc(DECODE_MAX_RESULTS, sizeof *res);
	if (res == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "frame results");
	if (decode_gray(px, width, height, row_stride, pixel_stride, &f->opts, res,
	    DECODE_MAX_RESULTS, &n, e) == -1) {
		free(res);
		return -1;
	}
	for (i = 0; i < n; i++) {
		scan_event_set(&ev, f->source, res[i].format, res[i].bytes, res[i].len,
		    now_ms);
		if (scan_dedupe_pass(&f->dd, &ev))
			sink->event(&ev, sink->arg);
	}
	free(res);
	return 0;
}

int
source_frame_file(struct source_frame *f, const char *path, int64_t now_ms,
    const struct scan_sink *sink, struct err *e)
{
	struct image img;
	int rc;

	memset(&img, 0, sizeof img);
	if (image_load(path, &img, e) == -1)
		return -1;
	rc = source_frame_decode(f, img.gray, img.width, img.height, img.width, 1,
	    now_ms, sink, e);
	image_free(&img);
	return rc;
}
