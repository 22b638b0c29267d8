/*
 * reg-backup.c: see reg-backup.h.
 *
 * VACUUM INTO makes the copy from one read transaction, so writers go on and
 * the copy is consistent; it writes into the empty file made 0600 here first.
 * The restore uses SQLite's online backup from the copy into this connection,
 * which takes the write lock and replaces every page at once: other stations
 * see the old registry or the restored one, never a mix.
 */
#include "config.h"

#include <unistd.h>

#include "evlog.h"
#include "reg-backup.h"
#include "reg-private.h"
#include "regfile.h"

static const char backup_sql[] = "VACUUM INTO ?1";

int
reg_backup_save(struct reg *r, const char *path, struct err *e)
{
	sqlite3_stmt *st;
	int fd, rc;

	if ((fd = regfile_create(path, 0, e)) < 0)
		return -1;
	close(fd);
	/* Not cached: VACUUM is prepared afresh each time. */
	if (sqlite3_prepare_v2(r->db, backup_sql, -1, &st, NULL) != SQLITE_OK) {
		unlink(path);
		return reg_db_err(r, e, "backup");
	}
	reg_bind_text(st, 1, path);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		unlink(path);
		return reg_db_err(r, e, "backup");
	}
	return 0;
}

static int
restore_pages(struct reg *r, const char *path, struct err *e)
{
	sqlite3_backup *b;
	sqlite3 *src = NULL;
	int rc;

	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		err_set(e, ERR_SYSTEM, "backup", "reg.restore_failed", "%s: %s", path,
		    src ? sqlite3_errmsg(src) : "");
		sqlite3_close(src);
		return -1;
	}
	if ((b = sqlite3_backup_init(r->db, "main", src, "main")) == NULL) {
		sqlite3_close(src);
		return reg_db_err(r, e, "restore");
	}
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		err_set(e, ERR_SYSTEM, "backup", "reg.restore_failed", "%s: %s", path,
		    sqlite3_errstr(rc));
		sqlite3_close(src);
		return -1;
	}
	sqlite3_close(src);
	return 0;
}

int
reg_backup_restore(struct reg *r, const char *path, const char *actor,
    struct evcheck *cp, struct err *e)
{
	size_t i;

	/* Statements prepared against the old schema must not outlive it. */
	for (i = 0; i < r->nstmts; i++)
		sqlite3_finalize(r->stmts[i].st);
	r->nstmts = 0;
	if (restore_pages(r, path, e) != 0 || reg_migrate(r, e) != 0)
		return -1;
	/* The record first: it covers the copy's events, not the one below. */
	if (evcheck_make(r, EVCHECK_RESTORE, cp, e) != 0)
		return -1;
	return evlog_append_tx(r, actor, "reg.restored", "", "", e);
}
