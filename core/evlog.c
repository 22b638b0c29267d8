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
 */
#include "config.h"

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

	if ((st = db_prepare(r->db, evlog_lock_sql, e)) == NULL)
		return -1;
	/* Goes with the tip's read: one round trip to a server, not two. */
	return db_done_later(st, "event chain lock", e);
}

static const char evlog_last_sql[] =
    "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1";
/* Events go in as few statements as db_insert_rows() makes of them: a
 * batch's are inserted while the chain's lock is held, and one statement
 * instead of sixty-four is one round trip to a PostgreSQL server instead of
 * sixty-four. */
static const char evlog_insert_sql[] =
    "INSERT INTO event (id, at, station, actor, kind, subject, detail, hash)"
    " VALUES ";
#define EVLOG_WIDTH	8

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

/* An event as it is, and its hash, for evlog_put(). */
struct evlog_one {
	const struct event	*ev;
	const unsigned char	*hash;
};

static void
evlog_bind_one(struct db_stmt *st, int base, int i, void *arg)
{
	struct evlog_one *one = arg;

	(void)i;
	evlog_bind(st, base, one->ev, one->hash);
}

int
evlog_put(struct reg *r, const struct event *ev,
    unsigned char hash[EVLOG_HASH_SIZE], struct err *e)
{
	struct evlog_one one = { ev, hash };

	evlog_hash(hash, ev, hash);
	return db_insert_rows(r->db, evlog_insert_sql, EVLOG_WIDTH, 1,
	    evlog_bind_one, &one, "event append", e);
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

/* The events of a batch, made and chained on from prev as they are bound:
 * the engines copy what is bound. */
struct evlog_rows {
	struct reg			*r;
	const struct evlog_entry	*en;
	int64_t				 first;	/* the first one's id */
	unsigned char			*prev;
};

static void
evlog_bind_row(struct db_stmt *st, int base, int i, void *arg)
{
	struct evlog_rows *rows = arg;
	struct event ev;

	evlog_fill(rows->r, &ev, rows->first + i, &rows->en[i]);
	evlog_hash(rows->prev, &ev, rows->prev);
	evlog_bind(st, base, &ev, rows->prev);
}

int
evlog_append_many(struct reg *r, const struct evlog_entry *en, int n,
    struct err *e)
{
	unsigned char prev[EVLOG_HASH_SIZE] = { 0 };
	struct evlog_rows rows = { r, en, 1, prev };
	struct db_stmt *st;
	int rc;

	if (evlog_lock(r, e) != 0)
		return -1;
	if ((st = db_prepare(r->db, evlog_last_sql, e)) == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW) {
		rows.first = db_col_int64(st, 0) + 1;
		if (db_col_bytes(st, 1) == EVLOG_HASH_SIZE)
			memcpy(prev, db_col_blob(st, 1), EVLOG_HASH_SIZE);
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_err(r->db, e, "event chain");
	evcheck_due(r, rows.first - 1, prev);

	return db_insert_rows(r->db, evlog_insert_sql, EVLOG_WIDTH, n,
	    evlog_bind_row, &rows, "event append", e);
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
