/*
 * screen.h: the terminal as a whole, for every widget: ncursesw set up and torn
 * down, the signals a kiosk must ignore, colours by role with monochrome
 * fallbacks, the content box, and safe drawing of UTF-8.
 *
 * The program calls setlocale(LC_ALL, "") first; tscreen_init() refuses a
 * locale that is not UTF-8 (Chinese could be neither typed nor drawn). In kiosk
 * mode the terminal is raw, so Ctrl-C, Ctrl-Z and Ctrl-\ arrive as plain keys
 * that no widget accepts, and SIGINT, SIGTSTP and SIGQUIT are ignored as well in
 * case they come from elsewhere. Drawing goes through tscreen_put(), which cuts
 * text by display width and shows controls and invalid bytes as '?', so a
 * caller may pass untrusted text and a wide character is never split.
 *
 * Colours: each role has a colour pair and, for a terminal without colours (or
 * with NO_COLOR set, or TSCREEN_MONO), an attribute that is still readable:
 * bold, underline or reverse. TS_QR is dark on light: black on white where
 * there are colours; on monochrome it is A_REVERSE, which is dark on light on
 * the light-on-dark terminals kiosks and consoles use (a dark-on-light
 * monochrome terminal would show the code inverted; TSCREEN_MONO_LIGHT says the
 * terminal is such a one, and then the code is drawn without reverse).
 */
#ifndef JSD_SCREEN_H
#define JSD_SCREEN_H

#include <curses.h>

#define TSCREEN_KIOSK		0x1	/* raw, interrupt and suspend ignored */
#define TSCREEN_MONO		0x2	/* no colours even if the terminal has them */
#define TSCREEN_MONO_LIGHT	0x4	/* a monochrome terminal is dark on light */

#define TSCREEN_MIN_COLS	80
#define TSCREEN_MIN_ROWS	24
#define TSCREEN_ESCDELAY	25	/* ms to wait for the rest of an escape sequence */

enum tscreen_role {
	TS_NORMAL,
	TS_TITLE,
	TS_LABEL,
	TS_INPUT,		/* an input area without focus */
	TS_INPUT_FOCUS,		/* the focused input area */
	TS_ERROR,		/* a field's message */
	TS_HINT,		/* secondary text */
	TS_SELECT,		/* the selected row or option */
	TS_FOOTER_KEY,
	TS_FOOTER_TEXT,
	TS_GOOD,		/* a positive verdict */
	TS_BAD,			/* a negative verdict */
	TS_WARN,
	TS_QR,			/* dark modules on a light ground */
	TS_FRAME,		/* dialog borders */
	TS_NROLES
};

struct tbox {
	int	y, x, h, w;
};

/* 0, or -1 if the locale is not UTF-8 or the terminal cannot be used. */
int		 tscreen_init(int flags);
void		 tscreen_end(void);
int		 tscreen_flags(void);
int		 tscreen_has_colour(void);
attr_t		 tscreen_attr(enum tscreen_role);

/* The content box is at most w x h (default 100 x 30), centred. */
void		 tscreen_set_max(int w, int h);
struct tbox	 tscreen_box(void);
/* 1 if the terminal is below TSCREEN_MIN_COLS x TSCREEN_MIN_ROWS. */
int		 tscreen_too_small(void);
/* Clears the screen and centres text (the caller's words) on it. */
void		 tscreen_message(const char *text, enum tscreen_role);

/* Draws UTF-8 at (y, x) in at most maxw columns; returns the columns used. */
int		 tscreen_put(int y, int x, int maxw, const char *text, attr_t);
/* Centred in [x, x + w). */
int		 tscreen_put_centre(int y, int x, int w, const char *text, attr_t);
void		 tscreen_fill(int y, int x, int h, int w, attr_t);
/* A frame with line-drawing characters (ASCII where they are missing). */
void		 tscreen_frame(int y, int x, int h, int w, attr_t);

/* Where the terminal cursor goes when drawing is done (a focused field sets
 * it); the loop resets it before each redraw, so no cursor unless asked. */
void		 tscreen_cursor(int y, int x);
void		 tscreen_cursor_reset(void);
void		 tscreen_cursor_apply(void);

/* Readable when a SIGWINCH came (ncurses then has KEY_RESIZE for us);
 * tscreen_wake_drain() empties it. -1 before tscreen_init(). */
int		 tscreen_wakefd(void);
void		 tscreen_wake_drain(void);

#endif
