/*
 * sign.h: scan-to-sign's documents (6.5): the holder certificate, the
 * authorization statement and the detached signature file, made and checked
 * offline with Ed25519. assets/api/signature.md is the format's reference;
 * tests/vectors/sign.txt its test vectors.
 *
 * A small PKI, not a shared secret: the registry signs a holder's public key
 * with the certificate, the person, the role and a validity (the holder
 * certificate); for a user it also signs the authorization (matters and
 * period) the signature relies on. A signature file carries both, so that
 * anyone with the registry's public key alone can check who signed which
 * document for which institution when. Whether a role or the certificate was
 * revoked since is the registry's to say (cert-sign.c), not this file's.
 *
 * Every document is UTF-8 text, a field a line ("name value"), its last line
 * the signature over all bytes before it. kid names the registry key: the
 * first 8 bytes of SHA-256 of its 32-byte public key.
 */
#ifndef JSD_SIGN_H
#define JSD_SIGN_H

#include <stddef.h>
#include <stdint.h>

#define SIGN_VERSION		1
#define SIGN_KID_BYTES		8
#define SIGN_DIGEST_BYTES	32	/* SHA-256 of the document */
#define SIGN_NAME_SIZE		128
#define SIGN_SYSTEM_SIZE	96
#define SIGN_MATTERS_SIZE	256
#define SIGN_ROLE_SIZE		8
#define SIGN_CODE_SIZE		19
#define SIGN_INST_SIZE		404	/* >= REG_INST_NAME_SIZE */
#define SIGN_HCERT_MAX		1280	/* a holder certificate's text */
#define SIGN_AUTHZ_MAX		768
#define SIGN_FILE_MAX		4096	/* a signature file; longer is malformed */
#define SIGN_MATTER		"sign"	/* the matter a user needs to sign */

struct keyring;

struct sign_hcert {
	uint8_t		 kid[SIGN_KID_BYTES];
	char		 credit_code[SIGN_CODE_SIZE];
	char		 institution[SIGN_INST_SIZE];	/* its name then */
	int64_t		 cert_id;
	int64_t		 holder_id;
	char		 role[SIGN_ROLE_SIZE];	/* frp, manager, user */
	char		 name[SIGN_NAME_SIZE];
	uint8_t		 pk[32];		/* the holder's */
	int64_t		 from, to;		/* Unix seconds, UTC */
};

struct sign_authz {
	uint8_t		 kid[SIGN_KID_BYTES];
	int64_t		 holder_id;
	int64_t		 authz_id;
	char		 matters[SIGN_MATTERS_SIZE];	/* comma-separated */
	int64_t		 from, to;
};

struct sign_doc {
	uint8_t		 digest[SIGN_DIGEST_BYTES];
	int64_t		 size;
	char		 system[SIGN_SYSTEM_SIZE];
	int64_t		 request;		/* the sign request's number */
	int64_t		 signed_at;
};

/* A signature file, parsed. */
struct sign_file {
	struct sign_doc		 doc;
	struct sign_hcert	 hc;
	int			 has_authz;
	struct sign_authz	 az;
};

enum sign_outcome {
	SIGN_VALID,
	SIGN_MALFORMED,
	SIGN_UNKNOWN_KEY,	/* kid names none of the registry keys */
	SIGN_FORGED,		/* a registry signature fails */
	SIGN_BAD_SIGNATURE,	/* the holder's signature fails */
	SIGN_WRONG_DOCUMENT,	/* a good signature, of another document */
	SIGN_OUTSIDE_VALIDITY,	/* signed outside the holder certificate's validity */
	SIGN_NO_AUTHZ,		/* a user, without an authorization for "sign" */
	SIGN_OUTSIDE_AUTHZ,	/* a user, signed outside its authorization period */
};

void	sign_kid(const uint8_t pk[32], uint8_t kid[SIGN_KID_BYTES]);
/* Texts signed with the registry's secret key (libsodium's 64 bytes); their
 * kid is set from it. -1 when out is too small or a field cannot be written
 * (a control character, a value too long). */
int	sign_hcert_make(struct sign_hcert *, const uint8_t reg_sk[64], char *out,
	    size_t outlen);
int	sign_authz_make(struct sign_authz *, const uint8_t reg_sk[64], char *out,
	    size_t outlen);
/* The signature file of doc: the holder certificate, the authorization text
 * (NULL for the FRP and managers), signed with the holder's secret key. */
int	sign_file_make(const struct sign_doc *, const char *hcert, const char *authz,
	    const uint8_t holder_sk[64], char *out, size_t outlen);
/* Checks a signature file offline against the registry's public keys (each
 * part by the key its kid names, current or retired) and the document's
 * digest; fills f as far as it parsed. */
enum sign_outcome sign_file_check(const char *text, size_t len,
	    const struct keyring *, const uint8_t digest[SIGN_DIGEST_BYTES],
	    struct sign_file *f);
/* Whether a holder certificate's text is well formed and signed by the ring's
 * key its kid names. */
int	sign_hcert_check(const char *text, const struct keyring *,
	    struct sign_hcert *);
/* "valid", "malformed", ... as in tests/vectors/sign.txt. */
const char *sign_outcome_name(enum sign_outcome);

#endif
