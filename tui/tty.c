/*
 * tty.c: ncursesw set-up, signals, colours and safe drawing. See tty.h.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "tty.h"
#include "tw.h"

#define TTY_PUT_MAX	512	/* characters drawn by one tty_put() */

struct tty_style {
	short	 fg, bg;
	attr_t	 colour;	/* added to the pair */
	attr_t	 mono;		/* used alone without colours */
};

/* Indexed by enum tty_role; -1 is the terminal's default colour. */
static const struct tty_style tty_styles[TTY_NROLES] = {
	[TTY_NORMAL] =		{ -1, -1, 0, 0 },
	[TTY_TITLE] =		{ COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[TTY_LABEL] =		{ -1, -1, 0, 0 },
	[TTY_INPUT] =		{ COLOR_WHITE, COLOR_BLUE, 0, A_UNDERLINE },
	[TTY_INPUT_FOCUS] =	{ COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[TTY_ERROR] =		{ COLOR_RED, -1, A_BOLD, A_BOLD },
	[TTY_HINT] =		{ -1, -1, A_DIM, A_DIM },
	[TTY_SELECT] =		{ COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE },
	[TTY_FOOTER_KEY] =	{ COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[TTY_FOOTER_TEXT] =	{ -1, -1, 0, 0 },
	[TTY_GOOD] =		{ COLOR_WHITE, COLOR_GREEN, A_BOLD,
				  A_REVERSE | A_BOLD },
	[TTY_BAD] =		{ COLOR_WHITE, COLOR_RED, A_BOLD,
				  A_REVERSE | A_BOLD },
	[TTY_WARN] =		{ COLOR_BLACK, COLOR_YELLOW, 0,
				  A_BOLD | A_UNDERLINE },
	[TTY_QR] =		{ COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE },
	[TTY_FRAME] =		{ COLOR_CYAN, -1, 0, 0 },
};

static struct {
	int			 active;
	int			 flags;
	int			 colour;
	int			 maxw, maxh;
	int			 cury, curx;
	int			 wake[2];
	struct sigaction	 old_winch, old_int, old_tstp, old_quit;
} tscreen = { .maxw = TTY_MAX_COLS, .maxh = TTY_MAX_ROWS, .cury = -1,
    .wake = { -1, -1 } };

static void
tty_winch(int sig)
{
	int	saved = errno;

	if (tscreen.wake[1] != -1 && write(tscreen.wake[1], "w", 1) == -1) {
		/* Full pipe: a wake-up is already pending, which is enough. */
	}
	/* ncurses' own handler records the size change for KEY_RESIZE. */
	if (tscreen.old_winch.sa_handler != SIG_DFL &&
	    tscreen.old_winch.sa_handler != SIG_IGN) {
		if (tscreen.old_winch.sa_flags & SA_SIGINFO)
			tscreen.old_winch.sa_sigaction(sig, NULL, NULL);
		else
			tscreen.old_winch.sa_handler(sig);
	}
	errno = saved;
}

static int
tty_signals(void)
{
	struct sigaction	sa;

	if (pipe2(tscreen.wake, O_NONBLOCK | O_CLOEXEC) == -1)
		return -1;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = tty_winch;
	if (sigaction(SIGWINCH, &sa, &tscreen.old_winch) == -1)
		return -1;
	if (!(tscreen.flags & TTY_KIOSK))
		return 0;
	sa.sa_handler = SIG_IGN;
	if (sigaction(SIGINT, &sa, &tscreen.old_int) == -1 ||
	    sigaction(SIGTSTP, &sa, &tscreen.old_tstp) == -1 ||
	    sigaction(SIGQUIT, &sa, &tscreen.old_quit) == -1)
		return -1;
	return 0;
}

static void
tty_colours(void)
{
	const struct tty_style	*s;
	short				 fg, bg, deflt = -1;
	int				 i;

	tscreen.colour = 0;
	if ((tscreen.flags & TTY_MONO) || getenv("NO_COLOR") != NULL ||
	    !has_colors() || start_color() == ERR || COLOR_PAIRS < TTY_NROLES)
		return;
	if (use_default_colors() == ERR)
		deflt = COLOR_BLACK;
	for (i = 1; i < TTY_NROLES; i++) {
		s = &tty_styles[i];
		fg = s->fg == -1 ? (deflt == -1 ? -1 : COLOR_WHITE) : s->fg;
		bg = s->bg == -1 ? deflt : s->bg;
		/* Bright white where there is one: more contrast for a camera. */
		if (i == TTY_QR && COLORS >= 16)
			bg = COLOR_WHITE + 8;
		if (init_pair((short)i, fg, bg) == ERR)
			return;
	}
	tscreen.colour = 1;
}

int
tty_init(int flags)
{
	const char	*cs = nl_langinfo(CODESET);

	if (tscreen.active || cs == NULL || strcmp(cs, "UTF-8") != 0)
		return -1;
	tscreen.flags = flags;
	set_escdelay(TTY_ESCDELAY);
	if (initscr() == NULL)
		return -1;
	tscreen.active = 1;
	if (tty_signals() == -1) {
		tty_end();
		return -1;
	}
	if (flags & TTY_KIOSK)
		raw();
	else
		cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	tty_colours();
	curs_set(0);
	return 0;
}

int
tty_shows_cjk(void)
{
	const char *term = getenv("TERM");

	return term == NULL || (strcmp(term, "linux") != 0 &&
	    strncmp(term, "linux-", 6) != 0);
}

void
tty_end(void)
{
	if (!tscreen.active)
		return;
	endwin();
	sigaction(SIGWINCH, &tscreen.old_winch, NULL);
	if (tscreen.flags & TTY_KIOSK) {
		sigaction(SIGINT, &tscreen.old_int, NULL);
		sigaction(SIGTSTP, &tscreen.old_tstp, NULL);
		sigaction(SIGQUIT, &tscreen.old_quit, NULL);
	}
	if (tscreen.wake[0] != -1) {
		close(tscreen.wake[0]);
		close(tscreen.wake[1]);
	}
	tscreen.wake[0] = tscreen.wake[1] = -1;
	tscreen.active = 0;
}

int
tty_flags(void)
{
	return tscreen.flags;
}

int
tty_has_colour(void)
{
	return tscreen.colour;
}

attr_t
tty_attr(enum tty_role role)
{
	if ((int)role < 0 || role >= TTY_NROLES)
		return A_NORMAL;
	if (tscreen.colour)
		return COLOR_PAIR(role) | tty_styles[role].colour;
	if (role == TTY_QR && (tscreen.flags & TTY_MONO_LIGHT))
		return A_NORMAL;
	return tty_styles[role].mono;
}

void
tty_set_max(int w, int h)
{
	tscreen.maxw = w < TTY_MIN_COLS ? TTY_MIN_COLS : w;
	tscreen.maxh = h < TTY_MIN_ROWS ? TTY_MIN_ROWS : h;
}

struct tbox
tty_box(void)
{
	struct tbox	b;

	b.w = COLS < tscreen.maxw ? COLS : tscreen.maxw;
	b.h = LINES < tscreen.maxh ? LINES : tscreen.maxh;
	b.x = (COLS - b.w) / 2;
	b.y = (LINES - b.h) / 2;
	return b;
}

int
tty_too_small(void)
{
	return COLS < TTY_MIN_COLS || LINES < TTY_MIN_ROWS;
}

int
tty_put(int y, int x, int maxw, const char *text, attr_t attr)
{
	wchar_t		 wbuf[TTY_PUT_MAX];
	size_t		 n = strlen(text), off = 0, k, nw = 0;
	uint32_t	 cp;
	int		 w, used = 0;

	while (off < n && nw < TTY_PUT_MAX) {
		if ((k = tw_decode(text + off, n - off, &cp)) == 0)
			k = 1;
		if ((w = tw_cpwidth(cp)) == 0) {
			cp = TW_REPLACEMENT;
			w = 1;
		}
		if (used + w > maxw)
			break;
		wbuf[nw++] = (wchar_t)cp;
		used += w;
		off += k;
	}
	if (nw == 0 || y < 0 || x < 0)
		return 0;
	attrset(attr);
	mvaddnwstr(y, x, wbuf, (int)nw);
	attrset(A_NORMAL);
	return used;
}

int
tty_put_centre(int y, int x, int w, const char *text, attr_t attr)
{
	int	tw = tw_width(text);

	if (tw > w)
		tw = w;
	return tty_put(y, x + (w - tw) / 2, w, text, attr);
}

int
tty_put_wrapped(int y, int x, int w, int maxlines, int centre, const char *text,
    attr_t attr)
{
	char	line[1024];
	size_t	n, next;
	int	lines = 0;

	if (w <= 0)
		return 0;
	while (*text != '\0' && lines < maxlines) {
		n = tw_wrap(text, w, &next);
		snprintf(line, sizeof line, "%.*s", (int)n, text);
		if (centre)
			tty_put_centre(y + lines, x, w, line, attr);
		else
			tty_put(y + lines, x, w, line, attr);
		text += next;
		lines++;
	}
	return lines;
}

void
tty_fill(int y, int x, int h, int w, attr_t attr)
{
	int	i;

	if (h <= 0 || w <= 0)
		return;
	attrset(attr);
	for (i = 0; i < h; i++)
		mvhline(y + i, x, ' ', w);
	attrset(A_NORMAL);
}

void
tty_frame(int y, int x, int h, int w, attr_t attr)
{
	if (h < 2 || w < 2)
		return;
	attrset(attr);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y, x, ACS_ULCORNER);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
}

void
tty_message(const char *text, enum tty_role role)
{
	char		 line[TTY_PUT_MAX];
	const char	*p, *nl;
	size_t		 len;
	int		 n = 1, y;

	erase();
	for (p = text; (p = strchr(p, '\n')) != NULL; p++)
		n++;
	y = (LINES - n) / 2;
	for (p = text; p != NULL; p = nl == NULL ? NULL : nl + 1, y++) {
		nl = strchr(p, '\n');
		len = nl == NULL ? strlen(p) : (size_t)(nl - p);
		if (len >= sizeof line)
			len = sizeof line - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		tty_put_centre(y, 0, COLS, line, tty_attr(role));
	}
}

void
tty_cursor(int y, int x)
{
	tscreen.cury = y;
	tscreen.curx = x;
}

void
tty_cursor_reset(void)
{
	tscreen.cury = -1;
}

void
tty_cursor_apply(void)
{
	if (tscreen.cury < 0) {
		curs_set(0);
		return;
	}
	move(tscreen.cury, tscreen.curx);
	curs_set(1);
}

int
tty_wakefd(void)
{
	return tscreen.wake[0];
}

void
tty_wake_drain(void)
{
	char	buf[64];

	while (tscreen.wake[0] != -1 &&
	    read(tscreen.wake[0], buf, sizeof buf) > 0)
		continue;
}
