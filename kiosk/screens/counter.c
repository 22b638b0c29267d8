/*
 * counter.c: what the counter's screens share (counter.h): the session
 * history, a ring of this login's verifications owned by the home, and
 * painting the frame at once before a call that blocks.
 */
#include "config.h"

#include "counter.h"

void
counter_history_add(struct counter_history *h, const struct counter_scan *s)
{
	h->scan[h->next] = *s;
	h->next = (h->next + 1) % COUNTER_HISTORY_MAX;
	if (h->n < COUNTER_HISTORY_MAX)
		h->n++;
}

const struct counter_scan *
counter_history_get(const struct counter_history *h, int i)
{
	if (i < 0 || i >= h->n)
		return NULL;
	return &h->scan[(h->next - 1 - i + 2 * COUNTER_HISTORY_MAX) %
	    COUNTER_HISTORY_MAX];
}

void
counter_paint_now(struct frame *a)
{
	loop_fn fn;
	void *arg;

	loop_get_draw(frame_loop(a), &fn, &arg);
	if (fn == NULL)
		return;
	erase();
	tty_cursor_reset();
	fn(arg);
	tty_cursor_apply();
	refresh();
}
