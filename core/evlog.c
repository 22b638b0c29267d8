/*
 * evlog.c: see evlog.h.
 *
 * hash(n) = BLAKE2b-256(hash(n-1) || len-prefixed fields of event n), with the
 * first event chained to 32 zero bytes. Fields are length-prefixed so that moving
 * bytes from one field to the next changes the hash. The id is hashed too: that is
 * what makes a removed event or a swapped pair detectable.
 *
 * One chain for the whole registry, also when many hosts write to one
 * PostgreSQL database: an appender takes the chain's lock (evlog_lock(), an
 * upsert of one meta row, which holds that row's lock to the end of the
 * transaction) before it reads the tip, so the tip it reads is the last
 * committed one and no other appender can add after it until it commits or
 * rolls back. The same SQL does this on both engines: on SQLite the write
 * lock of BEGIN IMMEDIATE already makes writers one at a time. Per-station
 * chains with a city-wide digest would let appenders run in parallel, but
 * every check (evlog_verify, report.c, a supervisor reading one day) would
 * then merge chains, and an event's place in time would depend on clocks that
 * may disagree; appends are short, so one queue costs little.
 *
 * The chain uses no secret; signed checkpoints (evcheck.h) pin it. What an
 * attacker who can write the registry file, but not the key file nor the
 * checkpoint file, can and cannot hide from "jsdctl log verify":
 * - Cannot change, remove, insert or reorder an event at or before the latest
 *   checkpoint, even dropping the triggers and recomputing every later hash:
 *   the hash at the checkpoint's count then differs ("differs").
 * - Cannot cut the log back before the latest checkpoint, nor put back an
 *   older copy of the registry: the log then ends before it ("ends before");
 *   a genuine restore writes a signed record, which takes the key.
 * - Can rewrite or cut the events after the latest checkpoint (those of the
 *   current day, or since the last "log checkpoint"), recomputing the chain:
 *   nothing records them yet. Can read everything (the chain hides nothing).
 * - Can delete or empty the checkpoint file only if it is writable to them:
 *   keep it apart (another host, an append-only file). Then "log verify" says
 *   there is none, and the codes written down from the day screen still hold.
 * Whoever also holds the key can sign new checkpoints and restore records, but
 * still not remove lines from a checkpoint file kept apart, nor change a code
 * written on paper.
 *
 * The day summary (event_day, migration 13) counts events by Shanghai day,
 * station, actor and kind, and is written here, in the appender's transaction,
 * behind the chain's lock: a summary the report reads (report.c) is then never
 * ahead of or behind the committed log, and since appenders hold the lock
 * one at a time, two never wait for each other's summary rows (no deadlock,
 * whatever order their keys come in). A batch folds equal keys first: one
 * upsert a key, not an event. The summary is not chained: whoever can rewrite
 * events can rewrite it too (and every station role may add to its counts,
 * which an upsert must read); the chain catches the first, and
 * evlog_day_check() ("log verify") finds a day whose summary differs from its
 * events.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "evcheck.h"
#include "evlog.h"
#include "clock.h"
#include "reg-private.h"

static void
evlog_hash_field(crypto_generichash_state *h, const char *s)
{
	unsigned char len[4];
	size_t n = strlen(s);

	len[0] = (unsigned char)(n >> 24);
	len[1] = (unsigned char)(n >> 16);
	len[2] = (unsigned char)(n >> 8);
	len[3] = (unsigned char)n;
	crypto_generichash_update(h, len, sizeof len);
	crypto_generichash_update(h, (const unsigned char *)s, n);
}

void
evlog_hash(const unsigned char prev[EVLOG_HASH_SIZE], const struct event *ev,
    unsigned char out[EVLOG_HASH_SIZE])
{
	crypto_generichash_state h;
	unsigned char num[16];
	int i;

	crypto_generichash_init(&h, NULL, 0, EVLOG_HASH_SIZE);
	crypto_generichash_update(&h, prev, EVLOG_HASH_SIZE);
	for (i = 0; i < 8; i++) {
		num[i] = (unsigned char)((uint64_t)ev->id >> (56 - 8 * i));
		num[8 + i] = (unsigned char)((uint64_t)ev->at >> (56 - 8 * i));
	}
	crypto_generichash_update(&h, num, sizeof num);
	evlog_hash_field(&h, ev->station);
	evlog_hash_field(&h, ev->actor);
	evlog_hash_field(&h, ev->kind);
	evlog_hash_field(&h, ev->subject);
	evlog_hash_field(&h, ev->detail);
	crypto_generichash_final(&h, out, EVLOG_HASH_SIZE);
}

static void
evlog_copy(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (n >= len) {
		n = len - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static const char evlog_lock_sql[] =
    "INSERT INTO meta (key, value) VALUES ('evlog.lock', '')"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value";

int
evlog_lock(struct reg *r, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, evlog_lock_sql, e)) == NULL)
		return -1;
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "event chain lock");
}

static const char evlog_last_sql[] =
    "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1";
static const char evlog_insert_sql[] =
    "INSERT INTO event (id, at, station, actor, kind, subject, detail, hash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/* Binds ev and its hash as the 8 parameters from base + 1 of an insert. */
static void
evlog_bind(struct db_stmt *st, int base, const struct event *ev,
    const unsigned char hash[EVLOG_HASH_SIZE])
{
	db_bind_int64(st, base + 1, ev->id);
	db_bind_int64(st, base + 2, ev->at);
	db_bind_text(st, base + 3, ev->station);
	db_bind_text(st, base + 4, ev->actor);
	db_bind_text(st, base + 5, ev->kind);
	db_bind_text(st, base + 6, ev->subject);
	db_bind_text(st, base + 7, ev->detail);
	db_bind_blob(st, base + 8, hash, EVLOG_HASH_SIZE);
}

/* A row of the day summary: the key an event counts under, and how many. */
struct evlog_day {
	int64_t		 day;
	char		 station[REG_STATION_SIZE];
	char		 actor[EVLOG_ACTOR_SIZE];
	char		 kind[EVLOG_KIND_SIZE];
	int64_t		 n;
};

/* Migration 13 says the same two rules in SQL for its backfill. */
static void
evlog_day_of(const struct event *ev, struct evlog_day *d)
{
	d->day = clock_day_start(ev->at);
	snprintf(d->station, sizeof d->station, "%s", ev->station);
	snprintf(d->actor, sizeof d->actor, "%s",
	    reg_staff_name_valid(ev->actor) ? ev->actor : "");
	snprintf(d->kind, sizeof d->kind, "%s", ev->kind);
	d->n = 1;
}

/* Day summary rows being counted, equal keys folded. */
struct evlog_days {
	struct evlog_day	*v;
	size_t			 n, cap;
};

static int
evlog_day_same(const struct evlog_day *a, const struct evlog_day *b)
{
	return a->day == b->day && strcmp(a->station, b->station) == 0 &&
	    strcmp(a->actor, b->actor) == 0 && strcmp(a->kind, b->kind) == 0;
}

/* Adds d's count to its key's row. A linear search: a batch has a few keys,
 * a day a few hundred. */
static int
evlog_days_add(struct evlog_days *days, const struct evlog_day *d,
    struct err *e)
{
	struct evlog_day *v;
	size_t i;

	for (i = 0; i < days->n; i++) {
		if (evlog_day_same(&days->v[i], d)) {
			days->v[i].n += d->n;
			return 0;
		}
	}
	if (days->n == days->cap) {
		days->cap = days->cap ? days->cap * 2 : 16;
		if ((v = realloc(days->v, days->cap * sizeof *v)) == NULL)
			return err_set(e, ERR_SYSTEM, NULL, "reg.nomem",
			    "event day summary");
		days->v = v;
	}
	days->v[days->n++] = *d;
	return 0;
}

static int
evlog_days_add_event(struct evlog_days *days, const struct event *ev,
    struct err *e)
{
	struct evlog_day d;

	evlog_day_of(ev, &d);
	return evlog_days_add(days, &d, e);
}

static int
evlog_day_put(struct reg *r, const struct evlog_day *d, struct err *e)
{
	struct db_stmt *st;

	if ((st = reg_guard_prepare(r, REG_GUARD_DAY_ADD, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, d->day);
	db_bind_text(st, 2, d->station);
	db_bind_text(st, 3, d->actor);
	db_bind_text(st, 4, d->kind);
	db_bind_int64(st, 5, d->n);
	return db_done(st, "event day summary", e);
}

/* The insert alone; its callers count it in the day summary. */
static int
evlog_insert(struct reg *r, const struct event *ev,
    unsigned char hash[EVLOG_HASH_SIZE], struct err *e)
{
	struct db_stmt *st;
	int rc;

	evlog_hash(hash, ev, hash);
	if ((st = db_prepare(r->db, evlog_insert_sql, e)) == NULL)
		return -1;
	evlog_bind(st, 0, ev, hash);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "event append");
}

int
evlog_put(struct reg *r, const struct event *ev,
    unsigned char hash[EVLOG_HASH_SIZE], struct err *e)
{
	struct evlog_day d;

	evlog_day_of(ev, &d);
	if (evlog_insert(r, ev, hash, e) != 0)
		return -1;
	return evlog_day_put(r, &d, e);
}

/*
 * A batch's events go in EVLOG_ROWS to a statement: the chain's lock is held
 * while they are inserted, and one statement instead of sixteen is one round
 * trip to a PostgreSQL server instead of sixteen.
 */
#define EVLOG_ROWS	16
static const char evlog_insert_rows_sql[] =
    "INSERT INTO event (id, at, station, actor, kind, subject, detail, hash)"
    " VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    ", (?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
    ", (?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)"
    ", (?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)"
    ", (?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40)"
    ", (?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48)"
    ", (?49, ?50, ?51, ?52, ?53, ?54, ?55, ?56)"
    ", (?57, ?58, ?59, ?60, ?61, ?62, ?63, ?64)"
    ", (?65, ?66, ?67, ?68, ?69, ?70, ?71, ?72)"
    ", (?73, ?74, ?75, ?76, ?77, ?78, ?79, ?80)"
    ", (?81, ?82, ?83, ?84, ?85, ?86, ?87, ?88)"
    ", (?89, ?90, ?91, ?92, ?93, ?94, ?95, ?96)"
    ", (?97, ?98, ?99, ?100, ?101, ?102, ?103, ?104)"
    ", (?105, ?106, ?107, ?108, ?109, ?110, ?111, ?112)"
    ", (?113, ?114, ?115, ?116, ?117, ?118, ?119, ?120)"
    ", (?121, ?122, ?123, ?124, ?125, ?126, ?127, ?128)";

/* Chains EVLOG_ROWS events after hash, which becomes the last one's, and
 * inserts them in one statement. */
static int
evlog_put_rows(struct reg *r, const struct event *ev,
    unsigned char hash[EVLOG_HASH_SIZE], struct err *e)
{
	unsigned char hashes[EVLOG_ROWS][EVLOG_HASH_SIZE];
	struct db_stmt *st;
	int i, rc;

	if ((st = db_prepare(r->db, evlog_insert_rows_sql, e)) == NULL)
		return -1;
	for (i = 0; i < EVLOG_ROWS; i++) {
		evlog_hash(hash, &ev[i], hash);
		memcpy(hashes[i], hash, EVLOG_HASH_SIZE);
		evlog_bind(st, 8 * i, &ev[i], hashes[i]);
	}
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "event append");
}

/* An event to append, as this station writes it now. */
static void
evlog_fill(struct reg *r, struct event *ev, int64_t id,
    const struct evlog_entry *en)
{
	memset(ev, 0, sizeof *ev);
	ev->id = id;
	ev->at = clock_now();
	evlog_copy(ev->station, sizeof ev->station, reg_station(r));
	evlog_copy(ev->actor, sizeof ev->actor, en->actor);
	evlog_copy(ev->kind, sizeof ev->kind, en->kind);
	evlog_copy(ev->subject, sizeof ev->subject, en->subject ? en->subject : "");
	evlog_copy(ev->detail, sizeof ev->detail, en->detail ? en->detail : "");
}

/* Takes the chain's lock, then its tip: the next id and the last hash. */
static int
evlog_tip(struct reg *r, int64_t *id, unsigned char prev[EVLOG_HASH_SIZE],
    struct err *e)
{
	struct db_stmt *st;
	int rc;

	*id = 1;
	memset(prev, 0, EVLOG_HASH_SIZE);
	if (evlog_lock(r, e) != 0)
		return -1;
	if ((st = db_prepare(r->db, evlog_last_sql, e)) == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW) {
		*id = db_col_int64(st, 0) + 1;
		if (db_col_bytes(st, 1) == EVLOG_HASH_SIZE)
			memcpy(prev, db_col_blob(st, 1), EVLOG_HASH_SIZE);
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_err(r->db, e, "event chain");
	evcheck_due(r, *id - 1, prev);
	return 0;
}

/* Inserts the n events after the tip, counting them into days. */
static int
evlog_insert_many(struct reg *r, const struct evlog_entry *en, int n,
    struct evlog_days *days, struct err *e)
{
	unsigned char prev[EVLOG_HASH_SIZE];
	struct event ev[EVLOG_ROWS];
	int64_t id;
	int i, j, k;

	if (evlog_tip(r, &id, prev, e) != 0)
		return -1;
	for (i = 0; i < n; i += k) {
		k = n - i >= EVLOG_ROWS ? EVLOG_ROWS : 1;
		for (j = 0; j < k; j++) {
			evlog_fill(r, &ev[j], id++, &en[i + j]);
			if (evlog_days_add_event(days, &ev[j], e) != 0)
				return -1;
		}
		if ((k == 1 ? evlog_insert(r, &ev[0], prev, e) :
		    evlog_put_rows(r, ev, prev, e)) != 0)
			return -1;
	}
	return 0;
}

int
evlog_append_many(struct reg *r, const struct evlog_entry *en, int n,
    struct err *e)
{
	struct evlog_days days = { NULL, 0, 0 };
	size_t i;
	int rc;

	rc = evlog_insert_many(r, en, n, &days, e);
	for (i = 0; rc == 0 && i < days.n; i++)
		rc = evlog_day_put(r, &days.v[i], e);
	free(days.v);
	return rc;
}

int
evlog_append(struct reg *r, const char *actor, const char *kind,
    const char *subject, const char *detail, struct err *e)
{
	const struct evlog_entry en = { actor, kind, subject, detail };

	return evlog_append_many(r, &en, 1, e);
}

int
evlog_append_tx(struct reg *r, const char *actor, const char *kind,
    const char *subject, const char *detail, struct err *e)
{
	if (db_begin(r->db, e) != 0)
		return -1;
	if (evlog_append(r, actor, kind, subject, detail, e) != 0) {
		db_rollback(r->db);
		return -1;
	}
	return db_commit(r->db, e);
}

void
evlog_filter_init(struct evlog_filter *f)
{
	memset(f, 0, sizeof *f);
}

void
evlog_row(struct db_stmt *st, struct event *ev)
{
	ev->id = db_col_int64(st, 0);
	ev->at = db_col_int64(st, 1);
	db_col_copy(st, 2, ev->station, sizeof ev->station);
	db_col_copy(st, 3, ev->actor, sizeof ev->actor);
	db_col_copy(st, 4, ev->kind, sizeof ev->kind);
	db_col_copy(st, 5, ev->subject, sizeof ev->subject);
	db_col_copy(st, 6, ev->detail, sizeof ev->detail);
}

static const char evlog_max_sql[] = "SELECT COALESCE(max(id), 0) FROM event";

int
evlog_last_id(struct reg *r, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int rc;

	*id = 0;
	if ((st = db_prepare(r->db, evlog_max_sql, e)) == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW)
		*id = db_col_int64(st, 0);
	db_reset(st);
	return rc == DB_ROW ? 0 : db_err(r->db, e, "event last id");
}

/* A limit keeps the newest events (what someone looking at the log wants),
 * still listed oldest first. */
static const char evlog_list_sql[] =
    "SELECT id, at, station, actor, kind, subject, detail FROM ("
    " SELECT id, at, station, actor, kind, subject, detail FROM event"
    " WHERE at >= ?1 AND (?2 = 0 OR at < ?2)"
    "   AND (?3 IS NULL OR substr(kind, 1, length(?3)) = ?3)"
    "   AND (?4 IS NULL OR subject = ?4)"
    " ORDER BY id DESC LIMIT ?5) AS newest ORDER BY id";

/* An evlog_rows() caller's callback, for db_rows(). */
struct evlog_rows_to {
	evlog_cb	 cb;
	void		*arg;
};

static int
evlog_rows_one(struct db_stmt *st, void *arg)
{
	struct evlog_rows_to *to = arg;
	struct event ev;

	evlog_row(st, &ev);
	return to->cb(&ev, to->arg);
}

int
evlog_rows(struct db_stmt *st, evlog_cb cb, void *arg, const char *what,
    struct err *e)
{
	struct evlog_rows_to to = { cb, arg };

	return db_rows(st, evlog_rows_one, &to, what, e);
}

int
evlog_list(struct reg *r, const struct evlog_filter *f, evlog_cb cb, void *arg,
    struct err *e)
{
	struct db_stmt *st;

	if ((st = db_prepare(r->db, evlog_list_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, f->from);
	db_bind_int64(st, 2, f->to);
	db_bind_text(st, 3, f->kind);
	db_bind_text(st, 4, f->subject);
	db_bind_int64(st, 5, f->limit > 0 ? f->limit : DB_NO_LIMIT);
	return evlog_rows(st, cb, arg, "event list", e);
}

/* In pages by id: PostgreSQL hands over a query's whole result at once, and a
 * city's log does not fit in memory. Starting below every id, so that a row
 * slipped in before the first is seen. */
#define EVLOG_PAGE	10000
static const char evlog_page_sql[] =
    "SELECT id, at, station, actor, kind, subject, detail, hash FROM event"
    " WHERE id > ?1 ORDER BY id LIMIT ?2";

/* Checks the next page after *last: 1 when there may be more, 0 at the end
 * or where the chain breaks, -1 on error. */
static int
evlog_verify_page(struct reg *r, unsigned char prev[EVLOG_HASH_SIZE],
    int64_t *last, int64_t *broken_at, int64_t *count, struct err *e)
{
	unsigned char want[EVLOG_HASH_SIZE];
	struct event ev;
	struct db_stmt *st;
	int rc, n = 0;

	if ((st = db_prepare(r->db, evlog_page_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, *last);
	db_bind_int64(st, 2, EVLOG_PAGE);
	while ((rc = db_step(st)) == DB_ROW) {
		evlog_row(st, &ev);
		evlog_hash(prev, &ev, want);
		(*count)++;
		n++;
		/* A gap in ids is a removed event even if the hashes were redone. */
		if (ev.id != *count ||
		    db_col_bytes(st, 7) != EVLOG_HASH_SIZE ||
		    memcmp(db_col_blob(st, 7), want, EVLOG_HASH_SIZE) != 0) {
			*broken_at = ev.id;
			db_reset(st);
			return 0;
		}
		memcpy(prev, want, EVLOG_HASH_SIZE);
		*last = ev.id;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "event verify");
	return n == EVLOG_PAGE;
}

int
evlog_verify(struct reg *r, int64_t *broken_at, int64_t *count, struct err *e)
{
	unsigned char prev[EVLOG_HASH_SIZE] = { 0 };
	int64_t last = INT64_MIN;
	int rc;

	*broken_at = 0;
	*count = 0;
	while ((rc = evlog_verify_page(r, prev, &last, broken_at, count, e)) == 1)
		;
	return rc;
}

/* --- the day summary against the events --- */

static const char evlog_day_events_sql[] =
    "SELECT at, station, actor, kind FROM event WHERE at >= ?1 AND at < ?2";
static const char evlog_day_rows_sql[] =
    "SELECT day, station, actor, kind, n FROM event_day"
    " WHERE day >= ?1 AND day < ?2";
static const char evlog_day_span_sql[] =
    "SELECT (SELECT min(at) FROM event), (SELECT max(at) FROM event),"
    " (SELECT min(day) FROM event_day), (SELECT max(day) FROM event_day)";

/* A day being checked: the rows counted so far, and whether the rows now
 * coming are the summary's (taken away) or events (added). */
struct evlog_day_diff {
	struct evlog_days	 days;
	int			 summary;
	struct err		*e;
	int			 failed;
};

static int
evlog_day_diff_row(struct db_stmt *st, void *arg)
{
	struct evlog_day_diff *df = arg;
	struct evlog_day d;
	struct event ev;

	memset(&ev, 0, sizeof ev);
	ev.at = db_col_int64(st, 0);
	db_col_copy(st, 1, ev.station, sizeof ev.station);
	db_col_copy(st, 2, ev.actor, sizeof ev.actor);
	db_col_copy(st, 3, ev.kind, sizeof ev.kind);
	if (!df->summary)
		df->failed = evlog_days_add_event(&df->days, &ev, df->e) != 0;
	else {
		memset(&d, 0, sizeof d);
		d.day = ev.at;
		memcpy(d.station, ev.station, sizeof d.station);
		memcpy(d.actor, ev.actor, sizeof d.actor);
		memcpy(d.kind, ev.kind, sizeof d.kind);
		d.n = -db_col_int64(st, 4);
		df->failed = evlog_days_add(&df->days, &d, df->e) != 0;
	}
	return df->failed;
}

/* Counts the events of the day starting at day, then takes the summary's rows
 * for it away: what is left at nonzero differs. */
static int
evlog_day_diff(struct reg *r, int64_t day, struct evlog_day_diff *df,
    struct err *e)
{
	struct db_stmt *st;

	df->e = e;
	for (df->summary = 0; df->summary < 2; df->summary++) {
		st = db_prepare(r->db, df->summary ? evlog_day_rows_sql :
		    evlog_day_events_sql, e);
		if (st == NULL)
			return -1;
		db_bind_int64(st, 1, day);
		db_bind_int64(st, 2, day + CLOCK_DAY);
		if (db_rows(st, evlog_day_diff_row, df, "event day check", e) != 0 ||
		    df->failed)
			return -1;
	}
	return 0;
}

/* 1 when the day's summary is its events counted, 0 when not, -1 on error. */
static int
evlog_day_matches(struct reg *r, int64_t day, struct err *e)
{
	struct evlog_day_diff df;
	size_t i;
	int rc;

	memset(&df, 0, sizeof df);
	rc = evlog_day_diff(r, day, &df, e) == 0 ? 1 : -1;
	for (i = 0; rc == 1 && i < df.days.n; i++) {
		if (df.days.v[i].n != 0)
			rc = 0;
	}
	free(df.days.v);
	return rc;
}

/* The first and last day of the events and of the summary, together. */
static int
evlog_day_span(struct reg *r, int64_t *first, int64_t *last, struct err *e)
{
	struct db_stmt *st;
	int64_t v;
	int i, rc;

	*first = INT64_MAX;
	*last = INT64_MIN;
	if ((st = db_prepare(r->db, evlog_day_span_sql, e)) == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW) {
		for (i = 0; i < 4; i++) {
			if (db_col_type(st, i) == DB_NULL)
				continue;
			v = clock_day_start(db_col_int64(st, i));
			*first = v < *first ? v : *first;
			*last = v > *last ? v : *last;
		}
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : db_err(r->db, e, "event day span");
}

int
evlog_day_check(struct reg *r, int64_t *differs, struct err *e)
{
	int64_t day, last;
	int rc;

	*differs = 0;
	if (evlog_day_span(r, &day, &last, e) != 0)
		return -1;
	for (; day <= last; day += CLOCK_DAY) {
		if ((rc = evlog_day_matches(r, day, e)) < 0)
			return -1;
		if (rc == 0) {
			*differs = day;
			return 0;
		}
	}
	return 0;
}
