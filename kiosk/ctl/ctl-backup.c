/*
 * ctl-backup.c: "jsdctl backup FILE" and "jsdctl restore FILE".
 *
 * A restore takes the registry back in time, staff accounts and event log
 * included, so a supervisor does it with their password; the signed restore
 * record (reg-backup.h) needs the registry's key, loaded before anything is
 * replaced so that a restore never happens without its record.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "ctl-life.h"
#include "msg.h"
#include "reg-backup.h"

int
ctl_backup(struct ctl *c, int argc, char **argv)
{
	struct stat st;
	int64_t events;
	struct err e;

	if (ctl_wants_help(argc, argv))
		return ctl_help("ctl.backup.usage");
	if (argc != 2)
		return ctl_usage("ctl.backup.usage");
	err_clear(&e);
	if (reg_backup_save(c->reg, argv[1], &e) != 0)
		return ctl_fail(&e);
	/* A copy that does not check is no backup: it goes. */
	if (reg_backup_check(argv[1], c->station, &events, &e) != 0 ||
	    stat(argv[1], &st) != 0) {
		if (e.key == NULL)
			err_set(&e, ERR_SYSTEM, NULL, "reg.backup_missing", "%s: %s",
			    argv[1], strerror(errno));
		unlink(argv[1]);
		return ctl_fail(&e);
	}
	if (c->json)
		ctl_print_json(json_pack("{s:s, s:I, s:I}", "file", argv[1],
		    "events", (json_int_t)events, "bytes", (json_int_t)st.st_size));
	else {
		printf(msg_get("ctl.backup.done"), argv[1], (long long)events,
		    (long long)st.st_size);
		putchar('\n');
	}
	return 0;
}

static const struct option restore_options[] = {
	{ "staff", required_argument, NULL, 's' },
	{ "password-file", required_argument, NULL, 'p' },
	{ "force", no_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int
restore_run(struct ctl *c, const char *staff, const char *password_file,
    const char *path, int force, struct evcheck *cp, struct err *e)
{
	char keyfile[4200];
	struct staff s;

	if (ctl_staff_login(c, staff, password_file, &s, e) != 0)
		return -1;
	if (s.role != STAFF_SUPERVISOR)
		return err_set(e, ERR_RULE, "staff", "ctl.restore.supervisor_only", NULL);
	if (ctl_keyfile(c, keyfile, sizeof keyfile, e) != 0 ||
	    cert_key_load(c->reg, keyfile, e) != 0)
		return -1;
	return reg_backup_restore(c->reg, path, staff, force, cp, e);
}

int
ctl_restore(struct ctl *c, int argc, char **argv)
{
	const char *staff = NULL, *password_file = NULL;
	char code[EVCHECK_CODE_SIZE];
	struct evcheck cp;
	struct err e;
	int ch, force = 0;

	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "h", restore_options, NULL)) != -1) {
		if (ch == 's')
			staff = optarg;
		else if (ch == 'p')
			password_file = optarg;
		else if (ch == 'f')
			force = 1;
		else
			return ch == 'h' ? ctl_help("ctl.restore.usage") :
			    ctl_usage("ctl.restore.usage");
	}
	if (argc - optind != 1 || staff == NULL)
		return ctl_usage("ctl.restore.usage");
	err_clear(&e);
	if (restore_run(c, staff, password_file, argv[optind], force, &cp, &e) != 0)
		return ctl_fail(&e);
	evcheck_code(&cp, code);
	if (c->json)
		ctl_print_json(json_pack("{s:I, s:s}", "events", (json_int_t)cp.count,
		    "code", code));
	else
		printf(msg_get("ctl.restore.done"), (long long)cp.count, code);
	if (!c->json)
		putchar('\n');
	return 0;
}
