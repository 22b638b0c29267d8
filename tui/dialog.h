/*
 * dialog.h: a modal message box with buttons, and the verdict banner.
 *
 * A dialog is a widget drawn in a frame centred over the screen that was there
 * before; dialog_run() runs the loop again with the dialog as root and the old
 * screen drawn beneath it, then puts everything back. The loop's filter and
 * timers stay in force, so a scanner and the idle timeout still work while a
 * dialog is up. Left/Right/Tab move between buttons, Enter chooses, Esc
 * cancels. All words (title, text, buttons) are the caller's.
 *
 * The banner is the large verdict a counter shows: a slab of colour (TTY_GOOD,
 * TTY_BAD; reverse video on monochrome) several lines high with the verdict in
 * bold in the middle and a line of detail under it, so the colour is never the
 * only thing that tells.
 */
#ifndef JSD_DIALOG_H
#define JSD_DIALOG_H

#include "loop.h"
#include "tty.h"
#include "widget.h"

#define DIALOG_MAX_BUTTONS	3
#define DIALOG_BANNER_LINES	5

struct dialog;

/* title may be NULL; text may hold '\n'; 1..DIALOG_MAX_BUTTONS buttons. All
 * copied. NULL on failure. */
struct dialog	*dialog_new(const char *title, const char *text,
		     const char *const *buttons, int nbuttons);
struct widget	*dialog_widget(struct dialog *);
void		 dialog_free(struct dialog *);
/* The button chosen, or -1 after Esc (or before any choice). */
int		 dialog_choice(const struct dialog *);
/* Shows the dialog modally: the button chosen, -1 on Esc, or the loop's own
 * code (LOOP_EOF, a loop_quit() code) if it ended otherwise (then
 * dialog_choice() is -1). */
int		 dialog_run(struct loop *, struct dialog *);

/* Draws the verdict banner DIALOG_BANNER_LINES high at (y, x), w wide. */
void		 dialog_banner(int y, int x, int w, const char *verdict,
		     const char *detail, enum tty_role);
/* The same, h rows high (at least DIALOG_BANNER_LINES), the verdict and its
 * reason centred in it: for screens with rows to spare. */
void		 dialog_banner_tall(int y, int x, int h, int w,
		     const char *verdict, const char *detail, enum tty_role);

#endif
