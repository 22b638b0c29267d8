/*
 * ctl-staff.c: "jsdctl staff add|list|passwd|unlock|disable|enable|login".
 * Passwords come from --password-file, $JSD_PASSWORD or standard input, never
 * from the command line, where any user could read them in the process list.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "ctl.h"
#include "msg.h"

struct staff_args {
	const char	*name;
	const char	*password_file;
	const char	*role;
};

static const struct option staff_options[] = {
	{ "role", required_argument, NULL, 'r' },
	{ "password-file", required_argument, NULL, 'p' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* Parses "staff SUB [NAME] [options]"; -1 to go on, else an exit status. */
static int
staff_parse(int argc, char **argv, int want_name, struct staff_args *a)
{
	int ch;

	memset(a, 0, sizeof *a);
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "r:p:h", staff_options, NULL)) != -1) {
		switch (ch) {
		case 'r':
			a->role = optarg;
			break;
		case 'p':
			a->password_file = optarg;
			break;
		case 'h':
			return ctl_help("ctl.staff.usage");
		default:
			return ctl_usage("ctl.staff.usage");
		}
	}
	if (optind != argc - want_name)
		return ctl_usage("ctl.staff.usage");
	if (want_name)
		a->name = argv[optind];
	return -1;
}

static int
staff_password(const struct staff_args *a, char *buf, size_t len, struct err *e)
{
	return ctl_read_password(a->password_file, msg_get("ctl.staff.password_prompt"),
	    buf, len, e);
}

static int
staff_add(struct ctl *c, int argc, char **argv)
{
	struct staff_args a;
	char pw[STAFF_PASSWORD_MAX + 2];
	enum staff_role role;
	struct err e;
	int rc;

	if ((rc = staff_parse(argc, argv, 1, &a)) >= 0)
		return rc;
	err_clear(&e);
	if (a.role == NULL || reg_staff_role_parse(a.role, &role) != 0) {
		err_set(&e, ERR_INPUT, "role", "staff.role_invalid", NULL);
		return ctl_fail(&e);
	}
	if (staff_password(&a, pw, sizeof pw, &e) != 0 ||
	    reg_staff_add(c->reg, a.name, role, pw, "cli", &e) != 0)
		rc = ctl_fail(&e);
	else
		rc = 0;
	sodium_memzero(pw, sizeof pw);
	return rc;
}

static const char *
staff_role(const void *row)
{
	return reg_staff_role_name(((const struct staff *)row)->role);
}

static const char *
staff_locked(const void *row)
{
	return ((const struct staff *)row)->locked ? msg_get("ctl.staff.locked") : "";
}

static const char *
staff_disabled(const void *row)
{
	return ((const struct staff *)row)->disabled ? msg_get("ctl.staff.disabled") :
	    "";
}

static const struct ctl_col staff_cols[] = {
	CTL_COL("name", 1, "%-16s ", CTL_COL_STR, struct staff, name),
	CTL_COL_FN("role", 2, "%-10s ", staff_role),
	CTL_COL("failed", 0, NULL, CTL_COL_INT, struct staff, failed),
	CTL_COL("locked", 0, NULL, CTL_COL_BOOL, struct staff, locked),
	CTL_COL_FN(NULL, 3, "%s", staff_locked),
	CTL_COL("disabled", 0, NULL, CTL_COL_BOOL, struct staff, disabled),
	CTL_COL_FN(NULL, 4, "%s", staff_disabled),
	CTL_COL("last_login", 5, "  %s", CTL_COL_TIME, struct staff, last_login),
};

static int
staff_print(const struct staff *s, void *arg)
{
	ctl_list_row(arg, s);
	return 0;
}

static int
staff_list(struct ctl *c, int argc, char **argv)
{
	struct staff_args a;
	struct ctl_list l;
	struct err e;
	int rc;

	if ((rc = staff_parse(argc, argv, 0, &a)) >= 0)
		return rc;
	err_clear(&e);
	ctl_list_start(&l, staff_cols, CTL_NCOLS(staff_cols), c->json);
	return ctl_list_end(&l, reg_staff_list(c->reg, staff_print, &l, &e), &e);
}

static int
staff_passwd(struct ctl *c, int argc, char **argv)
{
	struct staff_args a;
	char pw[STAFF_PASSWORD_MAX + 2];
	struct err e;
	int rc;

	if ((rc = staff_parse(argc, argv, 1, &a)) >= 0)
		return rc;
	err_clear(&e);
	if (staff_password(&a, pw, sizeof pw, &e) != 0 ||
	    reg_staff_passwd(c->reg, a.name, pw, "cli", &e) != 0)
		rc = ctl_fail(&e);
	else
		rc = 0;
	sodium_memzero(pw, sizeof pw);
	return rc;
}

static int
staff_flag(struct ctl *c, int argc, char **argv)
{
	struct staff_args a;
	struct err e;
	int rc;

	if ((rc = staff_parse(argc, argv, 1, &a)) >= 0)
		return rc;
	err_clear(&e);
	if (strcmp(argv[0], "unlock") == 0)
		rc = reg_staff_unlock(c->reg, a.name, "cli", &e);
	else
		rc = reg_staff_set_disabled(c->reg, a.name,
		    strcmp(argv[0], "disable") == 0, "cli", &e);
	return rc != 0 ? ctl_fail(&e) : 0;
}

/* Checks a password as a login screen does: counts and locks like one. */
static int
staff_login(struct ctl *c, int argc, char **argv)
{
	struct staff_args a;
	char pw[STAFF_PASSWORD_MAX + 2];
	struct staff s;
	struct err e;
	int rc, remaining;

	if ((rc = staff_parse(argc, argv, 1, &a)) >= 0)
		return rc;
	err_clear(&e);
	if (staff_password(&a, pw, sizeof pw, &e) != 0)
		return ctl_fail(&e);
	rc = reg_staff_login(c->reg, a.name, pw, &s, &remaining, &e);
	sodium_memzero(pw, sizeof pw);
	if (rc != 0) {
		rc = ctl_fail(&e);
		if (e.kind == ERR_RULE && remaining > 0) {
			fprintf(stderr, msg_get("ctl.staff.remaining"), remaining);
			fputc('\n', stderr);
		}
		return rc;
	}
	printf("%s %s (%s)\n", msg_get("ctl.staff.login_ok"), s.name,
	    reg_staff_role_name(s.role));
	return 0;
}

int
ctl_staff(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_sub subs[] = {
		{ "add", staff_add }, { "list", staff_list },
		{ "passwd", staff_passwd }, { "unlock", staff_flag },
		{ "disable", staff_flag }, { "enable", staff_flag },
		{ "login", staff_login },
	};

	return ctl_dispatch(subs, sizeof subs / sizeof subs[0], c, argc, argv,
	    "ctl.staff.usage");
}
