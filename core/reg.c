/*
 * reg.c: opening and closing the registry.
 *
 * The registry is a database reached through db.h (a SQLite file shared by every
 * kiosk and counter on a host); opening it brings its schema up to date.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "clock.h"
#include "reg-private.h"
#include "regkey.h"

int
reg_station_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= REG_STATION_SIZE)
		return 0;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_.-") == n;
}

int
reg_open(struct reg **out, const char *path, const char *station, struct err *e)
{
	struct reg *r;

	*out = NULL;
	if (!reg_station_valid(station))
		return err_set(e, ERR_INPUT, "station", "reg.station_invalid", NULL);
	if ((r = calloc(1, sizeof *r)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
	strcpy(r->station, station);
	if ((r->target = strdup(path)) == NULL) {
		free(r);
		return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
	}
	if (db_open(&r->db, path, &r->created, e) != 0 || reg_migrate(r, e) != 0) {
		reg_close(r);
		return -1;
	}
	*out = r;
	return 0;
}

void
reg_retry_window(int seconds)
{
	db_retry_window(seconds);
}

void
reg_on_retry(void (*fn)(int seconds, void *arg), void *arg)
{
	db_retry_hook(fn, arg);
}

void
reg_close(struct reg *r)
{
	if (r == NULL)
		return;
	if (r->key != NULL) {
		regkey_wipe(r->key);
		sodium_free(r->key);
	}
	db_close(r->db);
	free(r->target);
	free(r);
}

int
reg_open_twin(const struct reg *r, struct reg **out, struct err *e)
{
	struct reg *t;

	if (reg_open(&t, r->target, r->station, e) != 0)
		return -1;
	t->clock_tolerance = r->clock_tolerance;
	memcpy(t->cp_file, r->cp_file, sizeof t->cp_file);
	memcpy(t->cp_key, r->cp_key, sizeof t->cp_key);
	t->cp_day = r->cp_day;
	*out = t;
	return 0;
}

int
reg_is_remote(const char *target)
{
	return db_is_uri(target);
}

static int
reg_clock_measure(struct reg *r, struct err *e)
{
	int64_t server, now = clock_now();

	if (db_server_time(r->db, &server, e) != 0)
		return -1;
	r->clock_skew = server == 0 ? 0 : now - server;
	r->clock_checked = now;
	return 0;
}

int
reg_set_clock_tolerance(struct reg *r, int seconds, struct err *e)
{
	r->clock_tolerance = seconds > 0 ? seconds : 0;
	r->clock_checked = 0;
	return r->clock_tolerance == 0 ? 0 : reg_clock_measure(r, e);
}

int
reg_clock_ok(struct reg *r, struct err *e)
{
	int64_t now = clock_now(), d;

	if (r->clock_tolerance == 0)
		return 0;
	/* Station time, which may jump: a jump either way is a reason to ask. */
	if (r->clock_checked == 0 || now < r->clock_checked ||
	    now - r->clock_checked >= REG_CLOCK_RECHECK) {
		if (reg_clock_measure(r, e) != 0)
			return -1;
	}
	d = r->clock_skew < 0 ? -r->clock_skew : r->clock_skew;
	if (d > r->clock_tolerance)
		return err_set(e, ERR_RULE, NULL, "reg.clock_suspect",
		    "station clock %+lld s from the database server's",
		    (long long)r->clock_skew);
	return 0;
}

const char *
reg_station(const struct reg *r)
{
	return r->station;
}

int
reg_was_created(const struct reg *r)
{
	return r->created;
}

int
reg_schema_version(struct reg *r)
{
	return db_version(r->db);
}
