/*
 * adminpin.c: the admin PIN's delay and lock; see adminpin.h.
 *
 * The state is not kept anywhere but the event log: a station's "kiosk.pin_*"
 * events (subject: the station), read oldest first, give the wrong PINs in a
 * row since the last right one or the last lift. A separate counter table
 * could be reset by whoever can write the registry, silently; an event cannot
 * be removed without breaking the chain that `jsdctl log verify` checks. The
 * events are few (a PIN is typed rarely), and the subject index finds them.
 *
 * The check, the comparison and the event are one transaction, so two
 * processes at one station cannot both get a try in the same delay. It is
 * not tried again after a lost connection: the kiosk's role records no
 * operation but a submission (reg-roles.c), and a try run twice could count
 * one wrong PIN twice; reported not done, it is typed again, and counts at
 * most once a typing. A lift, a supervisor's, is an operation (reg-op.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "adminpin.h"
#include "clock.h"
#include "evlog.h"
#include "reg-op.h"
#include "reg-private.h"

#define ADMINPIN_KINDS	"kiosk.pin_"

int
adminpin_valid(const char *pin, struct err *e)
{
	/* The sample configuration's and the manual's. */
	static const char *const examples[] = { "000000", "270514" };
	size_t n = strlen(pin), i;

	if (n < ADMINPIN_MIN || n > ADMINPIN_MAX || strspn(pin, "0123456789") != n)
		return err_set(e, ERR_INPUT, "admin_pin", "adminpin.malformed",
		    NULL);
	for (i = 0; i < sizeof examples / sizeof examples[0]; i++)
		if (strcmp(pin, examples[i]) == 0)
			return err_set(e, ERR_RULE, "admin_pin", "adminpin.example",
			    NULL);
	return 0;
}

/* The delay before the next try after n wrong PINs, n >= 1. */
static int64_t
adminpin_delay(int n)
{
	return (int64_t)ADMINPIN_DELAY_FIRST << (n > 1 ? n - 1 : 0);
}

/* One event into the state it continues. */
static void
adminpin_fold(struct adminpin_state *st, const struct event *ev)
{
	const char *what = ev->kind + strlen(ADMINPIN_KINDS);

	if (strcmp(what, "wrong") == 0) {
		st->failures++;
		st->last_at = ev->at;
		if (st->failures >= ADMINPIN_LOCK_AFTER)
			st->locked = 1;
	} else if (strcmp(what, "ok") == 0 || strcmp(what, "lifted") == 0) {
		st->failures = 0;
		st->locked = 0;
		st->last_at = 0;
	}
	st->retry_at = st->failures > 0 && !st->locked ?
	    st->last_at + adminpin_delay(st->failures) : 0;
}

/* A station's own events are read through reg-guard.c: a kiosk's role reads
 * no event, but its lock must work. */
int
adminpin_get(struct reg *r, const char *station, struct adminpin_state *st,
    struct err *e)
{
	struct db_stmt *st_ev;
	struct event ev;
	int rc;

	memset(st, 0, sizeof *st);
	if (strlen(station) >= sizeof st->station)
		return err_set(e, ERR_INPUT, "station", "reg.station_invalid", NULL);
	memcpy(st->station, station, strlen(station) + 1);
	if ((st_ev = reg_guard_prepare(r, REG_GUARD_ADMINPIN, e)) == NULL)
		return -1;
	db_bind_text(st_ev, 1, station);
	memset(&ev, 0, sizeof ev);
	while ((rc = db_step(st_ev)) == DB_ROW) {
		ev.at = db_col_int64(st_ev, 0);
		db_col_copy(st_ev, 1, ev.kind, sizeof ev.kind);
		adminpin_fold(st, &ev);
	}
	db_reset(st_ev);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "admin PIN");
}

static int
adminpin_matches(const char *pin, const char *typed)
{
	size_t n = strlen(pin);

	return n > 0 && strlen(typed) == n && sodium_memcmp(pin, typed, n) == 0;
}

/* The verdict on typed, without changing anything. */
static enum adminpin_verdict
adminpin_judge(const struct adminpin_state *st, const char *pin,
    const char *typed)
{
	if (st->locked)
		return ADMINPIN_LOCKED;
	if (st->retry_at > clock_now())
		return ADMINPIN_WAIT;
	return adminpin_matches(pin, typed) ? ADMINPIN_OK : ADMINPIN_WRONG;
}

static int
adminpin_record(struct reg *r, const char *station, enum adminpin_verdict v,
    struct adminpin_state *st, struct err *e)
{
	static const char *const kinds[] = {
		"kiosk.pin_ok", "kiosk.pin_wrong", "kiosk.pin_refused",
		"kiosk.pin_refused"
	};
	struct event ev;
	char detail[64];

	memset(&ev, 0, sizeof ev);
	snprintf(ev.kind, sizeof ev.kind, "%s", kinds[v]);
	ev.at = clock_now();
	adminpin_fold(st, &ev);
	snprintf(detail, sizeof detail, "failures=%d%s", st->failures,
	    v == ADMINPIN_WAIT ? " waiting" : v == ADMINPIN_LOCKED ? " locked" : "");
	if (evlog_append(r, "kiosk", kinds[v], station, detail, e) != 0)
		return -1;
	/* The lock is an event of its own: what a supervisor looks for. */
	if (v == ADMINPIN_WRONG && st->locked)
		return evlog_append(r, "kiosk", "kiosk.pin_locked", station, detail, e);
	return 0;
}

int
adminpin_try(struct reg *r, const char *station, const char *pin,
    const char *typed, enum adminpin_verdict *v, struct adminpin_state *st,
    struct err *e)
{
	int rc;

	if (db_begin(r->db, e) != 0)
		return -1;
	if ((rc = adminpin_get(r, station, st, e)) == 0) {
		*v = adminpin_judge(st, pin, typed);
		rc = adminpin_record(r, station, *v, st, e);
	}
	return db_end(r->db, rc, e);
}

/* The lift as one operation: a retry after a lost reply finds it done rather
 * than no failures left to lift. */
static int
adminpin_lift_op(struct reg *r, struct reg_op *op, void *arg, struct err *e)
{
	const char *const *who = arg;	/* station, actor */
	struct adminpin_state st;
	char detail[64];

	if (adminpin_get(r, who[0], &st, e) != 0)
		return -1;
	if (st.failures == 0)
		return err_set(e, ERR_NOTFOUND, "station", "adminpin.none", "%s",
		    who[0]);
	snprintf(detail, sizeof detail, "failures=%d%s", st.failures,
	    st.locked ? " locked" : "");
	snprintf(op->result, sizeof op->result, "%s", who[0]);
	return evlog_append(r, who[1], "kiosk.pin_lifted", who[0], detail, e);
}

int
adminpin_lift(struct reg *r, const char *station, const char *actor,
    struct err *e)
{
	const char *who[2] = { station, actor };
	struct reg_op op;

	return reg_op_do(r, &op, "kiosk.pin_lift", adminpin_lift_op, who, e);
}

struct adminpin_all {
	struct adminpin_state	*st;
	size_t			 n, size;
	int			 nomem;
};

static int
adminpin_all_one(const struct event *ev, void *arg)
{
	struct adminpin_all *all = arg;
	struct adminpin_state *grown;
	size_t i;

	if (strlen(ev->subject) >= sizeof all->st[0].station)
		return 0;	/* no station's name: not ours */
	for (i = 0; i < all->n; i++) {
		if (strcmp(all->st[i].station, ev->subject) == 0)
			break;
	}
	if (i == all->size) {
		all->size = all->size ? all->size * 2 : 8;
		if ((grown = realloc(all->st, all->size * sizeof *grown)) == NULL) {
			all->nomem = 1;
			return 1;
		}
		all->st = grown;
	}
	if (i == all->n) {
		memset(&all->st[i], 0, sizeof all->st[i]);
		memcpy(all->st[i].station, ev->subject, strlen(ev->subject) + 1);
		all->n++;
	}
	adminpin_fold(&all->st[i], ev);
	return 0;
}

static int
adminpin_by_station(const void *a, const void *b)
{
	return strcmp(((const struct adminpin_state *)a)->station,
	    ((const struct adminpin_state *)b)->station);
}

int
adminpin_list(struct reg *r, adminpin_cb cb, void *arg, struct err *e)
{
	struct adminpin_all all = { NULL, 0, 0, 0 };
	struct evlog_filter f;
	size_t i;
	int rc;

	evlog_filter_init(&f);
	f.kind = ADMINPIN_KINDS;
	rc = evlog_list(r, &f, adminpin_all_one, &all, e);
	if (rc == 0 && all.nomem)
		rc = err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
	if (rc == 0 && all.n > 0)
		qsort(all.st, all.n, sizeof *all.st, adminpin_by_station);
	for (i = 0; rc == 0 && i < all.n; i++) {
		if (all.st[i].failures > 0 && cb(&all.st[i], arg) != 0)
			break;
	}
	free(all.st);
	return rc;
}
