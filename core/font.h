/*
 * font.h: a bitmap font for drawing text into pictures (struct image), for
 * what a printer prints as a picture: GNU Unifont's .hex glyphs, 16 dots
 * tall, 8 wide (most scripts) or 16 wide (CJK), covering the whole BMP.
 */
#ifndef JSD_FONT_H
#define JSD_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "image.h"

#define FONT_HEIGHT	16
#define FONT_MAX_GLYPHS	512	/* distinct characters one load may ask for */

struct font_glyph {
	uint32_t	 cp;
	uint8_t		 width;		/* 8 or 16 */
	uint8_t		 rows[FONT_HEIGHT][2];
};

struct font {
	struct font_glyph	 glyphs[FONT_MAX_GLYPHS];	/* by code point */
	size_t			 n;
};

/* Loads from the .hex file at path the glyphs of the characters in text
 * (UTF-8), and of '?' that stands in for a missing one. Errors: ERR_SYSTEM
 * "font.unreadable"; ERR_INPUT "font.text" (text not UTF-8, or too many
 * distinct characters). */
int	font_load(struct font *, const char *path, const char *text, struct err *);
/* The width in dots of text at scale (each dot drawn scale x scale). */
int	font_width(const struct font *, const char *text, int scale);
/* Draws text in black at (x, y), its top left, clipped to the picture. */
void	font_draw(const struct font *, struct image *, int x, int y,
	    const char *text, int scale);
/* How many bytes of text fit in width dots at scale, ending at a space when
 * one is in that part and the rest would not fit; at least one character. */
size_t	font_fit(const struct font *, const char *text, int width, int scale);

#endif
