/*
 * text.h: checking, measuring and safely printing UTF-8 text.
 *
 * Every free-text field (names, addresses, remarks) passes text_check() before it
 * is stored, and every untrusted byte string (a scanned code, a line of an imported
 * file) passes text_safe() before it reaches a terminal, so that an escape sequence
 * or a bidi override in the input can neither drive the terminal nor disguise what
 * is shown. text_width() gives the column width the TUI aligns Chinese text by; it
 * uses its own table because wcwidth() depends on the locale a test happens to run in.
 */
#ifndef JSD_TEXT_H
#define JSD_TEXT_H

#include <stddef.h>

#include "err.h"

/*
 * NULL if s is acceptable: valid UTF-8, no control characters (C0, DEL, C1, line
 * and paragraph separators) or bidi controls, no leading or trailing whitespace,
 * and min_chars..max_chars code points. Otherwise a message key: "text.empty",
 * "text.utf8", "text.control", "text.spaces", "text.too_short", "text.too_long".
 * An empty string is acceptable only when min_chars is 0.
 */
const char	*text_check(const char *s, size_t min_chars, size_t max_chars);
/* 1 if the n bytes at s are valid UTF-8 (no overlongs, surrogates, > U+10FFFF). */
int		 text_utf8_valid(const char *s, size_t n);
/* Code points in valid UTF-8; a stray byte of invalid UTF-8 counts as one. */
size_t		 text_chars(const char *s);
/*
 * Copies inlen bytes (NULs allowed) into out as printable UTF-8: controls and
 * invalid bytes become "\xNN", invisible format and bidi controls "\uXXXX", and
 * a backslash "\\". Stops before an escape or character that would not fit,
 * always NUL-terminates when outlen > 0, and returns the bytes written before
 * the NUL.
 */
size_t		 text_safe(const char *in, size_t inlen, char *out, size_t outlen);
/* Removes leading and trailing ASCII whitespace in place; returns the new length. */
int		 text_trim(char *s);
/* Terminal columns s takes: 2 for East Asian wide, 0 for combining, else 1. */
int		 text_width(const char *s);

/*
 * text_check() for a person's name, which must also look like what is stored:
 * format and other invisible characters (a zero-width space, a soft hyphen, a
 * joiner) are refused with "text.invisible", since two names differing only by
 * one would look the same on every screen. The middle dot of minority names
 * (U+00B7, 阿卜杜·热合曼) is punctuation, not a format character, and characters
 * outside the BMP (rare characters of names) are kept.
 */
const char	*text_check_name(const char *s, size_t min_chars, size_t max_chars);
/*
 * NFKC of src into dst of len bytes: full-width digits and letters from a Chinese
 * input method ("１１０１") become ASCII, which is what identifiers are made of.
 * -1, leaving dst as it was, when src is not valid UTF-8 or the result does not
 * fit (or memory ran out).
 */
int		 text_nfkc(char *dst, size_t len, const char *src);

/*
 * Whether item is one of the items of a comma-separated list (a user's matters,
 * JSD_DOCTOR_SKIP): whole items only ("sign" is not in "signer"), no copy and
 * so no length limit. An empty item, or one with a comma, is in no list; a
 * NULL list holds nothing.
 */
int		 text_list_has(const char *list, const char *item);

/* Copies src into dst of len bytes; -1, leaving dst as it was, when it does
 * not fit: a value cut short must never pass for the whole one. */
int		 text_copy(char *dst, size_t len, const char *src);
/* The same for a form field: an ERR_INPUT naming field when it does not fit. */
int		 text_copy_field(char *dst, size_t len, const char *src,
		    const char *field, struct err *);

#endif
