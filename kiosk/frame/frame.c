/*
 * frame.c: jsd-kiosk's frame; see frame.h.
 *
 * The frame draws a title line (program, mode, station, clock), the top screen
 * in the content box, a status line and the footer. It filters every key before
 * the screen: any key ends an idle countdown; a burst of printable ASCII faster
 * than a person types is a keyboard-wedge scan (kiosk/wedge.c), anything else is
 * typing and passes through in order. Scans from every source go to the top
 * screen's scan handler.
 *
 * Idle: with no key or scan for idle_seconds (kiosk 90, counter and supervisor
 * 300 by default), a countdown of FRAME_COUNTDOWN seconds shows over the screen;
 * a key cancels it; at zero the kiosk returns to its start screen and a staff
 * session ends, every screen leaving and wiping what it held.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frame-private.h"
#include "clock.h"
#include "dialog.h"
#include "text.h"

#define FRAME_COUNTDOWN	15	/* seconds the idle countdown shows */

struct reg *
frame_reg(struct frame *a)
{
	return a->reg;
}

const struct cfg *
frame_cfg(struct frame *a)
{
	return a->cfg;
}

const struct pinyin *
frame_pinyin(struct frame *a)
{
	return a->pinyin;
}

enum frame_mode
frame_mode(struct frame *a)
{
	return a->mode;
}

struct loop *
frame_loop(struct frame *a)
{
	return a->loop;
}

const struct staff *
frame_staff(struct frame *a)
{
	return a->logged_in ? &a->staff : NULL;
}

int
frame_seconds(struct frame *a, const char *key, int def)
{
	struct err e;
	long v;

	if (cfg_int(a->cfg, key, def, &v, &e) != 0)
		return def;
	return (int)v;
}

static struct screen *
frame_top(struct frame *a)
{
	return a->depth > 0 ? &a->stack[a->depth - 1] : NULL;
}

/* Makes the top screen the loop's root and lays it out. */
static void
frame_show_top(struct frame *a)
{
	struct screen *s = frame_top(a);

	loop_set_root(a->loop, s != NULL ? s->root : NULL);
	loop_relayout(a->loop);
}

static int
frame_enter(struct frame *a, const struct screen_class *cls, void *arg)
{
	struct screen *s;

	if (a->depth == FRAME_STACK_MAX)
		return -1;
	s = &a->stack[a->depth];
	memset(s, 0, sizeof *s);
	s->cls = cls;
	s->frame = a;
	a->depth++;
	if (cls->enter(s, arg) != 0) {
		a->depth--;
		memset(s, 0, sizeof *s);
		return -1;
	}
	return 0;
}

static void
frame_leave_top(struct frame *a)
{
	struct screen *s = frame_top(a);

	if (s == NULL)
		return;
	if (s->cls->leave != NULL)
		s->cls->leave(s);
	memset(s, 0, sizeof *s);
	a->depth--;
}

int
frame_push(struct frame *a, const struct screen_class *cls, void *arg)
{
	if (frame_enter(a, cls, arg) != 0)
		return -1;
	frame_show_top(a);
	return 0;
}

int
frame_replace(struct frame *a, const struct screen_class *cls, void *arg)
{
	frame_leave_top(a);
	return frame_push(a, cls, arg);
}

void
frame_pop(struct frame *a)
{
	if (a->depth <= 1) {
		frame_home(a);
		return;
	}
	frame_leave_top(a);
	frame_show_top(a);
}

static const struct screen_class *
frame_first_screen(struct frame *a)
{
	if (a->mode == FRAME_KIOSK)
		return &kiosk_start_screen;
	if (!a->logged_in)
		return &staff_login_screen;
	return a->mode == FRAME_COUNTER ? &counter_queue_screen : &super_day_screen;
}

void
frame_leave_all(struct frame *a)
{
	while (a->depth > 0)
		frame_leave_top(a);
}

void
frame_home(struct frame *a)
{
	frame_leave_all(a);
	a->status[0] = '\0';
	a->countdown = 0;
	if (frame_push(a, frame_first_screen(a), NULL) != 0)
		loop_quit(a->loop, 1);
}

void
frame_login(struct frame *a, const struct staff *s)
{
	a->staff = *s;
	a->logged_in = 1;
	frame_home(a);
}

void
frame_logout(struct frame *a)
{
	memset(&a->staff, 0, sizeof a->staff);
	a->logged_in = 0;
	frame_home(a);
}

void
frame_set_lang(struct frame *a, enum msg_lang lang)
{
	struct screen *s = frame_top(a);
	const struct screen_class *cls;

	msg_set_lang(lang);
	if (s == NULL)
		return;
	cls = s->cls;
	frame_leave_top(a);
	if (frame_push(a, cls, NULL) != 0)
		frame_home(a);
}

enum widget_result
frame_back(struct screen *s, const struct widget_key *k)
{
	(void)k;
	frame_pop(s->frame);
	return WIDGET_RESIZE;
}

void
frame_layout_form(struct screen *s, struct tbox b)
{
	widget_place(s->root, b.y + 2, b.x + 2, b.h - 2, b.w - 4);
}

void
frame_status(struct frame *a, const char *text, enum tty_role role)
{
	snprintf(a->status, sizeof a->status, "%s", text);
	a->status_role = role;
	a->reconnecting = 0;
	loop_redraw(a->loop);
}

/* Good news rings once; bad news twice and flashes, so the two cannot be
 * confused by ear. */
void
frame_bell(struct frame *a, int good)
{
	(void)a;
	beep();
	if (!good) {
		napms(150);
		beep();
		flash();
	}
}

int
frame_idle_left(struct frame *a)
{
	if (!a->countdown)
		return -1;
	return (int)((a->countdown_end_ms - loop_now_ms() + 999) / 1000);
}
