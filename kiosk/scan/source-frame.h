/*
 * source-frame.h: the one path from a gray picture to scan events.
 *
 * Camera frames, frames dropped into a folder and single image files all end
 * here, so they are decoded with the same settings and filtered by the same dedupe
 * rule (a code held in sight is reported once). A struct srcframe belongs to one
 * source and is used from one thread: the camera's lives on its capture thread.
 *
 * Image files (a folder's frames, a single file) are still pictures: they are
 * parsed and decoded with the still-picture schedule in a worker process
 * (decode-worker.h), started on the first file and kept until srcframe_free(),
 * so that a file that crashes the decoder or its parser costs that file only.
 */
#ifndef JSD_SOURCE_FRAME_H
#define JSD_SOURCE_FRAME_H

#include <stdint.h>

#include "decode-worker.h"
#include "decode.h"
#include "err.h"
#include "scan.h"

struct srcframe {
	enum scan_source	 source;
	struct decode_opts	 opts;
	struct scan_dedupe	 dd;
	struct decode_worker	*worker;	/* for files; NULL until the first */
};

/* opts NULL: decode_opts_default(). */
void	srcframe_init(struct srcframe *, enum scan_source, const struct decode_opts *,
	    int64_t dedupe_ms);
/* Decodes one frame (pixel (x, y) at px[y * row_stride + x * pixel_stride]) and
 * delivers each code that passes the dedupe filter. -1 if the decoder failed. */
int	srcframe_decode(struct srcframe *, const unsigned char *px, int width,
	    int height, int row_stride, int pixel_stride, int64_t now_ms,
	    const struct scan_sink *, struct err *);
/* Stops the worker, if one was started. */
void	srcframe_free(struct srcframe *);
/* Decodes an image file (PNG, JPEG, PGM) with the still-picture schedule, in
 * the worker. */
int	srcframe_file(struct srcframe *, const char *path, int64_t now_ms,
	    const struct scan_sink *, struct err *);

#endif
