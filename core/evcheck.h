/*
 * evcheck.h: signed checkpoints of the event log, kept apart from the registry.
 *
 * The hash chain (evlog.h) shows a changed event only to someone who knows
 * what the chain was: it uses no secret, so whoever can write the registry can
 * rewrite an event and recompute every later hash, or cut the newest events
 * off. A checkpoint fixes the chain at one point: the number of events and
 * the hash of the last (the tip), with the time, signed with the registry's
 * Ed25519 key and appended as one line to the checkpoint file, which lives
 * apart from the registry (the checkpoint_file setting; by default the
 * registry's path with ".checkpoints"). "log verify" then tells a log that
 * ends before the last checkpoint, or differs from one, from an intact log.
 *
 * One is made on demand ("jsdctl log checkpoint"), automatically before the
 * first event of each new day (Shanghai time) by a process that can read the
 * key, and after a restore from a backup ("restore": the log went back to an
 * older state on purpose, so the checkpoints after that state are not a cut).
 * Each has a short code (events and 60 bits of the tip) that a supervisor can
 * write down: it holds even against someone who has the key and the file.
 *
 * Line format: "jsd-checkpoint 1 KIND KEY_ID AT COUNT TIP SIGNATURE", KIND one
 * of day, manual, restore; TIP and SIGNATURE in hex; the signature covers the
 * line before " SIGNATURE".
 */
#ifndef JSD_EVCHECK_H
#define JSD_EVCHECK_H

#include <stdint.h>

#include "err.h"
#include "evlog.h"
#include "keyring.h"
#include "reg.h"

#define EVCHECK_CODE_SIZE	40
#define EVCHECK_LINE_MAX	320

enum evcheck_kind { EVCHECK_DAY, EVCHECK_MANUAL, EVCHECK_RESTORE };

struct evcheck {
	enum evcheck_kind kind;
	unsigned	 key_id;
	int64_t		 at;
	int64_t		 count;		/* events covered: ids 1..count */
	uint8_t		 tip[EVLOG_HASH_SIZE];	/* the hash of event count */
	uint8_t		 sig[64];
};

enum evcheck_problem {
	EVCHECK_OK,
	EVCHECK_NONE,		/* no checkpoint yet: a cut end cannot be told */
	EVCHECK_DAMAGED,	/* a line that does not parse */
	EVCHECK_FORGED,		/* a line the key did not sign */
	EVCHECK_CUT,		/* the log ends before a checkpoint */
	EVCHECK_DIFFERS,	/* the log's event at a checkpoint is another */
	EVCHECK_NOKEY,		/* checkpoints, but no public key to check them */
};

struct evcheck_report {
	enum evcheck_problem problem;
	int		 line;		/* of the checkpoint concerned */
	struct evcheck	 cp;		/* that one; when OK, the latest */
	int64_t		 events;	/* in the log now */
	int		 checked;	/* checkpoints that matched */
	int		 restores;	/* restore records among them */
	int		 undone;	/* checkpoints a later restore went behind */
};

/* Where this connection's checkpoints go and the key file that signs them;
 * until called, no automatic checkpoint is made. */
int	evcheck_setup(struct reg *, const char *file, const char *keyfile,
	    struct err *);
/* Signs the chain as it stands now and appends it. */
int	evcheck_make(struct reg *, enum evcheck_kind, struct evcheck *, struct err *);
/* For evlog_append(), before it appends: when the latest checkpoint is from
 * an earlier day, checkpoints the chain of count events ending in tip. */
void	evcheck_due(struct reg *, int64_t count, const uint8_t tip[EVLOG_HASH_SIZE]);
/* The file's latest checkpoint (its signature unchecked): *found 0 if none. */
int	evcheck_latest(const char *file, struct evcheck *, int *found, struct err *);
/* The same from the file evcheck_setup() gave this connection. */
int	evcheck_latest_of(struct reg *, struct evcheck *, int *found, struct err *);
/* Checks every checkpoint in file against the log, each with the ring's key
 * its key_id names (ring NULL when there is none: EVCHECK_NOKEY if the file
 * has checkpoints). */
int	evcheck_verify(struct reg *, const char *file, const struct keyring *,
	    struct evcheck_report *, struct err *);
/* "N-XXXX-XXXX-XXXX": the events and 60 bits of the tip, to write down. */
void	evcheck_code(const struct evcheck *, char out[EVCHECK_CODE_SIZE]);
const char *evcheck_kind_name(enum evcheck_kind);

#endif
