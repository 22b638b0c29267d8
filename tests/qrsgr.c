/*
 * qrsgr.c: a QR code as a terminal would receive it, in chosen colours and with
 * a chosen quiet zone, for tests/pane2img.sh to show that a code a camera
 * could not read from a dark screen is not read from the replay either.
 *
 *	qrsgr TEXT QUIET SGR
 *
 * Draws TEXT's code at scale 1 with QUIET modules of quiet zone (tui/qrgrid.c,
 * the glyphs standing for dark modules), each line in the SGR parameters SGR
 * ("30;107" black on bright white, "90;40" dark grey on black, "0" the
 * terminal's defaults), each put at its row with a cursor move.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qrgrid.h"

int
main(int argc, char **argv)
{
	struct qrgrid	 g;
	char		*line;
	size_t		 len;
	int		 quiet, cols, rows, y;

	if (argc != 4 || (quiet = atoi(argv[2])) < 0 || quiet > 8 ||
	    strspn(argv[3], "0123456789;") != strlen(argv[3])) {
		fprintf(stderr, "usage: qrsgr TEXT QUIET SGR\n");
		return 2;
	}
	if (qrgrid_encode(argv[1], &g) != 0) {
		fprintf(stderr, "qrsgr: cannot encode\n");
		return 1;
	}
	qrgrid_cells(&g, quiet, 1, &cols, &rows);
	len = (size_t)cols * 3 + 1;
	if ((line = malloc(len)) == NULL) {
		qrgrid_free(&g);
		return 1;
	}
	for (y = 0; y < rows; y++) {
		qrgrid_line(&g, quiet, 1, y, line, len);
		printf("\033[%d;1H\033[%sm%s\033[0m", y + 1, argv[3], line);
	}
	free(line);
	qrgrid_free(&g);
	return fflush(stdout) == 0 ? 0 : 1;
}
