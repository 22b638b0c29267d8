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

struct admin {
	struct form	*form;
	struct field	*pin;
};

/* What the state says to the person at the PIN: NULL when a try is open. */
static const char *
admin_state_text(const struct adminpin_state *st, char *buf, size_t len)
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
admin_show_state(struct frame *a, struct admin *ad)
{
	struct adminpin_state st;
	char buf[256];
	const char *text;
	struct err e;

	err_clear(&e);
	if (adminpin_get(a->reg, a->station, &st, &e) != 0)
		text = msg_get(e.key);
	else
		text = admin_state_text(&st, buf, sizeof buf);
	field_set_error(ad->pin, text);
}

static int
admin_enter(struct screen *s, void *arg)
{
	struct admin *ad;

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
	admin_show_state(s->frame, ad);
	s->root = form_widget(ad->form);
	s->data = ad;
	s->title = "frame.admin.title";
	return 0;
}

static void
admin_leave(struct screen *s)
{
	struct admin *ad = s->data;

	widget_free(s->root);
	free(ad);
}

static void
admin_layout(struct screen *s, struct tbox b)
{
	widget_place(s->root, b.y + b.h / 2 - 1, b.x + 4, 3, b.w - 8);
}

/*
 * The typed PIN goes to the core, which compares it only when the station may
 * try, and logs the try. A registry that cannot record the try keeps the kiosk
 * locked: an attempt that leaves no trace is not allowed to succeed.
 */
static enum widget_result
admin_submit(struct frame *a, const char *typed)
{
	struct adminpin_state st;
	enum adminpin_verdict v;
	char buf[256];
	const char *text;
	struct err e;

	err_clear(&e);
	if (adminpin_try(a->reg, a->station, a->admin_pin, typed, &v, &st,
	    &e) != 0) {
		frame_pop(a);
		frame_status(a, msg_get(e.key), TTY_ERROR);
		return WIDGET_RESIZE;
	}
	if (v == ADMINPIN_OK) {
		loop_quit(frame_loop(a), 0);
		return WIDGET_HANDLED;
	}
	frame_pop(a);
	if ((text = admin_state_text(&st, buf, sizeof buf)) == NULL)
		text = msg_get("frame.admin.wrong");
	frame_status(a, text, TTY_ERROR);
	return WIDGET_RESIZE;
}

static enum widget_result
admin_key(struct screen *s, const struct widget_key *k)
{
	struct admin *ad = s->data;
	struct frame *a = s->frame;
	const char *typed;

	if (widget_key_char(k, 27)) {
		frame_pop(a);
		return WIDGET_RESIZE;
	}
	if (!k->fn || k->ch != KEY_ENTER)
		return WIDGET_IGNORED;
	if ((typed = field_value(ad->pin)) == NULL)
		typed = "";
	return admin_submit(a, typed);
}

const struct screen_class screen_admin = {
	.name = "admin",
	.enter = admin_enter,
	.leave = admin_leave,
	.layout = admin_layout,
	.key = admin_key,
};
