/*
 * staff-login.c: the staff login of the counter and supervisor modes.
 *
 * An account and a masked password; the registry checks them and counts wrong
 * passwords (reg_staff_login: 6 in a row lock the account), so this screen
 * only says what it answered: how many tries are left, or that the account is
 * locked or disabled. The account's role must be the mode's: a supervisor does
 * not serve at a counter, nor counter staff read the supervisor's records. The
 * password field is emptied after every try and when the screen leaves.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "frame.h"
#include "field.h"
#include "form.h"
#include "reg.h"

#define STAFF_LOGIN_NAME_ALPHABET \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"

struct staff_login {
	struct form	*form;
	struct field	*name;
	struct field	*password;
	char		 msg[256];	/* the last answer, under the password */
};

static int
staff_login_enter(struct screen *s, void *arg)
{
	struct staff_login *l;

	(void)arg;
	if ((l = calloc(1, sizeof *l)) == NULL)
		return -1;
	if ((l->form = form_new()) == NULL ||
	    (l->name = field_new(msg_get("counter.login.account"),
	    REG_STAFF_NAME_SIZE - 1)) == NULL ||
	    form_add(l->form, field_widget(l->name)) != 0 ||
	    (l->password = field_new(msg_get("counter.login.password"),
	    STAFF_PASSWORD_MAX)) == NULL ||
	    form_add(l->form, field_widget(l->password)) != 0) {
		if (l->form != NULL)
			widget_free(form_widget(l->form));
		free(l);
		return -1;
	}
	field_set_alphabet(l->name, STAFF_LOGIN_NAME_ALPHABET);
	field_set_masked(l->password, 1);
	form_set_submit_key(l->form, 0);
	s->root = form_widget(l->form);
	s->data = l;
	s->title = frame_mode(s->frame) == FRAME_SUPERVISOR ?
	    "counter.login.title_super" :
	    "counter.login.title_counter";
	return 0;
}

/* Empties the password field after every try. tui/edit.c frees its buffers
 * without wiping them, so a copy may stay in freed memory until reused. */
static void
staff_login_wipe(struct staff_login *l)
{
	field_set_value(l->password, "");
	sodium_memzero(l->msg, sizeof l->msg);
}

static void
staff_login_leave(struct screen *s)
{
	struct staff_login *l = s->data;

	staff_login_wipe(l);
	widget_free(s->root);
	free(l);
}

static void
staff_login_layout(struct screen *s, struct tbox b)
{
	int w = b.w - 4 < 76 ? b.w - 4 : 76;

	widget_place(s->root, b.y + b.h / 2 - 2, b.x + (b.w - w) / 2, 4, w);
}

static void
staff_login_draw(struct screen *s, struct tbox b)
{
	tty_put_centre(b.y + b.h / 2 - 5, b.x, b.w,
	    msg_get(frame_mode(s->frame) == FRAME_SUPERVISOR ?
	    "counter.login.prompt_super" : "counter.login.prompt_counter"),
	    tty_attr(TTY_LABEL));
}

/* The role a mode serves. */
static enum staff_role
staff_login_role(struct frame *a)
{
	return frame_mode(a) == FRAME_SUPERVISOR ? STAFF_SUPERVISOR : STAFF_COUNTER;
}

/* Says why the login failed, under the password, and starts it again. */
static enum widget_result
staff_login_refused(struct staff_login *l, const struct err *e, int remaining)
{
	if (e->key != NULL && strcmp(e->key, "staff.bad_password") == 0)
		snprintf(l->msg, sizeof l->msg, msg_get("counter.login.remaining"),
		    msg_get(e->key), remaining);
	else
		snprintf(l->msg, sizeof l->msg, "%s", msg_get(e->key != NULL ? e->key :
		    "counter.login.failed"));
	field_set_value(l->password, "");
	field_set_error(l->password, l->msg);
	form_focus(l->form, field_widget(l->password));
	return WIDGET_REDRAW;
}

static enum widget_result
staff_login_submit(struct screen *s)
{
	struct staff_login *l = s->data;
	struct staff st;
	struct err e;
	int remaining = 0;

	err_clear(&e);
	if (field_value(l->name)[0] == '\0') {
		field_set_error(l->name, msg_get("counter.login.need_account"));
		form_focus(l->form, field_widget(l->name));
		return WIDGET_REDRAW;
	}
	field_set_error(l->name, NULL);
	if (reg_staff_login(frame_reg(s->frame), field_value(l->name),
	    field_value(l->password), &st, &remaining, &e) != 0)
		return staff_login_refused(l, &e, remaining);
	if (st.role != staff_login_role(s->frame)) {
		err_set(&e, ERR_RULE, "staff", st.role == STAFF_SUPERVISOR ?
		    "counter.login.not_counter" : "counter.login.not_super", NULL);
		sodium_memzero(&st, sizeof st);
		return staff_login_refused(l, &e, 0);
	}
	staff_login_wipe(l);
	/* The login screen leaves here: nothing of it may be touched after. */
	frame_login(s->frame, &st);
	sodium_memzero(&st, sizeof st);
	return WIDGET_RESIZE;
}

static enum widget_result
staff_login_lang(struct screen *s, const struct widget_key *k)
{
	(void)k;
	frame_set_lang(s->frame, msg_get_lang() == MSG_ZH_CN ? MSG_EN : MSG_ZH_CN);
	return WIDGET_RESIZE;
}

static enum widget_result
staff_login_enter_key(struct screen *s, const struct widget_key *k)
{
	(void)k;
	return staff_login_submit(s);
}

/* F10 is the frame's (quit), shown here where it is most wanted. */
static const struct screen_key staff_login_keys[] = {
	{ KEY_ENTER, "counter.login.key_login", staff_login_enter_key, NULL, NULL },
	{ KEY_F(6), "counter.login.key_lang", staff_login_lang, NULL, NULL },
	{ KEY_F(10), "counter.key.quit", NULL, NULL, NULL },
};

/*
 * No code belongs here, so a keyboard burst is typing that came fast: keys
 * typed while a password was being checked arrive together. The frame hands
 * them back as keys (WIDGET_IGNORED) instead of dropping them as a scan.
 */
static enum widget_result
staff_login_scan(struct screen *s, const struct scan_event *ev)
{
	if (ev->source == SCAN_WEDGE)
		return WIDGET_IGNORED;
	frame_status(s->frame, msg_get("frame.scan_unexpected"), TTY_WARN);
	return WIDGET_REDRAW;
}

const struct screen_class staff_login_screen = {
	.name = "login",
	.enter = staff_login_enter,
	.leave = staff_login_leave,
	.layout = staff_login_layout,
	.draw = staff_login_draw,
	FRAME_KEYS(staff_login_keys),
	.scan = staff_login_scan,
};
