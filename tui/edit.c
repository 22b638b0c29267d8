/*
 * edit.c: the editing model of a one-line field. See edit.h.
 *
 * Fields hold passwords and ID numbers: every buffer is cleared before it is
 * freed (explicit_bzero, which the compiler may not drop), so nothing typed
 * lingers in freed memory.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "tw.h"
#include "utf8.h"

/* U+FF01..U+FF5E are the full-width forms of ASCII '!'..'~'. */
#define EDIT_FULLWIDTH_FIRST	0xFF01
#define EDIT_FULLWIDTH_LAST	0xFF5E

static void
free_codes(uint32_t *p, size_t n)
{
	if (p == NULL)
		return;
	explicit_bzero(p, n * sizeof *p);
	free(p);
}

static void
free_text(char *s)
{
	if (s == NULL)
		return;
	explicit_bzero(s, strlen(s));
	free(s);
}

int
edit_init(struct edit *e, size_t max_chars)
{
	memset(e, 0, sizeof *e);
	if (max_chars == 0 || max_chars > EDIT_MAX_CHARS)
		return -1;
	if ((e->buf = calloc(max_chars, sizeof *e->buf)) == NULL)
		return -1;
	e->max = max_chars;
	return 0;
}

void
edit_free(struct edit *e)
{
	free_codes(e->buf, e->max);
	free_text(e->utf8);
	memset(e, 0, sizeof *e);
}

void
edit_set_alphabet(struct edit *e, const char *alphabet)
{
	e->alphabet = alphabet;
}

void
edit_set_masked(struct edit *e, int masked)
{
	e->masked = masked;
}

static void
edit_changed(struct edit *e)
{
	free_text(e->utf8);
	e->utf8 = NULL;
}

uint32_t
edit_accept(const struct edit *e, uint32_t cp)
{
	if (tw_cpwidth(cp) == 0)
		return 0;
	if (e->alphabet == NULL)
		return cp;
	/* A Chinese input method types full-width forms; NFKC makes them ASCII. */
	if (cp >= EDIT_FULLWIDTH_FIRST && cp <= EDIT_FULLWIDTH_LAST)
		cp -= EDIT_FULLWIDTH_FIRST - '!';
	if (cp >= 'a' && cp <= 'z' && strchr(e->alphabet, (int)cp) == NULL)
		cp -= 'a' - 'A';
	if (cp == 0 || cp > 0x7F || strchr(e->alphabet, (int)cp) == NULL)
		return 0;
	return cp;
}

int
edit_full(const struct edit *e)
{
	return e->len >= e->max;
}

int
edit_insert(struct edit *e, uint32_t cp)
{
	if ((cp = edit_accept(e, cp)) == 0 || e->len >= e->max)
		return 0;
	memmove(e->buf + e->cur + 1, e->buf + e->cur,
	    (e->len - e->cur) * sizeof *e->buf);
	e->buf[e->cur++] = cp;
	e->len++;
	edit_changed(e);
	return 1;
}

size_t
edit_insert_utf8(struct edit *e, const char *s)
{
	size_t		 n = strlen(s), off = 0, k, added = 0;
	uint32_t	 cp;

	while (off < n) {
		if ((k = tw_decode(s + off, n - off, &cp)) == 0) {
			off++;
			continue;
		}
		off += k;
		added += edit_insert(e, cp);
	}
	return added;
}

int
edit_set_utf8(struct edit *e, const char *s)
{
	uint32_t	*tmp, cp;
	size_t		 n = strlen(s), off = 0, k, len = 0;

	if ((tmp = calloc(e->max, sizeof *tmp)) == NULL)
		return -1;
	while (off < n) {
		if ((k = tw_decode(s + off, n - off, &cp)) == 0 ||
		    (cp = edit_accept(e, cp)) == 0 || len == e->max) {
			free_codes(tmp, e->max);
			return -1;
		}
		tmp[len++] = cp;
		off += k;
	}
	free_codes(e->buf, e->max);
	e->buf = tmp;
	e->len = e->cur = len;
	e->first = 0;
	edit_changed(e);
	return 0;
}

const char *
edit_utf8(struct edit *e)
{
	size_t	i, off = 0;

	if (e->utf8 != NULL)
		return e->utf8;
	if ((e->utf8 = malloc(e->len * 4 + 1)) == NULL)
		return NULL;
	for (i = 0; i < e->len; i++)
		off += utf8_encode(e->buf[i], (unsigned char *)e->utf8 + off);
	e->utf8[off] = '\0';
	return e->utf8;
}

int
edit_left(struct edit *e)
{
	if (e->cur == 0)
		return 0;
	e->cur--;
	return 1;
}

int
edit_right(struct edit *e)
{
	if (e->cur == e->len)
		return 0;
	e->cur++;
	return 1;
}

int
edit_home(struct edit *e)
{
	if (e->cur == 0)
		return 0;
	e->cur = 0;
	return 1;
}

int
edit_end(struct edit *e)
{
	if (e->cur == e->len)
		return 0;
	e->cur = e->len;
	return 1;
}

int
edit_backspace(struct edit *e)
{
	if (e->cur == 0)
		return 0;
	e->cur--;
	return edit_delete(e);
}

int
edit_delete(struct edit *e)
{
	if (e->cur == e->len)
		return 0;
	memmove(e->buf + e->cur, e->buf + e->cur + 1,
	    (e->len - e->cur - 1) * sizeof *e->buf);
	e->len--;
	edit_changed(e);
	return 1;
}

int
edit_clear(struct edit *e)
{
	if (e->len == 0)
		return 0;
	e->len = e->cur = e->first = 0;
	edit_changed(e);
	return 1;
}

int
edit_cpwidth(const struct edit *e, uint32_t cp)
{
	int	w;

	if (e->masked)
		return 1;
	return (w = tw_cpwidth(cp)) == 0 ? 1 : w;
}

/* Columns of characters [from, to). */
static int
edit_span(const struct edit *e, size_t from, size_t to)
{
	int	w = 0;

	while (from < to)
		w += edit_cpwidth(e, e->buf[from++]);
	return w;
}

size_t
edit_view(struct edit *e, int cols, size_t *ndraw, int *curcol)
{
	size_t	n;
	int	used, w;

	if (cols < 2)
		cols = 2;
	if (e->first > e->len)
		e->first = e->len;
	if (e->cur < e->first)
		e->first = e->cur;
	/* The cursor needs its own column when it sits after the last character. */
	while (e->first < e->cur && edit_span(e, e->first, e->cur) +
	    (e->cur < e->len ? edit_cpwidth(e, e->buf[e->cur]) : 1) > cols)
		e->first++;
	*curcol = edit_span(e, e->first, e->cur);
	for (n = 0, used = 0; e->first + n < e->len; n++) {
		w = edit_cpwidth(e, e->buf[e->first + n]);
		if (used + w > cols)
			break;
		used += w;
	}
	*ndraw = n;
	return e->first;
}
