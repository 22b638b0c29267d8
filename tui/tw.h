/*
 * tw.h: text width, the column arithmetic every widget aligns by.
 *
 * Widgets measure and cut UTF-8 with wcwidth(), the same function ncurses uses
 * to place wide characters, so what is measured is what ncurses draws (2 columns
 * for Chinese, 1 for ASCII). That needs a UTF-8 LC_CTYPE, which the program sets
 * and tty_init() checks. The UTF-8 decoder here is strict and does not depend
 * on the locale: invalid bytes, controls and zero-width or non-printing
 * characters are never drawn as they are; the drawing helpers show them as '?'
 * (one column), so untrusted text can neither drive the terminal nor shift a
 * layout. No ncurses here.
 */
#ifndef JSD_TW_H
#define JSD_TW_H

#include <stddef.h>
#include <stdint.h>

#define TW_REPLACEMENT	'?'

/*
 * Decodes one code point from the n bytes at s into *cp: the bytes used (1..4),
 * or 0 if s does not start with valid UTF-8 (overlong, surrogate, truncated,
 * above U+10FFFF); then *cp is TW_REPLACEMENT and the caller skips one byte.
 */
size_t	tw_decode(const char *s, size_t n, uint32_t *cp);
/* 1 or 2 for a character that may be shown and stored; 0 if it may not
 * (control, bidi or other zero-width format, unassigned, invalid). */
int	tw_cpwidth(uint32_t cp);
/* Columns s takes when drawn (a refused character or stray byte counts 1). */
int	tw_width(const char *s);
/* Bytes of the longest prefix of s that fits in cols columns, whole
 * characters only; *used (if not NULL) gets that prefix's width. */
size_t	tw_fit(const char *s, int cols, int *used);

/*
 * Wrapping: the bytes of s that make its next line at cols columns, so that
 * a message is never cut. A line ends at a newline, after a space or between
 * two characters of which one is wide (Chinese breaks between any two),
 * never inside a Latin word unless the word alone is wider than cols, and
 * never puts closing punctuation (，。、：；！？） and their ASCII kin) at the
 * start of the next line. *next gets the offset where the next line starts
 * (the spaces or newline at the break skipped). 0 bytes only at the end.
 */
size_t	tw_wrap(const char *s, int cols, size_t *next);
/* Lines s takes wrapped at cols columns. */
int	tw_wrap_lines(const char *s, int cols);

#endif
