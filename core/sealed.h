/*
 * sealed.h: a file encrypted whole under a key of its own (libsodium's
 * secretstream, XChaCha20-Poly1305), for backups that leave the registry's
 * host: a copy holds the same personal data as the registry.
 *
 * The key file is one line, 64 hex digits (32 bytes), mode 0600, made by
 * sealed_key_create and kept apart from the copies. A sealed file is the magic
 * "JSDSEAL1", the stream's header, then chunks of up to SEALED_CHUNK bytes,
 * each with its 17-byte tag, the last marked final: a file cut short, altered
 * or sealed under another key does not open.
 */
#ifndef JSD_SEALED_H
#define JSD_SEALED_H

#include "err.h"

#define SEALED_KEY_SIZE	32
#define SEALED_CHUNK	65536

/* A new random key in a new file (mode 0600); an existing path is refused. */
int	sealed_key_create(const char *path, struct err *);
/* Reads a key file; refused if group or others may read it (ERR_RULE
 * sealed.key_mode) or it is not one line of 64 hex digits (sealed.key_bad). */
int	sealed_key_load(const char *path, unsigned char key[SEALED_KEY_SIZE],
	    struct err *);
/* Seals the file in into out, which must not exist (made 0600). */
int	sealed_seal(const char *in, const char *out,
	    const unsigned char key[SEALED_KEY_SIZE], struct err *);
/* Opens the sealed file in into out, which must not exist (made 0600);
 * ERR_RULE sealed.bad for a file this key did not seal whole. out is removed
 * on failure. */
int	sealed_open(const char *in, const char *out,
	    const unsigned char key[SEALED_KEY_SIZE], struct err *);

#endif
