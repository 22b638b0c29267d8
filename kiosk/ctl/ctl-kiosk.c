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

#include "adminpin.h"
#include "clock.h"
#include "ctl.h"
#include "ctl-list.h"
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

static const char *
kiosk_locked_mark(const void *row)
{
	return ((const struct adminpin_state *)row)->locked ?
	    msg_get("ctl.kiosk.locked") : "";
}

/* When the next try is open, if that is still to come; "-" otherwise. */
static const char *
kiosk_retry(const void *row, char *room, size_t len)
{
	const struct adminpin_state *st = row;

	if (st->locked || st->retry_at <= clock_now())
		return "-";
	clock_format_local(st->retry_at, room, len);
	return room;
}

static const struct ctl_col kiosk_cols[] = {
	CTL_COL("station", 1, "%-16s ", CTL_COL_STR, struct adminpin_state,
	    station),
	CTL_COL("failures", 2, "%d  ", CTL_COL_INT, struct adminpin_state,
	    failures),
	CTL_COL("locked", 0, NULL, CTL_COL_BOOL, struct adminpin_state, locked),
	CTL_COL_FN(NULL, 3, "%s  ", kiosk_locked_mark),
	CTL_COL_CELL("retry_at", 4, "%s  ", kiosk_retry),
	CTL_COL("last_wrong", 5, "%s", CTL_COL_TIME, struct adminpin_state,
	    last_at),
};

static int
kiosk_print(const struct adminpin_state *st, void *arg)
{
	ctl_list_row(arg, st);
	return 0;
}

static int
kiosk_pins(struct ctl *c, int argc, char **argv)
{
	struct kiosk_args a;
	struct ctl_list l;
	struct err e;
	int rc;

	if ((rc = kiosk_parse(argc, argv, 0, &a)) >= 0)
		return rc;
	err_clear(&e);
	ctl_list_start(&l, kiosk_cols, CTL_NCOLS(kiosk_cols), c->json);
	return ctl_list_end(&l, adminpin_list(c->reg, kiosk_print, &l, &e), &e);
}

/* The supervisor's password, counted against the account as on screen. */
static int
kiosk_supervisor(struct ctl *c, const struct kiosk_args *a, struct err *e)
{
	struct staff s;

	if (ctl_staff_login(c, a->staff, a->password_file, &s, e) != 0)
		return -1;
	if (s.role != STAFF_SUPERVISOR)
		return err_set(e, ERR_RULE, "staff", "adminpin.supervisor", NULL);
	return 0;
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
