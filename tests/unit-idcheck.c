/*
 * unit-idcheck.c: resident ID, credit code and mobile checks (core/idcheck.c).
 *
 * The valid examples are GB 11643-1999's own, IDs made up and their check digit
 * computed by a separate script, and published credit codes; each was recomputed
 * outside this code before being used here. The corruption
 * loops try every single substitution and every adjacent transposition, which
 * both check characters are designed to catch.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "idcheck.h"
#include "msg.h"
#include "tap.h"

/*
 * GB 11643's other example, 440524188001010014, has a correct check digit but was
 * born in 1880, before the 1900 floor a living applicant is held to.
 */
static const char *ids[] = {
	"11010519491231002X", "440524198001010013", "310115200002291235",
	"650102199912314564",
};
static const char id1880[] = "440524188001010014";
static const char *codes[] = {
	"91350100M000100Y43", "91110000600037341L", "91110108551385082Q",
	"91440300708461136T", "91110000802100433B",
};
static const char *keys[] = {
	"id.empty", "id.length", "id.chars", "id.region", "id.birthdate",
	"id.future", "id.checkdigit", "code.empty", "code.length", "code.chars",
	"code.region", "code.checkchar", "phone.empty", "phone.format",
};

/* The UTC instant of h:mm on a Shanghai calendar day. */
static int64_t
at(int y, int m, int d, int h, int min)
{
	int64_t days;

	if (clock_days_from_civil(y, m, d, &days) != 0)
		return -1;
	return days * CLOCK_DAY - CLOCK_LOCAL_OFFSET + h * 3600 + min * 60;
}

static int
same_ci(char a, char b)
{
	if (a >= 'a' && a <= 'z')
		a = (char)(a - 'a' + 'A');
	if (b >= 'a' && b <= 'z')
		b = (char)(b - 'a' + 'A');
	return a == b;
}

/* An ID with the given birth date and a correct check digit. */
static const char *
id_born(const char *region6, const char *yyyymmdd, char out[19])
{
	char first[18];

	snprintf(first, sizeof first, "%s%s%s", region6, yyyymmdd, "123");
	if (idcheck_make_id(first, out) != 0)
		return "make_id failed";
	return out;
}

static const char *
credit_code(const char *s, int64_t now)
{
	(void)now;
	return idcheck_credit_code(s);
}

/* The two checked numbers alike: 18 characters, the last a check character,
 * letters in either case, a maker that refuses what cannot be a number. */
struct kind {
	const char		 *make_name;
	const char *const	 *valid;
	size_t			  nvalid;
	const char		 *subst;	/* tried at every position */
	int			  min_subst;	/* at least this many tried */
	const char		*(*check)(const char *, int64_t now);
	int			 (*make)(const char *first17, char out[19]);
	void			 (*normalize)(char *);
	const char		 *lower, *upper; /* a valid one, both cases */
	const char		 *unmade[2][2];	/* first 17 refused, and why */
};

static const struct kind id_kind = {
	"make_id", ids, sizeof ids / sizeof ids[0], "0123456789Xx-A ", 200,
	idcheck_resident_id, idcheck_make_id, idcheck_normalize_id,
	"11010519491231002x", "11010519491231002X",
	{ { "1101051949123100", "16 digits" },
	  { "11010519491231A02", "a letter" } },
};
static const struct kind code_kind = {
	"make_credit_code", codes, sizeof codes / sizeof codes[0],
	"0123456789ABCDEFGHJKLMNPQRTUWXYIOZSVabcy- ", 600,
	credit_code, idcheck_make_credit_code, idcheck_normalize_code,
	"91350100m000100y43", "91350100M000100Y43",
	{ { "91350100I000100Y4", "I" },
	  { "91350100M000100", "15 characters" } },
};

/* s's first 17 characters give s again. */
static void
made_again(const struct kind *k, const char *s)
{
	char buf[19], made[19];

	memcpy(buf, s, 17);
	buf[17] = '\0';
	is_int(k->make(buf, made), 0, "%s %s", k->make_name, buf);
	is_str(made, s, "%s gives the check character of %s", k->make_name, s);
}

static void
test_valid(const struct kind *k, int64_t now)
{
	size_t i;

	for (i = 0; i < k->nvalid; i++) {
		is_str(k->check(k->valid[i], now), NULL, "%s valid", k->valid[i]);
		made_again(k, k->valid[i]);
	}
}

static void
test_substitutions(const struct kind *k, const char *valid, int64_t now)
{
	char buf[19];
	size_t i, j;
	int tried = 0, missed = 0;

	for (i = 0; i < 18; i++) {
		for (j = 0; k->subst[j] != '\0'; j++) {
			if (same_ci(k->subst[j], valid[i]))
				continue;
			memcpy(buf, valid, sizeof buf);
			buf[i] = k->subst[j];
			tried++;
			if (k->check(buf, now) == NULL) {
				missed++;
				tap_diag("missed substitution %s", buf);
			}
		}
	}
	ok(tried > k->min_subst && missed == 0, "%s: all %d substitutions refused",
	    valid, tried);
}

static void
test_transpositions(const struct kind *k, const char *valid, int64_t now)
{
	char buf[19], t;
	size_t i;
	int tried = 0, missed = 0;

	for (i = 0; i + 1 < 18; i++) {
		if (valid[i] == valid[i + 1])
			continue;
		memcpy(buf, valid, sizeof buf);
		t = buf[i];
		buf[i] = buf[i + 1];
		buf[i + 1] = t;
		tried++;
		if (k->check(buf, now) == NULL) {
			missed++;
			tap_diag("missed transposition %s", buf);
		}
	}
	ok(tried > 5 && missed == 0, "%s: all %d adjacent transpositions refused",
	    valid, tried);
}

static void
test_corruptions(const struct kind *k, int64_t now)
{
	size_t i;

	for (i = 0; i < k->nvalid; i++) {
		test_substitutions(k, k->valid[i], now);
		test_transpositions(k, k->valid[i], now);
	}
}

/* Lower case accepted and normalized; a maker's refusals. */
static void
test_forms(const struct kind *k, int64_t now)
{
	char buf[19], made[19];
	size_t i;

	snprintf(buf, sizeof buf, "%s", k->lower);
	is_str(k->check(buf, now), NULL, "%s: lower case accepted", k->lower);
	k->normalize(buf);
	is_str(buf, k->upper, "%s: normalized to upper case", k->lower);
	for (i = 0; i < 2; i++)
		is_int(k->make(k->unmade[i][0], made), -1, "%s refuses %s",
		    k->make_name, k->unmade[i][1]);
}

static void
test_id1880(int64_t now)
{
	made_again(&id_kind, id1880);
	is_str(idcheck_resident_id(id1880, now), "id.birthdate",
	    "%s (born 1880) refused for its date only", id1880);
}

static void
test_id_reasons(int64_t now)
{
	char bad[64];

	is_str(idcheck_resident_id(NULL, now), "id.empty", "NULL: id.empty");
	is_str(idcheck_resident_id("", now), "id.empty", "empty: id.empty");
	is_str(idcheck_resident_id("1101051949123100", now), "id.length",
	    "16 characters: id.length");
	is_str(idcheck_resident_id("11010519491231002X1", now), "id.length",
	    "19 characters: id.length");
	is_str(idcheck_resident_id("11010519491231002Y", now), "id.chars",
	    "Y as check: id.chars");
	is_str(idcheck_resident_id("1101051949X231002X", now), "id.chars",
	    "X inside: id.chars");
	snprintf(bad, sizeof bad, "%s", "北京北京北京北京北京北京北京北京北京");
	is_str(idcheck_resident_id(bad, now), "id.chars",
	    "18 Chinese characters (54 bytes): id.chars, not id.length");
	snprintf(bad, sizeof bad, "%s", "1101051949123100北");
	is_str(idcheck_resident_id(bad, now), "id.length",
	    "17 characters, one Chinese: id.length");
	snprintf(bad, sizeof bad, "%s", "1101051949123100北X");
	is_str(idcheck_resident_id(bad, now), "id.chars",
	    "18 characters, one Chinese: id.chars");
	is_str(idcheck_resident_id("110105194912310021", now), "id.checkdigit",
	    "wrong check digit: id.checkdigit");
}

/* An ID number's region and birth date, checked at noon in Shanghai. */
static void
test_id_dates(void)
{
	static const struct {
		const char	*region6;
		const char	*born;		/* YYYYMMDD */
		const char	*want;		/* the refusal's key, NULL: valid */
		const char	*what;
	} cases[] = {
		{ "990105", "19491231", "id.region", "region 99: id.region" },
		{ "000105", "19491231", "id.region", "region 00: id.region" },
		{ "830000", "19491231", NULL, "region 83 accepted" },
		{ "110105", "19490230", "id.birthdate",
		    "Feb 30: id.birthdate" },
		{ "110105", "19491301", "id.birthdate",
		    "month 13: id.birthdate" },
		{ "110105", "19490100", "id.birthdate", "day 0: id.birthdate" },
		{ "110105", "18991231", "id.birthdate",
		    "born 1899: id.birthdate" },
		{ "110105", "19000101", NULL, "born 1900-01-01 accepted" },
		{ "110105", "20000229", NULL, "Feb 29 2000 (leap) accepted" },
		{ "110105", "20240229", NULL, "Feb 29 2024 (leap) accepted" },
		{ "110105", "19000229", "id.birthdate",
		    "Feb 29 1900 (not leap) refused" },
		{ "110105", "20230229", "id.birthdate",
		    "Feb 29 2023 (not leap) refused" },
		{ "110105", "20240615", NULL, "born today accepted" },
		{ "110105", "20240616", "id.future",
		    "born tomorrow: id.future" },
		{ "110105", "20250101", "id.future",
		    "born next year: id.future" },
	};
	int64_t now = at(2024, 6, 15, 12, 0);
	char id[19];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_str(idcheck_resident_id(id_born(cases[i].region6,
		    cases[i].born, id), now), cases[i].want, "%s", cases[i].what);
	/* 00:30 in Shanghai is still the day before in UTC. */
	now = at(2024, 6, 15, 0, 30);
	is_str(idcheck_resident_id(id_born("110105", "20240615", id), now), NULL,
	    "born today, just after Shanghai midnight, accepted");
	now = at(2024, 6, 14, 23, 30);
	is_str(idcheck_resident_id(id_born("110105", "20240615", id), now),
	    "id.future", "born tomorrow, just before Shanghai midnight: id.future");
}

/* The credit code's and the phone's refusals, one input and key a row; the
 * key is named once, in the row, and printed by the loop (as unit-text.c). */
static void
test_refusals(void)
{
	static const struct {
		const char	*(*check)(const char *);
		const char	*in;
		const char	*want;		/* the refusal's key, NULL: valid */
		const char	*what;
	} cases[] = {
		{ idcheck_credit_code, NULL, "code.empty", "NULL" },
		{ idcheck_credit_code, "", "code.empty", "empty" },
		{ idcheck_credit_code, "91350100M000100Y4", "code.length",
		    "17 characters" },
		{ idcheck_credit_code, "91350100M000100Y433", "code.length",
		    "19 characters" },
		{ idcheck_credit_code, "91350100M000I00Y43", "code.chars",
		    "I" },
		{ idcheck_credit_code, "91350100M000100Y4O", "code.chars",
		    "O as check" },
		{ idcheck_credit_code, "91350100M000100Y4北", "code.chars",
		    "a Chinese character" },
		{ idcheck_credit_code, "91350100M000100Y44", "code.checkchar",
		    "wrong check" },
		{ idcheck_mobile, "13800138000", NULL, "13800138000" },
		{ idcheck_mobile, "19912345678", NULL, "19912345678" },
		{ idcheck_mobile, NULL, "phone.empty", "NULL" },
		{ idcheck_mobile, "", "phone.empty", "empty" },
		{ idcheck_mobile, "12345678901", "phone.format", "12x" },
		{ idcheck_mobile, "23800138000", "phone.format",
		    "starts with 2" },
		{ idcheck_mobile, "1380013800", "phone.format", "10 digits" },
		{ idcheck_mobile, "138001380001", "phone.format", "12 digits" },
		{ idcheck_mobile, "1380013800a", "phone.format", "letter" },
		{ idcheck_mobile, "+8613800138000", "phone.format",
		    "+86 not normalized" },
		{ idcheck_mobile, "138 0013 800", "phone.format",
		    "spaces not normalized" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_str(cases[i].check(cases[i].in), cases[i].want, "%s: %s",
		    cases[i].what,
		    cases[i].want != NULL ? cases[i].want : "valid");
}

static void
test_code_reasons(void)
{
	char code[19];

	is_int(idcheck_make_credit_code("913501A0M000100Y4", code), 0,
	    "make a code with a letter in the area code");
	is_str(idcheck_credit_code(code), "code.region",
	    "letter in positions 3-8: code.region");
	is_int(idcheck_make_credit_code("Y1350100M000100Y4", code), 0,
	    "make a code with authority Y");
	is_str(idcheck_credit_code(code), NULL, "authority Y accepted");
}

/* in, normalized, is the plain number 13800138000. */
static void
normalized_is(const char *in, const char *what)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%s", in);
	idcheck_normalize_mobile(buf);
	is_str(buf, "13800138000", "%s", what);
}

static void
test_mobile(void)
{
	normalized_is("+86 138-0013-8000",
	    "normalize +86 with spaces and dashes");
	normalized_is("0086 13800138000", "normalize 0086");
	normalized_is("138 0013 8000", "normalize spaces");
	normalized_is("13800138000", "normalize leaves a plain number alone");
}

static void
test_mask(void)
{
	char out[32];

	idcheck_mask_id("11010519491231002X", out, sizeof out);
	is_str(out, "**************002X", "mask shows the last 4");
	idcheck_mask_id("1234", out, sizeof out);
	is_str(out, "****", "mask hides a value of 4 or fewer entirely");
	idcheck_mask_id("11010519491231002X", out, 5);
	is_str(out, "****", "mask truncated to the buffer shows nothing");
	idcheck_mask_id("110105194912310\x1b[0m", out, sizeof out);
	is_str(out, "*******************", "mask never shows control bytes");
	idcheck_mask_id("", out, sizeof out);
	is_str(out, "", "mask of empty is empty");
}

static void
test_keys_translated(void)
{
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		msg_set_lang(MSG_ZH_CN);
		ok(strcmp(msg_get(keys[i]), keys[i]) != 0, "%s has zh_CN text",
		    keys[i]);
		msg_set_lang(MSG_EN);
		ok(strcmp(msg_get(keys[i]), keys[i]) != 0, "%s has en text", keys[i]);
	}
	msg_set_lang(MSG_ZH_CN);
}

/* Full-width identifiers from a Chinese input method are read, not refused. */
static void
test_fullwidth(int64_t now)
{
	char id[64], code[64], phone[64];

	strcpy(id, "１１０１０５１９４９１２３１００２ｘ");
	idcheck_normalize_id(id);
	is_str(id, "11010519491231002X", "full-width ID folded and upper-cased");
	is_str(idcheck_resident_id(id, now), NULL, "and valid");
	strcpy(code, "９１１１０１０８ＭＡ０１ａｂｃｄ５ｘ");
	idcheck_normalize_code(code);
	is_str(code, "91110108MA01ABCD5X", "full-width code folded, upper-cased");
	strcpy(phone, "＋８６　１３８－０００１－００００");
	idcheck_normalize_mobile(phone);
	is_str(phone, "13800010000", "full-width +86, space and dashes removed");
	is_str(idcheck_mobile(phone), NULL, "and valid");
	strcpy(id, "11010519491231002\xC0");
	idcheck_normalize_id(id);
	is_str(id, "11010519491231002\xC0", "invalid UTF-8 left as typed");
	is_str(idcheck_resident_id(id, now), "id.chars", "and refused");
}

/* Scanned bytes: exactly the code's length, no NUL, and no terminator after
 * them (the buffer is exactly len bytes: ASan shows a read past it). */
static void
test_code_scanned(void)
{
	static const char good[] = "91350100m000100y43";
	char code[IDCHECK_CODE_LEN + 1], *p;

	if ((p = malloc(IDCHECK_CODE_LEN)) == NULL)
		exit(99);
	memcpy(p, good, IDCHECK_CODE_LEN);
	ok(idcheck_code_scanned(p, IDCHECK_CODE_LEN, code) == NULL,
	    "a scanned code without a NUL after it is read");
	is_str(code, "91350100M000100Y43", "normalized as a typed one");
	is_str(idcheck_code_scanned(p, IDCHECK_CODE_LEN - 1, code), "code.length",
	    "one byte short is refused");
	p[5] = '\0';
	is_str(idcheck_code_scanned(p, IDCHECK_CODE_LEN, code), "code.length",
	    "a NUL among the bytes is refused");
	p[5] = '0';
	p[17] = '4';
	is_str(idcheck_code_scanned(p, IDCHECK_CODE_LEN, code), "code.checkchar",
	    "a wrong check character is refused as typed");
	free(p);
}

int
main(void)
{
	int64_t now = at(2024, 6, 15, 12, 0);

	test_fullwidth(now);
	test_valid(&id_kind, now);
	test_id1880(now);
	test_forms(&id_kind, now);
	test_corruptions(&id_kind, now);
	test_id_reasons(now);
	test_id_dates();
	test_valid(&code_kind, now);
	test_forms(&code_kind, now);
	test_corruptions(&code_kind, now);
	test_refusals();
	test_code_reasons();
	test_mobile();
	test_code_scanned();
	test_mask();
	test_keys_translated();
	return tap_done();
}
