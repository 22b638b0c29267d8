/*
 * frame-admin.c: the one way out of kiosk mode. An administrator presses the
 * configured key (admin_key, F12 by default) and types the PIN (admin_pin); a
 * wrong PIN returns to the kiosk saying it was wrong and how long the next try
 * must wait, and after a few the station is locked until a supervisor lifts
 * it (core/adminpin.c keeps that rule and logs every try). Without a
 * configured PIN there is no way out from the keyboard at all.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adminpin.h"
#include "clock.h"
#include "frame-private.h"
#include "field.h"
#include "form.h"

struct frame_admin {
	struct form	*form;
	struct field	*pin;
};

/* What the state says to the person at the PIN: NULL when a try is open. */
static const char *
frame_admin_state_text(const struct adminpin_state *st, char *buf, size_t len)
{
	int64_t wait = st->retry_at - clock_now();

	if (st->locked)
		return msg_get("frame.admin.locked");
	if (wait <= 0)
		return NULL;
	snprintf(buf, len, msg_get("frame.admin.wait"), (long long)wait);
	return buf;
}

/* Says at once, under the PIN, when the station is locked or must wait. */
static void
frame_admin_show_state(struct frame *a, struct frame_admin *ad)
{
	struct adminpin_state st;
	char buf[256];
	const char *text;
	struct err e;

	err_clear(&e);
	if (adminpin_get(a->reg, a->station, &st, &e) != 0)
		text = msg_get(e.key);
	else
		text = frame_admin_state_text(&st, buf, sizeof buf);
	field_set_error(ad->pin, text);
}

static int
frame_admin_enter(struct screen *s, void *arg)
{
	struct frame_admin *ad;

	(void)arg;
	if ((ad = calloc(1, sizeof *ad)) == NULL || (ad->form = form_new()) == NULL ||
	    (ad->pin = field_new(msg_get("frame.admin.pin"), 16)) == NULL) {
		if (ad != NULL && ad->form != NULL)
			widget_free(form_widget(ad->form));
		free(ad);
		return -1;
	}
	field_set_masked(ad->pin, 1);
	form_add(ad->form, field_widget(ad->pin));
	frame_admin_show_state(s->frame, ad);
	s->root = form_widget(ad->form);
	s->data = ad;
	s->title = "frame.admin.title";
	return 0;
}

static void
frame_admin_leave(struct screen *s)
{
	struct frame_admin *ad = s->data;

	widget_free(s->root);
	free(ad);
}

static void
frame_admin_layout(struct screen *s, struct tbox b)
{
	widget_place(s->root, b.y + b.h / 2 - 1, b.x + 4, 3, b.w - 8);
}

/*
 * Enter with the PIN. The core compares it only when the station may try, and
 * logs the try. A registry that cannot record the try keeps the kiosk locked:
 * an attempt that leaves no trace is not allowed to succeed.
 */
static enum widget_result
frame_admin_try(struct screen *s, const struct widget_key *k)
{
	struct frame_admin *ad = s->data;
	struct frame *a = s->frame;
	struct adminpin_state st;
	enum adminpin_verdict v;
	const char *typed, *text;
	char buf[256];
	struct err e;

	(void)k;
	if ((typed = field_value(ad->pin)) == NULL)
		typed = "";
	err_clear(&e);
	if (adminpin_try(a->reg, a->station, a->admin_pin, typed, &v, &st,
	    &e) != 0)
		text = msg_get(e.key);
	else if (v == ADMINPIN_OK) {
		loop_quit(frame_loop(a), 0);
		return WIDGET_HANDLED;
	} else if ((text = frame_admin_state_text(&st, buf, sizeof buf)) == NULL)
		text = msg_get("frame.admin.wrong");
	frame_pop(a);
	frame_status(a, text, TTY_ERROR);
	return WIDGET_RESIZE;
}

static const struct screen_key frame_admin_keys[] = {
	{ KEY_ENTER, "frame.admin.key_try", frame_admin_try, NULL, NULL },
	{ FRAME_KEY_ESC, "frame.admin.key_back", frame_back, NULL, NULL },
};

const struct screen_class frame_admin_screen = {
	.name = "admin",
	.enter = frame_admin_enter,
	.leave = frame_admin_leave,
	.layout = frame_admin_layout,
	FRAME_KEYS(frame_admin_keys),
};
