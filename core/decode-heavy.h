/*
 * decode-heavy.h: the heavier passes on a camera's latest frame, beside the fast
 * pass and never in its way.
 *
 * A camera decodes every frame with the fast pass. When that finds nothing, the
 * frame is offered here; a thread of its own, with a worker process of its own
 * (decode-worker.h), takes the latest frame offered whenever it is ready for
 * one and runs the next heavier pass in rotation on it, then rests long enough
 * that its passes take at most share_pct percent of one core. Offering never
 * waits: a frame offered while the thread is busy or resting is not copied, it
 * is dropped, so the camera never falls behind and nothing queues up. With the
 * passes of a 720p frame at their measured costs, every pass has been tried on
 * the scene within about a second at 30%. Codes found are given to the
 * callback, on the thread's own thread.
 */
#ifndef JSD_DECODE_HEAVY_H
#define JSD_DECODE_HEAVY_H

#include <stddef.h>

#include "decode.h"
#include "err.h"

struct decode_heavy;

typedef void	(*decode_heavy_cb)(const struct decode_result *, size_t n,
		    enum decode_pass, void *arg);

struct decode_heavy_stats {
	double		 busy_ms;	/* in passes, since the start */
	double		 wall_ms;	/* since the start */
	int		 passes;	/* run */
	int		 taken;		/* frames taken (the others dropped) */
	int		 reads[DECODE_NPASSES];	/* passes that found a code */
};

/* Starts the thread and its worker. share_pct is clamped to 1..100. */
int	decode_heavy_start(const struct decode_opts *, int share_pct,
	    decode_heavy_cb, void *arg, struct decode_heavy **, struct err *);
/* Offers a frame (pixel (x, y) at px[y * row_stride + x * pixel_stride]);
 * 1 if it was taken (copied), 0 if dropped. Never waits for a pass. */
int	decode_heavy_offer(struct decode_heavy *, const unsigned char *px,
	    int width, int height, int row_stride, int pixel_stride);
void	decode_heavy_stats(struct decode_heavy *, struct decode_heavy_stats *);
/* Stops the thread (after the pass running, if any) and the worker; NULL is
 * fine. */
void	decode_heavy_stop(struct decode_heavy *);

#endif
