/*
 * unit-pcode.c: the presented QR payload (core/pcode.c): round trips, tampering,
 * truncation, keys, the exact time edges, the QR size, and the published vectors
 * in tests/vectors/pcode.txt (written by tests/pcode-vectors.c).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>
#include <sodium.h>

#include "base45.h"
#include "code.h"
#include "pcode.h"
#include "tap.h"

#define KEY_CREATED	1767225600LL	/* as documented in the vectors file */
#define T0		1767312000LL

struct keys {
	uint8_t		pk[32];
	int64_t		created;
	int		any_id;		/* every key_id names pk, not only 1 */
};

static int
lookup(uint8_t key_id, uint8_t pk[32], int64_t *created, void *arg)
{
	const struct keys *k = arg;

	if (key_id != 1 && !k->any_id)
		return -1;
	memcpy(pk, k->pk, 32);
	*created = k->created;
	return 0;
}

static enum pcode_outcome
check(const char *text, int64_t now, struct keys *k, struct pcode *out)
{
	return pcode_decode(text, strlen(text), now, lookup, k, out);
}

static void
sample(struct pcode *p)
{
	*p = (struct pcode){
		.key_id = 1, .cert_id = 123456, .holder_id = 654321, .role = 2,
		.issued = (uint32_t)T0, .lifetime = PCODE_LIFETIME,
		.nonce = { 1, 2, 3, 4, 5, 6, 7, 8 },
	};
}

static int
same(const struct pcode *a, const struct pcode *b)
{
	return a->key_id == b->key_id && a->cert_id == b->cert_id &&
	    a->holder_id == b->holder_id && a->role == b->role &&
	    a->issued == b->issued && a->lifetime == b->lifetime &&
	    memcmp(a->nonce, b->nonce, 8) == 0;
}

static void
test_round_trip(struct keys *k, const uint8_t sk[64])
{
	struct pcode p, q, zero;
	char text[PCODE_TEXT_LEN + 1];
	int bad = 0, i;

	sample(&p);
	ok(pcode_encode(&p, sk, text, sizeof text) == 0, "encode");
	is_int(strlen(text), 140, "the text is 140 characters");
	is_int(code_classify(text, strlen(text)), CODE_PRESENT_QR,
	    "it classifies as a presented QR");
	is_str(pcode_outcome_name(check(text, T0, k, &q)), "valid", "it decodes valid");
	ok(same(&p, &q), "with the fields it was made of");
	ok(pcode_encode(&p, sk, text, PCODE_TEXT_LEN) != 0,
	    "encode refuses a buffer without room for the NUL");
	for (i = 0; i < 200; i++) {
		randombytes_buf(&p, sizeof p);
		p.issued = (uint32_t)T0;
		p.lifetime = PCODE_LIFETIME;
		p.key_id = 1;
		if (pcode_encode(&p, sk, text, sizeof text) != 0 ||
		    check(text, T0, k, &q) != PCODE_OK || !same(&p, &q))
			bad++;
	}
	is_int(bad, 0, "200 codes of random fields round trip");
	memset(&zero, 0, sizeof zero);
	sample(&p);
	pcode_encode(&p, sk, text, sizeof text);
	text[10] = text[10] == 'A' ? 'B' : 'A';
	memset(&q, 0xff, sizeof q);
	check(text, T0, k, &q);
	ok(memcmp(&q, &zero, sizeof q) == 0, "a refused code leaves out zeroed");
}

static void
test_tamper(struct keys *k, const uint8_t sk[64])
{
	uint8_t b[PCODE_BYTES];
	struct pcode p, q;
	char text[PCODE_TEXT_LEN + 1], flipped[PCODE_TEXT_LEN + 1];
	size_t n, bit;
	int good = 0, other = 0;
	enum pcode_outcome o;

	sample(&p);
	pcode_encode(&p, sk, text, sizeof text);
	ok(base45_decode(text + 6, strlen(text) - 6, b, sizeof b, &n) == 0 &&
	    n == PCODE_BYTES, "the payload is %d bytes", PCODE_BYTES);
	k->any_id = 1;
	for (bit = 0; bit < 8 * PCODE_BYTES; bit++) {
		b[bit / 8] ^= (uint8_t)(1 << bit % 8);
		memcpy(flipped, "JSD:P:", 6);
		base45_encode(b, sizeof b, flipped + 6, sizeof flipped - 6);
		o = check(flipped, T0, k, &q);
		good += o == PCODE_OK;
		other += o != PCODE_FORGED && o != PCODE_MALFORMED;
		b[bit / 8] ^= (uint8_t)(1 << bit % 8);
	}
	k->any_id = 0;
	is_int(good, 0, "no single-bit flip of the %d bits is valid",
	    8 * PCODE_BYTES);
	is_int(other, 0, "every flip is forged or malformed");
	for (n = 0; n < strlen(text); n++) {
		if (pcode_decode(text, n, T0, lookup, k, &q) != PCODE_MALFORMED)
			break;
	}
	is_int(n, strlen(text), "every truncation (0..139 characters) is malformed");
	n = strlen(text);
	memcpy(flipped, text, n + 1);
	flipped[n - 1] = flipped[n - 1] == '0' ? '1' : '0';
	o = check(flipped, T0, k, &q);
	ok(o == PCODE_FORGED || o == PCODE_MALFORMED,
	    "a changed last character is refused (%s)", pcode_outcome_name(o));
}

static void
test_keys(struct keys *k, const uint8_t sk[64])
{
	uint8_t pk2[32], sk2[64];
	struct pcode p, q;
	char text[PCODE_TEXT_LEN + 1];

	crypto_sign_keypair(pk2, sk2);
	sample(&p);
	pcode_encode(&p, sk2, text, sizeof text);
	is_str(pcode_outcome_name(check(text, T0, k, &q)), "forged",
	    "signed by another key: forged");
	ok(q.cert_id == 0, "and it names no certificate");
	p.key_id = 9;
	pcode_encode(&p, sk, text, sizeof text);
	is_str(pcode_outcome_name(check(text, T0, k, &q)), "unknown_key",
	    "an unknown key_id: unknown_key");
	is_str(pcode_outcome_name(check("JSD:C:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", T0,
	    k, &q)), "malformed", "a claim token: malformed");
	ok(pcode_decode(NULL, 0, T0, lookup, k, &q) == PCODE_MALFORMED,
	    "NULL: malformed");
}

static void
test_times(struct keys *k, const uint8_t sk[64])
{
	static const struct { int64_t now; enum pcode_outcome want; const char *what; }
	    t[] = {
		{ T0, PCODE_OK, "at issue" },
		{ T0 + 299, PCODE_OK, "issued+299" },
		{ T0 + 300, PCODE_EXPIRED, "issued+300" },
		{ T0 - 120, PCODE_OK, "issued-120" },
		{ T0 - 121, PCODE_NOT_YET_VALID, "issued-121" },
		{ T0 - 3600, PCODE_NOT_YET_VALID, "issued-3600" },
		{ T0 - 3601, PCODE_CLOCK_SUSPECT, "issued-3601" },
		{ T0 + 300 + PCODE_CLOCK_AHEAD, PCODE_EXPIRED, "expired 366 days" },
		{ T0 + 301 + PCODE_CLOCK_AHEAD, PCODE_CLOCK_SUSPECT,
		    "expired 366 days and 1 s" },
		{ PCODE_CLOCK_FLOOR - 1, PCODE_CLOCK_SUSPECT, "before 2024" },
		{ 0, PCODE_CLOCK_SUSPECT, "at 1970" },
		{ -5, PCODE_CLOCK_SUSPECT, "before 1970" },
		{ INT64_MAX, PCODE_CLOCK_SUSPECT, "at the end of time" },
	};
	struct pcode p, q;
	char text[PCODE_TEXT_LEN + 1];
	size_t i;

	sample(&p);
	pcode_encode(&p, sk, text, sizeof text);
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		is_str(pcode_outcome_name(check(text, t[i].now, k, &q)),
		    pcode_outcome_name(t[i].want), "%s", t[i].what);
	check(text, T0 + 300, k, &q);
	ok(same(&p, &q), "an expired code still names its certificate");

	p.issued = (uint32_t)(k->created + 60);
	pcode_encode(&p, sk, text, sizeof text);
	is_str(pcode_outcome_name(check(text, k->created - 121, k, &q)),
	    "clock_suspect", "station clock before the key was made");
	is_str(pcode_outcome_name(check(text, k->created - 120, k, &q)),
	    "not_yet_valid", "within the skew of the key's creation");
	k->created = 0;
	is_str(pcode_outcome_name(check(text, KEY_CREATED - 121, k, &q)),
	    "not_yet_valid", "no key time known: only the code's times count");
	k->created = KEY_CREATED;

	p.issued = 0xffffffffU;
	p.lifetime = 0xffff;
	pcode_encode(&p, sk, text, sizeof text);
	is_str(pcode_outcome_name(check(text, 0xffffffffLL + 10, k, &q)), "valid",
	    "the largest issue time does not overflow");
}

static void
test_qr_size(const uint8_t sk[64])
{
	struct pcode p;
	QRcode *qr;
	char text[PCODE_TEXT_LEN + 1];
	const char *an = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

	sample(&p);
	p.cert_id = p.holder_id = p.issued = 0xffffffffU;
	memset(p.nonce, 0xff, sizeof p.nonce);
	pcode_encode(&p, sk, text, sizeof text);
	is_int(strspn(text, an), strlen(text),
	    "every character is in the QR alphanumeric set");
	qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	ok(qr != NULL, "libqrencode encodes it (%s)", qr ? "ok" : strerror(errno));
	if (qr != NULL) {
		ok(qr->version <= 6, "it fits QR version 6-M (got version %d)",
		    qr->version);
		QRcode_free(qr);
	}
}

/* Splits a vector line on '|'; each field loses one space on each inner side. */
static int
split(char *line, char *f[6])
{
	char *p = line, *bar;
	int i;

	for (i = 0; i < 6; i++) {
		f[i] = p;
		if (i > 0) {
			if (*p != ' ')
				return -1;
			f[i] = ++p;
		}
		if (i == 5)
			break;
		if ((bar = strchr(p, '|')) == NULL || bar == f[i] || bar[-1] != ' ')
			return -1;
		bar[-1] = '\0';
		p = bar + 1;
	}
	f[5][strcspn(f[5], "\n")] = '\0';
	return 0;
}

static void
test_vectors(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096], line[1024], *f[6], fields[64], text[PCODE_TEXT_LEN + 1];
	uint8_t seed[32], pk[32], sk[64];
	struct keys k;
	struct pcode q;
	enum pcode_outcome o;
	FILE *fp;
	int n = 0, nsigned = 0, reencoded = 0;

	snprintf(path, sizeof path, "%s/tests/vectors/pcode.txt", top ? top : ".");
	if ((fp = fopen(path, "r")) == NULL) {
		ok(0, "open %s", path);
		return;
	}
	memset(seed, 0, sizeof seed);
	snprintf((char *)seed, sizeof seed, "jsd-kiosk pcode test key 1");
	crypto_sign_seed_keypair(pk, sk, seed);
	memset(&k, 0, sizeof k);
	k.created = KEY_CREATED;
	while (fgets(line, sizeof line, fp) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (split(line, f) != 0 || strlen(f[1]) != 64 ||
		    sodium_hex2bin(k.pk, 32, f[1], 64, NULL, NULL, NULL) != 0) {
			ok(0, "vector line %d parses", n + 1);
			continue;
		}
		n++;
		o = check(f[3], strtoll(f[2], NULL, 10), &k, &q);
		if (o == PCODE_MALFORMED || o == PCODE_FORGED || o == PCODE_UNKNOWN_KEY)
			snprintf(fields, sizeof fields, "-");
		else
			snprintf(fields, sizeof fields, "%u %u %u", q.cert_id,
			    q.holder_id, q.role);
		ok(strcmp(pcode_outcome_name(o), f[4]) == 0 &&
		    strcmp(fields, f[5]) == 0, "vector %s: %s %s (got %s %s)", f[0],
		    f[4], f[5], pcode_outcome_name(o), fields);
		if (strcmp(fields, "-") == 0)
			continue;
		nsigned++;
		if (memcmp(k.pk, pk, 32) == 0 &&
		    pcode_encode(&q, sk, text, sizeof text) == 0 &&
		    strcmp(text, f[3]) == 0)
			reencoded++;
		else
			tap_diag("vector %s does not re-encode to its text", f[0]);
	}
	fclose(fp);
	ok(n >= 25, "%d vectors read", n);
	ok(nsigned > 0 && reencoded == nsigned,
	    "pcode_encode reproduces all %d signed vectors (%d did)", nsigned,
	    reencoded);
	sodium_memzero(sk, sizeof sk);
}

static void
test_names(void)
{
	static const char *names[] = {
		"valid", "malformed", "forged", "expired", "not_yet_valid",
		"clock_suspect", "unknown_key",
	};
	int i;

	for (i = PCODE_OK; i <= PCODE_UNKNOWN_KEY; i++)
		is_str(pcode_outcome_name(i), names[i], "outcome %d is %s", i, names[i]);
}

int
main(void)
{
	uint8_t sk[64];
	struct keys k;

	if (sodium_init() < 0)
		tap_skip_all("libsodium does not start");
	memset(&k, 0, sizeof k);
	k.created = KEY_CREATED;
	crypto_sign_keypair(k.pk, sk);
	test_round_trip(&k, sk);
	test_tamper(&k, sk);
	test_keys(&k, sk);
	test_times(&k, sk);
	test_qr_size(sk);
	test_vectors();
	test_names();
	return tap_done();
}
