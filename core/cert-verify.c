/*
 * cert-verify.c: presenting codes, verifying them (6.2, 6.4, 7.1), scan-to-login
 * (7.2), and the registry's signing key.
 *
 * A presented QR is signed (pcode.h), so its signature and times are checked
 * without the registry; the registry then says whether it was issued, whether
 * its certificate, holder and (for a user) authorization still stand, and where
 * it was seen before. Barcodes and digits are lookup keys: only the registry can
 * check them, and a wrong check digit is counted as a typo, not a guess.
 *
 * Guessing them must not pay, yet a holder with a genuine code must never be
 * turned away, so failed lookups slow the guessing instead of locking anyone
 * out (limits in cert.h). Each unknown code adds a delay before that station's
 * next typed lookup: 2 s after the first in the last hour, doubling, at most 15
 * minutes. Since a station is whatever name the caller gives, guessing under
 * many names is met city-wide: beyond 100 failures in the last hour, every
 * station waits 30 s after each further failure anywhere. A lookup inside a
 * delay is answered at once as rate_limited with the second it may be tried
 * again (retry_after); it is not looked up, so it tells nothing, and nothing
 * sleeps. A genuine code is answered once the delay is over. Signed QR codes
 * cannot be guessed and are never limited.
 *
 * What that buys. A guesser, under any number of station names, gets at most
 * G = 100 + 86,400 / 30 = 2,980 lookups a day. Live numeric codes: assume a
 * busy day of 50,000 verifications city-wide in 8 opening hours, at a peak of 3
 * times the mean, all by numeric code: 50,000 * 3 / 96 = 1,563 live at once,
 * taken as L = 2,000. A numeric code has 14 random digits (code.h), so each
 * guess hits a live code with p = L / 10^14, and
 *	P(a hit within a day) = 1 - (1 - 2,000 / 10^14)^2,980 = 6.0e-8,
 * below one in a million with 16 times room for the assumption. (The 9 random
 * digits of the old 10-digit code gave 5.9e-3 at these limits; no limit that
 * lets counters work could bring 9 digits below 1e-6.) A barcode's 19 random
 * digits give 6.0e-13.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cert-private.h"
#include "clock.h"
#include "evlog.h"
#include "keyring.h"
#include "pcode.h"
#include "reg-op.h"
#include "regkey.h"
#include "text.h"

static const char *const outcome_names[] = {
	"valid", "malformed", "forged", "expired", "not_yet_valid", "clock_suspect",
	"unknown_key", "revoked", "unknown", "wrong_kind", "typo", "rate_limited",
	"lapsed", "not_for_matter",
};

const char *
cert_outcome_name(enum verify_outcome o)
{
	return outcome_names[o];
}

/* --- presenting --- */

/* A user presents only while an authorization is in force: the receiver is to
 * compare it, and there is nothing to compare without one. */
static const char in_force_sql[] =
    "SELECT id, cert_id, user_id, granted_by, matters, starts_at, ends_at,"
    " status FROM authz WHERE user_id = ?1 AND status = 'active'"
    " AND starts_at <= ?2"
    " AND ends_at > ?2 ORDER BY ends_at DESC LIMIT ?3";

static int
authz_in_force(struct reg *r, int64_t user, struct authz *out, int max, int *n,
    struct err *e)
{
	int64_t now = clock_now();
	struct db_stmt *st;
	int rc;

	*n = 0;
	if ((st = db_prepare(r->db, in_force_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, user);
	db_bind_int64(st, 2, now);
	db_bind_int64(st, 3, max);
	while ((rc = db_step(st)) == DB_ROW && *n < max)
		cert_authz_row(st, &out[(*n)++], now);
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 :
	    db_err(r->db, e, "authz in force");
}

/* The end of a user's last authorization that started and was not cancelled:
 * when it is past and no other is in force, the authorization lapsed then. */
static const char last_end_sql[] =
    "SELECT COALESCE(max(ends_at), 0) FROM authz WHERE user_id = ?1"
    " AND status = 'active' AND starts_at <= ?2";

/* Whether a user's code that failed (none in force, or expired at until)
 * failed because the authorization lapsed by then. */
static int
authz_lapsed(struct reg *r, int64_t user, int64_t until, int *lapsed,
    struct err *e)
{
	struct db_stmt *st;
	int64_t end = 0, now = clock_now();
	int rc;

	*lapsed = 0;
	if ((st = db_prepare(r->db, last_end_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, user);
	db_bind_int64(st, 2, now);
	if ((rc = db_step(st)) == DB_ROW)
		end = db_col_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return db_err(r->db, e, "authz lapsed");
	*lapsed = end > 0 && end <= now && end <= until;
	return 0;
}

static const char presented_insert_sql[] =
    "INSERT INTO presented (cert_id, holder_id, kind, hash, issued_at, expires_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (hash) DO NOTHING";

static int
presented_insert(struct reg *r, const struct holder *me, const char *kind,
    const uint8_t hash[CODE_HASH_BYTES], int64_t now, int64_t expires,
    struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, presented_insert_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, me->cert_id);
	db_bind_int64(st, 2, me->id);
	db_bind_text(st, 3, kind);
	db_bind_blob(st, 4, hash, CODE_HASH_BYTES);
	db_bind_int64(st, 5, now);
	db_bind_int64(st, 6, expires);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "presented insert");
	/* Nothing inserted: a code already has these digits, so draw again. Not
	 * an error, which would end a PostgreSQL transaction. */
	return db_changes(r->db) == 0;
}

static int
present_qr(struct reg *r, const struct holder *me, int64_t now, int64_t expires,
    char *text, size_t len, struct err *e)
{
	uint8_t hash[CODE_HASH_BYTES];
	struct pcode p;

	if (r->key == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "regkey.missing", NULL);
	memset(&p, 0, sizeof p);
	p.key_id = r->key->key_id;
	p.cert_id = (uint32_t)me->cert_id;
	p.holder_id = (uint32_t)me->id;
	p.role = (uint8_t)me->role;
	p.issued = (uint32_t)now;
	p.lifetime = (uint16_t)(expires - now);
	randombytes_buf(p.nonce, sizeof p.nonce);
	crypto_generichash(hash, sizeof hash, p.nonce, sizeof p.nonce, NULL, 0);
	if (presented_insert(r, me, "qr", hash, now, expires, e) != 0)
		return err_set(e, ERR_SYSTEM, NULL, "present.failed", NULL);
	if (pcode_encode(&p, r->key->sk, text, len) != 0)
		return err_set(e, ERR_SYSTEM, NULL, "present.failed", NULL);
	return 0;
}

static int
present_lookup_code(struct reg *r, const struct holder *me, enum present_kind kind,
    int64_t now, int64_t expires, char *text, size_t len, struct err *e)
{
	uint8_t hash[CODE_HASH_BYTES];
	char code[24];
	int tries, rc;

	for (tries = 0; tries < 8; tries++) {
		if ((kind == PRESENT_BARCODE ? code_new_barcode(code, hash) :
		    code_new_digits(code, hash)) != 0)
			return err_set(e, ERR_SYSTEM, NULL, "present.failed", NULL);
		rc = presented_insert(r, me, kind == PRESENT_BARCODE ? "barcode" :
		    "digits", hash, now, expires, e);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			snprintf(text, len, "%s", code);
			return 0;
		}
	}
	return err_set(e, ERR_SYSTEM, NULL, "present.failed", NULL);
}

int
cert_present(struct reg *r, const struct holder *me, enum present_kind kind,
    char *text, size_t len, int64_t *expires, struct err *e)
{
	struct authz a;
	int64_t now = clock_now(), until = now + CERT_CODE_LIFETIME;
	int n, rc;

	if (reg_clock_ok(r, e) != 0 || cert_note_lapses(r, e) != 0)
		return -1;
	if (me->role == ROLE_USER) {
		if (authz_in_force(r, me->id, &a, 1, &n, e) != 0)
			return -1;
		if (n == 0)
			return err_set(e, ERR_RULE, "wallet", "present.no_authz", NULL);
		/* A code must not outlive what it presents: offline it then
		 * simply expires when the authorization ends. */
		if (a.ends_at < until)
			until = a.ends_at;
	}
	if (db_begin(r->db, e) != 0)
		return -1;
	rc = kind == PRESENT_QR ? present_qr(r, me, now, until, text, len, e) :
	    present_lookup_code(r, me, kind, now, until, text, len, e);
	if (rc != 0) {
		db_rollback(r->db);
		return -1;
	}
	*expires = until;
	return db_commit(r->db, e);
}

/* --- verifying --- */

static const char presented_get_sql[] =
    "SELECT id, cert_id, holder_id, expires_at FROM presented"
    " WHERE hash = ?1 AND kind = ?2";

/* 1 found, 0 not, -1 error. */
static int
presented_find(struct reg *r, const uint8_t hash[CODE_HASH_BYTES],
    const char *kind, struct presented_row *p, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, presented_get_sql, e)) == NULL)
		return -1;
	db_bind_blob(st, 1, hash, CODE_HASH_BYTES);
	db_bind_text(st, 2, kind);
	if ((rc = db_step(st)) == DB_ROW) {
		p->id = db_col_int64(st, 0);
		p->cert_id = db_col_int64(st, 1);
		p->holder_id = db_col_int64(st, 2);
		p->expires_at = db_col_int64(st, 3);
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_err(r->db, e, "presented get");
	return rc == DB_ROW;
}

/* A user's code that stopped because its authorization ended is lapsed, not
 * revoked or expired: the receiver is told the authorization is over. */
static int
expired_why(struct reg *r, const struct presented_row *p, int64_t until,
    enum verify_outcome otherwise, struct verify_result *v, struct err *e)
{
	struct holder h;
	int lapsed = 0;

	v->outcome = otherwise;
	if (cert_holder_read(r, p->holder_id, &h, e) != 0)
		return e->kind == ERR_NOTFOUND ? err_clear(e), 0 : -1;	/* id gone */
	if (h.role == ROLE_USER && h.status == HOLDER_ACTIVE &&
	    authz_lapsed(r, h.id, until, &lapsed, e) != 0)
		return -1;
	if (lapsed)
		v->outcome = VERIFY_LAPSED;
	return 0;
}

/* Whether certificate, holder and (for a user) an authorization still stand;
 * fills what the receiver is shown. */
static int
live_check(struct reg *r, const struct presented_row *p, struct verify_result *v,
    struct err *e)
{
	char code[REG_CODE_SIZE];
	enum cert_status cs;

	if (cert_code_of(r, p->cert_id, code, e) != 0 ||
	    cert_status_of(r, p->cert_id, &cs, e) != 0 ||
	    cert_holder_read(r, p->holder_id, &v->presenter, e) != 0)
		return -1;
	v->expires_at = p->expires_at;
	if (cs != CERT_ACTIVE || v->presenter.status != HOLDER_ACTIVE) {
		v->outcome = VERIFY_REVOKED;
		return 0;
	}
	if (v->presenter.role == ROLE_USER) {
		if (authz_in_force(r, v->presenter.id, v->authz, CERT_MAX_AUTHZ_SHOWN,
		    &v->nauthz, e) != 0)
			return -1;
		if (v->nauthz == 0)
			return expired_why(r, p, p->expires_at, VERIFY_REVOKED, v, e);
	}
	if (reg_inst_get(r, code, &v->inst, e) != 0)
		return -1;
	v->outcome = VERIFY_VALID;
	return 0;
}

static enum verify_outcome
from_pcode(enum pcode_outcome o)
{
	switch (o) {
	case PCODE_OK:
		return VERIFY_VALID;
	case PCODE_FORGED:
		return VERIFY_FORGED;
	case PCODE_EXPIRED:
		return VERIFY_EXPIRED;
	case PCODE_NOT_YET_VALID:
		return VERIFY_NOT_YET_VALID;
	case PCODE_CLOCK_SUSPECT:
		return VERIFY_CLOCK_SUSPECT;
	case PCODE_UNKNOWN_KEY:
		return VERIFY_UNKNOWN_KEY;
	default:
		return VERIFY_MALFORMED;
	}
}

/* The key a code names, from the ring given: current or retired. */
static int
offline_key(uint8_t key_id, uint8_t pk[32], int64_t *created, void *arg)
{
	const struct keyring_key *k = keyring_by_id(arg, key_id);

	if (k == NULL)
		return -1;
	memcpy(pk, k->pk, 32);
	*created = k->created;
	return 0;
}

int
cert_verify_offline(const char *text, size_t len, const struct keyring *ring,
    struct verify_result *v)
{
	struct pcode pc;

	memset(v, 0, sizeof *v);
	v->kind = len > CODE_TEXT_MAX ? CODE_MALFORMED : code_classify(text, len);
	if (v->kind != CODE_PRESENT_QR) {
		v->outcome = v->kind == CODE_MALFORMED ? VERIFY_MALFORMED :
		    VERIFY_WRONG_KIND;
		return 0;
	}
	v->outcome = from_pcode(pcode_decode(text, len, clock_now(), offline_key,
	    (void *)ring, &pc));
	if (v->outcome == VERIFY_VALID) {
		v->presenter.id = pc.holder_id;
		v->presenter.cert_id = pc.cert_id;
		v->presenter.role = pc.role <= ROLE_USER ? (enum holder_role)pc.role :
		    ROLE_USER;
		v->expires_at = (int64_t)pc.issued + pc.lifetime;
	}
	return 0;
}

static int
verify_qr(struct reg *r, const char *text, size_t len, struct verify_result *v,
    struct presented_row *p, struct err *e)
{
	uint8_t hash[CODE_HASH_BYTES];
	enum pcode_outcome o;
	struct pcode pc;
	int found;

	memset(&pc, 0, sizeof pc);
	o = pcode_decode(text, len, clock_now(), cert_key_lookup, r, &pc);
	/* A good signature names the certificate even when the code has expired. */
	if (o == PCODE_OK || o == PCODE_EXPIRED || o == PCODE_NOT_YET_VALID ||
	    o == PCODE_CLOCK_SUSPECT) {
		p->cert_id = pc.cert_id;
		p->holder_id = pc.holder_id;
	}
	if ((v->outcome = from_pcode(o)) == VERIFY_EXPIRED)
		return expired_why(r, p, (int64_t)pc.issued + pc.lifetime,
		    VERIFY_EXPIRED, v, e);
	if (v->outcome != VERIFY_VALID)
		return 0;
	crypto_generichash(hash, sizeof hash, pc.nonce, sizeof pc.nonce, NULL, 0);
	if ((found = presented_find(r, hash, "qr", p, e)) < 0)
		return -1;
	if (!found || p->cert_id != pc.cert_id || p->holder_id != pc.holder_id) {
		v->outcome = VERIFY_UNKNOWN;
		return 0;
	}
	return live_check(r, p, v, e);
}

static const char station_fails_sql[] =
    "SELECT count(*), COALESCE(max(at), 0) FROM verify_fail"
    " WHERE station = ?1 AND at > ?2";
static const char city_fails_sql[] =
    "SELECT count(*), COALESCE(max(at), 0) FROM verify_fail WHERE at > ?1";

/* Failures in the window (of station, or city-wide when NULL) and the latest. */
static int
fails_count(struct reg *r, const char *station, int *n, int64_t *last,
    struct err *e)
{
	struct db_stmt *st;
	int64_t since = clock_now() - CERT_FAIL_WINDOW;
	int rc;

	if ((st = db_prepare(r->db, station != NULL ? station_fails_sql :
	    city_fails_sql, e)) == NULL)
		return -1;
	if (station != NULL) {
		db_bind_text(st, 1, station);
		db_bind_int64(st, 2, since);
	} else
		db_bind_int64(st, 1, since);
	*n = 0;
	*last = 0;
	if ((rc = db_step(st)) == DB_ROW) {
		*n = db_col_int(st, 0);
		*last = db_col_int64(st, 1);
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : db_err(r->db, e, "rate limit");
}

/* The delay a station's n-th failure in the window adds, n >= 1. */
static int64_t
station_delay(int n)
{
	int64_t d = CERT_STATION_DELAY;

	while (--n > 0 && d < CERT_STATION_DELAY_MAX)
		d *= 2;
	return d < CERT_STATION_DELAY_MAX ? d : CERT_STATION_DELAY_MAX;
}

/* The failures in the window with a batch's guesses not yet recorded, made
 * now: counted as if each had been verified alone before this one. */
static int
fails_pending(struct reg *r, const char *station, int pending, int *n,
    int64_t *last, struct err *e)
{
	if (fails_count(r, station, n, last, e) != 0)
		return -1;
	if (pending > 0) {
		*n += pending;
		*last = clock_now();
	}
	return 0;
}

/* 1 (and v says until when) if a typed lookup must wait now, else 0; pending
 * is the batch's guesses before this code. */
static int
rate_limited(struct reg *r, int pending, struct verify_result *v,
    struct err *e)
{
	int64_t last, until = 0;
	int n;

	if (fails_pending(r, reg_station(r), pending, &n, &last, e) != 0)
		return -1;
	if (n > 0)
		until = last + station_delay(n);
	if (fails_pending(r, NULL, pending, &n, &last, e) != 0)
		return -1;
	if (n >= CERT_CITY_BUDGET && last + CERT_CITY_DELAY > until)
		until = last + CERT_CITY_DELAY;
	if (until <= clock_now())
		return 0;
	v->retry_after = until;
	v->outcome = VERIFY_RATE_LIMITED;
	return 1;
}

static int
verify_lookup(struct reg *r, const char *text, size_t len, int pending,
    struct verify_result *v, struct presented_row *p, struct err *e)
{
	uint8_t hash[CODE_HASH_BYTES];
	const char *kind = v->kind == CODE_BARCODE ? "barcode" : "digits";
	int rc;

	if ((rc = rate_limited(r, pending, v, e)) != 0)
		return rc < 0 ? -1 : 0;
	rc = v->kind == CODE_BARCODE ? code_barcode_hash(text, len, hash) :
	    code_digits_hash(text, len, hash);
	if (rc != 0) {
		v->outcome = rc == CODE_ERR_TYPO ? VERIFY_TYPO : VERIFY_MALFORMED;
		return 0;
	}
	if ((rc = presented_find(r, hash, kind, p, e)) < 0)
		return -1;
	if (rc == 0) {
		v->outcome = VERIFY_UNKNOWN;
		return 0;
	}
	if (clock_now() >= p->expires_at)
		return expired_why(r, p, p->expires_at, VERIFY_EXPIRED, v, e);
	return live_check(r, p, v, e);
}

static const char seen_sql[] =
    "SELECT station, at FROM usage_record WHERE presented_id = ?1"
    " AND outcome = 'valid' AND station <> ?2 ORDER BY id DESC LIMIT 1";

static int
seen_before(struct reg *r, int64_t presented_id, struct verify_result *v,
    struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, seen_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, presented_id);
	db_bind_text(st, 2, reg_station(r));
	if ((rc = db_step(st)) == DB_ROW) {
		v->seen_before = 1;
		db_col_copy(st, 0, v->seen_station, sizeof v->seen_station);
		v->seen_at = db_col_int64(st, 1);
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : db_err(r->db, e, "seen");
}

/* A batch's records go in a few statements (db_insert_rows()). */
static const char usage_insert_sql[] =
    "INSERT INTO usage_record (at, live, cert_id, holder_id, presented_id,"
    " kind, station, system, via, outcome) VALUES ";
#define USAGE_WIDTH	10
static const char fail_insert_sql[] =
    "INSERT INTO verify_fail (at, station, cert_id) VALUES (?1, ?2, ?3)";
/* Failures older than the window count for nothing; the log keeps each one
 * (verify.unknown), so the table stays an hour long and its city-wide count
 * cheap. */
static const char fail_prune_sql[] = "DELETE FROM verify_fail WHERE at <= ?1";

/* A usage record to write: cert_usage_add()'s arguments; an id of 0 names
 * no row. */
struct usage_row {
	const char	*kind;
	int64_t		 cert_id, holder_id, presented_id;
	const char	*system, *via, *outcome;
};

/* Usage records being written, all at this station and time. */
struct usage_rows {
	const struct usage_row	*row;
	const char		*station;
	int64_t			 at;
};

static void
usage_bind(struct db_stmt *st, int base, int i, void *arg)
{
	const struct usage_rows *u = arg;
	const struct usage_row *w = &u->row[i];
	const int64_t ids[] = { w->cert_id, w->holder_id, w->presented_id };
	const char *texts[] = { w->kind, u->station, w->system, w->via,
	    w->outcome };
	int k;

	db_bind_int64(st, base + 1, u->at);
	db_bind_int64(st, base + 2, 1);
	for (k = 0; k < 3; k++)
		db_bind_id(st, base + 3 + k, ids[k]);
	for (k = 0; k < 5; k++)
		db_bind_text(st, base + 6 + k, texts[k]);
}

static int
usage_add(struct reg *r, const struct usage_row *row, int n, struct err *e)
{
	struct usage_rows u = { row, reg_station(r), clock_now() };

	return db_insert_rows(r->db, usage_insert_sql, USAGE_WIDTH, n, usage_bind,
	    &u, "usage record", e);
}

int
cert_usage_add(struct reg *r, const char *kind, int64_t cert_id, int64_t holder_id,
    int64_t presented_id, const char *system, const char *via,
    const char *outcome, struct err *e)
{
	const struct usage_row row = { kind, cert_id, holder_id, presented_id,
	    system, via, outcome };

	return usage_add(r, &row, 1, e);
}

static int
fail_add(struct reg *r, int64_t cert_id, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, fail_prune_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, clock_now() - CERT_FAIL_WINDOW);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "verify fail");
	if ((st = db_prepare(r->db, fail_insert_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, clock_now());
	db_bind_text(st, 2, reg_station(r));
	if (cert_id > 0)
		db_bind_int64(st, 3, cert_id);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "verify fail");
}

/* Whether the code's certificate and holder rows exist (a forged id names
 * none), with the certificate's credit code. A code found valid has had both
 * read by its check: they are not read again. */
static int
verify_known(struct reg *r, const struct verify_result *v,
    const struct presented_row *p, char code[REG_CODE_SIZE])
{
	struct holder h;
	struct err ignore;

	if (p->cert_id <= 0)
		return 0;
	if ((v->outcome == VERIFY_VALID || v->outcome == VERIFY_NOT_FOR_MATTER) &&
	    v->presenter.id == p->holder_id && v->presenter.cert_id == p->cert_id) {
		snprintf(code, REG_CODE_SIZE, "%s", v->inst.credit_code);
		return 1;
	}
	return cert_code_of(r, p->cert_id, code, &ignore) == 0 &&
	    cert_holder_read(r, p->holder_id, &h, &ignore) == 0 &&
	    h.cert_id == p->cert_id;
}

#define VERIFY_DETAIL_SIZE	64

/* A typed code that names nothing: a guess, what the rate limits count. */
static int
verify_guessed(const struct verify_result *v)
{
	return v->outcome == VERIFY_UNKNOWN && (v->kind == CODE_BARCODE ||
	    v->kind == CODE_DIGITS);
}

static const char *const verify_vias[] = {
	"-", "claim", "auth", "login", "ticket", "qr", "barcode", "digits",
	"sign"
};

/* The usage record of one verification, into row, and a guessed code's
 * failure; code gets the certificate's credit code, "-" when the code names
 * none (a forged id: rows that do not exist are not referenced). */
static int
verify_usage(struct reg *r, const struct verify_result *v,
    const struct presented_row *p, struct usage_row *row,
    char code[REG_CODE_SIZE], struct err *e)
{
	int known = verify_known(r, v, p, code);

	if (!known)
		strcpy(code, "-");
	row->kind = "verify";
	row->cert_id = known ? p->cert_id : 0;
	row->holder_id = known ? p->holder_id : 0;
	row->presented_id = p->id;
	row->system = NULL;
	row->via = verify_vias[v->kind];
	row->outcome = outcome_names[v->outcome];
	if (verify_guessed(v) && fail_add(r, 0, e) != 0)
		return -1;
	return 0;
}

/* A verification's event, its texts kept in kind and detail. */
static void
verify_event(const struct verify_result *v, const char *code, const char *matter,
    char kind[EVLOG_KIND_SIZE], char detail[VERIFY_DETAIL_SIZE],
    struct evlog_entry *en)
{
	snprintf(kind, EVLOG_KIND_SIZE, "verify.%s", outcome_names[v->outcome]);
	snprintf(detail, VERIFY_DETAIL_SIZE, "via=%s live=1%s%s",
	    verify_vias[v->kind], matter != NULL ? " matter=" : "",
	    matter != NULL ? matter : "");
	en->actor = "verifier";
	en->kind = kind;
	en->subject = code;
	en->detail = detail;
}

/* Everything but the record: what the code is and whether it stands;
 * pending as rate_limited(). */
static int
verify_check(struct reg *r, const char *text, size_t len, int pending,
    struct verify_result *v, struct presented_row *p, struct err *e)
{
	memset(p, 0, sizeof *p);
	switch (v->kind) {
	case CODE_PRESENT_QR:
		if (verify_qr(r, text, len, v, p, e) != 0)
			return -1;
		break;
	case CODE_BARCODE:
	case CODE_DIGITS:
		if (verify_lookup(r, text, len, pending, v, p, e) != 0)
			return -1;
		break;
	case CODE_MALFORMED:
		v->outcome = VERIFY_MALFORMED;
		break;
	default:
		v->outcome = VERIFY_WRONG_KIND;
		break;
	}
	if (v->outcome == VERIFY_VALID && seen_before(r, p->id, v, e) != 0)
		return -1;
	return 0;
}

static void
verify_start(const char *text, size_t len, struct verify_result *v)
{
	memset(v, 0, sizeof *v);
	v->live = 1;
	v->kind = len > CODE_TEXT_MAX ? CODE_MALFORMED : code_classify(text, len);
}

/* Whether a user's authorizations in force cover the matter; the FRP and
 * managers act for the institution in every matter. */
static int
verify_covers(const struct verify_result *v, const char *matter)
{
	int i;

	if (v->presenter.role != ROLE_USER)
		return 1;
	for (i = 0; i < v->nauthz; i++)
		if (text_list_has(v->authz[i].matters, matter))
			return 1;
	return 0;
}

int
cert_matter_ok(const char *matter, struct err *e)
{
	size_t n;

	if (matter == NULL)
		return 0;
	n = strlen(matter);
	if (n == 0 || n >= 32 || strspn(matter, "abcdefghijklmnopqrstuvwxyz"
	    "0123456789_") != n)
		return err_set(e, ERR_INPUT, "matter", "verify.matter_invalid", NULL);
	return 0;
}

/* Nothing of an invalid code reaches the screen; a code refused for the
 * matter keeps what it does cover, for the receiver to say so. */
static void
verify_finish(struct verify_result *v)
{
	if (v->outcome == VERIFY_VALID || v->outcome == VERIFY_NOT_FOR_MATTER)
		return;
	memset(&v->inst, 0, sizeof v->inst);
	memset(&v->presenter, 0, sizeof v->presenter);
	v->nauthz = 0;
}

/*
 * A numeric code typed with a Chinese input method comes in full-width digits
 * ("１２３４５"): NFKC makes it the ASCII it stands for, in buf. ASCII text (every
 * code we print, every scanner's) is passed on as it is, and so is text that is
 * not UTF-8 or would not fit, to be judged malformed as it came.
 */
static const char *
verify_fold(const char *text, size_t *len, char *buf, size_t size)
{
	size_t i;

	for (i = 0; i < *len && (unsigned char)text[i] < 0x80; i++)
		;
	if (i == *len || *len >= size || memchr(text, '\0', *len) != NULL)
		return text;
	memcpy(buf, text, *len);
	buf[*len] = '\0';
	if (text_nfkc(buf, size, buf) != 0)
		return text;
	*len = strlen(buf);
	return buf;
}

int
cert_check(struct reg *r, const char *text, size_t len, struct verify_result *v,
    struct err *e)
{
	char buf[CODE_TEXT_MAX * 4 + 1];
	struct presented_row p;

	text = verify_fold(text, &len, buf, sizeof buf);
	verify_start(text, len, v);
	if (verify_check(r, text, len, 0, v, &p, e) != 0)
		return -1;
	verify_finish(v);
	return 0;
}

/* The link is lost: a signed QR is checked with the kept key, offline; any
 * other code needs the registry, and the error stands. */
static int
verify_unreachable(struct reg *r, const char *text, size_t len,
    struct verify_result *v, struct err *e)
{
	if (e->kind != ERR_SYSTEM || r->pub.n == 0 || len > CODE_TEXT_MAX ||
	    code_classify(text, len) != CODE_PRESENT_QR)
		return -1;
	cert_verify_offline(text, len, &r->pub, v);
	return 0;
}

/* Whether a code stands, read only: done before the write transaction, so
 * that other stations' checks (the signature's CPU, the lookups) run while one
 * station writes; SQLite lets one writer in at a time. A station whose clock
 * is off cannot judge expiry: it says so, and the attempt is recorded with
 * that outcome; pending as rate_limited(). 0, or -1 with the item failed. */
static int
verify_one(struct reg *r, struct verify_item *it, struct presented_row *p,
    int clock_ok, const char *matter, int pending)
{
	memset(p, 0, sizeof *p);
	if (!clock_ok)
		it->v.outcome = VERIFY_CLOCK_SUSPECT;
	else if (verify_check(r, it->text, it->len, pending, &it->v, p,
	    &it->e) != 0) {
		verify_start(it->text, it->len, &it->v);
		it->rc = verify_unreachable(r, it->text, it->len, &it->v, &it->e);
		return -1;
	}
	if (matter != NULL && it->v.outcome == VERIFY_VALID &&
	    !verify_covers(&it->v, matter))
		it->v.outcome = VERIFY_NOT_FOR_MATTER;
	return 0;
}

/* The registry failed the whole batch with e: each code is judged offline if
 * it can be, or fails with e. */
static void
verify_batch_fail(struct reg *r, struct verify_item *it, int n,
    const struct err *e)
{
	int i;

	for (i = 0; i < n; i++) {
		it[i].e = *e;
		verify_start(it[i].text, it[i].len, &it[i].v);
		it[i].rc = verify_unreachable(r, it[i].text, it[i].len, &it[i].v,
		    &it[i].e);
	}
}

/* A batch's records, written by one operation (reg-op.c): a retry after a
 * lost reply finds the batch done and writes nothing twice. */
struct verify_batch {
	struct verify_item *const	*it;
	int				 n;
	const struct presented_row	*p;
	const int			*checked;
	const char			*matter;
	int				 refused;	/* a code's record was */
};

/* What the batch's operation records: a single code's outcome, or how many
 * codes there were. */
static void
verify_batch_result(const struct verify_batch *b, struct reg_op *op)
{
	if (b->n == 1) {
		op->ref = b->p[0].id;
		snprintf(op->result, sizeof op->result, "%s",
		    outcome_names[b->it[0]->v.outcome]);
	} else
		snprintf(op->result, sizeof op->result, "%d", b->n);
}

/* The run of a batch's operation: the usage records (a few statements for
 * the batch), the operation's own record, then the events, so that the event
 * chain's lock, held to the commit, is taken as late as it can be. */
static int
verify_batch_write(struct reg *r, struct reg_op *op, void *arg, struct err *e)
{
	char codes[CERT_VERIFY_BATCH_MAX][REG_CODE_SIZE];
	char kinds[CERT_VERIFY_BATCH_MAX][EVLOG_KIND_SIZE];
	char details[CERT_VERIFY_BATCH_MAX][VERIFY_DETAIL_SIZE];
	struct usage_row rows[CERT_VERIFY_BATCH_MAX];
	struct evlog_entry en[CERT_VERIFY_BATCH_MAX];
	struct verify_batch *b = arg;
	int i, m = 0;

	b->refused = 1;
	for (i = 0; i < b->n; i++) {
		if (!b->checked[i])
			continue;
		if (verify_usage(r, &b->it[i]->v, &b->p[i], &rows[m], codes[m],
		    e) != 0)
			return -1;
		verify_event(&b->it[i]->v, codes[m], b->matter, kinds[m],
		    details[m], &en[m]);
		m++;
	}
	verify_batch_result(b, op);
	if (usage_add(r, rows, m, e) != 0 || reg_op_record(r, op, e) != 0 ||
	    evlog_append_many(r, en, m, e) != 0)
		return -1;
	b->refused = 0;
	return 0;
}

/* The records of the checked codes, in one transaction: 0 when committed (or
 * the batch failed as a whole), 1 when one code's record was refused, which
 * sends the batch back to be done code by code. */
static int
verify_batch_record(struct reg *r, struct verify_item *const *it, int n,
    const struct presented_row *p, const int *checked, const char *matter)
{
	struct verify_batch b = { it, n, p, checked, matter, 0 };
	struct reg_op op;
	struct err e;
	int i;

	/* No code checked (the server was lost meanwhile): nothing to record,
	 * and an operation recorded without its records would count a
	 * verification that was not done. */
	for (i = 0; i < n && !checked[i]; i++)
		;
	if (i < n && reg_op_do(r, &op, n == 1 ? "verify" : "verify.batch",
	    verify_batch_write, &b, &e) != 0) {
		if (b.refused && n > 1)
			return 1;
		for (i = 0; i < n; i++)
			verify_batch_fail(r, it[i], 1, &e);
		return 0;
	}
	for (i = 0; i < n; i++)
		verify_finish(&it[i]->v);
	return 0;
}

/* Checks every code, the lapses noticed first; -1 when the registry failed
 * the lot (the items are final). */
static int
verify_batch_check(struct reg *r, struct verify_item *it, int n,
    const char *matter, int pending, struct verify_checked *c)
{
	struct err e;
	int i;

	for (i = 0; i < n; i++) {
		it[i].rc = 0;
		err_clear(&it[i].e);
		verify_start(it[i].text, it[i].len, &it[i].v);
	}
	/* Lapses are noticed, and logged, before a code of one is judged. */
	if (cert_note_lapses(r, &e) != 0) {
		verify_batch_fail(r, it, n, &e);
		return -1;
	}
	/* A guess is recorded with the batch, after every check: those after it
	 * count it now, as they would have after a verification of its own. */
	c->guesses = 0;
	for (i = 0; i < n; i++) {
		c->checked[i] = verify_one(r, &it[i], &c->p[i], c->clock_ok, matter,
		    pending + c->guesses) == 0;
		c->guesses += c->checked[i] && verify_guessed(&it[i].v);
	}
	return 0;
}

int
cert_verify_check_batch(struct reg *r, struct verify_item *it, int n,
    const char *matter, int pending, struct verify_checked *c)
{
	struct err ce;
	int i;

	for (i = 0; i < n; i++) {
		it[i].rc = -1;
		it[i].text = verify_fold(it[i].text, &it[i].len, it[i].buf,
		    sizeof it[i].buf);
		verify_start(it[i].text, it[i].len, &it[i].v);
	}
	if (cert_matter_ok(matter, &ce) != 0) {
		for (i = 0; i < n; i++)
			it[i].e = ce;
		return -1;
	}
	cert_key_remember(r);
	c->clock_ok = reg_clock_ok(r, &ce) == 0;
	if (!c->clock_ok && ce.kind != ERR_RULE) {
		verify_batch_fail(r, it, n, &ce);
		return -1;
	}
	return verify_batch_check(r, it, n, matter, pending, c);
}

void
cert_verify_record_batch(struct reg *r, struct verify_item *const *it, int n,
    const char *matter, const struct verify_checked *c)
{
	struct verify_checked one;
	int i;

	/* Another connection's key ring, for judging offline if the link is
	 * lost while writing. */
	cert_key_remember(r);
	if (verify_batch_record(r, it, n, c->p, c->checked, matter) == 0)
		return;
	/* A code's record was refused: each alone, checked again. */
	one.clock_ok = c->clock_ok;
	for (i = 0; i < n; i++) {
		if (verify_batch_check(r, it[i], 1, matter, 0, &one) == 0)
			(void)verify_batch_record(r, &it[i], 1, one.p, one.checked,
			    matter);
	}
}

void
cert_verify_batch(struct reg *r, struct verify_item *it, int n,
    const char *matter)
{
	struct verify_item *its[CERT_VERIFY_BATCH_MAX];
	struct verify_checked c;
	int i;

	if (cert_verify_check_batch(r, it, n, matter, 0, &c) != 0)
		return;
	for (i = 0; i < n; i++)
		its[i] = &it[i];
	cert_verify_record_batch(r, its, n, matter, &c);
}

int
cert_verify(struct reg *r, const char *text, size_t len, const char *matter,
    struct verify_result *v, struct err *e)
{
	struct verify_item it;

	memset(&it, 0, sizeof it);
	it.text = text;
	it.len = len;
	cert_verify_batch(r, &it, 1, matter);
	*v = it.v;
	*e = it.e;
	return it.rc;
}

/* --- scan-to-login --- */

int
cert_login_qr(struct reg *r, const char *system, char *token, size_t len,
    struct err *e)
{
	/* A system is named as its users know it, Chinese included; shown on
	 * screens and in records, so checked as any free text. */
	if (text_check(system, 1, CERT_SYSTEM_CHARS) != NULL)
		return err_set(e, ERR_INPUT, "system", "login.system_invalid", NULL);
	if (db_begin(r->db, e) != 0)
		return -1;
	if (cert_token_new(r, CODE_LOGIN, 0, 0, 0, NULL, system, system, token, len,
	    e) != 0 || evlog_append(r, system, "login.qr", system, NULL, e) != 0) {
		db_rollback(r->db);
		return -1;
	}
	return db_commit(r->db, e);
}

static int
scan_login_tx(struct reg *r, const struct holder *me, const char *token,
    char system[CERT_SYSTEM_SIZE], struct err *e)
{
	struct token_row t;
	char actor[32];

	if (cert_token_take(r, token, CODE_LOGIN, &t, e) != 0 ||
	    cert_token_mark_used(r, t.id, me->id, e) != 0 ||
	    cert_usage_add(r, "scan_login", me->cert_id, me->id, 0, t.system, "qr", "valid",
	    e) != 0)
		return -1;
	memcpy(system, t.system, CERT_SYSTEM_SIZE);
	cert_actor(me->id, actor, sizeof actor);
	return cert_event(r, me->cert_id, actor, "login.scanned", "system=%s",
	    t.system);
}

int
cert_scan_login(struct reg *r, const struct holder *me, const char *token,
    char system[CERT_SYSTEM_SIZE], struct err *e)
{
	if (db_begin(r->db, e) != 0)
		return -1;
	if (scan_login_tx(r, me, token, system, e) != 0) {
		db_rollback(r->db);
		return -1;
	}
	return db_commit(r->db, e);
}

static const char login_token_sql[] =
    "SELECT COALESCE(system, ''), expires_at, COALESCE(used_by, 0),"
    " voided_at IS NOT NULL FROM token WHERE hash = ?1 AND kind = 'login'";

int
cert_login_status(struct reg *r, const char *token, struct login_status *s,
    struct err *e)
{
	uint8_t hash[CODE_HASH_BYTES];
	enum code_kind kind;
	struct db_stmt *st;
	int64_t expires = 0, used_by = 0;
	int rc, voided = 0;
	char code[REG_CODE_SIZE];

	memset(s, 0, sizeof *s);
	if (code_token_hash(token, strlen(token), &kind, hash) != 0 ||
	    kind != CODE_LOGIN)
		return err_set(e, ERR_INPUT, "token", "token.malformed", NULL);
	if ((st = db_prepare(r->db, login_token_sql, e)) == NULL)
		return -1;
	db_bind_blob(st, 1, hash, sizeof hash);
	if ((rc = db_step(st)) == DB_ROW) {
		db_col_copy(st, 0, s->system, sizeof s->system);
		expires = db_col_int64(st, 1);
		used_by = db_col_int64(st, 2);
		voided = db_col_int(st, 3);
	}
	db_reset(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_RULE, "token", "token.unknown", NULL);
	if (rc != DB_ROW)
		return db_err(r->db, e, "login status");
	if (used_by != 0) {
		s->state = 1;
		if (cert_holder_read(r, used_by, &s->holder, e) != 0 ||
		    cert_code_of(r, s->holder.cert_id, code, e) != 0)
			return -1;
		return reg_inst_get(r, code, &s->inst, e);
	}
	s->state = voided || clock_now() >= expires ? 2 : 0;
	return 0;
}
