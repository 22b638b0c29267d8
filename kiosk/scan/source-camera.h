/*
 * source-camera.h: a V4L2 camera as a scanner, the kind "camera" (source.h).
 *
 * Capture and decoding run on a thread of their own, so a slow frame never holds
 * up the screen: the thread streams frames (mmap buffers), decodes each through
 * source_frame_decode() (the fast pass, in a worker process) and posts what it
 * finds into a pipe: that pipe is the source's descriptor, which the caller
 * polls and reads on its own thread, deduped there. Frames the fast pass finds
 * nothing in are offered to the heavier passes running beside it at 30% of a
 * core (decode-heavy.h), which post into the same pipe; capture never waits for
 * them, frames they are too busy to take are dropped. YUYV and GREY frames are
 * read in place (YUYV as its Y bytes, pixel stride 2); MJPEG frames are
 * decompressed to gray with libjpeg. If the decoder keeps dying, a read
 * returns "decode.worker_dead" once, and scanning by other means still works.
 *
 * Errors come with their own keys: no such device, busy (another program has it),
 * no permission, not a capture device, no usable format, and gone (unplugged while
 * streaming). Without the wait option a device that cannot be opened fails the
 * open. After an error the thread closes the device and tries to open it again
 * every few seconds until it is back; a read returns each error once, and
 * source_camera_ready() says whether frames are flowing.
 */
#ifndef JSD_SOURCE_CAMERA_H
#define JSD_SOURCE_CAMERA_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "err.h"
#include "scan.h"
#include "source.h"

extern const struct source_class source_camera_class;

/* Parses "yuyv", "mjpeg" or "grey" into a fourcc; -1 if unknown. */
int	source_camera_fourcc_parse(const char *, uint32_t *);
/* Parses "WxH" (16 to DECODE_MAX_SIDE each) into o's frame size; -1 if not. */
int	source_camera_size_parse(const char *, struct source_opts *o);
/* Whether frames are flowing; a camera source only. */
int	source_camera_ready(const struct source *);

/* A frame as the decoder reads it: pixel (x, y) at
 * px[y * row_stride + x * pixel_stride]. */
struct source_camera_view {
	const unsigned char	*px;
	int			 width;
	int			 height;
	int			 row_stride;
	int			 pixel_stride;
};

/* Memory an MJPEG frame is decompressed into, reused from frame to frame. */
struct source_camera_scratch {
	unsigned char		*buf;
	size_t			 size;
};

/*
 * Makes a gray view of one captured buffer of len bytes in the given format.
 * YUYV and GREY point into data (no copy); MJPEG is decompressed into scratch,
 * whatever size its header says (at most DECODE_MAX_SIDE a side). A buffer too
 * short for its size, or a damaged JPEG, is an error ("scan.cam.frame").
 */
int	source_camera_view(uint32_t fourcc, const unsigned char *data, size_t len,
	    int width, int height, int bytesperline, struct source_camera_scratch *,
	    struct source_camera_view *, struct err *);
void	source_camera_scratch_free(struct source_camera_scratch *);

#endif
