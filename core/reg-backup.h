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
/* Replaces the registry's content with the copy at path, then signs the
 * restore record (filled in *cp) and logs "reg.restored" by actor. */
int	reg_backup_restore(struct reg *, const char *path, const char *actor,
	    struct evcheck *cp, struct err *);

#endif
