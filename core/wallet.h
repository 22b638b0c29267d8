/*
 * wallet.h: a holder's downloaded certificate, the stand-in for the phone.
 *
 * A small text file (mode 0600) holding the holder's and certificate's ids in
 * the clear and the secret the registry issued, encrypted under a key derived
 * from the certificate password (Argon2id, XChaCha20-Poly1305 with the ids as
 * associated data, so they cannot be swapped into another wallet). A wrong
 * password is told apart from a damaged file.
 */
#ifndef JSD_WALLET_H
#define JSD_WALLET_H

#include <stdint.h>

#include "cert.h"
#include "err.h"

#define WALLET_PASSWORD_MIN	6	/* characters */
#define WALLET_PASSWORD_MAX	128	/* bytes */

struct wallet {
	int64_t	 holder_id;
	int64_t	 cert_id;
	uint8_t	 secret[CERT_SECRET_BYTES];
};

/* Checks a new password's length. */
int	wallet_password_check(const char *, struct err *);
/* Writes the wallet (replacing an existing file only with overwrite set). */
int	wallet_save(const char *path, const struct wallet *, const char *password,
	    int overwrite, struct err *);
/* ERR_RULE "wallet.bad_password" when the password does not open it. */
int	wallet_open(const char *path, const char *password, struct wallet *,
	    struct err *);
/* The ids, without the password: to ask the registry whether it is locked. */
int	wallet_peek(const char *path, struct wallet *, struct err *);
void	wallet_wipe(struct wallet *);

#endif
