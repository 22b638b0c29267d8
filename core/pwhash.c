/*
 * pwhash.c: see pwhash.h.
 *
 * Argon2id at libsodium's "interactive" limits (64 MiB, 2 passes): about a tenth
 * of a second on a counter PC, which a person at a login screen does not notice,
 * and costly enough that a stolen registry file is slow to attack offline.
 */
#include "config.h"

#include <stdio.h>
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

/* Argon2id's own string form: its version, the cost, the salt and the hash in
 * base64 without padding; a memory cost beyond 1 GiB is no setting of ours. */
#define PWHASH_HASH_BYTES	32
#define PWHASH_MAX_KIB		1048576u

/* The salt of setting's tail ("SALT$") into salt: 0, or -1. */
static int
pwhash_salt(const char *tail, unsigned char salt[crypto_pwhash_SALTBYTES])
{
	size_t n = strlen(tail), len = 0;

	if (n < 2 || tail[n - 1] != '$' || sodium_base642bin(salt,
	    crypto_pwhash_SALTBYTES, tail, n - 1, NULL, &len, NULL,
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0)
		return -1;
	return len == crypto_pwhash_SALTBYTES ? 0 : -1;
}

int
pwhash_again(const char *setting, const char *password, char out[PWHASH_SIZE])
{
	unsigned char salt[crypto_pwhash_SALTBYTES], h[PWHASH_HASH_BYTES];
	unsigned int v, m, t, p;
	size_t n = strlen(setting);
	int at = 0, rc = -1;

	if (sodium_init() < 0 || sscanf(setting, "$argon2id$v=%u$m=%u,t=%u,p=%u$%n",
	    &v, &m, &t, &p, &at) != 4 || at == 0 || v != 19 || p != 1 ||
	    t < 1 || m > PWHASH_MAX_KIB ||
	    n + sodium_base64_ENCODED_LEN(sizeof h,
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING) > PWHASH_SIZE ||
	    pwhash_salt(setting + at, salt) != 0)
		return -1;
	if (crypto_pwhash(h, sizeof h, password, strlen(password), salt, t,
	    (size_t)m * 1024, crypto_pwhash_ALG_ARGON2ID13) == 0) {
		memcpy(out, setting, n);
		sodium_bin2base64(out + n, PWHASH_SIZE - n, h, sizeof h,
		    sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
		rc = 0;
	}
	sodium_memzero(h, sizeof h);
	return rc;
}
