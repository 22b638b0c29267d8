/*
 * kiosk-status.c: what became of an application, for the person who made it.
 *
 * The application number (typed, or filled by scanning the ticket's QR) and
 * the last four digits of the phone on the form; numbers run in order, so the
 * number alone is not enough. cert_app_status() decides, limits failed tries
 * per station and logs them; the screen shows only the status (submitted;
 * approved, come to the counter for the claim QR; claimed; rejected with the
 * reason), nothing personal, and forgets the answer when it is left.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cert.h"
#include "code.h"
#include "field.h"
#include "form.h"
#include "kiosk.h"

struct kiosk_status {
	struct form	*form;
	struct field	*number, *phone_end;
	struct app_view	 view;
	int		 shown;		/* a status was found */
};

static int
kiosk_status_make(struct kiosk_status *ks)
{
	if ((ks->form = form_new()) == NULL ||
	    (ks->number = field_new(msg_get("kiosk.status.number"),
	    CODE_TICKET_NUMBER_MAX)) == NULL ||
	    form_add(ks->form, field_widget(ks->number)) != 0 ||
	    (ks->phone_end = field_new(msg_get("kiosk.status.phone_end"),
	    4)) == NULL ||
	    form_add(ks->form, field_widget(ks->phone_end)) != 0)
		return -1;
	field_set_alphabet(ks->number, "0123456789-");
	field_set_alphabet(ks->phone_end, "0123456789");
	field_set_hint(ks->number, msg_get("kiosk.status.number_hint"));
	field_set_hint(ks->phone_end, msg_get("kiosk.status.phone_end_hint"));
	form_set_submit_key(ks->form, 0);
	return 0;
}

/* arg: an application number from a scanned ticket, or NULL. */
static int
kiosk_status_enter(struct screen *s, void *arg)
{
	struct kiosk_status *ks;

	if ((ks = calloc(1, sizeof *ks)) == NULL)
		return -1;
	if (kiosk_status_make(ks) != 0) {
		if (ks->form != NULL)
			widget_free(form_widget(ks->form));
		free(ks);
		return -1;
	}
	if (arg != NULL) {
		field_set_value(ks->number, arg);
		form_focus(ks->form, field_widget(ks->phone_end));
	}
	s->root = form_widget(ks->form);
	s->data = ks;
	s->title = "kiosk.status.title";
	return 0;
}

static void
kiosk_status_leave(struct screen *s)
{
	struct kiosk_status *ks = s->data;

	widget_free(s->root);
	sodium_memzero(ks, sizeof *ks);
	free(ks);
}

static void
kiosk_status_layout(struct screen *s, struct tbox b)
{
	widget_place(s->root, b.y + 2, b.x + 2, 6, b.w - 4);
}

static void
kiosk_status_draw(struct screen *s, struct tbox b)
{
	struct kiosk_status *ks = s->data;
	char key[48];
	int y = b.y + 9;

	tty_put_wrapped(b.y, b.x + 2, b.w - 4, 2, 0, msg_get("kiosk.status.intro"),
	    tty_attr(TTY_LABEL));
	if (!ks->shown)
		return;
	snprintf(key, sizeof key, "app.view.%s%s",
	    reg_app_status_name(ks->view.status), ks->view.claimed ? "_claimed" : "");
	tty_put(y, b.x + 2, b.w - 4, ks->view.number, tty_attr(TTY_LABEL) | A_BOLD);
	y += 1 + tty_put_wrapped(y + 1, b.x + 2, b.w - 4, 3, 0, msg_get(key),
	    tty_attr(ks->view.status == APP_REJECTED ? TTY_BAD : TTY_GOOD));
	if (ks->view.reject_reason[0] != '\0') {
		tty_put(y + 1, b.x + 2, b.w - 4, msg_get("app.field.reject_reason"),
		    tty_attr(TTY_LABEL));
		tty_put_wrapped(y + 2, b.x + 4, b.w - 6, 3, 0, ks->view.reject_reason,
		    tty_attr(TTY_NORMAL));
	}
}

static enum widget_result
kiosk_status_look(struct screen *s, const struct widget_key *k)
{
	struct kiosk_status *ks = s->data;
	struct err e;
	char text[sizeof e.detail + 512];

	(void)k;
	ks->shown = 0;
	err_clear(&e);
	if (cert_app_status(frame_reg(s->frame), field_value(ks->number),
	    field_value(ks->phone_end), &ks->view, &e) != 0) {
		if (e.detail[0] != '\0')
			snprintf(text, sizeof text, "%s (%s)", msg_get(e.key), e.detail);
		else
			snprintf(text, sizeof text, "%s", msg_get(e.key));
		frame_status(s->frame, text, TTY_ERROR);
		return WIDGET_REDRAW;
	}
	ks->shown = 1;
	field_set_value(ks->phone_end, "");
	return WIDGET_REDRAW;
}

static const struct screen_key kiosk_status_keys[] = {
	{ KEY_ENTER, "kiosk.status.key_look", kiosk_status_look, NULL, NULL },
	{ '\t', "kiosk.form.key_next", NULL, NULL, NULL },
	{ KIOSK_LANG_KEY, "kiosk.key.lang", kiosk_lang, NULL, NULL },
	{ FRAME_KEY_ESC, "kiosk.key.back", frame_back, NULL, NULL },
};

/* A ticket's QR fills the number; anything else is not for this screen. */
static enum widget_result
kiosk_status_scan(struct screen *s, const struct scan_event *ev)
{
	struct kiosk_status *ks = s->data;
	char number[CODE_TICKET_NUMBER_MAX + 1];

	if (code_ticket_parse((const char *)ev->text, ev->len, number,
	    sizeof number) != 0) {
		frame_status(s->frame, msg_get("kiosk.status.not_ticket"), TTY_WARN);
		return WIDGET_REDRAW;
	}
	field_set_value(ks->number, number);
	form_focus(ks->form, field_widget(ks->phone_end));
	return WIDGET_REDRAW;
}

const struct screen_class kiosk_status_screen = {
	.name = "status",
	.enter = kiosk_status_enter,
	.leave = kiosk_status_leave,
	.layout = kiosk_status_layout,
	.draw = kiosk_status_draw,
	FRAME_KEYS(kiosk_status_keys),
	.scan = kiosk_status_scan,
};
