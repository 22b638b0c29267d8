/*
 * db.c: db.h's functions, the part the two engines share.
 *
 * The target names the engine: a postgresql:// or postgres:// URI is a
 * PostgreSQL database and nothing else (a URI must never become a file name:
 * that would silently make an empty SQLite registry in a folder named after a
 * host); anything else is a SQLite file.
 *
 * Statements are cached by the address of their SQL text. Each cached statement
 * is its own allocation, so a caller's pointer stays valid while others are
 * prepared; the cache holds more than every query the registry has, and when
 * full the oldest goes (cheap to remake).
 *
 * Losing the server is handled here and only here (db_open(), db_run()): a
 * primary that dies and a standby promoted in its place look to a station
 * like a few seconds without a server, so it tries again, pausing longer each
 * time, for a bounded window (db_retry_window(); the programs' db_retry).
 * The window is spent by the pauses slept or by the time gone by on the
 * monotonic clock, whichever is more: a try over a link that drops packets
 * lasts its connect timeout (db-pg.c), which pauses alone would not count (a
 * 30 s window of pauses would be minutes of tries); and tests freeze the
 * clock with libfaketime, which alone would never end it.
 * The engine reconnects at the next statement outside a transaction
 * (db-pg.c); re-running a transaction whose commit may have happened is
 * safe only because each operation carries its id (reg-op.c). A read
 * outside a transaction has nothing to commit and is run again alone, by the
 * engine that knows it reads (db_retry_read()), with the same pauses.
 *
 * A station is frozen while it pauses, so each pause is told first to the
 * program's hook (db_retry_hook(): the frame says it is reconnecting). And a
 * window that ran out without the server means the link is lost, not a
 * failover: a promotion takes seconds. Waiting the whole window again for
 * each later operation would freeze the counter for 30 s a scan before it
 * judged offline, and the kiosk before it refused. So from then on an
 * operation tries once, without pauses, until the engine reaches the server
 * again (db_retry_found()); then the window applies again.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdatomic.h>
#include <time.h>

#include "clock.h"
#include "db-private.h"

/* The first pause and the longest: short enough that a promotion taking a
 * second costs about a second, long enough not to hammer a server that is
 * starting up. */
#define DB_RETRY_FIRST_MS	50
#define DB_RETRY_MAX_MS		1000

static long db_retry_ms;
/* A window ran out without the server; atomic: a verifier's writer thread
 * (cert-pipe.c) meets the server on a connection of its own. */
static atomic_int db_retry_lost;
static void (*db_retry_fn)(int, void *);
static void *db_retry_arg;

void
db_retry_window(int seconds)
{
	db_retry_ms = seconds > 0 ? seconds * 1000L : 0;
}

void
db_retry_hook(void (*fn)(int seconds, void *), void *arg)
{
	db_retry_fn = fn;
	db_retry_arg = arg;
}

void
db_retry_found(void)
{
	db_retry_lost = 0;
}

void
db_retry_start(struct db_retry *rt)
{
	rt->slept_ms = 0;
	rt->pause_ms = DB_RETRY_FIRST_MS;
	rt->start_ms = clock_ms(CLOCK_MONOTONIC);
}

/* How much of the window is spent (see the top of the file). */
static long
db_retry_spent(const struct db_retry *rt)
{
	double gone = clock_ms(CLOCK_MONOTONIC) - rt->start_ms;

	if (gone >= (double)db_retry_ms)
		return db_retry_ms;
	return gone > (double)rt->slept_ms ? (long)gone : rt->slept_ms;
}

int
db_retry_pause(struct db_retry *rt)
{
	struct timespec ts;
	long spent = db_retry_spent(rt);

	if (db_retry_lost || spent >= db_retry_ms) {
		db_retry_lost = db_retry_ms > 0;
		return -1;
	}
	if (db_retry_fn != NULL)
		db_retry_fn((int)((db_retry_ms - spent + 999) / 1000), db_retry_arg);
	ts.tv_sec = rt->pause_ms / 1000;
	ts.tv_nsec = (rt->pause_ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
	rt->slept_ms += rt->pause_ms;
	rt->pause_ms = rt->pause_ms * 2 > DB_RETRY_MAX_MS ? DB_RETRY_MAX_MS :
	    rt->pause_ms * 2;
	return 0;
}

int
db_retry_read(struct db *db, struct db_retry *rt)
{
	return db->down && !db->in_tx && db_retry_pause(rt) == 0;
}

int
db_is_uri(const char *target)
{
	return strncmp(target, "postgresql://", 13) == 0 ||
	    strncmp(target, "postgres://", 11) == 0;
}

/* A statement gone from the cache, with the text it was made of. */
static void
db_finalize(struct db_stmt *s)
{
	char *text = s->text;

	s->db->engine->finalize(s);
	free(text);
}

int
db_open(struct db **out, const char *target, int *created, struct err *e)
{
	const struct db_engine *en;
	struct db_retry rt;

	db_retry_start(&rt);
	en = db_is_uri(target) ? &db_pg_engine : &db_sqlite_engine;
	*out = NULL;
	*created = 0;
	while (en->open(out, target, created, e) != 0) {
		if (!en->remote || db_retry_pause(&rt) != 0)
			return -1;
	}
	(*out)->engine = en;
	return 0;
}

void
db_close(struct db *db)
{
	size_t i;

	if (db == NULL)
		return;
	for (i = 0; i < db->nstmts; i++)
		db_finalize(db->stmts[i]);
	db->engine->close(db);
}

const char *
db_engine_name(const struct db *db)
{
	return db->engine->name;
}

void
db_failed(struct db *db, const char *msg, int conflict, int denied)
{
	size_t n = strlen(msg);

	/* Engines end messages with a newline (libpq) or not (SQLite). */
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	if (n >= sizeof db->msg)
		n = sizeof db->msg - 1;
	memcpy(db->msg, msg, n);
	db->msg[n] = '\0';
	db->conflict = conflict;
	db->denied = denied;
	db->down = 0;
}

/* The cached statement for sql and rows (0 for db_prepare()'s), or NULL. */
static struct db_stmt *
db_cached(struct db *db, const char *sql, int rows)
{
	size_t i;

	for (i = 0; i < db->nstmts; i++) {
		if (db->stmts[i]->sql == sql && db->stmts[i]->rows == rows)
			return db->stmts[i];
	}
	return NULL;
}

/* Prepares text as the statement cached for sql and rows; the statement
 * owns text from here, also when it could not be prepared. */
static struct db_stmt *
db_cache(struct db *db, const char *sql, int rows, char *text, struct err *e)
{
	struct db_stmt *s;

	if ((s = db->engine->prepare(db, text != NULL ? text : sql)) == NULL) {
		free(text);
		db_err(db, e, "prepare");
		return NULL;
	}
	s->db = db;
	s->sql = sql;
	s->rows = rows;
	s->text = text;
	if (db->nstmts == DB_STMT_CACHE) {
		db_finalize(db->stmts[0]);
		memmove(&db->stmts[0], &db->stmts[1], (DB_STMT_CACHE - 1) *
		    sizeof db->stmts[0]);
		db->nstmts--;
	}
	db->stmts[db->nstmts++] = s;
	return s;
}

struct db_stmt *
db_prepare(struct db *db, const char *sql, struct err *e)
{
	struct db_stmt *s = db_cached(db, sql, 0);

	return s != NULL ? s : db_cache(db, sql, 0, NULL, e);
}

/* head and rows groups of width parameters, numbered on from ?1. */
static char *
db_rows_text(const char *head, int width, int rows)
{
	size_t size = strlen(head) + (size_t)rows * (size_t)width * 8 + 1;
	char *text = malloc(size);
	size_t o;
	int i, k;

	if (text == NULL)
		return NULL;
	o = (size_t)snprintf(text, size, "%s", head);
	for (i = 0; i < rows; i++) {
		for (k = 1; k <= width; k++) {
			o += (size_t)snprintf(text + o, size - o, "%s?%d",
			    k > 1 ? ", " : i > 0 ? "), (" : "(", i * width + k);
		}
	}
	snprintf(text + o, size - o, ")");
	return text;
}

/* The statement for a run of rows rows. */
static struct db_stmt *
db_prepare_rows(struct db *db, const char *head, int width, int rows,
    struct err *e)
{
	struct db_stmt *s = db_cached(db, head, rows);
	char *text;

	if (s != NULL)
		return s;
	if ((text = db_rows_text(head, width, rows)) == NULL) {
		err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
		return NULL;
	}
	return db_cache(db, head, rows, text, e);
}

/* How many of n rows go in the next statement: DB_ROWS_MAX, or the largest
 * power of two in n, so that a connection prepares few shapes. */
static int
db_rows_run(int n)
{
	int k = 1;

	if (n >= DB_ROWS_MAX)
		return DB_ROWS_MAX;
	while (k * 2 <= n)
		k *= 2;
	return k;
}

int
db_insert_rows(struct db *db, const char *head, int width, int n,
    void (*bind)(struct db_stmt *, int, int, void *), void *arg,
    const char *what, struct err *e)
{
	struct db_stmt *s;
	int i, j, k;

	for (i = 0; i < n; i += k) {
		k = db_rows_run(n - i);
		if ((s = db_prepare_rows(db, head, width, k, e)) == NULL)
			return -1;
		for (j = 0; j < k; j++)
			bind(s, j * width, i + j, arg);
		if ((i + k < n ? db_done(s, what, e) :
		    db_done_later(s, what, e)) != 0)
			return -1;
	}
	return 0;
}

void
db_reset(struct db_stmt *s)
{
	s->db->engine->reset(s);
	s->bind_failed = 0;
}

int
db_rows(struct db_stmt *s, int (*row)(struct db_stmt *, void *), void *arg,
    const char *what, struct err *e)
{
	int rc;

	while ((rc = db_step(s)) == DB_ROW) {
		if (row(s, arg) != 0) {
			rc = DB_DONE;
			break;
		}
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : db_err(s->db, e, what);
}

int
db_done(struct db_stmt *s, const char *what, struct err *e)
{
	int rc = db_step(s);

	db_reset(s);
	return rc == DB_DONE ? 0 : db_err(s->db, e, what);
}

int
db_done_later(struct db_stmt *s, const char *what, struct err *e)
{
	if (s->db->engine->later == NULL || !s->db->in_tx || s->bind_failed)
		return db_done(s, what, e);
	if (s->db->engine->later(s) != 0) {
		db_reset(s);
		return db_err(s->db, e, what);
	}
	return 0;
}

static void
db_bound(struct db_stmt *s, int rc)
{
	if (rc != 0)
		s->bind_failed = 1;
}

void
db_bind_int64(struct db_stmt *s, int i, int64_t v)
{
	db_bound(s, s->db->engine->bind_int64(s, i, v));
}

void
db_bind_text(struct db_stmt *s, int i, const char *v)
{
	db_bound(s, s->db->engine->bind_text(s, i, v));
}

void
db_bind_blob(struct db_stmt *s, int i, const void *v, size_t len)
{
	db_bound(s, s->db->engine->bind_blob(s, i, v, len));
}

void
db_bind_null(struct db_stmt *s, int i)
{
	db_bound(s, s->db->engine->bind_null(s, i));
}

void
db_bind_id(struct db_stmt *s, int i, int64_t id)
{
	if (id > 0)
		db_bind_int64(s, i, id);
	else
		db_bind_null(s, i);
}

int
db_step(struct db_stmt *s)
{
	if (s->bind_failed)
		return DB_ERROR;
	return s->db->engine->step(s);
}

int64_t
db_col_int64(struct db_stmt *s, int i)
{
	return s->db->engine->col_int64(s, i);
}

int
db_col_int(struct db_stmt *s, int i)
{
	return (int)s->db->engine->col_int64(s, i);
}

const char *
db_col_text(struct db_stmt *s, int i)
{
	return s->db->engine->col_text(s, i);
}

void
db_col_copy(struct db_stmt *s, int i, char *buf, size_t len)
{
	const char *v = db_col_text(s, i);
	size_t n;

	if (v == NULL) {
		buf[0] = '\0';
		return;
	}
	n = strlen(v);
	if (n >= len) {
		n = len - 1;
		while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, v, n);
	buf[n] = '\0';
}

const void *
db_col_blob(struct db_stmt *s, int i)
{
	size_t n;

	return s->db->engine->col_blob(s, i, &n);
}

size_t
db_col_bytes(struct db_stmt *s, int i)
{
	size_t n = 0;

	s->db->engine->col_blob(s, i, &n);
	return n;
}

int
db_col_count(struct db_stmt *s)
{
	return s->db->engine->col_count(s);
}

enum db_type
db_col_type(struct db_stmt *s, int i)
{
	return s->db->engine->col_type(s, i);
}

int
db_ids_follow(struct db *db, const char *table, struct err *e)
{
	if (db->engine->ids_follow(db, table) != 0)
		return db_err(db, e, "ids");
	return 0;
}

int64_t
db_changes(struct db *db)
{
	return db->engine->changes(db);
}

int
db_exec(struct db *db, const char *sql, struct err *e)
{
	if (db->engine->exec(db, sql) != 0)
		return db_err(db, e, "exec");
	return 0;
}

static int
db_begin_as(struct db *db, enum db_begin_kind kind, struct err *e)
{
	if (db->engine->begin(db, kind) != 0)
		return db_err(db, e, "begin");
	db->in_tx = 1;
	return 0;
}

int
db_begin(struct db *db, struct err *e)
{
	return db_begin_as(db, DB_BEGIN_WRITE, e);
}

int
db_begin_schema(struct db *db, struct err *e)
{
	return db_begin_as(db, DB_BEGIN_SCHEMA, e);
}

int
db_begin_snapshot(struct db *db, struct err *e)
{
	return db_begin_as(db, DB_BEGIN_SNAPSHOT, e);
}

int
db_commit(struct db *db, struct err *e)
{
	if (db->engine->commit(db) != 0) {
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
	if (db->in_tx)
		db->engine->rollback(db);
	db->in_tx = 0;
}

int
db_end(struct db *db, int rc, struct err *e)
{
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, e);
}

int
db_run(struct db *db, int (*tx)(void *, struct err *), void *arg, struct err *e)
{
	struct db_retry rt;

	db_retry_start(&rt);
	for (;;) {
		/* A failure before this attempt says nothing about it. */
		db->down = 0;
		if (db_begin(db, e) == 0 && db_end(db, tx(arg, e), e) == 0)
			return 0;
		if (!db->down || db_retry_pause(&rt) != 0)
			return -1;
	}
}

int
db_server_time(struct db *db, int64_t *now, struct err *e)
{
	*now = 0;
	if (db->engine->server_time(db, now) != 0)
		return db_err(db, e, "server clock");
	return 0;
}

int
db_version(struct db *db)
{
	return db->engine->version(db);
}

int
db_set_version(struct db *db, int v, struct err *e)
{
	if (db->engine->set_version(db, v) != 0)
		return db_err(db, e, "schema version");
	return 0;
}

int
db_copy_to(struct db *db, const char *path, struct err *e)
{
	if (db->engine->copy_to == NULL)
		return err_set(e, ERR_RULE, NULL, "reg.backup_engine", "%s",
		    db->engine->name);
	if (db->engine->copy_to(db, path) != 0)
		return db_err(db, e, "backup");
	return 0;
}

int
db_copy_from(struct db *db, const char *path, struct err *e)
{
	if (db->engine->copy_from == NULL)
		return err_set(e, ERR_RULE, NULL, "reg.backup_engine", "%s",
		    db->engine->name);
	if (db->engine->copy_from(db, path) != 0)
		return db_err(db, e, "restore");
	return 0;
}

int
db_is_conflict(struct db *db)
{
	return db->conflict;
}

int
db_err(struct db *db, struct err *e, const char *what)
{
	if (db->conflict)
		return err_set(e, ERR_CONFLICT, NULL, "reg.conflict", "%s: %s", what,
		    db->msg);
	if (db->denied)
		return err_set(e, ERR_RULE, NULL, "reg.denied", "%s: %s", what,
		    db->msg);
	if (db->down)
		return err_set(e, ERR_SYSTEM, NULL, "reg.unreachable", "%s: %s",
		    what, db->msg);
	return err_set(e, ERR_SYSTEM, NULL, "reg.db_error", "%s: %s", what,
	    db->msg);
}
