/*
 * choice.c: the radio-style choice widget. See choice.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "choice.h"
#include "tty.h"
#include "tw.h"

#define CHOICE_MARK_COLS	4	/* "(*) " */
#define CHOICE_GAP		2

struct choice {
	struct widget	 super;
	char		*label;
	char		*option[CHOICE_MAX_OPTIONS];
	int		 n;
	int		 selected;
};

static int
choice_x0(const struct choice *c)
{
	return c->super.x + widget_label_cols(&c->super, c->super.w);
}

/* 1 if all options fit on one line from x0. */
static int
choice_one_line(const struct choice *c, int width)
{
	int	i, cols = 0;

	for (i = 0; i < c->n; i++)
		cols += CHOICE_MARK_COLS + tw_width(c->option[i]) +
		    (i > 0 ? CHOICE_GAP : 0);
	return cols <= width;
}

static void
choice_draw(struct widget *w)
{
	struct choice	*c = (struct choice *)w;
	int		 x0 = choice_x0(c), x = x0, y = w->y, i, room;
	int		 one = choice_one_line(c, w->x + w->w - x0);
	attr_t		 a;

	if (x0 > w->x)
		tty_put(w->y, w->x, x0 - w->x - 1, c->label,
		    tty_attr(TTY_LABEL));
	for (i = 0; i < c->n && y < w->y + w->h; i++) {
		room = w->x + w->w - x;
		a = tty_attr(i == c->selected && w->focused ? TTY_SELECT :
		    TTY_NORMAL);
		tty_put(y, x, room, i == c->selected ? "(*) " : "( ) ",
		    a | (i == c->selected ? A_BOLD : 0));
		if (i == c->selected && w->focused)
			tty_cursor(y, x + 1);
		x += CHOICE_MARK_COLS;
		x += tty_put(y, x, room - CHOICE_MARK_COLS, c->option[i],
		    a);
		if (one)
			x += CHOICE_GAP;
		else {
			x = x0;
			y++;
		}
	}
}

static enum widget_result
choice_move(struct choice *c, int to)
{
	if (to < 0 || to >= c->n || to == c->selected)
		return WIDGET_HANDLED;
	c->selected = to;
	return WIDGET_REDRAW;
}

static enum widget_result
choice_key(struct widget *w, const struct widget_key *k)
{
	struct choice	*c = (struct choice *)w;

	if (widget_key_fn(k, KEY_LEFT))
		return choice_move(c, c->selected - 1);
	if (widget_key_fn(k, KEY_RIGHT))
		return choice_move(c, c->selected + 1);
	if (k->fn || k->ch == '\t')
		return widget_key_focus(k);
	if (k->ch == ' ')
		return choice_move(c, (c->selected + 1) % c->n);
	if (k->ch >= '1' && k->ch <= '9')
		return choice_move(c, (int)(k->ch - '1'));
	return WIDGET_IGNORED;
}

static int
choice_height(struct widget *w, int width)
{
	struct choice	*c = (struct choice *)w;

	return (choice_one_line(c, width - widget_label_cols(w, width)) ? 1 :
	    c->n) + 1;
}

static void
choice_destroy(struct widget *w)
{
	struct choice	*c = (struct choice *)w;
	int		 i;

	for (i = 0; i < c->n; i++)
		free(c->option[i]);
	free(c->label);
	free(c);
}

static const struct widget_class choice_class = {
	.name = "choice",
	.focusable = 1,
	.draw = choice_draw,
	.key = choice_key,
	.height = choice_height,
	.destroy = choice_destroy,
};

struct choice *
choice_new(const char *label, const char *const *options, int n)
{
	struct choice	*c;

	if (n < 1 || n > CHOICE_MAX_OPTIONS ||
	    (c = calloc(1, sizeof *c)) == NULL)
		return NULL;
	widget_init(&c->super, &choice_class);
	if ((c->label = strdup(label)) == NULL) {
		free(c);
		return NULL;
	}
	c->super.label = c->label;
	for (c->n = 0; c->n < n; c->n++) {
		if ((c->option[c->n] = strdup(options[c->n])) == NULL) {
			choice_destroy(&c->super);
			return NULL;
		}
	}
	c->super.h = 2;
	return c;
}

struct widget *
choice_widget(struct choice *c)
{
	return &c->super;
}

int
choice_selected(const struct choice *c)
{
	return c->selected;
}

void
choice_select(struct choice *c, int i)
{
	if (i >= 0 && i < c->n)
		c->selected = i;
}
