/*
 * tw.c: text width. See tw.h.
 */
#include "config.h"

#include <string.h>
#include <wchar.h>

#include "tw.h"
#include "utf8.h"

size_t
tw_decode(const char *s, size_t n, uint32_t *cp)
{
	size_t k = utf8_decode((const unsigned char *)s, n, cp);

	if (k == 0)
		*cp = TW_REPLACEMENT;
	return k;
}

int
tw_cpwidth(uint32_t cp)
{
	int	w;

	/* wcwidth() says -1 for controls and 0 for combining marks, bidi and other
	 * format characters: none of those may be stored or drawn as they are. */
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	w = wcwidth((wchar_t)cp);
	if (w < 1)
		return 0;
	return w > 2 ? 2 : w;
}

size_t
tw_fit(const char *s, int cols, int *used)
{
	size_t		 n = strlen(s), off = 0, k;
	uint32_t	 cp;
	int		 w, total = 0;

	while (off < n) {
		if ((k = tw_decode(s + off, n - off, &cp)) == 0)
			k = 1;
		if ((w = tw_cpwidth(cp)) == 0)
			w = 1;	/* drawn as TW_REPLACEMENT */
		if (total + w > cols)
			break;
		total += w;
		off += k;
	}
	if (used != NULL)
		*used = total;
	return off;
}

int
tw_width(const char *s)
{
	int	used;

	tw_fit(s, 1 << 30, &used);
	return used;
}

/* Characters that must not begin a line: they close what came before. */
static int
tw_closes(uint32_t cp)
{
	static const uint32_t closing[] = {
		0xFF0C, 0x3002, 0x3001, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0xFF09,
		0x300D, 0x300F, 0x3011, 0x201D, 0x2019, ',', '.', ':', ';', '!', '?',
		')', ']',
	};
	size_t i;

	for (i = 0; i < sizeof closing / sizeof closing[0]; i++) {
		if (closing[i] == cp)
			return 1;
	}
	return 0;
}

/* The code point at s + off (TW_REPLACEMENT for a stray byte). */
static uint32_t
tw_at(const char *s, size_t n, size_t off, size_t *len)
{
	uint32_t cp;

	if ((*len = tw_decode(s + off, n - off, &cp)) == 0)
		*len = 1;
	return cp;
}

/* Whether a line may end at off: after a space, or beside a wide character,
 * and not before a closing mark. */
static int
tw_breakable(const char *s, size_t n, size_t prev, size_t off)
{
	uint32_t a, b;
	size_t k;

	a = tw_at(s, n, prev, &k);
	b = tw_at(s, n, off, &k);
	if (b == ' ' || tw_closes(b))
		return b == ' ';
	return a == ' ' || tw_cpwidth(a) == 2 || tw_cpwidth(b) == 2;
}

size_t
tw_wrap(const char *s, int cols, size_t *next)
{
	size_t n = strlen(s), fit, off, prev, k, best = 0;
	const char *nl;

	if ((nl = memchr(s, '\n', n)) != NULL)
		n = (size_t)(nl - s);
	fit = tw_fit(s, cols, NULL);
	if (fit > n)
		fit = n;
	if (fit == n) {
		*next = n + (nl != NULL);
		return n;
	}
	/* The last break at or before the fit. */
	for (off = 0, prev = 0; off <= fit && off < n; prev = off, off += k) {
		tw_at(s, n, off, &k);
		if (off > 0 && tw_breakable(s, n, prev, off))
			best = off;
	}
	if (best == 0) {	/* one word wider than the line: cut it */
		tw_at(s, n, 0, &k);
		best = fit > 0 ? fit : k;
	}
	*next = best;
	while (s[*next] == ' ')
		(*next)++;
	while (best > 0 && s[best - 1] == ' ')
		best--;
	return best;
}

int
tw_wrap_lines(const char *s, int cols)
{
	size_t next;
	int lines = 0;

	while (*s != '\0') {
		tw_wrap(s, cols, &next);
		s += next;
		lines++;
	}
	return lines;
}
