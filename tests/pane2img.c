/*
 * pane2img.c: a captured terminal pane (tmux capture-pane -p) back into an
 * image, so a QR code drawn on screen can be decoded in a test.
 *
 *	pane2img [-s SCALE] INPUT.txt OUTPUT.pgm
 *
 * Each cell is two pixels high, one wide: U+2580 dark above, U+2584 dark
 * below, U+2588 dark in both, anything else (spaces, text) light, the way
 * tui/qrgrid.c draws (glyph = dark module). Wide characters take two cells.
 * The bitmap is scaled by SCALE (default 4) and framed by a light margin of
 * 8 cells' worth, then written as binary PGM (P5) for zbarimg or jsdctl decode.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define P2I_MAX_COLS	1000
#define P2I_MAX_ROWS	500
#define P2I_MARGIN	8

static unsigned char	dark[P2I_MAX_ROWS * 2][P2I_MAX_COLS];

/* Reads one line's cells into dark[]; returns its width in cells. */
static int
p2i_line(const char *s, int row)
{
	mbstate_t	ps;
	wchar_t		wc;
	size_t		n = strlen(s), k;
	int		x = 0, w;

	memset(&ps, 0, sizeof ps);
	while (n > 0 && x < P2I_MAX_COLS) {
		k = mbrtowc(&wc, s, n, &ps);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&ps, 0, sizeof ps);
			k = 1;
			wc = '?';
		}
		s += k;
		n -= k;
		if (wc == '\n' || wc == '\r')
			continue;
		dark[2 * row][x] = wc == 0x2580 || wc == 0x2588;
		dark[2 * row + 1][x] = wc == 0x2584 || wc == 0x2588;
		w = wcwidth(wc);
		x += w > 1 ? w : 1;
	}
	return x;
}

int
main(int argc, char **argv)
{
	FILE	*in, *out;
	char	 buf[8192];
	int	 scale = 4, rows = 0, cols = 0, w, h, x, y, px, py, m, ai = 1;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	if (argc == 5 && strcmp(argv[1], "-s") == 0) {
		scale = atoi(argv[2]);
		ai = 3;
	}
	if (argc - ai != 2 || scale < 1 || scale > 16) {
		fprintf(stderr, "usage: pane2img [-s SCALE] INPUT.txt OUTPUT.pgm\n");
		return 2;
	}
	if ((in = fopen(argv[ai], "r")) == NULL) {
		perror(argv[ai]);
		return 1;
	}
	while (rows < P2I_MAX_ROWS && fgets(buf, sizeof buf, in) != NULL) {
		if ((w = p2i_line(buf, rows++)) > cols)
			cols = w;
	}
	fclose(in);
	m = P2I_MARGIN * scale;
	w = cols * scale + 2 * m;
	h = rows * 2 * scale + 2 * m;
	if ((out = fopen(argv[ai + 1], "wb")) == NULL) {
		perror(argv[ai + 1]);
		return 1;
	}
	fprintf(out, "P5\n%d %d\n255\n", w, h);
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++) {
			px = (x - m) / scale;
			py = (y - m) / scale;
			putc(x >= m && y >= m && px < cols && py < rows * 2 &&
			    dark[py][px] ? 0 : 255, out);
		}
	}
	if (fclose(out) != 0) {
		perror(argv[ai + 1]);
		return 1;
	}
	return 0;
}
