/*
 * super-kiosks.c: the kiosks' administrator PINs for a supervisor: each
 * station with wrong PINs not yet forgotten, whether it is locked or must wait
 * before the next try, and lifting the lock (or the count) of one.
 *
 * The rule and the state are core/adminpin.c's, read back from the event log;
 * this screen only shows them and lifts with the supervisor logged in as the
 * actor, so the log names who let a kiosk's way out open again.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adminpin.h"
#include "clock.h"
#include "list.h"
#include "super.h"

#define SUPER_KIOSKS_COLS	4

struct super_kiosks {
	struct list	*list;
};

static int
super_kiosks_row(const struct adminpin_state *st, void *arg)
{
	struct list *l = arg;
	const char *cells[SUPER_KIOSKS_COLS];
	char state[64], at[20], wrong[16], last[20];

	if (st->locked)
		snprintf(state, sizeof state, "%s", msg_get("super.pin.locked"));
	else if (st->retry_at > clock_now()) {
		clock_format_local(st->retry_at, at, sizeof at);
		snprintf(state, sizeof state, msg_get("super.pin.waiting"), at + 11);
	} else
		snprintf(state, sizeof state, "%s", msg_get("super.pin.open"));
	snprintf(wrong, sizeof wrong, "%d", st->failures);
	clock_format_local(st->last_at, last, sizeof last);
	cells[0] = st->station;
	cells[1] = state;
	cells[2] = wrong;
	cells[3] = last;
	return list_add(l, cells) < 0 ? -1 : 0;
}

static int
super_kiosks_enter(struct screen *s, void *arg)
{
	static const int widths[SUPER_KIOSKS_COLS] = { 0, 22, 6, 19 };
	static const char *const titles[SUPER_KIOSKS_COLS] = {
		"super.pin.station", "super.pin.state", "super.pin.wrong",
		"super.pin.last"
	};
	struct super_kiosks *sk;

	(void)arg;
	if ((sk = calloc(1, sizeof *sk)) == NULL)
		return -1;
	if ((sk->list = super_list_new(SUPER_KIOSKS_COLS, titles,
	    widths)) == NULL) {
		free(sk);
		return -1;
	}
	s->root = list_widget(sk->list);
	s->data = sk;
	s->title = "super.pin.title";
	return 0;
}

static void
super_kiosks_leave(struct screen *s)
{
	widget_free(s->root);
	free(s->data);
}

/* Laid out on entry and after each lift: the list is read again then. */
static void
super_kiosks_layout(struct screen *s, struct tbox b)
{
	struct super_kiosks *sk = s->data;
	struct err e;

	list_clear(sk->list);
	err_clear(&e);
	if (adminpin_list(frame_reg(s->frame), super_kiosks_row, sk->list,
	    &e) != 0)
		super_fail(s->frame, &e);
	widget_place(s->root, b.y, b.x, b.h, b.w);
}

static int
super_kiosks_has_selected(struct screen *s)
{
	struct super_kiosks *sk = s->data;

	return list_selected(sk->list) >= 0;
}

/* The list's cells go away on reload: the lift works on a copy. */
static enum widget_result
super_kiosks_lift(struct screen *s, const struct widget_key *k)
{
	struct super_kiosks *sk = s->data;
	const struct staff *me = frame_staff(s->frame);
	char station[REG_STATION_SIZE], text[256];
	struct err e;

	(void)k;
	snprintf(station, sizeof station, "%s",
	    list_cell(sk->list, list_selected(sk->list), 0));
	err_clear(&e);
	if (adminpin_lift(frame_reg(s->frame), station, me != NULL ? me->name :
	    "", &e) != 0) {
		super_fail(s->frame, &e);
		return WIDGET_REDRAW;
	}
	snprintf(text, sizeof text, msg_get("super.pin.lifted"), station);
	frame_status(s->frame, text, TTY_GOOD);
	return WIDGET_RESIZE;
}

static const struct screen_key super_kiosks_keys[] = {
	{ KEY_F(4), "super.key.lift", super_kiosks_lift,
	    super_kiosks_has_selected, NULL },
	{ FRAME_KEY_ESC, "super.key.back", frame_back, NULL, NULL },
};

const struct screen_class super_kiosks_screen = {
	.name = "super-kiosks",
	.enter = super_kiosks_enter,
	.leave = super_kiosks_leave,
	.layout = super_kiosks_layout,
	FRAME_KEYS(super_kiosks_keys),
};
