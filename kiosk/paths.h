/*
 * paths.h: where a program finds its configuration, registry and station ID.
 * Shared by jsdctl and jsd-kiosk so that, with no options, both use the same
 * registry (the demo one the README's quick start creates).
 */
#ifndef JSD_PATHS_H
#define JSD_PATHS_H

#include <limits.h>

#include "cfg.h"
#include "err.h"
#include "reg.h"

struct paths {
	const char	*db_arg;	/* --db */
	const char	*station_arg;	/* --station */
	const char	*config_arg;	/* --config */
	int		 lang_set;	/* --lang or $JSD_LANG chose it */
	char		 db[PATH_MAX];
	char		 config[PATH_MAX];
	char		 station[REG_STATION_SIZE];
	struct cfg	 cfg;
	struct err	 err;
};

void	paths_init(struct paths *);
/* Loads the configuration and resolves db and station; fills p->err on failure. */
int	paths_resolve(struct paths *);
/* Creates the registry's parent directories (mode 0700) if missing. */
int	paths_make_db_dir(const char *db, struct err *);
/* Takes others' access away from the registry's files (regfile.h), saying so
 * on stderr after prog's name; refuses what it cannot fix unless lenient. */
int	paths_guard_db(const char *db, int lenient, const char *prog, struct err *);
/* The checkpoint file (evcheck.h): checkpoint_file in the configuration, else
 * the registry's path with ".checkpoints". */
int	paths_checkpoints(const char *db, const struct cfg *, char *buf, size_t len);
/* Makes r sign a checkpoint at each day's first write (db.key signs). */
int	paths_setup_checkpoints(struct reg *, const char *db, const struct cfg *,
	    struct err *);

#endif
