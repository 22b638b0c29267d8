/*
 * loop.c: the event loop. See loop.h.
 *
 * The terminal is read with get_wch() in nodelay mode after poll() says stdin
 * is readable, until it has nothing more: ncurses may hold bytes in its own
 * buffer that poll() cannot see, so stopping after one key would leave the rest
 * of a paste waiting for the next keystroke. A resize interrupts poll() and
 * also wakes it through tty_wakefd(), so it is noticed even when the signal
 * lands just before poll() is entered.
 *
 * An escape sequence the terminal description does not know (F10 on a vt100,
 * "ESC [ 2 1 ~") reaches get_wch() as its characters one by one. Delivered,
 * they would be typed into a field, or taken for a scanner's burst; so a CSI
 * (ESC [ parameters final) or SS3 (ESC O final) sequence is swallowed whole
 * here, before any filter sees it. An Esc followed by anything else, or by
 * nothing yet, is delivered as the Esc key it was.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "loop.h"
#include "tty.h"

struct loop_fd {
	int		 fd;
	short		 events;
	loop_fd_fn	 fn;
	void		*arg;
};

struct loop_timer {
	int		 id;		/* 0: free slot */
	int		 ms;
	int		 repeat;
	int64_t		 due;
	loop_timer_fn	 fn;
	void		*arg;
};

struct loop {
	struct widget	*root;
	loop_fn		 draw, layout;
	void		*draw_arg, *layout_arg;
	loop_key_fn	 filter;
	void		*filter_arg;
	const char	*too_small;
	struct loop_fd	 fds[LOOP_MAX_FDS];
	int		 nfds;
	struct loop_timer timers[LOOP_MAX_TIMERS];
	int		 next_id;
	int		 dirty, relayout;
	int		 quit, code;
	int64_t		 last_key;
	enum { ESC_NONE, ESC_SEEN, ESC_CSI, ESC_SS3 } esc;
	int		 esc_len;
};

#define LOOP_ESC_MAX	32	/* longer is not a sequence a terminal sends */

int64_t
loop_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct loop *
loop_new(void)
{
	return calloc(1, sizeof(struct loop));
}

void
loop_free(struct loop *l)
{
	free(l);
}

void
loop_set_root(struct loop *l, struct widget *w)
{
	l->root = w;
	l->dirty = 1;
}

struct widget *
loop_root(const struct loop *l)
{
	return l->root;
}

void
loop_set_draw(struct loop *l, loop_fn fn, void *arg)
{
	l->draw = fn;
	l->draw_arg = arg;
	l->dirty = 1;
}

void
loop_get_draw(const struct loop *l, loop_fn *fn, void **arg)
{
	*fn = l->draw;
	*arg = l->draw_arg;
}

void
loop_set_layout(struct loop *l, loop_fn fn, void *arg)
{
	l->layout = fn;
	l->layout_arg = arg;
	l->relayout = 1;
}

void
loop_set_filter(struct loop *l, loop_key_fn fn, void *arg)
{
	l->filter = fn;
	l->filter_arg = arg;
}

void
loop_set_too_small(struct loop *l, const char *text)
{
	l->too_small = text;
	l->dirty = 1;
}

int
loop_add_fd(struct loop *l, int fd, short events, loop_fd_fn fn, void *arg)
{
	if (l->nfds == LOOP_MAX_FDS || fd < 0)
		return -1;
	l->fds[l->nfds].fd = fd;
	l->fds[l->nfds].events = events;
	l->fds[l->nfds].fn = fn;
	l->fds[l->nfds].arg = arg;
	l->nfds++;
	return 0;
}

void
loop_del_fd(struct loop *l, int fd)
{
	int	i;

	for (i = 0; i < l->nfds; i++) {
		if (l->fds[i].fd != fd)
			continue;
		memmove(&l->fds[i], &l->fds[i + 1],
		    (l->nfds - i - 1) * sizeof l->fds[0]);
		l->nfds--;
		return;
	}
}

int
loop_add_timer(struct loop *l, int ms, int repeat, loop_timer_fn fn, void *arg)
{
	struct loop_timer	*t;
	int			 i;

	if (ms < 1)
		ms = 1;
	for (i = 0; i < LOOP_MAX_TIMERS; i++) {
		t = &l->timers[i];
		if (t->id != 0)
			continue;
		if (++l->next_id <= 0)
			l->next_id = 1;
		t->id = l->next_id;
		t->ms = ms;
		t->repeat = repeat;
		t->due = loop_now_ms() + ms;
		t->fn = fn;
		t->arg = arg;
		return t->id;
	}
	return -1;
}

static struct loop_timer *
loop_find_timer(struct loop *l, int id)
{
	int	i;

	for (i = 0; id > 0 && i < LOOP_MAX_TIMERS; i++)
		if (l->timers[i].id == id)
			return &l->timers[i];
	return NULL;
}

void
loop_reset_timer(struct loop *l, int id)
{
	struct loop_timer	*t;

	if ((t = loop_find_timer(l, id)) != NULL)
		t->due = loop_now_ms() + t->ms;
}

void
loop_del_timer(struct loop *l, int id)
{
	struct loop_timer	*t;

	if ((t = loop_find_timer(l, id)) != NULL)
		t->id = 0;
}

void
loop_redraw(struct loop *l)
{
	l->dirty = 1;
}

void
loop_relayout(struct loop *l)
{
	l->relayout = 1;
}

void
loop_quit(struct loop *l, int code)
{
	l->quit = 1;
	l->code = code;
}

int64_t
loop_last_key_ms(const struct loop *l)
{
	return l->last_key;
}

static void
loop_apply(struct loop *l, enum widget_result r)
{
	switch (r) {
	case WIDGET_REDRAW:
		l->dirty = 1;
		break;
	case WIDGET_RESIZE:
		l->relayout = 1;
		break;
	case WIDGET_DONE:
		if (!l->quit)
			loop_quit(l, 0);
		break;
	default:
		break;
	}
}

static int
loop_small(const struct loop *l)
{
	return l->too_small != NULL && tty_too_small();
}

enum widget_result
loop_deliver(struct loop *l, const struct widget_key *k)
{
	enum widget_result	r = WIDGET_IGNORED;

	if (l->root != NULL && !loop_small(l))
		r = widget_key(l->root, k);
	loop_apply(l, r);
	return r;
}

/* Turns what get_wch() read into a widget_key. */
static void
loop_key_make(int rc, wint_t wc, int64_t now, struct widget_key *k)
{
	k->ms = now;
	k->fn = rc == KEY_CODE_YES;
	k->ch = (uint32_t)wc;
	if (!k->fn && (wc == '\r' || wc == '\n')) {
		k->fn = 1;
		k->ch = KEY_ENTER;
	} else if (!k->fn && (wc == 127 || wc == 8)) {
		k->fn = 1;
		k->ch = KEY_BACKSPACE;
	}
}

static void
loop_take(struct loop *l, int rc, wint_t wc)
{
	struct widget_key	 k;

	loop_key_make(rc, wc, loop_now_ms(), &k);
	l->last_key = k.ms;
	if (l->filter != NULL) {
		enum widget_result r = l->filter(&k, l->filter_arg);

		if (r != WIDGET_IGNORED) {
			loop_apply(l, r);
			return;
		}
	}
	loop_deliver(l, &k);
}

/* 1 when the character read belongs to an escape sequence and is swallowed;
 * 0 when it is to be taken (an Esc it followed has been taken first). */
static int
loop_escape(struct loop *l, int rc, wint_t wc)
{
	int plain = rc != KEY_CODE_YES;

	switch (l->esc) {
	case ESC_NONE:
		if (!plain || wc != 27)
			return 0;
		l->esc = ESC_SEEN;
		l->esc_len = 0;
		return 1;
	case ESC_SEEN:
		if (plain && (wc == '[' || wc == 'O')) {
			l->esc = wc == '[' ? ESC_CSI : ESC_SS3;
			return 1;
		}
		l->esc = ESC_NONE;
		loop_take(l, OK, 27);
		return loop_escape(l, rc, wc);
	case ESC_CSI:
		/* Parameter and intermediate bytes, then one final byte. */
		if (plain && wc >= 0x20 && wc <= 0x3f && ++l->esc_len < LOOP_ESC_MAX)
			return 1;
		break;
	case ESC_SS3:
		break;
	}
	l->esc = ESC_NONE;
	return plain && wc >= 0x40 && wc <= 0x7e;
}

static void
loop_read_keys(struct loop *l)
{
	wint_t			 wc;
	int			 rc;

	while (!l->quit && (rc = get_wch(&wc)) != ERR) {
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			l->relayout = 1;
			continue;
		}
		if (!loop_escape(l, rc, wc))
			loop_take(l, rc, wc);
	}
	/* An Esc with nothing after it is the Esc key. */
	if (l->esc == ESC_SEEN) {
		l->esc = ESC_NONE;
		loop_take(l, OK, 27);
	}
}

static void
loop_paint(struct loop *l)
{
	if (l->relayout) {
		l->relayout = 0;
		if (l->layout != NULL)
			l->layout(l->layout_arg);
		clearok(curscr, TRUE);
		l->dirty = 1;
	}
	if (!l->dirty)
		return;
	l->dirty = 0;
	erase();
	tty_cursor_reset();
	if (loop_small(l))
		tty_message(l->too_small, TTY_WARN);
	else if (l->draw != NULL)
		l->draw(l->draw_arg);
	else if (l->root != NULL)
		widget_draw(l->root);
	tty_cursor_apply();
	refresh();
}

void
loop_paint_over(struct loop *l, loop_fn fn, void *arg)
{
	l->dirty = 1;
	if (loop_small(l))
		return;
	fn(arg);
	refresh();
}

/* poll()'s timeout: -1 (none) without timers, 0 when one is overdue. A flag,
 * not a sentinel value, says whether there is one: a timer overdue by exactly
 * 1 ms must not read as "no timer" and block the loop. */
static int
loop_timeout(struct loop *l, int64_t now)
{
	int64_t	best = 0;
	int	i, any = 0;

	for (i = 0; i < LOOP_MAX_TIMERS; i++) {
		if (l->timers[i].id == 0)
			continue;
		if (!any || l->timers[i].due - now < best)
			best = l->timers[i].due - now;
		any = 1;
	}
	if (!any)
		return -1;
	if (best < 0)
		return 0;
	return best > 60000 ? 60000 : (int)best;
}

static void
loop_run_timers(struct loop *l)
{
	struct loop_timer	*t;
	int64_t			 now = loop_now_ms();
	int			 i, id;

	for (i = 0; i < LOOP_MAX_TIMERS && !l->quit; i++) {
		t = &l->timers[i];
		if (t->id == 0 || t->due > now)
			continue;
		id = t->id;
		if (t->repeat)
			t->due = now + t->ms;
		else
			t->id = 0;
		/* The callback may add or delete timers, this one included. */
		loop_apply(l, t->fn(id, t->arg));
	}
}

int
loop_run(struct loop *l)
{
	struct pollfd	 pfd[LOOP_MAX_FDS + 2];
	struct loop_fd	 fds[LOOP_MAX_FDS];
	int		 i, n, nfds;

	l->quit = 0;
	l->code = 0;
	l->relayout = l->dirty = 1;
	while (!l->quit) {
		loop_paint(l);
		pfd[0].fd = STDIN_FILENO;
		pfd[1].fd = tty_wakefd();
		pfd[0].events = pfd[1].events = POLLIN;
		/* A copy: a callback may add or remove descriptors. */
		nfds = l->nfds;
		memcpy(fds, l->fds, sizeof fds);
		for (i = 0; i < nfds; i++) {
			pfd[i + 2].fd = fds[i].fd;
			pfd[i + 2].events = fds[i].events;
		}
		n = poll(pfd, nfds + 2, loop_timeout(l, loop_now_ms()));
		if (n == -1 && errno != EINTR)
			return LOOP_ERROR;
		if (n > 0 && (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL)))
			return LOOP_EOF;
		if (n > 0 && (pfd[1].revents & POLLIN))
			tty_wake_drain();
		loop_read_keys(l);
		for (i = 0; n > 0 && i < nfds && !l->quit; i++) {
			if (pfd[i + 2].revents != 0)
				loop_apply(l, fds[i].fn(fds[i].fd,
				    pfd[i + 2].revents, fds[i].arg));
		}
		loop_run_timers(l);
	}
	/* An outer run (this one was a modal dialog's) goes on, redrawn. */
	l->quit = 0;
	l->dirty = 1;
	return l->code;
}
