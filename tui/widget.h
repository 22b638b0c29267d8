/*
 * widget.h: what every widget is, in the manner of htop's Panel.
 *
 * A concrete widget (struct field, struct list, ...) begins with a struct widget
 * whose class holds its handlers. Screens place widgets (widget_place()), the
 * event loop hands keys to one root widget (a form passes them on to its focused
 * child), and every key handler answers with one of a few results, so no widget
 * needs to know the others. Widgets draw on stdscr inside their rectangle and
 * hold no text of their own: every label and message comes from the caller.
 */
#ifndef JSD_WIDGET_H
#define JSD_WIDGET_H

#include <stdint.h>

enum widget_result {
	WIDGET_IGNORED,		/* not mine: the caller may use the key */
	WIDGET_HANDLED,		/* used, nothing to redraw */
	WIDGET_REDRAW,		/* used, the screen must be redrawn */
	WIDGET_RESIZE,		/* the layout must be computed again */
	WIDGET_DONE,		/* finished (submitted, chosen): end the loop */
	WIDGET_FOCUS_NEXT,	/* move the focus on (Tab, Down) */
	WIDGET_FOCUS_PREV	/* move the focus back (Shift-Tab, Up) */
};

/*
 * A key as the loop delivers it: a character (fn 0, ch a code point) or a
 * function key (fn 1, ch an ncurses KEY_* code). The loop normalises Enter
 * ('\r', '\n') to KEY_ENTER and Backspace (127, 8) to KEY_BACKSPACE; Tab is the
 * character '\t', Shift-Tab KEY_BTAB, Esc the character 27. ms is when it was
 * read, on the monotonic clock in milliseconds.
 */
struct widget_key {
	uint32_t	 ch;
	int		 fn;
	int64_t		 ms;
};

#define WIDGET_CTRL(c)	((uint32_t)(c) & 0x1f)

struct widget;

struct widget_class {
	const char	*name;
	int		 focusable;
	void		 (*draw)(struct widget *);
	/* NULL: the widget takes no keys. */
	enum widget_result (*key)(struct widget *, const struct widget_key *);
	/* Lines the widget wants at that width; NULL: its current height. */
	int		 (*height)(struct widget *, int width);
	/* Told when it gains (1) or loses (0) the focus; may return
	 * WIDGET_REDRAW (a field shows its check's message on leaving). NULL:
	 * nothing to do. */
	enum widget_result (*focus)(struct widget *, int on);
	/* Checks the value, showing the reason if it is wrong: 0 if valid,
	 * -1 if not. NULL: always valid. */
	int		 (*check)(struct widget *);
	/* Frees what the widget owns and the widget itself. */
	void		 (*destroy)(struct widget *);
};

struct widget {
	const struct widget_class *cls;
	int		 y, x, h, w;	/* rectangle on stdscr */
	int		 focused;
	const char	*label;		/* the concrete widget's copy, or NULL */
	int		 label_w;	/* columns for it, set by the container */
};

void		 widget_init(struct widget *, const struct widget_class *);
void		 widget_place(struct widget *, int y, int x, int h, int w);
void		 widget_draw(struct widget *);
enum widget_result widget_key(struct widget *, const struct widget_key *);
int		 widget_height(struct widget *, int width);
enum widget_result widget_focus(struct widget *, int on);
int		 widget_focusable(const struct widget *);
int		 widget_check(struct widget *);
/* Calls the class's destroy; NULL is allowed. */
void		 widget_free(struct widget *);

/* 1 if k is the function key code (a KEY_* value). */
int		 widget_key_fn(const struct widget_key *, int code);
/* 1 if k is the character ch. */
int		 widget_key_char(const struct widget_key *, uint32_t ch);

/* Columns a labelled widget gives its label at that width, the gap after it
 * included: the label's share (label_w), never more than half the width. */
int		 widget_label_cols(const struct widget *, int width);
/* The focus moves every input widget shares: Tab, Enter and Down on,
 * Shift-Tab and Up back; WIDGET_IGNORED for any other key. */
enum widget_result widget_key_focus(const struct widget_key *);

#endif
