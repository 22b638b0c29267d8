/*
 * tty.h: the terminal as a whole, for every widget: ncursesw set up and torn
 * down, the signals a kiosk must ignore, colours by role with monochrome
 * fallbacks, the content box, and safe drawing of UTF-8.
 *
 * The program calls setlocale(LC_ALL, "") first; tty_init() refuses a
 * locale that is not UTF-8 (Chinese could be neither typed nor drawn). In kiosk
 * mode the terminal is raw, so Ctrl-C, Ctrl-Z and Ctrl-\ arrive as plain keys
 * that no widget accepts, and SIGINT, SIGTSTP and SIGQUIT are ignored as well in
 * case they come from elsewhere. Drawing goes through tty_put(), which cuts
 * text by display width and shows controls and invalid bytes as '?', so a
 * caller may pass untrusted text and a wide character is never split.
 *
 * Colours: each role has a colour pair and, for a terminal without colours (or
 * with NO_COLOR set, or TTY_MONO), an attribute that is still readable:
 * bold, underline or reverse. TTY_QR is dark on light: black on white where
 * there are colours; on monochrome it is A_REVERSE, which is dark on light on
 * the light-on-dark terminals kiosks and consoles use (a dark-on-light
 * monochrome terminal would show the code inverted; TTY_MONO_LIGHT says the
 * terminal is such a one, and then the code is drawn without reverse).
 */
#ifndef JSD_TTY_H
#define JSD_TTY_H

#include <curses.h>

#define TTY_KIOSK		0x1	/* raw, interrupt and suspend ignored */
#define TTY_MONO		0x2	/* no colours even if the terminal has them */
#define TTY_MONO_LIGHT	0x4	/* a monochrome terminal is dark on light */

#define TTY_MIN_COLS	80
#define TTY_MIN_ROWS	24
/* The content box uses the whole terminal up to this: a big screen in a hall
 * is there to be read from further away, so the room goes to the screens. */
#define TTY_MAX_COLS	320
#define TTY_MAX_ROWS	120
#define TTY_ESCDELAY	25	/* ms to wait for the rest of an escape sequence */

enum tty_role {
	TTY_NORMAL,
	TTY_TITLE,
	TTY_LABEL,
	TTY_INPUT,		/* an input area without focus */
	TTY_INPUT_FOCUS,		/* the focused input area */
	TTY_ERROR,		/* a field's message */
	TTY_HINT,		/* secondary text */
	TTY_SELECT,		/* the selected row or option */
	TTY_FOOTER_KEY,
	TTY_FOOTER_TEXT,
	TTY_GOOD,		/* a positive verdict */
	TTY_BAD,			/* a negative verdict */
	TTY_WARN,
	TTY_QR,			/* dark modules on a light ground */
	TTY_FRAME,		/* dialog borders */
	TTY_NROLES
};

struct tbox {
	int	y, x, h, w;
};

/* 0, or -1 if the locale is not UTF-8 or the terminal cannot be used. */
int		 tty_init(int flags);
/* 0 if $TERM names a terminal known to draw no CJK characters: the Linux
 * console ("linux"), whose font holds 512 glyphs; 1 otherwise. */
int		 tty_shows_cjk(void);
void		 tty_end(void);
int		 tty_flags(void);
int		 tty_has_colour(void);
attr_t		 tty_attr(enum tty_role);

/* The content box is at most w x h (default TTY_MAX_COLS x TTY_MAX_ROWS),
 * centred. */
void		 tty_set_max(int w, int h);
struct tbox	 tty_box(void);
/* 1 if the terminal is below TTY_MIN_COLS x TTY_MIN_ROWS. */
int		 tty_too_small(void);
/* Clears the screen and centres text (the caller's words) on it. */
void		 tty_message(const char *text, enum tty_role);

/* Draws UTF-8 at (y, x) in at most maxw columns; returns the columns used. */
int		 tty_put(int y, int x, int maxw, const char *text, attr_t);
/* Centred in [x, x + w). */
int		 tty_put_centre(int y, int x, int w, const char *text, attr_t);
/* Wrapped whole (tw_wrap) into at most maxlines lines of w columns from
 * (y, x), each centred when centre is set; returns the lines used. */
int		 tty_put_wrapped(int y, int x, int w, int maxlines, int centre,
		    const char *text, attr_t);
void		 tty_fill(int y, int x, int h, int w, attr_t);
/* A frame with line-drawing characters (ASCII where they are missing). */
void		 tty_frame(int y, int x, int h, int w, attr_t);

/* Where the terminal cursor goes when drawing is done (a focused field sets
 * it); the loop resets it before each redraw, so no cursor unless asked. */
void		 tty_cursor(int y, int x);
void		 tty_cursor_reset(void);
void		 tty_cursor_apply(void);

/* Readable when a SIGWINCH came (ncurses then has KEY_RESIZE for us);
 * tty_wake_drain() empties it. -1 before tty_init(). */
int		 tty_wakefd(void);
void		 tty_wake_drain(void);

#endif
