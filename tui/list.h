/*
 * list.h: a scrollable list of rows of text columns, one row selected.
 *
 * Rows are copied in. A filter (a substring, ASCII letters matched without
 * case) hides the rows that do not contain it in any column, so a screen can
 * narrow the list as someone types into a field above it; indexes given and
 * returned are always those of list_add(), whatever is hidden. Keys: Up/Down,
 * PgUp/PgDn, Home/End move the selection; Enter answers WIDGET_DONE (the
 * caller reads list_selected()); Tab and Shift-Tab move the focus on and back,
 * and Up on the first row back too, so a list can sit in a form.
 */
#ifndef JSD_LIST_H
#define JSD_LIST_H

#include "widget.h"

#define LIST_MAX_COLS	8
#define LIST_MAX_ROWS	10000

struct list;

/* ncols 1..LIST_MAX_COLS. NULL on failure. */
struct list	*list_new(int ncols);
struct widget	*list_widget(struct list *);
/* Column titles (copied; NULL for none) and widths in columns (0: share
 * what is left). Both 0 or -1. */
int		 list_set_header(struct list *, const char *const *titles);
void		 list_set_widths(struct list *, const int *widths);
/* Lines the list asks for in a form (default 10). */
void		 list_set_lines(struct list *, int lines);
/* Appends a row of ncols cells (copied): its index, or -1. */
int		 list_add(struct list *, const char *const *cells);
void		 list_clear(struct list *);
int		 list_count(const struct list *);
/* The cell of row i, column c, or NULL. */
const char	*list_cell(const struct list *, int i, int c);
/* The selected row's index, or -1 if no row is shown. */
int		 list_selected(const struct list *);
void		 list_select(struct list *, int i);
/* Shows only rows holding needle (copied; NULL or "" shows all). 0 or -1. */
int		 list_set_filter(struct list *, const char *needle);
/* Rows shown with the filter. */
int		 list_shown(const struct list *);

#endif
