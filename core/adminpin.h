/*
 * adminpin.h: the limit on the PIN that takes a kiosk out of kiosk mode.
 *
 * The PIN is short and typed where anyone stands, so guessing it must not pay:
 * after each wrong PIN the station waits longer before it compares another
 * (ADMINPIN_DELAY_FIRST seconds, doubling), and ADMINPIN_LOCK_AFTER wrong ones
 * in a row lock it until a supervisor lifts the lock. Every attempt, the lock
 * and its lifting are events in the log, and the state is read back from those
 * events, so it survives a restart and nobody can clear it without leaving a
 * trace in the hash chain.
 */
#ifndef JSD_ADMINPIN_H
#define JSD_ADMINPIN_H

#include <stdint.h>

#include "err.h"
#include "reg.h"

#define ADMINPIN_LOCK_AFTER	5	/* wrong PINs in a row that lock */
#define ADMINPIN_DELAY_FIRST	5	/* seconds after the first wrong PIN */
#define ADMINPIN_MIN		4	/* digits: fewer are guessed in a day */
#define ADMINPIN_MAX		16	/* digits: the PIN field takes no more */

enum adminpin_verdict {
	ADMINPIN_OK,		/* the PIN is right */
	ADMINPIN_WRONG,		/* wrong; the state says how long to wait */
	ADMINPIN_WAIT,		/* not compared: too soon after a wrong one */
	ADMINPIN_LOCKED		/* not compared: a supervisor must lift the lock */
};

struct adminpin_state {
	char		 station[REG_STATION_SIZE];
	int		 failures;	/* wrong PINs since the last right one or lift */
	int		 locked;
	int64_t		 last_at;	/* the last wrong PIN, 0: none */
	int64_t		 retry_at;	/* no PIN is compared before this; 0: now */
};

/* Whether pin (the configuration's admin_pin) is one to use: ADMINPIN_MIN to
 * ADMINPIN_MAX digits (ERR_INPUT "adminpin.malformed"), and not the example
 * printed in the sample configuration and the manual, which anyone may have
 * read (ERR_RULE "adminpin.example"). */
int	adminpin_valid(const char *pin, struct err *);
/* The station's state now, from the log. */
int	adminpin_get(struct reg *, const char *station, struct adminpin_state *,
	    struct err *);
/*
 * One attempt at station: typed is compared (in constant time) with pin, the
 * configured PIN, unless the station must wait or is locked; the attempt goes
 * into the log whatever the verdict, and *st is the state after it. An empty
 * pin never matches.
 */
int	adminpin_try(struct reg *, const char *station, const char *pin,
	    const char *typed, enum adminpin_verdict *, struct adminpin_state *st,
	    struct err *);
/* A supervisor (actor) lifts the lock and the count of station; ERR_NOT_FOUND
 * (adminpin.none) when it had no wrong PIN to forget. */
int	adminpin_lift(struct reg *, const char *station, const char *actor,
	    struct err *);

typedef int (*adminpin_cb)(const struct adminpin_state *, void *);
/* Every station with a wrong PIN not yet forgotten, by station name. */
int	adminpin_list(struct reg *, adminpin_cb, void *, struct err *);

#endif
