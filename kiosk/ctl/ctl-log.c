/*
 * ctl-log.c: "jsdctl log verify" and "jsdctl log checkpoint".
 *
 * verify walks the event log's hash chain and says whether it is intact or
 * where it first breaks, then checks it against every signed checkpoint in the
 * checkpoint file (evcheck.h): a log that ends before one, or differs from
 * one, is reported (exit status 1), as is a checkpoint not signed by the key.
 * The public key is the registry's key file's, or --key FILE as "jsdctl key"
 * prints it, for a station that has no key file.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "clock.h"
#include "ctl-life.h"
#include "evcheck.h"
#include "evlog.h"
#include "msg.h"
#include "paths.h"
#include "regkey.h"

struct log_args {
	const char	*checkpoint;
	const char	*key;
	char		 file[4096];
};

static const struct option log_options[] = {
	{ "checkpoint", required_argument, NULL, 'c' },
	{ "key", required_argument, NULL, 'k' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int
log_parse(struct ctl *c, int argc, char **argv, struct log_args *a)
{
	int ch;

	memset(a, 0, sizeof *a);
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "h", log_options, NULL)) != -1) {
		if (ch == 'c')
			a->checkpoint = optarg;
		else if (ch == 'k')
			a->key = optarg;
		else
			return ch == 'h' ? ctl_help("ctl.log.usage") :
			    ctl_usage("ctl.log.usage");
	}
	if (optind != argc)
		return ctl_usage("ctl.log.usage");
	if (a->checkpoint == NULL) {
		if (paths_checkpoints(c->db_path, c->cfg, a->file, sizeof a->file) != 0)
			return ctl_usage("ctl.log.usage");
		a->checkpoint = a->file;
	}
	return -1;
}

/* The public keys that sign checkpoints: --key, else the key file's (the
 * current one, trusted since it holds the secret) and the retired ones the
 * registry keeps. */
static int
log_key(const struct ctl *c, const char *pubfile, struct keyring *ring,
    struct err *e)
{
	char keyfile[4200];
	struct keyring_key own;
	struct regkey k;
	unsigned current;

	if (pubfile != NULL)
		return keyring_read(pubfile, ring, e);
	if (ctl_keyfile(c, keyfile, sizeof keyfile, e) != 0 ||
	    regkey_load(keyfile, &k, e) != 0)
		return -1;
	own.id = k.key_id;
	memcpy(own.pk, k.pk, sizeof k.pk);
	own.created = k.created;
	regkey_wipe(&k);
	if (cert_key_ring(c->reg, ring, &current, e) != 0)
		ring->n = 0;
	/* The key file's key stands for its id whatever the registry says. */
	return keyring_add(ring, &own) == 0 ? 0 :
	    err_set(e, ERR_INPUT, "key", "ctl.key_malformed", NULL);
}

static const char *const log_outcomes[] = { "ok", "none", "damaged", "forged",
    "cut", "differs", "no_key" };

static json_t *
log_checkpoint_json(const struct evcheck *cp)
{
	char at[20], code[EVCHECK_CODE_SIZE];

	clock_format_local(cp->at, at, sizeof at);
	evcheck_code(cp, code);
	return json_pack("{s:s, s:s, s:I, s:s}", "kind", evcheck_kind_name(cp->kind),
	    "at", at, "events", (json_int_t)cp->count, "code", code);
}

static void
log_report_json(int64_t broken, int64_t count, int64_t sum_differs,
    int64_t open_differs, const char *file, const struct evcheck_report *rep)
{
	char day[11];

	json_t *cps = json_pack("{s:s, s:s, s:i, s:i, s:i, s:i}", "file", file,
	    "outcome", log_outcomes[rep->problem], "line", rep->line, "checked",
	    rep->checked, "restores", rep->restores, "undone", rep->undone);

	if (rep->problem != EVCHECK_NONE && rep->problem != EVCHECK_DAMAGED &&
	    rep->problem != EVCHECK_NOKEY)
		json_object_set_new(cps, "checkpoint", log_checkpoint_json(&rep->cp));
	clock_local_date(sum_differs, day, sizeof day);
	ctl_print_json(json_pack("{s:b, s:I, s:I, s:o, s:s?, s:o}", "intact",
	    broken == 0, "events", (json_int_t)count, "broken_at", (json_int_t)broken,
	    "checkpoints", cps, "summary_differs", sum_differs ? day : NULL,
	    "open_claimqr_differs", open_differs ?
	    json_integer((json_int_t)open_differs) : json_null()));
}

static void
log_report_text(const char *file, const struct evcheck_report *rep)
{
	char at[20], code[EVCHECK_CODE_SIZE];

	clock_format_local(rep->cp.at, at, sizeof at);
	evcheck_code(&rep->cp, code);
	switch (rep->problem) {
	case EVCHECK_OK:
		printf(msg_get("ctl.log.cp_ok"), rep->checked, at, (long long)rep->cp.count,
		    code);
		if (rep->undone > 0)
			printf(msg_get("ctl.log.cp_undone"), rep->undone, rep->restores);
		break;
	case EVCHECK_NONE:
		printf(msg_get("ctl.log.cp_none"), file);
		break;
	case EVCHECK_DAMAGED:
		printf(msg_get("ctl.log.cp_damaged"), file, rep->line);
		break;
	case EVCHECK_FORGED:
		printf(msg_get("ctl.log.cp_forged"), rep->line, at);
		break;
	case EVCHECK_CUT:
		printf(msg_get("ctl.log.cp_cut"), (long long)rep->events, at,
		    (long long)rep->cp.count, code);
		break;
	case EVCHECK_DIFFERS:
		printf(msg_get("ctl.log.cp_differs"), at, (long long)rep->cp.count, code);
		break;
	case EVCHECK_NOKEY:
		fputs(msg_get("ctl.log.no_key"), stdout);
		break;
	}
	putchar('\n');
}

/* What the appenders keep beside the log, against it: the day summary (the
 * first day that differs, or 0) and the open claim QRs (the first QR's event). */
static void
log_report_kept(int64_t differs, int64_t open)
{
	char day[11];

	clock_local_date(differs, day, sizeof day);
	if (differs == 0)
		fputs(msg_get("ctl.log.sum_ok"), stdout);
	else
		printf(msg_get("ctl.log.sum_differs"), day);
	putchar('\n');
	if (open == 0)
		fputs(msg_get("ctl.log.open_ok"), stdout);
	else
		printf(msg_get("ctl.log.open_differs"), (long long)open);
	putchar('\n');
}

static int
log_verify(struct ctl *c, const struct log_args *a)
{
	struct evcheck_report rep;
	int64_t broken, count, differs, open;
	struct keyring ring;
	struct err e;
	int have;

	err_clear(&e);
	if (evlog_verify(c->reg, &broken, &count, &e) != 0 ||
	    evlog_day_check(c->reg, &differs, &e) != 0 ||
	    evlog_open_check(c->reg, &open, &e) != 0)
		return ctl_fail(&e);
	/* Without a key the chain is still checked; the checkpoints wait for one. */
	have = log_key(c, a->key, &ring, &e) == 0;
	if (a->key != NULL && !have)
		return ctl_fail(&e);
	if (evcheck_verify(c->reg, a->checkpoint, have ? &ring : NULL, &rep,
	    &e) != 0)
		return ctl_fail(&e);
	if (c->json)
		log_report_json(broken, count, differs, open, a->checkpoint, &rep);
	else {
		if (broken == 0)
			printf(msg_get("ctl.log.intact"), (long long)count);
		else
			printf(msg_get("ctl.log.broken"), (long long)broken);
		putchar('\n');
		log_report_text(a->checkpoint, &rep);
		log_report_kept(differs, open);
	}
	if (rep.problem == EVCHECK_NOKEY)
		return 2;
	return broken == 0 && differs == 0 && open == 0 &&
	    (rep.problem == EVCHECK_OK || rep.problem == EVCHECK_NONE) ? 0 : 1;
}

static int
log_checkpoint(struct ctl *c)
{
	char code[EVCHECK_CODE_SIZE];
	struct evcheck cp;
	struct err e;

	err_clear(&e);
	if (evcheck_make(c->reg, EVCHECK_MANUAL, &cp, &e) != 0)
		return ctl_fail(&e);
	evcheck_code(&cp, code);
	if (c->json)
		ctl_print_json(log_checkpoint_json(&cp));
	else {
		printf(msg_get("ctl.log.cp_made"), (long long)cp.count);
		printf("\n%s\n", code);
	}
	return 0;
}

int
ctl_log(struct ctl *c, int argc, char **argv)
{
	struct log_args a;
	int rc;

	if (ctl_wants_help(argc, argv))
		return ctl_help("ctl.log.usage");
	if (argc < 2)
		return ctl_usage("ctl.log.usage");
	if ((rc = log_parse(c, argc - 1, argv + 1, &a)) >= 0)
		return rc;
	if (strcmp(argv[1], "verify") == 0)
		return log_verify(c, &a);
	if (strcmp(argv[1], "checkpoint") == 0 && a.key == NULL &&
	    a.checkpoint == a.file)
		return log_checkpoint(c);
	return ctl_usage("ctl.log.usage");
}
