/*
 * choice.h: a radio-style choice between a few options, with a label.
 *
 * The options sit on one line when they fit ("(*) one  ( ) two"), else one a
 * line; a blank line follows, like a field's message line, so a form keeps its
 * rhythm. Left/Right select the previous/next option, Space the next (wrapping),
 * 1..9 an option directly; Tab, Down and Enter move on, Shift-Tab and Up back.
 */
#ifndef JSD_CHOICE_H
#define JSD_CHOICE_H

#include "widget.h"

#define CHOICE_MAX_OPTIONS	9

struct choice;

/* label and the n (1..CHOICE_MAX_OPTIONS) options are copied; the first is
 * selected. NULL on failure. */
struct choice	*choice_new(const char *label, const char *const *options, int n);
struct widget	*choice_widget(struct choice *);
int		 choice_selected(const struct choice *);
/* Ignored when i is out of range. */
void		 choice_select(struct choice *, int i);

#endif
