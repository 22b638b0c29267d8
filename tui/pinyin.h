/*
 * pinyin.h: typing Chinese by its pinyin, with no ncurses and no input method
 * framework.
 *
 * A kiosk runs full screen under a compositor that has no input method (cage),
 * yet an applicant must type a Chinese name. A field given a pinyin table
 * (field_set_pinyin) composes lower-case letters and offers the characters
 * read so; this is the table and its lookup. The table is text, one syllable a
 * line followed by its characters, the likeliest first (assets/pinyin/).
 *
 * Letters are looked up by their longest prefix that is a syllable, so a whole
 * name typed at once ("zhangsan") is offered syllable by syllable: the
 * characters of "zhang", then, once one is chosen, those of "san".
 */
#ifndef JSD_PINYIN_H
#define JSD_PINYIN_H

#include <stddef.h>
#include <stdint.h>

#define PINYIN_SYLLABLE_MAX	6	/* "zhuang", "shuang" */
#define PINYIN_LETTERS_MAX	32	/* letters one composition holds */

struct pinyin;

/* Parses a table (NUL-terminated text); NULL if it is malformed or memory ran
 * out. Lines starting with '#' are comments. */
struct pinyin	*pinyin_new(const char *text);
void		 pinyin_free(struct pinyin *);

/*
 * The characters of the longest syllable that starts letters (len letters,
 * 'a'..'z'): writes at most max of them, from the first-th on, into out and
 * returns how many it wrote; *used gets that syllable's length and *total its
 * number of characters (both 0 when no prefix is a syllable).
 */
size_t		 pinyin_lookup(const struct pinyin *, const char *letters,
		    size_t len, size_t first, uint32_t *out, size_t max,
		    size_t *used, size_t *total);

#endif
