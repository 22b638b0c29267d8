/*
 * report.c: see report.h.
 *
 * A day summary reads two days (the day and the same weekday a week before) off
 * the day summary the appenders keep (event_day, migration 13; evlog.c), a few
 * hundred rows a day however busy it was, counted into totals and per-station
 * and per-staff rows; claim QRs that expired unused are read off the claim QRs
 * still open, which the appenders keep too (claimqr_open, migration 14), by an
 * index on the time they were shown: looking for a later event on each QR's
 * application, as this file did before, took most of a day summary's time
 * (69 to 102 ms over 10 million events on PostgreSQL; "log verify" still
 * does, to check the table).
 * Event pages are keyset-paged by id, so a later page costs what the first does;
 * which index drives a page depends on the filter (see report_page_sql). Exports
 * stream row by row in time order straight off the index on at, never holding
 * the range in memory.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "clock.h"
#include "report.h"
#include "reg-private.h"

static const struct {
	const char	*name;
	const char	*kind;	/* the event kind counted, NULL when derived */
} report_figs[REPORT_NFIGS] = {
	[REPORT_EVENTS] = { "events", NULL },
	[REPORT_APPS] = { "apps", "app.submitted" },
	[REPORT_APPROVED] = { "approved", "app.approved" },
	[REPORT_REJECTED] = { "rejected", "app.rejected" },
	[REPORT_CLAIMQR_SHOWN] = { "claimqr_shown", "claimqr.shown" },
	[REPORT_CLAIMED] = { "claimed", "cert.claimed" },
	[REPORT_CLAIMQR_EXPIRED] = { "claimqr_expired", NULL },
	[REPORT_MANAGERS_ADDED] = { "managers_added", "manager.added" },
	[REPORT_MANAGERS_DELETED] = { "managers_deleted", "manager.deleted" },
	[REPORT_USERS_ADDED] = { "users_added", "user.added" },
	[REPORT_USERS_DELETED] = { "users_deleted", "user.deleted" },
	[REPORT_AUTH_GRANTED] = { "auth_granted", "auth.granted" },
	[REPORT_AUTH_CANCELLED] = { "auth_cancelled", "auth.cancelled" },
	[REPORT_AUTH_LAPSED] = { "auth_lapsed", NULL },
	[REPORT_VERIFY_VALID] = { "verify_valid", "verify.valid" },
	[REPORT_VERIFY_INVALID] = { "verify_invalid", NULL },
	[REPORT_SCAN_LOGINS] = { "scan_logins", "login.scanned" },
	[REPORT_STAFF_LOGINS] = { "staff_logins", "staff.login" },
	[REPORT_STAFF_LOGIN_FAILED] = { "staff_login_failed", "staff.login_failed" },
	[REPORT_STAFF_LOCKED] = { "staff_locked", "staff.locked" },
};

static const char *const report_fig_keys[REPORT_NFIGS] = {
	"report.fig.events", "report.fig.apps", "report.fig.approved",
	"report.fig.rejected", "report.fig.claimqr_shown", "report.fig.claimed",
	"report.fig.claimqr_expired", "report.fig.managers_added",
	"report.fig.managers_deleted", "report.fig.users_added",
	"report.fig.users_deleted", "report.fig.auth_granted",
	"report.fig.auth_cancelled", "report.fig.auth_lapsed",
	"report.fig.verify_valid", "report.fig.verify_invalid",
	"report.fig.scan_logins", "report.fig.staff_logins",
	"report.fig.staff_login_failed", "report.fig.staff_locked",
};

const char *
report_fig_key(enum report_fig f)
{
	return report_fig_keys[f];
}

const char *
report_fig_name(enum report_fig f)
{
	return report_figs[f].name;
}

/* The figure an event kind counts in, or -1; *outcome for verify.* kinds. */
static int
report_fig_of(const char *kind, int *outcome)
{
	int i;

	*outcome = -1;
	if (strncmp(kind, "verify.", 7) == 0) {
		for (i = 0; i < REPORT_NOUTCOMES; i++) {
			if (strcmp(kind + 7, cert_outcome_name(i)) == 0)
				*outcome = i;
		}
		return *outcome == VERIFY_VALID ? REPORT_VERIFY_VALID :
		    REPORT_VERIFY_INVALID;
	}
	for (i = 0; i < REPORT_NFIGS; i++) {
		if (report_figs[i].kind != NULL &&
		    strcmp(kind, report_figs[i].kind) == 0)
			return i;
	}
	return -1;
}

/* A string-keyed hash (open addressing, FNV-1a, doubling) of the names met while
 * a day is scanned: kinds, stations, staff. */
struct report_map {
	char		**keys;
	int		 *vals;
	size_t		  n, cap;
};

static size_t
report_map_slot(const struct report_map *m, const char *key)
{
	uint32_t h = 2166136261u;
	const unsigned char *p;
	size_t i;

	for (p = (const unsigned char *)key; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	for (i = h & (m->cap - 1); m->keys[i] != NULL; i = (i + 1) & (m->cap - 1)) {
		if (strcmp(m->keys[i], key) == 0)
			break;
	}
	return i;
}

static int *
report_map_find(const struct report_map *m, const char *key)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	i = report_map_slot(m, key);
	return m->keys[i] != NULL ? &m->vals[i] : NULL;
}

static int
report_map_grow(struct report_map *m, struct err *e)
{
	struct report_map bigger;
	size_t i, j;

	bigger.cap = m->cap ? m->cap * 2 : 64;
	bigger.n = m->n;
	bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
	bigger.vals = calloc(bigger.cap, sizeof *bigger.vals);
	if (bigger.keys == NULL || bigger.vals == NULL) {
		free(bigger.keys);
		free(bigger.vals);
		return err_set(e, ERR_SYSTEM, NULL, "report.nomem", "report names");
	}
	for (i = 0; i < m->cap; i++) {
		if (m->keys[i] == NULL)
			continue;
		j = report_map_slot(&bigger, m->keys[i]);
		bigger.keys[j] = m->keys[i];
		bigger.vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	*m = bigger;
	return 0;
}

static int *
report_map_add(struct report_map *m, const char *key, int val, struct err *e)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap && report_map_grow(m, e) != 0)
		return NULL;
	i = report_map_slot(m, key);
	if (m->keys[i] == NULL) {
		if ((m->keys[i] = strdup(key)) == NULL) {
			err_set(e, ERR_SYSTEM, NULL, "report.nomem", "report names");
			return NULL;
		}
		m->n++;
	}
	m->vals[i] = val;
	return &m->vals[i];
}

static void
report_map_free(struct report_map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* Rows by name while a day is scanned; folded into the fixed arrays at the end. */
struct report_acc {
	struct report_row	*rows;
	size_t			 n, cap;
	struct report_map	 index;		/* name to rows[] */
};

static struct report_row *
report_acc_get(struct report_acc *a, const char *name, struct err *e)
{
	struct report_row *p;
	int *v;

	if ((v = report_map_find(&a->index, name)) != NULL)
		return &a->rows[*v];
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		if ((p = realloc(a->rows, a->cap * sizeof *p)) == NULL) {
			err_set(e, ERR_SYSTEM, NULL, "report.nomem", "report rows");
			return NULL;
		}
		a->rows = p;
	}
	if (report_map_add(&a->index, name, (int)a->n, e) == NULL)
		return NULL;
	p = &a->rows[a->n++];
	memset(p, 0, sizeof *p);
	snprintf(p->name, sizeof p->name, "%s", name);
	return p;
}

static int
report_row_cmp(const void *a, const void *b)
{
	const struct report_row *x = a, *y = b;

	if (x->today[REPORT_EVENTS] != y->today[REPORT_EVENTS])
		return x->today[REPORT_EVENTS] > y->today[REPORT_EVENTS] ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Busiest first; rows without events on the day go to the bucket even if they
 * fit. */
static void
report_acc_fold(struct report_acc *a, struct report_row *rows, int *nrows,
    struct report_row *other, int *nother)
{
	size_t i;
	int j;

	if (a->n > 0)
		qsort(a->rows, a->n, sizeof *a->rows, report_row_cmp);
	*nrows = *nother = 0;
	memset(other, 0, sizeof *other);
	for (i = 0; i < a->n; i++) {
		if (*nrows < REPORT_MAX_ROWS && a->rows[i].today[REPORT_EVENTS] > 0) {
			rows[(*nrows)++] = a->rows[i];
			continue;
		}
		(*nother)++;
		for (j = 0; j < REPORT_NFIGS; j++) {
			other->today[j] += a->rows[i].today[j];
			other->last_week[j] += a->rows[i].last_week[j];
		}
	}
}

static void
report_acc_free(struct report_acc *a)
{
	free(a->rows);
	report_map_free(&a->index);
}

struct report_scan {
	struct report_figures	*fig;
	struct report_acc	 stations, staff;
	struct report_map	 kinds;		/* kind to (fig + 1) * 64 + outcome + 1 */
	struct report_map	 staff_names;	/* the staff table's names */
	int			 week;		/* 0: the day, 1: a week before */
};

static void
report_add(int *v, int fig, int n)
{
	if (fig != REPORT_CLAIMQR_EXPIRED)
		v[REPORT_EVENTS] += n;
	if (fig >= 0)
		v[fig] += n;
}

/* Counts one event (or n expired claim QRs when fig says so). */
static int
report_count(struct report_scan *s, const char *station, const char *actor,
    const char *kind, int fig, int n, struct err *e)
{
	struct report_row *row;
	int *code, outcome = -1;

	if (kind != NULL) {
		if ((code = report_map_find(&s->kinds, kind)) == NULL) {
			fig = report_fig_of(kind, &outcome);
			if ((code = report_map_add(&s->kinds, kind,
			    (fig + 1) * 64 + outcome + 1, e)) == NULL)
				return -1;
		}
		fig = *code / 64 - 1;
		outcome = *code % 64 - 1;
	}
	report_add(s->fig->fig, fig, n);
	if (outcome >= 0)
		s->fig->verify[outcome] += n;
	if ((row = report_acc_get(&s->stations, station, e)) == NULL)
		return -1;
	report_add(s->week ? row->last_week : row->today, fig, n);
	if (report_map_find(&s->staff_names, actor) == NULL)
		return 0;
	if ((row = report_acc_get(&s->staff, actor, e)) == NULL)
		return -1;
	report_add(s->week ? row->last_week : row->today, fig, n);
	return 0;
}

static const char *
report_col(struct db_stmt *st, int i)
{
	const char *s = db_col_text(st, i);

	return s != NULL ? s : "";
}

static const char report_staff_sql[] = "SELECT name FROM staff";

static int
report_load_staff(struct reg *r, struct report_map *m, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, report_staff_sql, e)) == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		if (report_map_add(m, report_col(st, 0), 0, e) == NULL) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "report staff");
	return 0;
}

/* The day's counts by station, actor ('' for those who cannot be staff) and
 * kind: the rows of days starting in [?1, ?2), the day itself. Measured over
 * 10 million events on PostgreSQL, the busiest day's counts took 95 to 126 ms
 * read off the index of migration 10, every event of the day; its 312 rows
 * here take 0.2 to 8 ms. */
static const char report_day_sql[] =
    "SELECT station, actor, kind, n FROM event_day WHERE day >= ?1 AND day < ?2";

/* Shown in the day, expired by ?3 (now - the QR's lifetime), and neither
 * replaced nor used since: still open (migration 14, kept by evlog.c). */
static const char report_expired_sql[] =
    "SELECT station, actor FROM claimqr_open"
    " WHERE at >= ?1 AND at < ?2 AND at <= ?3";

static const char report_lapsed_sql[] =
    "SELECT count(*) FROM authz WHERE status = 'active'"
    "  AND ends_at >= ?1 AND ends_at < ?2 AND ends_at <= ?3";

static int
report_scan_rows(struct reg *r, struct report_scan *s, const char *sql,
    int64_t start, int64_t before, const char *what, struct err *e)
{
	struct db_stmt *st;
	int rc, expired = sql == report_expired_sql;

	if ((st = db_prepare(r->db, sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, start);
	db_bind_int64(st, 2, start + CLOCK_DAY);
	if (expired)
		db_bind_int64(st, 3, before);
	while ((rc = db_step(st)) == DB_ROW) {
		if (report_count(s, report_col(st, 0), report_col(st, 1),
		    expired ? NULL : report_col(st, 2), REPORT_CLAIMQR_EXPIRED,
		    expired ? 1 : db_col_int(st, 3), e) != 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, what);
	return 0;
}

static int
report_scan_day(struct reg *r, struct report_scan *s, int64_t start, int64_t now,
    struct err *e)
{
	struct db_stmt *st;
	int rc;

	if (report_scan_rows(r, s, report_day_sql, start, 0, "report day", e) != 0 ||
	    report_scan_rows(r, s, report_expired_sql, start,
	    now - REPORT_CLAIMQR_TTL, "report expired claim codes", e) != 0)
		return -1;
	if ((st = db_prepare(r->db, report_lapsed_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, start);
	db_bind_int64(st, 2, start + CLOCK_DAY);
	db_bind_int64(st, 3, now);
	if ((rc = db_step(st)) == DB_ROW)
		s->fig->fig[REPORT_AUTH_LAPSED] = db_col_int(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return db_err(r->db, e, "report lapsed authorizations");
	return 0;
}

int
report_day(struct reg *r, int64_t day_start, struct report_day *d, struct err *e)
{
	struct report_scan s;
	int rc;

	memset(d, 0, sizeof *d);
	memset(&s, 0, sizeof s);
	/* The summary counts whole days. */
	if (clock_day_start(day_start) != day_start)
		return err_set(e, ERR_INPUT, "date", "report.day_invalid", NULL);
	d->day_start = day_start;
	d->made_at = clock_now();
	s.fig = &d->today;
	rc = cert_note_lapses(r, e);
	if (rc == 0)
		rc = report_load_staff(r, &s.staff_names, e);
	if (rc == 0)
		rc = report_scan_day(r, &s, day_start, d->made_at, e);
	if (rc == 0) {
		s.fig = &d->last_week;
		s.week = 1;
		rc = report_scan_day(r, &s, day_start - 7 * CLOCK_DAY, d->made_at, e);
	}
	if (rc == 0) {
		report_acc_fold(&s.stations, d->stations, &d->nstations,
		    &d->station_other, &d->station_others);
		report_acc_fold(&s.staff, d->staff, &d->nstaff, &d->staff_other,
		    &d->staff_others);
	}
	report_acc_free(&s.stations);
	report_acc_free(&s.staff);
	report_map_free(&s.kinds);
	report_map_free(&s.staff_names);
	return rc;
}

/*
 * A kind prefix as the range [lo, hi): hi is the prefix with its last byte
 * raised, so that the index on kind can serve it. Returns 0 with *lo NULL for no
 * prefix.
 */
static int
report_prefix(const char *prefix, const char **lo, char hi[EVLOG_KIND_SIZE],
    struct err *e)
{
	size_t n;

	*lo = NULL;
	if (prefix == NULL || *prefix == '\0')
		return 0;
	n = strlen(prefix);
	if (n >= EVLOG_KIND_SIZE)
		return err_set(e, ERR_INPUT, "kind", "report.kind_invalid", NULL);
	memcpy(hi, prefix, n + 1);
	while (n > 0 && (unsigned char)hi[n - 1] == 0xff)
		hi[--n] = '\0';
	if (n == 0)
		return 0;
	hi[n - 1] = (char)((unsigned char)hi[n - 1] + 1);
	*lo = prefix;
	return 0;
}

/*
 * Charts count in C off covering indexes, without a sort: all events through the
 * index on at; a kind prefix one kind at a time through the index on (kind, at),
 * the kinds under the prefix found by stepping from one to the next, so that only
 * the matching events are read.
 */
static const char report_bucket_sql[] =
    "SELECT at FROM event WHERE at >= ?1 AND at < ?2";
static const char report_bucket_kind_sql[] =
    "SELECT at FROM event WHERE kind = ?3 AND at >= ?1 AND at < ?2";
static const char report_next_kind_sql[] =
    "SELECT min(kind) FROM event WHERE kind >= ?1 AND kind < ?2";

static int
report_bucket_count(struct reg *r, const char *kind, int64_t start,
    int64_t width, int n, int *counts, struct err *e)
{
	struct db_stmt *st;
	int64_t b;
	int rc;

	st = db_prepare(r->db, kind ? report_bucket_kind_sql : report_bucket_sql, e);
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, start);
	db_bind_int64(st, 2, start + width * n);
	if (kind != NULL)
		db_bind_text(st, 3, kind);
	while ((rc = db_step(st)) == DB_ROW) {
		b = (db_col_int64(st, 0) - start) / width;
		if (b >= 0 && b < n)
			counts[b]++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "report chart");
	return 0;
}

/* The first kind in [lo, hi) into kind; 0 with kind empty when there is none. */
static int
report_next_kind(struct reg *r, const char *lo, const char *hi,
    char kind[EVLOG_KIND_SIZE + 1], struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, report_next_kind_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	kind[0] = '\0';
	/* A kind too long for the buffer (none of ours) ends the walk: stepping on
	 * from a truncated name would find the same kind again. */
	if ((rc = db_step(st)) == DB_ROW &&
	    db_col_bytes(st, 0) < EVLOG_KIND_SIZE)
		db_col_copy(st, 0, kind, EVLOG_KIND_SIZE);
	db_reset(st);
	if (rc != DB_ROW)
		return db_err(r->db, e, "report kinds");
	return 0;
}

/* Counts events in n buckets of width seconds from start. */
static int
report_buckets(struct reg *r, int64_t start, int64_t width, int n,
    const char *prefix, int *counts, struct err *e)
{
	char hi[EVLOG_KIND_SIZE], kind[EVLOG_KIND_SIZE + 1], from[EVLOG_KIND_SIZE + 1];
	const char *lo;
	size_t len;

	memset(counts, 0, (size_t)n * sizeof *counts);
	if (report_prefix(prefix, &lo, hi, e) != 0)
		return -1;
	if (lo == NULL)
		return report_bucket_count(r, NULL, start, width, n, counts, e);
	snprintf(from, sizeof from, "%s", lo);
	for (;;) {
		if (report_next_kind(r, from, hi, kind, e) != 0)
			return -1;
		if (kind[0] == '\0')
			return 0;
		if (report_bucket_count(r, kind, start, width, n, counts, e) != 0)
			return -1;
		/* The least string after kind: kind followed by byte 1. */
		len = strlen(kind);
		if (len + 1 >= sizeof from)
			return 0;
		memcpy(from, kind, len);
		from[len] = '\x01';
		from[len + 1] = '\0';
	}
}

int
report_hourly(struct reg *r, int64_t day_start, const char *kind_prefix,
    int counts[24], struct err *e)
{
	return report_buckets(r, day_start, 3600, 24, kind_prefix, counts, e);
}

int
report_daily(struct reg *r, int64_t last_day_start, int ndays,
    const char *kind_prefix, int *counts, struct err *e)
{
	if (ndays < 1 || ndays > 400)
		return err_set(e, ERR_INPUT, "days", "report.days_invalid", NULL);
	return report_buckets(r, last_day_start - (int64_t)(ndays - 1) * CLOCK_DAY,
	    CLOCK_DAY, ndays, kind_prefix, counts, e);
}

void
report_filter_init(struct report_filter *f)
{
	memset(f, 0, sizeof *f);
}

/*
 * The same filter three ways, so that the planner always has the index the page
 * needs: by subject (a credit code or application has few events in a year), by
 * time through the index on at, else along the ids from after_id, which stops as
 * soon as the page is full.
 */
#define REPORT_PAGE_COLS \
    "SELECT id, at, station, actor, kind, subject, detail FROM event"
#define REPORT_PAGE_FILTER \
    "  AND (?4 IS NULL OR (kind >= ?4 AND kind < ?5))" \
    "  AND (?6 IS NULL OR kind = ?6)" \
    "  AND (?7 IS NULL OR station = ?7)" \
    "  AND (?8 IS NULL OR actor = ?8)"
static const char report_page_subject_sql[] =
    REPORT_PAGE_COLS " WHERE subject = ?9 AND id > ?1"
    "  AND +at >= ?2 AND (?3 = 0 OR +at < ?3)" REPORT_PAGE_FILTER
    " ORDER BY id LIMIT ?10";
static const char report_page_time_sql[] =
    REPORT_PAGE_COLS " WHERE at >= ?2 AND at < ?3 AND id > ?1" REPORT_PAGE_FILTER
    " ORDER BY id LIMIT ?10";
static const char report_page_id_sql[] =
    REPORT_PAGE_COLS " WHERE id > ?1" REPORT_PAGE_FILTER
    " ORDER BY id LIMIT ?10";

static const char *
report_page_sql(const struct report_filter *f)
{
	if (f->subject != NULL)
		return report_page_subject_sql;
	if (f->from > 0 || f->to > 0)
		return report_page_time_sql;
	return report_page_id_sql;
}

static int
report_page_bind(struct db_stmt *st, const struct report_filter *f, int64_t after_id,
    int page_size, char exact[EVLOG_KIND_SIZE], struct err *e)
{
	char hi[EVLOG_KIND_SIZE];
	const char *lo;
	int n;

	if (report_prefix(f->kind, &lo, hi, e) != 0)
		return -1;
	if (f->outcome != NULL) {
		n = snprintf(exact, EVLOG_KIND_SIZE, "verify.%s", f->outcome);
		if (n < 0 || n >= EVLOG_KIND_SIZE)
			return err_set(e, ERR_INPUT, "outcome", "report.outcome_invalid",
			    NULL);
	}
	db_bind_int64(st, 1, after_id);
	db_bind_int64(st, 2, f->from);
	db_bind_int64(st, 3, f->to > 0 ? f->to : INT64_MAX);
	db_bind_text(st, 4, lo);
	if (lo != NULL)
		db_bind_text(st, 5, hi);
	db_bind_text(st, 6, f->outcome != NULL ? exact : NULL);
	db_bind_text(st, 7, f->station);
	db_bind_text(st, 8, f->actor);
	db_bind_text(st, 9, f->subject);
	db_bind_int64(st, 10, page_size);
	return 0;
}

int
report_events_page(struct reg *r, const struct report_filter *f, int64_t after_id,
    int page_size, evlog_cb cb, void *arg, struct err *e)
{
	char exact[EVLOG_KIND_SIZE];
	struct db_stmt *st;

	if (page_size < 1 || page_size > REPORT_PAGE_MAX)
		return err_set(e, ERR_INPUT, "page_size", "report.page_size_invalid",
		    NULL);
	if ((st = db_prepare(r->db, report_page_sql(f), e)) == NULL)
		return -1;
	if (report_page_bind(st, f, after_id, page_size, exact, e) != 0) {
		db_reset(st);
		return -1;
	}
	return evlog_rows(st, cb, arg, "report events", e);
}

/* --- export --- */

/* RFC 4180, and a leading apostrophe on what a spreadsheet would take for a
 * formula, so that an exported subject or detail cannot run in Excel. */
static void
report_csv_field(FILE *out, const char *s, int last)
{
	const char *p;
	int guard = *s != '\0' && strchr("=+-@\t\r", *s) != NULL;

	if (!guard && strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
	} else {
		fputc('"', out);
		if (guard)
			fputc('\'', out);
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				fputc('"', out);
			fputc(*p, out);
		}
		fputc('"', out);
	}
	fputs(last ? "\r\n" : ",", out);
}

static void
report_csv_event(FILE *out, const struct event *ev)
{
	char at[20];

	clock_format_local(ev->at, at, sizeof at);
	fprintf(out, "%lld,", (long long)ev->id);
	report_csv_field(out, at, 0);
	report_csv_field(out, ev->station, 0);
	report_csv_field(out, ev->actor, 0);
	report_csv_field(out, ev->kind, 0);
	report_csv_field(out, ev->subject, 0);
	report_csv_field(out, ev->detail, 1);
}

/* A JSON string of s; bytes that are not UTF-8 (never written by this program,
 * but the file is not ours alone) become '?' rather than failing the export. */
static json_t *
report_json_str(const char *s)
{
	json_t *j;
	char *copy, *p;

	if ((j = json_string(s)) != NULL)
		return j;
	if ((copy = strdup(s)) == NULL)
		return NULL;
	for (p = copy; *p != '\0'; p++) {
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	}
	j = json_string(copy);
	free(copy);
	return j;
}

static int
report_json_event(FILE *out, const struct event *ev, int first)
{
	char at[20];
	json_t *o;
	int rc;

	clock_format_local(ev->at, at, sizeof at);
	o = json_pack("{s:I, s:I, s:s, s:o*, s:o*, s:o*, s:o*, s:o*}",
	    "id", (json_int_t)ev->id, "at", (json_int_t)ev->at, "at_local", at,
	    "station", report_json_str(ev->station),
	    "actor", report_json_str(ev->actor), "kind", report_json_str(ev->kind),
	    "subject", report_json_str(ev->subject),
	    "detail", report_json_str(ev->detail));
	if (o == NULL)
		return -1;
	fputs(first ? "\n" : ",\n", out);
	rc = json_dumpf(o, out, JSON_COMPACT);
	json_decref(o);
	return rc;
}

static const char report_export_sql[] =
    "SELECT id, at, station, actor, kind, subject, detail FROM event"
    " WHERE at >= ?1 AND at < ?2 ORDER BY at, id";

int
report_export(struct reg *r, int64_t from, int64_t to, enum report_format fmt,
    FILE *out, struct err *e)
{
	struct event ev;
	struct db_stmt *st;
	int64_t n = 0;
	int rc = DB_DONE, bad = 0;

	if ((st = db_prepare(r->db, report_export_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, from);
	db_bind_int64(st, 2, to > 0 ? to : INT64_MAX);
	if (fmt == REPORT_CSV)
		fputs("id,at_local,station,actor,kind,subject,detail\r\n", out);
	else
		fputc('[', out);
	while (!bad && (rc = db_step(st)) == DB_ROW) {
		evlog_row(st, &ev);
		if (fmt == REPORT_CSV)
			report_csv_event(out, &ev);
		else
			bad = report_json_event(out, &ev, n == 0) != 0;
		n++;
		bad = bad || ferror(out);
	}
	db_reset(st);
	if (bad)
		return err_set(e, ERR_SYSTEM, NULL, "report.write_failed",
		    "after %lld events", (long long)n);
	if (rc != DB_DONE)
		return db_err(r->db, e, "report export");
	if (fmt == REPORT_JSON)
		fputs(n > 0 ? "\n]\n" : "]\n", out);
	if (fflush(out) != 0 || ferror(out))
		return err_set(e, ERR_SYSTEM, NULL, "report.write_failed", "at the end");
	return 0;
}
