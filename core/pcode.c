/*
 * pcode.c: packing, signing and checking presented QR payloads; see pcode.h.
 *
 * The order of the checks decides what a counter is told: shape, then key, then
 * signature, and only then the times, so a forged or altered code is never
 * reported as merely expired, and the clock rules are applied only to times the
 * registry vouched for.
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include "base45.h"
#include "pcode.h"

static const char *const pcode_names[] = {
	"valid", "malformed", "forged", "expired", "not_yet_valid", "clock_suspect",
	"unknown_key",
};

const char *
pcode_outcome_name(enum pcode_outcome o)
{
	if ((unsigned)o >= sizeof pcode_names / sizeof pcode_names[0])
		return pcode_names[PCODE_MALFORMED];
	return pcode_names[o];
}

static void
pcode_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t
pcode_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
	    p[3];
}

static void
pcode_pack(const struct pcode *pc, uint8_t b[PCODE_SIGNED_BYTES])
{
	b[0] = PCODE_VERSION;
	b[1] = pc->key_id;
	pcode_put32(b + 2, pc->cert_id);
	pcode_put32(b + 6, pc->holder_id);
	b[10] = pc->role;
	pcode_put32(b + 11, pc->issued);
	b[15] = (uint8_t)(pc->lifetime >> 8);
	b[16] = (uint8_t)pc->lifetime;
	memcpy(b + 17, pc->nonce, sizeof pc->nonce);
}

static void
pcode_unpack(const uint8_t b[PCODE_SIGNED_BYTES], struct pcode *pc)
{
	pc->key_id = b[1];
	pc->cert_id = pcode_get32(b + 2);
	pc->holder_id = pcode_get32(b + 6);
	pc->role = b[10];
	pc->issued = pcode_get32(b + 11);
	pc->lifetime = (uint16_t)(b[15] << 8 | b[16]);
	memcpy(pc->nonce, b + 17, sizeof pc->nonce);
}

int
pcode_encode(const struct pcode *pc, const uint8_t sk[64], char *out,
    size_t outlen)
{
	uint8_t b[PCODE_BYTES];

	if (outlen < PCODE_TEXT_LEN + 1 || sodium_init() < 0)
		return -1;
	pcode_pack(pc, b);
	if (crypto_sign_detached(b + PCODE_SIGNED_BYTES, NULL, b,
	    PCODE_SIGNED_BYTES, sk) != 0)
		return -1;
	memcpy(out, "JSD:P:", 6);
	return base45_encode(b, sizeof b, out + 6, outlen - 6);
}

/* The clock rules of pcode.h, on a code whose signature is good. */
static enum pcode_outcome
pcode_judge_time(const struct pcode *pc, int64_t now, int64_t key_created)
{
	int64_t issued = pc->issued, ends = issued + pc->lifetime;

	if (now < PCODE_CLOCK_FLOOR ||
	    (key_created > 0 && now < key_created - PCODE_SKEW))
		return PCODE_CLOCK_SUSPECT;
	if (now < issued - PCODE_SKEW)
		return issued - now > PCODE_CLOCK_BEHIND ? PCODE_CLOCK_SUSPECT :
		    PCODE_NOT_YET_VALID;
	if (now >= ends)
		return now - ends > PCODE_CLOCK_AHEAD ? PCODE_CLOCK_SUSPECT :
		    PCODE_EXPIRED;
	return PCODE_OK;
}

enum pcode_outcome
pcode_decode(const char *text, size_t len, int64_t now, pcode_key_cb cb,
    void *arg, struct pcode *out)
{
	uint8_t b[PCODE_BYTES], pk[32];
	int64_t created = 0;
	size_t n;

	memset(out, 0, sizeof *out);
	if (text == NULL || len != PCODE_TEXT_LEN || memcmp(text, "JSD:P:", 6) != 0 ||
	    base45_decode(text + 6, len - 6, b, sizeof b, &n) != 0 ||
	    n != PCODE_BYTES || b[0] != PCODE_VERSION)
		return PCODE_MALFORMED;
	if (cb(b[1], pk, &created, arg) != 0)
		return PCODE_UNKNOWN_KEY;
	/* An unverifiable code is refused like a forged one: it is not trusted. */
	if (sodium_init() < 0 || crypto_sign_verify_detached(b + PCODE_SIGNED_BYTES,
	    b, PCODE_SIGNED_BYTES, pk) != 0)
		return PCODE_FORGED;
	pcode_unpack(b, out);
	return pcode_judge_time(out, now, created);
}
