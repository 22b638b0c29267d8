/*
 * pwhash.c: see pwhash.h.
 *
 * Argon2id at libsodium's "interactive" limits (64 MiB, 2 passes): about a tenth
 * of a second on a counter PC, which a person at a login screen does not notice,
 * and costly enough that a stolen registry file is slow to attack offline.
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include "pwhash.h"
#include "text.h"

int
pwhash_make(const char *password, size_t min_chars, size_t max_bytes,
    char out[PWHASH_SIZE], struct err *e)
{
	size_t n = strlen(password);

	if (n > max_bytes || text_chars(password) < min_chars)
		return err_set(e, ERR_INPUT, "password", "password.length", NULL);
	if (sodium_init() < 0)
		return err_set(e, ERR_SYSTEM, NULL, "crypto.init", NULL);
	if (crypto_pwhash_str_alg(out, password, n,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		return err_set(e, ERR_SYSTEM, NULL, "crypto.nomem", NULL);
	return 0;
}

int
pwhash_check(const char *hash, const char *password)
{
	if (sodium_init() < 0)
		return 0;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}
