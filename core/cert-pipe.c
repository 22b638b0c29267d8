/*
 * cert-pipe.c: see cert.h.
 *
 * A counter fed faster than it commits verifies a stream of bursts while
 * earlier ones are committed: a thread records them on a connection of its
 * own, waiting out the fsync (or the server's reply), while the caller checks
 * the next burst on its connection. Bursts checked while the thread was busy
 * are recorded together, in one commit when they fit in a batch: the commits
 * grow as they fall behind, so a busy stream's durable rate is that of its
 * checks, not of checks plus commits. A burst is still final only once its
 * commit returned, and bursts become final in the order they were pushed.
 *
 * The burst being checked cannot see the records of those not yet
 * committed, which is what two counters checking at once see of each other;
 * their guesses are handed on as pending, so the limits on guessed codes
 * count them as if the bursts were one. Should the writer commit while the
 * next burst is checked, its guesses count twice: the limits err on the side
 * of the guesser, never of a code.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cert-private.h"

#define CERT_PIPE_SLOTS	(CERT_PIPE_DEPTH + 1)

/* A burst pushed: its items and what their checks found. */
struct cert_pipe_burst {
	struct verify_item	*it;
	int			 n;
	const char		*matter;
	int			 final;		/* failed whole at its check */
	struct verify_checked	 c;
};

struct cert_pipe {
	struct reg		*r;		/* the caller's: checks */
	struct reg		*w;		/* the thread's: records */
	cert_pipe_cb		 final;
	void			*arg;
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	/* A ring: the bursts not final are the queued from head on, and the
	 * slot after them is the one being checked. */
	struct cert_pipe_burst	 q[CERT_PIPE_SLOTS];
	unsigned		 head;
	unsigned		 queued;
	unsigned long		 done;		/* bursts final so far */
	int			 quit;
	/* The writer's: the bursts it records together, put end to end. */
	struct verify_item	*its[CERT_VERIFY_BATCH_MAX];
	struct verify_checked	 merged;
};

/* How many bursts from head go in one commit: those that fit in a batch,
 * for one matter; a burst already final alone. The lock held. */
static unsigned
cert_pipe_take(const struct cert_pipe *p)
{
	const struct cert_pipe_burst *b = &p->q[p->head], *o;
	unsigned k;
	int n = b->n;

	if (b->final)
		return 1;
	for (k = 1; k < p->queued; k++) {
		o = &p->q[(p->head + k) % CERT_PIPE_SLOTS];
		if (o->final || n + o->n > CERT_VERIFY_BATCH_MAX ||
		    (o->matter == NULL) != (b->matter == NULL) ||
		    (o->matter != NULL && strcmp(o->matter, b->matter) != 0))
			break;
		n += o->n;
	}
	return k;
}

/* Records k bursts from head in one commit. */
static void
cert_pipe_record(struct cert_pipe *p, unsigned k)
{
	const struct cert_pipe_burst *b;
	unsigned j;
	int i, n = 0;

	if (p->q[p->head].final)
		return;
	p->merged.clock_ok = p->q[p->head].c.clock_ok;
	for (j = 0; j < k; j++) {
		b = &p->q[(p->head + j) % CERT_PIPE_SLOTS];
		for (i = 0; i < b->n; i++, n++) {
			p->its[n] = &b->it[i];
			p->merged.p[n] = b->c.p[i];
			p->merged.checked[n] = b->c.checked[i];
		}
	}
	cert_verify_record_batch(p->w, p->its, n, p->q[p->head].matter,
	    &p->merged);
}

/* Tells the caller of the k bursts from head, now final, in order. */
static void
cert_pipe_tell(struct cert_pipe *p, unsigned k)
{
	const struct cert_pipe_burst *b;
	unsigned j;

	for (j = 0; j < k && p->final != NULL; j++) {
		b = &p->q[(p->head + j) % CERT_PIPE_SLOTS];
		p->final(p->arg, b->it, b->n);
	}
}

static void *
cert_pipe_thread(void *arg)
{
	struct cert_pipe *p = arg;
	unsigned k;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->queued == 0 && !p->quit)
			pthread_cond_wait(&p->cond, &p->lock);
		if (p->queued == 0)
			break;
		k = cert_pipe_take(p);
		pthread_mutex_unlock(&p->lock);
		cert_pipe_record(p, k);
		cert_pipe_tell(p, k);
		pthread_mutex_lock(&p->lock);
		p->head = (p->head + k) % CERT_PIPE_SLOTS;
		p->queued -= k;
		p->done += k;
		pthread_cond_broadcast(&p->cond);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

int
cert_pipe_open(struct reg *r, cert_pipe_cb final, void *arg,
    struct cert_pipe **out, struct err *e)
{
	struct cert_pipe *p;

	*out = NULL;
	if ((p = calloc(1, sizeof *p)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
	p->r = r;
	p->final = final;
	p->arg = arg;
	if (reg_open_twin(r, &p->w, e) != 0) {
		free(p);
		return -1;
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	if (pthread_create(&p->thread, NULL, cert_pipe_thread, p) != 0) {
		reg_close(p->w);
		free(p);
		return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
	}
	*out = p;
	return 0;
}

void
cert_pipe_push(struct cert_pipe *p, struct verify_item *it, int n,
    const char *matter)
{
	struct cert_pipe_burst *b;
	unsigned j;
	int pending = 0;

	/* The slot after the queued stays the same while the writer takes
	 * bursts from the head: head moves on as queued shrinks. */
	pthread_mutex_lock(&p->lock);
	b = &p->q[(p->head + p->queued) % CERT_PIPE_SLOTS];
	for (j = 0; j < p->queued; j++)
		pending += p->q[(p->head + j) % CERT_PIPE_SLOTS].c.guesses;
	pthread_mutex_unlock(&p->lock);
	b->it = it;
	b->n = n;
	b->matter = matter;
	b->final = cert_verify_check_batch(p->r, it, n, matter, pending,
	    &b->c) != 0;
	if (b->final)
		b->c.guesses = 0;
	pthread_mutex_lock(&p->lock);
	while (p->queued == CERT_PIPE_DEPTH)
		pthread_cond_wait(&p->cond, &p->lock);
	p->queued++;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

unsigned long
cert_pipe_done(struct cert_pipe *p)
{
	unsigned long done;

	pthread_mutex_lock(&p->lock);
	done = p->done;
	pthread_mutex_unlock(&p->lock);
	return done;
}

void
cert_pipe_wait(struct cert_pipe *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->queued > 0)
		pthread_cond_wait(&p->cond, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

void
cert_pipe_close(struct cert_pipe *p)
{
	if (p == NULL)
		return;
	cert_pipe_wait(p);
	pthread_mutex_lock(&p->lock);
	p->quit = 1;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_cond_destroy(&p->cond);
	pthread_mutex_destroy(&p->lock);
	reg_close(p->w);
	free(p);
}
