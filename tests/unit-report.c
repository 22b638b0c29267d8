/*
 * unit-report.c: supervisor reports (core/report.c) over events written straight
 * into a registry with chosen times (evlog_put): every figure of a day summary
 * and of the week before, per-station and per-staff rows and their "others"
 * bucket, hourly and daily charts, filters and keyset paging, the CSV and
 * JSON exports, the day summary and the open claim QRs against the events
 * and their backfills, and a batch that opens and settles claim QRs.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "clock.h"
#include "db.h"
#include "reg-private.h"
#include "report.h"
#include "tap.h"

/* The registry the events go into and the reports read, and a second
 * connection to it for the rows of other tables. */
static struct reg *reg;
static struct db *db;
static int64_t day, week_before;	/* 2024-07-19 and 2024-07-12, Shanghai */
static int n_day, n_week;		/* events inserted in each */

static void
sql(const char *q)
{
	struct err e;

	if (db_exec(db, q, &e) != 0) {
		printf("Bail out! %s: %s\n", q, e.detail);
		exit(1);
	}
}

/* Inserts one event at a chosen time, as a bulk writer does (evlog_put, which
 * keeps the day summary too); its id. */
static int64_t
ins(int64_t at, const char *station, const char *actor, const char *kind,
    const char *subject, const char *detail)
{
	static unsigned char hash[EVLOG_HASH_SIZE];
	struct event ev;
	struct err e;

	memset(&ev, 0, sizeof ev);
	if (evlog_last_id(reg, &ev.id, &e) != 0) {
		printf("Bail out! evlog_last_id: %s\n", e.detail);
		exit(1);
	}
	ev.id++;
	ev.at = at;
	snprintf(ev.station, sizeof ev.station, "%s", station);
	snprintf(ev.actor, sizeof ev.actor, "%s", actor);
	snprintf(ev.kind, sizeof ev.kind, "%s", kind);
	snprintf(ev.subject, sizeof ev.subject, "%s", subject);
	snprintf(ev.detail, sizeof ev.detail, "%s", detail);
	if (evlog_put(reg, &ev, hash, &e) != 0) {
		printf("Bail out! evlog_put: %s %s\n", e.key, e.detail);
		exit(1);
	}
	n_day += at >= day && at < day + CLOCK_DAY;
	n_week += at >= week_before && at < week_before + CLOCK_DAY;
	return ev.id;
}

#define T(h, m)	(day + (h) * 3600 + (m) * 60)

static void
fill_day(void)
{
	int i;

	sql("INSERT INTO staff (name, role, pwhash, created_at) VALUES"
	    " ('alice', 'counter', '-', 0), ('bob', 'counter', '-', 0)");
	ins(day - 1, "kiosk-1", "applicant", "app.submitted", "20240718-0001", "");
	ins(day + CLOCK_DAY, "kiosk-1", "applicant", "app.submitted", "20240720-0001",
	    "");
	ins(T(8, 30), "counter-1", "alice", "staff.login", "alice", "");
	ins(T(8, 31), "counter-2", "bob", "staff.login_failed", "bob", "");
	ins(T(8, 32), "counter-2", "bob", "staff.locked", "bob", "");
	ins(T(8, 40), "counter-3", "mallory", "staff.login", "mallory", "");
	ins(T(9, 10), "kiosk-1", "applicant", "app.submitted", "20240719-0001",
	    "claim C1");
	ins(T(9, 20), "kiosk-1", "applicant", "app.submitted", "20240719-0002",
	    "claim C2");
	ins(T(10, 5), "kiosk-2", "applicant", "app.submitted", "20240719-0003",
	    "claim C3");
	/* Shown then claimed: not expired. */
	ins(T(10, 30), "counter-1", "alice", "app.approved", "20240719-0001", "C1");
	ins(T(10, 31), "counter-1", "alice", "claimqr.shown", "20240719-0001", "C1");
	ins(T(10, 33), "holder-app", "holder:1", "cert.claimed", "C1",
	    "20240719-0001");
	/* Shown, replaced (not expired), shown again and never used (expired). */
	ins(T(10, 40), "counter-1", "alice", "app.approved", "20240719-0002", "C2");
	ins(T(10, 41), "counter-1", "alice", "claimqr.shown", "20240719-0002", "C2");
	ins(T(10, 44), "counter-1", "cli", "claimqr.voided", "20240719-0002", "");
	ins(T(10, 45), "counter-1", "alice", "claimqr.shown", "20240719-0002", "C2");
	ins(T(11, 0), "counter-2", "bob", "app.rejected", "20240719-0003", "bad id");
	/* The institution claimed, but through another application: expired. */
	ins(T(11, 5), "counter-2", "bob", "claimqr.shown", "20240719-0004", "C4");
	ins(T(11, 6), "holder-app", "holder:2", "cert.claimed", "C4", "20240718-0009");
	ins(T(12, 0), "holder-app", "holder:1", "manager.added", "C1", "holder=3");
	ins(T(12, 1), "holder-app", "holder:1", "manager.deleted", "C1", "holder=3");
	ins(T(12, 2), "holder-app", "holder:1", "user.added", "C1", "holder=4");
	ins(T(12, 3), "holder-app", "holder:1", "user.added", "C1", "holder=5");
	ins(T(12, 4), "holder-app", "holder:1", "user.deleted", "C1", "holder=5");
	ins(T(13, 0), "holder-app", "holder:1", "auth.granted", "C1", "authz=1");
	ins(T(13, 1), "holder-app", "holder:1", "auth.cancelled", "C1", "authz=1");
	for (i = 0; i < 3; i++)
		ins(T(14, i), "verify-1", "verifier", "verify.valid", "C1", "via=qr");
	ins(T(14, 10), "verify-1", "verifier", "verify.expired", "C1", "via=qr");
	ins(T(14, 20), "verify-2", "verifier", "verify.forged", "-", "via=qr");
	ins(T(15, 0), "gov-1", "gov-1", "login.qr", "gov-1", "");
	ins(T(15, 1), "holder-app", "holder:1", "login.scanned", "C1", "system=gov-1");

	ins(week_before + 9 * 3600, "kiosk-1", "applicant", "app.submitted",
	    "20240712-0001", "claim C1");
	ins(week_before + 9 * 3600 + 60, "kiosk-9", "applicant", "app.submitted",
	    "20240712-0002", "claim C2");
	ins(week_before + 10 * 3600, "counter-1", "alice", "app.approved",
	    "20240712-0001", "C1");
	ins(week_before + 10 * 3600 + 60, "counter-1", "alice", "claimqr.shown",
	    "20240712-0001", "C1");
	ins(week_before + 14 * 3600, "verify-1", "verifier", "verify.valid", "C1",
	    "via=qr");

	/* Lapsed on the day: active and ending in it; not the cancelled one nor the
	 * one ending the day after. */
	{
		char q[512];

		/* What the authorizations refer to (foreign keys are on). */
		sql("INSERT INTO institution (credit_code, name, address,"
		    " legal_rep_name, legal_rep_id, legal_rep_phone, level, updated_at)"
		    " VALUES ('C1', 'x', 'x', 'x', 'x', 'x', 'city', 0);"
		    "INSERT INTO certificate (id, credit_code, created_at, updated_at)"
		    " VALUES (1, 'C1', 0, 0);"
		    "INSERT INTO holder (id, cert_id, role, name, id_number, phone,"
		    " status, created_at) VALUES (1, 1, 'frp', 'x', 'x', 'x', 'active', 0)");
		snprintf(q, sizeof q, "INSERT INTO authz (cert_id, user_id, granted_by,"
		    " matters, starts_at, ends_at, status, created_at) VALUES"
		    " (1, 1, 1, 'x', 0, %lld, 'active', 0),"
		    " (1, 1, 1, 'x', 0, %lld, 'cancelled', 0),"
		    " (1, 1, 1, 'x', 0, %lld, 'active', 0),"
		    " (1, 1, 1, 'x', 0, %lld, 'active', 0)",
		    (long long)T(16, 0), (long long)T(17, 0),
		    (long long)(day + CLOCK_DAY), (long long)(week_before + 3600));
		sql(q);
	}
}

static const struct report_row *
find_row(const struct report_row *rows, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].name, name) == 0)
			return &rows[i];
	}
	return NULL;
}

static void
test_day(struct reg *r)
{
	static const struct {
		enum report_fig	 fig;
		int		 today, week;
	} want[] = {
		{ REPORT_APPS, 3, 2 }, { REPORT_APPROVED, 2, 1 },
		{ REPORT_REJECTED, 1, 0 }, { REPORT_CLAIMQR_SHOWN, 4, 1 },
		{ REPORT_CLAIMED, 2, 0 }, { REPORT_CLAIMQR_EXPIRED, 2, 1 },
		{ REPORT_MANAGERS_ADDED, 1, 0 }, { REPORT_MANAGERS_DELETED, 1, 0 },
		{ REPORT_USERS_ADDED, 2, 0 }, { REPORT_USERS_DELETED, 1, 0 },
		{ REPORT_AUTH_GRANTED, 1, 0 }, { REPORT_AUTH_CANCELLED, 1, 0 },
		{ REPORT_AUTH_LAPSED, 1, 1 }, { REPORT_VERIFY_VALID, 3, 1 },
		{ REPORT_VERIFY_INVALID, 2, 0 }, { REPORT_SCAN_LOGINS, 1, 0 },
		{ REPORT_STAFF_LOGINS, 2, 0 }, { REPORT_STAFF_LOGIN_FAILED, 1, 0 },
		{ REPORT_STAFF_LOCKED, 1, 0 },
	};
	struct report_day *d = calloc(1, sizeof *d);
	const struct report_row *row;
	struct err e;
	size_t i;
	int f, sum, sum_week, j;

	if (d == NULL || report_day(r, day, d, &e) != 0) {
		ok(0, "report_day: %s", d ? e.key : "calloc");
		free(d);
		return;
	}
	is_int(d->today.fig[REPORT_EVENTS], n_day, "every event of the day, no more");
	is_int(d->last_week.fig[REPORT_EVENTS], n_week, "every event a week before");
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		is_int(d->today.fig[want[i].fig], want[i].today, "%s on the day",
		    report_fig_name(want[i].fig));
		is_int(d->last_week.fig[want[i].fig], want[i].week,
		    "%s a week before", report_fig_name(want[i].fig));
	}
	is_int(d->today.verify[VERIFY_VALID], 3, "valid verifications by outcome");
	is_int(d->today.verify[VERIFY_EXPIRED], 1, "expired codes by outcome");
	is_int(d->today.verify[VERIFY_FORGED], 1, "forged codes by outcome");
	is_int(d->today.verify[VERIFY_REVOKED], 0, "no revoked ones");

	row = find_row(d->stations, d->nstations, "counter-1");
	ok(row != NULL, "counter-1 has a row");
	if (row != NULL) {
		is_int(row->today[REPORT_EVENTS], 7, "counter-1: its events");
		is_int(row->today[REPORT_APPROVED], 2, "counter-1: approvals");
		is_int(row->today[REPORT_CLAIMQR_SHOWN], 3, "counter-1: claim QRs");
		is_int(row->today[REPORT_CLAIMQR_EXPIRED], 1, "counter-1: expired");
		is_int(row->last_week[REPORT_APPROVED], 1,
		    "counter-1: approvals a week before");
	}
	row = find_row(d->stations, d->nstations, "kiosk-1");
	ok(row != NULL && row->today[REPORT_APPS] == 2 &&
	    row->last_week[REPORT_APPS] == 1, "kiosk-1: applications both weeks");
	ok(find_row(d->stations, d->nstations, "kiosk-9") == NULL &&
	    d->station_others == 1 && d->station_other.last_week[REPORT_APPS] == 1,
	    "a station active only the week before is in the others bucket");
	ok(d->nstations > 1 && d->stations[0].today[REPORT_EVENTS] >=
	    d->stations[1].today[REPORT_EVENTS], "stations come busiest first");
	for (f = 0; f < REPORT_NFIGS; f++) {
		if (f == REPORT_AUTH_LAPSED)
			continue;
		sum = d->station_other.today[f];
		sum_week = d->station_other.last_week[f];
		for (j = 0; j < d->nstations; j++) {
			sum += d->stations[j].today[f];
			sum_week += d->stations[j].last_week[f];
		}
		if (sum != d->today.fig[f] || sum_week != d->last_week.fig[f])
			break;
	}
	ok(f == REPORT_NFIGS, "station rows and others add up to the totals");

	is_int(d->nstaff, 2, "two staff members acted (mallory is no staff)");
	row = find_row(d->staff, d->nstaff, "alice");
	ok(row != NULL && row->today[REPORT_EVENTS] == 6 &&
	    row->today[REPORT_APPROVED] == 2 && row->today[REPORT_CLAIMQR_SHOWN] == 3 &&
	    row->today[REPORT_CLAIMQR_EXPIRED] == 1 &&
	    row->today[REPORT_STAFF_LOGINS] == 1 && row->last_week[REPORT_EVENTS] == 2,
	    "alice's figures, both weeks");
	row = find_row(d->staff, d->nstaff, "bob");
	ok(row != NULL && row->today[REPORT_EVENTS] == 4 &&
	    row->today[REPORT_REJECTED] == 1 && row->today[REPORT_STAFF_LOCKED] == 1 &&
	    row->today[REPORT_STAFF_LOGIN_FAILED] == 1 &&
	    row->today[REPORT_CLAIMQR_EXPIRED] == 1, "bob's figures");
	free(d);
}

static void
test_many_stations(struct reg *r)
{
	struct report_day *d = calloc(1, sizeof *d);
	int64_t mon = day + 3 * CLOCK_DAY;
	struct err e;
	char name[16];
	int i, j;

	sql("BEGIN");
	for (i = 1; i <= 40; i++) {
		snprintf(name, sizeof name, "s%02d", i);
		for (j = 0; j < i; j++)
			ins(mon + 3600 + i * 60 + j, name, "verifier", "verify.valid", "C9",
			    "");
	}
	sql("COMMIT");
	if (d == NULL || report_day(r, mon, d, &e) != 0) {
		ok(0, "report_day with 40 stations");
		free(d);
		return;
	}
	is_int(d->nstations, REPORT_MAX_ROWS, "at most 32 station rows");
	is_str(d->stations[0].name, "s40", "the busiest first");
	is_int(d->stations[0].today[REPORT_VERIFY_VALID], 40, "with its count");
	is_str(d->stations[31].name, "s09", "the 32nd busiest last");
	is_int(d->station_others, 8, "8 stations in the others bucket");
	is_int(d->station_other.today[REPORT_EVENTS], 36, "summing their events");
	free(d);
}

static void
test_charts(struct reg *r)
{
	int h[24], dd[10], i, sum = 0;
	struct err e;

	ok(report_hourly(r, day, "app.", h, &e) == 0, "hourly app.");
	ok(h[9] == 2 && h[10] == 3 && h[11] == 1 && h[8] == 0 && h[12] == 0,
	    "applications by hour: 2 at 9, 3 at 10, 1 at 11");
	ok(report_hourly(r, day, "verify.", h, &e) == 0 && h[14] == 5,
	    "verifications of every outcome at 14");
	ok(report_hourly(r, day, "verify.valid", h, &e) == 0 && h[14] == 3,
	    "a whole kind as the prefix");
	ok(report_hourly(r, day, NULL, h, &e) == 0, "hourly, all kinds");
	for (i = 0; i < 24; i++)
		sum += h[i];
	is_int(sum, n_day, "hours add up to the day");
	ok(report_daily(r, day, 10, "app.submitted", dd, &e) == 0, "daily");
	ok(dd[9] == 3 && dd[2] == 2 && dd[8] == 1 && dd[0] == 0 && dd[5] == 0,
	    "applications per day, the chosen day last");
	ok(report_daily(r, day, 10, "zz", dd, &e) == 0 && dd[9] == 0,
	    "a prefix matching nothing counts nothing");
	ok(report_daily(r, day, 0, NULL, dd, &e) != 0 && e.kind == ERR_INPUT,
	    "zero days is refused");
}

struct collect {
	int64_t		 ids[4096];
	int		 n;
	int		 in_order;
};

static int
collect_cb(const struct event *ev, void *arg)
{
	struct collect *c = arg;

	if (c->n > 0 && ev->id <= c->ids[c->n - 1])
		c->in_order = 0;
	if (c->n < 4096)
		c->ids[c->n++] = ev->id;
	return 0;
}

/* All pages of size n, and one big page: same ids, none twice, none skipped. */
static int
paged(struct reg *r, const struct report_filter *f, int n, int *count)
{
	struct collect *all = calloc(1, sizeof *all), *page = calloc(1, sizeof *page);
	struct err e;
	int64_t after = 0;
	int total = 0, good = all != NULL && page != NULL;

	if (!good || report_events_page(r, f, 0, REPORT_PAGE_MAX, collect_cb, all,
	    &e) != 0)
		good = 0;
	all->in_order = 1;
	while (good) {
		page->n = 0;
		page->in_order = 1;
		if (report_events_page(r, f, after, n, collect_cb, page, &e) != 0 ||
		    !page->in_order || page->n > n) {
			good = 0;
			break;
		}
		if (page->n == 0)
			break;
		if (total + page->n > all->n || memcmp(&all->ids[total], page->ids,
		    (size_t)page->n * sizeof page->ids[0]) != 0)
			good = 0;
		total += page->n;
		after = page->ids[page->n - 1];
	}
	*count = good && total == all->n ? total : -1;
	free(all);
	free(page);
	return *count;
}

static void
test_pages(struct reg *r)
{
	struct report_filter f;
	struct collect c;
	struct err e;
	int n;

	report_filter_init(&f);
	f.from = day;
	f.to = day + CLOCK_DAY;
	f.station = "counter-1";
	is_int(paged(r, &f, 2, &n), 7, "counter-1's day in pages of 2");
	f.station = NULL;
	f.actor = "alice";
	is_int(paged(r, &f, 4, &n), 6, "alice's day in pages of 4");
	f.actor = NULL;
	f.kind = "claimqr.";
	is_int(paged(r, &f, 1, &n), 5, "claim QR events in pages of 1");
	f.kind = "verify.";
	f.outcome = "valid";
	is_int(paged(r, &f, 2, &n), 3, "kind and outcome together");
	f.kind = NULL;
	f.outcome = "expired";
	is_int(paged(r, &f, 2, &n), 1, "one outcome");
	report_filter_init(&f);
	f.subject = "20240719-0002";
	is_int(paged(r, &f, 3, &n), 5, "one application, no time range");
	f.from = T(10, 42);
	f.to = T(10, 46);
	is_int(paged(r, &f, 3, &n), 2, "one application in a time range");
	report_filter_init(&f);
	f.kind = "app.submitted";
	is_int(paged(r, &f, 2, &n), 7, "a kind over every day");
	report_filter_init(&f);
	f.to = day;
	is_int(paged(r, &f, 3, &n), n_week + 1, "an open start, a bounded end");
	report_filter_init(&f);
	f.station = "nowhere";
	is_int(paged(r, &f, 3, &n), 0, "a filter matching nothing");
	memset(&c, 0, sizeof c);
	report_filter_init(&f);
	ok(report_events_page(r, &f, 0, 0, collect_cb, &c, &e) != 0 &&
	    e.kind == ERR_INPUT, "page size 0 is refused");
	ok(report_events_page(r, &f, 0, REPORT_PAGE_MAX + 1, collect_cb, &c, &e) != 0,
	    "a page over the maximum is refused");
	ok(report_events_page(r, &f, 0, 5, collect_cb, &c, &e) == 0 && c.n == 5,
	    "a page holds page_size events");
}

static char *
export(struct reg *r, int64_t from, int64_t to, enum report_format fmt, size_t *len)
{
	char *buf = NULL;
	FILE *out = open_memstream(&buf, len);
	struct err e;
	int rc;

	if (out == NULL)
		return NULL;
	rc = report_export(r, from, to, fmt, out, &e);
	fclose(out);
	if (rc != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void
test_export(struct reg *r)
{
	int64_t d5 = day + 5 * CLOCK_DAY, first;
	json_t *j, *o;
	json_error_t je;
	char *csv, *js, want[1024];
	size_t len, i;
	int lines = 0;

	first = ins(d5 + 9 * 3600, "st", "act", "k.x", "=SUM(A1)", "a,b");
	ins(d5 + 9 * 3600 + 1, "st", "@x", "k.x", "+1", "say \"hi\"");
	ins(d5 + 9 * 3600 + 2, "st", "act", "k.x", "-", "line1\nline2");
	ins(d5 + 9 * 3600 + 3, "st", "act", "k.x", "plain", "-1+2, \"q\"");
	csv = export(r, d5, d5 + CLOCK_DAY, REPORT_CSV, &len);
	snprintf(want, sizeof want,
	    "id,at_local,station,actor,kind,subject,detail\r\n"
	    "%lld,2024-07-24 09:00:00,st,act,k.x,\"'=SUM(A1)\",\"a,b\"\r\n"
	    "%lld,2024-07-24 09:00:01,st,\"'@x\",k.x,\"'+1\",\"say \"\"hi\"\"\"\r\n"
	    "%lld,2024-07-24 09:00:02,st,act,k.x,\"'-\",\"line1\nline2\"\r\n"
	    "%lld,2024-07-24 09:00:03,st,act,k.x,plain,\"'-1+2, \"\"q\"\"\"\r\n",
	    (long long)first, (long long)first + 1, (long long)first + 2,
	    (long long)first + 3);
	is_str(csv ? csv : "", want, "CSV: quoting, doubled quotes, formula guard");
	free(csv);

	csv = export(r, day, day + CLOCK_DAY, REPORT_CSV, &len);
	for (i = 0; csv != NULL && i < len; i++)
		lines += csv[i] == '\n';
	is_int(lines, n_day + 1, "CSV of a day: a header and a line an event");
	free(csv);

	js = export(r, day, day + CLOCK_DAY, REPORT_JSON, &len);
	j = js ? json_loadb(js, len, 0, &je) : NULL;
	ok(json_is_array(j), "JSON export parses as an array");
	is_int((int64_t)json_array_size(j), n_day, "with an object an event");
	o = json_array_get(j, 0);
	is_str(json_string_value(json_object_get(o, "at_local")),
	    "2024-07-19 08:30:00", "oldest first, local time");
	is_str(json_string_value(json_object_get(o, "kind")), "staff.login",
	    "and its kind");
	ok(json_integer_value(json_object_get(o, "at")) == T(8, 30), "and UTC time");
	json_decref(j);
	free(js);

	js = export(r, d5, d5 + CLOCK_DAY, REPORT_JSON, &len);
	j = js ? json_loadb(js, len, 0, &je) : NULL;
	is_str(json_string_value(json_object_get(json_array_get(j, 2), "detail")),
	    "line1\nline2", "JSON keeps text as it is");
	json_decref(j);
	free(js);

	js = export(r, 1, 2, REPORT_JSON, &len);
	j = js ? json_loadb(js, len, 0, &je) : NULL;
	ok(json_is_array(j) && json_array_size(j) == 0, "an empty range is []");
	json_decref(j);
	free(js);
}

static void
test_expiry_now(struct reg *r)
{
	struct report_day *d = calloc(1, sizeof *d);
	int64_t now = clock_now(), start;
	char date[11];
	struct err e;

	clock_local_date(now - 400, date, sizeof date);
	clock_parse_local_date(date, &start);
	ins(now - 400, "counter-1", "alice", "claimqr.shown", "X-1", "CX");
	ins(now - 10, "counter-1", "alice", "claimqr.shown", "X-2", "CX");
	ok(d != NULL && report_day(r, start, d, &e) == 0 &&
	    d->today.fig[REPORT_CLAIMQR_EXPIRED] == 1,
	    "a claim QR still valid now is not expired");
	free(d);
}

/* The summary and the open claim QRs evlog_put kept match the events;
 * emptied, they no longer do, and the migrations' backfills make them match
 * again. */
static void
test_summary(struct reg *r)
{
	int64_t differs = -1;
	struct err e;

	ok(evlog_day_check(r, &differs, &e) == 0 && differs == 0,
	    "the day summary evlog_put kept matches the events");
	ok(evlog_open_check(r, &differs, &e) == 0 && differs == 0,
	    "so do the claim QRs still open");
	sql("DELETE FROM event_day");
	sql("DELETE FROM claimqr_open");
	ok(evlog_day_check(r, &differs, &e) == 0 && differs != 0,
	    "emptied, it differs from them");
	ok(evlog_open_check(r, &differs, &e) == 0 && differs != 0,
	    "and so do the open claim QRs");
	ok(reg_backfill(r, &e) == 0 && evlog_day_check(r, &differs, &e) == 0 &&
	    differs == 0, "the backfill counts the events into it again");
	ok(evlog_open_check(r, &differs, &e) == 0 && differs == 0,
	    "and finds the open claim QRs again");
}

/* The open claim QRs' event ids for application app, as "id id ...". */
static void
open_ids(const char *app, char *buf, size_t len)
{
	static const char q[] =
	    "SELECT event_id FROM claimqr_open WHERE app_number = ?1 ORDER BY 1";
	struct db_stmt *st;
	struct err e;
	size_t n = 0;

	buf[0] = '\0';
	if ((st = db_prepare(db, q, &e)) == NULL)
		return;
	db_bind_text(st, 1, app);
	while (db_step(st) == DB_ROW && n < len)
		n += (size_t)snprintf(buf + n, len - n, "%s%lld", n ? " " : "",
		    (long long)db_col_int64(st, 0));
	db_reset(st);
}

/* A batch that shows, replaces, shows again and claims is followed in its
 * order: what stays open is what the events say. */
static void
test_open_batch(struct reg *r)
{
	const struct evlog_entry en[] = {
		{ "alice", "claimqr.shown", "B-1", "CB" },
		{ "alice", "claimqr.voided", "B-1", NULL },
		{ "alice", "claimqr.shown", "B-1", "CB" },
		{ "alice", "claimqr.shown", "B-2", "CB" },
		{ "holder:1", "cert.claimed", "CB", "B-2" },
		{ "holder:2", "cert.claimed", "CX", "B-1" },
	};
	char want[32], got[64];
	int64_t last = 0, differs = -1;
	struct err e;

	ok(db_begin(r->db, &e) == 0 && evlog_append_many(r, en, 6, &e) == 0 &&
	    db_commit(r->db, &e) == 0, "a batch about claim QRs is appended");
	evlog_last_id(r, &last, &e);
	snprintf(want, sizeof want, "%lld", (long long)(last - 3));
	open_ids("B-1", got, sizeof got);
	is_str(got, want, "the replacement stays open, claimed for another"
	    " credit code");
	open_ids("B-2", got, sizeof got);
	is_str(got, "", "a claimed QR is settled in the batch that shows it");
	ok(evlog_open_check(r, &differs, &e) == 0 && differs == 0,
	    "the open claim QRs are what the events say");
}

int
main(void)
{
	const char *path = tap_registry(tap_tmpdir(), "report.db");
	struct reg *r;
	struct err e;
	int created;

	if (reg_open(&r, path, "test", &e) != 0) {
		printf("Bail out! reg_open: %s %s\n", e.key, e.detail);
		return 1;
	}
	if (db_open(&db, path, &created, &e) != 0) {
		printf("Bail out! db_open: %s\n", e.detail);
		return 1;
	}
	reg = r;
	clock_parse_local_date("2024-07-19", &day);
	week_before = day - 7 * CLOCK_DAY;
	fill_day();
	test_day(r);
	test_many_stations(r);
	test_charts(r);
	test_pages(r);
	test_export(r);
	test_expiry_now(r);
	test_summary(r);
	test_open_batch(r);
	db_close(db);
	reg_close(r);
	remove(path);
	return tap_done();
}
