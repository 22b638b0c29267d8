/*
 * kiosk-start.c: what a person meets at the kiosk, and the choice of form.
 *
 * The start screen says what the kiosk is for, in Chinese first with English a
 * key away, and waits: any key goes on to the choice between the two forms, and
 * scanning an institution's unified social credit code opens a claim form with
 * it filled in (the commonest errand, one step shorter). Control keys (Ctrl-C,
 * Ctrl-Z, ...) do nothing here, so nothing happens by accident.
 *
 * The choose screen shows the two forms as two large options; 1 and 2 pick one
 * at once, the arrows and Enter too, Esc goes back.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "code.h"
#include "idcheck.h"
#include "kiosk.h"
#include "text.h"

/* --- start --- */

static const char *const kiosk_start_lines[] = {
	"kiosk.start.what",
	"",
	"kiosk.start.claim",
	"kiosk.start.change",
	"",
	"kiosk.start.then",
};

static int
kiosk_start_enter(struct screen *s, void *arg)
{
	(void)arg;
	s->title = "kiosk.start.title";
	return 0;
}

static void
kiosk_start_draw(struct screen *s, struct tbox b)
{
	size_t i, n = sizeof kiosk_start_lines / sizeof kiosk_start_lines[0];
	int y = b.y + (b.h - (int)n - 6) / 2;

	(void)s;
	if (y < b.y)
		y = b.y;
	tty_put_centre(y, b.x, b.w, msg_get("kiosk.start.heading"),
	    tty_attr(TTY_TITLE) | A_BOLD);
	y += 2;
	for (i = 0; i < n; i++, y++) {
		if (kiosk_start_lines[i][0] != '\0')
			tty_put_centre(y, b.x, b.w, msg_get(kiosk_start_lines[i]),
			    tty_attr(TTY_NORMAL));
	}
	y += 2;
	tty_put_centre(y, b.x, b.w, msg_get("kiosk.start.press"),
	    tty_attr(TTY_SELECT) | A_BOLD);
	tty_put_centre(y + 1, b.x, b.w, msg_get("kiosk.start.scan"),
	    tty_attr(TTY_HINT));
}

/* Both screens enter again with the other language's texts. */
static enum widget_result
kiosk_start_lang(struct screen *s, const struct widget_key *k)
{
	(void)k;
	frame_set_lang(s->frame, kiosk_other_lang());
	return WIDGET_RESIZE;
}

static enum widget_result
kiosk_start_begin(struct screen *s, const struct widget_key *k)
{
	if (kiosk_control_key(k))
		return WIDGET_HANDLED;
	frame_push(s->frame, &kiosk_start_choose_screen, NULL);
	return WIDGET_RESIZE;
}

static enum widget_result
kiosk_start_status(struct screen *s, const struct widget_key *k)
{
	(void)k;
	if (frame_push(s->frame, &kiosk_status_screen, NULL) != 0)
		frame_status(s->frame, msg_get("kiosk.error.system"), TTY_ERROR);
	return WIDGET_RESIZE;
}

static const struct screen_key kiosk_start_keys[] = {
	{ FRAME_KEY_ANY, "kiosk.start.key_begin", kiosk_start_begin, NULL,
	    "kiosk.key.any" },
	{ KIOSK_LANG_KEY, "kiosk.key.lang", kiosk_start_lang, NULL, NULL },
	{ KEY_F(3), "kiosk.start.key_status", kiosk_start_status, NULL, NULL },
};

/* A credit code from any scanner starts a claim form with it filled. */
static enum widget_result
kiosk_start_scan(struct screen *s, const struct scan_event *ev)
{
	struct kiosk_start ks;
	char number[CODE_TICKET_NUMBER_MAX + 1];

	/* A ticket: the person asks what became of the application. */
	if (code_ticket_parse((const char *)ev->text, ev->len, number,
	    sizeof number) == 0) {
		if (frame_push(s->frame, &kiosk_status_screen, number) != 0)
			frame_status(s->frame, msg_get("kiosk.error.system"),
			    TTY_ERROR);
		return WIDGET_RESIZE;
	}
	memset(&ks, 0, sizeof ks);
	ks.kind = APP_CLAIM;
	if (idcheck_code_scanned(ev->text, ev->len, ks.credit_code) != NULL) {
		frame_status(s->frame, msg_get("kiosk.start.scan_not_code"), TTY_WARN);
		return WIDGET_REDRAW;
	}
	if (frame_push(s->frame, &kiosk_form_screen, &ks) != 0)
		frame_status(s->frame, msg_get("kiosk.error.system"), TTY_ERROR);
	sodium_memzero(&ks, sizeof ks);
	return WIDGET_RESIZE;
}

const struct screen_class kiosk_start_screen = {
	.name = "start",
	.enter = kiosk_start_enter,
	.draw = kiosk_start_draw,
	FRAME_KEYS(kiosk_start_keys),
	.scan = kiosk_start_scan,
};

/* --- choose --- */

struct kiosk_start_choose {
	int	 selected;	/* 0 claim, 1 change */
};

static const struct {
	const char	*name;
	const char	*what;
	const char	*when;
	enum app_kind	 kind;
} choose_options[2] = {
	{ "kiosk.choose.claim", "kiosk.choose.claim_what", "kiosk.choose.claim_when",
	    APP_CLAIM },
	{ "kiosk.choose.change", "kiosk.choose.change_what",
	    "kiosk.choose.change_when", APP_FRP_CHANGE },
};

static int
kiosk_start_choose_enter(struct screen *s, void *arg)
{
	struct kiosk_start_choose *c;

	(void)arg;
	if ((c = calloc(1, sizeof *c)) == NULL)
		return -1;
	s->data = c;
	s->title = "kiosk.choose.title";
	return 0;
}

static void
kiosk_start_choose_leave(struct screen *s)
{
	free(s->data);
}

static void
kiosk_start_choose_draw(struct screen *s, struct tbox b)
{
	struct kiosk_start_choose *c = s->data;
	int i, y, h = 6, w = b.w - 8 < 70 ? b.w - 8 : 70, x = b.x + (b.w - w) / 2;
	attr_t at;
	char num[4];

	y = b.y + (b.h - 2 * h - 3) / 2;
	tty_put_centre(y, b.x, b.w, msg_get("kiosk.choose.prompt"),
	    tty_attr(TTY_LABEL) | A_BOLD);
	y += 2;
	for (i = 0; i < 2; i++, y += h + 1) {
		at = tty_attr(i == c->selected ? TTY_SELECT : TTY_NORMAL);
		tty_fill(y, x, h, w, at);
		tty_frame(y, x, h, w, at);
		num[0] = (char)('1' + i);
		num[1] = '\0';
		tty_put(y + 1, x + 3, 2, num, at | A_BOLD);
		tty_put(y + 1, x + 6, w - 8, msg_get(choose_options[i].name),
		    at | A_BOLD);
		tty_put(y + 2, x + 6, w - 8, msg_get(choose_options[i].what),
		    at);
		tty_put(y + 3, x + 6, w - 8, msg_get(choose_options[i].when),
		    at);
	}
}

static enum widget_result
kiosk_start_choose_open(struct screen *s, int i)
{
	struct kiosk_start ks;

	memset(&ks, 0, sizeof ks);
	ks.kind = choose_options[i].kind;
	if (frame_push(s->frame, &kiosk_form_screen, &ks) != 0)
		frame_status(s->frame, msg_get("kiosk.error.system"), TTY_ERROR);
	return WIDGET_RESIZE;
}

static enum widget_result
kiosk_start_choose_pick(struct screen *s, const struct widget_key *k)
{
	return kiosk_start_choose_open(s, (int)(k->ch - '1'));
}

static enum widget_result
kiosk_start_choose_enter_key(struct screen *s, const struct widget_key *k)
{
	struct kiosk_start_choose *c = s->data;

	(void)k;
	return kiosk_start_choose_open(s, c->selected);
}

static enum widget_result
kiosk_start_choose_other(struct screen *s, const struct widget_key *k)
{
	struct kiosk_start_choose *c = s->data;

	(void)k;
	c->selected = !c->selected;
	return WIDGET_REDRAW;
}

static const struct screen_key kiosk_start_choose_keys[] = {
	{ '1', "kiosk.choose.key_pick", kiosk_start_choose_pick, NULL,
	    "kiosk.choose.keys_pick" },
	{ '2', NULL, kiosk_start_choose_pick, NULL, NULL },
	{ KEY_ENTER, "kiosk.choose.key_open", kiosk_start_choose_enter_key, NULL, NULL },
	{ FRAME_KEY_ESC, "kiosk.key.back", frame_back, NULL, NULL },
	{ KIOSK_LANG_KEY, "kiosk.key.lang", kiosk_start_lang, NULL, NULL },
	{ KEY_UP, NULL, kiosk_start_choose_other, NULL, NULL },
	{ KEY_DOWN, NULL, kiosk_start_choose_other, NULL, NULL },
	{ KEY_LEFT, NULL, kiosk_start_choose_other, NULL, NULL },
	{ KEY_RIGHT, NULL, kiosk_start_choose_other, NULL, NULL },
	{ KEY_BTAB, NULL, kiosk_start_choose_other, NULL, NULL },
	{ '\t', NULL, kiosk_start_choose_other, NULL, NULL },
	{ ' ', NULL, kiosk_start_choose_other, NULL, NULL },
};

const struct screen_class kiosk_start_choose_screen = {
	.name = "choose",
	.enter = kiosk_start_choose_enter,
	.leave = kiosk_start_choose_leave,
	.draw = kiosk_start_choose_draw,
	FRAME_KEYS(kiosk_start_choose_keys),
};
