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

#include "reg-private.h"
#include "regkey.h"

static int
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
	if (db_open(&r->db, path, &r->created, e) != 0 || reg_migrate(r, e) != 0) {
		reg_close(r);
		return -1;
	}
	*out = r;
	return 0;
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
	free(r);
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
