/* sign.c: see sign.h. Writing and reading are strict mirrors: a field a line
 * in a fixed order, so that a text has one reading and one signed form. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "keyring.h"
#include "sign.h"
#include "text.h"

/* A document's fields, in their order: one table serves writing and reading. */
enum sf_type { SF_VERSION, SF_HEX, SF_INT, SF_STR };

struct sfield {
	const char	*name;
	enum sf_type	 type;
	size_t		 off;
	size_t		 len;
};

#define SF(n, t, s, m)	{ n, t, offsetof(s, m), sizeof(((s *)0)->m) }
#define SF_NFIELDS(a)	(sizeof a / sizeof a[0])

/* The tables are the format's field lists (assets/api/signature.md). */
static const struct sfield hcert_fields[] = {
	{ "jsd-holder-cert", SF_VERSION, 0, 0 },
	SF("kid", SF_HEX, struct sign_hcert, kid),
	SF("credit-code", SF_STR, struct sign_hcert, credit_code),
	SF("institution", SF_STR, struct sign_hcert, institution),
	SF("cert", SF_INT, struct sign_hcert, cert_id),
	SF("holder", SF_INT, struct sign_hcert, holder_id),
	SF("role", SF_STR, struct sign_hcert, role),
	SF("name", SF_STR, struct sign_hcert, name),
	SF("key", SF_HEX, struct sign_hcert, pk),
	SF("valid-from", SF_INT, struct sign_hcert, from),
	SF("valid-to", SF_INT, struct sign_hcert, to),
};

static const struct sfield authz_fields[] = {
	{ "jsd-authz", SF_VERSION, 0, 0 },
	SF("kid", SF_HEX, struct sign_authz, kid),
	SF("holder", SF_INT, struct sign_authz, holder_id),
	SF("authz", SF_INT, struct sign_authz, authz_id),
	SF("matters", SF_STR, struct sign_authz, matters),
	SF("valid-from", SF_INT, struct sign_authz, from),
	SF("valid-to", SF_INT, struct sign_authz, to),
};

static const struct sfield doc_fields[] = {
	{ "jsd-signature", SF_VERSION, 0, 0 },
	SF("document", SF_HEX, struct sign_doc, digest),
	SF("size", SF_INT, struct sign_doc, size),
	SF("system", SF_STR, struct sign_doc, system),
	SF("request", SF_INT, struct sign_doc, request),
	SF("signed-at", SF_INT, struct sign_doc, signed_at),
};

void
sign_kid(const uint8_t pk[32], uint8_t kid[SIGN_KID_BYTES])
{
	uint8_t h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, pk, 32);
	memcpy(kid, h, SIGN_KID_BYTES);
}

/* --- writing --- */

struct sbuf {
	char	*p;
	size_t	 len;
	size_t	 used;
	int	 bad;
};

/* Appends a line "name value"; a value with a control character or a
 * newline is refused, since every line is one field. */
static void __attribute__((format(printf, 3, 4)))
sb_field(struct sbuf *b, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *start;
	int n;
	size_t i;

	if (b->bad || b->used >= b->len) {
		b->bad = 1;
		return;
	}
	start = b->p + b->used;
	n = snprintf(start, b->len - b->used, "%s ", name);
	if (n < 0 || (size_t)n >= b->len - b->used) {
		b->bad = 1;
		return;
	}
	va_start(ap, fmt);
	n += vsnprintf(start + n, b->len - b->used - (size_t)n, fmt, ap);
	va_end(ap);
	if ((size_t)n + 1 >= b->len - b->used) {
		b->bad = 1;
		return;
	}
	for (i = strlen(name) + 1; i < (size_t)n; i++)
		if ((unsigned char)start[i] < 0x20 || start[i] == 0x7f)
			b->bad = 1;
	start[n] = '\n';
	start[n + 1] = '\0';
	b->used += (size_t)n + 1;
}

static void
sb_hex(struct sbuf *b, const char *name, const uint8_t *bin, size_t n)
{
	char hex[2 * 64 + 1];

	sodium_bin2hex(hex, sizeof hex, bin, n);
	sb_field(b, name, "%s", hex);
}

/* Signs all written so far from start with sk and appends the signature. */
static int
sb_sign(struct sbuf *b, size_t start, const char *name, const uint8_t sk[64])
{
	uint8_t sig[crypto_sign_BYTES];

	if (b->bad || sodium_init() < 0)
		return -1;
	crypto_sign_detached(sig, NULL, (const uint8_t *)b->p + start,
	    b->used - start, sk);
	sb_hex(b, name, sig, sizeof sig);
	return b->bad ? -1 : 0;
}

static void
sb_start(struct sbuf *b, char *out, size_t len)
{
	b->p = out;
	b->len = len;
	b->used = 0;
	b->bad = len == 0;
	if (len > 0)
		out[0] = '\0';
}

static void
sb_fields(struct sbuf *b, const struct sfield *f, size_t n, const void *obj)
{
	const char *p = obj;
	size_t i;

	for (i = 0; i < n; i++, f++) {
		if (f->type == SF_VERSION)
			sb_field(b, f->name, "%d", SIGN_VERSION);
		else if (f->type == SF_HEX)
			sb_hex(b, f->name, (const uint8_t *)p + f->off, f->len);
		else if (f->type == SF_INT)
			sb_field(b, f->name, "%" PRId64,
			    *(const int64_t *)(const void *)(p + f->off));
		else
			sb_field(b, f->name, "%s", p + f->off);
	}
}

/* A document the registry signs: its kid set from the key, then its fields
 * and the registry's signature. */
static int
sb_registry(const struct sfield *f, size_t n, void *obj, uint8_t *kid,
    const uint8_t reg_sk[64], char *out, size_t outlen)
{
	struct sbuf b;

	sign_kid(reg_sk + 32, kid);
	sb_start(&b, out, outlen);
	sb_fields(&b, f, n, obj);
	return sb_sign(&b, 0, "registry-sig", reg_sk);
}

int
sign_hcert_make(struct sign_hcert *hc, const uint8_t reg_sk[64], char *out,
    size_t outlen)
{
	return sb_registry(hcert_fields, SF_NFIELDS(hcert_fields), hc, hc->kid,
	    reg_sk, out, outlen);
}

int
sign_authz_make(struct sign_authz *az, const uint8_t reg_sk[64], char *out,
    size_t outlen)
{
	return sb_registry(authz_fields, SF_NFIELDS(authz_fields), az, az->kid,
	    reg_sk, out, outlen);
}

int
sign_file_make(const struct sign_doc *d, const char *hcert, const char *authz,
    const uint8_t holder_sk[64], char *out, size_t outlen)
{
	struct sbuf b;
	size_t n;

	sb_start(&b, out, outlen);
	sb_fields(&b, doc_fields, SF_NFIELDS(doc_fields), d);
	n = strlen(hcert) + (authz != NULL ? strlen(authz) : 0);
	if (b.bad || n >= b.len - b.used)
		return -1;
	memcpy(b.p + b.used, hcert, strlen(hcert));
	b.used += strlen(hcert);
	if (authz != NULL) {
		memcpy(b.p + b.used, authz, strlen(authz));
		b.used += strlen(authz);
	}
	b.p[b.used] = '\0';
	return sb_sign(&b, 0, "holder-sig", holder_sk);
}

/* --- reading --- */

struct rd {
	const char	*p;
	const char	*end;
	int		 bad;
};

/* The next line, which must be "name VALUE": VALUE into v. */
static void
rd_field(struct rd *r, const char *name, char *v, size_t vlen)
{
	const char *nl;
	size_t n = strlen(name), i, vl;

	if (r->bad || (nl = memchr(r->p, '\n', (size_t)(r->end - r->p))) == NULL ||
	    (size_t)(nl - r->p) <= n + 1 || memcmp(r->p, name, n) != 0 ||
	    r->p[n] != ' ') {
		r->bad = 1;
		return;
	}
	vl = (size_t)(nl - r->p) - n - 1;
	if (vl >= vlen) {
		r->bad = 1;
		return;
	}
	for (i = 0; i < vl; i++)
		if ((unsigned char)r->p[n + 1 + i] < 0x20 || r->p[n + 1 + i] == 0x7f)
			r->bad = 1;
	memcpy(v, r->p + n + 1, vl);
	v[vl] = '\0';
	r->p = nl + 1;
}

static void
rd_hex(struct rd *r, const char *name, uint8_t *bin, size_t n)
{
	char v[2 * 64 + 2];

	rd_field(r, name, v, sizeof v);
	if (!r->bad && (strlen(v) != 2 * n || sodium_hex2bin(bin, n, v, 2 * n,
	    NULL, NULL, NULL) != 0))
		r->bad = 1;
}

/* A decimal number without sign or leading zeros (one reading a value). */
static void
rd_int(struct rd *r, const char *name, int64_t *out)
{
	char v[24], *end;
	long long x;

	rd_field(r, name, v, sizeof v);
	if (r->bad)
		return;
	errno = 0;
	x = strtoll(v, &end, 10);
	if (v[0] < '0' || v[0] > '9' || (v[0] == '0' && v[1] != '\0') ||
	    *end != '\0' || errno != 0)
		r->bad = 1;
	*out = x;
}

static void
rd_version(struct rd *r, const char *name)
{
	int64_t v = 0;

	rd_int(r, name, &v);
	if (v != SIGN_VERSION)
		r->bad = 1;
}

static void
rd_fields(struct rd *r, const struct sfield *f, size_t n, void *obj)
{
	char *p = obj;
	size_t i;

	for (i = 0; i < n; i++, f++) {
		if (f->type == SF_VERSION)
			rd_version(r, f->name);
		else if (f->type == SF_HEX)
			rd_hex(r, f->name, (uint8_t *)p + f->off, f->len);
		else if (f->type == SF_INT)
			rd_int(r, f->name, (int64_t *)(void *)(p + f->off));
		else
			rd_field(r, f->name, p + f->off, f->len);
	}
}

/* Checks the signature line closing what began at start, by pk. */
static int
rd_sig(struct rd *r, const char *start, const char *name, const uint8_t pk[32])
{
	uint8_t sig[crypto_sign_BYTES];
	const char *signed_end = r->p;

	rd_hex(r, name, sig, sizeof sig);
	if (r->bad)
		return -1;
	return crypto_sign_verify_detached(sig, (const uint8_t *)start,
	    (size_t)(signed_end - start), pk);
}

static int
role_known(const char *role)
{
	return strcmp(role, "frp") == 0 || strcmp(role, "manager") == 0 ||
	    strcmp(role, "user") == 0;
}

/* A document signed by the registry at r: its fields, then its signature. 0,
 * -1 malformed, 1 its signature fails. */
static int
rd_signed(struct rd *r, const struct sfield *f, size_t n, void *obj,
    const uint8_t reg_pk[32])
{
	const char *start = r->p;

	rd_fields(r, f, n, obj);
	if (r->bad)
		return -1;
	return rd_sig(r, start, "registry-sig", reg_pk) != 0 ? (r->bad ? -1 : 1) : 0;
}

static int
rd_hcert(struct rd *r, const uint8_t reg_pk[32], struct sign_hcert *hc)
{
	int rc = rd_signed(r, hcert_fields, SF_NFIELDS(hcert_fields), hc, reg_pk);

	return rc >= 0 && !role_known(hc->role) ? -1 : rc;
}

/* The ring's key whose kid the document at r names (its fields read ahead on
 * a copy), or NULL: unknown, or the document is malformed (*bad). */
static const struct keyring_key *
rd_key(const struct rd *r, const struct sfield *f, size_t n, void *tmp,
    const uint8_t *kid, const struct keyring *ring, int *bad)
{
	struct rd ahead = *r;

	rd_fields(&ahead, f, n, tmp);
	*bad = ahead.bad;
	return ahead.bad ? NULL : keyring_by_kid(ring, kid);
}

int
sign_hcert_check(const char *text, const struct keyring *ring,
    struct sign_hcert *hc)
{
	struct rd r = { text, text + strlen(text), 0 };
	const struct keyring_key *k;
	int bad;

	memset(hc, 0, sizeof *hc);
	if (sodium_init() < 0 || (k = rd_key(&r, hcert_fields,
	    SF_NFIELDS(hcert_fields), hc, hc->kid, ring, &bad)) == NULL)
		return -1;
	return rd_hcert(&r, k->pk, hc) != 0 || r.p != r.end ? -1 : 0;
}

/* The rules once the signatures hold: the document, the validity, and a
 * user's authorization for signing at that time. */
static enum sign_outcome
sign_rules(const struct sign_file *f, const uint8_t digest[SIGN_DIGEST_BYTES])
{
	int64_t at = f->doc.signed_at;

	if (sodium_memcmp(f->doc.digest, digest, SIGN_DIGEST_BYTES) != 0)
		return SIGN_WRONG_DOCUMENT;
	if (at < f->hc.from || at >= f->hc.to)
		return SIGN_OUTSIDE_VALIDITY;
	if (strcmp(f->hc.role, "user") != 0)
		return SIGN_VALID;
	if (!f->has_authz || f->az.holder_id != f->hc.holder_id ||
	    !text_list_has(f->az.matters, SIGN_MATTER))
		return SIGN_NO_AUTHZ;
	if (at < f->az.from || at >= f->az.to)
		return SIGN_OUTSIDE_AUTHZ;
	return SIGN_VALID;
}

/* The registry's part of a signature file: the holder certificate, and a
 * user's authorization, each by the key its kid names. */
static enum sign_outcome
rd_registry(struct rd *r, const struct keyring *ring, struct sign_file *f)
{
	const struct keyring_key *k;
	int rc, bad;

	if ((k = rd_key(r, hcert_fields, SF_NFIELDS(hcert_fields), &f->hc,
	    f->hc.kid, ring, &bad)) == NULL)
		return bad ? SIGN_MALFORMED : SIGN_UNKNOWN_KEY;
	if ((rc = rd_hcert(r, k->pk, &f->hc)) != 0)
		return rc < 0 ? SIGN_MALFORMED : SIGN_FORGED;
	if (r->end - r->p <= 10 || memcmp(r->p, "jsd-authz ", 10) != 0)
		return SIGN_VALID;
	f->has_authz = 1;
	if ((k = rd_key(r, authz_fields, SF_NFIELDS(authz_fields), &f->az,
	    f->az.kid, ring, &bad)) == NULL)
		return bad ? SIGN_MALFORMED : SIGN_UNKNOWN_KEY;
	if ((rc = rd_signed(r, authz_fields, SF_NFIELDS(authz_fields), &f->az,
	    k->pk)) != 0)
		return rc < 0 ? SIGN_MALFORMED : SIGN_FORGED;
	return SIGN_VALID;
}

enum sign_outcome
sign_file_check(const char *text, size_t len, const struct keyring *ring,
    const uint8_t digest[SIGN_DIGEST_BYTES], struct sign_file *f)
{
	struct rd r = { text, text + len, 0 };
	enum sign_outcome o;
	int rc;

	memset(f, 0, sizeof *f);
	if (len > SIGN_FILE_MAX || memchr(text, '\0', len) != NULL ||
	    sodium_init() < 0)
		return SIGN_MALFORMED;
	rd_fields(&r, doc_fields, SF_NFIELDS(doc_fields), &f->doc);
	if (r.bad)
		return SIGN_MALFORMED;
	if ((o = rd_registry(&r, ring, f)) != SIGN_VALID)
		return o;
	if ((rc = rd_sig(&r, text, "holder-sig", f->hc.pk)) != 0 && r.bad)
		return SIGN_MALFORMED;
	if (r.p != r.end)
		return SIGN_MALFORMED;
	return rc != 0 ? SIGN_BAD_SIGNATURE : sign_rules(f, digest);
}

const char *
sign_outcome_name(enum sign_outcome o)
{
	static const char *const names[] = {
		"valid", "malformed", "unknown_key", "forged", "bad_signature",
		"wrong_document", "outside_validity", "no_authorization",
		"outside_authorization",
	};

	return (size_t)o < sizeof names / sizeof names[0] ? names[o] : "malformed";
}
