/*
 * ctl-doctor.c: "jsdctl doctor", a check of the set-up that runs even when it
 * is broken: the registry opens although others can read its files (the one
 * thing every other command refuses), and each finding says how to fix it.
 * Exit status 0 when all is well, 1 when something needs fixing.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "ctl-life.h"
#include "evcheck.h"
#include "evlog.h"
#include "msg.h"
#include "regfile.h"
#include "regkey.h"

/* One finding: "ok" or "problem", then the text. Returns 1 for a problem. */
static int
doctor_say(int bad, const char *text, const char *detail)
{
	printf("%-8s %s", msg_get(bad ? "ctl.doctor.problem" : "ctl.doctor.ok"), text);
	if (detail != NULL && *detail != '\0')
		printf(" (%s)", detail);
	putchar('\n');
	return bad;
}

static int
doctor_files(struct ctl *c)
{
	struct regfile_note n;
	char detail[REGFILE_PATH_MAX + 16];
	struct err e;

	err_clear(&e);
	if (regfile_guard(c->db_path, c->key_path[0] ? c->key_path : NULL, 1, &n,
	    &e) != 0)
		return doctor_say(1, msg_get(e.key), e.detail);
	if (n.loose > 0) {
		snprintf(detail, sizeof detail, "%s, %04o", n.path, n.mode);
		return doctor_say(1, msg_get("regfile.loose"), detail);
	}
	return doctor_say(0, msg_get("ctl.doctor.files_ok"), c->db_path);
}

static int
doctor_key(struct ctl *c)
{
	char keyfile[4200];
	struct regkey k;
	struct err e;

	err_clear(&e);
	if (ctl_keyfile(c, keyfile, sizeof keyfile, &e) != 0 ||
	    regkey_load(keyfile, &k, &e) != 0)
		return doctor_say(1, msg_get(e.key), e.detail);
	regkey_wipe(&k);
	return doctor_say(0, msg_get("ctl.doctor.key_ok"), keyfile);
}

static int
doctor_log(struct ctl *c)
{
	char text[256], at[20], code[EVCHECK_CODE_SIZE];
	int64_t broken, count;
	struct evcheck cp;
	struct err e;
	int found, bad;

	err_clear(&e);
	if (evlog_verify(c->reg, &broken, &count, &e) != 0)
		return doctor_say(1, msg_get(e.key), e.detail);
	if (broken != 0) {
		snprintf(text, sizeof text, msg_get("ctl.log.broken"), (long long)broken);
		return doctor_say(1, text, NULL);
	}
	snprintf(text, sizeof text, msg_get("ctl.log.intact"), (long long)count);
	doctor_say(0, text, NULL);
	if (evcheck_latest_of(c->reg, &cp, &found, &e) != 0)
		return doctor_say(1, msg_get(e.key), e.detail);
	if (!found)
		return doctor_say(1, msg_get("ctl.doctor.no_checkpoint"), NULL);
	clock_format_local(cp.at, at, sizeof at);
	evcheck_code(&cp, code);
	/* One is due each day there were writes: an older one means no process
	 * that could read the key wrote since. */
	bad = (cp.at + CLOCK_LOCAL_OFFSET) / CLOCK_DAY <
	    (clock_now() + CLOCK_LOCAL_OFFSET) / CLOCK_DAY && count > cp.count;
	snprintf(text, sizeof text, msg_get(bad ? "ctl.doctor.checkpoint_old" :
	    "ctl.doctor.checkpoint_ok"), at, code);
	return doctor_say(bad, text, NULL);
}

int
ctl_doctor(struct ctl *c, int argc, char **argv)
{
	int bad;

	if (ctl_wants_help(argc, argv))
		return ctl_help("ctl.doctor.usage");
	if (argc != 1)
		return ctl_usage("ctl.doctor.usage");
	bad = doctor_files(c);
	bad |= doctor_key(c);
	bad |= doctor_log(c);
	return bad ? 1 : 0;
}
