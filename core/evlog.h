/*
 * evlog.h: the append-only, hash-chained event log.
 *
 * Every state change in the registry writes one event in the same transaction:
 * when, which station, which actor (staff name, "kiosk", "cli:USER"), what kind
 * ("app.submitted", "staff.locked", ...), its subject (an application number, a
 * staff name, a credit code) and a short detail. Each event's hash covers its
 * content and the previous event's hash, so a changed, removed or reordered event
 * breaks the chain at that point.
 */
#ifndef JSD_EVLOG_H
#define JSD_EVLOG_H

#include <stdint.h>

#include "err.h"
#include "reg.h"

#define EVLOG_HASH_SIZE	32
#define EVLOG_KIND_SIZE	32
#define EVLOG_ACTOR_SIZE 64
#define EVLOG_SUBJECT_SIZE 64
#define EVLOG_DETAIL_SIZE 256

struct event {
	int64_t		 id;
	int64_t		 at;
	char		 station[REG_STATION_SIZE];
	char		 actor[EVLOG_ACTOR_SIZE];
	char		 kind[EVLOG_KIND_SIZE];
	char		 subject[EVLOG_SUBJECT_SIZE];
	char		 detail[EVLOG_DETAIL_SIZE];
};

struct evlog_filter {
	int64_t		 from, to;	/* at in [from, to); to == 0: no bound */
	const char	*kind;		/* prefix, e.g. "app." ; NULL: any */
	const char	*subject;	/* exact; NULL: any */
	int		 limit;		/* the newest this many; 0: no limit */
};

typedef int (*evlog_cb)(const struct event *, void *);

/* The chain's step: the hash of ev following the hash prev (32 zero bytes for
 * the first event); out may be prev. */
void	evlog_hash(const unsigned char prev[EVLOG_HASH_SIZE], const struct event *,
	    unsigned char out[EVLOG_HASH_SIZE]);
/* Writes ev as it is, id and time included, chained after hash (the previous
 * event's; 32 zero bytes before the first), which becomes ev's own, counts
 * it in the day summary and follows the claim QRs it opens or settles
 * (evlog.c): a bulk writer's insert (a day of events at
 * chosen times, a transaction it owns). Inside a registry write transaction. */
int	evlog_put(struct reg *, const struct event *,
	    unsigned char hash[EVLOG_HASH_SIZE], struct err *);
/* Appends one event; must be called inside a registry write transaction. */
int	evlog_append(struct reg *, const char *actor, const char *kind,
	    const char *subject, const char *detail, struct err *);
/* An event to append: what evlog_append takes. */
struct evlog_entry {
	const char	*actor;
	const char	*kind;
	const char	*subject;
	const char	*detail;
};
/* Appends n events in order, taking the chain's lock and reading its tip
 * once: a batch's events (cert_verify_batch) hold the lock, which other
 * writers wait for, no longer than their inserts. Inside a registry write
 * transaction. */
int	evlog_append_many(struct reg *, const struct evlog_entry *, int n,
	    struct err *);
/* Appends one event in a transaction of its own: for an attempt that was
 * refused and rolled back, but must still be on record. */
int	evlog_append_tx(struct reg *, const char *actor, const char *kind,
	    const char *subject, const char *detail, struct err *);
/* The newest event's id (0 when none): a screen polls it, cheaply on any
 * backend, to follow changes other processes make. */
int	evlog_last_id(struct reg *, int64_t *, struct err *);
/* Oldest first (of the newest f->limit). */
int	evlog_list(struct reg *, const struct evlog_filter *, evlog_cb, void *,
	    struct err *);
void	evlog_filter_init(struct evlog_filter *);
/* Walks the whole chain. *broken_at is 0 when intact, else the id of the first
 * event whose hash does not follow; *count is the number of events checked. */
int	evlog_verify(struct reg *, int64_t *broken_at, int64_t *count, struct err *);
/* Counts the events again, day by day over the log, and compares the counts
 * with the day summary the appenders keep (evlog.c): *differs is 0 when every
 * day matches, else the first second of the first day that does not. */
int	evlog_day_check(struct reg *, int64_t *differs, struct err *);
/* Recomputes the claim QRs still open from the events and compares them with
 * those the appenders keep (evlog.c): *differs is 0 when they are the same,
 * else the id of the first claimqr.shown event on which they differ. */
int	evlog_open_check(struct reg *, int64_t *differs, struct err *);

#endif
