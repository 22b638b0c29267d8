/*
 * utf8.h: the strict UTF-8 decoder and encoder, one copy for the whole tree.
 *
 * core/base/ is the one folder that both core/ and tui/ may include: the
 * terminal must decode what it draws exactly as the core decodes what it
 * validates and stores, without either layer linking the other, so this is
 * header-only. Strict, as RFC 3629 says: overlong forms, surrogates,
 * truncated sequences and code points above U+10FFFF are refused, so a text
 * that passes here means the same to every reader of it.
 */
#ifndef JSD_UTF8_H
#define JSD_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from the n bytes at p into *cp: the bytes used
 * (1..4), or 0 (and *cp untouched) when p does not start a valid sequence. */
static inline size_t
utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c, min;

	if (n == 0)
		return 0;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2; c &= 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; c &= 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; c &= 0x07; min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Writes cp as UTF-8 to out (room for 4 bytes): the bytes written, or 0 for
 * a surrogate or a value above U+10FFFF, which have no UTF-8 form. */
static inline size_t
utf8_encode(uint32_t cp, unsigned char *out)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xC0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xE0 | (cp >> 12));
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return 0;
	out[0] = (unsigned char)(0xF0 | (cp >> 18));
	out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

#endif
