/*
 * chart.c: bar charts. See chart.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "tty.h"
#include "tw.h"

/* Index e is e eighths: a column filled from the left, a line from below. */
static const char *const chart_h8[9] = { "", "\xe2\x96\x8f", "\xe2\x96\x8e",
    "\xe2\x96\x8d", "\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a",
    "\xe2\x96\x89", "\xe2\x96\x88" };
static const char *const chart_v8[9] = { " ", "\xe2\x96\x81", "\xe2\x96\x82",
    "\xe2\x96\x83", "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
    "\xe2\x96\x87", "\xe2\x96\x88" };

struct chart {
	struct widget	 super;
	enum chart_dir	 dir;
	char		*label[CHART_MAX_BARS];
	long		 value[CHART_MAX_BARS];
	size_t		 n;
	long		 scale;		/* 0: the largest count */
};

/* value/max of cols columns, in eighths, rounded to nearest. */
static long
chart_eighths(long value, long max, int cols)
{
	if (value <= 0 || max <= 0 || cols <= 0)
		return 0;
	if (value >= max)
		return (long)cols * 8;
	return (long)(((double)value * cols * 8) / max + 0.5);
}

size_t
chart_hbar(long value, long max, int cols, char *out, size_t outlen)
{
	long	e = chart_eighths(value, max, cols);
	size_t	off = 0, k;

	if (outlen < (size_t)(cols > 0 ? cols : 0) * 3 + 1) {
		if (outlen > 0)
			out[0] = '\0';
		return 0;
	}
	while (e > 0) {
		k = strlen(chart_h8[e >= 8 ? 8 : e]);
		memcpy(out + off, chart_h8[e >= 8 ? 8 : e], k);
		off += k;
		e -= 8;
	}
	out[off] = '\0';
	return off;
}

const char *
chart_vcell(long value, long max, int rows, int row)
{
	long	e = chart_eighths(value, max, rows) - (long)row * 8;

	if (e <= 0)
		return chart_v8[0];
	return chart_v8[e >= 8 ? 8 : e];
}

void
chart_set_scale(struct chart *c, long max)
{
	c->scale = max < 0 ? 0 : max;
}

long
chart_scale(const struct chart *c)
{
	long	max = 0;
	size_t	i;

	if (c->scale > 0)
		return c->scale;
	for (i = 0; i < c->n; i++)
		if (c->value[i] > max)
			max = c->value[i];
	return max;
}

static void
chart_draw_h(struct chart *c)
{
	struct widget	*w = &c->super;
	char		 num[24], bar[3 * 256 + 1];
	int		 lw = 0, nw = 0, bw, y, t;
	long		 max = chart_scale(c);
	size_t		 i;

	for (i = 0; i < c->n; i++) {
		if ((t = tw_width(c->label[i])) > lw)
			lw = t;
		if ((t = snprintf(num, sizeof num, "%ld", c->value[i])) > nw)
			nw = t;
	}
	if (lw > w->w / 3)
		lw = w->w / 3;
	bw = w->w - lw - nw - 2;
	if (bw > 256)
		bw = 256;
	for (i = 0, y = w->y; i < c->n && y < w->y + w->h; i++, y++) {
		tty_put(y, w->x, lw, c->label[i], tty_attr(TTY_LABEL));
		if (bw > 0) {
			chart_hbar(c->value[i], max, bw, bar, sizeof bar);
			tty_put(y, w->x + lw + 1, bw, bar,
			    tty_attr(TTY_FRAME));
		}
		snprintf(num, sizeof num, "%*ld", nw, c->value[i]);
		tty_put(y, w->x + w->w - nw, nw, num,
		    tty_attr(TTY_NORMAL));
	}
}

static void
chart_draw_v(struct chart *c)
{
	struct widget	*w = &c->super;
	char		 num[24];
	int		 colw, rows = w->h - 2, x, r;
	long		 max = chart_scale(c);
	size_t		 i;

	if (c->n == 0 || rows < 1)
		return;
	colw = w->w / (int)c->n;
	if (colw < 2)
		return;
	for (i = 0; i < c->n; i++) {
		x = w->x + (int)i * colw;
		for (r = 0; r < rows; r++) {
			tty_put(w->y + rows - 1 - r, x, colw - 1,
			    chart_vcell(c->value[i], max, rows, r),
			    tty_attr(TTY_FRAME));
		}
		snprintf(num, sizeof num, "%ld", c->value[i]);
		tty_put(w->y + rows, x, colw - 1, num,
		    tty_attr(TTY_NORMAL));
		tty_put(w->y + rows + 1, x, colw - 1, c->label[i],
		    tty_attr(TTY_LABEL));
	}
}

static void
chart_draw(struct widget *w)
{
	struct chart	*c = (struct chart *)w;

	if (c->dir == CHART_HORIZONTAL)
		chart_draw_h(c);
	else
		chart_draw_v(c);
}

static void
chart_clear(struct chart *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		free(c->label[i]);
	c->n = 0;
}

static void
chart_destroy(struct widget *w)
{
	chart_clear((struct chart *)w);
	free(w);
}

static const struct widget_class chart_class = {
	.name = "chart",
	.draw = chart_draw,
	.destroy = chart_destroy,
};

struct chart *
chart_new(enum chart_dir dir)
{
	struct chart	*c;

	if ((c = calloc(1, sizeof *c)) == NULL)
		return NULL;
	widget_init(&c->super, &chart_class);
	c->dir = dir;
	return c;
}

struct widget *
chart_widget(struct chart *c)
{
	return &c->super;
}

int
chart_set(struct chart *c, const char *const *labels, const long *values,
    size_t n)
{
	size_t	i;

	chart_clear(c);
	for (i = 0; i < n && i < CHART_MAX_BARS; i++) {
		if ((c->label[i] = strdup(labels[i])) == NULL) {
			chart_clear(c);
			return -1;
		}
		c->value[i] = values[i] < 0 ? 0 : values[i];
		c->n++;
	}
	return 0;
}
