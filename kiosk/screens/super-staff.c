/*
 * super-staff.c: staff accounts for a supervisor: the list, and
 * adding an account, setting a new password, unlocking and disabling or
 * enabling one.
 *
 * Every change goes through reg_staff_*() with the supervisor logged in as the
 * actor, so the event log says who did it. Passwords are typed twice, masked,
 * and the forms that held them wipe them on leaving. A supervisor cannot
 * disable their own account: the hall would be left without a way back in.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "choice.h"
#include "clock.h"
#include "field.h"
#include "form.h"
#include "list.h"
#include "super.h"
#include "text.h"

#define SUPER_STAFF_COLS		5
#define NELEM(a)	(sizeof (a) / sizeof (a)[0])
#define SUPER_STAFF_NAME_ALPHABET \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"

struct super_staff {
	struct list	*list;
	unsigned char	*disabled;	/* per row: F5 enables rather than disables */
	int		 cap;
	char		 keep[REG_STAFF_NAME_SIZE];	/* selected, across reloads */
	char		 pending[REG_STAFF_NAME_SIZE];	/* to toggle on a 2nd key */
};

static const struct screen_class super_staff_add_screen;
static const struct screen_class super_staff_pw_screen;

static const char *
super_staff_actor(struct frame *a)
{
	const struct staff *me = frame_staff(a);

	return me != NULL ? me->name : "";
}

static int
super_staff_row(const struct staff *st, void *arg)
{
	struct super_staff *ss = arg;
	struct list *l = ss->list;
	unsigned char *d;
	char login[20];
	const char *cells[SUPER_STAFF_COLS], *state;
	char failed[16];

	if (st->disabled)
		state = msg_get("super.st.disabled");
	else if (st->locked)
		state = msg_get("super.st.locked");
	else
		state = msg_get("super.st.active");
	if (st->last_login != 0)
		clock_format_local(st->last_login, login, sizeof login);
	else
		snprintf(login, sizeof login, "%s", msg_get("super.st.never"));
	snprintf(failed, sizeof failed, "%d", st->failed);
	cells[0] = st->name;
	cells[1] = msg_get(st->role == STAFF_SUPERVISOR ? "super.st.supervisor" :
	    "super.st.counter");
	cells[2] = state;
	cells[3] = failed;
	cells[4] = login;
	if (list_count(l) == ss->cap) {
		if ((d = realloc(ss->disabled, ss->cap + 32)) == NULL)
			return -1;
		ss->disabled = d;
		ss->cap += 32;
	}
	ss->disabled[list_count(l)] = st->disabled != 0;
	return list_add(l, cells) < 0 ? -1 : 0;
}

static void
super_staff_reload(struct super_staff *ss, struct frame *a)
{
	struct err e;
	int i;

	list_clear(ss->list);
	err_clear(&e);
	if (reg_staff_list(frame_reg(a), super_staff_row, ss, &e) != 0) {
		super_fail(a, &e);
		return;
	}
	for (i = 0; i < list_count(ss->list); i++)
		if (strcmp(list_cell(ss->list, i, 0), ss->keep) == 0)
			list_select(ss->list, i);
}

/* The name of the account selected, or NULL. */
static const char *
super_staff_selected(struct super_staff *ss)
{
	int i = list_selected(ss->list);

	return i < 0 ? NULL : list_cell(ss->list, i, 0);
}

static int
super_staff_enter(struct screen *s, void *arg)
{
	static const int widths[SUPER_STAFF_COLS] = { 0, 10, 10, 6, 19 };
	static const char *const titles[SUPER_STAFF_COLS] = {
		"super.st.name", "super.st.role", "super.st.state",
		"super.st.failed", "super.st.last_login"
	};
	struct super_staff *ss;

	(void)arg;
	if ((ss = calloc(1, sizeof *ss)) == NULL)
		return -1;
	if ((ss->list = super_list_new(SUPER_STAFF_COLS, titles,
	    widths)) == NULL) {
		free(ss);
		return -1;
	}
	s->root = list_widget(ss->list);
	s->data = ss;
	s->title = "super.st.title";
	return 0;
}

static void
super_staff_leave(struct screen *s)
{
	struct super_staff *ss = s->data;

	widget_free(s->root);
	free(ss->disabled);
	free(ss);
}

/* Laid out on entry and each time a form above it is gone: reload then. */
static void
super_staff_layout(struct screen *s, struct tbox b)
{
	struct super_staff *ss = s->data;
	const char *name = super_staff_selected(ss);

	if (name != NULL)
		snprintf(ss->keep, sizeof ss->keep, "%s", name);
	super_staff_reload(ss, s->frame);
	widget_place(s->root, b.y, b.x, b.h, b.w);
}

static void
super_staff_done(struct frame *a, const char *key, const char *name)
{
	char text[256];

	snprintf(text, sizeof text, msg_get(key), name);
	frame_status(a, text, TTY_GOOD);
}

static enum widget_result
super_staff_unlock(struct screen *s, const char *name)
{
	struct err e;

	err_clear(&e);
	if (reg_staff_unlock(frame_reg(s->frame), name,
	    super_staff_actor(s->frame), &e) != 0) {
		super_fail(s->frame, &e);
		return WIDGET_REDRAW;
	}
	super_staff_done(s->frame, "super.st.unlocked", name);
	return WIDGET_RESIZE;
}

/* Disabling and enabling both ask to be confirmed by the same key again on
 * the same account: either changes who can log in. */
static enum widget_result
super_staff_toggle(struct screen *s, const char *name)
{
	struct super_staff *ss = s->data;
	struct staff st;
	struct err e;
	char text[256];
	int confirmed = strcmp(ss->pending, name) == 0;

	ss->pending[0] = '\0';
	err_clear(&e);
	if (reg_staff_get(frame_reg(s->frame), name, &st, &e) != 0) {
		super_fail(s->frame, &e);
		return WIDGET_REDRAW;
	}
	if (!st.disabled && strcmp(name, super_staff_actor(s->frame)) == 0) {
		frame_status(s->frame, msg_get("super.st.not_self"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	if (!confirmed) {
		snprintf(ss->pending, sizeof ss->pending, "%s", name);
		snprintf(text, sizeof text, msg_get(st.disabled ?
		    "super.st.ask_enable" : "super.st.ask_disable"),
		    frame_keys_name(s->frame, KEY_F(5)), name);
		frame_status(s->frame, text, TTY_WARN);
		return WIDGET_REDRAW;
	}
	if (reg_staff_set_disabled(frame_reg(s->frame), name, !st.disabled,
	    super_staff_actor(s->frame), &e) != 0) {
		super_fail(s->frame, &e);
		return WIDGET_REDRAW;
	}
	super_staff_done(s->frame, st.disabled ? "super.st.enabled" :
	    "super.st.disabled_done", name);
	return WIDGET_RESIZE;
}

static enum widget_result
super_staff_push(struct screen *s, const struct screen_class *cls, void *arg)
{
	if (frame_push(s->frame, cls, arg) != 0) {
		frame_status(s->frame, msg_get("report.nomem"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	return WIDGET_RESIZE;
}

static enum widget_result
super_staff_add(struct screen *s, const struct widget_key *k)
{
	(void)k;
	return super_staff_push(s, &super_staff_add_screen, NULL);
}

/* The kiosks' administrator PINs: access to the halls, beside the accounts. */
static enum widget_result
super_staff_kiosks(struct screen *s, const struct widget_key *k)
{
	(void)k;
	return super_staff_push(s, &super_kiosks_screen, NULL);
}

/* The list's cells go away on reload: the actions work on a copy of the
 * name. Any key but the disable key asks for its confirmation again. */
static enum widget_result
super_staff_on_selected(struct screen *s, const struct widget_key *k)
{
	struct super_staff *ss = s->data;
	char copy[REG_STAFF_NAME_SIZE];

	snprintf(copy, sizeof copy, "%s", super_staff_selected(ss));
	if (frame_keys_is(k, KEY_F(5)))
		return super_staff_toggle(s, copy);
	ss->pending[0] = '\0';
	if (frame_keys_is(k, KEY_F(3)))
		return super_staff_push(s, &super_staff_pw_screen, copy);
	if (frame_keys_is(k, KEY_F(4)))
		return super_staff_unlock(s, copy);
	return WIDGET_IGNORED;
}

static int
super_staff_has_selected(struct screen *s)
{
	return super_staff_selected(s->data) != NULL;
}

/* F5 is labelled by what it will do to the account selected. */
static int
super_staff_selected_disabled(struct screen *s)
{
	struct super_staff *ss = s->data;
	int i = list_selected(ss->list);

	return i >= 0 && i < ss->cap && ss->disabled[i];
}

static int
super_staff_selected_enabled(struct screen *s)
{
	return super_staff_has_selected(s) && !super_staff_selected_disabled(s);
}

static const struct screen_key super_staff_keys[] = {
	{ KEY_F(2), "super.key.add", super_staff_add, NULL, NULL },
	{ KEY_F(3), "super.key.password", super_staff_on_selected,
	    super_staff_has_selected, NULL },
	{ KEY_F(4), "super.key.unlock", super_staff_on_selected,
	    super_staff_has_selected, NULL },
	{ KEY_F(5), "super.key.disable", super_staff_on_selected,
	    super_staff_selected_enabled, NULL },
	{ KEY_F(5), "super.key.enable", super_staff_on_selected,
	    super_staff_selected_disabled, NULL },
	{ KEY_F(6), "super.key.kiosks", super_staff_kiosks, NULL, NULL },
	{ FRAME_KEY_ESC, "super.key.back", frame_back, NULL, NULL },
	{ FRAME_KEY_ANY, NULL, super_staff_on_selected, super_staff_has_selected, NULL },
};

const struct screen_class super_staff_screen = {
	.name = "super-staff",
	.enter = super_staff_enter,
	.leave = super_staff_leave,
	.layout = super_staff_layout,
	FRAME_KEYS(super_staff_keys),
};

/* --- the add and password forms --- */

struct super_staff_form {
	struct form	*form;
	struct field	*name;		/* NULL in the password form */
	struct choice	*role;		/* NULL in the password form */
	struct field	*pw, *again;
	char		 target[REG_STAFF_NAME_SIZE];	/* the password form's */
};

static const char *
super_staff_form_check_pw(const char *v, void *arg)
{
	(void)arg;
	if (strlen(v) < STAFF_PASSWORD_MIN)
		return msg_get("super.st.pw_short");
	return NULL;
}

static int
super_staff_form_passwords(struct super_staff_form *sf)
{
	if ((sf->pw = field_new(msg_get("super.st.password"),
	    STAFF_PASSWORD_MAX / 4)) == NULL ||
	    form_add(sf->form, field_widget(sf->pw)) != 0 ||
	    (sf->again = field_new(msg_get("super.st.again"),
	    STAFF_PASSWORD_MAX / 4)) == NULL ||
	    form_add(sf->form, field_widget(sf->again)) != 0)
		return -1;
	field_set_masked(sf->pw, 1);
	field_set_masked(sf->again, 1);
	field_set_check(sf->pw, super_staff_form_check_pw, NULL);
	field_set_hint(sf->pw, msg_get("super.st.pw_hint"));
	form_set_submit_key(sf->form, 0);	/* F2 is the screen's */
	return 0;
}

static int
super_staff_form_make(struct super_staff_form *sf, int add)
{
	const char *roles[2];

	if ((sf->form = form_new()) == NULL)
		return -1;
	if (add) {
		roles[0] = msg_get("super.st.counter");
		roles[1] = msg_get("super.st.supervisor");
		if ((sf->name = field_new(msg_get("super.st.name"),
		    REG_STAFF_NAME_SIZE - 1)) == NULL ||
		    form_add(sf->form, field_widget(sf->name)) != 0 ||
		    (sf->role = choice_new(msg_get("super.st.role"), roles,
		    2)) == NULL ||
		    form_add(sf->form, choice_widget(sf->role)) != 0)
			return -1;
		field_set_alphabet(sf->name, SUPER_STAFF_NAME_ALPHABET);
		field_set_hint(sf->name, msg_get("super.st.name_hint"));
	}
	return super_staff_form_passwords(sf);
}

static int
super_staff_form_enter(struct screen *s, void *arg, int add)
{
	struct super_staff_form *sf;

	if ((!add && arg == NULL) || (sf = calloc(1, sizeof *sf)) == NULL)
		return -1;
	if (!add)
		snprintf(sf->target, sizeof sf->target, "%s", (const char *)arg);
	if (super_staff_form_make(sf, add) != 0) {
		if (sf->form != NULL)
			widget_free(form_widget(sf->form));
		free(sf);
		return -1;
	}
	s->root = form_widget(sf->form);
	s->data = sf;
	s->title = add ? "super.st.add_title" : "super.st.pw_title";
	return 0;
}

static int
super_staff_form_enter_add(struct screen *s, void *arg)
{
	return super_staff_form_enter(s, arg, 1);
}

static int
super_staff_form_enter_pw(struct screen *s, void *arg)
{
	return super_staff_form_enter(s, arg, 0);
}

/* Overwrites a password field's characters in place before it is freed. */
static void
super_staff_form_wipe(struct field *f)
{
	char x[STAFF_PASSWORD_MAX + 1];
	const char *v = field_value(f);
	size_t n = v != NULL ? text_chars(v) : 0;

	if (n > STAFF_PASSWORD_MAX)
		n = STAFF_PASSWORD_MAX;
	memset(x, 'x', n);
	x[n] = '\0';
	field_set_value(f, x);
	field_set_value(f, "");
}

static void
super_staff_form_leave(struct screen *s)
{
	struct super_staff_form *sf = s->data;

	if (sf->pw != NULL)
		super_staff_form_wipe(sf->pw);
	if (sf->again != NULL)
		super_staff_form_wipe(sf->again);
	widget_free(s->root);
	sodium_memzero(sf, sizeof *sf);
	free(sf);
}

static void
super_staff_form_draw(struct screen *s, struct tbox b)
{
	struct super_staff_form *sf = s->data;
	char line[128];

	if (sf->name != NULL)
		return;
	snprintf(line, sizeof line, msg_get("super.st.pw_for"), sf->target);
	tty_put(b.y, b.x + 2, b.w - 4, line, tty_attr(TTY_LABEL));
}

/* The core's error at the field it names, or on the status line. */
static void
super_staff_form_error(struct screen *s, const struct err *e)
{
	struct super_staff_form *sf = s->data;
	struct field *at = NULL;

	if (e->field != NULL && strcmp(e->field, "name") == 0)
		at = sf->name;
	else if (e->field != NULL && strcmp(e->field, "password") == 0)
		at = sf->pw;
	if (at == NULL) {
		super_fail(s->frame, e);
		return;
	}
	field_set_error(at, msg_get(e->key));
	form_focus(sf->form, field_widget(at));
}

static enum widget_result
super_staff_form_save(struct screen *s, const struct widget_key *k)
{
	struct super_staff_form *sf = s->data;
	struct frame *a = s->frame;
	const char *actor = super_staff_actor(a), *done;
	char name[REG_STAFF_NAME_SIZE];
	enum staff_role role;
	struct err e;
	int rc;

	(void)k;
	if (form_check(sf->form) != 0)
		return WIDGET_REDRAW;
	if (strcmp(field_value(sf->pw), field_value(sf->again)) != 0) {
		field_set_error(sf->again, msg_get("super.st.pw_differ"));
		form_focus(sf->form, field_widget(sf->again));
		return WIDGET_REDRAW;
	}
	err_clear(&e);
	if (sf->name != NULL) {
		snprintf(name, sizeof name, "%s", field_value(sf->name));
		role = choice_selected(sf->role) == 1 ? STAFF_SUPERVISOR :
		    STAFF_COUNTER;
		rc = reg_staff_add(frame_reg(s->frame), name, role,
		    field_value(sf->pw), actor, &e);
	} else {
		snprintf(name, sizeof name, "%s", sf->target);
		rc = reg_staff_passwd(frame_reg(s->frame), name, field_value(sf->pw),
		    actor, &e);
	}
	if (rc != 0) {
		super_staff_form_error(s, &e);
		return WIDGET_REDRAW;
	}
	/* The pop leaves this screen: what follows uses no part of it. */
	done = sf->name != NULL ? "super.st.added" : "super.st.pw_set";
	frame_pop(a);
	super_staff_done(a, done, name);
	return WIDGET_RESIZE;
}

static const struct screen_key super_staff_form_keys[] = {
	{ KEY_F(2), "super.key.save", super_staff_form_save, NULL, NULL },
	{ '\t', "super.key.next_field", NULL, NULL, NULL },
	{ FRAME_KEY_ESC, "super.key.back", frame_back, NULL, NULL },
	{ KEY_ENTER, NULL, super_staff_form_save, NULL, NULL },
};

static const struct screen_class super_staff_add_screen = {
	.name = "super-staff-add",
	.enter = super_staff_form_enter_add,
	.leave = super_staff_form_leave,
	.layout = frame_layout_form,
	.draw = super_staff_form_draw,
	FRAME_KEYS(super_staff_form_keys),
	.scan = super_scan_as_keys,
};

static const struct screen_class super_staff_pw_screen = {
	.name = "super-staff-password",
	.enter = super_staff_form_enter_pw,
	.leave = super_staff_form_leave,
	.layout = frame_layout_form,
	.draw = super_staff_form_draw,
	FRAME_KEYS(super_staff_form_keys),
	.scan = super_scan_as_keys,
};
