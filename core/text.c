/*
 * text.c: UTF-8 checks, terminal-safe copies and column widths; see text.h.
 *
 * The decoder is strict (RFC 3629): an overlong form, a surrogate or a code point
 * above U+10FFFF is invalid, because a lenient decoder lets "\xC0\x80" or an
 * encoded ESC slip past a check that looks for the plain byte. Code points are
 * sorted into a few classes by small range tables; nothing here reads the locale.
 * What needs the Unicode tables themselves (NFKC, the general category of a
 * character, whether it is default-ignorable) comes from utf8proc, whose data
 * follows a known Unicode version rather than the C library's locale.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <utf8proc.h>

#include "text.h"
#include "utf8.h"

struct text_range {
	uint32_t	lo;
	uint32_t	hi;
};

/* Bidi controls (Trojan Source, CVE-2021-42574): they reorder what is shown. */
static const struct text_range text_bidi[] = {
	{ 0x061C, 0x061C }, { 0x200E, 0x200F }, { 0x202A, 0x202E },
	{ 0x2066, 0x2069 },
};

/* Invisible characters text_safe() makes visible so two codes that look the same are. */
static const struct text_range text_invisible[] = {
	{ 0x00AD, 0x00AD }, { 0x200B, 0x200D }, { 0x2060, 0x2064 },
	{ 0xFEFF, 0xFEFF },
};

/* Whitespace that trimming ASCII misses; U+3000 comes from Chinese input methods. */
static const struct text_range text_spaces[] = {
	{ 0x0020, 0x0020 }, { 0x00A0, 0x00A0 }, { 0x1680, 0x1680 },
	{ 0x2000, 0x200A }, { 0x202F, 0x202F }, { 0x205F, 0x205F },
	{ 0x3000, 0x3000 }, { 0xFEFF, 0xFEFF },
};

static const struct text_range text_zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x0610, 0x061A }, { 0x064B, 0x065F }, { 0x1AB0, 0x1AFF },
	{ 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x20D0, 0x20FF },
	{ 0x302A, 0x302D }, { 0x3099, 0x309A }, { 0xFE00, 0xFE0F },
	{ 0xFE20, 0xFE2F }, { 0xE0100, 0xE01EF },
};

/* East Asian Wide and Fullwidth, coarsely: enough for Chinese, kana, hangul, emoji. */
static const struct text_range text_wide[] = {
	{ 0x1100, 0x115F }, { 0x2E80, 0xA4CF }, { 0xAC00, 0xD7A3 },
	{ 0xF900, 0xFAFF }, { 0xFE30, 0xFE4F }, { 0xFF00, 0xFF60 },
	{ 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F }, { 0x1F900, 0x1F9FF },
	{ 0x20000, 0x3FFFD },
};

#define nitems(a)	(sizeof (a) / sizeof (a)[0])

static int
text_in(const struct text_range *r, size_t n, uint32_t cp)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (cp >= r[i].lo && cp <= r[i].hi)
			return 1;
	}
	return 0;
}

/* C0, DEL, C1, the line and paragraph separators, and bidi controls. */
static int
text_is_control(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 1;
	if (cp == 0x2028 || cp == 0x2029)
		return 1;
	return text_in(text_bidi, nitems(text_bidi), cp);
}


int
text_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len;
	uint32_t cp = 0;

	while (n > 0) {
		if ((len = utf8_decode(p, n, &cp)) == 0)
			return 0;
		p += len;
		n -= len;
	}
	return 1;
}

size_t
text_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	}
	return n;
}

const char *
text_check(const char *s, size_t min_chars, size_t max_chars)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, len, chars = 0;
	uint32_t cp = 0, first = 0;

	if (s == NULL || *s == '\0')
		return min_chars == 0 && s != NULL ? NULL : "text.empty";
	n = strlen(s);
	if (!text_utf8_valid(s, n))
		return "text.utf8";
	while (n > 0) {
		len = utf8_decode(p, n, &cp);
		if (text_is_control(cp))
			return "text.control";
		if (chars++ == 0)
			first = cp;
		p += len;
		n -= len;
	}
	if (text_in(text_spaces, nitems(text_spaces), first) ||
	    text_in(text_spaces, nitems(text_spaces), cp))
		return "text.spaces";
	if (chars < min_chars)
		return "text.too_short";
	if (chars > max_chars)
		return "text.too_long";
	return NULL;
}

/* Format characters (Cf) and the default-ignorable ones: drawn as nothing. */
static int
text_is_invisible(uint32_t cp)
{
	const utf8proc_property_t *pr = utf8proc_get_property((utf8proc_int32_t)cp);

	return pr->category == UTF8PROC_CATEGORY_CF || pr->ignorable ||
	    text_in(text_invisible, nitems(text_invisible), cp);
}

const char *
text_check_name(const char *s, size_t min_chars, size_t max_chars)
{
	const unsigned char *p = (const unsigned char *)s;
	const char *key;
	size_t n, len;
	uint32_t cp = 0;

	if ((key = text_check(s, min_chars, max_chars)) != NULL)
		return key;
	for (n = strlen(s); n > 0; p += len, n -= len) {
		len = utf8_decode(p, n, &cp);
		if (text_is_invisible(cp))
			return "text.invisible";
	}
	return NULL;
}

int
text_nfkc(char *dst, size_t len, const char *src)
{
	utf8proc_uint8_t *out;
	int rc;

	if (!text_utf8_valid(src, strlen(src)))
		return -1;
	if ((out = utf8proc_NFKC((const utf8proc_uint8_t *)src)) == NULL)
		return -1;
	rc = text_copy(dst, len, (const char *)out);
	sodium_memzero(out, strlen((const char *)out));	/* an ID number */
	free(out);
	return rc;
}

/*
 * The escaped form of the code point (or invalid byte) at p into buf; returns its
 * length. Anything printable is copied as it was.
 */
static size_t
text_escape(const unsigned char *p, size_t len, uint32_t cp, char *buf,
    size_t size)
{
	if (len == 0)
		return (size_t)snprintf(buf, size, "\\x%02X", p[0]);
	if (cp == '\\')
		return (size_t)snprintf(buf, size, "\\\\");
	if (cp < 0x20 || cp == 0x7F)
		return (size_t)snprintf(buf, size, "\\x%02X", (unsigned)cp);
	if (text_is_control(cp) ||
	    text_in(text_invisible, nitems(text_invisible), cp))
		return (size_t)snprintf(buf, size, "\\u%04X", (unsigned)cp);
	memcpy(buf, p, len);
	return len;
}

size_t
text_safe(const char *in, size_t inlen, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)in;
	char buf[16];
	size_t used = 0, len, elen;
	uint32_t cp = 0;

	if (outlen == 0)
		return 0;
	while (inlen > 0) {
		len = utf8_decode(p, inlen, &cp);
		elen = text_escape(p, len, cp, buf, sizeof buf);
		if (elen >= outlen - used)
			break;
		memcpy(out + used, buf, elen);
		used += elen;
		if (len == 0)
			len = 1;
		p += len;
		inlen -= len;
	}
	out[used] = '\0';
	return used;
}

static int
text_is_ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	    c == '\r';
}

int
text_trim(char *s)
{
	size_t start = 0, end = strlen(s);

	while (end > 0 && text_is_ascii_space(s[end - 1]))
		end--;
	while (start < end && text_is_ascii_space(s[start]))
		start++;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return (int)(end - start);
}

static int
text_cp_width(uint32_t cp)
{
	if (text_is_control(cp) ||
	    text_in(text_zero_width, nitems(text_zero_width), cp))
		return 0;
	if (text_in(text_wide, nitems(text_wide), cp))
		return 2;
	return 1;
}

int
text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), len;
	uint32_t cp = 0;
	int w = 0;

	while (n > 0) {
		if ((len = utf8_decode(p, n, &cp)) == 0) {
			w++;	/* a terminal shows a stray byte as one replacement mark */
			len = 1;
		} else
			w += text_cp_width(cp);
		p += len;
		n -= len;
	}
	return w;
}

int
text_copy(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (n >= len)
		return -1;
	memcpy(dst, src, n + 1);
	return 0;
}

int
text_copy_field(char *dst, size_t len, const char *src, const char *field,
    struct err *e)
{
	if (text_copy(dst, len, src) != 0)
		return err_set(e, ERR_INPUT, field, "text.too_long", NULL);
	return 0;
}

int
text_list_has(const char *list, const char *item)
{
	size_t n = strlen(item), len;
	const char *p;

	if (list == NULL || n == 0 || strchr(item, ',') != NULL)
		return 0;
	for (p = list;; p += len + 1) {
		len = strcspn(p, ",");
		if (len == n && memcmp(p, item, n) == 0)
			return 1;
		if (p[len] == '\0')
			return 0;
	}
}
