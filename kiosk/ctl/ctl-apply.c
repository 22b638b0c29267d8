/*
 * ctl-apply.c: applications from the command line: "apply claim|frp-change",
 * "applications" and "application show". "apply" prints the application number
 * as the last line of standard output, which scripts rely on.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "cert.h"
#include "clock.h"
#include "ctl.h"
#include "idcheck.h"
#include "msg.h"
#include "text.h"

static const struct option apply_options[] = {
	{ "credit-code", required_argument, NULL, 'c' },
	{ "frp-name", required_argument, NULL, 'n' },
	{ "frp-id", required_argument, NULL, 'i' },
	{ "frp-phone", required_argument, NULL, 'p' },
	{ "reason", required_argument, NULL, 'r' },
	{ "remark", required_argument, NULL, 'm' },
	{ "legal-rep-id", required_argument, NULL, 'L' },
	{ "legal-rep-phone", required_argument, NULL, 'P' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The CLI spells reasons with dashes, as its other options. */
static int
apply_reason(const char *arg, enum app_reason *out, struct err *e)
{
	if (strcmp(arg, "legal-rep-change") == 0)
		*out = APP_REASON_LEGAL_REP_CHANGE;
	else if (strcmp(arg, "frp-change") == 0)
		*out = APP_REASON_FRP_CHANGE;
	else
		return err_set(e, ERR_INPUT, "reason", "app.reason_invalid", NULL);
	return 0;
}

/*
 * Identifiers may be given as typed with a Chinese input method (full-width
 * digits) or, for mobiles, as "+86 138-0000-0001": normalized first, in room
 * for that, and a value still too long is refused whole by the validator's
 * own key, never cut.
 */
static int
apply_ident(char *dst, size_t len, const char *arg, void (*normalize)(char *),
    const char *field, const char *key, struct err *e)
{
	char buf[128];
	int rc = 0;

	if (text_copy_field(buf, sizeof buf, arg, field, e) != 0)
		return -1;
	normalize(buf);
	if (text_copy(dst, len, buf) != 0)
		rc = err_set(e, ERR_INPUT, field, key, NULL);
	sodium_memzero(buf, sizeof buf);
	return rc;
}

/* The options that are an identifier: one normalizer and one refusal each. */
#define APPLY_IDENT(ch, m, norm, key) \
	{ ch, offsetof(struct app_form, m), sizeof ((struct app_form *)0)->m, \
	    norm, #m, key }
static const struct apply_ident_opt {
	int	 ch;
	size_t	 off, len;
	void	(*normalize)(char *);
	const char *field, *key;
} apply_idents[] = {
	APPLY_IDENT('c', credit_code, idcheck_normalize_code, "code.length"),
	APPLY_IDENT('i', frp_id, idcheck_normalize_id, "id.length"),
	APPLY_IDENT('p', frp_phone, idcheck_normalize_mobile, "phone.format"),
	APPLY_IDENT('P', legal_rep_phone, idcheck_normalize_mobile, "phone.format"),
	APPLY_IDENT('L', legal_rep_id, idcheck_normalize_id, "id.length"),
};

static int
apply_option(struct app_form *f, int ch, const char *arg, int *named,
    struct err *e)
{
	const struct apply_ident_opt *o;
	size_t i;

	if (ch == 'n' || ch == 'i')
		*named = 1;
	for (i = 0; i < sizeof apply_idents / sizeof apply_idents[0]; i++) {
		o = &apply_idents[i];
		if (o->ch == ch)
			return apply_ident((char *)f + o->off, o->len, arg,
			    o->normalize, o->field, o->key, e);
	}
	switch (ch) {
	case 'n':
		return text_copy_field(f->frp_name, sizeof f->frp_name, arg, "frp_name", e);
	case 'r':
		return apply_reason(arg, &f->reason, e);
	default:
		return text_copy_field(f->remark, sizeof f->remark, arg, "remark", e);
	}
}

static const char *
app_kind(const void *row)
{
	return reg_app_kind_name(((const struct application *)row)->kind);
}

static const char *
app_status(const void *row)
{
	return reg_app_status_name(((const struct application *)row)->status);
}

/* Only an FRP-change form has a reason: null for a claim. */
static const char *
app_reason(const void *row)
{
	const struct application *a = row;

	return a->reason == APP_REASON_NONE ? NULL : reg_app_reason_name(a->reason);
}

/* An application: in full as JSON (jsdctl apply, application show, the
 * listing), one line of its key columns as text. Most members are JSON only,
 * under their own names. */
#define APP_JSON(type_, member) \
	CTL_COL(#member, 0, NULL, type_, struct application, member)

static const struct ctl_col app_cols[] = {
	CTL_COL("number", 1, "%s  ", CTL_COL_STR, struct application, number),
	CTL_COL_FN("kind", 0, NULL, app_kind),
	CTL_COL_WORD_FN(3, "%-10s ", "app.kind", app_kind),
	CTL_COL_FN("status", 0, NULL, app_status),
	CTL_COL_WORD_FN(4, "%-10s ", "app.status", app_status),
	CTL_COL("credit_code", 6, "%s  ", CTL_COL_STR,
	    struct application, credit_code),
	CTL_COL("inst_name", 7, "%s", CTL_COL_STR,
	    struct application, inst_name),
	APP_JSON(CTL_COL_STR, inst_address),
	APP_JSON(CTL_COL_STR, legal_rep_name),
	APP_JSON(CTL_COL_STR, legal_rep_id),
	APP_JSON(CTL_COL_STR, legal_rep_phone),
	APP_JSON(CTL_COL_BOOL, frp_is_legal_rep),
	APP_JSON(CTL_COL_STR, frp_name),
	APP_JSON(CTL_COL_STR, frp_id),
	APP_JSON(CTL_COL_STR, frp_phone),
	CTL_COL_FN("reason", 0, NULL, app_reason),
	APP_JSON(CTL_COL_STR, remark),
	CTL_COL("station", 5, "%s  ", CTL_COL_STR, struct application, station),
	CTL_COL("created_at", 2, "%s  ", CTL_COL_TIME,
	    struct application, created_at),
	APP_JSON(CTL_COL_STR_NULL, decided_by),
	APP_JSON(CTL_COL_STR_NULL, reject_reason),
	APP_JSON(CTL_COL_STR_NULL, form_legal_rep_id),
	APP_JSON(CTL_COL_STR_NULL, form_legal_rep_phone),
};

static json_t *
app_json(const struct application *a)
{
	return ctl_list_object(app_cols, CTL_NCOLS(app_cols), a);
}

int
ctl_apply(struct ctl *c, int argc, char **argv)
{
	struct app_form f;
	struct application a;
	struct err e;
	int ch, named = 0;

	if (argc < 2 || (strcmp(argv[1], "claim") != 0 &&
	    strcmp(argv[1], "frp-change") != 0))
		return ctl_wants_help(argc, argv) ? ctl_help("ctl.apply.usage") :
		    ctl_usage("ctl.apply.usage");
	memset(&f, 0, sizeof f);
	err_clear(&e);
	f.kind = strcmp(argv[1], "claim") == 0 ? APP_CLAIM : APP_FRP_CHANGE;
	argc--;
	argv++;
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "c:n:i:p:r:m:L:P:h", apply_options,
	    NULL)) != -1) {
		if (ch == 'h')
			return ctl_help("ctl.apply.usage");
		if (ch == '?')
			return ctl_usage("ctl.apply.usage");
		if (apply_option(&f, ch, optarg, &named, &e) != 0)
			return ctl_fail(&e);
	}
	if (optind != argc)
		return ctl_usage("ctl.apply.usage");
	if (f.kind == APP_CLAIM && f.reason != APP_REASON_NONE)
		return ctl_usage("ctl.apply.usage");
	/* No --frp-name/--frp-id: the legal representative is the FRP. */
	f.frp_is_legal_rep = f.kind == APP_CLAIM && !named;
	if (cert_app_submit(c->reg, &f, &a, &e) != 0)
		return ctl_fail(&e);
	if (c->json)
		ctl_print_json(app_json(&a));
	else
		printf("%s\n", a.number);
	return 0;
}

static int
app_print(const struct application *a, void *arg)
{
	ctl_list_row(arg, a);
	return 0;
}

static const struct option apps_options[] = {
	{ "status", required_argument, NULL, 's' },
	{ "date", required_argument, NULL, 'd' },
	{ "credit-code", required_argument, NULL, 'c' },
	{ "limit", required_argument, NULL, 'n' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int
apps_option(struct app_filter *f, int ch, const char *arg, struct err *e)
{
	enum app_status st;

	switch (ch) {
	case 's':
		if (reg_app_status_parse(arg, &st) != 0)
			return err_set(e, ERR_INPUT, "status", "app.status_invalid",
			    NULL);
		f->status = (int)st;
		return 0;
	case 'd':
		return ctl_parse_day(arg, &f->from, &f->to, e);
	case 'c':
		f->credit_code = arg;
		return 0;
	default:
		return ctl_parse_limit(arg, &f->limit, e);
	}
}

int
ctl_applications(struct ctl *c, int argc, char **argv)
{
	struct app_filter f;
	struct ctl_list l;
	struct err e;
	int ch;

	reg_app_filter_init(&f);
	err_clear(&e);
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "s:d:c:n:h", apps_options, NULL)) != -1) {
		if (ch == 'h')
			return ctl_help("ctl.applications.usage");
		if (ch == '?')
			return ctl_usage("ctl.applications.usage");
		if (apps_option(&f, ch, optarg, &e) != 0)
			return ctl_fail(&e);
	}
	if (optind != argc)
		return ctl_usage("ctl.applications.usage");
	ctl_list_start(&l, app_cols, CTL_NCOLS(app_cols), c->json);
	return ctl_list_end(&l, reg_app_list(c->reg, &f, app_print, &l, &e), &e);
}

static const char *
app_status_text(enum app_status st)
{
	char key[40];

	snprintf(key, sizeof key, "app.status.%s", reg_app_status_name(st));
	return msg_get(key) == key ? reg_app_status_name(st) : msg_get(key);
}

/* The full record, as the counter needs it to compare with the ID card. */
static void
app_show(const struct application *a)
{
	char created[20];

	clock_format_local(a->created_at, created, sizeof created);
#define SHOW(key, value) printf("%s: %s\n", msg_get(key), value)
	SHOW("app.field.number", a->number);
	SHOW("app.field.kind", msg_get(a->kind == APP_CLAIM ? "app.kind.claim" :
	    "app.kind.frp_change"));
	SHOW("app.field.status", app_status_text(a->status));
	SHOW("app.field.created", created);
	SHOW("app.field.station", a->station);
	SHOW("field.credit_code", a->credit_code);
	SHOW("field.name", a->inst_name);
	SHOW("field.address", a->inst_address);
	SHOW("field.legal_rep_name", a->legal_rep_name);
	SHOW("field.legal_rep_id", a->legal_rep_id);
	SHOW("field.legal_rep_phone", a->legal_rep_phone);
	SHOW("app.field.form_legal_rep_id", a->form_legal_rep_id[0] ?
	    a->form_legal_rep_id : msg_get("app.not_filled"));
	SHOW("app.field.form_legal_rep_phone", a->form_legal_rep_phone[0] ?
	    a->form_legal_rep_phone : msg_get("app.not_filled"));
	if (a->kind == APP_FRP_CHANGE)
		SHOW("field.reason", msg_get(a->reason ==
		    APP_REASON_LEGAL_REP_CHANGE ? "app.reason.legal_rep_change" :
		    "app.reason.frp_change"));
	SHOW("field.frp_name", a->frp_name);
	SHOW("field.frp_id", a->frp_id);
	SHOW("field.frp_phone", a->frp_phone);
	SHOW("field.remark", a->remark);
	if (a->decided_by[0] != '\0')
		SHOW("app.field.decided_by", a->decided_by);
	if (a->reject_reason[0] != '\0')
		SHOW("app.field.reject_reason", a->reject_reason);
#undef SHOW
}

static const struct option show_options[] = {
	{ "staff", required_argument, NULL, 's' },
	{ "password-file", required_argument, NULL, 'p' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The ID numbers in full only for staff who logged in with their password:
 * they compare them with the ID card; anyone else sees them masked. */
static void
app_mask_id(char *id, size_t len)
{
	char masked[REG_ID_SIZE];

	if (id[0] == '\0')
		return;
	idcheck_mask_id(id, masked, sizeof masked);
	snprintf(id, len, "%s", masked);
}

static void
app_mask_ids(struct application *a)
{
	app_mask_id(a->legal_rep_id, sizeof a->legal_rep_id);
	app_mask_id(a->form_legal_rep_id, sizeof a->form_legal_rep_id);
	app_mask_id(a->frp_id, sizeof a->frp_id);
}

/* "application status NUMBER PHONE-END": what the kiosk's status screen
 * tells an applicant, and nothing more. */
static int
application_status(struct ctl *c, const char *number, const char *phone_end)
{
	struct app_view v;
	char key[48];
	struct err e;

	err_clear(&e);
	if (cert_app_status(c->reg, number, phone_end, &v, &e) != 0)
		return ctl_fail(&e);
	snprintf(key, sizeof key, "app.view.%s%s", reg_app_status_name(v.status),
	    v.claimed ? "_claimed" : "");
	if (c->json) {
		ctl_print_json(json_pack("{s:s, s:s, s:b, s:s}", "number", v.number,
		    "status", reg_app_status_name(v.status), "claimed", v.claimed,
		    "reject_reason", v.reject_reason));
		return 0;
	}
	printf("%s %s\n%s\n", msg_get("app.field.number"), v.number, msg_get(key));
	if (v.reject_reason[0] != '\0')
		printf("%s: %s\n", msg_get("app.field.reject_reason"), v.reject_reason);
	return 0;
}

int
ctl_application(struct ctl *c, int argc, char **argv)
{
	const char *staff = NULL, *password_file = NULL;
	struct application a;
	struct staff s;
	struct err e;
	int ch;

	if (argc == 4 && strcmp(argv[1], "status") == 0)
		return application_status(c, argv[2], argv[3]);
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "h", show_options, NULL)) != -1) {
		if (ch == 's')
			staff = optarg;
		else if (ch == 'p')
			password_file = optarg;
		else
			return ch == 'h' ? ctl_help("ctl.application.usage") :
			    ctl_usage("ctl.application.usage");
	}
	if (argc - optind != 2 || strcmp(argv[optind], "show") != 0)
		return ctl_usage("ctl.application.usage");
	err_clear(&e);
	if (staff != NULL && ctl_staff_login(c, staff, password_file, &s, &e) != 0)
		return ctl_fail(&e);
	if (reg_app_get(c->reg, argv[optind + 1], &a, &e) != 0)
		return ctl_fail(&e);
	if (staff == NULL)
		app_mask_ids(&a);
	if (c->json)
		ctl_print_json(app_json(&a));
	else
		app_show(&a);
	return 0;
}
