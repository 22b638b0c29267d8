/*
 * kiosk-confirm.c: the answers shown once more before they are submitted.
 *
 * Everything on one page: the institution as the register has it, who is to
 * be the first responsible person, and the remarks; ID numbers masked but for
 * the last four characters. The answers are the form screen's, underneath on
 * the stack (borrowed, never copied): Esc goes back to it as it was, and F3,
 * F4 and F5 go back with the focus on the institution, the person or the
 * remarks. F10 submits; a refusal of the registry goes back to the form and
 * shows under its field, a system failure is said here and loses nothing.
 * Once stored, every screen leaves (wiping what was typed) and the ticket
 * shows over the start screen.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cert.h"
#include "idcheck.h"
#include "kiosk.h"
#include "tw.h"

#define KIOSK_CONFIRM_LABEL_MAX	20	/* columns */
#define KIOSK_CONFIRM_WRAP		2	/* lines for a long name,
    address or remark */

struct kiosk_confirm_row {
	const char	*label;		/* message key */
	const char	*value;		/* text */
	int		 lines;
};

static int
kiosk_confirm_enter(struct screen *s, void *arg)
{
	if (arg == NULL)
		return -1;
	s->data = arg;
	s->title = "kiosk.confirm.title";
	return 0;
}

/* The rows to show, in the paper form's order; returns how many. */
static int
kiosk_confirm_rows(const struct kiosk_state *st, char *idmask, size_t masklen,
    struct kiosk_confirm_row *r)
{
	const struct app_form *f = &st->form;
	int claim = f->kind == APP_CLAIM, n = 0;

	idcheck_mask_id(f->frp_id, idmask, masklen);
	r[n++] = (struct kiosk_confirm_row){ "kiosk.confirm.kind",
	    msg_get(claim ? "app.kind.claim" : "app.kind.frp_change"), 1 };
	r[n++] = (struct kiosk_confirm_row){ "kiosk.form.code", f->credit_code, 1 };
	r[n++] = (struct kiosk_confirm_row){ "kiosk.form.inst_name", st->inst.name,
	    KIOSK_CONFIRM_WRAP };
	r[n++] = (struct kiosk_confirm_row){ "kiosk.form.inst_address", st->inst.address,
	    KIOSK_CONFIRM_WRAP };
	r[n++] = (struct kiosk_confirm_row){ "kiosk.form.legal_rep",
	    st->inst.legal_rep_name, 1 };
	if (claim)
		r[n++] = (struct kiosk_confirm_row){ "kiosk.form.frp", msg_get(
		    f->frp_is_legal_rep ? "kiosk.form.frp_legal_rep" :
		    "kiosk.form.frp_other"), 1 };
	else
		r[n++] = (struct kiosk_confirm_row){ "kiosk.form.reason", msg_get(
		    f->reason == APP_REASON_LEGAL_REP_CHANGE ?
		    "kiosk.form.reason_legal_rep" : "kiosk.form.reason_frp"), 1 };
	r[n++] = (struct kiosk_confirm_row){ claim ? "kiosk.form.name" :
	    "kiosk.form.new_name", claim && f->frp_is_legal_rep ?
	    st->inst.legal_rep_name : f->frp_name, 1 };
	r[n++] = (struct kiosk_confirm_row){ "kiosk.form.id", idmask, 1 };
	r[n++] = (struct kiosk_confirm_row){ "kiosk.form.phone", f->frp_phone, 1 };
	if (!f->frp_is_legal_rep) {
		r[n++] = (struct kiosk_confirm_row){ "kiosk.form.lr_id",
		    f->legal_rep_id[0] != '\0' ? f->legal_rep_id :
		    msg_get("app.not_filled"), 1 };
		r[n++] = (struct kiosk_confirm_row){ "kiosk.form.lr_phone",
		    f->legal_rep_phone[0] != '\0' ? f->legal_rep_phone :
		    msg_get("app.not_filled"), 1 };
	}
	r[n++] = (struct kiosk_confirm_row){ "kiosk.form.remark", f->remark[0] != '\0' ?
	    f->remark : msg_get("kiosk.confirm.none"), KIOSK_CONFIRM_WRAP };
	return n;
}

/* Draws a value over up to lines lines; returns the lines used. */
static int
kiosk_confirm_value(int y, int x, int cols, const char *v, int lines)
{
	int i;
	size_t k;

	for (i = 0; i < lines; i++) {
		tty_put(y + i, x, cols, v, tty_attr(TTY_NORMAL) | A_BOLD);
		if ((k = tw_fit(v, cols, NULL)) == 0 || v[k] == '\0')
			return i + 1;
		v += k;
	}
	return lines;
}

static void
kiosk_confirm_draw(struct screen *s, struct tbox b)
{
	struct kiosk_state *st = s->data;
	struct kiosk_confirm_row r[14];
	char idmask[REG_ID_SIZE], intro[256];
	int n, i, lw = 0, w, y = b.y + 2, x = b.x + 2;

	n = kiosk_confirm_rows(st, idmask, sizeof idmask, r);
	for (i = 0; i < n; i++) {
		if ((w = tw_width(msg_get(r[i].label))) > lw)
			lw = w;
	}
	if (lw > KIOSK_CONFIRM_LABEL_MAX)
		lw = KIOSK_CONFIRM_LABEL_MAX;
	snprintf(intro, sizeof intro, msg_get("kiosk.confirm.intro"),
	    frame_keys_name(s->frame, KEY_F(10)));
	tty_put(b.y, x, b.w - 4, intro, tty_attr(TTY_LABEL) | A_BOLD);
	for (i = 0; i < n && y < b.y + b.h; i++) {
		tty_put(y, x, lw, msg_get(r[i].label), tty_attr(TTY_LABEL));
		y += kiosk_confirm_value(y, x + lw + 2, b.w - lw - 6, r[i].value,
		    y + r[i].lines <= b.y + b.h ? r[i].lines : 1);
	}
}

/* Back to the form, with a part to change or a refusal to show there. */
static enum widget_result
kiosk_confirm_back(struct screen *s, enum kiosk_part part)
{
	struct kiosk_state *st = s->data;

	st->back_to = part;
	frame_pop(s->frame);
	return WIDGET_RESIZE;
}

/* The message for a submission refused as a whole: a lost link is said as
 * such (the hall's registry is gone, not this kiosk broken). */
static const char *
kiosk_confirm_error(const struct err *e)
{
	if (e->key != NULL && strcmp(e->key, "reg.unreachable") == 0)
		return "kiosk.error.offline";
	if (e->kind == ERR_SYSTEM || e->key == NULL)
		return "kiosk.error.system";
	return e->key;
}

static enum widget_result
kiosk_confirm_submit(struct screen *s)
{
	struct kiosk_state *st = s->data;
	struct frame *a = s->frame;
	struct application ap;
	struct kiosk_ticket t;
	struct err e;

	err_clear(&e);
	if (cert_app_submit(frame_reg(a), &st->form, &ap, &e) != 0) {
		if (e.kind == ERR_SYSTEM || e.field == NULL || e.key == NULL) {
			frame_status(a, msg_get(kiosk_confirm_error(&e)), TTY_ERROR);
			return WIDGET_REDRAW;
		}
		st->err_field = e.field;
		st->err_key = e.key;
		return kiosk_confirm_back(s, KIOSK_PART_NONE);
	}
	memset(&t, 0, sizeof t);
	t.kind = ap.kind;
	memcpy(t.number, ap.number, sizeof t.number);
	sodium_memzero(&ap, sizeof ap);
	/* Every screen leaves here, the form wiping the answers: touch no more
	 * of this one. */
	frame_home(a);
	if (frame_push(a, &kiosk_ticket_screen, &t) != 0)
		frame_status(a, msg_get("kiosk.error.system"), TTY_ERROR);
	return WIDGET_RESIZE;
}

static enum widget_result
kiosk_confirm_submit_key(struct screen *s, const struct widget_key *k)
{
	(void)k;
	return kiosk_confirm_submit(s);
}

static enum widget_result
kiosk_confirm_back_key(struct screen *s, const struct widget_key *k)
{
	enum kiosk_part part = KIOSK_PART_NONE;

	if (frame_keys_is(k, KEY_F(3)))
		part = KIOSK_PART_INST;
	else if (frame_keys_is(k, KEY_F(4)))
		part = KIOSK_PART_FRP;
	else if (frame_keys_is(k, KEY_F(5)))
		part = KIOSK_PART_REMARK;
	return kiosk_confirm_back(s, part);
}

static const struct screen_key kiosk_confirm_keys[] = {
	{ KEY_F(10), "kiosk.confirm.key_submit", kiosk_confirm_submit_key, NULL, NULL },
	{ KEY_ENTER, NULL, kiosk_confirm_submit_key, NULL, NULL },
	{ FRAME_KEY_ESC, "kiosk.confirm.key_back", kiosk_confirm_back_key, NULL, NULL },
	{ KEY_F(3), "kiosk.confirm.key_inst", kiosk_confirm_back_key, NULL, NULL },
	{ KEY_F(4), "kiosk.confirm.key_frp", kiosk_confirm_back_key, NULL, NULL },
	{ KEY_F(5), "kiosk.confirm.key_remark", kiosk_confirm_back_key, NULL, NULL },
	{ KIOSK_LANG_KEY, "kiosk.key.lang", kiosk_lang, NULL, NULL },
};

const struct screen_class kiosk_confirm_screen = {
	.name = "confirm",
	.enter = kiosk_confirm_enter,
	.draw = kiosk_confirm_draw,
	FRAME_KEYS(kiosk_confirm_keys),
};
