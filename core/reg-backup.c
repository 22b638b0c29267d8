/*
 * reg-backup.c: see reg-backup.h. The copying itself is the engine's
 * (db_copy_to, db_copy_from); this file owns the file's mode and the record.
 */
#include "config.h"

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
