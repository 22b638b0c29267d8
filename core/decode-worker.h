/*
 * decode-worker.h: decoding in a separate, restricted process that may die.
 *
 * Debian's ZXing 1.4 aborts the whole process on some pictures (an assertion,
 * zxing-cpp #740), and image files come from outside. So pictures are parsed and
 * decoded in a worker process: this program again (/proc/self/exe), started
 * with only a socket and a shared memory block, and sandboxed before it reads
 * anything (see decode-worker.c). When it dies, the caller's request is retried
 * in a new worker without the pass that was running, so one bad picture costs
 * that pass, not the program. A struct decode_worker belongs to one thread.
 */
#ifndef JSD_DECODE_WORKER_H
#define JSD_DECODE_WORKER_H

#include <stddef.h>

#include "decode.h"
#include "err.h"

/* Largest input: a file's bytes or a gray frame (an 8192x8192 picture). */
#define DECODE_WORKER_MAX_INPUT	(64u << 20)
/* After this many deaths in a row without one good answer, requests fail with
 * "decode.worker_dead" until one succeeds again. */
#define DECODE_WORKER_MAX_DEATHS	8

struct decode_worker;

struct decode_job {
	struct decode_opts	 opts;
	struct decode_sched	 sched;	/* with pass < 0 */
	int			 pass;	/* one enum decode_pass, or -1: sched */
	int			 sched_default;	/* sched from decode_sched_default()
						   for the picture's size */
	int			 budget_ms;	/* with sched_default: -1 the
						   schedule's own, 0 none, else
						   this many ms */
};

struct decode_outcome {
	int		 hit;		/* the pass that read the codes, or -1 */
	int		 width, height;	/* of the picture */
	int		 deaths;	/* worker deaths on this picture */
	unsigned	 killed;	/* passes (1 << pass) that killed it */
	double		 cpu_ms;	/* the worker's CPU time on the answer
					   (wall time says little on a busy
					   machine) */
};

/* The fast pass alone, with decode_opts_default(). */
void	decode_job_fast(struct decode_job *);
/* The schedule for still pictures: decode_sched_default() for each picture. */
void	decode_job_still(struct decode_job *);

int	decode_worker_start(struct decode_worker **, struct err *);
/* Decodes a gray frame (as decode_gray()), copied into the worker's memory. */
int	decode_worker_frame(struct decode_worker *, const unsigned char *px,
	    int width, int height, int row_stride, int pixel_stride,
	    const struct decode_job *, struct decode_result *out, size_t max,
	    size_t *n, struct decode_outcome *, struct err *);
/* Reads an image file here and parses and decodes it in the worker. */
int	decode_worker_file(struct decode_worker *, const char *path,
	    const struct decode_job *, struct decode_result *out, size_t max,
	    size_t *n, struct decode_outcome *, struct err *);
/* Workers started after the first (each death costs one). */
int	decode_worker_restarts(const struct decode_worker *);
/* What the running worker found when it tried, once restricted, to break out. */
#define DECODE_WORKER_SECCOMP	1u	/* its seccomp filter is on */
#define DECODE_WORKER_NO_OPEN	2u	/* opening a file failed */
#define DECODE_WORKER_NO_SOCKET	4u	/* making a network socket failed */
unsigned	decode_worker_sandbox(const struct decode_worker *);
/* Ends the worker and frees everything; NULL is fine. */
void	decode_worker_stop(struct decode_worker *);

#endif
