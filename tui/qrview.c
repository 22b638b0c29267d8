/*
 * qrview.c: the QR code widget. See qrview.h; the drawing is qrgrid.c's.
 */
#include "config.h"

#include <stdlib.h>

#include "qrgrid.h"
#include "qrview.h"
#include "tty.h"

#define QRVIEW_MAX_QUIET	4

struct qrview {
	struct widget	 super;
	struct qrgrid	 grid;
};

/* The largest whole-module scale, then quiet zone, that fit; 0 if none
 * does. No scale above the width's bound can fit, so the search starts there. */
static int
qrview_pick(const struct qrview *q, int cols, int rows, int *quiet)
{
	int	scale, qz, c, r;

	for (scale = cols / (q->grid.size + 2 * QRGRID_MIN_QUIET); scale >= 1;
	    scale--) {
		for (qz = QRVIEW_MAX_QUIET; qz >= QRGRID_MIN_QUIET; qz--) {
			qrgrid_cells(&q->grid, qz, scale, &c, &r);
			if (c <= cols && r <= rows) {
				*quiet = qz;
				return scale;
			}
		}
	}
	return 0;
}

static void
qrview_draw(struct widget *w)
{
	struct qrview	*q = (struct qrview *)w;
	char		*line;
	size_t		 len;
	int		 scale, quiet, cols, rows, y, x0, y0;

	if ((scale = qrview_pick(q, w->w, w->h, &quiet)) == 0)
		return;
	qrgrid_cells(&q->grid, quiet, scale, &cols, &rows);
	len = (size_t)cols * 3 + 1;
	if ((line = malloc(len)) == NULL)
		return;
	x0 = w->x + (w->w - cols) / 2;
	y0 = w->y + (w->h - rows) / 2;
	for (y = 0; y < rows; y++) {
		qrgrid_line(&q->grid, quiet, scale, y, line, len);
		tty_put(y0 + y, x0, cols, line, tty_attr(TTY_QR));
	}
	free(line);
}

static void
qrview_destroy(struct widget *w)
{
	struct qrview	*q = (struct qrview *)w;

	qrgrid_free(&q->grid);
	free(q);
}

static const struct widget_class qrview_class = {
	.name = "qrview",
	.draw = qrview_draw,
	.destroy = qrview_destroy,
};

struct qrview *
qrview_new(const char *text)
{
	struct qrview	*q;

	if ((q = calloc(1, sizeof *q)) == NULL)
		return NULL;
	widget_init(&q->super, &qrview_class);
	if (qrgrid_encode(text, &q->grid) == -1) {
		free(q);
		return NULL;
	}
	return q;
}

struct widget *
qrview_widget(struct qrview *q)
{
	return &q->super;
}

int
qrview_fits_in(const struct qrview *q, int cols, int rows)
{
	int	quiet;

	return qrview_pick(q, cols, rows, &quiet) != 0;
}

int
qrview_fits(const struct qrview *q)
{
	return qrview_fits_in(q, q->super.w, q->super.h);
}

int
qrview_modules(const struct qrview *q)
{
	return q->grid.size;
}
