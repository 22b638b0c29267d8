/*
 * pane2img.c: a terminal pane, colours included, into the picture the terminal
 * shows, so that a QR code drawn on screen is decoded the way a phone camera
 * would see it.
 *
 *	pane2img [-s SCALE] COLS ROWS INPUT OUTPUT.pgm
 *
 * INPUT is what tmux capture-pane -p -e -N prints (each line's text with its
 * SGR sequences) or any text written as a terminal would receive it. It is
 * replayed through libvterm on a COLS x ROWS screen whose default background is
 * black and default foreground light grey, as on most kiosk consoles. Each cell
 * is two pixels high and one wide: U+2580 draws the foreground above and the
 * background below, U+2584 the other way round, U+2588 the foreground in both,
 * anything else (spaces, text) the background. Reverse video swaps the two.
 * Nothing is added: a QR code drawn without its quiet zone, or in colours that
 * vanish on a dark screen, gives a picture no decoder reads. The picture is
 * scaled by SCALE (default 4) and written as binary PGM (P5).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vterm.h>

#define P2I_MAX_COLS	1000
#define P2I_MAX_ROWS	500
#define P2I_MAX_INPUT	(4 << 20)

struct p2i {
	VTerm		*vt;
	VTermScreen	*vs;
	int		 cols, rows, scale;
	unsigned char	*grey;		/* cols x 2 * rows, one byte a pixel */
};

/* Replays INPUT line by line, each put at its own row so nothing scrolls. */
static int
p2i_replay(struct p2i *p, FILE *in)
{
	char	*buf, cup[32];
	size_t	 n;
	int	 row = 0;
	char	*line, *nl;

	if ((buf = malloc(P2I_MAX_INPUT + 1)) == NULL)
		return -1;
	n = fread(buf, 1, P2I_MAX_INPUT, in);
	buf[n] = '\0';
	for (line = buf; row < p->rows && line < buf + n; line = nl + 1, row++) {
		if ((nl = strchr(line, '\n')) == NULL)
			nl = buf + n;
		snprintf(cup, sizeof cup, "\033[%d;1H", row + 1);
		vterm_input_write(p->vt, cup, strlen(cup));
		vterm_input_write(p->vt, line, (size_t)(nl - line));
	}
	free(buf);
	return 0;
}

/* A colour as grey, the terminal's defaults standing in for "default". */
static unsigned char
p2i_grey(const struct p2i *p, VTermColor c, int is_fg)
{
	if (VTERM_COLOR_IS_DEFAULT_FG(&c) && is_fg)
		return 0xc0;	/* light grey */
	if (VTERM_COLOR_IS_DEFAULT_BG(&c) && !is_fg)
		return 0x00;	/* black */
	vterm_screen_convert_color_to_rgb(p->vs, &c);
	return (unsigned char)((299 * c.rgb.red + 587 * c.rgb.green +
	    114 * c.rgb.blue) / 1000);
}

static void
p2i_cell(struct p2i *p, int row, int col)
{
	VTermPos		pos = { .row = row, .col = col };
	VTermScreenCell		cell;
	unsigned char		fg, bg, top, bottom, t;

	if (!vterm_screen_get_cell(p->vs, pos, &cell))
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
	VTermColor	 fg, bg;
	FILE		*in;
	int		 row, col, rc;

	if ((in = fopen(inpath, "rb")) == NULL) {
		perror(inpath);
		return 1;
	}
	p->vt = vterm_new(p->rows, p->cols);
	p->grey = calloc((size_t)p->cols * 2 * p->rows, 1);
	if (p->vt == NULL || p->grey == NULL) {
		fclose(in);
		return 2;
	}
	vterm_set_utf8(p->vt, 1);
	p->vs = vterm_obtain_screen(p->vt);
	vterm_color_rgb(&fg, 0xc0, 0xc0, 0xc0);
	vterm_color_rgb(&bg, 0, 0, 0);
	vterm_state_set_default_colors(vterm_obtain_state(p->vt), &fg, &bg);
	vterm_screen_reset(p->vs, 1);
	rc = p2i_replay(p, in);
	fclose(in);
	for (row = 0; rc == 0 && row < p->rows; row++)
		for (col = 0; col < p->cols; col++)
			p2i_cell(p, row, col);
	if (rc == 0)
		rc = p2i_write(p, outpath);
	vterm_free(p->vt);
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
	if (p.cols < 1 || p.cols > P2I_MAX_COLS || p.rows < 1 ||
	    p.rows > P2I_MAX_ROWS) {
		fprintf(stderr, "pane2img: size out of range\n");
		return 2;
	}
	return p2i_run(&p, argv[ai + 2], argv[ai + 3]);
}
