/*
 * cfg.h: the configuration file, "key = value" lines with # comments.
 *
 * Known keys are listed in assets/jsd.conf.sample. A key not in the caller's list
 * is refused with its line number: a typo in a kiosk's configuration should stop
 * it at start-up, not leave a setting silently at its default.
 */
#ifndef JSD_CFG_H
#define JSD_CFG_H

#include "err.h"

#define CFG_MAX_ENTRIES	64
#define CFG_KEY_SIZE	64
#define CFG_VALUE_SIZE	512

struct cfg_entry {
	char	key[CFG_KEY_SIZE];
	char	value[CFG_VALUE_SIZE];
};

struct cfg {
	struct cfg_entry entries[CFG_MAX_ENTRIES];
	int		 n;
	int		 bad_line;	/* line of the last error, 0 if none */
};

/* The keys every program accepts; NULL-terminated. */
extern const char *const cfg_known_keys[];

void		 cfg_init(struct cfg *);
/* Loads path; a missing file is not an error when optional is set. */
int		 cfg_load(struct cfg *, const char *path, int optional, struct err *);
const char	*cfg_get(const struct cfg *, const char *key);
/* A numeric key's value in its range (cfg.c's table), else def (when it is
 * not set); a value out of range or not a number is an error. */
int		 cfg_int(const struct cfg *, const char *key, long def, long *out,
		    struct err *);
/* Whether key is one of the numeric keys. */
int		 cfg_is_int(const char *key);

#endif
