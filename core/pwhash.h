/*
 * pwhash.h: password hashes (Argon2id through libsodium), shared by staff accounts
 * and, later, holder certificate passwords.
 */
#ifndef JSD_PWHASH_H
#define JSD_PWHASH_H

#include <stddef.h>

#include "err.h"

#define PWHASH_SIZE	128	/* crypto_pwhash_STRBYTES */

/* Checks length limits (characters, bytes) and makes the hash string. */
int	pwhash_make(const char *password, size_t min_chars, size_t max_bytes,
	    char out[PWHASH_SIZE], struct err *);
/* 1 when password matches hash, 0 when not. */
int	pwhash_check(const char *hash, const char *password);
/* The hash string that password makes under setting, a hash string cut after
 * its salt ("$argon2id$v=19$m=65536,t=2,p=1$SALT$"): for a hash to be compared
 * by whoever holds it, the station sending this and never reading the hash
 * (reg_staff_login). 0, or -1 when setting is not one pwhash_make() makes. */
int	pwhash_again(const char *setting, const char *password,
	    char out[PWHASH_SIZE]);

#endif
