/*
 * frame-admin.c: the one way out of kiosk mode. An administrator presses the
 * configured key (admin_key, F12 by default) and types the PIN (admin_pin); a
 * wrong PIN returns to the kiosk with nothing said but that it was wrong.
 * Without a configured PIN there is no way out from the keyboard at all.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "frame-private.h"
#include "field.h"
#include "form.h"

struct frame_admin {
	struct form	*form;
	struct field	*pin;
};

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

/* Compared in constant time, so the PIN cannot be found a digit at a time. */
static int
frame_admin_pin_ok(struct frame *a, const char *typed)
{
	size_t n = strlen(a->admin_pin);

	return n > 0 && strlen(typed) == n &&
	    sodium_memcmp(a->admin_pin, typed, n) == 0;
}

/* Enter with the PIN: a wrong one goes back to the kiosk, saying only that. */
static enum widget_result
frame_admin_try(struct screen *s, const struct widget_key *k)
{
	struct frame_admin *ad = s->data;
	struct frame *a = s->frame;

	(void)k;
	if (frame_admin_pin_ok(a, field_value(ad->pin))) {
		loop_quit(frame_loop(a), 0);
		return WIDGET_HANDLED;
	}
	frame_pop(a);
	frame_status(a, msg_get("frame.admin.wrong"), TTY_ERROR);
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
