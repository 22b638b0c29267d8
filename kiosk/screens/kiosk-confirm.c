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

#define CF_LABEL_MAX	20	/* columns */
#define CF_WRAP		2	/* lines for a long name, address or remark */

struct cf_row {
	const char	*label;		/* message key */
	const char	*value;		/* text */
	int		 lines;
};

static void
cf_footer(struct screen *s)
{
	struct footer_item items[6];

	items[0].key = "F10";
	items[0].label = msg_get("kiosk.confirm.key_submit");
	items[1].key = "Esc";
	items[1].label = msg_get("kiosk.confirm.key_back");
	items[2].key = "F3";
	items[2].label = msg_get("kiosk.confirm.key_inst");
	items[3].key = "F4";
	items[3].label = msg_get("kiosk.confirm.key_frp");
	items[4].key = "F5";
	items[4].label = msg_get("kiosk.confirm.key_remark");
	items[5].key = "F2";
	items[5].label = msg_get("kiosk.key.lang");
	frame_footer(s->frame, items, 6);
}

static int
cf_enter(struct screen *s, void *arg)
{
	if (arg == NULL)
		return -1;
	s->data = arg;
	s->title = "kiosk.confirm.title";
	return 0;
}

static void
cf_layout(struct screen *s, struct tbox b)
{
	(void)b;
	cf_footer(s);
}

/* The rows to show, in the paper form's order; returns how many. */
static int
cf_rows(const struct kiosk_state *st, char *idmask, size_t masklen,
    struct cf_row *r)
{
	const struct app_form *f = &st->form;
	int claim = f->kind == APP_CLAIM, n = 0;

	idcheck_mask_id(f->frp_id, idmask, masklen);
	r[n++] = (struct cf_row){ "kiosk.confirm.kind",
	    msg_get(claim ? "app.kind.claim" : "app.kind.frp_change"), 1 };
	r[n++] = (struct cf_row){ "kiosk.form.code", f->credit_code, 1 };
	r[n++] = (struct cf_row){ "kiosk.form.inst_name", st->inst.name, CF_WRAP };
	r[n++] = (struct cf_row){ "kiosk.form.inst_address", st->inst.address,
	    CF_WRAP };
	r[n++] = (struct cf_row){ "kiosk.form.legal_rep", st->inst.legal_rep_name,
	    1 };
	if (claim)
		r[n++] = (struct cf_row){ "kiosk.form.frp", msg_get(
		    f->frp_is_legal_rep ? "kiosk.form.frp_legal_rep" :
		    "kiosk.form.frp_other"), 1 };
	else
		r[n++] = (struct cf_row){ "kiosk.form.reason", msg_get(
		    f->reason == APP_REASON_LEGAL_REP_CHANGE ?
		    "kiosk.form.reason_legal_rep" : "kiosk.form.reason_frp"), 1 };
	r[n++] = (struct cf_row){ claim ? "kiosk.form.name" :
	    "kiosk.form.new_name", claim && f->frp_is_legal_rep ?
	    st->inst.legal_rep_name : f->frp_name, 1 };
	r[n++] = (struct cf_row){ "kiosk.form.id", idmask, 1 };
	r[n++] = (struct cf_row){ "kiosk.form.phone", f->frp_phone, 1 };
	r[n++] = (struct cf_row){ "kiosk.form.remark", f->remark[0] != '\0' ?
	    f->remark : msg_get("kiosk.confirm.none"), CF_WRAP };
	return n;
}

/* Draws a value over up to lines lines; returns the lines used. */
static int
cf_value(int y, int x, int cols, const char *v, int lines)
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
cf_draw(struct screen *s, struct tbox b)
{
	struct kiosk_state *st = s->data;
	struct cf_row r[12];
	char idmask[REG_ID_SIZE];
	int n, i, lw = 0, w, y = b.y + 2, x = b.x + 2;

	n = cf_rows(st, idmask, sizeof idmask, r);
	for (i = 0; i < n; i++) {
		if ((w = tw_width(msg_get(r[i].label))) > lw)
			lw = w;
	}
	if (lw > CF_LABEL_MAX)
		lw = CF_LABEL_MAX;
	tty_put(b.y, x, b.w - 4, msg_get("kiosk.confirm.intro"),
	    tty_attr(TTY_LABEL) | A_BOLD);
	for (i = 0; i < n && y < b.y + b.h; i++) {
		tty_put(y, x, lw, msg_get(r[i].label), tty_attr(TTY_LABEL));
		y += cf_value(y, x + lw + 2, b.w - lw - 6, r[i].value,
		    y + r[i].lines <= b.y + b.h ? r[i].lines : 1);
	}
}

/* Back to the form, with a part to change or a refusal to show there. */
static enum widget_result
cf_back(struct screen *s, enum kiosk_part part)
{
	struct kiosk_state *st = s->data;

	st->back_to = part;
	frame_pop(s->frame);
	return WIDGET_RESIZE;
}

static enum widget_result
cf_submit(struct screen *s)
{
	struct kiosk_state *st = s->data;
	struct frame *a = s->frame;
	struct application ap;
	struct kiosk_ticket t;
	struct err e;

	err_clear(&e);
	if (cert_app_submit(frame_reg(a), &st->form, &ap, &e) != 0) {
		if (e.kind == ERR_SYSTEM || e.field == NULL || e.key == NULL) {
			frame_status(a, msg_get(e.kind == ERR_SYSTEM || e.key == NULL ?
			    "kiosk.error.system" : e.key), TTY_ERROR);
			return WIDGET_REDRAW;
		}
		st->err_field = e.field;
		st->err_key = e.key;
		return cf_back(s, KIOSK_PART_NONE);
	}
	memset(&t, 0, sizeof t);
	t.kind = ap.kind;
	memcpy(t.number, ap.number, sizeof t.number);
	sodium_memzero(&ap, sizeof ap);
	/* Every screen leaves here, the form wiping the answers: touch no more
	 * of this one. */
	frame_home(a);
	if (frame_push(a, &screen_ticket, &t) != 0)
		frame_status(a, msg_get("kiosk.error.system"), TTY_ERROR);
	return WIDGET_RESIZE;
}

static enum widget_result
cf_key(struct screen *s, const struct widget_key *k)
{
	if (widget_key_fn(k, KIOSK_LANG_KEY)) {
		msg_set_lang(kiosk_other_lang());
		return WIDGET_RESIZE;
	}
	if (widget_key_fn(k, KEY_F(10)) || widget_key_fn(k, KEY_ENTER))
		return cf_submit(s);
	if (widget_key_char(k, 27))
		return cf_back(s, KIOSK_PART_NONE);
	if (widget_key_fn(k, KEY_F(3)))
		return cf_back(s, KIOSK_PART_INST);
	if (widget_key_fn(k, KEY_F(4)))
		return cf_back(s, KIOSK_PART_FRP);
	if (widget_key_fn(k, KEY_F(5)))
		return cf_back(s, KIOSK_PART_REMARK);
	return WIDGET_HANDLED;
}

const struct screen_class screen_confirm = {
	.name = "confirm",
	.enter = cf_enter,
	.layout = cf_layout,
	.draw = cf_draw,
	.key = cf_key,
};
