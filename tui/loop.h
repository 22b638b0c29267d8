/*
 * loop.h: the one event loop, as htop's ScreenManager: keys from the terminal,
 * other file descriptors and timers, dispatched to callbacks that answer with a
 * widget result.
 *
 * A key goes first to the filter hook, if the screen set one (where a wedge
 * scanner's burst is told from typing, or a screen-wide key like F1 is taken);
 * if the filter answers WIDGET_IGNORED the key goes to the root widget (a form
 * hands it to its focused child). Every key carries the monotonic time it was
 * read, in milliseconds. KEY_RESIZE never reaches a widget: the loop calls the
 * layout callback and redraws, so nothing typed is lost on resize. While the
 * terminal is below the minimum size, the loop shows the caller's "too small"
 * text instead of the screen and gives keys to the filter only.
 *
 * Results: WIDGET_REDRAW redraws, WIDGET_RESIZE lays out and redraws,
 * WIDGET_DONE ends loop_run(), which returns 0 (or the code given to
 * loop_quit()). Drawing happens once per wake-up, after every pending event was
 * handled, so a burst of pasted keys costs one redraw.
 */
#ifndef JSD_LOOP_H
#define JSD_LOOP_H

#include <stdint.h>

#include "widget.h"

#define LOOP_MAX_FDS	8
#define LOOP_MAX_TIMERS	16
#define LOOP_EOF	(-1)	/* loop_run(): the terminal went away */
#define LOOP_ERROR	(-2)	/* loop_run(): poll() failed */

struct loop;

typedef enum widget_result (*loop_key_fn)(const struct widget_key *, void *);
typedef enum widget_result (*loop_fd_fn)(int fd, short revents, void *);
typedef enum widget_result (*loop_timer_fn)(int id, void *);
typedef void (*loop_fn)(void *);

struct loop	*loop_new(void);
void		 loop_free(struct loop *);

/* The widget keys go to (borrowed; NULL for none). */
void		 loop_set_root(struct loop *, struct widget *);
struct widget	*loop_root(const struct loop *);
/* Draws the whole screen (after erase()); NULL draws the root widget. */
void		 loop_set_draw(struct loop *, loop_fn, void *);
void		 loop_get_draw(const struct loop *, loop_fn *, void **);
/* Places the widgets for the current LINES x COLS; called when loop_run()
 * starts and after every resize. */
void		 loop_set_layout(struct loop *, loop_fn, void *);
void		 loop_set_filter(struct loop *, loop_key_fn, void *);
/* Shown while the terminal is too small (borrowed; NULL: draw anyway). */
void		 loop_set_too_small(struct loop *, const char *text);

/* Calls fn when fd is ready for events (POLLIN, ...). 0, or -1 if full. */
int		 loop_add_fd(struct loop *, int fd, short events, loop_fd_fn,
		     void *);
void		 loop_del_fd(struct loop *, int fd);
/* Calls fn after ms, and every ms if repeat; returns an id > 0, or -1. */
int		 loop_add_timer(struct loop *, int ms, int repeat, loop_timer_fn,
		     void *);
/* Starts the timer's period again from now (an idle timer on each key). */
void		 loop_reset_timer(struct loop *, int id);
void		 loop_del_timer(struct loop *, int id);

/* Hands a key to the root widget as if typed, without the filter (keys a
 * wedge held back and released as typing). */
enum widget_result loop_deliver(struct loop *, const struct widget_key *);
void		 loop_redraw(struct loop *);
/* Draws fn(arg) at once over what the terminal shows, and nothing else: for
 * a handler that is blocked (waiting for a server) and must say so meanwhile,
 * while screens may be half made (one entering reads the registry). Nothing
 * while the terminal is too small. The loop draws all again afterwards. */
void		 loop_paint_over(struct loop *, loop_fn, void *);
void		 loop_relayout(struct loop *);
void		 loop_quit(struct loop *, int code);
/* Runs until a handler answers WIDGET_DONE or calls loop_quit(); may be
 * nested (a modal dialog runs it again with another root). */
int		 loop_run(struct loop *);

int64_t		 loop_now_ms(void);
/* When the last key was read (loop_now_ms() clock); 0 if none yet. */
int64_t		 loop_last_key_ms(const struct loop *);

#endif
