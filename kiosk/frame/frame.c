/*
 * app.c: jsd-kiosk's frame; see app.h.
 *
 * The frame draws a title line (program, mode, station, clock), the top screen
 * in the content box, a status line and the footer. It filters every key before
 * the screen: any key ends an idle countdown; a burst of printable ASCII faster
 * than a person types is a keyboard-wedge scan (kiosk/wedge.c), anything else is
 * typing and passes through in order. Scans from every source go to the top
 * screen's scan handler.
 *
 * Idle: with no key or scan for idle_seconds (kiosk 90, counter and supervisor
 * 300 by default), a countdown of APP_COUNTDOWN seconds shows over the screen;
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

#define APP_COUNTDOWN	15	/* seconds the idle countdown shows */

struct reg *
app_reg(struct app *a)
{
	return a->reg;
}

const struct cfg *
app_cfg(struct app *a)
{
	return a->cfg;
}

enum app_mode
app_mode(struct app *a)
{
	return a->mode;
}

struct loop *
app_loop(struct app *a)
{
	return a->loop;
}

const struct staff *
app_staff(struct app *a)
{
	return a->logged_in ? &a->staff : NULL;
}

int
app_seconds(struct app *a, const char *key, int def)
{
	struct err e;
	long v;

	if (cfg_get_int(a->cfg, key, 1, 86400, def, &v, &e) != 0)
		return def;
	return (int)v;
}

static struct screen *
app_top(struct app *a)
{
	return a->depth > 0 ? &a->stack[a->depth - 1] : NULL;
}

/* Makes the top screen the loop's root and lays it out. */
static void
app_show_top(struct app *a)
{
	struct screen *s = app_top(a);

	a->nfooter = 0;
	loop_set_root(a->loop, s != NULL ? s->root : NULL);
	loop_relayout(a->loop);
}

static int
app_enter(struct app *a, const struct screen_class *cls, void *arg)
{
	struct screen *s;

	if (a->depth == APP_STACK_MAX)
		return -1;
	s = &a->stack[a->depth];
	memset(s, 0, sizeof *s);
	s->cls = cls;
	s->app = a;
	a->depth++;
	a->nfooter = 0;
	if (cls->enter(s, arg) != 0) {
		a->depth--;
		memset(s, 0, sizeof *s);
		return -1;
	}
	return 0;
}

static void
app_leave_top(struct app *a)
{
	struct screen *s = app_top(a);

	if (s == NULL)
		return;
	if (s->cls->leave != NULL)
		s->cls->leave(s);
	memset(s, 0, sizeof *s);
	a->depth--;
}

int
app_push(struct app *a, const struct screen_class *cls, void *arg)
{
	if (app_enter(a, cls, arg) != 0)
		return -1;
	app_show_top(a);
	return 0;
}

int
app_replace(struct app *a, const struct screen_class *cls, void *arg)
{
	app_leave_top(a);
	return app_push(a, cls, arg);
}

void
app_pop(struct app *a)
{
	if (a->depth <= 1) {
		app_home(a);
		return;
	}
	app_leave_top(a);
	app_show_top(a);
}

static const struct screen_class *
app_first_screen(struct app *a)
{
	if (a->mode == APP_KIOSK)
		return &screen_start;
	if (!a->logged_in)
		return &screen_login;
	return a->mode == APP_COUNTER ? &screen_counter : &screen_super;
}

void
app_leave_all(struct app *a)
{
	while (a->depth > 0)
		app_leave_top(a);
}

void
app_home(struct app *a)
{
	app_leave_all(a);
	a->status[0] = '\0';
	a->countdown = 0;
	if (app_push(a, app_first_screen(a), NULL) != 0)
		loop_quit(a->loop, 1);
}

void
app_login(struct app *a, const struct staff *s)
{
	a->staff = *s;
	a->logged_in = 1;
	app_home(a);
}

void
app_logout(struct app *a)
{
	memset(&a->staff, 0, sizeof a->staff);
	a->logged_in = 0;
	app_home(a);
}

void
app_set_lang(struct app *a, enum msg_lang lang)
{
	struct screen *s = app_top(a);
	const struct screen_class *cls;

	msg_set_lang(lang);
	if (s == NULL)
		return;
	cls = s->cls;
	app_leave_top(a);
	if (app_push(a, cls, NULL) != 0)
		app_home(a);
}

void
app_footer(struct app *a, const struct footer_item *items, size_t n)
{
	if (n > FOOTER_MAX_ITEMS)
		n = FOOTER_MAX_ITEMS;
	memcpy(a->footer_items, items, n * sizeof *items);
	a->nfooter = n;
	footer_set(a->footer, a->footer_items, n);
	loop_redraw(a->loop);
}

void
app_status(struct app *a, const char *text, enum tscreen_role role)
{
	snprintf(a->status, sizeof a->status, "%s", text);
	a->status_role = role;
	loop_redraw(a->loop);
}

/* Good news rings once; bad news twice and flashes, so the two cannot be
 * confused by ear. */
void
app_bell(struct app *a, int good)
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
app_idle_left(struct app *a)
{
	if (!a->countdown)
		return -1;
	return (int)((a->countdown_end_ms - loop_now_ms() + 999) / 1000);
}
