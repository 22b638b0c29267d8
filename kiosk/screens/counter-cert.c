/*
 * counter-cert.c: the counter's view of one certificate (issue 15, part 5).
 *
 * Staff type a credit code, or scan a code a holder presents, and the
 * certificate opens (cert_view_open(), which records who opened it). Four
 * sections, Tab to the next: the certificate itself; its people with their
 * roles and authorizations (ID numbers masked); usage records; change
 * records, both newest first and a page a screenful (PgUp/PgDn). From the
 * view the authority's changes, each a form (the screen's root while it is
 * up), then a confirmation, then the core's change in the staff member's
 * name: the institution's name, its legal representative, and a holder's
 * phone (after the identity check, as at approval). A presented code that is
 * not valid opens nothing and says only its category, as the verify screen
 * does.
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
#include "form.h"
#include "idcheck.h"
#include "idplat.h"
#include "text.h"

#define CC_MAX_FIELDS	3
#define CC_VALUE_SIZE	(REG_INST_NAME_SIZE)
#define CC_MAX_LINES	64	/* a section's lines kept: more than a screen's */
#define CC_LINE_SIZE	1024

enum counter_cert_state { CC_ASK, CC_VIEW, CC_CHANGE };
enum counter_cert_section { CC_CARD, CC_PEOPLE, CC_RECORDS, CC_CHANGES,
	CC_NSECTIONS };

/* One of the authority's changes: its key, the form's fields, the
 * confirmation, and what does it. */
typedef int (*counter_cert_apply_fn)(struct screen *,
    char v[CC_MAX_FIELDS][CC_VALUE_SIZE], struct err *);

struct counter_cert_action {
	int			 key;
	const char		*ask;		/* the heading over the form */
	const char		*fields[CC_MAX_FIELDS];	/* labels; NULL ends */
	size_t			 chars[CC_MAX_FIELDS];
	const char		*alphabet[CC_MAX_FIELDS];	/* NULL: any */
	const char		*confirm;	/* the institution, then the values */
	counter_cert_apply_fn	 apply;
};

struct counter_cert {
	enum counter_cert_state	 state;
	enum counter_cert_section section;
	struct field		*code;
	const struct counter_cert_action *act;	/* the change being asked */
	struct form		*form;		/* its fields, while asked */
	struct field		*fields[CC_MAX_FIELDS];
	struct cert_view	 v;
	int			 page;		/* of records or changes, from 0 */
	int			 rows;		/* records a page, from the layout */
	int			 full;		/* the page fetched was full */
	struct tbox		 box;
	/* The section's lines as fetched: on opening, on a key, on a new
	 * layout, never on a draw (once a second). */
	char			 line[CC_MAX_LINES][CC_LINE_SIZE];
	enum tty_role		 role[CC_MAX_LINES];
	int			 nlines;
	int			 failed;	/* the fetch failed (and said so) */
};

static void	counter_cert_fetch(struct screen *);

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
	counter_cert_fetch(s);
	return 0;
}

static void
counter_cert_close(struct screen *s)
{
	struct counter_cert *cc = s->data;

	sodium_memzero(&cc->v, sizeof cc->v);
	sodium_memzero(cc->line, sizeof cc->line);
	cc->nlines = 0;
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
	if ((cc->code = field_new(msg_get("field.credit_code"), 18)) == NULL) {
		free(cc);
		return -1;
	}
	field_set_alphabet(cc->code, "0123456789ABCDEFGHJKLMNPQRTUWXYabcdefghjklmnpqrtuwxy");
	field_set_hint(cc->code, msg_get("counter.cert.code_hint"));
	field_widget(cc->code)->focused = 1;
	s->data = cc;
	s->title = "counter.title.cert";
	return 0;
}

static void
counter_cert_leave(struct screen *s)
{
	struct counter_cert *cc = s->data;

	widget_free(field_widget(cc->code));
	widget_free(s->root);
	sodium_memzero(cc, sizeof *cc);
	free(cc);
}

static void
counter_cert_layout(struct screen *s, struct tbox b)
{
	struct counter_cert *cc = s->data;
	struct widget *c = field_widget(cc->code);

	c->label_w = text_width(c->label);
	widget_place(c, b.y + 3, b.x + 2, 2, b.w - 4);
	if (s->root != NULL)
		widget_place(s->root, b.y + 6, b.x + 2, b.h - 7, b.w - 4);
	cc->box = b;
	/* The head takes 4 rows, the page's foot 1. */
	cc->rows = b.h - 6 > 1 ? b.h - 6 : 1;
	if (cc->state == CC_VIEW)
		counter_cert_fetch(s);
}

/* --- drawing the view --- */

/* Keeps a line of the section, as many as the box below the head has room
 * for; 1 (stop) when it is full. */
static int
counter_cert_line(struct counter_cert *cc, const char *text, enum tty_role role)
{
	int room = cc->box.h - 5;

	if (cc->nlines >= room || cc->nlines >= CC_MAX_LINES)
		return 1;
	snprintf(cc->line[cc->nlines], CC_LINE_SIZE, "%s", text);
	cc->role[cc->nlines++] = role;
	return 0;
}

static int
counter_cert_person(const struct holder *h, void *arg)
{
	char line[512], masked[REG_ID_SIZE], key[40];

	idcheck_mask_id(h->id_number, masked, sizeof masked);
	snprintf(key, sizeof key, "counter.role.%s", cert_role_name(h->role));
	snprintf(line, sizeof line, "%-4lld %s  %s  %s", (long long)h->id,
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
	char line[1024], masked[REG_ID_SIZE], key[48], sec[48];

	snprintf(key, sizeof key, "counter.cert.status_%s",
	    cert_status_name(cc->v.status));
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

/* Reads the section's page from the registry into cc's lines. */
static void
counter_cert_fetch(struct screen *s)
{
	struct counter_cert *cc = s->data;
	struct reg *r = frame_reg(s->frame);
	int off = cc->page * cc->rows, rc = 0;
	struct err e;

	err_clear(&e);
	cc->nlines = 0;
	if (cc->section == CC_PEOPLE)
		rc = cert_view_people(r, &cc->v, counter_cert_person,
		    counter_cert_authz, cc, &e);
	else if (cc->section == CC_RECORDS)
		rc = cert_view_records(r, &cc->v, off, cc->rows, counter_cert_usage,
		    cc, &e);
	else if (cc->section == CC_CHANGES)
		rc = cert_view_changes(r, &cc->v, off, cc->rows, counter_cert_change,
		    cc, &e);
	cc->full = cc->nlines == cc->rows;
	if ((cc->failed = rc != 0))
		frame_status(s->frame, msg_get(e.key), TTY_ERROR);
}

static void
counter_cert_body(struct counter_cert *cc, struct tbox b)
{
	int i, y = b.y + 4;

	if (cc->section == CC_CARD) {
		counter_card_draw(&cc->v.inst, b, y);
		return;
	}
	for (i = 0; i < cc->nlines; i++)
		tty_put(y + i, b.x + 2, b.w - 4, cc->line[i],
		    tty_attr(cc->role[i]));
	if (cc->nlines == 0 && !cc->failed)
		tty_put(y, b.x + 2, b.w - 4, msg_get("counter.cert.none"),
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
	if (cc->state == CC_CHANGE) {
		tty_put(b.y + 5, b.x + 2, b.w - 4, msg_get(cc->act->ask),
		    tty_attr(TTY_LABEL));
		return;
	}
	counter_cert_body(cc, b);
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
counter_cert_changing(struct screen *s)
{
	return ((struct counter_cert *)s->data)->state == CC_CHANGE;
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
	counter_cert_fetch(s);
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
	counter_cert_fetch(s);
	return WIDGET_REDRAW;
}

static enum widget_result
counter_cert_close_key(struct screen *s, const struct widget_key *k)
{
	(void)k;
	counter_cert_close(s);
	return WIDGET_RESIZE;
}

/* --- the authority's changes --- */

static const char *
counter_cert_staff(struct screen *s)
{
	return frame_staff(s->frame)->name;
}

static int
counter_cert_rename(struct screen *s, char v[CC_MAX_FIELDS][CC_VALUE_SIZE],
    struct err *e)
{
	struct counter_cert *cc = s->data;

	return cert_change_name(frame_reg(s->frame), cc->v.inst.credit_code, v[0],
	    counter_cert_staff(s), e);
}

static int
counter_cert_rep(struct screen *s, char v[CC_MAX_FIELDS][CC_VALUE_SIZE],
    struct err *e)
{
	struct counter_cert *cc = s->data;

	return cert_change_legal_rep(frame_reg(s->frame), cc->v.inst.credit_code,
	    v[0], v[1], v[2], counter_cert_staff(s), e);
}

/* The person must be one of this certificate's; the identity platform is
 * asked (it may take seconds: the screen says so first). */
static int
counter_cert_phone(struct screen *s, char v[CC_MAX_FIELDS][CC_VALUE_SIZE],
    struct err *e)
{
	struct counter_cert *cc = s->data;
	struct idplat_check idc;
	struct holder h;
	long long id = strtoll(v[0], NULL, 10);

	if (id <= 0 || cert_get_holder(frame_reg(s->frame), id, &h, e) != 0 ||
	    h.cert_id != cc->v.cert_id)
		return err_set(e, ERR_NOTFOUND, "person", "holder.unknown", NULL);
	frame_status(s->frame, msg_get("counter.cert.idcheck"), TTY_HINT);
	counter_paint_now(s->frame);
	idplat_check(frame_cfg(s->frame), h.name, h.id_number, &idc);
	sodium_memzero(&h, sizeof h);
	return cert_change_phone(frame_reg(s->frame), cc->v.inst.credit_code, id,
	    v[1], &idc, counter_cert_staff(s), e);
}

static const struct counter_cert_action counter_cert_actions[] = {
	{ KEY_F(6), "counter.cert.name_ask", { "counter.cert.new_name" },
	  { REG_INST_NAME_CHARS }, { NULL }, "counter.cert.confirm_name",
	  counter_cert_rename },
	{ KEY_F(7), "counter.cert.rep_ask", { "field.legal_rep_name",
	  "field.legal_rep_id", "field.legal_rep_phone" },
	  { REG_PERSON_CHARS, 18, 11 }, { NULL, "0123456789Xx", "0123456789" },
	  "counter.cert.confirm_rep", counter_cert_rep },
	{ KEY_F(8), "counter.cert.phone_ask", { "counter.cert.person",
	  "counter.cert.new_phone" }, { 9, 11 }, { "0123456789", "0123456789" },
	  "counter.cert.confirm_phone", counter_cert_phone },
};

/* The loop takes keys for the root it was given (anything else is taken for
 * a dialog over the screen), so it is told of the form coming and going. */
static void
counter_cert_root(struct screen *s, struct widget *w)
{
	s->root = w;
	loop_set_root(frame_loop(s->frame), w);
}

/* Closes the change's form; the view shows again. */
static void
counter_cert_change_end(struct screen *s)
{
	struct counter_cert *cc = s->data;

	widget_free(s->root);
	counter_cert_root(s, NULL);
	cc->form = NULL;
	memset(cc->fields, 0, sizeof cc->fields);
	cc->state = CC_VIEW;
}

static int
counter_cert_change_form(struct counter_cert *cc)
{
	const struct counter_cert_action *a = cc->act;
	int i;

	if ((cc->form = form_new()) == NULL)
		return -1;
	for (i = 0; i < CC_MAX_FIELDS && a->fields[i] != NULL; i++) {
		if ((cc->fields[i] = field_new(msg_get(a->fields[i]),
		    a->chars[i])) == NULL ||
		    form_add(cc->form, field_widget(cc->fields[i])) != 0)
			return -1;
		if (a->alphabet[i] != NULL)
			field_set_alphabet(cc->fields[i], a->alphabet[i]);
	}
	return 0;
}

static enum widget_result
counter_cert_change_key(struct screen *s, const struct widget_key *k)
{
	struct counter_cert *cc = s->data;
	size_t i;

	for (i = 0; i < sizeof counter_cert_actions /
	    sizeof counter_cert_actions[0]; i++) {
		if (frame_keys_is(k, counter_cert_actions[i].key))
			cc->act = &counter_cert_actions[i];
	}
	cc->state = CC_CHANGE;
	if (counter_cert_change_form(cc) != 0) {
		s->root = cc->form != NULL ? form_widget(cc->form) : NULL;
		counter_cert_change_end(s);
		return WIDGET_REDRAW;
	}
	/* The frame focuses a screen's root when it enters; this one comes
	 * later. F10 stays the frame's. */
	form_set_submit_key(cc->form, 0);
	counter_cert_root(s, form_widget(cc->form));
	widget_focus(s->root, 1);
	return WIDGET_RESIZE;
}

static enum widget_result
counter_cert_cancel_key(struct screen *s, const struct widget_key *k)
{
	(void)k;
	counter_cert_change_end(s);
	return WIDGET_RESIZE;
}

/* The confirmation names the institution and what it will be. */
static int
counter_cert_confirm(struct screen *s, char v[CC_MAX_FIELDS][CC_VALUE_SIZE])
{
	struct counter_cert *cc = s->data;
	static const char *buttons[2];
	char text[2048];
	struct dialog *d;
	int choice;

	buttons[0] = msg_get("counter.cert.confirm_yes");
	buttons[1] = msg_get("counter.cert.confirm_no");
	snprintf(text, sizeof text, msg_get(cc->act->confirm), cc->v.inst.name,
	    v[0], v[1], v[2]);
	d = dialog_new(msg_get("counter.cert.confirm_title"), text, buttons, 2);
	choice = d != NULL ? dialog_run(frame_loop(s->frame), d) : -1;
	dialog_free(d);
	return choice == 0;
}

static enum widget_result
counter_cert_apply_key(struct screen *s, const struct widget_key *k)
{
	struct counter_cert *cc = s->data;
	char v[CC_MAX_FIELDS][CC_VALUE_SIZE], code[REG_CODE_SIZE];
	struct err e;
	int i;

	(void)k;
	memset(v, 0, sizeof v);
	for (i = 0; i < CC_MAX_FIELDS && cc->fields[i] != NULL; i++)
		snprintf(v[i], sizeof v[i], "%s", field_value(cc->fields[i]));
	if (!counter_cert_confirm(s, v))
		return WIDGET_RESIZE;
	err_clear(&e);
	if (cc->act->apply(s, v, &e) != 0) {
		sodium_memzero(v, sizeof v);
		frame_status(s->frame, msg_get(e.key), TTY_ERROR);
		return WIDGET_RESIZE;
	}
	sodium_memzero(v, sizeof v);
	counter_cert_change_end(s);
	snprintf(code, sizeof code, "%s", cc->v.inst.credit_code);
	if (counter_cert_open(s, code) == 0)
		frame_status(s->frame, msg_get("counter.cert.changed"), TTY_GOOD);
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
	{ KEY_F(6), "counter.cert.key_name", counter_cert_change_key,
	    counter_cert_viewing, NULL },
	{ KEY_F(7), "counter.cert.key_rep", counter_cert_change_key,
	    counter_cert_viewing, NULL },
	{ KEY_F(8), "counter.cert.key_phone", counter_cert_change_key,
	    counter_cert_viewing, NULL },
	{ KEY_ENTER, "counter.cert.key_apply", counter_cert_apply_key,
	    counter_cert_changing, NULL },
	{ FRAME_KEY_ESC, "counter.key.back", counter_cert_cancel_key,
	    counter_cert_changing, NULL },
	{ FRAME_KEY_ESC, "counter.cert.key_close", counter_cert_close_key,
	    counter_cert_viewing, NULL },
	{ FRAME_KEY_ESC, "counter.key.back", frame_back, counter_cert_asking, NULL },
};

/* The rest is typing the code (a change's form is the root, which has the
 * keys first). */
static enum widget_result
counter_cert_key(struct screen *s, const struct widget_key *k)
{
	struct counter_cert *cc = s->data;

	if (cc->state == CC_ASK)
		widget_key(field_widget(cc->code), k);
	return WIDGET_REDRAW;
}

/* A presented code opens its certificate when it is valid now; checked
 * without a usage record, since nobody receives it as a verification. A
 * scanned credit code (a licence's barcode, a wedge scanner typing fast)
 * opens as a typed one. */
static enum widget_result
counter_cert_scan(struct screen *s, const struct scan_event *ev)
{
	struct counter_cert *cc = s->data;
	struct verify_result v;
	char key[48], code[REG_CODE_SIZE];
	struct err e;

	if (cc->state == CC_CHANGE)
		return WIDGET_HANDLED;
	if (idcheck_code_scanned(ev->text, ev->len, code) == NULL) {
		counter_cert_open(s, code);
		return WIDGET_RESIZE;
	}
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
