/*
 * source-camera.h: a V4L2 camera as a scanner.
 *
 * Capture and decoding run on a thread of their own, so a slow frame never holds
 * up the screen: the thread streams frames (mmap buffers), decodes each through
 * srcframe_decode() and posts what it finds, deduped, into a pipe that the UI loop
 * polls (srccam_fd()) and drains with srccam_read() on its own thread. YUYV and
 * GREY frames are read in place (YUYV as its Y bytes, pixel stride 2); MJPEG frames
 * are decompressed to gray with libjpeg.
 *
 * Errors come with their own keys: no such device, busy (another program has it),
 * no permission, not a capture device, no usable format, and gone (unplugged while
 * streaming). After an error the thread closes the device and tries to open it
 * again every retry_s seconds until it is back; srccam_read() returns each error
 * once, and srccam_ready() says whether frames are flowing.
 */
#ifndef JSD_SOURCE_CAMERA_H
#define JSD_SOURCE_CAMERA_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "err.h"
#include "scan.h"

struct srccam_opts {
	char			 device[PATH_MAX];	/* "/dev/video0" */
	int			 width;		/* asked for; the driver may adjust */
	int			 height;
	uint32_t		 fourcc;	/* V4L2_PIX_FMT_*; 0: YUYV, GREY or MJPEG */
	int			 retry_s;	/* between attempts to reopen */
	int			 wait;		/* start even if the device is not there yet */
	int64_t			 dedupe_ms;
	struct decode_opts	 decode;
};

struct srccam;

/* /dev/video0, 1280x720, any format, retry every 3 s, don't wait, default dedupe
 * and decode options. */
void	srccam_opts_default(struct srccam_opts *);
/* Parses "yuyv", "mjpeg" or "grey" into a fourcc; -1 if unknown. */
int	srccam_fourcc_parse(const char *, uint32_t *);
/*
 * Opens the device and starts the capture thread. Without opts->wait a device
 * that cannot be opened is an error here; with it the thread keeps trying and the
 * error comes through srccam_read().
 */
int	srccam_start(const struct srccam_opts *, struct srccam **, struct err *);
int	srccam_fd(const struct srccam *);
/* Delivers what the thread posted: scans to sink->event; -1 with err for a device
 * error (the thread is already retrying). */
int	srccam_read(struct srccam *, const struct scan_sink *, struct err *);
int	srccam_ready(const struct srccam *);
/* Stops the thread, closes the device, frees everything; NULL is fine. */
void	srccam_stop(struct srccam *);

/* A frame as the decoder reads it: pixel (x, y) at px[y * row_stride + x * pixel_stride]. */
struct srccam_view {
	const unsigned char	*px;
	int			 width;
	int			 height;
	int			 row_stride;
	int			 pixel_stride;
};

/* Memory an MJPEG frame is decompressed into, reused from frame to frame. */
struct srccam_scratch {
	unsigned char		*buf;
	size_t			 size;
};

/*
 * Makes a gray view of one captured buffer of len bytes in the given format.
 * YUYV and GREY point into data (no copy); MJPEG is decompressed into scratch,
 * whatever size its header says (at most DECODE_MAX_SIDE a side). A buffer too
 * short for its size, or a damaged JPEG, is an error ("scan.cam.frame").
 */
int	srccam_view(uint32_t fourcc, const unsigned char *data, size_t len, int width,
	    int height, int bytesperline, struct srccam_scratch *, struct srccam_view *,
	    struct err *);
void	srccam_scratch_free(struct srccam_scratch *);

#endif
