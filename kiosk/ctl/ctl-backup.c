/*
 * ctl-backup.c: "jsdctl backup FILE" and "jsdctl restore FILE".
 *
 * A copy leaving the host may be sealed under a key file of its own
 * (sealed.h, --encrypt, --decrypt); its plain text then lives only in a 0600
 * file beside the registry for as long as it is made or put back.
 *
 * A restore takes the registry back in time, staff accounts and event log
 * included, so a supervisor does it with their password; the signed restore
 * record (reg-backup.h) needs the registry's key, loaded before anything is
 * replaced so that a restore never happens without its record.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "ctl-life.h"
#include "msg.h"
#include "reg-backup.h"
#include "sealed.h"

/* Both commands' options, parsed once (backup_parse); each refuses the
 * other's. */
struct backup_args {
	const char	*staff;
	const char	*password_file;
	const char	*encrypt;	/* backup: seal under this key file */
	const char	*new_key;	/* backup: make a key file */
	const char	*decrypt;	/* restore: open under this key file */
	int		 force;		/* restore: even an older copy */
	const char	*file;		/* the copy */
};

static const struct option backup_options[] = {
	{ "staff", required_argument, NULL, 's' },
	{ "password-file", required_argument, NULL, 'p' },
	{ "encrypt", required_argument, NULL, 'e' },
	{ "new-key", required_argument, NULL, 'n' },
	{ "decrypt", required_argument, NULL, 'd' },
	{ "force", no_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* -1 when parsed into a (the copy, if one was named, in a->file); else the
 * exit status of --help or of a usage error. */
static int
backup_parse(int argc, char **argv, const char *usage, struct backup_args *a)
{
	int ch;

	memset(a, 0, sizeof *a);
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "h", backup_options, NULL)) != -1) {
		switch (ch) {
		case 's': a->staff = optarg; break;
		case 'p': a->password_file = optarg; break;
		case 'e': a->encrypt = optarg; break;
		case 'n': a->new_key = optarg; break;
		case 'd': a->decrypt = optarg; break;
		case 'f': a->force = 1; break;
		default: return ch == 'h' ? ctl_help(usage) : ctl_usage(usage);
		}
	}
	if (argc - optind > 1)
		return ctl_usage(usage);
	a->file = argv[optind];
	return -1;
}

/* The copy's plain text while it is made or opened: a file beside it. */
static int
backup_plain_path(const char *path, const char *suffix, char *buf, size_t len,
    struct err *e)
{
	int n = snprintf(buf, len, "%s%s", path, suffix);

	if (n < 0 || (size_t)n >= len)
		return err_set(e, ERR_INPUT, NULL, "paths.too_long", NULL);
	return 0;
}

/* Makes the copy at path and checks it; a copy that does not check is no
 * backup: it goes. */
static int
backup_make(struct ctl *c, const char *path, int64_t *events, struct err *e)
{
	if (reg_backup_save(c->reg, path, e) != 0)
		return -1;
	if (reg_backup_check(path, c->station, events, e) != 0) {
		unlink(path);
		return -1;
	}
	return 0;
}

/* Makes the checked copy in a plain file beside the registry, whose disk holds
 * the same data already (not on the backup disk), then seals it into out
 * under keyfile's key. */
static int
backup_sealed(struct ctl *c, const char *out, const char *keyfile,
    int64_t *events, struct err *e)
{
	unsigned char key[SEALED_KEY_SIZE];
	char plain[PATH_MAX];
	int rc;

	if (sealed_key_load(keyfile, key, e) != 0)
		return -1;
	rc = backup_plain_path(c->db_path, ".backup", plain, sizeof plain, e) == 0 &&
	    backup_make(c, plain, events, e) == 0 ? 0 : -1;
	if (rc == 0) {
		rc = sealed_seal(plain, out, key, e);
		unlink(plain);
	}
	sodium_memzero(key, sizeof key);
	return rc;
}

static void
backup_report(const struct ctl *c, const char *path, int64_t events,
    const struct stat *st)
{
	if (c->json)
		ctl_print_json(json_pack("{s:s, s:I, s:I}", "file", path,
		    "events", (json_int_t)events, "bytes", (json_int_t)st->st_size));
	else {
		printf(msg_get("ctl.backup.done"), path, (long long)events,
		    (long long)st->st_size);
		putchar('\n');
	}
}

int
ctl_backup(struct ctl *c, int argc, char **argv)
{
	struct backup_args a;
	struct stat st;
	int64_t events;
	struct err e;
	int rc;

	if ((rc = backup_parse(argc, argv, "ctl.backup.usage", &a)) >= 0)
		return rc;
	if (a.staff != NULL || a.password_file != NULL || a.decrypt != NULL ||
	    a.force || (a.file == NULL) == (a.new_key == NULL) ||
	    (a.new_key != NULL && a.encrypt != NULL))
		return ctl_usage("ctl.backup.usage");
	err_clear(&e);
	if (a.new_key != NULL)
		return sealed_key_create(a.new_key, &e) != 0 ? ctl_fail(&e) : 0;
	rc = a.encrypt != NULL ? backup_sealed(c, a.file, a.encrypt, &events, &e) :
	    backup_make(c, a.file, &events, &e);
	if (rc != 0)
		return ctl_fail(&e);
	if (stat(a.file, &st) != 0) {
		err_set(&e, ERR_SYSTEM, NULL, "reg.backup_missing", "%s: %s",
		    a.file, strerror(errno));
		return ctl_fail(&e);
	}
	backup_report(c, a.file, events, &st);
	return 0;
}

/* Opens the sealed copy at path, under keyfile's key, into a plain file
 * beside the registry (plain), which the caller removes. */
static int
restore_unseal(struct ctl *c, const char *path, const char *keyfile,
    char *plain, size_t len, struct err *e)
{
	unsigned char key[SEALED_KEY_SIZE];
	int rc;

	if (reg_is_remote(c->db_path))
		return err_set(e, ERR_RULE, NULL, "reg.backup_engine", NULL);
	if (backup_plain_path(c->db_path, ".restore", plain, len, e) != 0 ||
	    sealed_key_load(keyfile, key, e) != 0)
		return -1;
	rc = sealed_open(path, plain, key, e);
	sodium_memzero(key, sizeof key);
	return rc;
}

static int
restore_run(struct ctl *c, const struct backup_args *a, const char *path,
    struct evcheck *cp, struct err *e)
{
	char keyfile[4200];
	struct staff s;

	if (reg_backup_ready(c->reg, path, a->force, e) != 0 ||
	    ctl_staff_login(c, a->staff, a->password_file, &s, e) != 0)
		return -1;
	if (s.role != STAFF_SUPERVISOR)
		return err_set(e, ERR_RULE, "staff", "ctl.restore.supervisor_only", NULL);
	if (ctl_keyfile(c, keyfile, sizeof keyfile, e) != 0 ||
	    cert_key_load(c->reg, keyfile, e) != 0)
		return -1;
	return reg_backup_restore(c->reg, path, a->staff, cp, e);
}

/* Puts the copy back: opened into a plain file first when sealed. */
static int
restore_copy(struct ctl *c, const struct backup_args *a, struct evcheck *cp,
    struct err *e)
{
	char plain[PATH_MAX];
	int rc;

	if (a->decrypt == NULL)
		return restore_run(c, a, a->file, cp, e);
	if (restore_unseal(c, a->file, a->decrypt, plain, sizeof plain, e) != 0)
		return -1;
	rc = restore_run(c, a, plain, cp, e);
	unlink(plain);
	return rc;
}

int
ctl_restore(struct ctl *c, int argc, char **argv)
{
	char code[EVCHECK_CODE_SIZE];
	struct backup_args a;
	struct evcheck cp;
	struct err e;
	int rc;

	if ((rc = backup_parse(argc, argv, "ctl.restore.usage", &a)) >= 0)
		return rc;
	if (a.file == NULL || a.staff == NULL || a.encrypt != NULL ||
	    a.new_key != NULL)
		return ctl_usage("ctl.restore.usage");
	err_clear(&e);
	if (restore_copy(c, &a, &cp, &e) != 0)
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
