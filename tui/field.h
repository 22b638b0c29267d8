/*
 * field.h: a one-line text field with a label, the editing of edit.c, and the
 * check that runs when the person leaves it.
 *
 * The field takes two lines: the label and input area, and under the input the
 * check's message (in TTY_ERROR) or else the hint. The message is the caller's
 * text, already translated; the check never changes the value, so whatever was
 * typed is still there when the message shows. Keys: characters insert (refused
 * ones are swallowed), Left/Right, Home/End and Ctrl-A/Ctrl-E, Backspace,
 * Delete and Ctrl-D, Ctrl-U clears; Tab, Down and Enter move on, Shift-Tab and
 * Up move back. Other control keys (Ctrl-C, ...) are ignored.
 */
#ifndef JSD_FIELD_H
#define JSD_FIELD_H

#include <stddef.h>

#include "widget.h"

/* NULL if utf8 is acceptable, else the message to show (caller's text,
 * which must stay valid until the next check). */
typedef const char *(*field_check_fn)(const char *utf8, void *arg);

struct field;

/* label is copied; max_chars as edit_init(). NULL on failure. */
struct field	*field_new(const char *label, size_t max_chars);
struct widget	*field_widget(struct field *);
/* Only these ASCII characters (borrowed, e.g. "0123456789X"), letters
 * upper-cased when only the upper case is listed. NULL: any printable. */
void		 field_set_alphabet(struct field *, const char *alphabet);
/* Lower-case letters compose Chinese characters by their pinyin (pinyin.h;
 * borrowed, NULL: off): digits pick, Space takes the first, '-' and '='
 * turn pages, Backspace and Esc undo, Enter types the letters themselves.
 * Only for a field of any printable text, not masked: set after those. */
struct pinyin;
void		 field_set_pinyin(struct field *, const struct pinyin *);
/* Shows '*' for each character (a password). */
void		 field_set_masked(struct field *, int);
void		 field_set_check(struct field *, field_check_fn, void *arg);
/* Shown under the input when there is no message (copied; NULL: none). */
int		 field_set_hint(struct field *, const char *hint);

/* Shown (as a message) when a character is typed or pasted into the full
 * field, instead of dropping it in silence (copied; NULL: silent). */
int		 field_set_full(struct field *, const char *msg);

/* 0, or -1 (value unchanged) if utf8 is not acceptable as a whole. */
int		 field_set_value(struct field *, const char *utf8);
/* The value as UTF-8, owned by the field, valid until it changes. */
const char	*field_value(struct field *);
/* Runs the check now: 0 if valid (message cleared), -1 if not. */
int		 field_check(struct field *);
/* The message shown, or NULL. */
const char	*field_error(const struct field *);
/* Shows a message the caller found (copied; NULL clears). 0 or -1. */
int		 field_set_error(struct field *, const char *msg);

#endif
