/*
 * countdown.h: an idle timeout a screen can show counting down.
 *
 * Pure arithmetic on the loop's millisecond clock (loop_now_ms()): the screen
 * restarts it on every key, asks how many whole seconds are left when it draws
 * (rounded up, so "1" shows until the very end), and acts when it has expired.
 * A loop timer every second (loop_add_timer(l, 1000, 1, ...)) is what makes the
 * screen redraw the number; this file draws nothing.
 */
#ifndef JSD_COUNTDOWN_H
#define JSD_COUNTDOWN_H

#include <stdint.h>

struct countdown {
	int64_t	 deadline;	/* ms, loop_now_ms() clock */
	int	 seconds;
};

void	countdown_start(struct countdown *, int seconds, int64_t now_ms);
/* From now, with the same length. */
void	countdown_restart(struct countdown *, int64_t now_ms);
/* Whole seconds left, rounded up; 0 once expired. */
int	countdown_left(const struct countdown *, int64_t now_ms);
int	countdown_expired(const struct countdown *, int64_t now_ms);

#endif
