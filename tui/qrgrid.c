/*
 * qrgrid.c: QR modules and their half-block drawing. See qrgrid.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "qrgrid.h"

int
qrgrid_encode(const char *text, struct qrgrid *g)
{
	QRcode	*qr;
	int	 i, n;

	memset(g, 0, sizeof *g);
	if (text == NULL || *text == '\0')
		return -1;
	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) ==
	    NULL)
		return -1;
	n = qr->width * qr->width;
	if ((g->dark = malloc(n)) == NULL) {
		QRcode_free(qr);
		return -1;
	}
	/* Bit 0 of each libqrencode byte is the module's colour. */
	for (i = 0; i < n; i++)
		g->dark[i] = qr->data[i] & 1;
	g->size = qr->width;
	QRcode_free(qr);
	return 0;
}

void
qrgrid_free(struct qrgrid *g)
{
	free(g->dark);
	memset(g, 0, sizeof *g);
}

void
qrgrid_cells(const struct qrgrid *g, int quiet, int scale, int *cols, int *rows)
{
	int	n = (g->size + 2 * quiet) * scale;

	*cols = n;
	*rows = (n + 1) / 2;
}

/* Whether the half-cell pixel (px, py) of the drawing is dark. */
static int
qrgrid_pixel(const struct qrgrid *g, int quiet, int scale, int px, int py)
{
	int	mx = px / scale - quiet, my = py / scale - quiet;

	if (mx < 0 || my < 0 || mx >= g->size || my >= g->size)
		return 0;
	return g->dark[my * g->size + mx];
}

size_t
qrgrid_line(const struct qrgrid *g, int quiet, int scale, int row, char *out,
    size_t outlen)
{
	static const char *const glyph[4] = { " ", "\xe2\x96\x80",
	    "\xe2\x96\x84", "\xe2\x96\x88" };	/* none, upper, lower, both */
	size_t	off = 0, k;
	int	cols, rows, x, top, bottom;

	qrgrid_cells(g, quiet, scale, &cols, &rows);
	if (row < 0 || row >= rows || outlen < (size_t)cols * 3 + 1)
		return 0;
	for (x = 0; x < cols; x++) {
		top = qrgrid_pixel(g, quiet, scale, x, 2 * row);
		bottom = qrgrid_pixel(g, quiet, scale, x, 2 * row + 1);
		k = strlen(glyph[top | bottom << 1]);
		memcpy(out + off, glyph[top | bottom << 1], k);
		off += k;
	}
	out[off] = '\0';
	return off;
}
