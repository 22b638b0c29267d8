/*
 * list.c: the list widget. See list.h.
 *
 * shown[] maps the rows on screen (after the filter) to row indexes; sel and
 * top are positions in shown[], so moving and scrolling never look at hidden
 * rows.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "list.h"
#include "tty.h"

struct list {
	struct widget	 super;
	int		 ncols;
	char		*title[LIST_MAX_COLS];
	int		 width[LIST_MAX_COLS];
	char		**cell;		/* nrows * ncols, owned */
	int		 nrows, cap;
	int		*shown;		/* nshown row indexes, owned */
	int		 nshown;
	char		*filter;
	int		 sel, top;
	int		 lines;
};

static int
list_has_header(const struct list *l)
{
	return l->title[0] != NULL;
}

/* Rows that fit under the header. */
static int
list_page(const struct list *l)
{
	int	n = l->super.h - list_has_header(l);

	return n < 1 ? 1 : n;
}

static int
list_contains(const char *hay, const char *needle)
{
	size_t	i, n = strlen(needle);

	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n && hay[i] != '\0'; i++) {
			if (tolower((unsigned char)hay[i]) !=
			    tolower((unsigned char)needle[i]))
				break;
		}
		if (i == n)
			return 1;
	}
	return n == 0;
}

static int
list_matches(const struct list *l, int row)
{
	int	c;

	if (l->filter == NULL)
		return 1;
	for (c = 0; c < l->ncols; c++) {
		if (list_contains(l->cell[row * l->ncols + c], l->filter))
			return 1;
	}
	return 0;
}

/* Rebuilds shown[], keeping the selected row selected when still shown. */
static void
list_refilter(struct list *l)
{
	int	keep = list_selected(l), i;

	l->nshown = 0;
	l->sel = 0;
	for (i = 0; i < l->nrows; i++) {
		if (!list_matches(l, i))
			continue;
		if (i == keep)
			l->sel = l->nshown;
		l->shown[l->nshown++] = i;
	}
}

static void
list_fix_top(struct list *l)
{
	int	page = list_page(l);

	if (l->sel >= l->nshown)
		l->sel = l->nshown - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + page)
		l->top = l->sel - page + 1;
	if (l->top > l->nshown - page)
		l->top = l->nshown - page;
	if (l->top < 0)
		l->top = 0;
}

/* Column widths for the widget's width: fixed ones, the rest shared. */
static void
list_widths(const struct list *l, int *out)
{
	int	c, fixed = 0, flex = 0, rest;

	for (c = 0; c < l->ncols; c++) {
		fixed += l->width[c] + (c > 0);
		flex += l->width[c] == 0;
	}
	rest = l->super.w - fixed;
	for (c = 0; c < l->ncols; c++) {
		out[c] = l->width[c];
		if (out[c] == 0 && flex > 0)
			out[c] = rest > 0 ? rest / flex : 0;
	}
}

static void
list_draw_row(struct list *l, int y, char *const *cells, attr_t a)
{
	int	widths[LIST_MAX_COLS], c, x = l->super.x, end;

	end = l->super.x + l->super.w;
	list_widths(l, widths);
	tty_fill(y, x, 1, l->super.w, a);
	for (c = 0; c < l->ncols && x < end; c++) {
		if (widths[c] > end - x)
			widths[c] = end - x;
		tty_put(y, x, widths[c], cells[c], a);
		x += widths[c] + 1;
	}
}

static void
list_draw(struct widget *w)
{
	struct list	*l = (struct list *)w;
	int		 y = w->y, i, row;

	list_fix_top(l);
	if (list_has_header(l))
		list_draw_row(l, y++, l->title, tty_attr(TTY_TITLE));
	for (i = l->top; i < l->nshown && y < w->y + w->h; i++, y++) {
		row = l->shown[i];
		list_draw_row(l, y, &l->cell[row * l->ncols],
		    tty_attr(i == l->sel ? (w->focused ? TTY_SELECT :
		    TTY_INPUT) : TTY_NORMAL));
	}
}

static enum widget_result
list_move(struct list *l, int to)
{
	if (to >= l->nshown)
		to = l->nshown - 1;
	if (to < 0)
		to = 0;
	if (to == l->sel)
		return WIDGET_HANDLED;
	l->sel = to;
	list_fix_top(l);
	return WIDGET_REDRAW;
}

static enum widget_result
list_key(struct widget *w, const struct widget_key *k)
{
	struct list	*l = (struct list *)w;

	if (!k->fn)
		return k->ch == '\t' ? WIDGET_FOCUS_NEXT : WIDGET_IGNORED;
	switch (k->ch) {
	case KEY_UP:
		if (l->sel == 0)
			return WIDGET_FOCUS_PREV;
		return list_move(l, l->sel - 1);
	case KEY_DOWN:
		return list_move(l, l->sel + 1);
	case KEY_PPAGE:
		return list_move(l, l->sel - list_page(l));
	case KEY_NPAGE:
		return list_move(l, l->sel + list_page(l));
	case KEY_HOME:
		return list_move(l, 0);
	case KEY_END:
		return list_move(l, l->nshown - 1);
	case KEY_ENTER:
		return l->nshown > 0 ? WIDGET_DONE : WIDGET_HANDLED;
	case KEY_BTAB:
		return WIDGET_FOCUS_PREV;
	}
	return WIDGET_IGNORED;
}

static int
list_height(struct widget *w, int width)
{
	(void)width;
	return ((struct list *)w)->lines;
}

static void
list_destroy(struct widget *w)
{
	struct list	*l = (struct list *)w;
	int		 c;

	list_clear(l);
	for (c = 0; c < l->ncols; c++)
		free(l->title[c]);
	free(l->cell);
	free(l->shown);
	free(l->filter);
	free(l);
}

static const struct widget_class list_class = {
	.name = "list",
	.focusable = 1,
	.draw = list_draw,
	.key = list_key,
	.height = list_height,
	.destroy = list_destroy,
};

struct list *
list_new(int ncols)
{
	struct list	*l;

	if (ncols < 1 || ncols > LIST_MAX_COLS ||
	    (l = calloc(1, sizeof *l)) == NULL)
		return NULL;
	widget_init(&l->super, &list_class);
	l->ncols = ncols;
	l->lines = 10;
	return l;
}

struct widget *
list_widget(struct list *l)
{
	return &l->super;
}

int
list_set_header(struct list *l, const char *const *titles)
{
	char	*copy[LIST_MAX_COLS] = { NULL };
	int	 c;

	for (c = 0; titles != NULL && c < l->ncols; c++) {
		if ((copy[c] = strdup(titles[c])) == NULL) {
			while (c-- > 0)
				free(copy[c]);
			return -1;
		}
	}
	for (c = 0; c < l->ncols; c++) {
		free(l->title[c]);
		l->title[c] = copy[c];
	}
	return 0;
}

void
list_set_widths(struct list *l, const int *widths)
{
	int	c;

	for (c = 0; c < l->ncols; c++)
		l->width[c] = widths[c] < 0 ? 0 : widths[c];
}

void
list_set_lines(struct list *l, int lines)
{
	l->lines = lines < 2 ? 2 : lines;
}

int
list_add(struct list *l, const char *const *cells)
{
	char	**cell;
	int	 *shown, cap, c;

	if (l->nrows == LIST_MAX_ROWS)
		return -1;
	if (l->nrows == l->cap) {
		cap = l->cap == 0 ? 16 : l->cap * 2;
		if ((cell = realloc(l->cell, sizeof *cell * cap * l->ncols)) ==
		    NULL)
			return -1;
		l->cell = cell;
		if ((shown = realloc(l->shown, sizeof *shown * cap)) == NULL)
			return -1;
		l->shown = shown;
		l->cap = cap;
	}
	cell = &l->cell[l->nrows * l->ncols];
	for (c = 0; c < l->ncols; c++) {
		if ((cell[c] = strdup(cells[c])) == NULL) {
			while (c-- > 0)
				free(cell[c]);
			return -1;
		}
	}
	if (list_matches(l, l->nrows))
		l->shown[l->nshown++] = l->nrows;
	return l->nrows++;
}

void
list_clear(struct list *l)
{
	int	i;

	for (i = 0; i < l->nrows * l->ncols; i++)
		free(l->cell[i]);
	l->nrows = l->nshown = l->sel = l->top = 0;
}

int
list_count(const struct list *l)
{
	return l->nrows;
}

const char *
list_cell(const struct list *l, int i, int c)
{
	if (i < 0 || i >= l->nrows || c < 0 || c >= l->ncols)
		return NULL;
	return l->cell[i * l->ncols + c];
}

int
list_selected(const struct list *l)
{
	if (l->sel < 0 || l->sel >= l->nshown)
		return -1;
	return l->shown[l->sel];
}

void
list_select(struct list *l, int i)
{
	int	k;

	for (k = 0; k < l->nshown; k++) {
		if (l->shown[k] == i) {
			l->sel = k;
			list_fix_top(l);
			return;
		}
	}
}

int
list_set_filter(struct list *l, const char *needle)
{
	char	*s = NULL;

	if (needle != NULL && *needle != '\0' && (s = strdup(needle)) == NULL)
		return -1;
	free(l->filter);
	l->filter = s;
	list_refilter(l);
	list_fix_top(l);
	return 0;
}

int
list_shown(const struct list *l)
{
	return l->nshown;
}
