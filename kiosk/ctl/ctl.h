/*
 * ctl.h: what every jsdctl command shares.
 *
 * Each command is a function "int ctl_NAME(struct ctl *, int argc, char **argv)"
 * registered in jsdctl.c's table; argv[0] is the command's name and the command parses
 * its own options with getopt_long (the global ones are gone by then). It returns the
 * process exit status: 0 success, 1 refused by a rule or bad input, 2 usage or
 * system error.
 */
#ifndef JSD_CTL_H
#define JSD_CTL_H

#include <stdio.h>

#include "cfg.h"
#include "ctl-list.h"
#include "err.h"
#include "reg.h"
#include "regfile.h"

struct ctl {
	const char	*db_path;	/* resolved: --db, JSD_DB, config, XDG */
	const char	*key_path;	/* signing key; "" when none is known */
	const char	*station;	/* --station, else the host name */
	int		 station_default;	/* the host name: none was set */
	const char	*config_path;	/* --config, else XDG config, may not exist */
	int		 json;		/* --json */
	const struct cfg *cfg;		/* the loaded configuration */
	struct reg	*reg;		/* opened by ctl_open() */
	int		 lenient;	/* open even when others can read the files */
	struct regfile_note files;	/* what ctl_open found of their modes */
};

/* Opens the registry named by ctl->db_path; prints the error and returns non-zero
 * (an exit status) on failure. Files that others can read are tightened, with
 * a message; those it cannot tighten refuse, unless ctl->lenient (init). */
int	ctl_open(struct ctl *);
/* Staff act only after their password (from password_file, $JSD_PASSWORD or
 * stdin), counted and locked as at the login screen. */
int	ctl_staff_login(struct ctl *, const char *name, const char *password_file,
	    struct staff *, struct err *);
/* The translated name of a form field, or the field itself when it has none. */
const char *ctl_field_label(const char *field);
/* Prints a core error on stderr, translated, naming the field; returns the exit
 * status it implies. */
int	ctl_fail(const struct err *);
/* Sets the message language from a name; prints an error and returns -1 if it
 * names none. */
int	ctl_set_lang(const char *);
/* Prints the usage text under key: on stdout for --help (returns 0), else on
 * stderr (returns 2). */
int	ctl_help(const char *key);
int	ctl_usage(const char *key);
/* For commands that take no arguments: -1 to go on, else the exit status after
 * printing the usage (0 for --help, 2 for anything else). */
int	ctl_no_args(int argc, char **argv, const char *usage_key);
/* Resets getopt for a command's own options (argv[0] is the command). */
void	ctl_getopt_reset(void);
/* Reads a password: from the file given (or "-" for stdin), else JSD_PASSWORD, else
 * the first line of stdin (without echo when it is a terminal). Never from argv. */
int	ctl_read_password(const char *file, const char *prompt, char *buf, size_t len,
	    struct err *);
/* "--date YYYY-MM-DD": that Shanghai day as [from, to). */
int	ctl_parse_day(const char *, int64_t *from, int64_t *to, struct err *);
/* "--limit N", a positive whole number. */
int	ctl_parse_limit(const char *, int *, struct err *);
/* A person's or a holder's id, a positive whole number; -1 if it is not one
 * (the caller says why, in its own words). */
int	ctl_parse_id(const char *, int64_t *);

/* A command with subcommands ("staff add", "holder claim"): argv[1] names one. */
struct ctl_sub {
	const char	*name;
	int		(*fn)(struct ctl *, int, char **);
};
int	ctl_dispatch(const struct ctl_sub *, size_t, struct ctl *, int argc,
	    char **argv, const char *usage_key);

/* Prints a JSON value (jansson json_t *) on stdout and releases it. */
void	ctl_print_json(void *json);
/* A stored word (a role, status, outcome...) as the catalogue says it: the
 * text of key PREFIX.WORD, else the word itself. Into buf; returns buf. */
const char *ctl_word(const char *prefix, const char *word, char *buf, size_t len);
/* A comma-separated list of matter codes as their names, joined as the
 * language joins a list. */
const char *ctl_matters(const char *list, char *buf, size_t len);
/* Says in one line what a command did (the message key's text with the
 * id), or {"done": KEY-SUFFIX, "id": ID} with --json. */
void	ctl_done(const struct ctl *, const char *key, long long id);
/* True when argv holds -h or --help before any "--". */
int	ctl_wants_help(int argc, char **argv);

#define CTL_CMD(name) int ctl_##name(struct ctl *, int, char **)
CTL_CMD(init);
CTL_CMD(backup);
CTL_CMD(doctor);
CTL_CMD(restore);
CTL_CMD(demo);
CTL_CMD(import_register);
CTL_CMD(institutions);
CTL_CMD(staff);
CTL_CMD(kiosk);
CTL_CMD(apply);
CTL_CMD(applications);
CTL_CMD(application);
CTL_CMD(events);
CTL_CMD(log);
CTL_CMD(approve);
CTL_CMD(reject);
CTL_CMD(verify);
CTL_CMD(login_qr);
CTL_CMD(login_status);
CTL_CMD(cert);
CTL_CMD(holder);
CTL_CMD(key);
CTL_CMD(scan);
CTL_CMD(decode);
CTL_CMD(report);
CTL_CMD(copy_registry);
CTL_CMD(sign_request);
CTL_CMD(sign_status);
CTL_CMD(verify_signature);

/* ctl-events.c: an event's columns, shared with report events. */
#define CTL_EVENTS_NCOLS	7
extern const struct ctl_col ctl_events_cols[CTL_EVENTS_NCOLS];

#endif
