/*
 * unit-db.c: the statement layer (core/db.h) as the registry's files use it:
 * binding and reading every type, NULLs, repeated parameters, RETURNING,
 * conflicts told apart from other failures, transactions, the statement cache,
 * a failed bind reported by the step, rows inserted in runs, a snapshot; on
 * PostgreSQL, a lost connection: a read outside a transaction run again, a
 * write not; the defaults every connection gets for a link that drops packets,
 * and a URI's own value winning; a lost link (a retry window run out) tried
 * once, without pauses, until the server is reached again.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "db-private.h"
#include "tap.h"

static const char create_sql[] =
    "CREATE TABLE t ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT UNIQUE,"
    "  n INTEGER,"
    "  b BLOB"
    ")";
static const char insert_sql[] =
    "INSERT INTO t (name, n, b) VALUES (?1, ?2, ?3) RETURNING id";
static const char get_sql[] =
    "SELECT id, name, n, b, n + ?2 FROM t WHERE name = ?1 OR (?1 IS NULL AND"
    " name IS NULL)";
static const char ignore_sql[] =
    "INSERT INTO t (name, n) VALUES (?1, 0) ON CONFLICT (name) DO NOTHING";
static const char count_sql[] = "SELECT COUNT(*) FROM t";
static const char bad_sql[] = "SELECT nothing FROM nowhere";

static int64_t
insert(struct db *db, const char *name, int64_t n, const void *b, size_t len,
    int *rc)
{
	struct db_stmt *st;
	struct err e;
	int64_t id = 0;

	if ((st = db_prepare(db, insert_sql, &e)) == NULL)
		return -1;
	db_bind_text(st, 1, name);
	db_bind_int64(st, 2, n);
	if (b != NULL)
		db_bind_blob(st, 3, b, len);
	else
		db_bind_null(st, 3);
	if ((*rc = db_step(st)) == DB_ROW)
		id = db_col_int64(st, 0);
	db_reset(st);
	return id;
}

static int64_t
count(struct db *db)
{
	struct db_stmt *st;
	struct err e;
	int64_t n = -1;

	if ((st = db_prepare(db, count_sql, &e)) == NULL)
		return -1;
	if (db_step(st) == DB_ROW)
		n = db_col_int64(st, 0);
	db_reset(st);
	return n;
}

static void
test_types(struct db *db)
{
	static const unsigned char blob[4] = { 0x00, 0xff, 0x5c, 0x78 };
	struct db_stmt *st;
	struct err e;
	char buf[5];
	int rc;

	ok(insert(db, "北京", 1LL << 40, blob, sizeof blob, &rc) == 1 &&
	    rc == DB_ROW, "RETURNING gives the new row's id");
	ok(insert(db, NULL, 7, NULL, 0, &rc) == 2, "NULL text and blob go in");
	st = db_prepare(db, get_sql, &e);
	ok(st != NULL, "a query prepares");
	ok(db_prepare(db, get_sql, &e) == st, "and is cached by its text's address");
	db_bind_text(st, 1, "北京");
	db_bind_int64(st, 2, 5);
	is_int(db_step(st), DB_ROW, "a row");
	is_str(db_col_text(st, 1), "北京", "text reads back");
	is_int(db_col_int64(st, 2), 1LL << 40, "64-bit integers read back");
	is_int(db_col_int64(st, 4), (1LL << 40) + 5,
	    "a parameter used in an expression");
	ok(db_col_bytes(st, 3) == sizeof blob &&
	    memcmp(db_col_blob(st, 3), blob, sizeof blob) == 0,
	    "a blob with NUL and backslash bytes reads back whole");
	db_col_copy(st, 1, buf, sizeof buf);
	is_str(buf, "北", "a copy too long is cut at a character boundary");
	is_int(db_step(st), DB_DONE, "then no more rows");
	db_reset(st);

	db_bind_text(st, 1, NULL);
	db_bind_int64(st, 2, 0);
	is_int(db_step(st), DB_ROW, "a parameter repeated, bound once, as NULL");
	ok(db_col_text(st, 1) == NULL, "NULL text reads as a NULL pointer");
	db_col_copy(st, 1, buf, sizeof buf);
	is_str(buf, "", "and copies as empty");
	is_int(db_col_bytes(st, 3), 0, "a NULL blob has no bytes");
	db_reset(st);
}

static void
test_failures(struct db *db)
{
	struct db_stmt *st;
	struct err e;
	int rc;

	insert(db, "北京", 2, NULL, 0, &rc);
	is_int(rc, DB_ERROR, "a duplicate breaks the unique constraint");
	ok(db_is_conflict(db), "and is told as a conflict");
	db_err(db, &e, "insert");
	ok(e.kind == ERR_CONFLICT && strcmp(e.key, "reg.conflict") == 0,
	    "which db_err() reports as ERR_CONFLICT");
	ok(strncmp(e.detail, "insert: ", 8) == 0, "naming what was done");

	st = db_prepare(db, ignore_sql, &e);
	db_bind_text(st, 1, "北京");
	is_int(db_step(st), DB_DONE, "ON CONFLICT DO NOTHING is no failure");
	db_reset(st);
	is_int(db_changes(db), 0, "and changes nothing");
	db_bind_text(st, 1, "上海");
	db_step(st);
	db_reset(st);
	is_int(db_changes(db), 1, "a new name goes in");

	if ((st = db_prepare(db, bad_sql, &e)) != NULL) {
		/* PostgreSQL prepares at the first step, once types are bound. */
		rc = db_step(st);
		db_reset(st);
		if (rc == DB_ERROR)
			db_err(db, &e, "bad");
		st = NULL;
	}
	ok(st == NULL && e.kind == ERR_SYSTEM,
	    "a bad query fails, at prepare or its first step, as a system error");
	ok(!db_is_conflict(db), "not a conflict");

	st = db_prepare(db, count_sql, &e);
	db_bind_int64(st, 9, 1);
	is_int(db_step(st), DB_ERROR, "a failed bind is reported by the step");
	db_reset(st);
	is_int(db_step(st), DB_ROW, "and forgotten by the reset");
	db_reset(st);
}

static void
test_tx(struct db *db)
{
	struct err e;
	int64_t n = count(db);
	int rc;

	ok(db_begin(db, &e) == 0, "a transaction begins");
	insert(db, "广州", 3, NULL, 0, &rc);
	is_int(count(db), n + 1, "a row inside it");
	db_rollback(db);
	is_int(count(db), n, "is gone after a rollback");
	db_rollback(db);
	is_int(count(db), n, "a second rollback is harmless");
	ok(db_begin(db, &e) == 0, "another transaction");
	insert(db, "深圳", 4, NULL, 0, &rc);
	ok(db_commit(db, &e) == 0, "commits");
	is_int(count(db), n + 1, "and its row stays");
	is_int(db_version(db), 0, "a new database is at version 0");
	ok(db_set_version(db, 3, &e) == 0 && db_version(db) == 3,
	    "the version is recorded");
}

/* A snapshot reads one state throughout: another connection's commit is
 * not seen until it ends (log verify's day check relies on it). */
static void
test_snapshot(struct db *db, const char *path)
{
	struct db *other;
	struct err e;
	int64_t n;
	int created, rc;

	if (db_open(&other, path, &created, &e) != 0) {
		ok(0, "a second connection opens: %s", e.detail);
		return;
	}
	ok(db_begin_snapshot(db, &e) == 0, "a snapshot begins");
	n = count(db);
	insert(other, "杭州", 5, NULL, 0, &rc);
	is_int(rc, DB_ROW, "another connection commits a row meanwhile");
	is_int(count(db), n, "the snapshot does not see it");
	db_rollback(db);
	is_int(count(db), n + 1, "after the snapshot, it is there");
	db_close(other);
}

/* More statements than the cache holds: each keeps its own address, and one
 * pushed out is remade when asked for again. */
static void
test_cache(struct db *db)
{
	static char sqls[200][32];
	struct db_stmt *first, *st = NULL;
	struct err e;
	int i, good = 1;

	for (i = 0; i < 200; i++)
		snprintf(sqls[i], sizeof sqls[i], "SELECT %d", i);
	first = db_prepare(db, sqls[0], &e);
	for (i = 1; i < 200 && good; i++) {
		if ((st = db_prepare(db, sqls[i], &e)) == NULL)
			good = 0;
		else if (db_step(st) != DB_ROW || db_col_int(st, 0) != i)
			good = 0;
		if (st != NULL)
			db_reset(st);
	}
	ok(first != NULL && good, "200 statements, each gives its own answer");
	st = db_prepare(db, sqls[0], &e);
	ok(st != NULL && db_step(st) == DB_ROW && db_col_int(st, 0) == 0,
	    "the first, pushed out, is remade");
	if (st != NULL)
		db_reset(st);
}

static const char rows_create_sql[] =
    "CREATE TABLE r (id INTEGER PRIMARY KEY, k INTEGER UNIQUE, s TEXT)";
static const char rows_insert_sql[] = "INSERT INTO r (k, s) VALUES ";
static const char rows_check_sql[] =
    "SELECT count(*), count(s), sum(k),"
    " sum(CASE WHEN k = id - 1 THEN 1 ELSE 0 END) FROM r";

/* Row i of an insert: k is from[i], s is NULL for every third. */
static void
rows_bind(struct db_stmt *st, int base, int i, void *arg)
{
	const int *from = arg;
	char s[16];

	db_bind_int64(st, base + 1, from[i]);
	snprintf(s, sizeof s, "row %d", from[i]);
	db_bind_text(st, base + 2, from[i] % 3 == 0 ? NULL : s);
}

/* Rows, non-NULL s, sum of k and (when cols is 4) rows in order: as the
 * table has them. */
static void
rows_check(struct db *db, const int64_t want[4], int cols, const char *what)
{
	struct db_stmt *st;
	struct err e;
	int i, good;

	good = (st = db_prepare(db, rows_check_sql, &e)) != NULL &&
	    db_step(st) == DB_ROW;
	for (i = 0; good && i < cols; i++)
		good = db_col_int64(st, i) == want[i];
	if (st != NULL)
		db_reset(st);
	ok(good, "%s", what);
}

/* More rows than one run takes, in runs of every length; a row that breaks a
 * constraint fails the transaction as a conflict (the last run may wait for
 * the commit to go to the server). */
static void
test_rows(struct db *db)
{
	static int k[DB_ROWS_MAX + 45];
	int64_t want[4] = { 0, 0, 0, 0 };
	int i, n = DB_ROWS_MAX + 45;
	struct err e;

	for (i = 0; i < n; i++) {
		k[i] = i;
		want[1] += i % 3 != 0;
		want[2] += i;
	}
	want[0] = want[3] = n;
	ok(db_exec(db, rows_create_sql, &e) == 0 &&
	    db_insert_rows(db, rows_insert_sql, 2, 0, rows_bind, k, "rows",
	    &e) == 0, "no rows insert nothing");
	ok(db_insert_rows(db, rows_insert_sql, 2, n, rows_bind, k, "rows",
	    &e) == 0, "%d rows go in", n);
	rows_check(db, want, 4, "each row once, in order, NULLs as NULL");
	k[0] = n;
	k[1] = 5;
	ok(db_begin(db, &e) == 0 && (db_insert_rows(db, rows_insert_sql, 2, 2,
	    rows_bind, k, "rows", &e) == -1 || db_commit(db, &e) == -1) &&
	    e.kind == ERR_CONFLICT,
	    "a run with a taken key fails as a conflict, at once or at the commit");
	db_rollback(db);
	rows_check(db, want, 4, "and is rolled back whole");
	ok(db_begin(db, &e) == 0 && db_insert_rows(db, rows_insert_sql, 2, 1,
	    rows_bind, k, "rows", &e) == 0, "a row inside a transaction");
	want[0]++;
	want[1] += n % 3 != 0;
	want[2] += n;
	rows_check(db, want, 3, "is read by the next statement");
	db_rollback(db);
	want[0]--;
	want[1] -= n % 3 != 0;
	want[2] -= n;
	rows_check(db, want, 3, "and goes with a rollback");
}

static const char pid_sql[] = "SELECT pg_backend_pid()";
static const char kill_sql[] =
    "SELECT pg_terminate_backend(CAST(?1 AS integer))";
static const char alive_sql[] =
    "SELECT count(*) FROM pg_stat_activity WHERE pid = ?1";
static const char lock_sql[] = "SELECT n FROM t WHERE name = ?1 FOR UPDATE";
static const char cte_sql[] =
    "WITH w AS (INSERT INTO t (name, n) VALUES (?1, 0) RETURNING id)"
    " SELECT id FROM w";

static int64_t
one(struct db *db, const char *sql, int64_t arg)
{
	struct db_stmt *st;
	struct err e;
	int64_t v = -1;

	if ((st = db_prepare(db, sql, &e)) == NULL)
		return -1;
	if (arg != 0)
		db_bind_int64(st, 1, arg);
	if (db_step(st) == DB_ROW)
		v = db_col_int64(st, 0);
	db_reset(st);
	return v;
}

/* Ends db's server process from other, and waits until it is gone (a bound
 * on tries, not on time): db's next statement finds its connection lost. */
static int
cut(struct db *db, struct db *other)
{
	struct timespec ts = { 0, 100000000L };
	int64_t pid = one(db, pid_sql, 0);
	int i;

	if (pid <= 0 || one(other, kill_sql, pid) != 1)
		return -1;
	for (i = 0; i < 600 && one(other, alive_sql, pid) != 0; i++)
		nanosleep(&ts, NULL);
	return i < 600 ? 0 : -1;
}

/* sql, run outside a transaction after a cut, fails as unreachable: it was
 * not run again. */
static void
is_lost(struct db *db, const char *sql, const char *what)
{
	struct db_stmt *st;
	struct err e;
	int rc = DB_ERROR;

	err_clear(&e);
	if ((st = db_prepare(db, sql, &e)) != NULL) {
		db_bind_text(st, 1, "lost");
		rc = db_step(st);
		db_reset(st);
		db_err(db, &e, "test");
	}
	ok(rc == DB_ERROR && e.key != NULL &&
	    strcmp(e.key, "reg.unreachable") == 0, "%s", what);
}

static void
test_lost(struct db *db, const char *target)
{
	struct db *other;
	struct err e;
	int created;
	int64_t n = count(db);

	if (strcmp(db_engine_name(db), "postgresql") != 0)
		return;
	if (db_open(&other, target, &created, &e) != 0) {
		ok(0, "a second connection: %s", e.detail);
		return;
	}
	db_retry_window(30);
	ok(cut(db, other) == 0, "the connection cut by the server");
	is_int(count(db), n,
	    "a read outside a transaction is answered after it");
	ok(cut(db, other) == 0, "cut again");
	is_lost(db, ignore_sql,
	    "a write outside a transaction is not run again");
	is_int(count(db), n, "and was not done");
	ok(cut(db, other) == 0, "cut again");
	is_lost(db, lock_sql, "nor is a read that locks rows");
	ok(cut(db, other) == 0, "cut again");
	is_lost(db, cte_sql, "nor one that writes in its WITH");
	is_int(count(db), n, "which was not done either");
	ok(db_begin(db, &e) == 0 && cut(db, other) == 0, "cut in a transaction");
	ok(count(db) == -1, "a read inside a transaction is the transaction's:"
	    " not run again alone");
	db_rollback(db);
	db_retry_window(0);
	db_close(other);
}

/* target with one more URI parameter. */
static void
with_param(char *buf, size_t len, const char *target, const char *param)
{
	snprintf(buf, len, "%s%s%s", target, strchr(target, '?') ? "&" : "?",
	    param);
}

static void
is_option(struct db *db, const char *keyword, const char *want)
{
	char got[64] = "";

	ok(db_pg_option(db, keyword, got, sizeof got) == 0 &&
	    strcmp(got, want) == 0, "%s in effect is %s (%s)", keyword, want, got);
}

static void
test_options(struct db *db, const char *target)
{
	struct db *own;
	struct err e;
	char uri[600];
	int created;

	if (strcmp(db_engine_name(db), "postgresql") != 0)
		return;
	is_option(db, "connect_timeout", "5");
	is_option(db, "keepalives", "1");
	is_option(db, "keepalives_idle", "10");
	is_option(db, "keepalives_interval", "5");
	is_option(db, "keepalives_count", "3");
	is_option(db, "tcp_user_timeout", "10000");
	with_param(uri, sizeof uri, target, "connect_timeout=17&keepalives_idle=60");
	if (db_open(&own, uri, &created, &e) != 0) {
		ok(0, "a URI with its own timeouts: %s", e.detail);
		return;
	}
	is_option(own, "connect_timeout", "17");
	is_option(own, "keepalives_idle", "60");
	is_option(own, "tcp_user_timeout", "10000");
	db_close(own);
}

static void
count_pause(int seconds, void *arg)
{
	int *n = arg;

	(void)seconds;
	(*n)++;
}

/* How many pauses opening target took, and whether it opened. */
static int
pauses_opening(const char *target, int *opened)
{
	struct db *db = NULL;
	struct err e;
	int created, n = 0;

	db_retry_hook(count_pause, &n);
	*opened = db_open(&db, target, &created, &e) == 0;
	db_retry_hook(NULL, NULL);
	db_close(db);
	return n;
}

static void
test_link_lost(struct db *db, const char *target)
{
	/* Nothing listens on port 1: refused at once, as a stopped server. */
	static const char gone[] = "postgresql://127.0.0.1:1/x";
	int opened;

	if (strcmp(db_engine_name(db), "postgresql") != 0)
		return;
	db_retry_window(1);
	ok(pauses_opening(gone, &opened) > 1 && !opened,
	    "a server not there is tried again, each pause told to the hook");
	ok(pauses_opening(gone, &opened) == 0 && !opened,
	    "once the window ran out, the link is lost: tried once, no pause");
	ok(pauses_opening(target, &opened) == 0 && opened,
	    "a server reached again");
	ok(pauses_opening(gone, &opened) > 1 && !opened,
	    "after which a loss is given the whole window again");
	db_retry_window(0);
}

int
main(void)
{
	const char *dir = tap_tmpdir();
	char path[512];
	struct db *db;
	struct err e;
	int created;

	snprintf(path, sizeof path, "%s", tap_registry(dir, "db.sqlite"));
	if (db_open(&db, path, &created, &e) != 0) {
		printf("Bail out! open: %s\n", e.detail);
		return 1;
	}
	ok(created, "a new database says so");
	ok(db_exec(db, create_sql, &e) == 0, "a script runs");
	test_types(db);
	test_failures(db);
	test_tx(db);
	test_snapshot(db, path);
	test_cache(db);
	test_rows(db);
	test_lost(db, path);
	test_options(db, path);
	test_link_lost(db, path);
	db_close(db);
	remove(path);
	remove(dir);
	return tap_done();
}
