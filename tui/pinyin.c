/*
 * pinyin.c: the pinyin table. See pinyin.h.
 *
 * About 400 syllables and 9,000 characters: a sorted array searched by
 * halves, parsed once at start from text compiled into the program. The text
 * is the project's own, but it is parsed as if it were not: every syllable is
 * checked for length and letters and every character for being one a field
 * can hold, so a bad table is refused whole instead of offering garbage.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pinyin.h"
#include "tw.h"

struct pinyin_syllable {
	char		 letters[PINYIN_SYLLABLE_MAX + 1];
	uint32_t	*chars;		/* n code points, owned */
	size_t		 n;
};

struct pinyin {
	struct pinyin_syllable	*s;	/* sorted by letters */
	size_t			 n;
};

void
pinyin_free(struct pinyin *p)
{
	size_t	i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		free(p->s[i].chars);
	free(p->s);
	free(p);
}

/* The syllable at the start of a line: 0, or -1 if not 1..6 letters a-z then
 * a space. */
static int
pinyin_parse_letters(const char *line, size_t len, struct pinyin_syllable *s,
    size_t *off)
{
	size_t	i;

	for (i = 0; i < len && line[i] >= 'a' && line[i] <= 'z'; i++)
		if (i == PINYIN_SYLLABLE_MAX)
			return -1;
	if (i == 0 || i == len || line[i] != ' ')
		return -1;
	memcpy(s->letters, line, i);
	s->letters[i] = '\0';
	*off = i + 1;
	return 0;
}

/* Its characters, each two columns wide (a Han character). */
static int
pinyin_parse_chars(const char *text, size_t len, struct pinyin_syllable *s)
{
	size_t	off = 0, k;
	uint32_t cp;

	if ((s->chars = calloc(len / 3 + 1, sizeof *s->chars)) == NULL)
		return -1;
	while (off < len) {
		if ((k = tw_decode(text + off, len - off, &cp)) == 0 ||
		    tw_cpwidth(cp) != 2)
			return -1;
		s->chars[s->n++] = cp;
		off += k;
	}
	return s->n > 0 ? 0 : -1;
}

static int
pinyin_parse_line(struct pinyin *p, const char *line, size_t len)
{
	struct pinyin_syllable	*s = &p->s[p->n];
	size_t			 off;

	memset(s, 0, sizeof *s);
	if (pinyin_parse_letters(line, len, s, &off) != 0 ||
	    (p->n > 0 && strcmp(p->s[p->n - 1].letters, s->letters) >= 0) ||
	    pinyin_parse_chars(line + off, len - off, s) != 0) {
		free(s->chars);
		return -1;
	}
	p->n++;
	return 0;
}

struct pinyin *
pinyin_new(const char *text)
{
	struct pinyin	*p;
	const char	*line, *nl;
	size_t		 lines = 1, len;

	for (line = text; (nl = strchr(line, '\n')) != NULL; line = nl + 1)
		lines++;
	if ((p = calloc(1, sizeof *p)) == NULL ||
	    (p->s = calloc(lines, sizeof *p->s)) == NULL) {
		free(p);
		return NULL;
	}
	for (line = text; *line != '\0'; line += len + (line[len] == '\n')) {
		len = (nl = strchr(line, '\n')) != NULL ? (size_t)(nl - line) :
		    strlen(line);
		if (len == 0 || line[0] == '#')
			continue;
		if (pinyin_parse_line(p, line, len) != 0) {
			pinyin_free(p);
			return NULL;
		}
	}
	if (p->n == 0) {
		pinyin_free(p);
		return NULL;
	}
	return p;
}

static int
pinyin_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct pinyin_syllable *)elem)->letters);
}

size_t
pinyin_lookup(const struct pinyin *p, const char *letters, size_t len,
    size_t first, uint32_t *out, size_t max, size_t *used, size_t *total)
{
	const struct pinyin_syllable	*s = NULL;
	char				 key[PINYIN_SYLLABLE_MAX + 1];
	size_t				 k, n;

	*used = *total = 0;
	for (k = len < PINYIN_SYLLABLE_MAX ? len : PINYIN_SYLLABLE_MAX;
	    k > 0 && s == NULL; k--) {
		memcpy(key, letters, k);
		key[k] = '\0';
		s = bsearch(key, p->s, p->n, sizeof *p->s, pinyin_cmp);
	}
	if (s == NULL)
		return 0;
	*used = strlen(s->letters);
	*total = s->n;
	if (first >= s->n)
		return 0;
	n = s->n - first < max ? s->n - first : max;
	memcpy(out, s->chars + first, n * sizeof *out);
	return n;
}
