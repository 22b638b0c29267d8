/*
 * qrgrid.h: a QR code as a grid of modules, and its drawing as lines of
 * half-block characters, with no ncurses.
 *
 * A terminal cell is about twice as high as it is wide, so a cell holds two
 * modules one above the other: U+2580 (upper dark), U+2584 (lower dark), U+2588
 * (both) or a space (neither). At scale s each module is s cells wide and s half
 * cells high. The characters stand for the DARK modules: whoever draws them must
 * show the glyph dark on a light ground (qrview.c does); tests/pane2img checks it
 * by reading a captured pane in its colours. The quiet zone is light, drawn as
 * spaces.
 * Encoding is libqrencode's, level M, 8-bit hint, case-sensitive.
 */
#ifndef JSD_QRGRID_H
#define JSD_QRGRID_H

#include <stddef.h>

#define QRGRID_MIN_QUIET	2

struct qrgrid {
	int		 size;		/* modules a side, without quiet zone */
	unsigned char	*dark;		/* size * size, 1 = dark; owned */
};

/* 0, or -1 if text is empty, too long for a QR code, or memory ran out. */
int	qrgrid_encode(const char *text, struct qrgrid *);
void	qrgrid_free(struct qrgrid *);
/* Cells the drawing takes with that quiet zone (modules) and scale. */
void	qrgrid_cells(const struct qrgrid *, int quiet, int scale, int *cols,
	    int *rows);
/* Line row (0-based) of the drawing as NUL-terminated UTF-8 in out; returns
 * its length, or 0 if row is out of range or outlen too small (3 bytes a
 * column and a NUL are enough). */
size_t	qrgrid_line(const struct qrgrid *, int quiet, int scale, int row,
	    char *out, size_t outlen);

#endif
