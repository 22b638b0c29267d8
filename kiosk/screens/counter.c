/*
 * counter.c: what the counter's screens share (counter.h): the session
 * history, a ring of this login's verifications owned by the home,
 * painting the frame at once before a call that blocks, and the certificate's
 * own text (cert_card()) as the verdict and the certificate view show it.
 */
#include "config.h"

#include <stdio.h>

#include "counter.h"
#include "text.h"
#include "tty.h"

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

/* A line a label and its value, the labels as wide as the widest (up to a
 * third of the width); the purpose, which runs long, wraps over at most
 * COUNTER_CARD_WRAP lines. */
#define COUNTER_CARD_WRAP	3

static int
counter_card_label_width(const struct cert_card_line *l, size_t n, int w)
{
	char key[48];
	int lw = 0, t;
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(key, sizeof key, "field.%s", l[i].field);
		if ((t = text_width(msg_get(key))) > lw)
			lw = t;
	}
	return lw < w / 3 ? lw : w / 3;
}

int
counter_card_draw(const struct institution *in, struct tbox b, int y)
{
	struct cert_card_line l[CERT_CARD_LINES];
	char key[48];
	size_t i, n;
	int lw, rows;

	n = cert_card(in, l);
	lw = counter_card_label_width(l, n, b.w);
	for (i = 0; i < n && y < b.y + b.h - 1; i++) {
		snprintf(key, sizeof key, "field.%s", l[i].field);
		tty_put(y, b.x + 2, lw, msg_get(key), tty_attr(TTY_LABEL));
		rows = b.y + b.h - 1 - y;
		if (rows > COUNTER_CARD_WRAP)
			rows = COUNTER_CARD_WRAP;
		y += tty_put_wrapped(y, b.x + 3 + lw, b.w - 5 - lw, rows, 0,
		    l[i].value, tty_attr(l[i].raw != NULL ? TTY_NORMAL : TTY_HINT));
	}
	return y;
}
