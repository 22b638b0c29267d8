/*
 * chart.h: bar charts of a few labelled counts, for the supervisor's view.
 *
 * Horizontal: one row a bar, label on the left, count on the right, the bar
 * drawn in eighths of a column with U+2589..U+258F. Vertical: one column a bar,
 * drawn in eighths of a line with U+2581..U+2588, count and label under it. The
 * longest bar is the largest count. The bar strings are built by pure functions
 * (chart_hbar(), chart_vcell()) that the unit tests check without a terminal.
 */
#ifndef JSD_CHART_H
#define JSD_CHART_H

#include <stddef.h>

#include "widget.h"

#define CHART_MAX_BARS	32

enum chart_dir {
	CHART_HORIZONTAL,
	CHART_VERTICAL
};

struct chart;

struct chart	*chart_new(enum chart_dir);
struct widget	*chart_widget(struct chart *);
/* n (at most CHART_MAX_BARS) labels, copied, and counts (negative as 0).
 * 0 or -1. */
int		 chart_set(struct chart *, const char *const *labels,
		     const long *values, size_t n);
/* The count a full bar stands for, so that charts drawn side by side share
 * one scale; 0 (the default) for the largest count. Larger counts draw full. */
void		 chart_set_scale(struct chart *, long max);
long		 chart_scale(const struct chart *);

/* A bar of value/max in cols columns, in eighths, as UTF-8; returns its
 * length (out needs 3 bytes a column and a NUL). */
size_t		 chart_hbar(long value, long max, int cols, char *out,
		     size_t outlen);
/* The character of line row (0 = bottom) of a vertical bar rows high. */
const char	*chart_vcell(long value, long max, int rows, int row);

#endif
