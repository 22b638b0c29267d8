/*
 * ctl-kiosk.c: "jsdctl kiosk pins|unlock": the kiosks' admin PINs as a
 * supervisor sees them (core/adminpin.c keeps the rule): which stations had
 * wrong PINs, which are locked, and lifting a lock. Lifting needs a supervisor's
 * name and password, and the event names that person, because a lifted lock
 * opens the way out of kiosk mode.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "adminpin.h"
#include "clock.h"
#include "ctl.h"
#include "msg.h"

struct kiosk_args {
	const char	*staff;
	const char	*password_file;
	const char	*station;
};

static const struct option kiosk_options[] = {
	{ "staff", required_argument, NULL, 's' },
	{ "password-file", required_argument, NULL, 'p' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* Parses "kiosk SUB [STATION] [options]"; -1 to go on, else an exit status. */
static int
kiosk_parse(int argc, char **argv, int want_station, struct kiosk_args *a)
{
	int ch;

	memset(a, 0, sizeof *a);
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "s:p:h", kiosk_options, NULL)) != -1) {
		switch (ch) {
		case 's': a->staff = optarg; break;
		case 'p': a->password_file = optarg; break;
		case 'h': return ctl_help("ctl.kiosk.usage");
		default: return ctl_usage("ctl.kiosk.usage");
		}
	}
	if (optind != argc - want_station || (want_station && a->staff == NULL))
		return ctl_usage("ctl.kiosk.usage");
	if (want_station)
		a->station = argv[optind];
	return -1;
}

static int
kiosk_print(const struct adminpin_state *st, void *arg)
{
	json_t *list = arg;
	char last[20] = "-", retry[20] = "-";

	if (st->last_at != 0)
		clock_format_local(st->last_at, last, sizeof last);
	if (st->retry_at > clock_now())
		clock_format_local(st->retry_at, retry, sizeof retry);
	if (list != NULL) {
		json_array_append_new(list, json_pack("{s:s, s:i, s:b, s:s, s:s}",
		    "station", st->station, "failures", st->failures,
		    "locked", st->locked, "last_wrong", last, "retry_at", retry));
		return 0;
	}
	printf("%-16s %d  %s  %s\n", st->station, st->failures,
	    st->locked ? msg_get("ctl.kiosk.locked") : retry, last);
	return 0;
}

static int
kiosk_pins(struct ctl *c, int argc, char **argv)
{
	struct kiosk_args a;
	json_t *list = NULL;
	struct err e;
	int rc;

	if ((rc = kiosk_parse(argc, argv, 0, &a)) >= 0)
		return rc;
	err_clear(&e);
	if (c->json)
		list = json_array();
	return ctl_list_end(list, adminpin_list(c->reg, kiosk_print, list, &e), &e);
}

/* The supervisor's password, counted against the account as on screen. */
static int
kiosk_supervisor(struct ctl *c, const struct kiosk_args *a, struct err *e)
{
	char pw[STAFF_PASSWORD_MAX + 2];
	struct staff s;
	int rc, remaining;

	if (ctl_read_password(a->password_file, msg_get("ctl.staff.password_prompt"),
	    pw, sizeof pw, e) != 0)
		return -1;
	rc = reg_staff_login(c->reg, a->staff, pw, &s, &remaining, e);
	sodium_memzero(pw, sizeof pw);
	if (rc == 0 && s.role != STAFF_SUPERVISOR)
		rc = err_set(e, ERR_RULE, "staff", "adminpin.supervisor", NULL);
	return rc;
}

static int
kiosk_unlock(struct ctl *c, int argc, char **argv)
{
	struct kiosk_args a;
	struct err e;
	int rc;

	if ((rc = kiosk_parse(argc, argv, 1, &a)) >= 0)
		return rc;
	err_clear(&e);
	if (kiosk_supervisor(c, &a, &e) != 0 ||
	    adminpin_lift(c->reg, a.station, a.staff, &e) != 0)
		return ctl_fail(&e);
	printf("%s %s\n", msg_get("ctl.kiosk.unlocked"), a.station);
	return 0;
}

int
ctl_kiosk(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_sub subs[] = {
		{ "pins", kiosk_pins }, { "unlock", kiosk_unlock },
	};

	return ctl_dispatch(subs, sizeof subs / sizeof subs[0], c, argc, argv,
	    "ctl.kiosk.usage");
}
