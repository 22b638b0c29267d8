/*
 * reg-guard.c: the queries a station's role may not run as they are written,
 * each in its two forms side by side; the one place where the two engines are
 * asked the same thing differently.
 *
 * On PostgreSQL a kiosk or counter reads neither the register's ID numbers
 * and phones, nor the event log, nor staff rows (reg-roles.c). What its
 * screens need of them is a function that runs with the schema owner's rights
 * (SECURITY DEFINER, its search_path fixed; reg-schema.c's migration 11) and
 * answers only that: whether an ID number is the legal representative's, an
 * application's state when the phone's last digits match, how many lookups
 * failed, a station's admin PIN events, a staff login judged where the hash
 * is. SQLite has no roles: whoever opens the file reads it all, so there the
 * query is the plain one, with the same columns and rows. Every other query
 * is written once for both.
 *
 * What answers a guess (an ID number, a phone's last digits) also holds the
 * limit on guessing on PostgreSQL (migration 12): the guess is noted first,
 * in a transaction of its own (reg_guard_note(), outside any the caller
 * has open), then asked, and the answer's first column may instead be a
 * refusal: too many wrong ones from this login for this target, or a guess
 * not noted. The program's own limits, per station, hold on both engines.
 */
#include "config.h"

#include <string.h>

#include "clock.h"
#include "reg-private.h"

/* A number in the SQL text, so that both engines lock at the same count. */
#define REG_GUARD_STR(n)	REG_GUARD_STR_(n)
#define REG_GUARD_STR_(n)	#n

static const struct {
	const char	*sqlite;
	const char	*pg;
} reg_guard_sql[REG_GUARD_N] = {
	/* REG_GUARD_NOTE (?1 what is guessed, ?2 target, ?3 guess): the
	 * guess noted before it is asked; PostgreSQL only. */
	{ NULL, "SELECT jsd_guard_note(?1, ?2, ?3)" },
	/* REG_GUARD_LEGAL_REP (?1 credit code, ?2 ID number): one row, 1 or
	 * 0 or a refusal (reg_guard_refused()), then when to try again; none
	 * when the institution is not in the register. */
	{ "SELECT legal_rep_id = ?2, 0 FROM institution WHERE credit_code = ?1",
	  "SELECT is_rep, retry FROM jsd_inst_is_legal_rep(?1, ?2)" },
	/* REG_GUARD_APP_LOOKUP (?1 number, ?2 the phone's last 4 digits):
	 * 1 or a refusal, kind, status, reject reason, whether its claim QR
	 * was used and when to try again; no row unless the number is an
	 * application with that phone or the answer is a refusal. */
	{ "SELECT 1, a.kind, a.status, a.reject_reason, COALESCE((SELECT"
	  " t.used_at IS NOT NULL FROM token t WHERE t.app_number = a.number"
	  " AND t.kind = 'claim' ORDER BY t.id DESC LIMIT 1), 0), 0"
	  " FROM application a WHERE a.number = ?1 AND length(a.frp_phone) >= 4"
	  " AND substr(a.frp_phone, length(a.frp_phone) - 3) = ?2",
	  "SELECT verdict, kind, status, reject_reason, claimed, retry"
	  " FROM jsd_app_lookup(?1, ?2)" },
	/* REG_GUARD_LOOKUP_FAILS (?1 station, ?2 since): the station's failed
	 * lookups after since, and the oldest's time (0: none). */
	{ "SELECT count(*), COALESCE(min(at), 0) FROM event"
	  " WHERE at > ?2 AND kind = 'app.lookup_failed' AND station = ?1",
	  "SELECT n, oldest FROM jsd_lookup_fails(?1, ?2)" },
	/* REG_GUARD_ADMINPIN (?1 station): its admin PIN events, oldest
	 * first: time and kind. */
	{ "SELECT at, kind FROM event WHERE subject = ?1"
	  " AND substr(kind, 1, 10) = 'kiosk.pin_' ORDER BY id",
	  "SELECT at, kind FROM jsd_adminpin_events(?1) ORDER BY id" },
	/* REG_GUARD_STAFF_READ (?1 name): the account as staff_row() reads
	 * it, then its hash's setting: the hash string cut after the salt. */
	{ "SELECT name, role, failed, locked, disabled, created_at, last_login,"
	  " rtrim(pwhash, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	  "0123456789+/') FROM staff WHERE name = ?1",
	  "SELECT name, role, failed, locked, disabled, created_at, last_login,"
	  " setting FROM jsd_staff_read(?1)" },
	/* REG_GUARD_STAFF_LOGIN (?1 name, ?2 the hash the password makes
	 * under the setting, ?3 now): a right one clears the count and notes
	 * the login, a wrong one counts and the STAFF_MAX_FAILED-th locks (the
	 * caller does not say when: on PostgreSQL it could be anyone);
	 * whether it was right, the count and the lock. No row when the
	 * account is locked, disabled or gone. A SELECT that writes: run only
	 * inside a transaction, where no statement is retried alone (db.h,
	 * db_run()). */
	{ "UPDATE staff SET"
	  " failed = CASE WHEN pwhash = ?2 THEN 0 ELSE failed + 1 END,"
	  " locked = CASE WHEN pwhash <> ?2 AND failed + 1 >= "
	  REG_GUARD_STR(STAFF_MAX_FAILED) " THEN 1"
	  "   ELSE locked END,"
	  " last_login = CASE WHEN pwhash = ?2 THEN ?3 ELSE last_login END"
	  " WHERE name = ?1 AND locked = 0 AND disabled = 0"
	  " RETURNING pwhash = ?2, failed, locked",
	  "SELECT ok, failed, locked FROM jsd_staff_login(?1, ?2, ?3)" },
	/* REG_GUARD_DAY_ADD (?1 day, ?2 station, ?3 actor, ?4 kind, ?5 n):
	 * adds n to the day summary's count (evlog.c). An upsert reads the row
	 * it adds to, so on PostgreSQL a station that may not read the log's
	 * counts adds to them through a procedure. */
	{ "INSERT INTO event_day (day, station, actor, kind, n)"
	  " VALUES (?1, ?2, ?3, ?4, ?5)"
	  " ON CONFLICT (day, station, actor, kind)"
	  " DO UPDATE SET n = event_day.n + excluded.n",
	  "CALL jsd_event_day_add(?1, ?2, ?3, ?4, ?5)" },
};

struct db_stmt *
reg_guard_prepare(struct reg *r, enum reg_guard q, struct err *e)
{
	return db_prepare(r->db, strcmp(db_engine_name(r->db), "postgresql") == 0 ?
	    reg_guard_sql[q].pg : reg_guard_sql[q].sqlite, e);
}

int
reg_guard_note(struct reg *r, const char *what, const char *target,
    const char *guess, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if (strcmp(db_engine_name(r->db), "postgresql") != 0)
		return 0;
	if ((st = reg_guard_prepare(r, REG_GUARD_NOTE, e)) == NULL)
		return -1;
	db_bind_text(st, 1, what);
	db_bind_text(st, 2, target);
	db_bind_text(st, 3, guess);
	if ((rc = db_step(st)) == DB_ROW)
		rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "guess note");
}

int
reg_guard_refused(int verdict, int64_t retry, const char *field,
    const char *key, struct err *e)
{
	char at[20];

	if (verdict == REG_GUARD_UNNOTED)
		return err_set(e, ERR_SYSTEM, NULL, "reg.db_error",
		    "a guess asked before its note was committed");
	if (verdict != REG_GUARD_LIMITED)
		return 0;
	clock_format_local(retry, at, sizeof at);
	return err_set(e, ERR_RULE, field, key, "%.5s", at + 11);
}
