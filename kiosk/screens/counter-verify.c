/*
 * counter-verify.c: the counter verifies codes that holders present.
 *
 * One screen, two states. Waiting: a scanned code from any source is taken at
 * any time, and a numeric code may be typed by hand (digits and spaces only);
 * Left/Right pick the authorized matter (授权事项) the counter handles, kept
 * for the whole login. The verdict: a slab of colour with words that cannot
 * be mistaken for one another, a distinct bell, and, only when the code is
 * valid, what the receiver must compare: the institution, the presenter with a
 * masked ID number, a user's authorized matters and their period. A code that
 * is not valid shows nothing but its category. A user whose authorizations do
 * not cover the matter picked is NOT VALID FOR THIS MATTER, with the matters
 * it does hold, so the staff member can say why. On request (a key) a valid
 * verdict shows the certificate itself instead: 宗旨和业务范围, 举办单位,
 * 经费来源, 开办资金, validity. The verdict clears after result_seconds (counted
 * again from the key) or on another key; a new scan replaces it at once.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "choice.h"
#include "clock.h"
#include "countdown.h"
#include "dialog.h"
#include "field.h"
#include "idcheck.h"
#include "counter.h"
#include "text.h"

#define COUNTER_VERIFY_MAX_MATTERS	(CHOICE_MAX_OPTIONS - 1)	/* and "any" */
#define COUNTER_VERIFY_MATTER_SIZE	32
#define COUNTER_VERIFY_DIGITS_CHARS	20	/* 15 digits, grouped with spaces */
/* The verdict banner takes a quarter of the screen's rows, within bounds: the
 * usual 5 at 80x24, taller where a big screen has rows to spare, never so tall
 * that the details a valid code shows lose their room. */
#define COUNTER_VERIFY_BANNER_SHARE	4
#define COUNTER_VERIFY_BANNER_MAX	(3 * DIALOG_BANNER_LINES)
#define COUNTER_VERIFY_DEFAULT_MATTERS \
	"bank_account,tax,social_security,procurement,licensing,general,sign"

struct counter_verify {
	struct counter_history	*history;	/* the home's; may be NULL */
	struct choice		*matter;
	struct field		*digits;
	char			 codes[COUNTER_VERIFY_MAX_MATTERS]
			     [COUNTER_VERIFY_MATTER_SIZE];
	int			 ncodes;
	int			 showing;	/* a verdict is on screen */
	struct countdown	 cd;
	struct verify_result	 v;
	int			 picked;	/* matter at verification, 0: any */
	int			 refused;	/* valid, not for that matter */
	int			 card;		/* the certificate itself shows */
	char			 text[256];	/* the typed code, for the next try */
};

/* The matters offered: the configuration's list, else the default one. */
static void
counter_verify_matters(struct screen *s, struct counter_verify *vf)
{
	const char *list = cfg_get(frame_cfg(s->frame), "matters");
	char buf[CFG_VALUE_SIZE], *tok, *save = NULL;

	snprintf(buf, sizeof buf, "%s", list != NULL ? list :
	    COUNTER_VERIFY_DEFAULT_MATTERS);
	for (tok = strtok_r(buf, ", ", &save); tok != NULL &&
	    vf->ncodes < COUNTER_VERIFY_MAX_MATTERS; tok = strtok_r(NULL, ", ", &save)) {
		if (strlen(tok) < COUNTER_VERIFY_MATTER_SIZE)
			snprintf(vf->codes[vf->ncodes++],
			    COUNTER_VERIFY_MATTER_SIZE, "%s", tok);
	}
}

/* A matter's name on screen; an unknown code is shown as it is, made safe. */
static const char *
counter_verify_matter_name(const char *code, char *buf, size_t len)
{
	char key[COUNTER_VERIFY_MATTER_SIZE + 16];
	const char *t;

	snprintf(key, sizeof key, "matter.%s", code);
	if (strcmp((t = msg_get(key)), key) != 0)
		return t;
	text_safe(code, strlen(code), buf, len);
	return buf;
}

static void
counter_verify_clear(struct screen *s)
{
	struct counter_verify *vf = s->data;

	vf->showing = 0;
	vf->card = 0;
	sodium_memzero(&vf->v, sizeof vf->v);
}

static void
counter_verify_record(struct counter_verify *vf)
{
	struct counter_scan c;

	if (vf->history == NULL)
		return;
	memset(&c, 0, sizeof c);
	c.at = clock_now();
	c.outcome = vf->v.outcome;
	c.matter_refused = vf->refused;
	c.kind = vf->v.kind;
	if (vf->v.outcome == VERIFY_VALID)
		snprintf(c.inst, sizeof c.inst, "%s", vf->v.inst.name);
	counter_history_add(vf->history, &c);
}

static enum widget_result
counter_verify_code(struct screen *s, const char *text, size_t len)
{
	struct counter_verify *vf = s->data;
	struct err e;
	int good;

	counter_verify_clear(s);
	err_clear(&e);
	vf->picked = choice_selected(vf->matter);
	if (cert_verify(frame_reg(s->frame), text, len, vf->picked > 0 ?
	    vf->codes[vf->picked - 1] : NULL, &vf->v, &e) != 0) {
		sodium_memzero(&vf->v, sizeof vf->v);
		frame_status(s->frame, msg_get(e.key), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	vf->refused = vf->v.outcome == VERIFY_NOT_FOR_MATTER;
	good = vf->v.outcome == VERIFY_VALID;
	counter_verify_record(vf);
	field_set_value(vf->digits, "");
	vf->showing = 1;
	countdown_start(&vf->cd, frame_seconds(s->frame, "result_seconds", 20),
	    loop_now_ms());
	frame_bell(s->frame, good);
	return WIDGET_RESIZE;
}

static int
counter_verify_enter(struct screen *s, void *arg)
{
	const struct counter_verify_arg *va = arg;
	const char *opts[CHOICE_MAX_OPTIONS];
	char names[COUNTER_VERIFY_MAX_MATTERS][COUNTER_VERIFY_MATTER_SIZE * 4];
	struct counter_verify *vf;
	int i;

	if ((vf = calloc(1, sizeof *vf)) == NULL)
		return -1;
	vf->history = va != NULL ? va->history : NULL;
	s->data = vf;
	counter_verify_matters(s, vf);
	opts[0] = msg_get("counter.verify.any_matter");
	for (i = 0; i < vf->ncodes; i++)
		opts[i + 1] = counter_verify_matter_name(vf->codes[i], names[i],
		    sizeof names[i]);
	if ((vf->matter = choice_new(msg_get("counter.verify.matter"), opts,
	    vf->ncodes + 1)) == NULL || (vf->digits = field_new(
	    msg_get("counter.verify.digits"), COUNTER_VERIFY_DIGITS_CHARS)) == NULL) {
		if (vf->matter != NULL)
			widget_free(choice_widget(vf->matter));
		free(vf);
		return -1;
	}
	field_set_alphabet(vf->digits, "0123456789 ");
	field_set_hint(vf->digits, msg_get("counter.verify.digits_hint"));
	choice_widget(vf->matter)->focused = 1;
	field_widget(vf->digits)->focused = 1;
	if (vf->history != NULL)
		choice_select(vf->matter, vf->history->matter);
	s->title = "counter.title.verify";
	if (va != NULL && va->text != NULL)
		counter_verify_code(s, (const char *)va->text, va->len);
	return 0;
}

static void
counter_verify_leave(struct screen *s)
{
	struct counter_verify *vf = s->data;

	field_set_value(vf->digits, "");
	widget_free(choice_widget(vf->matter));
	widget_free(field_widget(vf->digits));
	sodium_memzero(vf, sizeof *vf);
	free(vf);
}

static void
counter_verify_layout(struct screen *s, struct tbox b)
{
	struct counter_verify *vf = s->data;
	struct widget *c = choice_widget(vf->matter), *f = field_widget(vf->digits);
	int lw = text_width(c->label), h;

	if (text_width(f->label) > lw)
		lw = text_width(f->label);
	c->label_w = f->label_w = lw;
	h = widget_height(c, b.w - 4);
	widget_place(c, b.y + 3, b.x + 2, h, b.w - 4);
	widget_place(f, b.y + 3 + h, b.x + 2, 2, b.w - 4);
}

/* "tax,bank_account" as the matters' names, joined as the language does. */
static void
counter_verify_matters_text(const char *list, char *out, size_t len)
{
	char buf[CERT_MATTERS_SIZE], one[COUNTER_VERIFY_MATTER_SIZE * 4], *tok,
	    *save = NULL;
	char *prev;
	const char *name;

	out[0] = '\0';
	if ((prev = malloc(len)) == NULL)
		return;
	snprintf(buf, sizeof buf, "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		name = counter_verify_matter_name(tok, one, sizeof one);
		if (out[0] == '\0') {
			snprintf(out, len, "%s", name);
			continue;
		}
		memcpy(prev, out, len);
		snprintf(out, len, msg_get("counter.verify.matter_join"), prev, name);
	}
	free(prev);
}

static int
counter_verify_line(struct tbox b, int y, const char *label, const char *value,
    enum tty_role role)
{
	int lw = 16;

	if (y >= b.y + b.h - 1)
		return y;
	tty_put(y, b.x + 2, lw, msg_get(label), tty_attr(TTY_LABEL));
	tty_put(y, b.x + 3 + lw, b.w - 5 - lw, value, tty_attr(role));
	return y + 1;
}

/* What a valid code shows: the institution, the presenter, a user's
 * authorizations, and whether it was seen elsewhere. */
static void
counter_verify_details(const struct counter_verify *vf, struct tbox b, int y)
{
	const struct verify_result *v = &vf->v;
	char line[512], masked[REG_ID_SIZE], from[20], to[20], m[400], key[32];
	char left[64];
	int i;

	snprintf(line, sizeof line, "%s  %s", v->inst.name, v->inst.credit_code);
	y = counter_verify_line(b, y, "counter.verify.institution", line, TTY_NORMAL);
	y = counter_verify_line(b, y, "counter.verify.l_rep", v->inst.legal_rep_name,
	    TTY_NORMAL);
	y = counter_verify_line(b, y, "counter.verify.l_address", v->inst.address,
	    TTY_NORMAL);
	idcheck_mask_id(v->presenter.id_number, masked, sizeof masked);
	snprintf(key, sizeof key, "counter.role.%s", cert_role_name(v->presenter.role));
	snprintf(line, sizeof line, "%s  %s  %s", msg_get(key), v->presenter.name,
	    masked);
	y = counter_verify_line(b, y, "counter.verify.presenter", line, TTY_NORMAL);
	for (i = 0; i < v->nauthz; i++) {
		counter_verify_matters_text(v->authz[i].matters, m, sizeof m);
		clock_format_minute(v->authz[i].starts_at, from, sizeof from);
		clock_format_minute(v->authz[i].ends_at, to, sizeof to);
		clock_format_left(clock_now(), v->authz[i].ends_at, left, sizeof left);
		y = counter_verify_line(b, y, "counter.verify.authorized", m, TTY_NORMAL);
		snprintf(line, sizeof line, msg_get("counter.verify.period_text"), from,
		    to, left);
		y = counter_verify_line(b, y, "counter.verify.period", line, TTY_NORMAL);
	}
	clock_format_local(v->expires_at, from, sizeof from);
	y = counter_verify_line(b, y, "counter.verify.code_until", from, TTY_HINT);
	if (v->seen_before) {
		clock_format_local(v->seen_at, from, sizeof from);
		snprintf(line, sizeof line, msg_get("counter.verify.seen_text"),
		    v->seen_station, from);
		counter_verify_line(b, y, "counter.verify.seen", line, TTY_WARN);
	}
}

/* Under a valid verdict: what to compare, or the certificate itself. */
static void
counter_verify_body(const struct counter_verify *vf, struct tbox b, int y)
{
	if (vf->card)
		counter_card_draw(&vf->v.inst, b, y);
	else
		counter_verify_details(vf, b, y);
}

static int
counter_verify_banner_rows(struct tbox b)
{
	int h = b.h / COUNTER_VERIFY_BANNER_SHARE;

	return h < DIALOG_BANNER_LINES ? DIALOG_BANNER_LINES :
	    h > COUNTER_VERIFY_BANNER_MAX ? COUNTER_VERIFY_BANNER_MAX : h;
}

static void
counter_verify_draw_result(struct screen *s, struct tbox b)
{
	struct counter_verify *vf = s->data;
	const struct verify_result *v = &vf->v;
	char detail[256], key[48], kind[48], when[20], m[COUNTER_VERIFY_MATTER_SIZE * 4];
	int left = countdown_left(&vf->cd, loop_now_ms());
	int bh = counter_verify_banner_rows(b);

	snprintf(kind, sizeof kind, "counter.kind.%s", code_kind_name(v->kind));
	if (v->outcome != VERIFY_VALID && !vf->refused) {
		snprintf(key, sizeof key, "outcome.%s", cert_outcome_name(v->outcome));
		dialog_banner_tall(b.y, b.x + 1, bh, b.w - 2,
		    msg_get("counter.verify.not_valid"), msg_get(key), TTY_BAD);
		if (v->outcome == VERIFY_RATE_LIMITED) {
			clock_format_local(v->retry_after, when, sizeof when);
			snprintf(detail, sizeof detail, msg_get("counter.verify.retry"),
			    when + 11);
			tty_put_centre(b.y + bh + 1, b.x, b.w, detail,
			    tty_attr(TTY_WARN));
		}
	} else if (vf->refused) {
		snprintf(detail, sizeof detail, msg_get("counter.verify.matter_missing"),
		    counter_verify_matter_name(vf->codes[vf->picked - 1], m, sizeof m));
		dialog_banner_tall(b.y, b.x + 1, bh, b.w - 2,
		    msg_get("counter.verify.not_for_matter"), detail, TTY_BAD);
		counter_verify_body(vf, b, b.y + bh + 1);
	} else {
		snprintf(detail, sizeof detail, "%s  (%s)", msg_get(kind),
		    msg_get(v->live ? "counter.verify.live" : "counter.verify.offline"));
		dialog_banner_tall(b.y, b.x + 1, bh, b.w - 2,
		    msg_get("counter.verify.valid"), detail, TTY_GOOD);
		counter_verify_body(vf, b, b.y + bh + 1);
	}
	snprintf(detail, sizeof detail, msg_get("counter.verify.clears"), left);
	tty_put_centre(b.y + b.h - 1, b.x, b.w, detail, tty_attr(TTY_HINT));
}

static void
counter_verify_draw(struct screen *s, struct tbox b)
{
	struct counter_verify *vf = s->data;

	if (vf->showing) {
		counter_verify_draw_result(s, b);
		return;
	}
	tty_put_centre(b.y + 1, b.x, b.w, msg_get("counter.verify.waiting"),
	    tty_attr(TTY_LABEL) | A_BOLD);
	widget_draw(choice_widget(vf->matter));
	widget_draw(field_widget(vf->digits));
}

static enum widget_result
counter_verify_typed(struct screen *s)
{
	struct counter_verify *vf = s->data;

	snprintf(vf->text, sizeof vf->text, "%s", field_value(vf->digits));
	if (vf->text[0] == '\0') {
		field_set_error(vf->digits, msg_get("counter.verify.need_code"));
		return WIDGET_REDRAW;
	}
	field_set_error(vf->digits, NULL);
	counter_verify_code(s, vf->text, strlen(vf->text));
	sodium_memzero(vf->text, sizeof vf->text);
	return WIDGET_RESIZE;
}

static int
counter_verify_showing(struct screen *s)
{
	struct counter_verify *vf = s->data;

	return vf->showing;
}

/* The certificate's text exists only under a valid verdict. */
static int
counter_verify_has_card(struct screen *s)
{
	struct counter_verify *vf = s->data;

	return vf->showing && (vf->v.outcome == VERIFY_VALID || vf->refused);
}

static int
counter_verify_asking(struct screen *s)
{
	return !counter_verify_showing(s);
}

static int
counter_verify_has_history(struct screen *s)
{
	struct counter_verify *vf = s->data;

	return !vf->showing && vf->history != NULL;
}

/* While a verdict shows, any key clears it for the next code. */
static enum widget_result
counter_verify_next(struct screen *s, const struct widget_key *k)
{
	(void)k;
	counter_verify_clear(s);
	return WIDGET_RESIZE;
}

/* Shows the certificate itself, or the details again; the verdict's time
 * starts over so that there is time to read. */
static enum widget_result
counter_verify_card(struct screen *s, const struct widget_key *k)
{
	struct counter_verify *vf = s->data;

	(void)k;
	vf->card = !vf->card;
	countdown_start(&vf->cd, frame_seconds(s->frame, "result_seconds", 20),
	    loop_now_ms());
	return WIDGET_RESIZE;
}

static enum widget_result
counter_verify_check(struct screen *s, const struct widget_key *k)
{
	(void)k;
	return counter_verify_typed(s);
}

static enum widget_result
counter_verify_matter(struct screen *s, const struct widget_key *k)
{
	struct counter_verify *vf = s->data;

	widget_key(choice_widget(vf->matter), k);
	if (vf->history != NULL)
		vf->history->matter = choice_selected(vf->matter);
	return WIDGET_RESIZE;
}

static enum widget_result
counter_verify_history(struct screen *s, const struct widget_key *k)
{
	struct counter_verify *vf = s->data;

	(void)k;
	return frame_push(s->frame, &counter_queue_history_screen, vf->history) == 0 ?
	    WIDGET_RESIZE : WIDGET_REDRAW;
}

static const struct screen_key counter_verify_keys[] = {
	{ KEY_F(5), "counter.verify.key_card", counter_verify_card,
	    counter_verify_has_card, NULL },
	{ FRAME_KEY_ANY, "counter.verify.key_next", counter_verify_next,
	    counter_verify_showing, "counter.verify.any_key" },
	{ KEY_ENTER, "counter.verify.key_check", counter_verify_check,
	    counter_verify_asking, NULL },
	{ KEY_LEFT, "counter.verify.key_matter", counter_verify_matter,
	    counter_verify_asking, "counter.verify.keys_matter" },
	{ KEY_RIGHT, NULL, counter_verify_matter, counter_verify_asking, NULL },
	{ KEY_F(3), "counter.home.key_history", counter_verify_history,
	    counter_verify_has_history, NULL },
	{ FRAME_KEY_ESC, "counter.key.back", frame_back, counter_verify_asking, NULL },
};

/* The rest is typing the numeric code. */
static enum widget_result
counter_verify_key(struct screen *s, const struct widget_key *k)
{
	struct counter_verify *vf = s->data;

	widget_key(field_widget(vf->digits), k);
	return WIDGET_REDRAW;
}

static enum widget_result
counter_verify_scan(struct screen *s, const struct scan_event *ev)
{
	return counter_verify_code(s, (const char *)ev->text, ev->len);
}

static enum widget_result
counter_verify_tick(struct screen *s)
{
	struct counter_verify *vf = s->data;

	if (!vf->showing)
		return WIDGET_HANDLED;
	if (countdown_expired(&vf->cd, loop_now_ms())) {
		counter_verify_clear(s);
		return WIDGET_RESIZE;
	}
	return WIDGET_REDRAW;
}

const struct screen_class counter_verify_screen = {
	.name = "verify",
	.enter = counter_verify_enter,
	.leave = counter_verify_leave,
	.layout = counter_verify_layout,
	.draw = counter_verify_draw,
	FRAME_KEYS(counter_verify_keys),
	.key = counter_verify_key,
	.scan = counter_verify_scan,
	.tick = counter_verify_tick,
};
