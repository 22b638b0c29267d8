/*
 * edit.h: the editing model of a one-line text field, with no ncurses.
 *
 * The text is an array of code points, so the cursor moves by character and
 * Backspace removes a whole Chinese character, never a byte of one. Every stored
 * character is printable with a width of 1 or 2 columns (tw_cpwidth()), so the
 * column arithmetic for scrolling is exact; controls, bidi and zero-width
 * characters are refused on the way in, whether typed, pasted or set. An optional
 * alphabet (ASCII) restricts what is accepted and upper-cases letters the
 * alphabet has only in upper case ("0123456789X" takes 'x' as 'X'); it takes
 * the full-width forms a Chinese input method types ("１", "Ｘ") as their ASCII.
 *
 * Display: edit_view() scrolls so that the cursor stays inside a given number
 * of columns, keeping a wide character whole. field.c draws what it says.
 */
#ifndef JSD_EDIT_H
#define JSD_EDIT_H

#include <stddef.h>
#include <stdint.h>

#define EDIT_MAX_CHARS	1024

struct edit {
	uint32_t	*buf;		/* len code points, owned */
	size_t		 len;
	size_t		 max;		/* characters, at most EDIT_MAX_CHARS */
	size_t		 cur;		/* cursor: index of the character after it */
	size_t		 first;		/* first character shown */
	const char	*alphabet;	/* NULL: any printable; borrowed */
	int		 masked;	/* each character shown as one column */
	char		*utf8;		/* cached value, owned; NULL when stale */
};

/* 0, or -1 when max_chars is 0 or above EDIT_MAX_CHARS or memory ran out. */
int		 edit_init(struct edit *, size_t max_chars);
void		 edit_free(struct edit *);
/* The allowed characters (ASCII, borrowed; NULL for any printable). */
void		 edit_set_alphabet(struct edit *, const char *alphabet);
void		 edit_set_masked(struct edit *, int);

/* cp as accepted (after upper-casing), or 0 if the field refuses it. */
uint32_t	 edit_accept(const struct edit *, uint32_t cp);
/* 1 when the field holds its maximum: nothing more can be inserted. */
int		 edit_full(const struct edit *);
/* Inserts at the cursor: 1 if inserted, 0 if refused or full. */
int		 edit_insert(struct edit *, uint32_t cp);
/* Inserts each acceptable character of UTF-8 text (a paste); the others and
 * what does not fit are dropped. Returns the characters inserted. */
size_t		 edit_insert_utf8(struct edit *, const char *s);
/* Replaces the text: 0, or -1 (text unchanged) if s is not valid UTF-8, holds
 * a refused character or is longer than the field. The cursor goes to the end. */
int		 edit_set_utf8(struct edit *, const char *s);
/* The text as UTF-8, owned by the edit, valid until the next change; NULL only
 * if memory ran out. */
const char	*edit_utf8(struct edit *);

/* Each returns 1 if something changed (text or cursor), 0 otherwise. */
int		 edit_left(struct edit *);
int		 edit_right(struct edit *);
int		 edit_home(struct edit *);
int		 edit_end(struct edit *);
int		 edit_backspace(struct edit *);
int		 edit_delete(struct edit *);
int		 edit_clear(struct edit *);

/* Columns one character takes on screen. */
int		 edit_cpwidth(const struct edit *, uint32_t cp);
/*
 * Scrolls for a view cols wide (cols >= 2) so the cursor is visible, and
 * returns the index of the first character to draw; *ndraw gets how many
 * characters fit and *curcol the cursor's column in the view.
 */
size_t		 edit_view(struct edit *, int cols, size_t *ndraw, int *curcol);

#endif
