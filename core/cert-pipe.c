/*
 * cert-pipe.c: see cert.h.
 *
 * A counter fed faster than it commits verifies a stream of bursts two at a
 * time: while one burst's records are committed on a connection of their own,
 * by a thread that waits out the fsync (or the server's reply), the caller
 * checks the next burst on its connection. A busy stream's durable rate is
 * then that of its checks, not of checks plus commits, and a burst is still
 * final only once its commit returned: nothing is shown before.
 *
 * The burst being checked cannot see the records of the one being written,
 * which is what two counters checking at once see of each other; the guesses
 * it has not committed yet are handed on as pending, so the limits on guessed
 * codes count them as if the two bursts were one. Should the writer commit
 * while the next burst is checked, its guesses count twice: the limits err on
 * the side of the guesser, never of a code.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>

#include "cert-private.h"

struct cert_pipe {
	struct reg		*r;		/* the caller's: checks */
	struct reg		*w;		/* the thread's: records */
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	struct verify_item	*it;		/* handed over, NULL once recorded */
	int			 n;
	const char		*matter;
	struct verify_checked	 c[2];		/* one checked, one recording */
	int			 next;		/* of c, the one to check into */
	int			 quit;
};

static void *
cert_pipe_thread(void *arg)
{
	struct cert_pipe *p = arg;
	struct verify_checked *c;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->it == NULL && !p->quit)
			pthread_cond_wait(&p->cond, &p->lock);
		if (p->it == NULL)
			break;
		c = &p->c[!p->next];
		pthread_mutex_unlock(&p->lock);
		cert_verify_record_batch(p->w, p->it, p->n, p->matter, c);
		pthread_mutex_lock(&p->lock);
		p->it = NULL;
		pthread_cond_broadcast(&p->cond);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

int
cert_pipe_open(struct reg *r, struct cert_pipe **out, struct err *e)
{
	struct cert_pipe *p;

	*out = NULL;
	if ((p = calloc(1, sizeof *p)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
	p->r = r;
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

/* Waits until nothing is being recorded; the lock held. */
static void
cert_pipe_idle(struct cert_pipe *p)
{
	while (p->it != NULL)
		pthread_cond_wait(&p->cond, &p->lock);
}

void
cert_pipe_push(struct cert_pipe *p, struct verify_item *it, int n,
    const char *matter)
{
	struct verify_checked *c = &p->c[p->next];
	int pending;

	pthread_mutex_lock(&p->lock);
	pending = p->it != NULL ? p->c[!p->next].guesses : 0;
	pthread_mutex_unlock(&p->lock);
	if (cert_verify_check_batch(p->r, it, n, matter, pending, c) != 0) {
		cert_pipe_wait(p);
		return;
	}
	pthread_mutex_lock(&p->lock);
	cert_pipe_idle(p);
	p->it = it;
	p->n = n;
	p->matter = matter;
	p->next = !p->next;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

void
cert_pipe_wait(struct cert_pipe *p)
{
	pthread_mutex_lock(&p->lock);
	cert_pipe_idle(p);
	pthread_mutex_unlock(&p->lock);
}

void
cert_pipe_close(struct cert_pipe *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	cert_pipe_idle(p);
	p->quit = 1;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_cond_destroy(&p->cond);
	pthread_mutex_destroy(&p->lock);
	reg_close(p->w);
	free(p);
}
