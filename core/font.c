/*
 * font.c: GNU Unifont's .hex glyphs, drawn into pictures.
 *
 * A receipt printer is sent the ticket's text as a picture, so that any
 * printer prints Chinese whatever fonts it has built in (few have GB18030).
 * Unifont is a bitmap font with every BMP character, one line a glyph in a
 * plain text file ("4E2D:" then 32 or 64 hex digits, rows top to bottom),
 * so drawing needs no rasterizer: a glyph's bits are its dots. A ticket uses
 * a few dozen characters of 57,000, so a load keeps only those the text asks
 * for, read in one pass over the file.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "font.h"
#include "utf8.h"

#define FONT_MISSING	'?'

static int
font_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct font_glyph *)a)->cp,
	    y = ((const struct font_glyph *)b)->cp;

	return x < y ? -1 : x > y;
}

static const struct font_glyph *
font_find(const struct font *f, uint32_t cp)
{
	struct font_glyph key = { .cp = cp };
	const struct font_glyph *g;

	g = bsearch(&key, f->glyphs, f->n, sizeof *f->glyphs, font_cmp);
	if (g != NULL && g->width != 0)
		return g;
	if (cp == FONT_MISSING)
		return NULL;
	return font_find(f, FONT_MISSING);
}

/* The distinct characters of text and '?', sorted, width 0 until loaded. */
static int
font_wanted(struct font *f, const char *text, struct err *e)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t len = strlen(text), used, i;
	uint32_t cp = FONT_MISSING;

	for (;;) {
		for (i = 0; i < f->n && f->glyphs[i].cp != cp; i++)
			;
		if (i == f->n) {
			if (f->n == FONT_MAX_GLYPHS)
				return err_set(e, ERR_INPUT, NULL, "font.text",
				    "more than %d characters", FONT_MAX_GLYPHS);
			f->glyphs[f->n++].cp = cp;
		}
		if (len == 0)
			break;
		if ((used = utf8_decode(p, len, &cp)) == 0)
			return err_set(e, ERR_INPUT, NULL, "font.text", "not UTF-8");
		p += used;
		len -= used;
	}
	qsort(f->glyphs, f->n, sizeof *f->glyphs, font_cmp);
	return 0;
}

static int
font_hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ?
	    c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* One line of the file into its glyph, when the text asks for it. */
static void
font_line(struct font *f, const char *line)
{
	struct font_glyph key, *g;
	const char *hex;
	char *end;
	size_t n, i;
	int hi, lo;

	key.cp = (uint32_t)strtoul(line, &end, 16);
	if (*end != ':' || end == line)
		return;
	hex = end + 1;
	n = strspn(hex, "0123456789ABCDEFabcdef");
	if ((n != 32 && n != 64) || (g = bsearch(&key, f->glyphs, f->n,
	    sizeof *f->glyphs, font_cmp)) == NULL)
		return;
	g->width = (uint8_t)(n / 4);
	for (i = 0; i < n / 2; i++) {
		hi = font_hex(hex[2 * i]);
		lo = font_hex(hex[2 * i + 1]);
		g->rows[n == 32 ? i : i / 2][n == 32 ? 0 : i % 2] =
		    (uint8_t)(hi << 4 | lo);
	}
}

int
font_load(struct font *f, const char *path, const char *text, struct err *e)
{
	char line[160];
	FILE *fp;
	int failed;

	memset(f, 0, sizeof *f);
	if (font_wanted(f, text, e) != 0)
		return -1;
	if ((fp = fopen(path, "r")) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "font.unreadable", "%s: %s",
		    path, strerror(errno));
	while (fgets(line, sizeof line, fp) != NULL)
		font_line(f, line);
	failed = ferror(fp);
	fclose(fp);
	if (failed)
		return err_set(e, ERR_SYSTEM, NULL, "font.unreadable", "%s: read error",
		    path);
	return 0;
}

/* The glyph of the character at *p, advancing past it; NULL for none. */
static const struct font_glyph *
font_next(const struct font *f, const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint32_t cp = FONT_MISSING;
	size_t used = utf8_decode(s, strlen(*p), &cp);

	*p += used > 0 ? used : 1;
	return font_find(f, cp);
}

static int
font_advance(const struct font_glyph *g, int scale)
{
	return (g != NULL ? g->width : 8) * scale;
}

int
font_width(const struct font *f, const char *text, int scale)
{
	int w = 0;

	while (*text != '\0')
		w += font_advance(font_next(f, &text), scale);
	return w;
}

static void
font_dot(struct image *img, int x, int y, int scale)
{
	int i, j;

	for (j = 0; j < scale; j++)
		for (i = 0; i < scale; i++)
			if (x + i >= 0 && x + i < img->width && y + j >= 0 &&
			    y + j < img->height)
				img->gray[(size_t)(y + j) * img->width + x + i] = 0;
}

static void
font_glyph_draw(const struct font_glyph *g, struct image *img, int x, int y,
    int scale)
{
	int r, c;

	for (r = 0; r < FONT_HEIGHT; r++)
		for (c = 0; c < g->width; c++)
			if (g->rows[r][c / 8] & (0x80 >> (c % 8)))
				font_dot(img, x + c * scale, y + r * scale, scale);
}

void
font_draw(const struct font *f, struct image *img, int x, int y,
    const char *text, int scale)
{
	const struct font_glyph *g;

	while (*text != '\0') {
		if ((g = font_next(f, &text)) != NULL)
			font_glyph_draw(g, img, x, y, scale);
		x += font_advance(g, scale);
	}
}

size_t
font_fit(const struct font *f, const char *text, int width, int scale)
{
	const char *p = text, *space = NULL;
	int w = 0;

	while (*p != '\0') {
		const char *start = p;

		w += font_advance(font_next(f, &p), scale);
		if (w > width && start > text)
			return space != NULL ? (size_t)(space - text) :
			    (size_t)(start - text);
		if (*start == ' ' && start > text)
			space = start;
	}
	return (size_t)(p - text);
}
