/*
 * jsdctl.c: the command line over the core, for administrators, scripts and
 * tests. Global options come before the command; each command parses its own.
 *
 * Where the registry is: --db, else $JSD_DB, else "db" in the configuration file
 * (--config, else $XDG_CONFIG_HOME/jsd-kiosk/jsd.conf, else the system's), else
 * $XDG_DATA_HOME/jsd-kiosk/registry.db. jsd-kiosk resolves it the same way
 * (ctl-util.c), so with no options both programs use the same demo registry.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "msg.h"
#include "paths.h"

struct ctl_cmd {
	const char	*name;
	int		(*fn)(struct ctl *, int, char **);
	/* 1: the registry, opened before; 2: even with files others can read;
	 * 3: doctor's, which opens it itself when there is one (opening makes
	 * a SQLite file, as whoever runs doctor), and runs with a lang in the
	 * configuration that names no language: it reports what stops the
	 * others. */
	int		 needs_reg;
	const char	*summary;	/* message key */
};

static const struct ctl_cmd ctl_cmds[] = {
	{ "init", ctl_init, 2, "ctl.cmd.init" },
	{ "doctor", ctl_doctor, 3, "ctl.cmd.doctor" },
	{ "demo", ctl_demo, 1, "ctl.cmd.demo" },
	{ "import-register", ctl_import_register, 1, "ctl.cmd.import" },
	{ "institutions", ctl_institutions, 1, "ctl.cmd.institutions" },
	{ "staff", ctl_staff, 1, "ctl.cmd.staff" },
	{ "kiosk", ctl_kiosk, 1, "ctl.cmd.kiosk" },
	{ "apply", ctl_apply, 1, "ctl.cmd.apply" },
	{ "applications", ctl_applications, 1, "ctl.cmd.applications" },
	{ "application", ctl_application, 1, "ctl.cmd.application" },
	{ "events", ctl_events, 1, "ctl.cmd.events" },
	{ "log", ctl_log, 1, "ctl.cmd.log" },
	{ "backup", ctl_backup, 1, "ctl.cmd.backup" },
	{ "restore", ctl_restore, 1, "ctl.cmd.restore" },
	{ "approve", ctl_approve, 1, "ctl.cmd.approve" },
	{ "reject", ctl_reject, 1, "ctl.cmd.reject" },
	{ "holder", ctl_holder, 1, "ctl.cmd.holder" },
	{ "verify", ctl_verify, 0, "ctl.cmd.verify" },
	{ "key", ctl_key, 1, "ctl.cmd.key" },
	{ "login-qr", ctl_login_qr, 1, "ctl.cmd.login_qr" },
	{ "login-status", ctl_login_status, 1, "ctl.cmd.login_status" },
	{ "cert", ctl_cert, 1, "ctl.cmd.cert" },
	{ "scan", ctl_scan, 0, "scan.src.summary" },
	{ "decode", ctl_decode, 0, "ctl.cmd.decode" },
	{ "report", ctl_report, 1, "report.cmd" },
	{ "copy-registry", ctl_copy_registry, 0, "ctl.cmd.copy" },
	{ "sign-request", ctl_sign_request, 1, "ctl.cmd.sign_request" },
	{ "sign-status", ctl_sign_status, 1, "ctl.cmd.sign_status" },
	{ "verify-signature", ctl_verify_signature, 0, "ctl.cmd.verify_signature" },
};
#define CTL_NCMDS (sizeof ctl_cmds / sizeof ctl_cmds[0])

static void
usage(FILE *out)
{
	size_t i;

	fprintf(out, "%s\n", msg_get("ctl.usage"));
	for (i = 0; i < CTL_NCMDS; i++)
		fprintf(out, "  %-18s %s\n", ctl_cmds[i].name,
		    msg_get(ctl_cmds[i].summary));
	fprintf(out, "\n%s\n", msg_get("ctl.usage_global"));
}

static const struct option ctl_options[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "station", required_argument, NULL, 's' },
	{ "config", required_argument, NULL, 'c' },
	{ "lang", required_argument, NULL, 'l' },
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static int
ctl_run(struct ctl *c, const struct paths *p, const struct ctl_cmd *cmd,
    int argc, char **argv)
{
	struct err e;
	int rc;

	err_clear(&e);
	if (cmd->needs_reg != 3 && paths_lang(p, &e) != 0)
		return ctl_fail(&e);
	c->lenient = cmd->needs_reg >= 2;
	if ((cmd->needs_reg == 1 || cmd->needs_reg == 2) &&
	    !ctl_wants_help(argc, argv) && (rc = ctl_open(c)) != 0)
		return rc;
	rc = cmd->fn(c, argc, argv);
	reg_close(c->reg);
	c->reg = NULL;
	return rc;
}

int
main(int argc, char **argv)
{
	struct ctl c;
	struct paths p;
	size_t i;
	int ch;

	memset(&c, 0, sizeof c);
	paths_init(&p);
	msg_lang_from_env();
	while ((ch = getopt_long(argc, argv, "+d:s:c:l:jhV", ctl_options, NULL)) != -1) {
		switch (ch) {
		case 'd':
			p.db_arg = optarg;
			break;
		case 's':
			p.station_arg = optarg;
			break;
		case 'c':
			p.config_arg = optarg;
			break;
		case 'l':
			if (ctl_set_lang(optarg) != 0)
				return 2;
			p.lang_set = 1;
			break;
		case 'j':
			c.json = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("jsdctl %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		usage(stderr);
		return 2;
	}
	if (paths_resolve(&p) != 0)
		return ctl_fail(&p.err);
	c.db_path = p.db;
	c.key_path = p.key_file;
	c.station = p.station;
	c.station_default = p.station_default;
	c.config_path = p.config;
	c.cfg = &p.cfg;
	for (i = 0; i < CTL_NCMDS; i++) {
		if (strcmp(argv[0], ctl_cmds[i].name) == 0)
			return ctl_run(&c, &p, &ctl_cmds[i], argc, argv);
	}
	fprintf(stderr, "jsdctl: %s: %s\n", msg_get("ctl.unknown_command"), argv[0]);
	return 2;
}
