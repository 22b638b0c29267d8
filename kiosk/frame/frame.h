/*
 * frame.h: jsd-kiosk's frame. One program, three modes (self-service kiosk,
 * counter, supervisor), one event loop, and a stack of screens.
 *
 * A screen is a struct with a class of handlers, as the widgets are (htop's
 * ScreenManager and Panel). The frame lays it out in the content box between a
 * title line and the footer, draws it, and hands it the keys its root widget
 * did not take (through its key table, struct screen_key, which also makes the
 * footer), every scanned code whatever its source (keyboard-wedge scanner,
 * serial scanner, camera, image folder), and a tick each second. The frame owns
 * what screens share: the registry, the configuration, the language, the staff
 * member logged in, the idle timer, the scanners and the kiosk lock.
 *
 * Screens hold no user-facing text: every text is a message key (msg_get()).
 * Screens never print scanned bytes raw: tty_put() shows controls as '?',
 * and text_safe() makes them visible where a code must be shown.
 */
#ifndef JSD_FRAME_H
#define JSD_FRAME_H

#include "cfg.h"
#include "loop.h"
#include "msg.h"
#include "reg.h"
#include "scan.h"
#include "tty.h"

enum frame_mode { FRAME_KIOSK, FRAME_COUNTER, FRAME_SUPERVISOR };

struct frame;
struct screen;

/*
 * A screen's keys, listed once in its class (struct screen_class.keys): the
 * frame draws the footer from the entries that apply now, in the table's
 * order, and hands a key to the first entry that names it and applies (an
 * entry for any key last); a key that does not apply is neither shown nor
 * taken. Esc is an entry like any other, usually acting by frame_back().
 *
 * Terminals without function keys (a serial console, TERM=ansi): each F-key
 * has a Ctrl-letter stand-in, derived in one place (frame-keys.c: F2 is ^G,
 * F10 ^X, ...), taken wherever the F-key is, and shown in the footer instead
 * of the F-key when terminfo says the terminal lacks it (JSD_FKEYS=yes|no in
 * the environment overrides). Ctrl, because a plain letter is typing in a
 * field, and the letters chosen are none that a field, the terminal driver
 * or a flow-controlled serial line takes for itself.
 */
#define FRAME_KEY_ESC	27
#define FRAME_KEY_ANY	(-1)	/* any key no entry names (its action may
				 * still leave some alone) */

struct screen_key {
	/* An ncurses KEY_* code, an ASCII character, or FRAME_KEY_ANY. */
	int		 key;
	/* Message key of the footer's text; NULL: taken, not shown. */
	const char	*label;
	/* NULL: only shown, the screen's widget takes the key (Tab). */
	enum widget_result (*act)(struct screen *, const struct widget_key *);
	/* Whether the entry applies now; NULL: always. */
	int		 (*applies)(struct screen *);
	/* Message key of the key's name in the footer ("1/2", "Any key");
	 * NULL: derived from the key (F2, Esc, Enter, Tab, K). */
	const char	*name;
};

#define FRAME_KEYS(t)	.keys = (t), .nkeys = sizeof (t) / sizeof (t)[0]

struct screen_class {
	const char	*name;
	/* Makes the screen's widgets and state; arg is what frame_push() passed
	 * (borrowed; copy what must outlive the call). 0, or -1 to refuse. */
	int		 (*enter)(struct screen *, void *arg);
	/* Frees everything the screen made and wipes personal data in it. */
	void		 (*leave)(struct screen *);
	/* Places the widgets in box; called on entry and after every resize. */
	void		 (*layout)(struct screen *, struct tbox box);
	/* Draws what is not a widget; the frame then draws the root widget.
	 * NULL: the root widget only. */
	void		 (*draw)(struct screen *, struct tbox box);
	/* The screen's keys. A key goes to the root widget first; the table
	 * gets those it ignored (all keys when root is NULL) and those that
	 * finished it (the root answered WIDGET_DONE: a form submitted, a list
	 * row chosen). The frame never ends on a screen's WIDGET_DONE: quitting
	 * is explicit. */
	const struct screen_key *keys;
	size_t		 nkeys;
	/* Keys no entry took, for widgets the screen drives itself rather
	 * than through its root (typing in a filter); NULL: none. */
	enum widget_result (*key)(struct screen *, const struct widget_key *);
	/* A code from any scanner (untrusted bytes). NULL: the frame says that
	 * no code is expected here. WIDGET_IGNORED for a keyboard-wedge burst:
	 * it was typing, and the frame hands its characters back as keys. */
	enum widget_result (*scan)(struct screen *, const struct scan_event *);
	/* Once a second: countdowns, polling the registry. NULL: nothing. */
	enum widget_result (*tick)(struct screen *);
};

struct screen {
	const struct screen_class *cls;
	struct frame	*frame;
	struct widget	*root;		/* the screen's, freed by its leave() */
	void		*data;		/* the screen's state */
	const char	*title;		/* message key for the title line */
};

/* What every screen may use. */
struct reg	*frame_reg(struct frame *);
const struct cfg *frame_cfg(struct frame *);
enum frame_mode	 frame_mode(struct frame *);
struct loop	*frame_loop(struct frame *);
struct pinyin;
/* The pinyin table for fields where applicants type Chinese
 * (field_set_pinyin): kiosk mode's, else NULL. */
const struct pinyin *frame_pinyin(struct frame *);

/* Screens. push covers the current one (it stays entered); replace leaves it
 * first; pop leaves the top one and shows the one below; home leaves them all
 * and enters the mode's first screen (the start screen, or the login). */
int		 frame_push(struct frame *, const struct screen_class *, void *arg);
int		 frame_replace(struct frame *, const struct screen_class *, void *arg);
void		 frame_pop(struct frame *);
void		 frame_home(struct frame *);

/* The staff member logged in (counter and supervisor modes), or NULL. */
const struct staff *frame_staff(struct frame *);
/* After a good password: remembered, and the mode's home screen replaces the
 * login. Logout wipes every screen and returns to the login. */
void		 frame_login(struct frame *, const struct staff *);
void		 frame_logout(struct frame *);

/* 1 if k is key (a KEY_* code or an ASCII character) or its stand-in: for an
 * action that several entries share. */
int		 frame_keys_is(const struct widget_key *, int key);
/* An F-key's name as the footer shows it ("F2", or "^G" where the terminal
 * lacks F2), for a text that names the key (a message with a %s). */
const char	*frame_keys_name(struct frame *, int key);
/* The Esc of most screens: back to the screen below. */
enum widget_result frame_back(struct screen *, const struct widget_key *);
/* The layout of a form under a heading: the root widget two lines down and
 * two columns in, to the bottom of the box. */
void		 frame_layout_form(struct screen *, struct tbox);
/* A one-line message above the footer, cleared by the next key or scan. */
void		 frame_status(struct frame *, const char *text, enum tty_role);
/* A distinct bell for good and bad news (counter verdicts). */
void		 frame_bell(struct frame *, int good);
/* Seconds left while the idle countdown shows, else -1. */
int		 frame_idle_left(struct frame *);
/* Switches the language (msg.h) and enters the top screen again with a NULL
 * arg, so its widgets take the new texts: for screens that need no arg, such
 * as the start and login screens. */
void		 frame_set_lang(struct frame *, enum msg_lang);
/* Seconds from the configuration (result_seconds, idle_seconds, ...). */
int		 frame_seconds(struct frame *, const char *key, int def);

/* The screens each mode starts with, and the homes after a login. */
extern const struct screen_class kiosk_start_screen;		/* kiosk */
extern const struct screen_class staff_login_screen;		/* counter, supervisor */
extern const struct screen_class counter_queue_screen;	/* counter home */
extern const struct screen_class super_day_screen;		/* supervisor home */

#endif
