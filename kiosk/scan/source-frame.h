/*
 * source-frame.h: the one path from a gray picture to scan events.
 *
 * Camera frames, frames dropped into a folder and single image files all end
 * here, so they are decoded with the same settings and filtered by the same dedupe
 * rule (a code held in sight is reported once). It is a part of those sources,
 * not a kind of its own. A struct source_frame belongs to one source and is used
 * from one thread: the camera's lives on its capture thread.
 *
 * Everything is decoded in a worker process (decode-worker.h), started on the
 * first frame or file and kept until source_frame_free(), so that a picture
 * that crashes the decoder or its parser costs that picture only: it is a
 * picture with no code, and the screen shows nothing unusual unless the worker
 * keeps dying ("decode.worker_dead"). Camera frames get the fast pass; with
 * source_frame_beside(), the frames it finds nothing in are offered to the
 * heavier passes running beside it (decode-heavy.h). Image files (a folder's
 * frames, a single file) are still pictures: the still-picture schedule.
 */
#ifndef JSD_SOURCE_FRAME_H
#define JSD_SOURCE_FRAME_H

#include <stdint.h>

#include "decode-heavy.h"
#include "decode-worker.h"
#include "decode.h"
#include "err.h"
#include "scan.h"

struct source_frame {
	enum scan_source	 source;
	struct decode_opts	 opts;
	struct scan_dedupe	 dd;
	struct decode_worker	*worker;	/* NULL until the first picture */
	struct decode_heavy	*heavy;		/* source_frame_beside(); or NULL */
	struct scan_sink	 heavy_sink;
};

/* opts NULL: decode_opts_default(). */
void	source_frame_init(struct source_frame *, enum scan_source,
	    const struct decode_opts *, int64_t dedupe_ms);
/* Decodes one frame (pixel (x, y) at px[y * row_stride + x * pixel_stride]) with
 * the fast pass and delivers each code that passes the dedupe filter. -1 if the
 * decoder keeps failing. */
int	source_frame_decode(struct source_frame *, const unsigned char *px, int width,
	    int height, int row_stride, int pixel_stride, int64_t now_ms,
	    const struct scan_sink *, struct err *);
/* Decodes an image file (PNG, JPEG, PGM) with the still-picture schedule. */
int	source_frame_file(struct source_frame *, const char *path, int64_t now_ms,
	    const struct scan_sink *, struct err *);
/*
 * Starts the heavier passes beside the fast pass, at most share_pct of a core.
 * What they find goes to sink->event from their own thread, not deduped (the
 * sink must be safe to call from another thread, and dedupe downstream).
 */
int	source_frame_beside(struct source_frame *, int share_pct,
	    const struct scan_sink *, struct err *);
/* Stops the heavier passes and the worker, if started; safe to repeat. */
void	source_frame_free(struct source_frame *);

#endif
