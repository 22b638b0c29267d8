/*
 * reg-private.h: what the registry's own files share; callers never include it.
 *
 * One struct reg per process and thread. The registry's files reach the database
 * only through db.h, the statement layer, whose connection is r->db.
 */
#ifndef JSD_REG_PRIVATE_H
#define JSD_REG_PRIVATE_H

#include <string.h>

#include "db.h"
#include "keyring.h"
#include "reg.h"

struct regkey;

struct reg {
	struct db	*db;
	char		*target;	/* what reg_open() was given */
	struct regkey	*key;		/* signing key, once cert_key_load() ran */
	char		 station[REG_STATION_SIZE];
	int		 created;
	struct keyring	 pub;		/* the keys' public halves, kept for */
					/* verifying when the link is lost */
	int64_t		 pub_checked;	/* (cert-key.c); station time read */
	int		 clock_tolerance;	/* seconds; 0: no check */
	int64_t		 clock_checked;		/* station time of the last check */
	int64_t		 clock_skew;		/* station minus server, then */
	char		 cp_file[4096];	/* evcheck.c: the checkpoint file */
	char		 cp_key[4096];	/* and the key file that signs */
	int64_t		 cp_day;	/* local day of the latest checkpoint */
};

/* An event from a row whose first seven columns are id, at, station, actor,
 * kind, subject, detail; evlog.c, shared with report.c. */
struct event;
void	evlog_row(struct db_stmt *, struct event *);
/* Steps the bound statement st, handing cb each row as an event until cb
 * returns nonzero, and resets st; what names the query in an error. */
int	evlog_rows(struct db_stmt *st, int (*cb)(const struct event *, void *),
	    void *, const char *what, struct err *);
/* Takes the event chain's lock until the transaction ends (evlog.c says why);
 * evlog_append() takes it, and so does whatever must be in the same order as
 * the events, such as application numbers. */
int	evlog_lock(struct reg *, struct err *);
/* On PostgreSQL, the station roles and their grants (reg-roles.c); nothing on
 * SQLite. Run after migrations, by whoever may change the schema. */
int	reg_roles(struct reg *, struct err *);

/* The queries asked differently of the two engines, a station's role on
 * PostgreSQL going through a function (reg-guard.c says what each binds and
 * returns). */
enum reg_guard {
	REG_GUARD_NOTE,
	REG_GUARD_LEGAL_REP,
	REG_GUARD_APP_LOOKUP,
	REG_GUARD_LOOKUP_FAILS,
	REG_GUARD_ADMINPIN,
	REG_GUARD_STAFF_READ,
	REG_GUARD_STAFF_LOGIN,
	REG_GUARD_DAY_ADD,
	REG_GUARD_N
};
/* The reset statement of q for this registry's engine, as db_prepare(). */
struct db_stmt *reg_guard_prepare(struct reg *, enum reg_guard, struct err *);
/* Notes a guess (what: "legal_rep" or "app_lookup", the target it is
 * about, the guess) before REG_GUARD_LEGAL_REP or REG_GUARD_APP_LOOKUP asks
 * it, committed at once: call it outside a transaction. Nothing on SQLite.
 * 0, or -1 with e filled. */
int	reg_guard_note(struct reg *, const char *what, const char *target,
	    const char *guess, struct err *);
/* A guarded answer's first column when it is not an answer. */
#define REG_GUARD_LIMITED	(-1)	/* too many wrong: the last column
					   says when to try again */
#define REG_GUARD_UNNOTED	(-2)	/* asked without a committed note */
/* 0 when verdict is an answer; else -1 with e filled: key (ERR_RULE, at
 * field, the local time to try again as detail) when limited. */
int	reg_guard_refused(int verdict, int64_t retry, const char *field,
	    const char *key, struct err *);

/* The index of s among an enumeration's names as stored, or -1 (s NULL, or not
 * one of them); an empty name stands for no value and never matches. */
static inline int
reg_name_index(const char *s, const char *const *names, int n)
{
	int i;

	for (i = 0; s != NULL && i < n; i++) {
		if (names[i][0] != '\0' && strcmp(s, names[i]) == 0)
			return i;
	}
	return -1;
}

/* Migrations, in order; reg-schema.c. */
int	reg_migrate(struct reg *, struct err *);
#define REG_SCHEMA_VERSION 16
/* The migrations that made what the appenders keep beside the events (evlog.c):
 * the day summary (event_day) and the claim QRs still open (claimqr_open).
 * Their engines' parts are the backfills, which reg_backfill() runs again for
 * a bulk loader that wrote events straight into their table (bench-report's
 * COPY); both tables must be empty. */
#define REG_DAY_MIGRATION 13
#define REG_OPEN_MIGRATION 14
int	reg_backfill(struct reg *, struct err *);
/* The claim QRs still open, recomputed from the events as claimqr_open's
 * columns: each claimqr.shown event (subject the application, detail its
 * credit code) that no later claimqr.voided on the application replaced and
 * no later cert.claimed (subject the credit code, detail the application)
 * used. Migration 14's backfill and "log verify" (evlog_open_check()) say
 * it: changing it changes a released migration, so a new rule is a new
 * migration and a new text. */
#define REG_OPEN_EVENTS_SQL \
    "SELECT s.id, s.at, s.station, s.actor, s.subject, s.detail FROM event s" \
    " WHERE s.kind = 'claimqr.shown'" \
    "  AND NOT EXISTS (SELECT 1 FROM event v WHERE v.kind = 'claimqr.voided'" \
    "    AND v.subject = s.subject AND v.id > s.id)" \
    "  AND NOT EXISTS (SELECT 1 FROM event c WHERE c.kind = 'cert.claimed'" \
    "    AND c.detail = s.subject AND c.subject = s.detail AND c.id > s.id)"

/* The certificate's own text in struct institution (reg-inst.c): its CSV
 * column and field name, where it is, its size, and its limit in characters
 * when it is free text (0: checked by its own rule). */
#define REG_INST_NTEXTS	6
struct reg_inst_text {
	const char	*name;
	size_t		 off;
	size_t		 size;
	size_t		 chars;
};
extern const struct reg_inst_text reg_inst_texts[REG_INST_NTEXTS];

/* Institution writes inside a caller's transaction (import does many in one). */
int	reg_inst_put_tx(struct reg *, const struct institution *, int replace,
	    int *added, struct err *);

#endif
