/*
 * regkey.h: the registry's Ed25519 signing key, the one that signs presented QRs
 * (pcode.h), in a file of its own.
 *
 * The secret half lives only in this file, readable by its owner alone; the
 * public half is published in the registry so every station can check codes.
 * File format, text, exactly these five lines:
 *   jsd-regkey 1
 *   key_id N            (0..255, the key_id in the codes it signs)
 *   created UNIXTIME    (UTC seconds)
 *   public HEX          (32 bytes)
 *   secret HEX          (64 bytes, libsodium's form: seed then public key)
 */
#ifndef JSD_REGKEY_H
#define JSD_REGKEY_H

#include <stdint.h>

#include "err.h"

#define REGKEY_FILE_MAX	512
/* A key file's path and its temporary sibling's. */
#define REGKEY_PATH_MAX	4200

struct regkey {
	uint8_t		key_id;
	int64_t		created;
	uint8_t		pk[32];
	uint8_t		sk[64];
};

/*
 * Makes a new keypair and writes it to a new file of mode 0600. An existing
 * path (a symbolic link included) is refused with ERR_CONFLICT "regkey.exists";
 * a partly written file is removed.
 */
int	regkey_create(const char *path, uint8_t key_id, struct err *);
/*
 * Rotation, in two steps around publishing the new public half. Staging makes
 * a new keypair of key_id into k and writes it whole to a new temporary file
 * beside path (its name into tmp, REGKEY_PATH_MAX), mode 0600, synced.
 * Installing renames tmp over path in one step, the old secret going with the
 * old file; when the rename fails tmp is kept (ERR_SYSTEM
 * "regkey.not_installed", the detail naming tmp): it holds the only copy of
 * the new secret.
 */
int	regkey_stage(const char *path, uint8_t key_id, struct regkey *k, char *tmp,
	    size_t len, struct err *);
int	regkey_install(const char *tmp, const char *path, struct err *);
/*
 * Reads a key file. Refused: a missing file (ERR_NOTFOUND "regkey.not_found"),
 * one that group or others may read or write (ERR_RULE "regkey.mode"), and any
 * content not exactly of the format above or whose halves do not belong
 * together (ERR_INPUT "regkey.malformed").
 */
int	regkey_load(const char *path, struct regkey *, struct err *);
/* The public key as 64 lower-case hex digits and a NUL. */
void	regkey_public_hex(const struct regkey *, char out[65]);
void	regkey_wipe(struct regkey *);

#endif
