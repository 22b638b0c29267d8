/*
 * pcode.h: the presented QR's payload, signed by the registry (Ed25519) so that a
 * counter can check it offline with the registry's public key.
 *
 * Binary, big-endian, 89 bytes:
 *   version(1) key_id(1) cert_id(4) holder_id(4) role(1) issued(4) lifetime(2)
 *   nonce(8) signature(64)
 * The signature covers the first 25 bytes. The text is "JSD:P:" and the base45 of
 * the 89 bytes: 140 characters, inside QR version 6-M's 154 alphanumeric ones.
 * The key_id names the signing key, so keys can be rotated while codes signed by
 * the old one are still checked. Whether a good code was revoked since is the
 * registry's to say (cert-verify.c), not this file's.
 */
#ifndef JSD_PCODE_H
#define JSD_PCODE_H

#include <stddef.h>
#include <stdint.h>

#define PCODE_VERSION		1
#define PCODE_LIFETIME		300	/* 5 minutes */
#define PCODE_SKEW		120	/* phone clocks ahead by up to 2 min are tolerated */
#define PCODE_SIGNED_BYTES	25
#define PCODE_BYTES		(PCODE_SIGNED_BYTES + 64)
#define PCODE_TEXT_LEN		(6 + PCODE_BYTES / 2 * 3 + PCODE_BYTES % 2 * 2)
/*
 * When the station's own clock is judged wrong (PCODE_CLOCK_SUSPECT) rather than
 * the code: a code issued more than an hour in the station's future; a station
 * time before PCODE_CLOCK_FLOOR (2024-01-01, before this system existed) or
 * before the signing key was created (less PCODE_SKEW); a code that expired
 * more than PCODE_CLOCK_AHEAD (366 days) ago, which is far likelier a station
 * clock run ahead than a year-old screenshot (refused either way).
 */
#define PCODE_CLOCK_BEHIND	3600
#define PCODE_CLOCK_AHEAD	(366 * 86400)
#define PCODE_CLOCK_FLOOR	1704067200

struct pcode {
	uint8_t		key_id;
	uint32_t	cert_id;
	uint32_t	holder_id;
	uint8_t		role;
	uint32_t	issued;		/* Unix time, UTC */
	uint16_t	lifetime;	/* seconds */
	uint8_t		nonce[8];	/* names the issue in the registry */
};

enum pcode_outcome {
	PCODE_OK,
	PCODE_MALFORMED,
	PCODE_FORGED,		/* the signature fails */
	PCODE_EXPIRED,
	PCODE_NOT_YET_VALID,
	PCODE_CLOCK_SUSPECT,	/* this station's clock looks wrong */
	PCODE_UNKNOWN_KEY,
};

/* Signs with sk (libsodium's 64-byte secret key) and writes the text and a NUL
 * into out (outlen at least PCODE_TEXT_LEN + 1); -1 otherwise. */
int	pcode_encode(const struct pcode *, const uint8_t sk[64], char *out,
	    size_t outlen);

/* Fills pk and the key's creation time (0 if not known) for key_id; 0 if the key
 * is known, anything else if not. */
typedef int (*pcode_key_cb)(uint8_t key_id, uint8_t pk[32], int64_t *key_created,
    void *arg);

/*
 * Checks the text's shape, then its signature (the key looked up by key_id
 * through cb), then its times against now (see PCODE_CLOCK_* for the clock
 * rules): valid from issued - PCODE_SKEW, expired from issued + lifetime.
 * out is filled whenever the signature is good, even when the code is not valid
 * now, so the caller can log which certificate it named; otherwise it is zeroed.
 */
enum pcode_outcome pcode_decode(const char *text, size_t len, int64_t now,
	    pcode_key_cb cb, void *arg, struct pcode *out);
/* "valid", "malformed", "forged", "expired", "not_yet_valid", "clock_suspect",
 * "unknown_key". */
const char	*pcode_outcome_name(enum pcode_outcome);

#endif
