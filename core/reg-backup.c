/*
 * reg-backup.c: see reg-backup.h. The copying itself is the engine's
 * (db_copy_to, db_copy_from); this file owns the file's mode and the record.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "evlog.h"
#include "reg-backup.h"
#include "reg-private.h"
#include "regfile.h"

int
reg_backup_save(struct reg *r, const char *path, struct err *e)
{
	int fd;

	/* Made empty and 0600 here; the engine fills it and keeps the mode. */
	if ((fd = regfile_create(path, 0, e)) < 0)
		return -1;
	close(fd);
	if (db_copy_to(r->db, path, e) != 0) {
		unlink(path);
		return -1;
	}
	return 0;
}

/* SQLite's own check of every page and index: "ok" or the first fault. */
static int
reg_backup_integrity(struct reg *r, struct err *e)
{
	struct db_stmt *st;
	const char *said;
	char *p;
	int rc;

	if ((st = db_prepare(r->db, "PRAGMA integrity_check(1)", e)) == NULL)
		return -1;
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return rc == DB_ERROR ? db_err(r->db, e, "integrity_check") :
		    err_set(e, ERR_RULE, NULL, "reg.backup_damaged", NULL);
	}
	said = db_col_text(st, 0);
	rc = said != NULL && strcmp(said, "ok") == 0 ? 0 : err_set(e, ERR_RULE,
	    NULL, "reg.backup_damaged", "%.200s", said != NULL ? said : "");
	db_reset(st);
	/* SQLite's report spans lines: one line for the terminal. */
	for (p = e->detail; rc != 0 && *p != '\0'; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	return rc;
}

int
reg_backup_check(const char *path, const char *station, int64_t *count,
    struct err *e)
{
	struct reg *copy;
	int64_t broken;
	int rc;

	/* Opening would make an empty registry of a missing file. */
	if (access(path, F_OK) != 0)
		return err_set(e, errno == ENOENT ? ERR_NOTFOUND : ERR_SYSTEM, NULL,
		    "reg.backup_missing", "%s: %s", path, strerror(errno));
	if (reg_open(&copy, path, station, e) != 0)
		return -1;
	rc = reg_backup_integrity(copy, e) == 0 &&
	    evlog_verify(copy, &broken, count, e) == 0 ? 0 : -1;
	if (rc == 0 && broken != 0)
		rc = err_set(e, ERR_RULE, NULL, "reg.backup_broken",
		    "%lld", (long long)broken);
	reg_close(copy);
	return rc;
}

int
reg_backup_ready(struct reg *r, const char *path, int force, struct err *e)
{
	int64_t copy, now, broken;

	if (reg_backup_check(path, r->station, &copy, e) != 0 ||
	    evlog_verify(r, &broken, &now, e) != 0)
		return -1;
	if (copy < now && !force)
		return err_set(e, ERR_RULE, NULL, "reg.restore_older",
		    "%lld < %lld", (long long)copy, (long long)now);
	return 0;
}

int
reg_backup_restore(struct reg *r, const char *path, const char *actor,
    struct evcheck *cp, struct err *e)
{
	if (db_copy_from(r->db, path, e) != 0 || reg_migrate(r, e) != 0)
		return -1;
	/* The record first: it covers the copy's events, not the one below. */
	if (evcheck_make(r, EVCHECK_RESTORE, cp, e) != 0)
		return -1;
	return evlog_append_tx(r, actor, "reg.restored", "", "", e);
}
