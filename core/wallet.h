/*
 * wallet.h: a holder's downloaded certificate, the stand-in for the phone.
 *
 * A small text file (mode 0600) holding the holder's and certificate's ids in
 * the clear and the secret the registry issued, encrypted under a key derived
 * from the certificate password (Argon2id, XChaCha20-Poly1305 with the ids as
 * associated data, so they cannot be swapped into another wallet). A wrong
 * password is told apart from a damaged file.
 *
 * Saving is durable and atomic: the file is written and fsync'd with no name
 * (O_TMPFILE) and then linked into place, and its folder fsync'd, so that a
 * crash leaves the old wallet or the new one and no half-written file. The key
 * is derived apart from the saving (wallet_key_make), because Argon2id is slow
 * and a claim saves its wallet while it holds the registry's write lock.
 */
#ifndef JSD_WALLET_H
#define JSD_WALLET_H

#include <stdint.h>

#include "cert.h"
#include "err.h"

#define WALLET_PASSWORD_MIN	6	/* characters */
#define WALLET_PASSWORD_MAX	128	/* bytes */

#define WALLET_SALT_BYTES	16	/* crypto_pwhash_SALTBYTES */
#define WALLET_KEY_BYTES	32	/* XChaCha20-Poly1305's key */

/* A key derived from the certificate password and a fresh salt. */
struct wallet_key {
	uint8_t	 salt[WALLET_SALT_BYTES];
	uint8_t	 key[WALLET_KEY_BYTES];
};

struct wallet {
	int64_t	 holder_id;
	int64_t	 cert_id;
	uint8_t	 secret[CERT_SECRET_BYTES];
};

/* Checks a new password's length. */
int	wallet_password_check(const char *, struct err *);
/* Checks a new password and derives its key under a fresh salt (slow). */
int	wallet_key_make(const char *password, struct wallet_key *, struct err *);
void	wallet_key_wipe(struct wallet_key *);
/* Writes the wallet durably (replacing an existing file only with overwrite
 * set): when it returns 0 the file survives a crash. */
int	wallet_save(const char *path, const struct wallet *, const struct wallet_key *,
	    int overwrite, struct err *);
/* ERR_RULE "wallet.bad_password" when the password does not open it. */
int	wallet_open(const char *path, const char *password, struct wallet *,
	    struct err *);
/* The ids, without the password: to ask the registry whether it is locked. */
int	wallet_peek(const char *path, struct wallet *, struct err *);
void	wallet_wipe(struct wallet *);

#endif
