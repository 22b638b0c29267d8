/*
 * unit-text.c: UTF-8 checks, terminal-safe copies and widths (core/text.c).
 *
 * Besides the cases by hand, text_safe() is run over every two-byte input and
 * many pseudo-random ones at every output size: whatever goes in, what comes out
 * must be valid UTF-8 with no control or bidi character left, and a truncated
 * copy must be a prefix of the full one (so no escape or character is split).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "text.h"
#include "utf8.h"

/* A case for text_check() or text_check_name(). */
struct check_case {
	const char	*in;
	size_t		 min, max;
	const char	*want;		/* the refusal's key, NULL: accepted */
	const char	*what;		/* the case, before the outcome */
};

static void
check_cases(const char *(*check)(const char *, size_t, size_t),
    const struct check_case *cases, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		is_str(check(cases[i].in, cases[i].min, cases[i].max),
		    cases[i].want, "%s: %s", cases[i].what,
		    cases[i].want != NULL ? cases[i].want : "accepted");
}

static void
test_check(void)
{
	static const struct check_case cases[] = {
		{ "北京市海淀区", 1, 50, NULL, "Chinese text" },
		{ "Beijing 北京 (No. 1)", 1, 50, NULL,
		    "mixed text with inner spaces" },
		{ NULL, 0, 10, "text.empty", "NULL" },
		{ "", 1, 10, "text.empty", "empty, min 1" },
		{ "", 0, 10, NULL, "empty, min 0" },
		{ "\xC0\x80", 0, 10, "text.utf8", "overlong NUL" },
		{ "\xE0\x80\xAF", 0, 10, "text.utf8", "overlong slash" },
		{ "\xED\xA0\x80", 0, 10, "text.utf8", "surrogate" },
		{ "\xF4\x90\x80\x80", 0, 10, "text.utf8", "above U+10FFFF" },
		{ "a\xE5\x8C", 0, 10, "text.utf8", "truncated sequence" },
		{ "a\x80z", 0, 10, "text.utf8", "stray continuation byte" },
		{ "\xF4\x8F\xBF\xBF", 0, 10, NULL, "U+10FFFF" },
		{ "a\tb", 0, 10, "text.control", "tab" },
		{ "a\nb", 0, 10, "text.control", "newline" },
		{ "a\x1b[31mb", 0, 10, "text.control", "ESC" },
		{ "a\x7f", 0, 10, "text.control", "DEL" },
		{ "a\xC2\x85z", 0, 10, "text.control", "C1 NEL" },
		{ "a\xC2\x9Bz", 0, 10, "text.control", "C1 CSI" },
		{ "a\xE2\x80\xAEz", 0, 10, "text.control", "U+202E RLO" },
		{ "a\xE2\x81\xA6z", 0, 10, "text.control", "U+2066 LRI" },
		{ "a\xE2\x80\xA8z", 0, 10, "text.control",
		    "U+2028 line separator" },
		{ " a", 0, 10, "text.spaces", "leading space" },
		{ "a ", 0, 10, "text.spaces", "trailing space" },
		{ "\xE3\x80\x80北京", 0, 10, "text.spaces",
		    "leading ideographic space" },
		{ "北京\xC2\xA0", 0, 10, "text.spaces",
		    "trailing no-break space" },
		{ "北京市", 1, 2, "text.too_long", "3 characters, max 2" },
		{ "北京市", 1, 3, NULL, "3 characters (9 bytes), max 3" },
		{ "ab", 3, 10, "text.too_short", "2 characters, min 3" },
		{ "北京", 2, 2, NULL, "exactly min and max" },
	};

	check_cases(text_check, cases, sizeof cases / sizeof cases[0]);
}

static void
test_chars(void)
{
	is_int((int64_t)text_chars(""), 0, "chars of empty");
	is_int((int64_t)text_chars("北京"), 2, "chars of 北京");
	is_int((int64_t)text_chars("a\xC3\xA9北\xF0\x9F\x98\x80"), 4,
	    "chars of 1-, 2-, 3- and 4-byte characters");
	ok(text_utf8_valid("a\0b", 3), "NUL is valid UTF-8");
	ok(!text_utf8_valid("\xF8\x88\x80\x80\x80", 5), "5-byte form invalid");
	ok(!text_utf8_valid("\xFF", 1), "0xFF invalid");
}

/* text_safe() into a buffer of outlen, compared with the expected output. */
static void
safe_is(const char *in, size_t inlen, size_t outlen, const char *want,
    const char *what)
{
	char out[256];
	size_t n;

	n = text_safe(in, inlen, out, outlen);
	is_str(out, want, "%s", what);
	is_int((int64_t)n, (int64_t)strlen(want), "%s: length", what);
}

static void
test_safe(void)
{
	char out[8];
	size_t n;

	safe_is("北京 ABC-123", strlen("北京 ABC-123"), 256, "北京 ABC-123",
	    "printable text copied");
	safe_is("\x1b[2J\x1b]0;x\x07", 10, 256, "\\x1B[2J\\x1B]0;x\\x07",
	    "ESC sequences made inert");
	safe_is("a\\b", 3, 256, "a\\\\b", "backslash doubled");
	safe_is("\xC2\x9B" "31m", 5, 256, "\\u009B31m", "C1 CSI (UTF-8) escaped");
	safe_is("\x9B" "31m", 4, 256, "\\x9B31m", "raw 0x9B escaped");
	safe_is("a\xE2\x80\xAE" "cba", 7, 256, "a\\u202Ecba", "RLO escaped");
	safe_is("\xE2\x81\xA9", 3, 256, "\\u2069", "PDI escaped");
	safe_is("\xEF\xBB\xBF" "x", 4, 256, "\\uFEFFx", "BOM made visible");
	safe_is("a\0b", 3, 256, "a\\x00b", "NUL inside escaped");
	safe_is("\xC0\x80", 2, 256, "\\xC0\\x80", "overlong escaped byte by byte");
	safe_is("\xED\xA0\x80", 3, 256, "\\xED\\xA0\\x80", "surrogate escaped");
	safe_is("a\xE5\x8C", 3, 256, "a\\xE5\\x8C", "truncated sequence escaped");
	safe_is("\x7f\r\n", 3, 256, "\\x7F\\x0D\\x0A", "DEL CR LF escaped");
	safe_is("ab\x1b", 3, 6, "ab", "escape that does not fit is left out");
	safe_is("ab\x1b", 3, 7, "ab\\x1B", "escape that just fits is kept");
	safe_is("a北", 4, 4, "a", "character that does not fit is left out");
	safe_is("a北", 4, 5, "a北", "character that just fits is kept");
	safe_is("a\\", 2, 3, "a", "doubled backslash is not split");
	safe_is("abc", 3, 1, "", "outlen 1 gives an empty string");

	memset(out, 'Z', sizeof out);
	n = text_safe("abc", 3, out, 0);
	ok(n == 0 && out[0] == 'Z', "outlen 0 writes nothing");
}

/* No C0, DEL, C1 or bidi character in out, and out is valid UTF-8. */
static int
inert(const char *out)
{
	const char *why = text_check(out, 0, SIZE_MAX);

	return why == NULL || strcmp(why, "text.spaces") == 0;
}

static void
test_safe_exhaustive(void)
{
	unsigned char in[8];
	char full[64], part[64];
	uint32_t seed = 12345;
	size_t inlen, outlen, n;
	int i, j, bad = 0, badprefix = 0;

	for (i = 0; i < 65536; i++) {
		in[0] = (unsigned char)(i >> 8);
		in[1] = (unsigned char)i;
		text_safe((const char *)in, 2, full, sizeof full);
		if (!inert(full) && bad++ < 5)
			tap_diag("not inert: %02X %02X -> %s", in[0], in[1], full);
	}
	ok(bad == 0, "every 2-byte input comes out inert");

	bad = 0;
	for (i = 0; i < 20000; i++) {
		inlen = 1 + (size_t)(i % (int)sizeof in);
		for (j = 0; j < (int)inlen; j++) {
			seed = seed * 1103515245 + 12345;
			/* Bias towards the bytes that start and continue sequences. */
			in[j] = (unsigned char)(seed >> 16);
			if (seed & 0x100)
				in[j] = (unsigned char)(0x80 | (in[j] & 0x3F));
			if ((seed & 0x600) == 0x600)
				in[j] = (unsigned char)(0xE0 | (in[j] & 0x0F));
		}
		text_safe((const char *)in, inlen, full, sizeof full);
		if (!inert(full))
			bad++;
		for (outlen = 1; outlen <= strlen(full) + 1; outlen++) {
			n = text_safe((const char *)in, inlen, part, outlen);
			if (n >= outlen || n != strlen(part) ||
			    strncmp(part, full, n) != 0 || !inert(part))
				badprefix++;
		}
	}
	ok(bad == 0, "20000 pseudo-random inputs come out inert");
	ok(badprefix == 0,
	    "at every output size, a truncated copy is an inert prefix of the full one");
}

static void
test_trim(void)
{
	char buf[32];

	strcpy(buf, "  a b \t\n");
	is_int(text_trim(buf), 3, "trim returns the new length");
	is_str(buf, "a b", "trim keeps inner spaces");
	strcpy(buf, "   ");
	is_int(text_trim(buf), 0, "trim of spaces only");
	is_str(buf, "", "trim of spaces only is empty");
	strcpy(buf, "北京");
	text_trim(buf);
	is_str(buf, "北京", "trim leaves untrimmed text alone");
}

static void
test_width(void)
{
	static const struct {
		const char	*in;
		int		 width;
		const char	*what;
	} cases[] = {
		{ "", 0, "width of empty" },
		{ "abc", 3, "width of ASCII" },
		{ "北京", 4, "width of 北京" },
		{ "北京abc", 7, "width of mixed" },
		{ "第一管理责任人：", 16, "width with fullwidth colon" },
		{ "ＡＢ", 4, "width of fullwidth Latin" },
		{ "한", 2, "width of hangul" },
		{ "e\xCC\x81", 1, "combining acute adds nothing" },
		{ "\xF0\xA0\x80\x80", 2, "U+20000 is wide" },
		{ "\xF0\x9F\x98\x80", 2, "emoji is wide" },
		{ "a\xFF" "b", 3, "stray byte counts as 1" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_int(text_width(cases[i].in), cases[i].width, "%s", cases[i].what);
}

/* Names: invisible and format characters refused, what names need kept. */
static void
test_check_name(void)
{
	static const struct check_case cases[] = {
		{ "阿卜杜·热合曼", 1, 30, NULL,
		    "middle dot of a minority name kept" },
		{ "\xF0\xA0\x80\x80" "明", 1, 30, NULL,
		    "a character outside the BMP (U+20000) kept" },
		{ "张\xE2\x80\xAE三", 1, 30, "text.control",
		    "bidi override still a control" },
		{ "张三", 3, 30, "text.too_short", "length checked as text_check" },
	};
	/* Each inside a name ("张?三"): refused as text.invisible. */
	static const struct {
		uint32_t	 cp;
		const char	*what;
	} invisible[] = {
		{ 0x200B, "zero-width space" },
		{ 0x200D, "zero-width joiner" },
		{ 0x00AD, "soft hyphen" },
		{ 0xFEFF, "BOM inside" },
		{ 0x2060, "word joiner" },
		{ 0x180E, "Mongolian vowel separator" },
		{ 0x3164, "Hangul filler (default-ignorable)" },
		{ 0xE0001, "language tag" },
	};
	unsigned char utf8[4];
	char name[32];
	size_t i, n;

	check_cases(text_check_name, cases, sizeof cases / sizeof cases[0]);
	for (i = 0; i < sizeof invisible / sizeof invisible[0]; i++) {
		n = utf8_encode(invisible[i].cp, utf8);
		snprintf(name, sizeof name, "张%.*s三", (int)n, (const char *)utf8);
		is_str(text_check_name(name, 1, 30), "text.invisible",
		    "%s (U+%04X) refused", invisible[i].what,
		    (unsigned)invisible[i].cp);
	}
	is_str(text_check("张\xE2\x80\x8B三", 1, 30), NULL,
	    "free text (remarks) keeps its rules");
}

static void
test_nfkc(void)
{
	char out[64];

	ok(text_nfkc(out, sizeof out, "１１０１０５ｘ") == 0, "full-width folded");
	is_str(out, "110105x", "full-width digits and x become ASCII");
	ok(text_nfkc(out, sizeof out, "１３８\xE3\x80\x80００００－０００１") == 0,
	    "a phone with an ideographic space and a full-width dash");
	is_str(out, "138 0000-0001", "folded to ASCII space and dash");
	ok(text_nfkc(out, sizeof out, "阿卜杜·热合曼") == 0, "a name");
	is_str(out, "阿卜杜·热合曼", "middle dot and Chinese unchanged");
	strcpy(out, "kept");
	ok(text_nfkc(out, 4, "１２３４") == -1, "does not fit: -1");
	is_str(out, "kept", "dst left as it was");
	ok(text_nfkc(out, sizeof out, "a\xC0\x80") == -1, "invalid UTF-8: -1");
	strcpy(out, "１２");
	ok(text_nfkc(out, sizeof out, out) == 0, "in place");
	is_str(out, "12", "in place folded");
}

static void
test_list_has(void)
{
	ok(text_list_has("sign", "sign"), "the only item");
	ok(text_list_has("seal,sign", "sign") && text_list_has("sign,seal",
	    "sign") && text_list_has("a,sign,b", "sign"),
	    "the last, first and a middle item");
	ok(!text_list_has("signer,cosign,designs", "sign"),
	    "part of an item is not the item");
	ok(!text_list_has("sig,n", "sign") && !text_list_has("sig", "sign"),
	    "nor are pieces or a prefix of it");
	ok(text_list_has("a,,sign", "sign") && !text_list_has("a,,b", ""),
	    "an empty item is skipped, and never found");
	ok(!text_list_has("a,b", "a,b"), "an item with a comma is in no list");
	ok(!text_list_has(NULL, "clock") && !text_list_has("", "clock"),
	    "a NULL or empty list holds nothing");
	ok(text_list_has("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z,"
	    "aa,bb,cc,dd,ee,ff,gg,hh,ii,jj,kk,ll,mm,nn,oo,pp,qq,rr,ss,tt,sign",
	    "sign"), "however long the list");
}

int
main(void)
{
	test_check();
	test_check_name();
	test_nfkc();
	test_chars();
	test_safe();
	test_safe_exhaustive();
	test_trim();
	test_width();
	test_list_has();
	return tap_done();
}
