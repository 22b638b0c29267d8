/*
 * vtpane.c: a captured pane replayed through libvterm (vtpane.h says what it
 * reads). Shared by pane2img and shotcheck so that both see the very cells and
 * colours libvterm makes of a capture.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vtpane.h"

#define VTPANE_MAX_INPUT	(4 << 20)

/* Each line at its own row, so that nothing scrolls. */
static int
vtpane_replay(struct vtpane *p, FILE *in)
{
	char	*buf, cup[32];
	size_t	 n;
	int	 row = 0;
	char	*line, *nl;

	if ((buf = malloc(VTPANE_MAX_INPUT + 1)) == NULL)
		return -1;
	n = fread(buf, 1, VTPANE_MAX_INPUT, in);
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

int
vtpane_load(struct vtpane *p, int cols, int rows, const char *path)
{
	VTermColor	 fg, bg;
	FILE		*in;
	int		 rc;

	if (cols < 1 || cols > VTPANE_MAX_COLS || rows < 1 ||
	    rows > VTPANE_MAX_ROWS) {
		fprintf(stderr, "%s: size out of range\n", path);
		return -1;
	}
	if ((in = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	p->cols = cols;
	p->rows = rows;
	if ((p->vt = vterm_new(rows, cols)) == NULL) {
		fclose(in);
		return -1;
	}
	vterm_set_utf8(p->vt, 1);
	p->vs = vterm_obtain_screen(p->vt);
	vterm_color_rgb(&fg, VTPANE_FG, VTPANE_FG, VTPANE_FG);
	vterm_color_rgb(&bg, VTPANE_BG, VTPANE_BG, VTPANE_BG);
	vterm_state_set_default_colors(vterm_obtain_state(p->vt), &fg, &bg);
	vterm_screen_reset(p->vs, 1);
	rc = vtpane_replay(p, in);
	fclose(in);
	if (rc == 0)
		return 0;
	vtpane_free(p);
	return -1;
}

/* Frees what vtpane_load made; a pane freed twice is harmless. */
void
vtpane_free(struct vtpane *p)
{
	if (p->vt != NULL)
		vterm_free(p->vt);
	p->vt = NULL;
	p->vs = NULL;
}

void
vtpane_rgb(const struct vtpane *p, VTermColor *c, int is_fg)
{
	if (VTERM_COLOR_IS_DEFAULT_FG(c) && is_fg)
		vterm_color_rgb(c, VTPANE_FG, VTPANE_FG, VTPANE_FG);
	else if (VTERM_COLOR_IS_DEFAULT_BG(c) && !is_fg)
		vterm_color_rgb(c, VTPANE_BG, VTPANE_BG, VTPANE_BG);
	else
		vterm_screen_convert_color_to_rgb(p->vs, c);
}
