/*
 * ctl-init.c: "jsdctl init" (create or migrate a registry) and "jsdctl demo" (a
 * registry with fictional institutions and two staff accounts, for trying the
 * kiosk and for tests). Both are safe to run again.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cert.h"
#include "ctl-life.h"
#include "import.h"
#include "msg.h"

extern const char demo_register_csv[];

/* The demo accounts, documented in README.md. */
static const struct demo_staff {
	const char	*name;
	enum staff_role	 role;
	const char	*password;
} demo_staff[] = {
	{ "counter1", STAFF_COUNTER, "jsd-demo-counter" },
	{ "super1", STAFF_SUPERVISOR, "jsd-demo-super" },
};

static const char *
demo_staff_role(const void *row)
{
	return reg_staff_role_name(((const struct demo_staff *)row)->role);
}

/* The accounts are fictional and their passwords public: printing them is the
 * point of the demo. */
static const struct ctl_col demo_staff_cols[] = {
	CTL_COL_LABEL(1, "%s ", "ctl.demo.staff"),
	CTL_COL("name", 2, "%s ", CTL_COL_STRP, struct demo_staff, name),
	CTL_COL_FN("role", 3, "(%s) ", demo_staff_role),
	CTL_COL_LABEL(4, "%s ", "ctl.demo.password"),
	CTL_COL("password", 5, "%s", CTL_COL_STRP, struct demo_staff, password),
};

/* The registry's signing key lives beside it, made once (mode 0600). */
static int
key_init(struct ctl *c, int *created)
{
	char keyfile[4200];
	struct err e;

	err_clear(&e);
	if (ctl_keyfile(c, keyfile, sizeof keyfile, &e) != 0)
		return ctl_fail(&e);
	if (cert_key_init(c->reg, keyfile, created, &e) != 0)
		return ctl_fail(&e);
	return 0;
}

int
ctl_init(struct ctl *c, int argc, char **argv)
{
	int rc, created;

	if ((rc = ctl_no_args(argc, argv, "ctl.init.usage")) >= 0)
		return rc;
	if ((rc = key_init(c, &created)) != 0)
		return rc;
	if (c->json) {
		ctl_print_json(json_pack("{s:s, s:b, s:i}", "db", c->db_path,
		    "created", reg_was_created(c->reg), "schema",
		    reg_schema_version(c->reg)));
		return 0;
	}
	printf("%s %s (%s %d)\n", msg_get(reg_was_created(c->reg) ?
	    "ctl.init.created" : "ctl.init.current"), c->db_path,
	    msg_get("ctl.init.schema"), reg_schema_version(c->reg));
	return 0;
}

static void
demo_bad_row(size_t line, const struct err *e, void *arg)
{
	(void)arg;
	fprintf(stderr, "jsdctl: demo data line %zu: %s\n", line, msg_get(e->key));
}

static int
demo_staff_add(struct ctl *c, size_t i, int *added, struct err *e)
{
	*added = 0;
	if (reg_staff_add(c->reg, demo_staff[i].name, demo_staff[i].role,
	    demo_staff[i].password, "cli:demo", e) == 0) {
		*added = 1;
		return 0;
	}
	return e->kind == ERR_CONFLICT ? 0 : -1;
}

int
ctl_demo(struct ctl *c, int argc, char **argv)
{
	struct import_stats s;
	struct ctl_list l;
	struct err e;
	FILE *f;
	size_t i;
	int rc, added;

	if ((rc = ctl_no_args(argc, argv, "ctl.demo.usage")) >= 0)
		return rc;
	if ((rc = key_init(c, &added)) != 0)
		return rc;
	err_clear(&e);
	if ((f = fmemopen((void *)demo_register_csv, strlen(demo_register_csv),
	    "r")) == NULL)
		return ctl_fail(&e);
	rc = import_register(c->reg, f, 1, "cli:demo", demo_bad_row, NULL, &s, &e);
	fclose(f);
	if (rc != 0)
		return ctl_fail(&e);
	for (i = 0; i < sizeof demo_staff / sizeof demo_staff[0]; i++)
		if (demo_staff_add(c, i, &added, &e) != 0)
			return ctl_fail(&e);
	/* The text's heading lines come before the accounts. */
	if (!c->json) {
		printf("%s %s\n", msg_get("ctl.demo.registry"), c->db_path);
		printf("%s %zu\n", msg_get("ctl.demo.institutions"),
		    s.added + s.updated);
	}
	ctl_list_start(&l, demo_staff_cols, CTL_NCOLS(demo_staff_cols), c->json);
	for (i = 0; i < sizeof demo_staff / sizeof demo_staff[0]; i++)
		ctl_list_row(&l, &demo_staff[i]);
	if (c->json)
		ctl_print_json(json_pack("{s:s, s:i, s:o}", "db", c->db_path,
		    "institutions", (int)(s.added + s.updated), "staff",
		    ctl_list_take(&l)));
	return 0;
}
