/*
 * wedge.h: telling a keyboard-wedge scanner from a person typing.
 *
 * A USB scanner in keyboard-wedge mode types its code as key presses, a few
 * milliseconds apart, usually ending in Enter. A person types 80 ms apart or
 * slower and, at best, two keys in a fast pair. So keys closer together than
 * gap_ms form a burst; a burst of at least min_len keys is a scan when it ends in
 * Enter, or when no key follows for pause_ms (scanners set to send no suffix).
 * Anything else is typing and is handed back, in order, as keys.
 *
 * This is pure logic fed with (code point, time) pairs; the caller reads the
 * keyboard. Because the first key of a burst cannot be told apart until the next
 * one comes, keys are held for up to gap_ms (pause_ms after a long burst):
 * wedge_tick() releases them when the time is up, so the caller calls it whenever
 * its poll times out (wedge_timeout_ms() says when). A key that is not text (an
 * arrow, a function key) is not fed: the caller calls wedge_flush() and then
 * handles that key, which keeps the order of everything typed.
 */
#ifndef JSD_WEDGE_H
#define JSD_WEDGE_H

#include <stddef.h>
#include <stdint.h>

#include "scan.h"

#define WEDGE_GAP_MS		30
#define WEDGE_MIN_LEN		4
#define WEDGE_MAX_KEYS		SCAN_MAX_BYTES	/* a longer burst is an overflow scan */

struct wedge_opts {
	int		 gap_ms;	/* keys closer than this form a burst */
	int		 pause_ms;	/* a burst this long unfollowed is a scan */
	size_t		 min_len;	/* fewer keys are never a scan */
};

struct wedge {
	struct wedge_opts opts;
	uint32_t	 key[WEDGE_MAX_KEYS];	/* held keys, one burst */
	size_t		 n;		/* keys in the burst, also past WEDGE_MAX_KEYS */
	int64_t		 first_ms;
	int64_t		 last_ms;
};

/* What one call decided: a scan (first) and keys to deliver as typing (after). */
struct wedge_out {
	int		 scan;		/* ev holds a scan */
	struct scan_event ev;
	size_t		 nkeys;
	uint32_t	 keys[WEDGE_MAX_KEYS + 1];
};

/* gap_ms 30, pause_ms 3 * gap_ms, min_len 4. */
void	wedge_opts_default(struct wedge_opts *);
/* Values out of range (gap under 1 ms, pause under gap, min_len under 2) are
 * replaced by the defaults. */
void	wedge_init(struct wedge *, const struct wedge_opts *);
/* A text key: cp is a Unicode code point; '\r' and '\n' are Enter. */
void	wedge_feed(struct wedge *, uint32_t cp, int64_t ms, struct wedge_out *);
/* Releases what is due at now_ms: keys held for gap_ms, or a burst's scan. */
void	wedge_tick(struct wedge *, int64_t now_ms, struct wedge_out *);
/* Releases every held key now, as typing unless it is a finished scan. */
void	wedge_flush(struct wedge *, struct wedge_out *);
/* Milliseconds until wedge_tick() has something to release; -1 if nothing is held. */
int	wedge_timeout_ms(const struct wedge *, int64_t now_ms);

#endif
