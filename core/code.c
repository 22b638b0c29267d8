/*
 * code.c: code texts, their kinds and hashes; see code.h.
 *
 * Numeric codes carry a Damm check digit. Damm's quasigroup of order 10 catches
 * every single-digit error and every adjacent transposition, the two slips people
 * make when typing, so a slip is reported as a typo at once and never reaches the
 * registry as a failed guess (which is rate-limited). Token bytes are hashed, not
 * their text, so the stored hash does not depend on how the text was written.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "base45.h"
#include "code.h"

static const char code_b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* The standard totally anti-symmetric quasigroup of order 10 (Damm, 2004). */
static const uint8_t code_damm[10][10] = {
	{ 0, 3, 1, 7, 5, 9, 8, 6, 4, 2 },
	{ 7, 0, 9, 2, 1, 5, 4, 8, 6, 3 },
	{ 4, 2, 0, 6, 8, 7, 1, 3, 5, 9 },
	{ 1, 7, 5, 0, 9, 8, 3, 4, 2, 6 },
	{ 6, 1, 2, 3, 0, 4, 5, 9, 7, 8 },
	{ 3, 6, 7, 4, 2, 0, 9, 5, 8, 1 },
	{ 5, 8, 6, 9, 7, 2, 0, 1, 3, 4 },
	{ 8, 9, 4, 5, 3, 6, 2, 0, 1, 7 },
	{ 9, 4, 3, 8, 6, 1, 7, 2, 0, 5 },
	{ 2, 5, 8, 1, 4, 3, 6, 7, 9, 0 },
};

static const char *const code_names[] = {
	"malformed", "claim", "auth", "login", "ticket", "present", "barcode",
	"digits", "sign",
};

static const char code_token_letters[] = { 0, 'C', 'A', 'L', 0, 0, 0, 0, 'S' };

/* The kinds that are random tokens ("JSD:X:" and 32 base32 characters). */
static int
code_is_token_kind(enum code_kind k)
{
	return (k >= CODE_CLAIM && k <= CODE_LOGIN) || k == CODE_SIGN;
}

const char *
code_kind_name(enum code_kind kind)
{
	if ((unsigned)kind >= sizeof code_names / sizeof code_names[0])
		return code_names[CODE_MALFORMED];
	return code_names[kind];
}

int
code_damm_check(const char *digits)
{
	unsigned interim = 0;

	for (; *digits != '\0'; digits++) {
		if (*digits < '0' || *digits > '9')
			return -1;
		interim = code_damm[interim][*digits - '0'];
	}
	return (int)('0' + interim);
}

static int
code_b32_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= '2' && c <= '7')
		return c - '2' + 26;
	return -1;
}

/* 20 bytes into 32 characters: 160 bits are exactly 32 groups of 5. */
static void
code_b32_encode(const uint8_t in[CODE_TOKEN_BYTES], char out[32])
{
	unsigned bits = 0, nbits = 0;
	size_t i, o = 0;

	for (i = 0; i < CODE_TOKEN_BYTES; i++) {
		bits = (bits << 8 | in[i]) & 0xfff;
		nbits += 8;
		while (nbits >= 5) {
			nbits -= 5;
			out[o++] = code_b32[bits >> nbits & 31];
		}
	}
}

static int
code_b32_decode(const char in[32], uint8_t out[CODE_TOKEN_BYTES])
{
	unsigned bits = 0, nbits = 0;
	size_t i, o = 0;
	int v;

	for (i = 0; i < 32; i++) {
		if ((v = code_b32_value(in[i])) < 0)
			return -1;
		bits = (bits << 5 | (unsigned)v) & 0xfff;
		nbits += 5;
		if (nbits >= 8) {
			nbits -= 8;
			out[o++] = (uint8_t)(bits >> nbits);
		}
	}
	return 0;
}

/* Whether the n characters at s are all upper-case hex digits: counted, not
 * scanned to a NUL, as a scanner's text is len bytes with no NUL after them. */
static int
code_is_upper_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((s[i] < '0' || s[i] > '9') && (s[i] < 'A' || s[i] > 'F'))
			return 0;
	return 1;
}

/* "JSD:X:" for some X. */
static int
code_is_prefixed(const char *text, size_t len)
{
	return len >= CODE_PREFIX_LEN && memcmp(text, "JSD:", 4) == 0 &&
	    text[5] == ':';
}

/* The digits of a numeric text, spaces dropped, into out (room for max + 1);
 * their count, or -1 on another character or more than max digits. */
static int
code_collect_digits(const char *text, size_t len, char *out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (text[i] == ' ')
			continue;
		if (text[i] < '0' || text[i] > '9' || n == max)
			return -1;
		out[n++] = text[i];
	}
	out[n] = '\0';
	return (int)n;
}

static int
code_ticket_number_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > CODE_TICKET_NUMBER_MAX || s[0] < '0' || s[0] > '9')
		return 0;
	for (i = 0; i < n; i++) {
		if ((s[i] < '0' || s[i] > '9') && s[i] != '-')
			return 0;
	}
	return 1;
}

static int
code_present_body_ok(const char *s, size_t n)
{
	uint8_t buf[CODE_TEXT_MAX];
	size_t got;

	return n > 0 && base45_decode(s, n, buf, sizeof buf, &got) == 0;
}

static enum code_kind
code_classify_prefixed(const char *text, size_t len)
{
	uint8_t raw[CODE_TOKEN_BYTES];
	const char *body = text + CODE_PREFIX_LEN;
	size_t n = len - CODE_PREFIX_LEN;

	switch (text[4]) {
	case 'C':
	case 'A':
	case 'L':
		if (n != CODE_TOKEN_LEN - CODE_PREFIX_LEN ||
		    code_b32_decode(body, raw) != 0)
			return CODE_MALFORMED;
		return text[4] == 'C' ? CODE_CLAIM : text[4] == 'A' ? CODE_AUTH :
		    CODE_LOGIN;
	case 'S':
		if (n != CODE_SIGN_LEN - CODE_PREFIX_LEN ||
		    code_b32_decode(body, raw) != 0 ||
		    !code_is_upper_hex(text + CODE_TOKEN_LEN, 64))
			return CODE_MALFORMED;
		return CODE_SIGN;
	case 'T':
		return code_ticket_number_ok(body, n) ? CODE_TICKET : CODE_MALFORMED;
	case 'P':
		return code_present_body_ok(body, n) ? CODE_PRESENT_QR :
		    CODE_MALFORMED;
	}
	return CODE_MALFORMED;
}

enum code_kind
code_classify(const char *text, size_t len)
{
	char digits[CODE_BARCODE_LEN + 1];

	if (text == NULL || len == 0 || len > CODE_TEXT_MAX)
		return CODE_MALFORMED;
	if (code_is_prefixed(text, len))
		return code_classify_prefixed(text, len);
	switch (code_collect_digits(text, len, digits, CODE_BARCODE_LEN)) {
	case CODE_BARCODE_LEN:
		return CODE_BARCODE;
	case CODE_DIGITS_LEN:
		return CODE_DIGITS;
	}
	return CODE_MALFORMED;
}

int
code_new_token(enum code_kind kind, char *text, size_t textlen,
    uint8_t hash[CODE_HASH_BYTES])
{
	uint8_t raw[CODE_TOKEN_BYTES];

	if (!code_is_token_kind(kind) || textlen < CODE_TOKEN_LEN + 1 ||
	    (kind == CODE_SIGN && textlen < CODE_SIGN_LEN + 1) || sodium_init() < 0)
		return -1;
	randombytes_buf(raw, sizeof raw);
	memcpy(text, "JSD:", 4);
	text[4] = code_token_letters[kind];
	text[5] = ':';
	code_b32_encode(raw, text + CODE_PREFIX_LEN);
	text[CODE_TOKEN_LEN] = '\0';
	crypto_generichash(hash, CODE_HASH_BYTES, raw, sizeof raw, NULL, 0);
	sodium_memzero(raw, sizeof raw);
	return 0;
}

int
code_new_sign(const uint8_t digest[CODE_SIGN_DIGEST_BYTES], char *text,
    size_t textlen, uint8_t hash[CODE_HASH_BYTES])
{
	size_t i;

	if (code_new_token(CODE_SIGN, text, textlen, hash) != 0)
		return -1;
	for (i = 0; i < CODE_SIGN_DIGEST_BYTES; i++)
		snprintf(text + CODE_TOKEN_LEN + 2 * i, 3, "%02X", digest[i]);
	return 0;
}

int
code_sign_digest(const char *text, size_t len,
    uint8_t digest[CODE_SIGN_DIGEST_BYTES])
{
	if (code_classify(text, len) != CODE_SIGN)
		return -1;
	return sodium_hex2bin(digest, CODE_SIGN_DIGEST_BYTES, text + CODE_TOKEN_LEN,
	    2 * CODE_SIGN_DIGEST_BYTES, NULL, NULL, NULL);
}

int
code_token_hash(const char *text, size_t len, enum code_kind *kind,
    uint8_t hash[CODE_HASH_BYTES])
{
	uint8_t raw[CODE_TOKEN_BYTES];
	enum code_kind k;

	k = code_classify(text, len);
	if (!code_is_token_kind(k) ||
	    code_b32_decode(text + CODE_PREFIX_LEN, raw) != 0 || sodium_init() < 0)
		return -1;
	*kind = k;
	crypto_generichash(hash, CODE_HASH_BYTES, raw, sizeof raw, NULL, 0);
	sodium_memzero(raw, sizeof raw);
	return 0;
}

/* n - 1 random digits and their Damm check digit. */
static int
code_new_numeric(char *out, size_t n, uint8_t hash[CODE_HASH_BYTES])
{
	size_t i;

	if (sodium_init() < 0)
		return -1;
	for (i = 0; i + 1 < n; i++)
		out[i] = (char)('0' + randombytes_uniform(10));
	out[i] = '\0';
	out[i] = (char)code_damm_check(out);
	out[n] = '\0';
	crypto_generichash(hash, CODE_HASH_BYTES, (const uint8_t *)out, n, NULL, 0);
	return 0;
}

int
code_new_barcode(char out[CODE_BARCODE_LEN + 1], uint8_t hash[CODE_HASH_BYTES])
{
	return code_new_numeric(out, CODE_BARCODE_LEN, hash);
}

int
code_new_digits(char out[CODE_DIGITS_LEN + 1], uint8_t hash[CODE_HASH_BYTES])
{
	return code_new_numeric(out, CODE_DIGITS_LEN, hash);
}

static int
code_numeric_hash(const char *text, size_t len, size_t want,
    uint8_t hash[CODE_HASH_BYTES])
{
	char digits[CODE_BARCODE_LEN + 1];

	if (text == NULL || len > CODE_TEXT_MAX ||
	    code_collect_digits(text, len, digits, CODE_BARCODE_LEN) != (int)want ||
	    sodium_init() < 0)
		return -1;
	if (code_damm_check(digits) != '0')
		return CODE_ERR_TYPO;
	crypto_generichash(hash, CODE_HASH_BYTES, (const uint8_t *)digits, want,
	    NULL, 0);
	return 0;
}

int
code_digits_hash(const char *text, size_t len, uint8_t hash[CODE_HASH_BYTES])
{
	return code_numeric_hash(text, len, CODE_DIGITS_LEN, hash);
}

int
code_barcode_hash(const char *text, size_t len, uint8_t hash[CODE_HASH_BYTES])
{
	return code_numeric_hash(text, len, CODE_BARCODE_LEN, hash);
}

int
code_ticket_parse(const char *text, size_t len, char *number, size_t numlen)
{
	size_t n;

	if (code_classify(text, len) != CODE_TICKET)
		return -1;
	n = len - CODE_PREFIX_LEN;
	if (numlen < n + 1)
		return -1;
	memcpy(number, text + CODE_PREFIX_LEN, n);
	number[n] = '\0';
	return 0;
}

void
code_format_ticket(const char *appno, char *out, size_t len)
{
	snprintf(out, len, "JSD:T:%s", appno);
}
