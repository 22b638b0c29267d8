/*
 * ctl-cert.c: "jsdctl cert ...", the registration authority's commands on one
 * certificate: the changes (name, legal representative, a holder's phone),
 * cancel and delete, and "show", the counter's view of it.
 *
 * Each is made by a person who logs in for it (--staff, as approve): the
 * changes by counter staff, cancel and delete by a supervisor, show by
 * either. The events name that person.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ctl-life.h"
#include "idcheck.h"
#include "idplat.h"
#include "msg.h"
#include "text.h"

struct cargs {
	const char	*detail;
	const char	*staff;
	const char	*password_file;
	const char	*name;
	const char	*rep_name;
	const char	*rep_id;
	const char	*rep_phone;
	const char	*person;
	const char	*phone;
	const char	*page;
	char		 code[REG_CODE_SIZE];
};

static const struct option cert_options[] = {
	{ "detail", required_argument, NULL, 'd' },
	{ "staff", required_argument, NULL, 's' },
	{ "password-file", required_argument, NULL, 'p' },
	{ "name", required_argument, NULL, 'n' },
	{ "rep-name", required_argument, NULL, 'N' },
	{ "rep-id", required_argument, NULL, 'I' },
	{ "rep-phone", required_argument, NULL, 'P' },
	{ "person", required_argument, NULL, 'e' },
	{ "phone", required_argument, NULL, 't' },
	{ "page", required_argument, NULL, 'g' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int
copt(struct cargs *a, int ch, const char *arg)
{
	switch (ch) {
	case 'd': a->detail = arg; break;
	case 's': a->staff = arg; break;
	case 'p': a->password_file = arg; break;
	case 'n': a->name = arg; break;
	case 'N': a->rep_name = arg; break;
	case 'I': a->rep_id = arg; break;
	case 'P': a->rep_phone = arg; break;
	case 'e': a->person = arg; break;
	case 't': a->phone = arg; break;
	case 'g': a->page = arg; break;
	default: return -1;
	}
	return 0;
}

/* Parses "cert SUB CODE [options]": -1 to go on, else the exit status. */
static int
cparse(int argc, char **argv, struct cargs *a)
{
	int ch;

	memset(a, 0, sizeof *a);
	a->detail = "";
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "h", cert_options, NULL)) != -1) {
		if (ch == 'h')
			return ctl_help("ctl.cert.usage");
		if (copt(a, ch, optarg) != 0)
			return ctl_usage("ctl.cert.usage");
	}
	if (optind != argc - 1 || a->staff == NULL ||
	    text_check(a->detail, 0, REG_REMARK_CHARS) != NULL)
		return ctl_usage("ctl.cert.usage");
	snprintf(a->code, sizeof a->code, "%s", argv[optind]);
	idcheck_normalize_code(a->code);
	return -1;
}

/* Logs the staff member in; need is the role the command needs, -1 either. */
static int
cert_staff(struct ctl *c, const struct cargs *a, int need, struct err *e)
{
	struct staff s;

	if (ctl_staff_login(c, a->staff, a->password_file, &s, e) != 0)
		return -1;
	if (need >= 0 && (int)s.role != need)
		return err_set(e, ERR_RULE, "staff", need == STAFF_SUPERVISOR ?
		    "ctl.cert.supervisor_only" : "ctl.cert.counter_only", NULL);
	return 0;
}

static int
c_name(struct ctl *c, const struct cargs *a, const char *kind, struct err *e)
{
	(void)kind;
	if (a->name == NULL)
		return err_set(e, ERR_INPUT, "name", "ctl.cert.needs_name", NULL);
	return cert_change_name(c->reg, a->code, a->name, a->staff, e);
}

static int
c_rep(struct ctl *c, const struct cargs *a, const char *kind, struct err *e)
{
	(void)kind;
	if (a->rep_name == NULL || a->rep_id == NULL || a->rep_phone == NULL)
		return err_set(e, ERR_INPUT, "legal_rep_name", "ctl.cert.needs_rep",
		    NULL);
	return cert_change_legal_rep(c->reg, a->code, a->rep_name, a->rep_id,
	    a->rep_phone, a->staff, e);
}

/* The counter checks the holder's identity with the platform as it checks
 * an FRP's at approval; the core decides by the outcome. */
static int
c_phone(struct ctl *c, const struct cargs *a, const char *kind, struct err *e)
{
	struct idplat_check idc;
	struct holder h;
	int64_t id;

	(void)kind;
	if (a->person == NULL || a->phone == NULL)
		return err_set(e, ERR_INPUT, "person", "ctl.cert.needs_phone", NULL);
	if (ctl_parse_id(a->person, &id) != 0)
		return err_set(e, ERR_INPUT, "person", "holder.unknown", NULL);
	if (cert_get_holder(c->reg, id, &h, e) != 0)
		return -1;
	idplat_check(c->cfg, h.name, h.id_number, &idc);
	return cert_change_phone(c->reg, a->code, id, a->phone, &idc, a->staff, e);
}

static int
c_end(struct ctl *c, const struct cargs *a, const char *kind, struct err *e)
{
	return cert_admin_change(c->reg, a->code, kind, a->detail, a->staff, e);
}

/* --- show --- */

void
ctl_cert_card(const struct ctl *c, const struct institution *in, void *json)
{
	struct cert_card_line l[CERT_CARD_LINES];
	json_t *card = json_object();
	size_t i, n;

	n = cert_card(in, l);
	for (i = 0; i < n; i++) {
		if (c->json)
			json_object_set_new(card, l[i].field, l[i].raw != NULL ?
			    json_string(l[i].raw) : json_null());
		else {
			printf(msg_get("ctl.cert.card_line"),
			    ctl_field_label(l[i].field), l[i].value);
			putchar('\n');
		}
	}
	if (c->json)
		json_object_set_new(json, "certificate", card);
	else
		json_decref(card);
}

struct show {
	struct ctl_people people;
	struct ctl_list	 usage;
	struct ctl_list	 changes;
};

/* A section's heading in the text. */
static void
show_heading(const struct ctl *c, const char *key)
{
	if (!c->json)
		printf("\n%s\n", msg_get(key));
}

static void
show_head(const struct ctl *c, const struct cert_view *v, json_t *j)
{
	static const char *const status[] = { "active", "cancelled", "deleted" };
	char word[64], masked[REG_ID_SIZE];

	ctl_cert_card(c, &v->inst, j);
	idcheck_mask_id(v->frp.id_number, masked, sizeof masked);
	if (c->json) {
		json_object_set_new(j, "status", json_string(status[v->status]));
		json_object_set_new(j, "frp", v->frp.id == 0 ? json_null() :
		    json_pack("{s:I, s:s, s:s}", "id", (json_int_t)v->frp.id,
		    "name", v->frp.name, "id_number", masked));
		return;
	}
	printf(msg_get("ctl.cert.card_line"), msg_get("ctl.cert.status"),
	    ctl_word("ctl.cert_status", status[v->status], word, sizeof word));
	putchar('\n');
	printf(msg_get("ctl.cert.card_line"), msg_get("field.frp_name"),
	    v->frp.id == 0 ? msg_get("ctl.cert.no_frp") : v->frp.name);
	if (v->frp.id != 0)
		printf(" %s", masked);
	putchar('\n');
}

static int
show_lists(struct ctl *c, const struct cert_view *v, int page, struct show *s,
    struct err *e)
{
	int off = (page - 1) * CERT_VIEW_PAGE;

	show_heading(c, "ctl.cert.people");
	ctl_people_start(&s->people, c->json);
	if (cert_view_people(c->reg, v, ctl_people_person, ctl_people_authz,
	    &s->people, e) != 0)
		return -1;
	show_heading(c, "ctl.cert.records");
	ctl_people_usage_start(&s->usage, c->json);
	if (cert_view_records(c->reg, v, off, CERT_VIEW_PAGE, ctl_people_usage,
	    &s->usage, e) != 0)
		return -1;
	show_heading(c, "ctl.cert.changes");
	ctl_people_change_start(&s->changes, c->json);
	return cert_view_changes(c->reg, v, off, CERT_VIEW_PAGE, ctl_people_change,
	    &s->changes, e);
}

static void
show_free(struct show *s)
{
	json_decref(ctl_list_take(&s->people.people));
	json_decref(ctl_list_take(&s->people.authz));
	json_decref(ctl_list_take(&s->usage));
	json_decref(ctl_list_take(&s->changes));
}

static int
c_show(struct ctl *c, const struct cargs *a, int page)
{
	struct cert_view v;
	struct show s;
	struct err e;
	json_t *j;

	err_clear(&e);
	memset(&s, 0, sizeof s);
	if (cert_view_open(c->reg, a->code, a->staff, &v, &e) != 0)
		return ctl_fail(&e);
	j = json_pack("{s:s, s:i}", "credit_code", v.inst.credit_code, "page", page);
	show_head(c, &v, j);
	if (show_lists(c, &v, page, &s, &e) != 0) {
		show_free(&s);
		json_decref(j);
		return ctl_fail(&e);
	}
	if (c->json) {
		json_object_set_new(j, "people", ctl_list_take(&s.people.people));
		json_object_set_new(j, "authorizations",
		    ctl_list_take(&s.people.authz));
		json_object_set_new(j, "usage", ctl_list_take(&s.usage));
		json_object_set_new(j, "changes", ctl_list_take(&s.changes));
		ctl_print_json(j);
	} else
		json_decref(j);
	return 0;
}

static int
show_page(const struct cargs *a, int *page)
{
	struct err e;

	*page = 1;
	if (a->page == NULL)
		return 0;
	err_clear(&e);
	if (ctl_parse_limit(a->page, page, &e) != 0)
		return ctl_fail(&e);
	return 0;
}

/* --- the command --- */

static const struct cert_cmd {
	const char	*cmd;
	const char	*kind;
	int		 need;	/* enum staff_role, -1 either */
	int		(*fn)(struct ctl *, const struct cargs *, const char *,
			    struct err *);
} cert_cmds[] = {
	{ "name-change", "name_change", STAFF_COUNTER, c_name },
	{ "legal-rep-change", "legal_rep_change", STAFF_COUNTER, c_rep },
	{ "phone-change", "phone_change", STAFF_COUNTER, c_phone },
	{ "cancel", "cancellation", STAFF_SUPERVISOR, c_end },
	{ "delete", "deletion", STAFF_SUPERVISOR, c_end },
	{ "show", NULL, -1, NULL },
};

static int
cert_done(const struct ctl *c, const char *kind, const char *code)
{
	char word[64];

	if (c->json) {
		ctl_print_json(json_pack("{s:s, s:s}", "done", kind, "credit_code",
		    code));
		return 0;
	}
	printf(msg_get("ctl.cert.done"), ctl_word("ctl.change", kind, word,
	    sizeof word), code);
	putchar('\n');
	return 0;
}

int
ctl_cert(struct ctl *c, int argc, char **argv)
{
	const struct cert_cmd *k = NULL;
	struct cargs a;
	struct err e;
	size_t i;
	int rc, page;

	for (i = 0; argc > 1 && i < sizeof cert_cmds / sizeof cert_cmds[0]; i++) {
		if (strcmp(argv[1], cert_cmds[i].cmd) == 0)
			k = &cert_cmds[i];
	}
	if (k == NULL)
		return ctl_wants_help(argc, argv) ? ctl_help("ctl.cert.usage") :
		    ctl_usage("ctl.cert.usage");
	if ((rc = cparse(argc - 1, argv + 1, &a)) >= 0 ||
	    (k->fn == NULL && (rc = show_page(&a, &page)) != 0))
		return rc;
	err_clear(&e);
	if (cert_staff(c, &a, k->need, &e) != 0)
		return ctl_fail(&e);
	if (k->fn == NULL)
		return c_show(c, &a, page);
	if (k->fn(c, &a, k->kind, &e) != 0)
		return ctl_fail(&e);
	return cert_done(c, k->kind, a.code);
}
