/*
 * form.c: the form widget. See form.h.
 *
 * Coordinates: each item has a virtual line (vy) in the form's own column,
 * computed from the heights its widgets ask for at the form's width; top is the
 * first virtual line shown. Items are placed on the screen when drawn, so a
 * resize or a scroll only needs a redraw.
 */
#include "config.h"

#include <stdlib.h>

#include "form.h"
#include "tty.h"
#include "tw.h"

struct form {
	struct widget	 super;
	struct widget	*item[FORM_MAX_ITEMS];
	int		 vy[FORM_MAX_ITEMS];
	int		 vh[FORM_MAX_ITEMS];
	int		 n;
	int		 focus;		/* index, -1 if nothing focusable */
	int		 top;
	int		 submit_key;
};

static void
form_measure(struct form *f)
{
	int	i, y = 0, lw = 0, wd;

	for (i = 0; i < f->n; i++) {
		if (f->item[i]->label != NULL &&
		    (wd = tw_width(f->item[i]->label)) > lw)
			lw = wd;
	}
	if (lw > FORM_MAX_LABEL_COLS)
		lw = FORM_MAX_LABEL_COLS;
	for (i = 0; i < f->n; i++) {
		f->item[i]->label_w = lw;
		f->vy[i] = y;
		f->vh[i] = widget_height(f->item[i], f->super.w);
		y += f->vh[i];
	}
}

/* Scrolls so the focused item is whole (or its top shown, if taller). */
static void
form_scroll(struct form *f)
{
	int	h = f->super.h, i = f->focus;

	if (i < 0)
		return;
	if (f->vy[i] + f->vh[i] > f->top + h)
		f->top = f->vy[i] + f->vh[i] - h;
	if (f->vy[i] < f->top)
		f->top = f->vy[i];
	if (f->top < 0)
		f->top = 0;
}

static void
form_draw(struct widget *w)
{
	struct form	*f = (struct form *)w;
	struct widget	*it;
	int		 i, y;

	form_measure(f);
	form_scroll(f);
	for (i = 0; i < f->n; i++) {
		it = f->item[i];
		y = f->vy[i] - f->top;
		if (y < 0 || y + f->vh[i] > w->h) {
			widget_place(it, -1, -1, 0, 0);
			continue;
		}
		widget_place(it, w->y + y, w->x, f->vh[i], w->w);
		widget_draw(it);
	}
	/* Say there is more above or below (plain ASCII: no width doubts). */
	if (f->top > 0)
		tty_put(w->y, w->x + w->w - 1, 1, "^",
		    tty_attr(TTY_HINT));
	if (f->n > 0 && f->vy[f->n - 1] + f->vh[f->n - 1] > f->top + w->h)
		tty_put(w->y + w->h - 1, w->x + w->w - 1, 1, "v",
		    tty_attr(TTY_HINT));
}

/* The next (dir 1) or previous (-1) focusable item from i, or -1. */
static int
form_step(const struct form *f, int i, int dir, int wrap)
{
	int	k;

	for (k = 0; k < f->n; k++) {
		i += dir;
		if (i < 0 || i >= f->n) {
			if (!wrap)
				return -1;
			i = i < 0 ? f->n - 1 : 0;
		}
		if (widget_focusable(f->item[i]))
			return i;
	}
	return -1;
}

static void
form_move(struct form *f, int to)
{
	if (to < 0 || to == f->focus)
		return;
	if (f->focus >= 0)
		widget_focus(f->item[f->focus], 0);
	f->focus = to;
	widget_focus(f->item[to], 1);
}

static enum widget_result
form_submit(struct form *f)
{
	if (form_check(f) == 0)
		return WIDGET_DONE;
	return WIDGET_REDRAW;
}

static enum widget_result
form_key(struct widget *w, const struct widget_key *k)
{
	struct form		*f = (struct form *)w;
	enum widget_result	 r = WIDGET_IGNORED;
	int			 next;

	if (f->focus >= 0)
		r = widget_key(f->item[f->focus], k);
	switch (r) {
	case WIDGET_FOCUS_NEXT:
		next = form_step(f, f->focus, 1, 0);
		if (next < 0 && widget_key_fn(k, KEY_ENTER))
			return form_submit(f);
		form_move(f, next < 0 ? form_step(f, f->focus, 1, 1) : next);
		return WIDGET_REDRAW;
	case WIDGET_FOCUS_PREV:
		form_move(f, form_step(f, f->focus, -1, 1));
		return WIDGET_REDRAW;
	case WIDGET_DONE:
		/* A child that finishes (Enter on a list) submits the form. */
		return form_submit(f);
	case WIDGET_IGNORED:
		if (f->submit_key != 0 && widget_key_fn(k, f->submit_key))
			return form_submit(f);
		return WIDGET_IGNORED;
	default:
		return r;
	}
}

static enum widget_result
form_focus_cb(struct widget *w, int on)
{
	struct form	*f = (struct form *)w;

	if (f->focus >= 0)
		return widget_focus(f->item[f->focus], on);
	return WIDGET_HANDLED;
}

static int
form_check_cb(struct widget *w)
{
	return form_check((struct form *)w);
}

static void
form_destroy(struct widget *w)
{
	struct form	*f = (struct form *)w;
	int		 i;

	for (i = 0; i < f->n; i++)
		widget_free(f->item[i]);
	free(f);
}

static const struct widget_class form_class = {
	.name = "form",
	.focusable = 1,
	.draw = form_draw,
	.key = form_key,
	.focus = form_focus_cb,
	.check = form_check_cb,
	.destroy = form_destroy,
};

struct form *
form_new(void)
{
	struct form	*f;

	if ((f = calloc(1, sizeof *f)) == NULL)
		return NULL;
	widget_init(&f->super, &form_class);
	f->focus = -1;
	f->submit_key = KEY_F(10);
	return f;
}

struct widget *
form_widget(struct form *f)
{
	return &f->super;
}

int
form_add(struct form *f, struct widget *w)
{
	if (f->n == FORM_MAX_ITEMS) {
		widget_free(w);
		return -1;
	}
	f->item[f->n++] = w;
	if (f->focus < 0 && widget_focusable(w)) {
		f->focus = f->n - 1;
		w->focused = 1;
	}
	return 0;
}

void
form_set_submit_key(struct form *f, int code)
{
	f->submit_key = code;
}

void
form_focus(struct form *f, struct widget *w)
{
	int	i;

	for (i = 0; i < f->n; i++) {
		if (f->item[i] != w || !widget_focusable(w))
			continue;
		if (f->focus >= 0)
			f->item[f->focus]->focused = 0;
		f->focus = i;
		w->focused = 1;
		return;
	}
}

struct widget *
form_focused(const struct form *f)
{
	return f->focus < 0 ? NULL : f->item[f->focus];
}

int
form_check(struct form *f)
{
	int	i, bad = -1;

	for (i = 0; i < f->n; i++) {
		if (widget_check(f->item[i]) != 0 && bad < 0)
			bad = i;
	}
	if (bad < 0)
		return 0;
	form_focus(f, f->item[bad]);
	return -1;
}
