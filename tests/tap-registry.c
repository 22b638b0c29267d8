/*
 * tap-registry.c: tap_registry() (tap.h), apart from tap.c because it links
 * the core (db.h) and not every TAP test does.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "tap.h"

const char *
tap_registry(const char *dir, const char *name)
{
	static char target[4][512];
	static int n;
	const char *host = getenv("JSD_TEST_PGHOST");
	const char *backend = getenv("JSD_TEST_BACKEND");
	char *out = target[n++ % 4], maint[512], sql[128];
	struct db *db;
	struct err e;
	int created;

	if (backend == NULL || strcmp(backend, "pg") != 0) {
		snprintf(out, sizeof target[0], "%s/%s", dir, name);
		return out;
	}
	if (host == NULL) {
		printf("Bail out! JSD_TEST_BACKEND=pg needs tests/pg-cluster.sh run\n");
		exit(1);
	}
	snprintf(maint, sizeof maint, "postgresql:///postgres?host=%s", host);
	snprintf(sql, sizeof sql, "CREATE DATABASE jsdu_%ld_%d", (long)getpid(), n);
	if (db_open(&db, maint, &created, &e) != 0 || db_exec(db, sql, &e) != 0) {
		printf("Bail out! %s: %s\n", sql, e.detail);
		exit(1);
	}
	db_close(db);
	snprintf(out, sizeof target[0], "postgresql:///jsdu_%ld_%d?host=%s",
	    (long)getpid(), n, host);
	return out;
}
