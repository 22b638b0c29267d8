/*
 * reg-backup.h: a copy of the whole registry, and putting one back.
 *
 * The copy holds the same personal data as the registry: it is made mode 0600
 * (regfile.h) and never over an existing file. Putting one back takes the
 * registry and its event log back to the copy's state; that is recorded as a
 * signed "restore" checkpoint (evcheck.h), so that "log verify" tells it from a
 * cut, and then as an event.
 */
#ifndef JSD_REG_BACKUP_H
#define JSD_REG_BACKUP_H

#include "err.h"
#include "evcheck.h"
#include "reg.h"

/* Writes a consistent copy to path, which must not exist. */
int	reg_backup_save(struct reg *, const char *path, struct err *);
/* Checks the copy at path whole, as its own registry: SQLite's integrity
 * check (ERR_RULE reg.backup_damaged), then the event log's chain
 * (reg.backup_broken); its events in *count. A missing file is ERR_NOTFOUND
 * reg.backup_missing, never made. */
int	reg_backup_check(const char *path, const char *station, int64_t *count,
	    struct err *);
/* Whether the copy at path may be put back: it checks (reg_backup_check),
 * and has no fewer events than the registry unless force (ERR_RULE
 * reg.restore_older: the later events would be lost). Writes nothing, so it
 * runs before whoever restores logs in (an event itself). */
int	reg_backup_ready(struct reg *, const char *path, int force, struct err *);
/* Replaces the registry's content with the copy at path, then signs the
 * restore record (filled in *cp) and logs "reg.restored" by actor. */
int	reg_backup_restore(struct reg *, const char *path, const char *actor,
	    struct evcheck *cp, struct err *);

#endif
