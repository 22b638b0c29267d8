/*
 * db-sqlite.c: db.h over SQLite, the embedded default (one hall, one host).
 *
 * One file is shared by every kiosk and counter on a host. WAL lets readers go
 * on while one writer commits; synchronous=FULL makes a commit durable before
 * it returns, so a power cut loses nothing that was reported done. Writers
 * queue on the busy handler for up to DB_BUSY_MS; "database is locked" reaches
 * a user only if one transaction is held that long, which none of ours are.
 * The handler naps DB_BUSY_NAP_US a try: SQLite's own timeout naps longer
 * the longer it waits (up to 100 ms), and with sixteen counters committing
 * bursts the lock then sat free between commits while every waiter slept
 * (measured: grouped verifications by 16 processes at a quarter of one's).
 * BEGIN IMMEDIATE makes writers one at a time, which also serialises schema
 * changes.
 *
 * The schema version is PRAGMA user_version. SQLite reads the shared SQL as
 * written: ?NNN parameters, RETURNING (3.35, configure requires it), upserts.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db-private.h"
#include "regfile.h"

#define DB_BUSY_MS	15000
#define DB_BUSY_NAP_US	1000

struct db_sqlite_stmt {
	struct db_stmt	 s;		/* first: db.c sees this */
	sqlite3_stmt	*st;
};

struct db_sqlite_db {
	struct db	 db;		/* first: db.c sees this */
	sqlite3		*h;
};

static sqlite3 *
db_sqlite_h(struct db *db)
{
	return ((struct db_sqlite_db *)db)->h;
}

static sqlite3_stmt *
db_sqlite_st(struct db_stmt *s)
{
	return ((struct db_sqlite_stmt *)s)->st;
}

/* Keeps the last failure: a later reset or statement must not lose it. */
static int
db_sqlite_fail(struct db *db, int rc)
{
	db_failed(db, sqlite3_errmsg(db_sqlite_h(db)),
	    (rc & 0xff) == SQLITE_CONSTRAINT, 0);
	return -1;
}

static int
db_sqlite_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc;

	rc = sqlite3_exec(db_sqlite_h(db), sql, NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		return 0;
	db_sqlite_fail(db, rc);
	if (msg != NULL) {
		db_failed(db, msg, (rc & 0xff) == SQLITE_CONSTRAINT, 0);
		sqlite3_free(msg);
	}
	return -1;
}

static void
db_sqlite_close(struct db *db)
{
	sqlite3_close(db_sqlite_h(db));
	free(db);
}

/* The registry file is made here rather than by SQLite for its mode, 0600
 * whatever the umask (regfile.h): -wal and -shm copy it. Another process
 * creating it first is no error. */
static int
db_sqlite_create_file(const char *target, struct err *e)
{
	struct stat sb;
	int fd;

	if (stat(target, &sb) == 0 || errno != ENOENT)
		return 0;
	if ((fd = regfile_create(target, 0, e)) < 0)
		return e->kind == ERR_CONFLICT ? (err_clear(e), 0) : -1;
	close(fd);
	return 0;
}

/* Another connection writes: nap and try again, until DB_BUSY_MS of naps.
 * Counted in naps, not read from a clock (tests freeze it). */
static int
db_sqlite_busy(void *arg, int tries)
{
	(void)arg;
	if ((long)tries * DB_BUSY_NAP_US >= DB_BUSY_MS * 1000L)
		return 0;
	usleep(DB_BUSY_NAP_US);
	return 1;
}

/* Switching a new file to WAL takes its exclusive lock; while another process
 * creates the same registry (two inits at once) SQLite can answer SQLITE_BUSY
 * at once, without the busy handler, so wait and ask again a while. */
static int
db_sqlite_wal(struct db_sqlite_db *q)
{
	int tries;

	for (tries = 0; tries < 200; tries++) {
		if (db_sqlite_exec(&q->db, "PRAGMA journal_mode=WAL") == 0)
			return 0;
		if ((sqlite3_errcode(q->h) & 0xff) != SQLITE_BUSY)
			break;
		usleep(10000);
	}
	return -1;
}

static int
db_sqlite_open(struct db **out, const char *target, int *created, struct err *e)
{
	struct db_sqlite_db *q;
	struct stat sb;
	int rc;

	if ((q = calloc(1, sizeof *q)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
	*created = stat(target, &sb) != 0 || sb.st_size == 0;
	if (db_sqlite_create_file(target, e) != 0) {
		free(q);
		return -1;
	}
	rc = sqlite3_open_v2(target, &q->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_SYSTEM, NULL, "reg.open_failed", "%s: %s", target,
		    q->h ? sqlite3_errmsg(q->h) : sqlite3_errstr(rc));
		db_sqlite_close(&q->db);
		return -1;
	}
	sqlite3_extended_result_codes(q->h, 1);
	sqlite3_busy_handler(q->h, db_sqlite_busy, NULL);
	/* journal_mode must come first: it needs no other pragma, others persist. */
	if (db_sqlite_wal(q) != 0 ||
	    db_sqlite_exec(&q->db, "PRAGMA synchronous=FULL") != 0 ||
	    db_sqlite_exec(&q->db, "PRAGMA foreign_keys=ON") != 0) {
		err_set(e, ERR_SYSTEM, NULL, "reg.open_failed", "%s: %s", target,
		    q->db.msg);
		db_sqlite_close(&q->db);
		return -1;
	}
	*out = &q->db;
	return 0;
}

static struct db_stmt *
db_sqlite_prepare(struct db *db, const char *sql)
{
	struct db_sqlite_stmt *s;
	int rc;

	if ((s = calloc(1, sizeof *s)) == NULL) {
		db_failed(db, "out of memory", 0, 0);
		return NULL;
	}
	rc = sqlite3_prepare_v3(db_sqlite_h(db), sql, -1,
	    SQLITE_PREPARE_PERSISTENT, &s->st, NULL);
	if (rc != SQLITE_OK) {
		db_sqlite_fail(db, rc);
		free(s);
		return NULL;
	}
	return &s->s;
}

static void
db_sqlite_finalize(struct db_stmt *s)
{
	sqlite3_finalize(db_sqlite_st(s));
	free(s);
}

static void
db_sqlite_reset(struct db_stmt *s)
{
	sqlite3_reset(db_sqlite_st(s));
	sqlite3_clear_bindings(db_sqlite_st(s));
}

static int
db_sqlite_bound(struct db_stmt *s, int rc)
{
	return rc == SQLITE_OK ? 0 : db_sqlite_fail(s->db, rc);
}

static int
db_sqlite_bind_int64(struct db_stmt *s, int i, int64_t v)
{
	return db_sqlite_bound(s, sqlite3_bind_int64(db_sqlite_st(s), i, v));
}

static int
db_sqlite_bind_text(struct db_stmt *s, int i, const char *v)
{
	if (v == NULL)
		return db_sqlite_bound(s, sqlite3_bind_null(db_sqlite_st(s), i));
	return db_sqlite_bound(s, sqlite3_bind_text(db_sqlite_st(s), i, v, -1,
	    SQLITE_TRANSIENT));
}

static int
db_sqlite_bind_blob(struct db_stmt *s, int i, const void *v, size_t len)
{
	return db_sqlite_bound(s, sqlite3_bind_blob64(db_sqlite_st(s), i, v, len,
	    SQLITE_TRANSIENT));
}

static int
db_sqlite_bind_null(struct db_stmt *s, int i)
{
	return db_sqlite_bound(s, sqlite3_bind_null(db_sqlite_st(s), i));
}

static int
db_sqlite_step(struct db_stmt *s)
{
	int rc = sqlite3_step(db_sqlite_st(s));

	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	db_sqlite_fail(s->db, rc);
	return DB_ERROR;
}

static int64_t
db_sqlite_col_int64(struct db_stmt *s, int i)
{
	return sqlite3_column_int64(db_sqlite_st(s), i);
}

static const char *
db_sqlite_col_text(struct db_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(db_sqlite_st(s), i);
}

static const void *
db_sqlite_col_blob(struct db_stmt *s, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(db_sqlite_st(s), i);

	*len = (size_t)sqlite3_column_bytes(db_sqlite_st(s), i);
	return p;
}

static int
db_sqlite_col_count(struct db_stmt *s)
{
	return sqlite3_column_count(db_sqlite_st(s));
}

static enum db_type
db_sqlite_col_type(struct db_stmt *s, int i)
{
	switch (sqlite3_column_type(db_sqlite_st(s), i)) {
	case SQLITE_INTEGER:
		return DB_INTEGER;
	case SQLITE_BLOB:
		return DB_BLOB;
	case SQLITE_NULL:
		return DB_NULL;
	default:
		return DB_TEXT;
	}
}

static int
db_sqlite_ids_follow(struct db *db, const char *table)
{
	(void)db;
	(void)table;	/* a rowid is always one more than the largest */
	return 0;
}

static int64_t
db_sqlite_changes(struct db *db)
{
	return sqlite3_changes64(db_sqlite_h(db));
}

static int
db_sqlite_begin(struct db *db, enum db_begin_kind kind)
{
	int rc, tries;

	/* A deferred BEGIN reads one WAL snapshot from its first read on; BEGIN
	 * IMMEDIATE makes writers, schema changes included, one at a time. */
	if (kind == DB_BEGIN_SNAPSHOT) {
		rc = sqlite3_exec(db_sqlite_h(db), "BEGIN", NULL, NULL, NULL);
		return rc == SQLITE_OK ? 0 : db_sqlite_fail(db, rc);
	}
	/* The busy handler covers BEGIN IMMEDIATE; a few retries cover the rare
	 * SQLITE_BUSY it gives back while a WAL recovery or checkpoint runs. */
	for (tries = 0; tries < 5; tries++) {
		rc = sqlite3_exec(db_sqlite_h(db), "BEGIN IMMEDIATE", NULL, NULL,
		    NULL);
		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY)
			break;
		usleep(10000);
	}
	return db_sqlite_fail(db, rc);
}

static int
db_sqlite_commit(struct db *db)
{
	return db_sqlite_exec(db, "COMMIT");
}

static void
db_sqlite_rollback(struct db *db)
{
	if (sqlite3_get_autocommit(db_sqlite_h(db)) == 0)
		sqlite3_exec(db_sqlite_h(db), "ROLLBACK", NULL, NULL, NULL);
}

static int
db_sqlite_server_time(struct db *db, int64_t *now)
{
	(void)db;
	*now = 0;	/* a file has no clock but this host's */
	return 0;
}

static int
db_sqlite_version(struct db *db)
{
	sqlite3_stmt *st;
	int v = -1, rc;

	rc = sqlite3_prepare_v2(db_sqlite_h(db), "PRAGMA user_version", -1, &st,
	    NULL);
	if (rc != SQLITE_OK)
		return db_sqlite_fail(db, rc);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int
db_sqlite_set_version(struct db *db, int v)
{
	char pragma[64];

	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
	return db_sqlite_exec(db, pragma);
}

/* VACUUM INTO reads one snapshot, so the copy is consistent while writers go
 * on; it needs an empty or missing file, which keeps the caller's mode. */
static int
db_sqlite_copy_to(struct db *db, const char *path)
{
	static const char sql[] = "VACUUM INTO ?1";
	sqlite3_stmt *st;
	int rc;

	/* Not cached: it runs once. */
	if ((rc = sqlite3_prepare_v2(db_sqlite_h(db), sql, -1, &st, NULL)) != SQLITE_OK)
		return db_sqlite_fail(db, rc);
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE)
		db_sqlite_fail(db, rc);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* SQLite's online backup from the copy into this connection takes the write
 * lock and replaces every page in one step. Cached statements are reset, so
 * they do not hold it up, and re-prepare themselves on the restored schema. */
static int
db_sqlite_copy_from(struct db *db, const char *path)
{
	sqlite3_backup *b;
	sqlite3 *src = NULL;
	int rc;

	if ((rc = sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL)) !=
	    SQLITE_OK) {
		db_failed(db, sqlite3_errstr(rc), 0, 0);
		sqlite3_close(src);
		return -1;
	}
	if ((b = sqlite3_backup_init(db_sqlite_h(db), "main", src, "main")) == NULL) {
		sqlite3_close(src);
		return db_sqlite_fail(db, sqlite3_extended_errcode(db_sqlite_h(db)));
	}
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	sqlite3_close(src);
	if (rc != SQLITE_DONE) {
		db_failed(db, sqlite3_errstr(rc), 0, 0);
		return -1;
	}
	return 0;
}

const struct db_engine db_sqlite_engine = {
	.name = "sqlite",
	.open = db_sqlite_open,
	.close = db_sqlite_close,
	.prepare = db_sqlite_prepare,
	.finalize = db_sqlite_finalize,
	.reset = db_sqlite_reset,
	.bind_int64 = db_sqlite_bind_int64,
	.bind_text = db_sqlite_bind_text,
	.bind_blob = db_sqlite_bind_blob,
	.bind_null = db_sqlite_bind_null,
	.step = db_sqlite_step,
	.col_int64 = db_sqlite_col_int64,
	.col_text = db_sqlite_col_text,
	.col_blob = db_sqlite_col_blob,
	.col_count = db_sqlite_col_count,
	.col_type = db_sqlite_col_type,
	.ids_follow = db_sqlite_ids_follow,
	.changes = db_sqlite_changes,
	.exec = db_sqlite_exec,
	.begin = db_sqlite_begin,
	.commit = db_sqlite_commit,
	.rollback = db_sqlite_rollback,
	.server_time = db_sqlite_server_time,
	.version = db_sqlite_version,
	.set_version = db_sqlite_set_version,
	.copy_to = db_sqlite_copy_to,
	.copy_from = db_sqlite_copy_from,
};
