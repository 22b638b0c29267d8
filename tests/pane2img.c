/*
 * pane2img.c: a terminal pane, colours included, into the picture the terminal
 * shows, so that a QR code drawn on screen is decoded the way a phone camera
 * would see it.
 *
 *	pane2img [-s SCALE] COLS ROWS INPUT OUTPUT.pgm
 *
 * INPUT is a captured pane, replayed through libvterm on a COLS x ROWS screen
 * whose default background is black and default foreground light grey, as on
 * most kiosk consoles (vtpane.h). Each cell is two pixels high and one wide:
 * U+2580 draws the foreground above and the background below, U+2584 the other
 * way round, U+2588 the foreground in both, anything else (spaces, text) the
 * background. Reverse video swaps the two.
 * Nothing is added: a QR code drawn without its quiet zone, or in colours that
 * vanish on a dark screen, gives a picture no decoder reads. The picture is
 * scaled by SCALE (default 4) and written as binary PGM (P5).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vtpane.h"

struct p2i {
	struct vtpane	 pane;
	int		 cols, rows, scale;
	unsigned char	*grey;		/* cols x 2 * rows, one byte a pixel */
};

/* A colour as grey. */
static unsigned char
p2i_grey(const struct p2i *p, VTermColor c, int is_fg)
{
	vtpane_rgb(&p->pane, &c, is_fg);
	return (unsigned char)((299 * c.rgb.red + 587 * c.rgb.green +
	    114 * c.rgb.blue) / 1000);
}

static void
p2i_cell(struct p2i *p, int row, int col)
{
	VTermPos		pos = { .row = row, .col = col };
	VTermScreenCell		cell;
	unsigned char		fg, bg, top, bottom, t;

	if (!vterm_screen_get_cell(p->pane.vs, pos, &cell))
		return;
	fg = p2i_grey(p, cell.fg, 1);
	bg = p2i_grey(p, cell.bg, 0);
	if (cell.attrs.reverse) {
		t = fg;
		fg = bg;
		bg = t;
	}
	switch (cell.chars[0]) {
	case 0x2580:	top = fg; bottom = bg; break;
	case 0x2584:	top = bg; bottom = fg; break;
	case 0x2588:	top = fg; bottom = fg; break;
	default:	top = bg; bottom = bg; break;
	}
	p->grey[(2 * row) * p->cols + col] = top;
	p->grey[(2 * row + 1) * p->cols + col] = bottom;
}

static int
p2i_write(const struct p2i *p, const char *path)
{
	FILE	*out;
	int	 x, y, w = p->cols * p->scale, h = 2 * p->rows * p->scale;

	if ((out = fopen(path, "wb")) == NULL) {
		perror(path);
		return -1;
	}
	fprintf(out, "P5\n%d %d\n255\n", w, h);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			putc(p->grey[(y / p->scale) * p->cols + x / p->scale], out);
	if (fclose(out) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

static int
p2i_run(struct p2i *p, const char *inpath, const char *outpath)
{
	int	 row, col, rc;

	if (vtpane_load(&p->pane, p->cols, p->rows, inpath) != 0)
		return 1;
	if ((p->grey = calloc((size_t)p->cols * 2 * p->rows, 1)) == NULL) {
		vtpane_free(&p->pane);
		return 2;
	}
	for (row = 0; row < p->rows; row++)
		for (col = 0; col < p->cols; col++)
			p2i_cell(p, row, col);
	rc = p2i_write(p, outpath);
	vtpane_free(&p->pane);
	free(p->grey);
	return rc == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	struct p2i	p = { .scale = 4 };
	int		ai = 1;

	if (argc == 7 && strcmp(argv[1], "-s") == 0) {
		p.scale = atoi(argv[2]);
		ai = 3;
	}
	if (argc - ai != 4 || p.scale < 1 || p.scale > 16) {
		fprintf(stderr, "usage: pane2img [-s SCALE] COLS ROWS INPUT OUTPUT.pgm\n");
		return 2;
	}
	p.cols = atoi(argv[ai]);
	p.rows = atoi(argv[ai + 1]);
	if (p.cols < 1 || p.cols > VTPANE_MAX_COLS || p.rows < 1 ||
	    p.rows > VTPANE_MAX_ROWS) {
		fprintf(stderr, "pane2img: size out of range\n");
		return 2;
	}
	return p2i_run(&p, argv[ai + 2], argv[ai + 3]);
}
