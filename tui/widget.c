/*
 * widget.c: dispatch to a widget's class. See widget.h.
 */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "widget.h"

void
widget_init(struct widget *w, const struct widget_class *cls)
{
	memset(w, 0, sizeof *w);
	w->cls = cls;
}

void
widget_place(struct widget *w, int y, int x, int h, int wd)
{
	w->y = y;
	w->x = x;
	w->h = h < 0 ? 0 : h;
	w->w = wd < 0 ? 0 : wd;
}

void
widget_draw(struct widget *w)
{
	if (w->cls->draw != NULL && w->h > 0 && w->w > 0)
		w->cls->draw(w);
}

enum widget_result
widget_key(struct widget *w, const struct widget_key *k)
{
	if (w->cls->key == NULL)
		return WIDGET_IGNORED;
	return w->cls->key(w, k);
}

int
widget_height(struct widget *w, int width)
{
	if (w->cls->height == NULL)
		return w->h;
	return w->cls->height(w, width);
}

enum widget_result
widget_focus(struct widget *w, int on)
{
	w->focused = on;
	if (w->cls->focus == NULL)
		return WIDGET_HANDLED;
	return w->cls->focus(w, on);
}

int
widget_focusable(const struct widget *w)
{
	return w->cls->focusable && w->cls->key != NULL;
}

int
widget_check(struct widget *w)
{
	if (w->cls->check == NULL)
		return 0;
	return w->cls->check(w);
}

void
widget_free(struct widget *w)
{
	if (w != NULL)
		w->cls->destroy(w);
}

int
widget_key_fn(const struct widget_key *k, int code)
{
	return k->fn && k->ch == (uint32_t)code;
}

int
widget_key_char(const struct widget_key *k, uint32_t ch)
{
	return !k->fn && k->ch == ch;
}

int
widget_label_cols(const struct widget *w, int width)
{
	int	lw = w->label_w > width / 2 ? width / 2 : w->label_w;

	return lw > 0 ? lw + 1 : 0;
}

enum widget_result
widget_key_focus(const struct widget_key *k)
{
	if (!k->fn)
		return k->ch == '\t' ? WIDGET_FOCUS_NEXT : WIDGET_IGNORED;
	switch (k->ch) {
	case KEY_ENTER:
	case KEY_DOWN:
		return WIDGET_FOCUS_NEXT;
	case KEY_BTAB:
	case KEY_UP:
		return WIDGET_FOCUS_PREV;
	}
	return WIDGET_IGNORED;
}
