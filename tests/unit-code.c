/*
 * unit-code.c: Base45 (core/base45.c) and the code texts, kinds, hashes and
 * check digits (core/code.c).
 *
 * The Base45 vectors are RFC 9285's own (sections 4.3 and 4.4). The Damm loops
 * try every single substitution and every adjacent transposition on many numbers
 * drawn from a fixed-seed generator, so a failure repeats.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "base45.h"
#include "code.h"
#include "tap.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static unsigned
rng(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

static int
kind_of(const char *s)
{
	return code_classify(s, strlen(s));
}

static void
test_base45(void)
{
	static const struct { const char *bin, *text; } rfc[] = {
		{ "AB", "BB8" }, { "Hello!!", "%69 VD92EX0" },
		{ "base-45", "UJCLQE7W581" }, { "ietf!", "QED8WEX0" }, { "", "" },
	};
	static const char *bad[] = {
		"GGW", ":::", "A", "BB8A", "bb8", "::", "BB\x1b", "B B8", "BB8=",
	};
	uint8_t in[128], out[128];
	char text[256];
	size_t i, n, len, got;
	int errors = 0;

	for (i = 0; i < sizeof rfc / sizeof rfc[0]; i++) {
		n = strlen(rfc[i].bin);
		ok(base45_encode((const uint8_t *)rfc[i].bin, n, text, sizeof text) == 0 &&
		    strcmp(text, rfc[i].text) == 0, "base45 encodes \"%s\" as \"%s\"",
		    rfc[i].bin, rfc[i].text);
		ok(base45_decode(rfc[i].text, strlen(rfc[i].text), out, sizeof out,
		    &got) == 0 && got == n && memcmp(out, rfc[i].bin, n) == 0,
		    "base45 decodes \"%s\"", rfc[i].text);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ok(base45_decode(bad[i], strlen(bad[i]), out, sizeof out, &got) != 0,
		    "base45 refuses \"%s\"", bad[i][0] == 'B' && bad[i][2] == 0x1b ?
		    "BB<ESC>" : bad[i]);
	ok(base45_decode("FGW", 3, out, sizeof out, &got) == 0 && got == 2 &&
	    out[0] == 0xff && out[1] == 0xff, "base45 decodes 65535, the largest triplet");
	ok(base45_decode("U5", 2, out, sizeof out, &got) == 0 && got == 1 &&
	    out[0] == 255, "base45 decodes 255, the largest pair");
	ok(base45_decode("V5", 2, out, sizeof out, &got) != 0,
	    "base45 refuses a pair of 256");
	ok(base45_encode((const uint8_t *)"AB", 2, text, 3) != 0,
	    "base45 encode refuses a buffer without room for the NUL");
	ok(base45_decode("BB8", 3, out, 1, &got) != 0,
	    "base45 decode refuses a short buffer");
	for (len = 0; len <= sizeof in; len++) {
		for (i = 0; i < len; i++)
			in[i] = (uint8_t)rng(256);
		if (base45_encode(in, len, text, sizeof text) != 0 ||
		    strlen(text) != BASE45_ENCODED_LEN(len) ||
		    base45_decode(text, strlen(text), out, sizeof out, &got) != 0 ||
		    got != len || memcmp(in, out, len) != 0)
			errors++;
	}
	is_int(errors, 0, "base45 round trips random bytes of every length 0..128");
}

static void
test_classify(void)
{
	static char big[10240];
	static const struct { const char *text; enum code_kind kind; } cases[] = {
		{ "JSD:C:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", CODE_CLAIM },
		{ "JSD:A:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", CODE_AUTH },
		{ "JSD:L:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", CODE_LOGIN },
		{ "JSD:T:20261124-0001", CODE_TICKET },
		{ "JSD:P:BB8", CODE_PRESENT_QR },
		{ "12345678901234567890", CODE_BARCODE },
		{ "123456789012345", CODE_DIGITS },
		{ "12345 67890 12345", CODE_DIGITS },
		{ " 123 456 7890 12345 ", CODE_DIGITS },
		{ "1234567890", CODE_MALFORMED },
		{ "1234 5678 9012 3456 7890", CODE_BARCODE },
		{ "JSD:C:abcdefghijklmnopqrstuvwxyz234567", CODE_MALFORMED },
		{ "JSD:C:ABCDEFGHIJKLMNOPQRSTUVWXYZ23456", CODE_MALFORMED },
		{ "JSD:C:ABCDEFGHIJKLMNOPQRSTUVWXYZ2345678", CODE_MALFORMED },
		{ "JSD:C:ABCDEFGHIJKLMNOPQRSTUVWXYZ234561", CODE_MALFORMED },
		{ "JSD:C:ABCDEFGHIJKLMNOPQRSTUVWXYZ23456=", CODE_MALFORMED },
		{ "jsd:C:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", CODE_MALFORMED },
		{ "JSD:X:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", CODE_MALFORMED },
		{ "JSD;C:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", CODE_MALFORMED },
		{ "JSD:C", CODE_MALFORMED },
		{ "JSD:", CODE_MALFORMED },
		{ "JSD:T:", CODE_MALFORMED },
		{ "JSD:T:2026-ab", CODE_MALFORMED },
		{ "JSD:T:-20261124", CODE_MALFORMED },
		{ "JSD:T:123456789012345678901234", CODE_MALFORMED },
		{ "JSD:P:", CODE_MALFORMED },
		{ "JSD:P:GGW", CODE_MALFORMED },
		{ "JSD:P:BB8A", CODE_MALFORMED },
		{ "JSD:P:bb8", CODE_MALFORMED },
		{ "12345678901", CODE_MALFORMED },
		{ "123456789", CODE_MALFORMED },
		{ "1234567890123456789", CODE_MALFORMED },
		{ "123456789012345678901", CODE_MALFORMED },
		{ "12345-67890", CODE_MALFORMED },
		{ "1234567890\n", CODE_MALFORMED },
		{ "\x1b[2J1234567890", CODE_MALFORMED },
		{ "JSD:T:2026\x1b[31m", CODE_MALFORMED },
		{ "          ", CODE_MALFORMED },
		{ "", CODE_MALFORMED },
	};
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(buf, sizeof buf, "%s", cases[i].text);
		for (char *p = buf; *p != '\0'; p++) {
			if (*p == 0x1b || *p == '\n')
				*p = '?';
		}
		is_str(code_kind_name(kind_of(cases[i].text)),
		    code_kind_name(cases[i].kind), "classify \"%s\"", buf);
	}
	is_int(code_classify("1234567890\0", 11), CODE_MALFORMED,
	    "a NUL byte after the digits is malformed");
	is_int(code_classify(NULL, 0), CODE_MALFORMED, "NULL is malformed");
	memset(big, '1', sizeof big);
	is_int(code_classify(big, sizeof big), CODE_MALFORMED,
	    "10 KB of digits is malformed");
	memcpy(big, "JSD:T:", 6);
	is_int(code_classify(big, sizeof big), CODE_MALFORMED,
	    "a 10 KB ticket is malformed");
	memset(big, '0', CODE_TEXT_MAX + 1);
	memcpy(big, "JSD:P:", 6);
	is_int(code_classify(big, CODE_TEXT_MAX - 1), CODE_PRESENT_QR,
	    "a base45 body of %d characters is still read", CODE_TEXT_MAX - 7);
	is_int(code_classify(big, CODE_TEXT_MAX + 1), CODE_MALFORMED,
	    "one character past CODE_TEXT_MAX is malformed");
	for (i = 0; i < 256; i++) {
		memcpy(buf, "JSD:C:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 39);
		buf[20] = (char)i;
		if (code_classify(buf, 38) != CODE_MALFORMED && !(i >= 'A' && i <= 'Z') &&
		    !(i >= '2' && i <= '7'))
			break;
	}
	is_int((int)i, 256, "only base32 letters make a token body");
}

static void
test_names(void)
{
	static const char *names[] = {
		"malformed", "claim", "auth", "login", "ticket", "present", "barcode",
		"digits", "sign",
	};
	int k;

	for (k = CODE_MALFORMED; k <= CODE_SIGN; k++)
		is_str(code_kind_name(k), names[k], "kind %d is named %s", k, names[k]);
	is_str(code_kind_name(99), "malformed", "an out-of-range kind is malformed");
}

static void
test_tokens(void)
{
	static const enum code_kind kinds[] = { CODE_CLAIM, CODE_AUTH, CODE_LOGIN };
	static uint8_t seen[300][CODE_HASH_BYTES];
	uint8_t hash[CODE_HASH_BYTES], again[CODE_HASH_BYTES];
	char text[CODE_TOKEN_LEN + 1];
	enum code_kind k;
	size_t i, j, nseen = 0;
	int bad = 0, dup = 0;

	for (i = 0; i < 3; i++) {
		ok(code_new_token(kinds[i], text, sizeof text, hash) == 0,
		    "new %s token", code_kind_name(kinds[i]));
		is_int(strlen(text), CODE_TOKEN_LEN, "token text is 38 characters");
		is_int(kind_of(text), kinds[i], "the new token classifies as %s",
		    code_kind_name(kinds[i]));
		ok(code_token_hash(text, strlen(text), &k, again) == 0 &&
		    k == kinds[i] && memcmp(hash, again, sizeof hash) == 0,
		    "scanning the %s token gives back its kind and hash",
		    code_kind_name(kinds[i]));
	}
	for (i = 0; i < sizeof seen / sizeof seen[0]; i++) {
		if (code_new_token(kinds[i % 3], text, sizeof text, seen[nseen]) != 0 ||
		    code_token_hash(text, strlen(text), &k, again) != 0 ||
		    memcmp(again, seen[nseen], sizeof again) != 0)
			bad++;
		for (j = 0; j < nseen; j++)
			dup += memcmp(seen[j], seen[nseen], CODE_HASH_BYTES) == 0;
		nseen++;
	}
	is_int(bad, 0, "300 tokens round trip");
	is_int(dup, 0, "300 tokens have 300 distinct hashes");
	ok(code_new_token(CODE_TICKET, text, sizeof text, hash) != 0,
	    "no token of kind ticket");
	ok(code_new_token(CODE_CLAIM, text, CODE_TOKEN_LEN, hash) != 0,
	    "a token buffer without room for the NUL is refused");
	ok(code_token_hash("JSD:T:20261124-0001", 19, &k, hash) != 0,
	    "a ticket has no token hash");
	ok(code_token_hash("JSD:C:abcdefghijklmnopqrstuvwxyz234567", 38, &k,
	    hash) != 0, "a lower-case token has no hash");
	ok(code_token_hash("JSD:C:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 38, &k, hash) == 0 &&
	    code_token_hash("JSD:A:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 38, &k, again) == 0 &&
	    memcmp(hash, again, sizeof hash) == 0 && k == CODE_AUTH,
	    "the hash is of the raw bytes; the kind comes from the prefix");
}

/* Every single substitution and adjacent transposition of a valid number
 * fails the check; returns the count of those that did not. */
static int
damm_misses(const char *valid)
{
	char s[32];
	size_t i, n = strlen(valid);
	int misses = 0;
	char c;

	for (i = 0; i < n; i++) {
		for (c = '0'; c <= '9'; c++) {
			if (c == valid[i])
				continue;
			memcpy(s, valid, n + 1);
			s[i] = c;
			misses += code_damm_check(s) == '0';
		}
		if (i + 1 < n && valid[i] != valid[i + 1]) {
			memcpy(s, valid, n + 1);
			s[i] = valid[i + 1];
			s[i + 1] = valid[i];
			misses += code_damm_check(s) == '0';
		}
	}
	return misses;
}

static void
test_damm(void)
{
	char s[32];
	int i, j, misses = 0, invalid = 0;

	is_int(code_damm_check("572"), '4', "Damm check digit of 572 is 4");
	is_int(code_damm_check("5724"), '0', "5724 validates");
	is_int(code_damm_check(""), '0', "the empty string has check digit 0");
	is_int(code_damm_check("57a"), -1, "a non-digit has no check digit");
	for (i = 0; i < 2000; i++) {
		int n = i % 2 ? CODE_DIGITS_LEN : CODE_BARCODE_LEN;

		for (j = 0; j < n - 1; j++)
			s[j] = (char)('0' + rng(10));
		s[n - 1] = '\0';
		s[n - 1] = (char)code_damm_check(s);
		s[n] = '\0';
		invalid += code_damm_check(s) != '0';
		misses += damm_misses(s);
	}
	is_int(invalid, 0, "2000 numbers with their check digit validate");
	is_int(misses, 0, "every substitution and adjacent transposition is caught");
}

static void
test_numeric(void)
{
	uint8_t hash[CODE_HASH_BYTES], again[CODE_HASH_BYTES];
	char code[CODE_BARCODE_LEN + 1], spaced[40], typo[CODE_BARCODE_LEN + 1];

	ok(code_new_digits(code, hash) == 0, "new numeric code");
	is_int(strlen(code), 15, "a numeric code has 15 digits");
	is_int(kind_of(code), CODE_DIGITS, "it classifies as digits");
	ok(code_digits_hash(code, strlen(code), again) == 0 &&
	    memcmp(hash, again, sizeof hash) == 0, "typing it back gives its hash");
	snprintf(spaced, sizeof spaced, "%.5s %.5s %s", code, code + 5, code + 10);
	ok(code_digits_hash(spaced, strlen(spaced), again) == 0 &&
	    memcmp(hash, again, sizeof hash) == 0, "typed as \"%s\" it gives the same hash",
	    spaced);
	memcpy(typo, code, sizeof typo);
	typo[3] = typo[3] == '9' ? '0' : (char)(typo[3] + 1);
	is_int(code_digits_hash(typo, strlen(typo), again), CODE_ERR_TYPO,
	    "one wrong digit is a typo");
	is_int(code_digits_hash(code, 14, again), -1, "14 digits are malformed");
	is_int(code_digits_hash("12345678901234O", 15, again), -1,
	    "a letter O is malformed");
	is_int(code_barcode_hash(code, strlen(code), again), -1,
	    "a numeric code is not a barcode");

	ok(code_new_barcode(code, hash) == 0, "new barcode");
	is_int(strlen(code), 20, "a barcode has 20 digits");
	is_int(kind_of(code), CODE_BARCODE, "it classifies as barcode");
	ok(code_barcode_hash(code, strlen(code), again) == 0 &&
	    memcmp(hash, again, sizeof hash) == 0, "scanning it gives its hash");
	memcpy(typo, code, sizeof typo);
	typo[18] = code[19];
	typo[19] = code[18];
	is_int(code_barcode_hash(typo, strlen(typo), again),
	    code[18] == code[19] ? 0 : CODE_ERR_TYPO,
	    "swapping the last two digits is a typo");
	is_int(code_digits_hash(code, strlen(code), again), -1,
	    "a barcode is not a numeric code");
	crypto_generichash(again, sizeof again, (const uint8_t *)code, 20, NULL, 0);
	ok(memcmp(hash, again, sizeof hash) == 0,
	    "the stored hash is BLAKE2b-256 of the digits");
}

static void
test_ticket(void)
{
	char text[64], number[CODE_TICKET_NUMBER_MAX + 1];

	code_format_ticket("20261124-0001", text, sizeof text);
	is_str(text, "JSD:T:20261124-0001", "ticket text");
	ok(code_ticket_parse(text, strlen(text), number, sizeof number) == 0,
	    "the ticket parses");
	is_str(number, "20261124-0001", "and gives its application number");
	ok(code_ticket_parse(text, strlen(text), number, 13) != 0,
	    "a number buffer without room for the NUL is refused");
	ok(code_ticket_parse("JSD:T:12345678901234567890123", 29, number,
	    sizeof number) == 0 && strlen(number) == 23,
	    "a 23-character number parses");
	ok(code_ticket_parse("JSD:T:123456789012345678901234", 30, number,
	    sizeof number) != 0, "a 24-character number does not");
	ok(code_ticket_parse("JSD:C:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 38, number,
	    sizeof number) != 0, "a claim token is not a ticket");
	ok(code_ticket_parse("JSD:T:2026 1124", 15, number, sizeof number) != 0,
	    "a space in the number is refused");
}

/* A sign request carries its document's SHA-256 after the token; the kind
 * and the hash come from the token, and a broken digest is malformed. */
static void
test_sign(void)
{
	uint8_t digest[CODE_SIGN_DIGEST_BYTES], back[CODE_SIGN_DIGEST_BYTES];
	uint8_t hash[CODE_HASH_BYTES], again[CODE_HASH_BYTES];
	char text[CODE_SIGN_LEN + 1], bad[CODE_SIGN_LEN + 1], held[CODE_SIGN_LEN + 2];
	enum code_kind k;
	size_t i;

	for (i = 0; i < sizeof digest; i++)
		digest[i] = (uint8_t)(i * 37 + 1);
	ok(code_new_sign(digest, text, sizeof text, hash) == 0, "new sign request");
	is_int(strlen(text), CODE_SIGN_LEN, "its text is 102 characters");
	is_int(kind_of(text), CODE_SIGN, "it classifies as a sign request");
	ok(code_sign_digest(text, strlen(text), back) == 0 &&
	    memcmp(back, digest, sizeof back) == 0, "it gives back the digest");
	ok(code_token_hash(text, strlen(text), &k, again) == 0 && k == CODE_SIGN &&
	    memcmp(hash, again, sizeof hash) == 0, "and its token's hash");
	ok(code_new_sign(digest, text, CODE_SIGN_LEN, hash) != 0,
	    "a buffer without room for the NUL is refused");
	ok(code_new_token(CODE_SIGN, text, CODE_TOKEN_LEN + 1, hash) != 0,
	    "a sign token needs room for the digest");
	memcpy(bad, text, sizeof bad);
	bad[CODE_SIGN_LEN - 1] = 'a';
	is_int(kind_of(bad), CODE_MALFORMED, "a lower-case digest is malformed");
	/* A scanner's event holds len bytes, not a string: a hex digit left
	 * after them in its buffer is no part of the code. */
	memcpy(held, text, CODE_SIGN_LEN);
	held[CODE_SIGN_LEN] = 'A';
	held[CODE_SIGN_LEN + 1] = '\0';
	is_int(code_classify(held, CODE_SIGN_LEN), CODE_SIGN,
	    "a hex digit past its length leaves a sign request one");
	is_int(kind_of(text) == CODE_SIGN && kind_of("JSD:S:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	    == CODE_MALFORMED, 1, "a sign request without its digest is malformed");
	ok(code_sign_digest("JSD:L:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 38, back) != 0,
	    "a login QR carries no digest");
}

int
main(void)
{
	test_base45();
	test_classify();
	test_names();
	test_tokens();
	test_sign();
	test_damm();
	test_numeric();
	test_ticket();
	return tap_done();
}
