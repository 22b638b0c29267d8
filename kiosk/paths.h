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
#include "regfile.h"

struct paths {
	const char	*db_arg;	/* --db */
	const char	*station_arg;	/* --station */
	const char	*config_arg;	/* --config */
	int		 lang_set;	/* --lang or $JSD_LANG chose it */
	int		 lang_bad;	/* the file's lang is none we have */
	char		 db[PATH_MAX];
	/* The signing key's file: $JSD_KEY_FILE, key_file, else db + ".key" for
	 * a registry file; "" for a URI without either (see paths_key_file). */
	char		 key_file[PATH_MAX];
	char		 config[PATH_MAX];
	char		 station[REG_STATION_SIZE];
	int		 station_default;	/* none was set: the host name */
	struct cfg	 cfg;
	struct err	 err;
};

void	paths_init(struct paths *);
/* Loads the configuration and resolves db and station; fills p->err on failure.
 * A lang in the file that names no language is not a failure here (doctor
 * reports it): paths_lang says it. */
int	paths_resolve(struct paths *);
/* The refusal of a lang in the configuration file that names no language. */
int	paths_lang(const struct paths *, struct err *);
/* Creates the registry's parent directories (mode 0700) if missing; nothing
 * for a PostgreSQL URI. */
int	paths_make_db_dir(const char *db, struct err *);
/* The clock check's tolerance in seconds (reg_set_clock_tolerance):
 * $JSD_CLOCK_TOLERANCE, else clock_tolerance, else PATHS_CLOCK_TOLERANCE;
 * 0 is off. */
#define PATHS_CLOCK_TOLERANCE	30
int	paths_clock_tolerance(const struct cfg *, int *seconds, struct err *);
/* How long this process keeps trying a database server it lost (a primary
 * dying, a standby being promoted): $JSD_DB_RETRY, else db_retry, else
 * PATHS_DB_RETRY seconds; 0 gives up at once. Sets it (reg_retry_window()). */
#define PATHS_DB_RETRY		30
int	paths_db_retry(const struct cfg *, struct err *);
/* The signing key's file, or paths.key_file_needed for a URI without one. */
int	paths_key_file(const char *key_file, struct err *);
/* Takes others' access away from the registry's files and the key file
 * (regfile.h; key_file "" for the default beside the registry), saying so on
 * stderr after prog's name and in *n; refuses what it cannot fix unless
 * lenient. */
int	paths_guard_db(const char *db, const char *key_file, int lenient,
	    const char *prog, struct regfile_note *n, struct err *);
/* The checkpoint file (evcheck.h): checkpoint_file in the configuration, else
 * the registry file's path with ".checkpoints"; "" for a database URI without
 * the setting. */
int	paths_checkpoints(const char *db, const struct cfg *, char *buf, size_t len);
/* Makes r sign a checkpoint at each day's first write with key_file; none
 * without a checkpoint file or a key file. */
int	paths_setup_checkpoints(struct reg *, const char *db, const char *key_file,
	    const struct cfg *, struct err *);

#endif
