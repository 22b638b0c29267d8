/*
 * reg.c: opening the registry, statements and transactions.
 *
 * The registry is one SQLite file shared by every kiosk and counter on a host. WAL
 * lets readers go on while one writer commits; synchronous=FULL makes a commit
 * durable before it returns, so a power cut loses nothing that was reported done.
 * Writers queue on the busy handler for up to REG_BUSY_MS; "database is locked"
 * reaches a user only if one transaction is held that long, which none of ours are.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "reg-private.h"
#include "regfile.h"
#include "regkey.h"

#define REG_BUSY_MS	15000

static int
reg_pragma(struct reg *r, const char *sql, struct err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(r->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(e, ERR_SYSTEM, NULL, "reg.db_error", "%s: %s", sql,
		    msg ? msg : sqlite3_errmsg(r->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
reg_station_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= REG_STATION_SIZE)
		return 0;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_.-") == n;
}

/* Made here rather than by SQLite for its mode (regfile.h): -wal and -shm
 * copy it. Another process creating it first is no error. */
static int
reg_create_file(struct reg *r, const char *path, struct err *e)
{
	struct stat sb;
	int fd;

	if (stat(path, &sb) == 0 || errno != ENOENT)
		return 0;
	if ((fd = regfile_create(path, 0, e)) < 0 && e->kind != ERR_CONFLICT) {
		reg_close(r);
		return -1;
	}
	if (fd >= 0)
		close(fd);
	err_clear(e);
	return 0;
}

int
reg_open(struct reg **out, const char *path, const char *station, struct err *e)
{
	struct reg *r;
	struct stat sb;
	int rc;

	*out = NULL;
	if (!reg_station_valid(station))
		return err_set(e, ERR_INPUT, "station", "reg.station_invalid", NULL);
	if ((r = calloc(1, sizeof *r)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
	strcpy(r->station, station);
	r->created = stat(path, &sb) != 0 || sb.st_size == 0;
	if (reg_create_file(r, path, e) != 0)
		return -1;

	rc = sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_SYSTEM, NULL, "reg.open_failed", "%s: %s", path,
		    r->db ? sqlite3_errmsg(r->db) : sqlite3_errstr(rc));
		reg_close(r);
		return -1;
	}
	sqlite3_extended_result_codes(r->db, 1);
	sqlite3_busy_timeout(r->db, REG_BUSY_MS);
	/* journal_mode must come first: it needs no other pragma and others persist. */
	if (reg_pragma(r, "PRAGMA journal_mode=WAL", e) != 0 ||
	    reg_pragma(r, "PRAGMA synchronous=FULL", e) != 0 ||
	    reg_pragma(r, "PRAGMA foreign_keys=ON", e) != 0 ||
	    reg_migrate(r, e) != 0) {
		reg_close(r);
		return -1;
	}
	*out = r;
	return 0;
}

void
reg_close(struct reg *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nstmts; i++)
		sqlite3_finalize(r->stmts[i].st);
	if (r->key != NULL) {
		regkey_wipe(r->key);
		sodium_free(r->key);
	}
	sqlite3_close(r->db);
	free(r);
}

const char *
reg_station(const struct reg *r)
{
	return r->station;
}

int
reg_was_created(const struct reg *r)
{
	return r->created;
}

int
reg_db_err(struct reg *r, struct err *e, const char *what)
{
	int code = sqlite3_extended_errcode(r->db);

	if ((code & 0xff) == SQLITE_CONSTRAINT)
		return err_set(e, ERR_CONFLICT, NULL, "reg.conflict", "%s: %s", what,
		    sqlite3_errmsg(r->db));
	return err_set(e, ERR_SYSTEM, NULL, "reg.db_error", "%s: %s", what,
	    sqlite3_errmsg(r->db));
}

sqlite3_stmt *
reg_stmt(struct reg *r, const char *sql, struct err *e)
{
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < r->nstmts; i++) {
		if (r->stmts[i].sql == sql)
			return r->stmts[i].st;
	}
	if (sqlite3_prepare_v3(r->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK) {
		reg_db_err(r, e, "prepare");
		return NULL;
	}
	if (r->nstmts == REG_STMT_CACHE) {
		/* Full cache: the oldest goes; statements are cheap to remake. */
		sqlite3_finalize(r->stmts[0].st);
		memmove(&r->stmts[0], &r->stmts[1], (REG_STMT_CACHE - 1) *
		    sizeof r->stmts[0]);
		r->nstmts--;
	}
	r->stmts[r->nstmts].sql = sql;
	r->stmts[r->nstmts].st = st;
	r->nstmts++;
	return st;
}

void
reg_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int
reg_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

void
reg_col_text(sqlite3_stmt *st, int i, char *buf, size_t len)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	size_t n;

	if (s == NULL) {
		buf[0] = '\0';
		return;
	}
	n = strlen((const char *)s);
	if (n >= len) {
		n = len - 1;
		while (n > 0 && (s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
}

int
reg_begin(struct reg *r, struct err *e)
{
	int rc, tries;

	/* The busy handler covers BEGIN IMMEDIATE; a few retries cover the rare
	 * SQLITE_BUSY it gives back when a WAL recovery or checkpoint is running. */
	for (tries = 0; tries < 5; tries++) {
		rc = sqlite3_exec(r->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK) {
			r->in_tx = 1;
			return 0;
		}
		if ((rc & 0xff) != SQLITE_BUSY)
			break;
		usleep(10000);
	}
	return reg_db_err(r, e, "begin");
}

int
reg_commit(struct reg *r, struct err *e)
{
	int rc;

	rc = sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		reg_db_err(r, e, "commit");
		reg_rollback(r);
		return -1;
	}
	r->in_tx = 0;
	return 0;
}

void
reg_rollback(struct reg *r)
{
	if (r->in_tx && sqlite3_get_autocommit(r->db) == 0)
		sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
	r->in_tx = 0;
}

int
reg_schema_version(struct reg *r)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(r->db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}
