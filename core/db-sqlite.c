/*
 * db-sqlite.c: db.h over SQLite, the embedded default (one hall, one host).
 *
 * One file is shared by every kiosk and counter on a host. WAL lets readers go on
 * while one writer commits; synchronous=FULL makes a commit durable before it
 * returns, so a power cut loses nothing that was reported done. Writers queue on
 * the busy handler for up to DB_BUSY_MS; "database is locked" reaches a user only
 * if one transaction is held that long, which none of ours are.
 *
 * Statements are cached by the address of their SQL text. Each cached statement
 * is its own allocation, so a caller's pointer stays valid while others are
 * prepared; the cache is large enough for every query the registry has, and when
 * full the oldest goes (cheap to remake).
 *
 * The schema version is PRAGMA user_version. SQLite reads ?NNN parameters and
 * RETURNING (3.35, configure requires it) as written in the shared SQL.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"

#define DB_BUSY_MS	15000
#define DB_STMT_CACHE	128

struct db_stmt {
	struct db	*db;
	const char	*sql;
	sqlite3_stmt	*st;
	int		 bind_failed;	/* reported by the next step */
};

struct db {
	sqlite3		*h;
	int		 in_tx;
	int		 code;		/* extended code of the last failure */
	char		 msg[200];	/* and its message */
	struct db_stmt	*stmts[DB_STMT_CACHE];
	size_t		 nstmts;
};

/* Keeps the last failure: a later reset or statement must not lose it. */
static void
db_fail(struct db *db, int code)
{
	db->code = code;
	strncpy(db->msg, sqlite3_errmsg(db->h), sizeof db->msg - 1);
	db->msg[sizeof db->msg - 1] = '\0';
}

int
db_open(struct db **out, const char *target, int *created, struct err *e)
{
	struct db *db;
	struct stat sb;
	int rc;

	*out = NULL;
	if ((db = calloc(1, sizeof *db)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
	*created = stat(target, &sb) != 0 || sb.st_size == 0;
	rc = sqlite3_open_v2(target, &db->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_SYSTEM, NULL, "reg.open_failed", "%s: %s", target,
		    db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		db_close(db);
		return -1;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, DB_BUSY_MS);
	/* journal_mode must come first: it needs no other pragma, others persist. */
	if (db_exec(db, "PRAGMA journal_mode=WAL", e) != 0 ||
	    db_exec(db, "PRAGMA synchronous=FULL", e) != 0 ||
	    db_exec(db, "PRAGMA foreign_keys=ON", e) != 0) {
		db_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

void
db_close(struct db *db)
{
	size_t i;

	if (db == NULL)
		return;
	for (i = 0; i < db->nstmts; i++) {
		sqlite3_finalize(db->stmts[i]->st);
		free(db->stmts[i]);
	}
	sqlite3_close(db->h);
	free(db);
}

struct db_stmt *
db_prepare(struct db *db, const char *sql, struct err *e)
{
	struct db_stmt *s;
	size_t i;
	int rc;

	for (i = 0; i < db->nstmts; i++) {
		if (db->stmts[i]->sql == sql)
			return db->stmts[i];
	}
	if ((s = calloc(1, sizeof *s)) == NULL) {
		err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
		return NULL;
	}
	rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st,
	    NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc);
		db_err(db, e, "prepare");
		free(s);
		return NULL;
	}
	s->db = db;
	s->sql = sql;
	if (db->nstmts == DB_STMT_CACHE) {
		sqlite3_finalize(db->stmts[0]->st);
		free(db->stmts[0]);
		memmove(&db->stmts[0], &db->stmts[1], (DB_STMT_CACHE - 1) *
		    sizeof db->stmts[0]);
		db->nstmts--;
	}
	db->stmts[db->nstmts++] = s;
	return s;
}

void
db_reset(struct db_stmt *s)
{
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
	s->bind_failed = 0;
}

static void
db_bound(struct db_stmt *s, int rc)
{
	if (rc != SQLITE_OK && !s->bind_failed) {
		s->bind_failed = 1;
		db_fail(s->db, rc);
	}
}

void
db_bind_int64(struct db_stmt *s, int i, int64_t v)
{
	db_bound(s, sqlite3_bind_int64(s->st, i, v));
}

void
db_bind_text(struct db_stmt *s, int i, const char *v)
{
	if (v == NULL)
		db_bound(s, sqlite3_bind_null(s->st, i));
	else
		db_bound(s, sqlite3_bind_text(s->st, i, v, -1, SQLITE_TRANSIENT));
}

void
db_bind_blob(struct db_stmt *s, int i, const void *v, size_t len)
{
	db_bound(s, sqlite3_bind_blob64(s->st, i, v, len, SQLITE_TRANSIENT));
}

void
db_bind_null(struct db_stmt *s, int i)
{
	db_bound(s, sqlite3_bind_null(s->st, i));
}

int
db_step(struct db_stmt *s)
{
	int rc;

	if (s->bind_failed)
		return DB_ERROR;
	rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	db_fail(s->db, rc);
	return DB_ERROR;
}

int64_t
db_col_int64(struct db_stmt *s, int i)
{
	return sqlite3_column_int64(s->st, i);
}

int
db_col_int(struct db_stmt *s, int i)
{
	return sqlite3_column_int(s->st, i);
}

const char *
db_col_text(struct db_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s->st, i);
}

void
db_col_copy(struct db_stmt *s, int i, char *buf, size_t len)
{
	const unsigned char *v = sqlite3_column_text(s->st, i);
	size_t n;

	if (v == NULL) {
		buf[0] = '\0';
		return;
	}
	n = strlen((const char *)v);
	if (n >= len) {
		n = len - 1;
		while (n > 0 && (v[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, v, n);
	buf[n] = '\0';
}

const void *
db_col_blob(struct db_stmt *s, int i)
{
	return sqlite3_column_blob(s->st, i);
}

size_t
db_col_bytes(struct db_stmt *s, int i)
{
	return (size_t)sqlite3_column_bytes(s->st, i);
}

int64_t
db_changes(struct db *db)
{
	return sqlite3_changes64(db->h);
}

int
db_exec(struct db *db, const char *sql, struct err *e)
{
	char *msg = NULL;
	int rc;

	if ((rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg)) == SQLITE_OK)
		return 0;
	db_fail(db, rc);
	if (msg != NULL) {
		strncpy(db->msg, msg, sizeof db->msg - 1);
		sqlite3_free(msg);
	}
	return db_err(db, e, "exec");
}

int
db_begin(struct db *db, struct err *e)
{
	int rc, tries;

	/* The busy handler covers BEGIN IMMEDIATE; a few retries cover the rare
	 * SQLITE_BUSY it gives back when a WAL recovery or checkpoint is running. */
	for (tries = 0; tries < 5; tries++) {
		rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK) {
			db->in_tx = 1;
			return 0;
		}
		if ((rc & 0xff) != SQLITE_BUSY)
			break;
		usleep(10000);
	}
	db_fail(db, rc);
	return db_err(db, e, "begin");
}

int
db_commit(struct db *db, struct err *e)
{
	int rc;

	if ((rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK) {
		db_fail(db, rc);
		db_err(db, e, "commit");
		db_rollback(db);
		return -1;
	}
	db->in_tx = 0;
	return 0;
}

void
db_rollback(struct db *db)
{
	if (db->in_tx && sqlite3_get_autocommit(db->h) == 0)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_tx = 0;
}

int
db_version(struct db *db)
{
	sqlite3_stmt *st;
	int v = -1, rc;

	if ((rc = sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st,
	    NULL)) != SQLITE_OK) {
		db_fail(db, rc);
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int
db_set_version(struct db *db, int v, struct err *e)
{
	char pragma[64];

	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
	return db_exec(db, pragma, e);
}

int
db_is_conflict(struct db *db)
{
	return (db->code & 0xff) == SQLITE_CONSTRAINT;
}

int
db_err(struct db *db, struct err *e, const char *what)
{
	if (db_is_conflict(db))
		return err_set(e, ERR_CONFLICT, NULL, "reg.conflict", "%s: %s", what,
		    db->msg);
	return err_set(e, ERR_SYSTEM, NULL, "reg.db_error", "%s: %s", what,
	    db->msg);
}
