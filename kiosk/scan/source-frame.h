/*
 * source-frame.h: the one path from a gray picture to scan events.
 *
 * Camera frames, frames dropped into a folder and single image files all end
 * here, so they are decoded with the same settings and filtered by the same dedupe
 * rule (a code held in sight is reported once). It is a part of those sources,
 * not a kind of its own. A struct source_frame belongs to one source and is used
 * from one thread: the camera's lives on its capture thread.
 */
#ifndef JSD_SOURCE_FRAME_H
#define JSD_SOURCE_FRAME_H

#include <stdint.h>

#include "decode.h"
#include "err.h"
#include "scan.h"

struct source_frame {
	enum scan_source	 source;
	struct decode_opts	 opts;
	struct scan_dedupe	 dd;
};

/* opts NULL: decode_opts_default(). */
void	source_frame_init(struct source_frame *, enum scan_source,
	    const struct decode_opts *, int64_t dedupe_ms);
/* Decodes one frame (pixel (x, y) at px[y * row_stride + x * pixel_stride]) and
 * delivers each code that passes the dedupe filter. -1 if the decoder failed. */
int	source_frame_decode(struct source_frame *, const unsigned char *px, int width,
	    int height, int row_stride, int pixel_stride, int64_t now_ms,
	    const struct scan_sink *, struct err *);
/* Loads an image file (PNG, JPEG, PGM) and decodes it as one frame. */
int	source_frame_file(struct source_frame *, const char *path, int64_t now_ms,
	    const struct scan_sink *, struct err *);

#endif
