/*
 * bench-report.c: supervisor reports over a year of events.
 *
 *   bench-report DIR    builds DIR/report-10M.db once (10 million events over 2024,
 *                       kept for later runs), then times report_day() for the
 *                       busiest day, the first and a later page of a filtered event
 *                       list, the day's exports, hourly and 30-day charts, and
 *                       evlog_verify() over all
 * With $JSD_BENCH_DB (a PostgreSQL URI) the same runs there; the events are
 * loaded when the database has none (bench/bench-report.sh keeps the cluster
 * and its database in bench-data/ for later runs). A database loaded before
 * the day summary (schema 12 or older) or the open claim QRs (13) gets them
 * by their migrations, timed as the open.
 *
 * The events are written straight into the event table with chosen times, a day's
 * worth to a transaction, by evlog_put(), because evlog_append() stamps the
 * current time; the chain evlog_put() makes is what the evlog_verify() run at
 * the end proves. On PostgreSQL the same chain goes in by COPY, through psql:
 * ten million single inserts would take hours.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "bench.h"
#include "clock.h"
#include "evlog.h"
#include "reg-private.h"
#include "report.h"

#define BENCH_EVENTS	10000000
#define BENCH_DAYS	366		/* 2024 */
#define BENCH_BUSY_DAY	200		/* 2024-07-19, a Friday, three times the load */
#define BENCH_STAFF	40
#define BENCH_CODES	5000

struct bench_kind {
	const char	*kind;
	int		 weight;	/* per thousand */
	char		 who;		/* k kiosk, c counter staff, h holder, v verifier,
					   s login system */
};

static const struct bench_kind bench_kinds[] = {
	{ "app.submitted", 90, 'k' }, { "idcheck.match", 80, 'k' },
	{ "idcheck.mismatch", 5, 'k' }, { "app.approved", 70, 'c' },
	{ "app.rejected", 15, 'c' }, { "claimqr.shown", 80, 'c' },
	{ "claimqr.voided", 8, 'c' }, { "cert.claimed", 65, 'h' },
	{ "manager.added", 12, 'h' }, { "manager.deleted", 3, 'h' },
	{ "user.added", 25, 'h' }, { "user.deleted", 6, 'h' },
	{ "auth.granted", 30, 'h' }, { "auth.cancelled", 5, 'h' },
	{ "login.qr", 40, 's' }, { "login.scanned", 38, 'h' },
	{ "verify.valid", 330, 'v' }, { "verify.expired", 20, 'v' },
	{ "verify.forged", 3, 'v' }, { "verify.revoked", 7, 'v' },
	{ "verify.typo", 12, 'v' }, { "verify.unknown", 10, 'v' },
	{ "staff.login", 40, 'c' }, { "staff.login_failed", 6, 'c' },
};
#define BENCH_NKINDS (sizeof bench_kinds / sizeof bench_kinds[0])

struct bench_gen {
	unsigned char	 prev[EVLOG_HASH_SIZE];
	int64_t		 id;
	uint64_t	 rng;
	int		 cumulative[BENCH_NKINDS];
};

static uint32_t
bench_rand(struct bench_gen *g)
{
	g->rng ^= g->rng << 13;
	g->rng ^= g->rng >> 7;
	g->rng ^= g->rng << 17;
	return (uint32_t)(g->rng >> 16);
}

static void
bench_code(struct bench_gen *g, char *buf, size_t len)
{
	snprintf(buf, len, "12110000%09uX", bench_rand(g) % BENCH_CODES);
}

/* Station, actor, subject and detail as the real writers would fill them. */
static void
bench_fill(struct bench_gen *g, struct event *ev, const struct bench_kind *k,
    const char *date, int *appseq)
{
	char code[REG_CODE_SIZE];
	int staff = (int)(bench_rand(g) % BENCH_STAFF);

	bench_code(g, code, sizeof code);
	snprintf(ev->kind, sizeof ev->kind, "%s", k->kind);
	ev->detail[0] = '\0';
	switch (k->who) {
	case 'k':
		snprintf(ev->station, sizeof ev->station, "kiosk-%02u",
		    bench_rand(g) % 8 + 1);
		snprintf(ev->actor, sizeof ev->actor, "applicant");
		if (strcmp(k->kind, "app.submitted") == 0)
			(*appseq)++;
		snprintf(ev->subject, sizeof ev->subject, "%s-%04d", date,
		    *appseq > 0 ? *appseq : 1);
		snprintf(ev->detail, sizeof ev->detail, "claim %s", code);
		break;
	case 'c':
		snprintf(ev->station, sizeof ev->station, "counter-%02d",
		    staff % 12 + 1);
		snprintf(ev->actor, sizeof ev->actor, "staff%02d", staff + 1);
		if (strncmp(k->kind, "staff.", 6) == 0)
			snprintf(ev->subject, sizeof ev->subject, "%s", ev->actor);
		else {
			snprintf(ev->subject, sizeof ev->subject, "%s-%04u", date,
			    bench_rand(g) % (unsigned)(*appseq + 1) + 1);
			snprintf(ev->detail, sizeof ev->detail, "%s", code);
		}
		break;
	case 'h':
		snprintf(ev->station, sizeof ev->station, "holder-app");
		snprintf(ev->actor, sizeof ev->actor, "holder:%u",
		    bench_rand(g) % 20000 + 1);
		snprintf(ev->subject, sizeof ev->subject, "%s", code);
		snprintf(ev->detail, sizeof ev->detail, "holder=%u",
		    bench_rand(g) % 20000 + 1);
		break;
	case 'v':
		snprintf(ev->station, sizeof ev->station, "verify-%02u",
		    bench_rand(g) % 6 + 1);
		snprintf(ev->actor, sizeof ev->actor, "verifier");
		snprintf(ev->subject, sizeof ev->subject, "%s", code);
		snprintf(ev->detail, sizeof ev->detail, "via=qr live=1");
		break;
	default:
		snprintf(ev->station, sizeof ev->station, "gov-%u",
		    bench_rand(g) % 4 + 1);
		snprintf(ev->actor, sizeof ev->actor, "%s", ev->station);
		snprintf(ev->subject, sizeof ev->subject, "%s", ev->station);
		break;
	}
}

static const struct bench_kind *
bench_pick(struct bench_gen *g)
{
	int x = (int)(bench_rand(g) % (unsigned)g->cumulative[BENCH_NKINDS - 1]);
	size_t i;

	for (i = 0; i < BENCH_NKINDS - 1 && x >= g->cumulative[i]; i++)
		;
	return &bench_kinds[i];
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Opening hours 08:30 to 17:30 with a lunch dip; weekends a tenth. */
static int64_t
bench_offset(struct bench_gen *g)
{
	int64_t s;

	do {
		s = 8 * 3600 + 1800 + (int64_t)(bench_rand(g) % (9 * 3600));
	} while (s >= 12 * 3600 && s < 13 * 3600 && bench_rand(g) % 2 == 0);
	return s;
}

static int
bench_day_weight(int day)
{
	int wd = (day + 1) % 7;		/* 2024-01-01 was a Monday: 1 */

	if (day == BENCH_BUSY_DAY)
		return 30;
	return wd == 0 || wd == 6 ? 1 : 10;
}

/* Where the events go: evlog_put() into the registry, or, while bench_copy is
 * open, a line of COPY text each (the hash as bytea hex). */
static FILE *bench_copy;

static int
bench_put(struct reg *r, const struct event *ev,
    unsigned char prev[EVLOG_HASH_SIZE], struct err *e)
{
	int i;

	if (bench_copy == NULL)
		return evlog_put(r, ev, prev, e);
	evlog_hash(prev, ev, prev);
	fprintf(bench_copy, "%" PRId64 "\t%" PRId64 "\t%s\t%s\t%s\t%s\t%s\t\\\\x",
	    ev->id, ev->at, ev->station, ev->actor, ev->kind, ev->subject,
	    ev->detail);
	for (i = 0; i < EVLOG_HASH_SIZE; i++)
		fprintf(bench_copy, "%02x", prev[i]);
	if (fputc('\n', bench_copy) == EOF)
		return err_set(e, ERR_SYSTEM, NULL, "reg.db_error", "COPY");
	return 0;
}

static int
bench_day(struct reg *r, struct bench_gen *g, int64_t start, int n, struct err *e)
{
	struct event ev;
	int64_t *at;
	char date[11], compact[9];
	int i, appseq = 0;

	if ((at = calloc((size_t)n, sizeof *at)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", "bench day");
	for (i = 0; i < n; i++)
		at[i] = start + bench_offset(g);
	qsort(at, (size_t)n, sizeof *at, cmp_i64);
	clock_local_date(start, date, sizeof date);
	snprintf(compact, sizeof compact, "%.4s%.2s%.2s", date, date + 5, date + 8);
	memset(&ev, 0, sizeof ev);
	for (i = 0; i < n; i++) {
		ev.id = g->id++;
		ev.at = at[i];
		bench_fill(g, &ev, bench_pick(g), compact, &appseq);
		if (bench_put(r, &ev, g->prev, e) != 0)
			break;
	}
	free(at);
	return i == n ? 0 : -1;
}

static int
bench_staff(struct reg *r, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO staff (name, role, pwhash, created_at)"
	    " VALUES (?1, 'counter', '-', 0)";
	struct db_stmt *st;
	char name[16];
	int i, rc;

	for (i = 1; i <= BENCH_STAFF; i++) {
		if ((st = db_prepare(r->db, sql, e)) == NULL)
			return -1;
		snprintf(name, sizeof name, "staff%02d", i);
		db_bind_text(st, 1, name);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return db_err(r->db, e, "bench staff");
	}
	return 0;
}

/* psql reading COPY text for the event table from bench_copy. */
static int
bench_copy_open(const char *uri, struct err *e)
{
	char cmd[4400];

	if (strchr(uri, '\'') != NULL)
		return err_set(e, ERR_INPUT, NULL, "reg.db_error", "quote in URI");
	snprintf(cmd, sizeof cmd, "psql -X -q -v ON_ERROR_STOP=1 -d '%s' -c"
	    " 'COPY event (id, at, station, actor, kind, subject, detail, hash)"
	    " FROM STDIN'", uri);
	if ((bench_copy = popen(cmd, "w")) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "reg.db_error", "psql");
	return 0;
}

static int
bench_copy_close(struct reg *r, struct err *e)
{
	int rc = pclose(bench_copy);

	bench_copy = NULL;
	if (rc != 0)
		return err_set(e, ERR_SYSTEM, NULL, "reg.db_error", "COPY");
	/* COPY went past evlog_put(), which keeps the day summary and the
	 * claim QRs still open. */
	if (reg_backfill(r, e) != 0)
		return -1;
	/* What autovacuum does to a loaded table in time: statistics, and the
	 * visibility map that lets a day's counts come off an index alone. */
	return db_exec(r->db, "VACUUM (ANALYZE) event", e);
}

/* One day a transaction on SQLite; one COPY for the year on PostgreSQL. */
static int
bench_days(struct reg *r, struct bench_gen *g, int64_t year_start,
    int64_t total_w, struct err *e)
{
	int64_t done = 0;
	int day, n, pg = bench_copy != NULL;

	for (day = 0; day < BENCH_DAYS; day++) {
		n = day == BENCH_DAYS - 1 ? (int)(BENCH_EVENTS - done) :
		    (int)((int64_t)BENCH_EVENTS * bench_day_weight(day) / total_w);
		if (!pg && db_begin(r->db, e) != 0)
			return -1;
		if (bench_day(r, g, year_start + (int64_t)day * CLOCK_DAY, n, e) != 0) {
			db_rollback(r->db);
			return -1;
		}
		if (!pg && db_commit(r->db, e) != 0)
			return -1;
		done += n;
	}
	return 0;
}

static int
bench_build(const char *path, int64_t year_start, struct err *e)
{
	struct bench_gen g;
	struct reg *r;
	int64_t total_w = 0;
	size_t i;
	int day, pg = db_is_uri(path);
	double t0 = bench_now();

	memset(&g, 0, sizeof g);
	g.id = 1;
	g.rng = 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < BENCH_NKINDS; i++)
		g.cumulative[i] = bench_kinds[i].weight +
		    (i > 0 ? g.cumulative[i - 1] : 0);
	for (day = 0; day < BENCH_DAYS; day++)
		total_w += bench_day_weight(day);
	if (!pg)
		remove(path);
	if (reg_open(&r, path, "bench", e) != 0)
		return -1;
	/* A benchmark's data, made again if lost: no need to wait for the disk. */
	if (!pg && db_exec(r->db, "PRAGMA synchronous=OFF", e) != 0)
		goto fail;
	if (db_begin(r->db, e) != 0 || bench_staff(r, e) != 0 ||
	    db_commit(r->db, e) != 0)
		goto fail;
	if (pg && bench_copy_open(path, e) != 0)
		goto fail;
	if (bench_days(r, &g, year_start, total_w, e) != 0 ||
	    (pg && bench_copy_close(r, e) != 0))
		goto fail;
	reg_close(r);
	printf("built %d events in %.1f s\n", BENCH_EVENTS, bench_now() - t0);
	return 0;
fail:
	if (bench_copy != NULL)
		pclose(bench_copy);
	reg_close(r);
	return -1;
}

/* Whether the PostgreSQL database at uri has its events yet; without
 * migrating it, so that the timed open below times any migration. */
static int
bench_loaded(const char *uri, struct err *e)
{
	static const char sql[] = "SELECT count(*) FROM (SELECT 1 FROM event LIMIT 2) x";
	struct db_stmt *st;
	struct db *db;
	int rc, n = 0, created;

	if (db_open(&db, uri, &created, e) != 0)
		return -1;
	if (created) {
		db_close(db);
		return 0;
	}
	if ((st = db_prepare(db, sql, e)) == NULL) {
		db_close(db);
		return -1;
	}
	if ((rc = db_step(st)) == DB_ROW)
		n = db_col_int(st, 0);
	db_reset(st);
	db_close(db);
	return rc == DB_ROW ? n > 1 : -1;
}

static int
count_cb(const struct event *ev, void *arg)
{
	int64_t *last = arg;

	*last = ev->id;
	return 0;
}

static void
bench_queries(struct reg *r, int64_t year_start)
{
	struct report_day *d;
	struct report_filter f;
	struct err e;
	int64_t busy = year_start + (int64_t)BENCH_BUSY_DAY * CLOCK_DAY, last = 0;
	int hourly[24], daily[30];
	FILE *null;
	double t0;

	if ((d = malloc(sizeof *d)) == NULL)
		return;
	t0 = bench_now();
	if (report_day(r, busy, d, &e) != 0)
		printf("report_day: %s %s\n", e.key, e.detail);
	printf("report_day (busiest day, %d applications, %d verifications): %.1f ms\n",
	    d->today.fig[REPORT_APPS], d->today.fig[REPORT_VERIFY_VALID] +
	    d->today.fig[REPORT_VERIFY_INVALID], (bench_now() - t0) * 1e3);
	free(d);

	report_filter_init(&f);
	f.from = busy;
	f.to = busy + CLOCK_DAY;
	f.station = "counter-03";
	f.kind = "app.";
	t0 = bench_now();
	report_events_page(r, &f, 0, 50, count_cb, &last, &e);
	printf("first page of 50, busiest day, station+kind filter: %.1f ms\n",
	    (bench_now() - t0) * 1e3);

	report_filter_init(&f);
	f.station = "counter-03";
	f.outcome = NULL;
	t0 = bench_now();
	last = 0;
	report_events_page(r, &f, 0, 50, count_cb, &last, &e);
	printf("first page of 50, whole year, station filter: %.1f ms\n",
	    (bench_now() - t0) * 1e3);
	t0 = bench_now();
	report_events_page(r, &f, 9000000, 50, count_cb, &last, &e);
	printf("page after id 9000000, same filter: %.1f ms\n", (bench_now() - t0) * 1e3);

	report_filter_init(&f);
	f.subject = "12110000000001234X";
	t0 = bench_now();
	report_events_page(r, &f, 0, 50, count_cb, &last, &e);
	printf("first page of 50, whole year, one credit code: %.1f ms\n",
	    (bench_now() - t0) * 1e3);

	if ((null = fopen("/dev/null", "w")) != NULL) {
		t0 = bench_now();
		report_export(r, busy, busy + CLOCK_DAY, REPORT_CSV, null, &e);
		printf("CSV export of the busiest day: %.1f ms\n", (bench_now() - t0) * 1e3);
		t0 = bench_now();
		report_export(r, busy, busy + CLOCK_DAY, REPORT_JSON, null, &e);
		printf("JSON export of the busiest day: %.1f ms\n", (bench_now() - t0) * 1e3);
		fclose(null);
	}

	t0 = bench_now();
	report_hourly(r, busy, "verify.", hourly, &e);
	printf("report_hourly verify.: %.1f ms\n", (bench_now() - t0) * 1e3);
	t0 = bench_now();
	report_daily(r, busy, 30, "app.submitted", daily, &e);
	printf("report_daily 30 days app.submitted: %.1f ms\n", (bench_now() - t0) * 1e3);
	t0 = bench_now();
	report_daily(r, busy, 30, NULL, daily, &e);
	printf("report_daily 30 days, all kinds: %.1f ms\n", (bench_now() - t0) * 1e3);
}

int
main(int argc, char **argv)
{
	char path[4096];
	struct reg *r;
	struct stat sb;
	struct err e;
	int64_t year_start, broken, count;
	double t0, t;
	int loaded;

	if (argc != 2) {
		fprintf(stderr, "usage: bench-report DIR\n");
		return 2;
	}
	if (sodium_init() < 0 || clock_parse_local_date("2024-01-01", &year_start) != 0)
		return 1;
	snprintf(path, sizeof path, "%s/report-10M.db", argv[1]);
	if (getenv("JSD_BENCH_DB") != NULL) {
		snprintf(path, sizeof path, "%s", getenv("JSD_BENCH_DB"));
		if ((loaded = bench_loaded(path, &e)) < 0 ||
		    (!loaded && bench_build(path, year_start, &e) != 0)) {
			fprintf(stderr, "build: %s %s\n", e.key, e.detail);
			return 1;
		}
	} else if (stat(path, &sb) != 0) {
		char tmp[4200];

		snprintf(tmp, sizeof tmp, "%s.tmp", path);
		if (bench_build(tmp, year_start, &e) != 0) {
			fprintf(stderr, "build: %s %s\n", e.key, e.detail);
			return 1;
		}
		if (rename(tmp, path) != 0) {
			perror(path);
			return 1;
		}
	}
	t0 = bench_now();
	if (reg_open(&r, path, "bench", &e) != 0) {
		fprintf(stderr, "%s: %s %s\n", path, e.key, e.detail);
		return 1;
	}
	printf("open (with any migration): %.1f ms\n", (bench_now() - t0) * 1e3);
	bench_queries(r, year_start);
	t0 = bench_now();
	if (evlog_verify(r, &broken, &count, &e) != 0)
		printf("verify: %s %s\n", e.key, e.detail);
	t = bench_now() - t0;
	printf("evlog_verify: %lld events in %.1f s, %.0f events/s, %s\n",
	    (long long)count, t, (double)count / t,
	    broken == 0 ? "chain intact" : "CHAIN BROKEN");
	reg_close(r);
	if (!db_is_uri(path) && stat(path, &sb) == 0)
		printf("registry file: %.0f MB\n", (double)sb.st_size / 1e6);
	return 0;
}
