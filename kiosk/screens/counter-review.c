/*
 * counter-review.c: the counter's review of one application, its rejection,
 * and the claim QR that approval shows.
 *
 * Review: every field of the form beside the institution as the register has
 * it now (the form copied the register when it was filled; a difference means
 * the register changed since, and is marked), full ID numbers because staff
 * compare them with the ID card in their hand, and the checklist of paper
 * materials, every item of which must be ticked before approval. Approval asks
 * the identity platform first (idplat_check(), as jsdctl approve does); the
 * call blocks, so a progress line is drawn before it. The check goes to
 * cert_approve(), which decides by it and writes the outcome in the log.
 *
 * Claim QR: the token fills the screen for its 5 minutes with whose it is; the
 * screen polls the registry each second and says when it was claimed, or that
 * it expired and a new one may be made (which voids the old).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "choice.h"
#include "clock.h"
#include "dialog.h"
#include "field.h"
#include "form.h"
#include "http.h"
#include "idcheck.h"
#include "idplat.h"
#include "qrview.h"
#include "counter.h"
#include "text.h"
#include "tw.h"

#define COUNTER_REVIEW_NMATERIALS	3
/* The checklist and the identity line. */
#define COUNTER_REVIEW_BOTTOM_LINES	(COUNTER_REVIEW_NMATERIALS + 1)
#define COUNTER_REVIEW_REJECT_DETAIL_CHARS	100

static const char *const counter_review_materials[COUNTER_REVIEW_NMATERIALS] = {
	"counter.review.material_form",
	"counter.review.material_licence",
	"counter.review.material_id",
};

struct counter_review {
	struct application	 app;
	struct institution	 inst;		/* the register now */
	int			 inst_found;
	int			 claim_state;	/* cert_claim_state(), -1: no QR */
	int			 ticked[COUNTER_REVIEW_NMATERIALS];
	struct idplat_check	 id;		/* the FRP's identity check */
	int			 checked;	/* id is filled */
	char			 idmsg[256];
	enum tty_role	 idrole;
};

/* --- review --- */

static int
counter_review_load(struct screen *s, const char *number, struct err *e)
{
	struct counter_review *r = s->data;
	struct reg *reg = frame_reg(s->frame);
	struct err e2;

	if (reg_app_get(reg, number, &r->app, e) != 0)
		return -1;
	err_clear(&e2);
	r->inst_found = reg_inst_get(reg, r->app.credit_code, &r->inst, &e2) == 0;
	err_clear(&e2);
	if (cert_claim_state(reg, r->app.number, &r->claim_state, &e2) != 0)
		r->claim_state = -1;
	return 0;
}

static int
counter_review_enter(struct screen *s, void *arg)
{
	struct counter_review *r;
	struct err e;

	if (arg == NULL || (r = calloc(1, sizeof *r)) == NULL)
		return -1;
	s->data = r;
	s->title = "counter.title.review";
	err_clear(&e);
	if (counter_review_load(s, arg, &e) != 0) {
		free(r);
		s->data = NULL;
		return -1;
	}
	return 0;
}

static void
counter_review_leave(struct screen *s)
{
	sodium_memzero(s->data, sizeof(struct counter_review));
	free(s->data);
}

/* One line "label  value" with value over both columns. */
static void
counter_review_line(int y, struct tbox b, int lw, const char *label, const char *value,
    enum tty_role role)
{
	tty_put(y, b.x + 1, lw, msg_get(label), tty_attr(TTY_LABEL));
	tty_put(y, b.x + 2 + lw, b.w - 3 - lw, value, tty_attr(role));
}

/* One line comparing the form with the register: the register's value is
 * marked when it differs, so the eye goes to it. */
static void
counter_review_cmp(int y, struct tbox b, int lw, const struct counter_review *r,
    const char *label, const char *on_form, const char *in_register)
{
	int vw = (b.w - 4 - lw) / 2, x = b.x + 2 + lw;
	char marked[REG_ADDRESS_SIZE + 4];

	tty_put(y, b.x + 1, lw, msg_get(label), tty_attr(TTY_LABEL));
	tty_put(y, x, vw, on_form, tty_attr(TTY_NORMAL));
	if (!r->inst_found)
		return;
	if (strcmp(on_form, in_register) == 0) {
		tty_put(y, x + vw + 1, vw, in_register, tty_attr(TTY_HINT));
		return;
	}
	snprintf(marked, sizeof marked, "! %s", in_register);
	tty_put(y, x + vw + 1, vw, marked, tty_attr(TTY_WARN) | A_BOLD);
}

/* What the person typed of the legal representative, beside the register:
 * the comparison fires on what was typed; nothing typed is said so. */
static void
counter_review_typed(int y, struct tbox b, int lw, const struct counter_review *r,
    const char *label, const char *typed, const char *in_register)
{
	int vw = (b.w - 4 - lw) / 2, x = b.x + 2 + lw;

	if (typed[0] != '\0') {
		counter_review_cmp(y, b, lw, r, label, typed, in_register);
		return;
	}
	tty_put(y, b.x + 1, lw, msg_get(label), tty_attr(TTY_LABEL));
	tty_put(y, x, vw, msg_get("app.not_filled"), tty_attr(TTY_HINT));
	if (r->inst_found)
		tty_put(y, x + vw + 1, vw, in_register, tty_attr(TTY_HINT));
}

static int
counter_review_label_cols(struct tbox b)
{
	static const char *const labels[] = {
		"counter.review.l_name", "counter.review.l_code",
		"counter.review.l_address", "counter.review.l_rep",
		"counter.review.l_rep_id", "counter.review.l_rep_phone",
		"counter.review.l_frp", "counter.review.l_frp_id",
		"counter.review.l_frp_phone", "counter.review.l_reason",
		"counter.review.l_remark", "counter.review.l_rejected",
		"counter.review.materials", "counter.review.identity",
	};
	int lw = 0, w;
	size_t i;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		if ((w = tw_width(msg_get(labels[i]))) > lw)
			lw = w;
	}
	return lw > b.w / 4 ? b.w / 4 : lw;
}

static void
counter_review_heading(const struct counter_review *r, struct tbox b)
{
	char line[256], when[20], kind[40], status[40], claim[48];

	clock_format_local(r->app.created_at, when, sizeof when);
	snprintf(kind, sizeof kind, "app.kind.%s", reg_app_kind_name(r->app.kind));
	snprintf(status, sizeof status, "app.status.%s",
	    reg_app_status_name(r->app.status));
	claim[0] = '\0';
	if (r->app.status == APP_APPROVED && r->claim_state >= 0)
		snprintf(claim, sizeof claim, "counter.review.claim_%d", r->claim_state);
	snprintf(line, sizeof line, "%s  %s  %s%s%s  %.16s  %s %s",
	    r->app.number, msg_get(kind), msg_get(status), claim[0] ? " / " : "",
	    claim[0] ? msg_get(claim) : "", when, msg_get("counter.review.station"),
	    r->app.station);
	tty_put(b.y, b.x + 1, b.w - 2, line, tty_attr(TTY_TITLE));
}

/* The institution, the form's copy beside the register's. */
static int
counter_review_institution(const struct counter_review *r, struct tbox b, int lw, int y)
{
	const struct application *a = &r->app;
	const struct institution *in = &r->inst;
	int vw = (b.w - 4 - lw) / 2;

	tty_put(y, b.x + 2 + lw, vw, msg_get("counter.review.on_form"),
	    tty_attr(TTY_LABEL));
	tty_put(y++, b.x + 3 + lw + vw, vw, msg_get(r->inst_found ?
	    "counter.review.in_register" : "counter.review.not_in_register"),
	    tty_attr(r->inst_found ? TTY_LABEL : TTY_WARN));
	counter_review_cmp(y++, b, lw, r, "counter.review.l_name", a->inst_name,
	    in->name);
	counter_review_cmp(y++, b, lw, r, "counter.review.l_code", a->credit_code,
	    in->credit_code);
	counter_review_cmp(y++, b, lw, r, "counter.review.l_address", a->inst_address,
	    in->address);
	counter_review_cmp(y++, b, lw, r, "counter.review.l_rep", a->legal_rep_name,
	    in->legal_rep_name);
	counter_review_typed(y++, b, lw, r, "counter.review.l_rep_id",
	    a->form_legal_rep_id, in->legal_rep_id);
	counter_review_typed(y++, b, lw, r, "counter.review.l_rep_phone",
	    a->form_legal_rep_phone, in->legal_rep_phone);
	if (r->inst_found && in->status == INST_CANCELLED)
		counter_review_line(y++, b, lw, "counter.review.inst_status",
		    msg_get("inst.cancelled"), TTY_BAD);
	return y;
}

/* The first responsible person and what else the form says. */
static int
counter_review_person(const struct counter_review *r, struct tbox b, int lw,
    int y, int last)
{
	const struct application *a = &r->app;
	char name[REG_PERSON_SIZE + 64], reason[48];

	if (a->frp_is_legal_rep)
		snprintf(name, sizeof name, msg_get("counter.review.is_legal_rep"),
		    a->frp_name);
	else
		snprintf(name, sizeof name, "%s", a->frp_name);
	counter_review_line(y++, b, lw, "counter.review.l_frp", name, TTY_NORMAL);
	counter_review_line(y++, b, lw, "counter.review.l_frp_id", a->frp_id, TTY_NORMAL);
	counter_review_line(y++, b, lw, "counter.review.l_frp_phone",
	    a->frp_phone, TTY_NORMAL);
	if (a->kind == APP_FRP_CHANGE && y < last) {
		snprintf(reason, sizeof reason, "app.reason.%s",
		    reg_app_reason_name(a->reason));
		counter_review_line(y++, b, lw, "counter.review.l_reason",
		    msg_get(reason), TTY_NORMAL);
	}
	if (a->remark[0] != '\0' && y < last)
		counter_review_line(y++, b, lw, "counter.review.l_remark",
		    a->remark, TTY_NORMAL);
	if (a->status == APP_REJECTED && y < last)
		counter_review_line(y++, b, lw, "counter.review.l_rejected",
		    a->reject_reason, TTY_WARN);
	return y;
}

static void
counter_review_checklist(struct screen *s, struct tbox b, int lw, int y)
{
	const struct counter_review *r = s->data;
	char hint[160];
	char line[160];
	int i;

	for (i = 0; i < COUNTER_REVIEW_NMATERIALS; i++) {
		if (i == 0)
			tty_put(y, b.x + 1, lw, msg_get("counter.review.materials"),
			    tty_attr(TTY_LABEL));
		snprintf(line, sizeof line, "[%c] %d  %s", r->ticked[i] ? 'x' : ' ',
		    i + 1, msg_get(counter_review_materials[i]));
		tty_put(y + i, b.x + 2 + lw, b.w - 3 - lw, line,
		    tty_attr(r->ticked[i] ? TTY_GOOD : TTY_NORMAL));
	}
	snprintf(hint, sizeof hint, msg_get("counter.review.id_not_yet"),
	    frame_keys_name(s->frame, KEY_F(5)));
	/* The platform's answer is a sentence: wrapped, never cut. */
	tty_put(y + COUNTER_REVIEW_NMATERIALS, b.x + 1, lw,
	    msg_get("counter.review.identity"), tty_attr(TTY_LABEL));
	tty_put_wrapped(y + COUNTER_REVIEW_NMATERIALS, b.x + 2 + lw, b.w - 3 - lw, 2,
	    0, r->idmsg[0] ? r->idmsg : hint, tty_attr(r->idmsg[0] ? r->idrole :
	    TTY_HINT));
}

static void
counter_review_draw(struct screen *s, struct tbox b)
{
	struct counter_review *r = s->data;
	int lw = counter_review_label_cols(b),
	    bottom = b.y + b.h - COUNTER_REVIEW_BOTTOM_LINES, y;

	counter_review_heading(r, b);
	y = counter_review_institution(r, b, lw, b.y + 2);
	counter_review_person(r, b, lw, y + 1, bottom - 1);
	counter_review_checklist(s, b, lw, bottom);
}

static int
counter_review_all_ticked(const struct counter_review *r)
{
	int i;

	for (i = 0; i < COUNTER_REVIEW_NMATERIALS; i++) {
		if (!r->ticked[i])
			return 0;
	}
	return 1;
}

/* Asks the identity platform about the FRP, showing that it does. */
static void
counter_review_idcheck(struct screen *s)
{
	static const enum tty_role roles[] = {
		[IDPLAT_PASSED] = TTY_GOOD,
		[IDPLAT_SKIPPED] = TTY_WARN,
		[IDPLAT_REFUSED_MISMATCH] = TTY_BAD,
		[IDPLAT_REFUSED_NOT_FOUND] = TTY_BAD,
		[IDPLAT_UNAVAILABLE] = TTY_ERROR,
	};
	struct counter_review *r = s->data;

	frame_status(s->frame, msg_get("counter.review.checking"), TTY_HINT);
	counter_paint_now(s->frame);
	idplat_check(frame_cfg(s->frame), r->app.frp_name, r->app.frp_id, &r->id);
	r->checked = 1;
	snprintf(r->idmsg, sizeof r->idmsg, "%s", msg_get(r->id.key));
	r->idrole = roles[r->id.outcome];
	frame_status(s->frame, "", TTY_NORMAL);
}

static enum widget_result
counter_review_approve(struct screen *s)
{
	struct counter_review *r = s->data;
	struct counter_claim_arg c;
	struct frame *a = s->frame;
	const struct staff *st = frame_staff(a);
	struct err e;

	err_clear(&e);
	if (r->app.status == APP_APPROVED && r->claim_state == 1) {
		frame_status(s->frame, msg_get("app.claimed"), TTY_WARN);
		return WIDGET_REDRAW;
	}
	if (r->app.status != APP_SUBMITTED && r->app.status != APP_APPROVED) {
		frame_status(s->frame, msg_get("app.not_open"), TTY_WARN);
		return WIDGET_REDRAW;
	}
	if (!counter_review_all_ticked(r)) {
		frame_status(s->frame, msg_get("counter.review.tick_all"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	if (!r->checked || !idplat_passed(&r->id))
		counter_review_idcheck(s);
	memset(&c, 0, sizeof c);
	/* Refused outcomes go in too: cert_approve() logs them, then refuses. */
	if (cert_approve(frame_reg(s->frame), r->app.number, st != NULL ? st->name : "",
	    &r->id, c.token, sizeof c.token, &c.expires, &e) != 0) {
		frame_status(s->frame, msg_get(e.key), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	snprintf(c.number, sizeof c.number, "%s", r->app.number);
	snprintf(c.frp_name, sizeof c.frp_name, "%s", r->app.frp_name);
	snprintf(c.frp_id, sizeof c.frp_id, "%s", r->app.frp_id);
	c.id = r->id;
	/* The review leaves here, and s is the claim QR's after. */
	if (frame_replace(a, &counter_review_claimqr_screen, &c) != 0)
		frame_home(a);
	sodium_memzero(&c, sizeof c);
	return WIDGET_RESIZE;
}

static enum widget_result
counter_review_tick_material(struct screen *s, const struct widget_key *k)
{
	struct counter_review *r = s->data;

	r->ticked[k->ch - '1'] = !r->ticked[k->ch - '1'];
	return WIDGET_REDRAW;
}

static enum widget_result
counter_review_approve_key(struct screen *s, const struct widget_key *k)
{
	(void)k;
	return counter_review_approve(s);
}

static enum widget_result
counter_review_idcheck_key(struct screen *s, const struct widget_key *k)
{
	(void)k;
	counter_review_idcheck(s);
	return WIDGET_REDRAW;
}

static enum widget_result
counter_review_reject(struct screen *s, const struct widget_key *k)
{
	struct counter_review *r = s->data;
	char number[REG_APPNO_SIZE];

	(void)k;
	if (r->app.status != APP_SUBMITTED) {
		frame_status(s->frame, msg_get("app.not_open"), TTY_WARN);
		return WIDGET_REDRAW;
	}
	snprintf(number, sizeof number, "%s", r->app.number);
	if (frame_push(s->frame, &counter_review_reject_screen, number) != 0)
		frame_status(s->frame, msg_get("counter.home.open_failed"), TTY_ERROR);
	return WIDGET_RESIZE;
}

/* What the footer offers is what would be done: approval and rejection of a
 * submitted form only, a new claim QR only while the certificate is not
 * claimed, and the checks that lead to either. */
static int
counter_review_open(struct screen *s)
{
	struct counter_review *r = s->data;

	return r->app.status == APP_SUBMITTED;
}

static int
counter_review_unclaimed(struct screen *s)
{
	struct counter_review *r = s->data;

	return r->app.status == APP_APPROVED && r->claim_state != 1;
}

static int
counter_review_decidable(struct screen *s)
{
	return counter_review_open(s) || counter_review_unclaimed(s);
}

static const struct screen_key counter_review_keys[] = {
	{ '1', "counter.review.key_tick", counter_review_tick_material,
	    counter_review_decidable, "counter.review.keys_tick" },
	{ '2', NULL, counter_review_tick_material, counter_review_decidable, NULL },
	{ '3', NULL, counter_review_tick_material, counter_review_decidable, NULL },
	{ KEY_F(2), "counter.review.key_approve", counter_review_approve_key,
	    counter_review_open, NULL },
	{ KEY_F(2), "counter.review.key_new_qr", counter_review_approve_key,
	    counter_review_unclaimed, NULL },
	{ KEY_F(4), "counter.review.key_reject", counter_review_reject,
	    counter_review_open, NULL },
	{ KEY_F(5), "counter.review.key_idcheck", counter_review_idcheck_key,
	    counter_review_decidable, NULL },
	{ FRAME_KEY_ESC, "counter.key.back", frame_back, NULL, NULL },
};

/* Another counter may decide the same application meanwhile. */
static enum widget_result
counter_review_tick(struct screen *s)
{
	struct counter_review *r = s->data;
	char number[REG_APPNO_SIZE];
	struct err e;

	snprintf(number, sizeof number, "%s", r->app.number);
	err_clear(&e);
	if (counter_review_load(s, number, &e) != 0)
		return WIDGET_HANDLED;
	return WIDGET_REDRAW;
}

const struct screen_class counter_review_screen = {
	.name = "review",
	.enter = counter_review_enter,
	.leave = counter_review_leave,
	.draw = counter_review_draw,
	FRAME_KEYS(counter_review_keys),
	.tick = counter_review_tick,
};

/* --- reject --- */

static const char *const counter_review_reject_reasons[] = {
	"counter.reject.materials", "counter.reject.identity",
	"counter.reject.institution", "counter.reject.other",
};
#define COUNTER_REVIEW_REJECT_NREASONS	(int)(sizeof counter_review_reject_reasons / \
	sizeof counter_review_reject_reasons[0])
#define COUNTER_REVIEW_REJECT_OTHER	(COUNTER_REVIEW_REJECT_NREASONS - 1)

struct counter_review_reject {
	char		 number[REG_APPNO_SIZE];
	struct form	*form;
	struct choice	*reason;
	struct field	*detail;
};

static int
counter_review_reject_enter(struct screen *s, void *arg)
{
	const char *opts[COUNTER_REVIEW_REJECT_NREASONS];
	struct counter_review_reject *j;
	int i;

	if (arg == NULL || (j = calloc(1, sizeof *j)) == NULL)
		return -1;
	snprintf(j->number, sizeof j->number, "%s", (const char *)arg);
	for (i = 0; i < COUNTER_REVIEW_REJECT_NREASONS; i++)
		opts[i] = msg_get(counter_review_reject_reasons[i]);
	if ((j->form = form_new()) == NULL ||
	    (j->reason = choice_new(msg_get("counter.reject.reason"), opts,
	    COUNTER_REVIEW_REJECT_NREASONS)) == NULL ||
	    form_add(j->form, choice_widget(j->reason)) != 0 ||
	    (j->detail = field_new(msg_get("counter.reject.detail"),
	    COUNTER_REVIEW_REJECT_DETAIL_CHARS)) == NULL ||
	    form_add(j->form, field_widget(j->detail)) != 0) {
		if (j->form != NULL)
			widget_free(form_widget(j->form));
		free(j);
		return -1;
	}
	form_set_submit_key(j->form, 0);
	field_set_hint(j->detail, msg_get("counter.reject.detail_hint"));
	s->root = form_widget(j->form);
	s->data = j;
	s->title = "counter.title.reject";
	return 0;
}

static void
counter_review_reject_leave(struct screen *s)
{
	widget_free(s->root);
	free(s->data);
}

static void
counter_review_reject_draw(struct screen *s, struct tbox b)
{
	struct counter_review_reject *j = s->data;
	char line[160];

	snprintf(line, sizeof line, msg_get("counter.reject.heading"), j->number);
	tty_put(b.y, b.x + 1, b.w - 2, line, tty_attr(TTY_LABEL));
}

static enum widget_result
counter_review_reject_submit(struct screen *s, const struct widget_key *k)
{
	struct counter_review_reject *j = s->data;
	char detail[COUNTER_REVIEW_REJECT_DETAIL_CHARS * 4 + 1], reason[REG_REMARK_SIZE];
	struct frame *a = s->frame;
	const struct staff *st = frame_staff(a);
	int which = choice_selected(j->reason);
	const char *bad;
	struct err e;

	(void)k;
	snprintf(detail, sizeof detail, "%s", field_value(j->detail));
	text_trim(detail);
	if (which == COUNTER_REVIEW_REJECT_OTHER && detail[0] == '\0')
		bad = "counter.reject.need_detail";
	else
		bad = text_check(detail, 0, COUNTER_REVIEW_REJECT_DETAIL_CHARS);
	if (bad != NULL) {
		field_set_error(j->detail, msg_get(bad));
		form_focus(j->form, field_widget(j->detail));
		return WIDGET_REDRAW;
	}
	snprintf(reason, sizeof reason, "%s%s%s",
	    msg_get(counter_review_reject_reasons[which]),
	    detail[0] ? ": " : "", detail);
	err_clear(&e);
	if (cert_reject(frame_reg(s->frame), j->number, st != NULL ? st->name : "",
	    reason, &e) != 0) {
		field_set_error(j->detail, msg_get(e.key));
		return WIDGET_REDRAW;
	}
	snprintf(reason, sizeof reason, msg_get("counter.reject.done"), j->number);
	/* This screen and the review go; the home shows what happened. */
	frame_pop(a);
	frame_pop(a);
	frame_status(a, reason, TTY_GOOD);
	return WIDGET_RESIZE;
}

static const struct screen_key counter_review_reject_keys[] = {
	{ KEY_ENTER, "counter.reject.key_reject", counter_review_reject_submit,
	    NULL, NULL },
	{ FRAME_KEY_ESC, "counter.key.back", frame_back, NULL, NULL },
};

const struct screen_class counter_review_reject_screen = {
	.name = "reject",
	.enter = counter_review_reject_enter,
	.leave = counter_review_reject_leave,
	.layout = frame_layout_form,
	.draw = counter_review_reject_draw,
	FRAME_KEYS(counter_review_reject_keys),
};

/* --- claim QR --- */

struct counter_review_claimqr {
	struct counter_claim_arg c;
	struct qrview	*qr;
	char		 masked[REG_ID_SIZE];
	int		 state;		/* cert_claim_state() */
};

/* The token is wiped as soon as it can no longer be used. */
static void
counter_review_claimqr_drop(struct counter_review_claimqr *q)
{
	if (q->qr != NULL)
		widget_free(qrview_widget(q->qr));
	q->qr = NULL;
	sodium_memzero(q->c.token, sizeof q->c.token);
}

static int
counter_review_claimqr_enter(struct screen *s, void *arg)
{
	struct counter_review_claimqr *q;

	if (arg == NULL || (q = calloc(1, sizeof *q)) == NULL)
		return -1;
	q->c = *(const struct counter_claim_arg *)arg;
	if ((q->qr = qrview_new(q->c.token)) == NULL) {
		sodium_memzero(q, sizeof *q);
		free(q);
		return -1;
	}
	idcheck_mask_id(q->c.frp_id, q->masked, sizeof q->masked);
	s->data = q;
	s->title = "counter.title.claim";
	return 0;
}

static void
counter_review_claimqr_leave(struct screen *s)
{
	struct counter_review_claimqr *q = s->data;

	counter_review_claimqr_drop(q);
	sodium_memzero(q, sizeof *q);
	free(q);
}

static void
counter_review_claimqr_layout(struct screen *s, struct tbox b)
{
	struct counter_review_claimqr *q = s->data;

	if (q->qr != NULL)
		widget_place(qrview_widget(q->qr), b.y + 1, b.x, b.h - 2, b.w);
}

static void
counter_review_claimqr_draw(struct screen *s, struct tbox b)
{
	struct counter_review_claimqr *q = s->data;
	char line[256];
	int64_t left = q->c.expires - clock_now();

	snprintf(line, sizeof line, msg_get("counter.claim.whose"), q->c.frp_name,
	    q->masked, q->c.number);
	tty_put_centre(b.y, b.x, b.w, line, tty_attr(TTY_LABEL));
	if (q->state == 1) {
		dialog_banner(b.y + b.h / 2 - 3, b.x + 2, b.w - 4,
		    msg_get("counter.claim.claimed"),
		    msg_get("counter.claim.claimed_detail"), TTY_GOOD);
		return;
	}
	if (q->state == 2 || q->qr == NULL) {
		snprintf(line, sizeof line, msg_get("counter.claim.expired_detail"),
		    frame_keys_name(s->frame, KEY_F(2)));
		dialog_banner(b.y + b.h / 2 - 3, b.x + 2, b.w - 4,
		    msg_get("counter.claim.expired"), line, TTY_WARN);
		return;
	}
	if (!qrview_fits(q->qr))
		tty_put_centre(b.y + b.h / 2, b.x, b.w,
		    msg_get("counter.claim.too_small"), tty_attr(TTY_WARN));
	else
		widget_draw(qrview_widget(q->qr));
	if (left < 0)
		left = 0;
	snprintf(line, sizeof line, msg_get("counter.claim.left"),
	    (int)(left / 60), (int)(left % 60));
	tty_put_centre(b.y + b.h - 1, b.x, b.w, line, tty_attr(TTY_HINT));
}

static enum widget_result
counter_review_claimqr_new(struct screen *s, const struct widget_key *k)
{
	struct counter_review_claimqr *q = s->data;
	const struct staff *st = frame_staff(s->frame);
	struct qrview *qr;
	struct err e;

	(void)k;
	err_clear(&e);
	counter_review_claimqr_drop(q);
	if (cert_approve(frame_reg(s->frame), q->c.number, st != NULL ? st->name : "",
	    &q->c.id, q->c.token, sizeof q->c.token, &q->c.expires, &e) != 0) {
		frame_status(s->frame, msg_get(e.key), TTY_ERROR);
		q->state = 2;
		return WIDGET_REDRAW;
	}
	if ((qr = qrview_new(q->c.token)) == NULL) {
		frame_status(s->frame, msg_get("counter.home.open_failed"), TTY_ERROR);
		q->state = 2;
		return WIDGET_REDRAW;
	}
	q->qr = qr;
	q->state = 0;
	return WIDGET_RESIZE;
}

/* A claimed QR is not made again. */
static int
counter_review_claimqr_unclaimed(struct screen *s)
{
	struct counter_review_claimqr *q = s->data;

	return q->state != 1;
}

static const struct screen_key counter_review_claimqr_keys[] = {
	{ KEY_F(2), "counter.review.key_new_qr", counter_review_claimqr_new,
	    counter_review_claimqr_unclaimed, NULL },
	{ FRAME_KEY_ESC, "counter.claim.key_done", frame_back, NULL, NULL },
	{ KEY_ENTER, NULL, frame_back, NULL, NULL },
};

static enum widget_result
counter_review_claimqr_tick(struct screen *s)
{
	struct counter_review_claimqr *q = s->data;
	struct err e;
	int state = q->state;

	if (q->state != 0)
		return WIDGET_HANDLED;
	err_clear(&e);
	if (cert_claim_state(frame_reg(s->frame), q->c.number, &state, &e) != 0)
		return WIDGET_REDRAW;
	if (state == 0 && clock_now() >= q->c.expires)
		state = 2;
	if (state != q->state) {
		q->state = state;
		counter_review_claimqr_drop(q);
		if (state == 1)
			frame_bell(s->frame, 1);
	}
	return WIDGET_REDRAW;
}

const struct screen_class counter_review_claimqr_screen = {
	.name = "claimqr",
	.enter = counter_review_claimqr_enter,
	.leave = counter_review_claimqr_leave,
	.layout = counter_review_claimqr_layout,
	.draw = counter_review_claimqr_draw,
	FRAME_KEYS(counter_review_claimqr_keys),
	.tick = counter_review_claimqr_tick,
};
