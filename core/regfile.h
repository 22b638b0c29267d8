/*
 * regfile.h: who may read the registry's files (the SQLite file, its -wal and
 * -shm, the signing key, backups and exports).
 *
 * They hold every FRP's and legal representative's full ID number and mobile
 * and the staff password hashes: nobody but their owner (and, where kiosks
 * and counters run as several accounts, a group of station users) may read
 * them. New files are created 0600 whatever the umask; SQLite gives -wal and
 * -shm the main file's mode and owner, so they follow it. A group of station
 * users is granted by an administrator (chgrp GROUP; chmod 0660 on the files,
 * since in WAL mode every reader writes -shm): group read and write together
 * are kept, any other group or others' access is taken away. The signing key
 * is its owner's alone (0600).
 */
#ifndef JSD_REGFILE_H
#define JSD_REGFILE_H

#include <stddef.h>

#include "err.h"

#define REGFILE_PATH_MAX	4096

/* What regfile_guard() found and did. */
struct regfile_note {
	int		 tightened;	/* files others could read, now not */
	int		 loose;		/* such files left as they were (lenient) */
	char		 path[REGFILE_PATH_MAX];	/* the last of either */
	unsigned	 mode;		/* its mode as found */
};

/* Creates path for writing, mode 0600 whatever the umask: refused when it
 * exists, unless replace (then truncated, and made 0600 too). Returns the
 * descriptor. */
int	regfile_create(const char *path, int replace, struct err *);
/*
 * Checks the registry db, its -wal and -shm, and keyfile (NULL: db.key): a file
 * that others can read is tightened when this process owns it, and noted. One
 * it cannot tighten is refused (ERR_SYSTEM "regfile.readable", saying how to
 * fix it) unless lenient, for the commands that must run on a broken set-up;
 * then it is noted as loose.
 */
int	regfile_guard(const char *db, const char *keyfile, int lenient,
	    struct regfile_note *, struct err *);

#endif
