/*
 * counter-cert.c: the counter's view of one certificate (issue 15, part 5).
 *
 * Staff type a credit code, or scan a code a holder presents, and the
 * certificate opens (cert_view_open(), which records who opened it). Four
 * sections, Tab to the next: the certificate itself; its people with their
 * roles and authorizations (ID numbers masked); usage records; change
 * records, both newest first and a page a screenful (PgUp/PgDn). From the
 * view the authority changes the institution's name: a field for the new
 * name, then a confirmation, then cert_change_name() in the staff member's
 * name. A presented code that is not valid opens nothing and says only its
 * category, as the verify screen does.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "clock.h"
#include "counter.h"
#include "dialog.h"
#include "field.h"
#include "idcheck.h"
#include "text.h"

enum counter_cert_state { CC_ASK, CC_VIEW, CC_NAME };
enum counter_cert_section { CC_CARD, CC_PEOPLE, CC_RECORDS, CC_CHANGES,
	CC_NSECTIONS };

struct counter_cert {
	enum counter_cert_state	 state;
	enum counter_cert_section section;
	struct field		*code;
	struct field		*name;
	struct cert_view	 v;
	int			 page;		/* of records or changes, from 0 */
	int			 rows;		/* records a page, from the layout */
	int			 full;		/* the page drawn was full */
	struct tbox		 box;
};

/* Drawing rows one below another, stopping at the box's end. */
struct counter_cert_pen {
	struct counter_cert	*cc;
	int			 y;
	int			 n;
};

static int
counter_cert_open(struct screen *s, const char *code)
{
	struct counter_cert *cc = s->data;
	char c[REG_CODE_SIZE];
	struct err e;

	snprintf(c, sizeof c, "%s", code);
	idcheck_normalize_code(c);
	err_clear(&e);
	if (cert_view_open(frame_reg(s->frame), c, frame_staff(s->frame)->name,
	    &cc->v, &e) != 0) {
		frame_status(s->frame, msg_get(e.key), TTY_ERROR);
		return -1;
	}
	cc->state = CC_VIEW;
	cc->section = CC_CARD;
	cc->page = 0;
	s->title = "counter.title.cert_view";
	return 0;
}

static void
counter_cert_close(struct screen *s)
{
	struct counter_cert *cc = s->data;

	sodium_memzero(&cc->v, sizeof cc->v);
	field_set_value(cc->name, "");
	cc->state = CC_ASK;
	s->title = "counter.title.cert";
}

static int
counter_cert_enter(struct screen *s, void *arg)
{
	struct counter_cert *cc;

	(void)arg;
	if ((cc = calloc(1, sizeof *cc)) == NULL)
		return -1;
	if ((cc->code = field_new(msg_get("field.credit_code"), 18)) == NULL ||
	    (cc->name = field_new(msg_get("counter.cert.new_name"),
	    REG_INST_NAME_CHARS)) == NULL) {
		if (cc->code != NULL)
			widget_free(field_widget(cc->code));
		free(cc);
		return -1;
	}
	field_set_alphabet(cc->code, "0123456789ABCDEFGHJKLMNPQRTUWXYabcdefghjklmnpqrtuwxy");
	field_set_hint(cc->code, msg_get("counter.cert.code_hint"));
	field_widget(cc->code)->focused = 1;
	field_widget(cc->name)->focused = 1;
	s->data = cc;
	s->title = "counter.title.cert";
	return 0;
}

static void
counter_cert_leave(struct screen *s)
{
	struct counter_cert *cc = s->data;

	widget_free(field_widget(cc->code));
	widget_free(field_widget(cc->name));
	sodium_memzero(cc, sizeof *cc);
	free(cc);
}

static void
counter_cert_layout(struct screen *s, struct tbox b)
{
	struct counter_cert *cc = s->data;
	struct widget *c = field_widget(cc->code), *n = field_widget(cc->name);
	int lw = text_width(c->label);

	if (text_width(n->label) > lw)
		lw = text_width(n->label);
	c->label_w = n->label_w = lw;
	widget_place(c, b.y + 3, b.x + 2, 2, b.w - 4);
	widget_place(n, b.y + 6, b.x + 2, 2, b.w - 4);
	cc->box = b;
	/* The head takes 4 rows, the page's foot 1. */
	cc->rows = b.h - 6 > 1 ? b.h - 6 : 1;
}

/* --- drawing the view --- */

static int
counter_cert_line(struct counter_cert_pen *p, const char *text, enum tty_role role)
{
	struct tbox b = p->cc->box;

	if (p->y >= b.y + b.h - 1)
		return 1;
	tty_put(p->y++, b.x + 2, b.w - 4, text, tty_attr(role));
	p->n++;
	return 0;
}

static int
counter_cert_person(const struct holder *h, void *arg)
{
	char line[512], masked[REG_ID_SIZE], key[40];

	idcheck_mask_id(h->id_number, masked, sizeof masked);
	snprintf(key, sizeof key, "counter.role.%s", cert_role_name(h->role));
	snprintf(line, sizeof line, "%-4lld %-8s %s  %s", (long long)h->id,
	    msg_get(key), h->name, masked);
	return counter_cert_line(arg, line, TTY_NORMAL);
}

static int
counter_cert_authz(const struct authz *az, void *arg)
{
	char line[512], from[20], to[20], key[48];

	clock_format_minute(az->starts_at, from, sizeof from);
	clock_format_minute(az->ends_at, to, sizeof to);
	snprintf(key, sizeof key, "counter.cert.authz_%s",
	    cert_authz_status_name(az->status));
	snprintf(line, sizeof line, msg_get("counter.cert.authz_line"),
	    (long long)az->user_id, az->matters, from, to, msg_get(key));
	return counter_cert_line(arg, line, az->status == AUTHZ_ACTIVE ?
	    TTY_NORMAL : TTY_HINT);
}

static int
counter_cert_usage(const struct usage *u, void *arg)
{
	char line[512], when[20], outcome[48];

	clock_format_local(u->at, when, sizeof when);
	snprintf(outcome, sizeof outcome, "outcome.%s", u->outcome);
	snprintf(line, sizeof line, "%s  %-12s %s  %s", when, u->station,
	    u->holder_name, msg_get(outcome));
	return counter_cert_line(arg, line, TTY_NORMAL);
}

static int
counter_cert_change(const struct change *c, void *arg)
{
	char line[1024], when[20], kind[48];

	clock_format_local(c->at, when, sizeof when);
	snprintf(kind, sizeof kind, "counter.cert.change_%s", c->kind);
	snprintf(line, sizeof line, "%s  %s  %s  %s", when, msg_get(kind),
	    c->detail, c->actor);
	return counter_cert_line(arg, line, TTY_NORMAL);
}

/* The head: the institution, the certificate's status, the FRP. */
static void
counter_cert_head(struct counter_cert *cc, struct tbox b)
{
	static const char *const status[] = { "active", "cancelled", "deleted" };
	char line[1024], masked[REG_ID_SIZE], key[48], sec[48];

	snprintf(key, sizeof key, "counter.cert.status_%s", status[cc->v.status]);
	snprintf(line, sizeof line, "%s  %s  [%s]", cc->v.inst.name,
	    cc->v.inst.credit_code, msg_get(key));
	tty_put(b.y, b.x + 2, b.w - 4, line, tty_attr(cc->v.status == CERT_ACTIVE ?
	    TTY_GOOD : TTY_BAD) | A_BOLD);
	idcheck_mask_id(cc->v.frp.id_number, masked, sizeof masked);
	snprintf(line, sizeof line, "%s: %s %s", msg_get("counter.cert.frp"),
	    cc->v.frp.id != 0 ? cc->v.frp.name : msg_get("counter.cert.no_frp"),
	    cc->v.frp.id != 0 ? masked : "");
	tty_put(b.y + 1, b.x + 2, b.w - 4, line, tty_attr(TTY_NORMAL));
	snprintf(sec, sizeof sec, "counter.cert.section_%d", (int)cc->section);
	snprintf(line, sizeof line, msg_get("counter.cert.section"), msg_get(sec),
	    cc->page + 1);
	tty_put(b.y + 3, b.x + 2, b.w - 4, line, tty_attr(TTY_LABEL));
}

static void
counter_cert_body(struct screen *s, struct counter_cert *cc, struct tbox b)
{
	struct counter_cert_pen p = { cc, b.y + 4, 0 };
	struct reg *r = frame_reg(s->frame);
	int off = cc->page * cc->rows, rc = 0;
	struct err e;

	err_clear(&e);
	if (cc->section == CC_CARD)
		counter_card_draw(&cc->v.inst, b, p.y);
	else if (cc->section == CC_PEOPLE)
		rc = cert_view_people(r, &cc->v, counter_cert_person,
		    counter_cert_authz, &p, &e);
	else if (cc->section == CC_RECORDS)
		rc = cert_view_records(r, &cc->v, off, cc->rows, counter_cert_usage,
		    &p, &e);
	else
		rc = cert_view_changes(r, &cc->v, off, cc->rows, counter_cert_change,
		    &p, &e);
	cc->full = p.n == cc->rows;
	if (rc != 0)
		frame_status(s->frame, msg_get(e.key), TTY_ERROR);
	else if (p.n == 0 && cc->section != CC_CARD)
		tty_put(p.y, b.x + 2, b.w - 4, msg_get("counter.cert.none"),
		    tty_attr(TTY_HINT));
}

static void
counter_cert_draw(struct screen *s, struct tbox b)
{
	struct counter_cert *cc = s->data;

	if (cc->state == CC_ASK) {
		tty_put_centre(b.y + 1, b.x, b.w, msg_get("counter.cert.ask"),
		    tty_attr(TTY_LABEL) | A_BOLD);
		widget_draw(field_widget(cc->code));
		return;
	}
	counter_cert_head(cc, b);
	if (cc->state == CC_NAME) {
		tty_put(b.y + 5, b.x + 2, b.w - 4, msg_get("counter.cert.name_ask"),
		    tty_attr(TTY_LABEL));
		widget_draw(field_widget(cc->name));
		return;
	}
	counter_cert_body(s, cc, b);
}

/* --- keys --- */

static int
counter_cert_asking(struct screen *s)
{
	return ((struct counter_cert *)s->data)->state == CC_ASK;
}

static int
counter_cert_viewing(struct screen *s)
{
	return ((struct counter_cert *)s->data)->state == CC_VIEW;
}

static int
counter_cert_naming(struct screen *s)
{
	return ((struct counter_cert *)s->data)->state == CC_NAME;
}

/* Paging applies to the records' sections only. */
static int
counter_cert_paged(struct screen *s)
{
	struct counter_cert *cc = s->data;

	return cc->state == CC_VIEW && (cc->section == CC_RECORDS ||
	    cc->section == CC_CHANGES);
}

static enum widget_result
counter_cert_open_key(struct screen *s, const struct widget_key *k)
{
	struct counter_cert *cc = s->data;
	const char *key;

	(void)k;
	if ((key = idcheck_credit_code(field_value(cc->code))) != NULL) {
		field_set_error(cc->code, msg_get(key));
		return WIDGET_REDRAW;
	}
	field_set_error(cc->code, NULL);
	counter_cert_open(s, field_value(cc->code));
	return WIDGET_RESIZE;
}

static enum widget_result
counter_cert_section_key(struct screen *s, const struct widget_key *k)
{
	struct counter_cert *cc = s->data;

	(void)k;
	cc->section = (cc->section + 1) % CC_NSECTIONS;
	cc->page = 0;
	return WIDGET_REDRAW;
}

static enum widget_result
counter_cert_page_key(struct screen *s, const struct widget_key *k)
{
	struct counter_cert *cc = s->data;

	if (frame_keys_is(k, KEY_NPAGE) && cc->full)
		cc->page++;
	else if (frame_keys_is(k, KEY_PPAGE) && cc->page > 0)
		cc->page--;
	return WIDGET_REDRAW;
}

static enum widget_result
counter_cert_close_key(struct screen *s, const struct widget_key *k)
{
	(void)k;
	counter_cert_close(s);
	return WIDGET_RESIZE;
}

static enum widget_result
counter_cert_name_key(struct screen *s, const struct widget_key *k)
{
	struct counter_cert *cc = s->data;

	(void)k;
	field_set_value(cc->name, "");
	field_set_error(cc->name, NULL);
	cc->state = CC_NAME;
	return WIDGET_RESIZE;
}

/* The confirmation names the certificate and the new name. */
static int
counter_cert_confirm(struct screen *s, const char *name)
{
	struct counter_cert *cc = s->data;
	static const char *buttons[2];
	char text[1024];
	struct dialog *d;
	int choice;

	buttons[0] = msg_get("counter.cert.confirm_yes");
	buttons[1] = msg_get("counter.cert.confirm_no");
	snprintf(text, sizeof text, msg_get("counter.cert.confirm_name"),
	    cc->v.inst.name, name);
	d = dialog_new(msg_get("counter.cert.confirm_title"), text, buttons, 2);
	choice = d != NULL ? dialog_run(frame_loop(s->frame), d) : -1;
	dialog_free(d);
	return choice == 0;
}

static enum widget_result
counter_cert_rename_key(struct screen *s, const struct widget_key *k)
{
	struct counter_cert *cc = s->data;
	char name[REG_INST_NAME_SIZE], code[REG_CODE_SIZE];
	struct err e;

	(void)k;
	snprintf(name, sizeof name, "%s", field_value(cc->name));
	if (!counter_cert_confirm(s, name))
		return WIDGET_RESIZE;
	err_clear(&e);
	if (cert_change_name(frame_reg(s->frame), cc->v.inst.credit_code, name,
	    frame_staff(s->frame)->name, &e) != 0) {
		field_set_error(cc->name, msg_get(e.key));
		return WIDGET_RESIZE;
	}
	snprintf(code, sizeof code, "%s", cc->v.inst.credit_code);
	if (counter_cert_open(s, code) == 0)
		frame_status(s->frame, msg_get("counter.cert.renamed"), TTY_GOOD);
	return WIDGET_RESIZE;
}

static enum widget_result
counter_cert_back_key(struct screen *s, const struct widget_key *k)
{
	struct counter_cert *cc = s->data;

	(void)k;
	cc->state = CC_VIEW;
	return WIDGET_RESIZE;
}

static const struct screen_key counter_cert_keys[] = {
	{ KEY_ENTER, "counter.cert.key_open", counter_cert_open_key,
	    counter_cert_asking, NULL },
	{ '\t', "counter.cert.key_section", counter_cert_section_key,
	    counter_cert_viewing, NULL },
	{ KEY_NPAGE, "counter.cert.key_pages", counter_cert_page_key,
	    counter_cert_paged, "counter.cert.pages" },
	{ KEY_PPAGE, NULL, counter_cert_page_key, counter_cert_paged, NULL },
	{ KEY_F(6), "counter.cert.key_name", counter_cert_name_key,
	    counter_cert_viewing, NULL },
	{ KEY_ENTER, "counter.cert.key_rename", counter_cert_rename_key,
	    counter_cert_naming, NULL },
	{ FRAME_KEY_ESC, "counter.key.back", counter_cert_back_key,
	    counter_cert_naming, NULL },
	{ FRAME_KEY_ESC, "counter.cert.key_close", counter_cert_close_key,
	    counter_cert_viewing, NULL },
	{ FRAME_KEY_ESC, "counter.key.back", frame_back, counter_cert_asking, NULL },
};

/* The rest is typing: the code, or the new name. */
static enum widget_result
counter_cert_key(struct screen *s, const struct widget_key *k)
{
	struct counter_cert *cc = s->data;

	if (cc->state == CC_ASK)
		widget_key(field_widget(cc->code), k);
	else if (cc->state == CC_NAME)
		widget_key(field_widget(cc->name), k);
	return WIDGET_REDRAW;
}

/* A presented code opens its certificate when it is valid now; checked
 * without a usage record, since nobody receives it as a verification. */
static enum widget_result
counter_cert_scan(struct screen *s, const struct scan_event *ev)
{
	struct counter_cert *cc = s->data;
	struct verify_result v;
	char key[48];
	struct err e;

	if (cc->state == CC_NAME)
		return WIDGET_HANDLED;
	err_clear(&e);
	if (cert_check(frame_reg(s->frame), (const char *)ev->text, ev->len, &v,
	    &e) != 0) {
		frame_status(s->frame, msg_get(e.key), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	if (v.outcome != VERIFY_VALID && v.outcome != VERIFY_NOT_FOR_MATTER) {
		snprintf(key, sizeof key, "outcome.%s", cert_outcome_name(v.outcome));
		frame_status(s->frame, msg_get(key), TTY_ERROR);
		sodium_memzero(&v, sizeof v);
		return WIDGET_REDRAW;
	}
	counter_cert_open(s, v.inst.credit_code);
	sodium_memzero(&v, sizeof v);
	return WIDGET_RESIZE;
}

const struct screen_class counter_cert_screen = {
	.name = "cert",
	.enter = counter_cert_enter,
	.leave = counter_cert_leave,
	.layout = counter_cert_layout,
	.draw = counter_cert_draw,
	FRAME_KEYS(counter_cert_keys),
	.key = counter_cert_key,
	.scan = counter_cert_scan,
};
