/*
 * wallet.h: a holder's downloaded certificates, the stand-in for the phone.
 *
 * A small text file (mode 0600) with one entry a certificate (6.8 1: one
 * person may be the FRP of one institution and a user of another): the
 * holder's and certificate's ids and the credit code in the clear, and the
 * secret the registry issued, encrypted under a key derived from that
 * certificate's password (Argon2id, XChaCha20-Poly1305 with the ids as
 * associated data, so they cannot be swapped into another entry). Each entry
 * has its own password and salt, as the manual has one password a
 * certificate, so opening one never needs another's password and the others
 * are carried through a save still sealed. A wrong password is told apart
 * from a damaged file.
 *
 * Format: a version line, then an entry a line of name=value fields. Version 1
 * (one certificate, a field a line, no credit code) still opens; the next
 * save writes version 2.
 *
 * For scan-to-sign (sign.h) an entry also holds the holder's Ed25519 signing
 * key, made at claim or redeem: its 32-byte seed sealed like the secret
 * (under the same password, a nonce of its own), and the holder certificate
 * the registry signed for its public key, in the clear. An entry from before
 * has none and cannot sign until a new password or a reset makes one.
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
#include "sign.h"

#define WALLET_PASSWORD_MIN	6	/* characters */
#define WALLET_PASSWORD_MAX	128	/* bytes */

#define WALLET_SALT_BYTES	16	/* crypto_pwhash_SALTBYTES */
#define WALLET_KEY_BYTES	32	/* XChaCha20-Poly1305's key */

/* A key derived from the certificate password and a fresh salt. */
struct wallet_key {
	uint8_t	 salt[WALLET_SALT_BYTES];
	uint8_t	 key[WALLET_KEY_BYTES];
};

#define WALLET_MAX_CERTS	16
#define WALLET_BOX_BYTES	(CERT_SECRET_BYTES + 16)	/* + the tag */
#define WALLET_NONCE_BYTES	24
#define WALLET_SEED_BYTES	32	/* the signing key's seed */
#define WALLET_SBOX_BYTES	(WALLET_SEED_BYTES + 16)

/* One certificate opened with its password. */
struct wallet {
	int64_t	 holder_id;
	int64_t	 cert_id;
	uint8_t	 secret[CERT_SECRET_BYTES];
	int	 has_sign;
	uint8_t	 sign_seed[WALLET_SEED_BYTES];
	char	 hcert[SIGN_HCERT_MAX];
};

/* One certificate as the file keeps it: its secret still sealed. */
struct wallet_entry {
	int64_t	 holder_id;
	int64_t	 cert_id;
	char	 credit_code[REG_CODE_SIZE];	/* "" from a version-1 file */
	uint8_t	 salt[WALLET_SALT_BYTES];
	uint8_t	 nonce[WALLET_NONCE_BYTES];
	uint8_t	 box[WALLET_BOX_BYTES];
	int	 has_sign;
	uint8_t	 snonce[WALLET_NONCE_BYTES];
	uint8_t	 sbox[WALLET_SBOX_BYTES];
	char	 hcert[SIGN_HCERT_MAX];
};

/* The whole file. */
struct wallet_file {
	int			 version;	/* as read; saved as 2 */
	int			 n;
	struct wallet_entry	 entry[WALLET_MAX_CERTS];
};

/* Checks a new password's length. */
int	wallet_password_check(const char *, struct err *);
/* Checks a new password and derives its key under a fresh salt (slow). */
int	wallet_key_make(const char *password, struct wallet_key *, struct err *);
void	wallet_key_wipe(struct wallet_key *);
/* Reads the file: ERR_NOTFOUND "wallet.missing" when there is none. */
int	wallet_load(const char *path, struct wallet_file *, struct err *);
/* Writes the file durably (replacing an existing one only with overwrite
 * set): when it returns 0 the file survives a crash. */
int	wallet_store(const char *path, const struct wallet_file *, int overwrite,
	    struct err *);
/* The entry of the certificate with this credit code; with code NULL the only
 * one, and ERR_RULE "wallet.choose_cert" (the codes as detail) when there are
 * several. -1, or the entry's index. */
int	wallet_find(const struct wallet_file *, const char *code, struct err *);
/* The entry of a holder, or -1. */
int	wallet_find_holder(const struct wallet_file *, int64_t holder_id);
/* Seals w under the key into an entry for the certificate with this code. */
void	wallet_seal(struct wallet_entry *, const struct wallet *, const char *code,
	    const struct wallet_key *);
/* Puts the entry in place of the one at index i (i == n: a new one);
 * ERR_RULE "wallet.full" past WALLET_MAX_CERTS. */
int	wallet_put(struct wallet_file *, int i, const struct wallet_entry *,
	    struct err *);
/* ERR_RULE "wallet.bad_password" when the password does not open it. */
int	wallet_unseal(const struct wallet_entry *, const char *password,
	    struct wallet *, struct err *);
void	wallet_wipe(struct wallet *);

#endif
