/*
 * countdown.c: idle countdowns. See countdown.h.
 */
#include "config.h"

#include "countdown.h"

void
countdown_start(struct countdown *c, int seconds, int64_t now_ms)
{
	c->seconds = seconds < 0 ? 0 : seconds;
	countdown_restart(c, now_ms);
}

void
countdown_restart(struct countdown *c, int64_t now_ms)
{
	c->deadline = now_ms + (int64_t)c->seconds * 1000;
}

int
countdown_left(const struct countdown *c, int64_t now_ms)
{
	int64_t	ms = c->deadline - now_ms;

	if (ms <= 0)
		return 0;
	return (int)((ms + 999) / 1000);
}

int
countdown_expired(const struct countdown *c, int64_t now_ms)
{
	return now_ms >= c->deadline;
}
