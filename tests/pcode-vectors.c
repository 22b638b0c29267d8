/*
 * pcode-vectors.c: writes tests/vectors/pcode.txt, the published test vectors of
 * the presented QR format (core/pcode.h), to standard output.
 *
 * Run by hand after a deliberate change of the format:
 *   tests/pcode-vectors > $(srcdir)/tests/vectors/pcode.txt
 * tests/pcode-vectors.sh checks that the file is still exactly what this writes.
 * Everything is deterministic (keys from fixed seeds, fixed nonces, and Ed25519
 * signatures are deterministic), so the vectors are reproducible. The payload is
 * packed here by hand from the layout in pcode.h rather than by pcode_encode(),
 * so the vectors check the code against the documented layout, not itself.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "base45.h"
#include "pcode.h"

#define KEY_CREATED	1767225600LL	/* 2026-01-01T00:00:00Z */
#define ISSUED		1767312000LL	/* 2026-01-02T00:00:00Z */

struct key {
	uint8_t	seed[32];
	uint8_t	pk[32];
	uint8_t	sk[64];
};

struct fields {
	uint8_t		version, key_id, role;
	uint32_t	cert_id, holder_id, issued;
	uint16_t	lifetime;
	uint8_t		nonce[8];
};

/* The seed is "jsd-kiosk pcode test key N" padded with zeros to 32 bytes. */
static void
key_make(struct key *k, int n)
{
	memset(k->seed, 0, sizeof k->seed);
	snprintf((char *)k->seed, sizeof k->seed, "jsd-kiosk pcode test key %d", n);
	crypto_sign_seed_keypair(k->pk, k->sk, k->seed);
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void
pack_sign(const struct fields *f, const struct key *k, uint8_t b[PCODE_BYTES])
{
	b[0] = f->version;
	b[1] = f->key_id;
	put32(b + 2, f->cert_id);
	put32(b + 6, f->holder_id);
	b[10] = f->role;
	put32(b + 11, f->issued);
	b[15] = (uint8_t)(f->lifetime >> 8);
	b[16] = (uint8_t)f->lifetime;
	memcpy(b + 17, f->nonce, 8);
	crypto_sign_detached(b + 25, NULL, b, 25, k->sk);
}

/* A code being made: its fields, their packed and signed bytes, its text. */
struct code {
	struct fields	f;
	uint8_t		b[PCODE_BYTES];
	char		text[256];
};

/* The text of the first n bytes of c->b. */
static void
code_text(struct code *c, size_t n)
{
	memcpy(c->text, "JSD:P:", 6);
	base45_encode(c->b, n, c->text + 6, sizeof c->text - 6);
}

static void
code_sign(struct code *c, const struct key *k)
{
	pack_sign(&c->f, k, c->b);
	code_text(c, sizeof c->b);
}

static void
line(const char *name, const struct key *verifier, long long now,
    const char *text, const char *outcome, const struct fields *f)
{
	char hex[65];

	sodium_bin2hex(hex, sizeof hex, verifier->pk, sizeof verifier->pk);
	printf("%s | %s | %lld | %s | %s | ", name, hex, now, text, outcome);
	if (f != NULL)
		printf("%u %u %u\n", f->cert_id, f->holder_id, f->role);
	else
		printf("-\n");
}

static void
fields_default(struct fields *f, int n)
{
	int i;

	f->version = PCODE_VERSION;
	f->key_id = 1;
	f->cert_id = 1001;
	f->holder_id = 2001;
	f->role = 1;
	f->issued = (uint32_t)ISSUED;
	f->lifetime = PCODE_LIFETIME;
	for (i = 0; i < 8; i++)
		f->nonce[i] = (uint8_t)(n * 16 + i);
}

static void
header(const struct key *k)
{
	char seed[65];

	sodium_bin2hex(seed, sizeof seed, k->seed, sizeof k->seed);
	printf(
"# Test vectors of the presented QR (core/pcode.h), written by\n"
"# tests/pcode-vectors.c; checked by tests/unit-pcode.c.\n"
"#\n"
"# One vector a line, fields separated by \" | \" (space, bar, space):\n"
"#   name | public key hex | now | text | expected outcome | cert_id holder_id role\n"
"# The text is taken verbatim between its separators (it may end in a space).\n"
"# The verifier knows exactly one key: key_id 1, the public key on the line,\n"
"# created at %lld (2026-01-01T00:00:00Z). now is the verifier's clock, Unix\n"
"# seconds. The last field is what the code names when its signature is good,\n"
"# \"-\" otherwise. Outcomes: valid, malformed, forged, expired, not_yet_valid,\n"
"# clock_suspect, unknown_key (pcode_outcome_name()).\n"
"#\n"
"# Payload (89 bytes, big-endian): version(1)=1 key_id(1) cert_id(4)\n"
"# holder_id(4) role(1) issued(4) lifetime(2) nonce(8) signature(64), the\n"
"# Ed25519 signature over the first 25 bytes; text \"JSD:P:\" + base45 (RFC 9285).\n"
"# Key 1's secret seed (a test key, never used elsewhere):\n"
"#   %s\n"
"# Codes are issued at %lld (2026-01-02T00:00:00Z) with lifetime %d unless the\n"
"# name says otherwise.\n",
	    KEY_CREATED, seed, ISSUED, PCODE_LIFETIME);
}

static void
timed(const struct key *k)
{
	static const struct { const char *name; long long now; const char *outcome; }
	    t[] = {
		{ "valid_at_issue", ISSUED, "valid" },
		{ "valid_last_second", ISSUED + 299, "valid" },
		{ "expired_at_lifetime", ISSUED + 300, "expired" },
		{ "expired_one_day", ISSUED + 86400, "expired" },
		{ "valid_phone_ahead_120s", ISSUED - 120, "valid" },
		{ "not_yet_valid_121s", ISSUED - 121, "not_yet_valid" },
		{ "not_yet_valid_3600s", ISSUED - 3600, "not_yet_valid" },
		{ "clock_suspect_3601s_behind", ISSUED - 3601, "clock_suspect" },
		{ "clock_suspect_before_2024", 1700000000LL, "clock_suspect" },
		{ "expired_366_days", ISSUED + 300 + 366 * 86400LL, "expired" },
		{ "clock_suspect_ahead", ISSUED + 301 + 366 * 86400LL,
		    "clock_suspect" },
	};
	struct code c;
	size_t i;

	fields_default(&c.f, 1);
	code_sign(&c, k);
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		line(t[i].name, k, t[i].now, c.text, t[i].outcome, &c.f);

	fields_default(&c.f, 2);
	c.f.issued = (uint32_t)(KEY_CREATED + 60);
	code_sign(&c, k);
	line("clock_suspect_before_key", k, KEY_CREATED - 121, c.text,
	    "clock_suspect", &c.f);
	line("not_yet_valid_before_key_skew", k, KEY_CREATED - 120, c.text,
	    "not_yet_valid", &c.f);

	fields_default(&c.f, 3);
	c.f.cert_id = 4294967295U;
	c.f.holder_id = 4294967294U;
	c.f.role = 3;
	code_sign(&c, k);
	line("valid_user_largest_ids", k, ISSUED + 10, c.text, "valid", &c.f);
}

static void
tampered(const struct key *k, const struct key *other)
{
	struct code c;
	size_t n;

	fields_default(&c.f, 4);
	code_sign(&c, other);
	line("forged_other_key", k, ISSUED, c.text, "forged", NULL);
	c.f.key_id = 2;
	code_sign(&c, other);
	line("unknown_key_id_2", k, ISSUED, c.text, "unknown_key", NULL);

	fields_default(&c.f, 5);
	pack_sign(&c.f, k, c.b);
	c.b[5] ^= 0x01;		/* cert_id 1001 -> 1000 */
	code_text(&c, sizeof c.b);
	line("altered_cert_id", k, ISSUED, c.text, "forged", NULL);
	c.b[5] ^= 0x01;
	c.b[14] ^= 0x80;	/* issued moved by 128 s */
	code_text(&c, sizeof c.b);
	line("altered_issued", k, ISSUED, c.text, "forged", NULL);
	c.b[14] ^= 0x80;
	c.b[88] ^= 0x01;
	code_text(&c, sizeof c.b);
	line("altered_signature", k, ISSUED, c.text, "forged", NULL);
	c.b[88] ^= 0x01;

	code_text(&c, sizeof c.b);
	n = strlen(c.text);
	c.text[n - 1] = '\0';
	line("truncated_by_1", k, ISSUED, c.text, "malformed", NULL);
	c.text[n - 3] = '\0';
	line("truncated_by_3", k, ISSUED, c.text, "malformed", NULL);
	code_text(&c, sizeof c.b - 1);
	line("truncated_signature_byte", k, ISSUED, c.text, "malformed", NULL);
	code_text(&c, sizeof c.b);
	strcat(c.text, "00");
	line("extra_byte", k, ISSUED, c.text, "malformed", NULL);
	code_text(&c, sizeof c.b);
	memcpy(c.text + 6, "GGW", 3);
	line("base45_out_of_range", k, ISSUED, c.text, "malformed", NULL);
	code_text(&c, sizeof c.b);
	for (n = 0; n < 6; n++)
		c.text[n] = (char)tolower((unsigned char)c.text[n]);
	line("lower_case_prefix", k, ISSUED, c.text, "malformed", NULL);

	c.f.version = 2;
	code_sign(&c, k);
	line("version_2", k, ISSUED, c.text, "malformed", NULL);
	line("wrong_kind_claim_token", k, ISSUED,
	    "JSD:C:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "malformed", NULL);
	line("wrong_kind_digits", k, ISSUED, "5724000009", "malformed", NULL);
}

int
main(void)
{
	struct key k, other;

	if (sodium_init() < 0)
		return 1;
	key_make(&k, 1);
	key_make(&other, 2);
	header(&k);
	timed(&k);
	tampered(&k, &other);
	return fflush(stdout) == 0 ? 0 : 1;
}
