/*
 * shotcheck.c: a terminal's screenshot checked cell by cell against the pane
 * that tmux says the same program drew, for tests/station-stack.sh (the
 * station's own terminal, foot under cage, against tests/tmux.sh's pane).
 *
 *	shotcheck --foot-colors
 *	shotcheck COLS ROWS CELL_W CELL_H PANE SHOT.png
 *
 * The first prints foot.ini's [colors] section: libvterm's palette and the
 * default colours of vtpane.h, so that the terminal paints each colour the RGB
 * the comparison expects. The second replays PANE (capture-pane -p -e -N)
 * through libvterm and looks at each cell's box in SHOT.png (the grid from the
 * top left corner, no padding):
 *   - its background: most of a cell's pixels are the cell's background
 *     colour (reverse video swapped), except block elements, which the
 *     foreground may fill;
 *   - its ink, pixels far from that background: present exactly where the
 *     pane has a visible character (not a space, foreground unlike
 *     background);
 *   - wide (CJK) characters: the ink picture of each distinct one, since a
 *     missing font draws every character as the same box: distinct
 *     characters must draw distinct pictures.
 * It prints the counts, one "name value" a line, and the first mismatching
 * cells on standard error; the test decides what passes.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "vtpane.h"

#define SC_INK_DIFF	64	/* a channel this far from the background is ink */
#define SC_BG_DIFF	16	/* and this near is background */
#define SC_MAX_WIDE	4096	/* wide characters looked at */
#define SC_MAX_CELL	64	/* pixels of a cell's side */
#define SC_SHOW		10	/* mismatches described on standard error */

struct sc_wide {
	uint32_t	ch;
	uint64_t	picture;	/* FNV-1a of the ink bitmap */
};

struct sc {
	struct vtpane	 pane;
	png_image	 png;
	unsigned char	*rgb;
	int		 cw, ch;
	long		 cells, bg_wrong, ink_missing, ink_stray, shown;
	struct sc_wide	 wide[SC_MAX_WIDE];
	int		 nwide;
};

/* The box of a cell: its colours, then what the screenshot has there. */
struct sc_box {
	int		x, y, w, h;
	VTermColor	fg, bg;
	long		ink, bg_like;
	uint64_t	picture;
};

static void
sc_foot_colors(void)
{
	struct vtpane	 p = { 0 };
	VTermState	*st;
	VTermColor	 c;
	int		 i;

	p.vt = vterm_new(1, 1);
	if (p.vt == NULL)
		return;
	st = vterm_obtain_state(p.vt);
	printf("[colors]\nforeground=%02x%02x%02x\nbackground=%02x%02x%02x\n",
	    VTPANE_FG, VTPANE_FG, VTPANE_FG, VTPANE_BG, VTPANE_BG, VTPANE_BG);
	for (i = 0; i < 16; i++) {
		vterm_state_get_palette_color(st, i, &c);
		printf("%s%d=%02x%02x%02x\n", i < 8 ? "regular" : "bright",
		    i % 8, c.rgb.red, c.rgb.green, c.rgb.blue);
	}
	vtpane_free(&p);
}

static int
sc_load_png(struct sc *s, const char *path)
{
	s->png.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&s->png, path)) {
		fprintf(stderr, "%s: %s\n", path, s->png.message);
		return -1;
	}
	s->png.format = PNG_FORMAT_RGB;
	if ((s->rgb = malloc(PNG_IMAGE_SIZE(s->png))) == NULL ||
	    !png_image_finish_read(&s->png, NULL, s->rgb, 0, NULL)) {
		fprintf(stderr, "%s: %s\n", path, s->png.message);
		return -1;
	}
	if (s->png.width < (png_uint_32)(s->pane.cols * s->cw) ||
	    s->png.height < (png_uint_32)(s->pane.rows * s->ch)) {
		fprintf(stderr, "%s: %ux%u, smaller than the grid\n", path,
		    s->png.width, s->png.height);
		return -1;
	}
	return 0;
}

static int
sc_far(const unsigned char *px, const VTermColor *c, int diff)
{
	return abs(px[0] - c->rgb.red) > diff ||
	    abs(px[1] - c->rgb.green) > diff || abs(px[2] - c->rgb.blue) > diff;
}

/* Counts the box's ink and background pixels and hashes its ink bitmap. */
static void
sc_measure(const struct sc *s, struct sc_box *b)
{
	const unsigned char	*px;
	int			 x, y, ink;

	b->ink = b->bg_like = 0;
	b->picture = 14695981039346656037ULL;
	for (y = b->y; y < b->y + b->h; y++)
		for (x = b->x; x < b->x + b->w; x++) {
			px = s->rgb + ((size_t)y * s->png.width + x) * 3;
			ink = sc_far(px, &b->bg, SC_INK_DIFF);
			b->ink += ink;
			b->bg_like += !sc_far(px, &b->bg, SC_BG_DIFF);
			b->picture = (b->picture ^ (uint64_t)ink) *
			    1099511628211ULL;
		}
}

static void
sc_mismatch(struct sc *s, long *count, const char *what, int row, int col,
    uint32_t ch, const struct sc_box *b)
{
	(*count)++;
	if (s->shown++ < SC_SHOW)
		fprintf(stderr, "cell %d,%d U+%04X: %s (ink %ld, background-like "
		    "%ld of %d)\n", row, col, ch, what, b->ink, b->bg_like,
		    b->w * b->h);
}

static void
sc_note_wide(struct sc *s, uint32_t ch, uint64_t picture)
{
	int	i;

	for (i = 0; i < s->nwide; i++)
		if (s->wide[i].ch == ch)
			return;
	if (s->nwide < SC_MAX_WIDE)
		s->wide[s->nwide++] = (struct sc_wide){ ch, picture };
}

static int
sc_visible(uint32_t ch, const struct sc_box *b)
{
	return ch != 0 && ch != ' ' && ch != 0x3000 &&
	    (b->fg.rgb.red != b->bg.rgb.red || b->fg.rgb.green !=
	    b->bg.rgb.green || b->fg.rgb.blue != b->bg.rgb.blue);
}

static void
sc_cell(struct sc *s, int row, int col)
{
	VTermPos	 pos = { .row = row, .col = col };
	VTermScreenCell	 cell;
	struct sc_box	 b;
	VTermColor	 t;
	uint32_t	 ch;

	if (!vterm_screen_get_cell(s->pane.vs, pos, &cell) ||
	    cell.chars[0] == (uint32_t)-1)
		return;		/* the right half of a wide character */
	ch = cell.chars[0];
	b = (struct sc_box){ .x = col * s->cw, .y = row * s->ch,
	    .w = cell.width * s->cw, .h = s->ch, .fg = cell.fg, .bg = cell.bg };
	vtpane_rgb(&s->pane, &b.fg, 1);
	vtpane_rgb(&s->pane, &b.bg, 0);
	if (cell.attrs.reverse) {
		t = b.fg;
		b.fg = b.bg;
		b.bg = t;
	}
	sc_measure(s, &b);
	s->cells++;
	if ((ch < 0x2580 || ch > 0x259f) && b.bg_like * 2 < (long)b.w * b.h)
		sc_mismatch(s, &s->bg_wrong, "background", row, col, ch, &b);
	if (sc_visible(ch, &b) && b.ink == 0)
		sc_mismatch(s, &s->ink_missing, "no ink", row, col, ch, &b);
	if (!sc_visible(ch, &b) && b.ink > 0)
		sc_mismatch(s, &s->ink_stray, "ink on a blank", row, col, ch, &b);
	if (cell.width == 2 && sc_visible(ch, &b))
		sc_note_wide(s, ch, b.picture);
}

/* How many distinct pictures the distinct wide characters drew. */
static int
sc_wide_pictures(const struct sc *s)
{
	int	i, j, n = 0;

	for (i = 0; i < s->nwide; i++) {
		for (j = 0; j < i; j++)
			if (s->wide[j].picture == s->wide[i].picture)
				break;
		n += j == i;
	}
	return n;
}

static int
sc_run(struct sc *s, int cols, int rows, const char *pane, const char *shot)
{
	int	row, col;

	if (s->cw < 1 || s->cw > SC_MAX_CELL || s->ch < 1 || s->ch > SC_MAX_CELL) {
		fprintf(stderr, "shotcheck: cell size out of range\n");
		return 2;
	}
	if (vtpane_load(&s->pane, cols, rows, pane) != 0)
		return 2;
	if (sc_load_png(s, shot) != 0) {
		vtpane_free(&s->pane);
		png_image_free(&s->png);
		free(s->rgb);
		return 2;
	}
	for (row = 0; row < rows; row++)
		for (col = 0; col < cols; col++)
			sc_cell(s, row, col);
	printf("cells %ld\nbg_wrong %ld\nink_missing %ld\nink_stray %ld\n"
	    "wide_kinds %d\nwide_pictures %d\n", s->cells, s->bg_wrong,
	    s->ink_missing, s->ink_stray, s->nwide, sc_wide_pictures(s));
	vtpane_free(&s->pane);
	free(s->rgb);
	return 0;
}

int
main(int argc, char **argv)
{
	static struct sc	s;

	if (argc == 2 && strcmp(argv[1], "--foot-colors") == 0) {
		sc_foot_colors();
		return 0;
	}
	if (argc != 7) {
		fprintf(stderr, "usage: shotcheck --foot-colors\n"
		    "       shotcheck COLS ROWS CELL_W CELL_H PANE SHOT.png\n");
		return 2;
	}
	s.cw = atoi(argv[3]);
	s.ch = atoi(argv[4]);
	return sc_run(&s, atoi(argv[1]), atoi(argv[2]), argv[5], argv[6]);
}
