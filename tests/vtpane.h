/*
 * vtpane.h: a captured terminal pane replayed through libvterm, for the test
 * tools that need its cells and colours (pane2img draws them, shotcheck
 * compares them with a terminal's screenshot).
 *
 * The input is what tmux capture-pane -p -e -N prints (each line's text with
 * its SGR sequences) or any text written as a terminal would receive it. Each
 * line is put at its own row, so nothing scrolls. The default colours are a
 * dark terminal's: light grey (VTPANE_FG) on black (VTPANE_BG).
 */
#ifndef JSD_VTPANE_H
#define JSD_VTPANE_H

#include <vterm.h>

#define VTPANE_MAX_COLS		1000
#define VTPANE_MAX_ROWS		500
#define VTPANE_FG		0xc0	/* grey level of the default foreground */
#define VTPANE_BG		0x00	/* and of the default background */

struct vtpane {
	VTerm		*vt;
	VTermScreen	*vs;
	int		 cols, rows;
};

/* Replays the file at path on a cols x rows screen: 0, or -1 with a message
 * on standard error. */
int	vtpane_load(struct vtpane *, int cols, int rows, const char *path);
void	vtpane_free(struct vtpane *);
/* A cell's colour in RGB, the defaults replaced by VTPANE_FG / VTPANE_BG. */
void	vtpane_rgb(const struct vtpane *, VTermColor *, int is_fg);

#endif
