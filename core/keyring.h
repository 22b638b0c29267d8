/*
 * keyring.h: the registry's signing keys' public halves, current and retired,
 * by which a code, holder certificate, signature or checkpoint is checked.
 *
 * Rotation makes a new key but never forgets an old one's public half: what
 * it signed stays checkable. A code names its key by the 1-byte key_id, a
 * holder certificate or authorization by its 8-byte kid (sign.h). A key is
 * written as one line "ID HEX CREATED" (what "jsdctl key" prints); a key file
 * given to an offline check may hold several such lines.
 */
#ifndef JSD_KEYRING_H
#define JSD_KEYRING_H

#include <stdint.h>

#include "err.h"
#include "sign.h"

#define KEYRING_MAX		255	/* key ids 1..255 */
#define KEYRING_LINE_SIZE	96	/* "ID HEX CREATED" and a NUL */

struct keyring_key {
	uint8_t		id;
	uint8_t		pk[32];
	int64_t		created;
};

struct keyring {
	int			n;
	struct keyring_key	v[KEYRING_MAX];
};

/* Adds a key, or replaces the one with its id; -1 when full. */
int	keyring_add(struct keyring *, const struct keyring_key *);
/* Parses "ID HEX CREATED" (trailing newline allowed); -1 if malformed. */
int	keyring_parse(const char *line, struct keyring_key *);
void	keyring_format(const struct keyring_key *, char out[KEYRING_LINE_SIZE]);
/* Reads a file of key lines (blank lines allowed): ERR_SYSTEM
 * "ctl.key_unreadable" or ERR_INPUT "ctl.key_malformed", field "key". */
int	keyring_read(const char *path, struct keyring *, struct err *);
const struct keyring_key *keyring_by_id(const struct keyring *, unsigned id);
const struct keyring_key *keyring_by_kid(const struct keyring *,
	    const uint8_t kid[SIGN_KID_BYTES]);

#endif
