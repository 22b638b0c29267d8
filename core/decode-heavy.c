/*
 * decode-heavy.c: heavier passes on the latest camera frame; see decode-heavy.h.
 *
 * Two threads touch struct decode_heavy: the camera's (decode_heavy_offer) and
 * ours. Everything shared is under mu: want (we are ready for a frame), have (a
 * frame is in buf for us), stop, and the figures. buf belongs to the offering
 * thread while want is set and to ours from the moment it takes the frame until
 * it sets want again, so a frame is copied at most once a pass, not once a
 * captured frame. The pause after a pass is a wait on the condition variable, so
 * decode_heavy_stop() ends it at once.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "decode-heavy.h"
#include "decode-worker.h"

/* The rotation: the still schedule's order after the fast pass (what reads
 * most of what the fast pass misses first; decode_sched_default()). */
static const enum decode_pass decode_heavy_rotation[] = {
	DECODE_PASS_TURN, DECODE_PASS_HARDER, DECODE_PASS_DOWN2,
	DECODE_PASS_INVERT, DECODE_PASS_SHARP, DECODE_PASS_GLOBAL,
	DECODE_PASS_UP2, DECODE_PASS_DOWN3, DECODE_PASS_PURE,
};
#define DECODE_HEAVY_NROT \
	(sizeof decode_heavy_rotation / sizeof decode_heavy_rotation[0])
#define DECODE_HEAVY_BACKOFF_MS	1000	/* after the worker failed */

struct decode_heavy {
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	int			 stop, want, have;
	unsigned char		*buf;
	size_t			 cap;
	int			 width, height;
	struct decode_opts	 opts;
	int			 share;
	decode_heavy_cb		 cb;
	void			*arg;
	struct decode_worker	*worker;	/* our thread's */
	unsigned		 next;		/* in the rotation */
	double			 start_ms;
	struct decode_heavy_stats st;
};

/* Waits ms or until stopped; called and returns with mu held. */
static void
decode_heavy_rest(struct decode_heavy *h, double ms)
{
	struct timespec until;
	long long ns;

	clock_gettime(CLOCK_MONOTONIC, &until);
	ns = (long long)until.tv_nsec + (long long)(ms * 1e6);
	until.tv_sec += (time_t)(ns / 1000000000LL);
	until.tv_nsec = (long)(ns % 1000000000LL);
	while (!h->stop &&
	    pthread_cond_timedwait(&h->cv, &h->mu, &until) != ETIMEDOUT)
		;
}

/* The next pass in the rotation that fits the frame. */
static enum decode_pass
decode_heavy_pick(struct decode_heavy *h)
{
	enum decode_pass p = DECODE_PASS_HARDER;
	unsigned i;

	for (i = 0; i < DECODE_HEAVY_NROT; i++) {
		p = decode_heavy_rotation[h->next++ % DECODE_HEAVY_NROT];
		if (decode_pass_fits(p, h->width, h->height))
			break;
	}
	return p;
}

static void *
decode_heavy_main(void *arg)
{
	struct decode_heavy *h = arg;
	struct decode_result res[DECODE_MAX_RESULTS];
	struct decode_outcome oc;
	struct decode_job job;
	struct err e;
	enum decode_pass p;
	double t0, ms;
	size_t n;
	int rc;

	pthread_mutex_lock(&h->mu);
	while (!h->stop) {
		h->want = 1;
		while (!h->stop && !h->have)
			pthread_cond_wait(&h->cv, &h->mu);
		if (h->stop)
			break;
		h->have = 0;
		p = decode_heavy_pick(h);
		pthread_mutex_unlock(&h->mu);

		decode_job_fast(&job);
		job.opts = h->opts;
		job.pass = p;
		t0 = clock_ms(CLOCK_MONOTONIC);
		rc = decode_worker_frame(h->worker, h->buf, h->width, h->height,
		    h->width, 1, &job, res, DECODE_MAX_RESULTS, &n, &oc, &e);
		ms = clock_ms(CLOCK_MONOTONIC) - t0;
		if (rc == 0 && n > 0)
			h->cb(res, n, p, h->arg);

		pthread_mutex_lock(&h->mu);
		h->st.busy_ms += ms;
		h->st.passes++;
		if (rc == 0 && n > 0)
			h->st.reads[p]++;
		/* Rest so that ms is share percent of the time: ms * (100 -
		 * share) / share; longer when the worker cannot be kept alive. */
		decode_heavy_rest(h, rc != 0 && e.key != NULL &&
		    strcmp(e.key, "decode.worker_dead") == 0 ?
		    DECODE_HEAVY_BACKOFF_MS : ms * (100 - h->share) / h->share);
	}
	h->want = 0;
	pthread_mutex_unlock(&h->mu);
	return NULL;
}

int
decode_heavy_start(const struct decode_opts *o, int share_pct,
    decode_heavy_cb cb, void *arg, struct decode_heavy **out, struct err *e)
{
	struct decode_heavy *h;
	pthread_condattr_t ca;
	int rc;

	*out = NULL;
	if ((h = calloc(1, sizeof *h)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "decode.worker_dead",
		    "out of memory");
	h->opts = *o;
	h->share = share_pct < 1 ? 1 : share_pct > 100 ? 100 : share_pct;
	h->cb = cb;
	h->arg = arg;
	h->start_ms = clock_ms(CLOCK_MONOTONIC);
	if (decode_worker_start(&h->worker, e) != 0) {
		free(h);
		return -1;
	}
	pthread_mutex_init(&h->mu, NULL);
	/* The rest is timed on the monotonic clock, like everything here. */
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&h->cv, &ca);
	pthread_condattr_destroy(&ca);
	if ((rc = pthread_create(&h->thread, NULL, decode_heavy_main, h)) != 0) {
		decode_worker_stop(h->worker);
		pthread_mutex_destroy(&h->mu);
		pthread_cond_destroy(&h->cv);
		free(h);
		return err_set(e, ERR_SYSTEM, NULL, "decode.worker_dead",
		    "pthread_create: %s", strerror(rc));
	}
	*out = h;
	return 0;
}

/* Copies the frame as packed gray into buf; mu held, our thread waiting. */
static int
decode_heavy_copy(struct decode_heavy *h, const unsigned char *px, int width,
    int height, int row_stride, int pixel_stride)
{
	size_t need = (size_t)width * height;
	unsigned char *p;

	if (need > h->cap) {
		if ((p = realloc(h->buf, need)) == NULL)
			return -1;
		h->buf = p;
		h->cap = need;
	}
	decode_pack_gray(px, width, height, row_stride, pixel_stride, h->buf);
	h->width = width;
	h->height = height;
	return 0;
}

int
decode_heavy_offer(struct decode_heavy *h, const unsigned char *px, int width,
    int height, int row_stride, int pixel_stride)
{
	int taken = 0;

	if (px == NULL ||
	    decode_frame_span(width, height, row_stride, pixel_stride) == 0)
		return 0;
	pthread_mutex_lock(&h->mu);
	if (h->want && !h->stop && decode_heavy_copy(h, px, width, height,
	    row_stride, pixel_stride) == 0) {
		h->want = 0;
		h->have = 1;
		h->st.taken++;
		taken = 1;
		pthread_cond_signal(&h->cv);
	}
	pthread_mutex_unlock(&h->mu);
	return taken;
}

void
decode_heavy_stats(struct decode_heavy *h, struct decode_heavy_stats *st)
{
	pthread_mutex_lock(&h->mu);
	*st = h->st;
	st->wall_ms = clock_ms(CLOCK_MONOTONIC) - h->start_ms;
	pthread_mutex_unlock(&h->mu);
}

void
decode_heavy_stop(struct decode_heavy *h)
{
	if (h == NULL)
		return;
	pthread_mutex_lock(&h->mu);
	h->stop = 1;
	pthread_cond_broadcast(&h->cv);
	pthread_mutex_unlock(&h->mu);
	pthread_join(h->thread, NULL);
	decode_worker_stop(h->worker);
	pthread_mutex_destroy(&h->mu);
	pthread_cond_destroy(&h->cv);
	free(h->buf);
	free(h);
}
