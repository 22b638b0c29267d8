/*
 * form.h: a vertical list of widgets (fields, choices, a list) with labels in
 * one column, and the focus moving between them.
 *
 * The form owns the widgets added to it; the caller keeps the pointers to read
 * the values after the loop ends. Tab, Down and Enter move to the next widget,
 * Shift-Tab and Up to the previous (wrapping, except Enter). The widget left is
 * told so (a field then runs its check and shows the reason under itself; the
 * focus moves on anyway, and nothing typed is lost). Enter on the last widget or
 * the submit key (F10 unless set) submits, as does a widget that answers
 * WIDGET_DONE (Enter on a list): every widget is checked, and if one
 * is wrong the focus goes to the first wrong one; else the form answers
 * WIDGET_DONE. When the widgets do not fit, the form scrolls to keep the
 * focused one whole.
 */
#ifndef JSD_FORM_H
#define JSD_FORM_H

#include "widget.h"

#define FORM_MAX_ITEMS		32
#define FORM_MAX_LABEL_COLS	24

struct form;

struct form	*form_new(void);
struct widget	*form_widget(struct form *);
/* Takes w (also on failure, when it is freed): 0, or -1 if the form is full. */
int		 form_add(struct form *, struct widget *w);
/* A KEY_* code (e.g. KEY_F(10)) or 0 for none. */
void		 form_set_submit_key(struct form *, int code);
/* Moves the focus to w (a widget of this form); no check runs. */
void		 form_focus(struct form *, struct widget *w);
struct widget	*form_focused(const struct form *);
/* Checks every widget: 0, or -1 with the focus on the first wrong one. */
int		 form_check(struct form *);

#endif
