/*
 * cert-holder.c: the holders' side (6.1.2, 6.1.3, 6.6, 6.7, 6.8): wallets
 * proving themselves, the certificate password's failure count and SMS reset,
 * managers, users, authorizations, who sees whom, and deletion.
 *
 * Who may act on whom: the FRP on everyone; a manager on the users it added; a
 * user on nobody. The same rule decides what each sees (cert_list).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cert-private.h"
#include "clock.h"
#include "evlog.h"
#include "idcheck.h"
#include "text.h"

int
cert_auth(struct reg *r, int64_t holder_id, const uint8_t secret[CERT_SECRET_BYTES],
    struct holder *h, struct err *e)
{
	static const char sql[] = "SELECT secret_hash FROM holder WHERE id = ?1";
	uint8_t want[crypto_generichash_BYTES], got[crypto_generichash_BYTES];
	enum cert_status cs;
	struct db_stmt *st;
	int rc, match = 0;

	if (cert_holder_read(r, holder_id, h, e) != 0)
		return err_set(e, ERR_RULE, "wallet", "wallet.revoked", NULL);
	if (h->status != HOLDER_ACTIVE)
		return err_set(e, ERR_RULE, "wallet", "wallet.revoked", NULL);
	if (cert_status_of(r, h->cert_id, &cs, e) != 0)
		return -1;
	if (cs != CERT_ACTIVE)
		return err_set(e, ERR_RULE, "wallet", "cert.not_active", NULL);
	crypto_generichash(got, sizeof got, secret, CERT_SECRET_BYTES, NULL, 0);
	if ((st = db_prepare(r->db, sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, holder_id);
	if ((rc = db_step(st)) == DB_ROW &&
	    db_col_bytes(st, 0) == (int)sizeof want) {
		memcpy(want, db_col_blob(st, 0), sizeof want);
		match = sodium_memcmp(want, got, sizeof want) == 0;
	}
	db_reset(st);
	if (rc != DB_ROW)
		return db_err(r->db, e, "holder secret");
	if (!match)
		return err_set(e, ERR_RULE, "wallet", "wallet.revoked", NULL);
	return 0;
}

int
cert_pw_state(struct reg *r, int64_t holder_id, struct holder *h, struct err *e)
{
	return cert_holder_read(r, holder_id, h, e);
}

/* Ends the transaction of what a holder did to their own password with its
 * event (the holder is the actor, the detail names them): committed, or
 * rolled back if the event cannot be written. */
static int
holder_own_commit(struct reg *r, int64_t cert_id, int64_t holder_id,
    const char *kind, struct err *e)
{
	char actor[32];

	cert_actor(holder_id, actor, sizeof actor);
	if (cert_event(r, cert_id, actor, kind, "holder=%lld",
	    (long long)holder_id) != 0) {
		db_rollback(r->db);
		return -1;
	}
	return db_commit(r->db, e);
}

/* One statement under the write lock, so two tries at once both count. */
int
cert_pw_failed(struct reg *r, int64_t holder_id, int *remaining, struct err *e)
{
	static const char sql[] =
	    "UPDATE holder SET pw_failed = pw_failed + 1,"
	    " pw_locked = CASE WHEN pw_failed + 1 >= ?2 THEN 1 ELSE pw_locked END"
	    " WHERE id = ?1 RETURNING pw_failed";
	struct holder h;
	struct db_stmt *st;
	int rc, failed = 0;

	if (db_begin(r->db, e) != 0)
		return -1;
	if ((st = db_prepare(r->db, sql, e)) == NULL)
		goto fail;
	db_bind_int64(st, 1, holder_id);
	db_bind_int64(st, 2, CERT_PW_MAX_FAILED);
	if ((rc = db_step(st)) == DB_ROW) {
		failed = db_col_int(st, 0);
		rc = db_step(st);
	}
	db_reset(st);
	if (rc != DB_DONE) {
		db_err(r->db, e, "password count");
		goto fail;
	}
	*remaining = failed >= CERT_PW_MAX_FAILED ? 0 : CERT_PW_MAX_FAILED - failed;
	if (failed != CERT_PW_MAX_FAILED)
		return db_commit(r->db, e);
	if (cert_holder_read(r, holder_id, &h, e) == 0)
		return holder_own_commit(r, h.cert_id, holder_id, "holder.pw_locked",
		    e);
fail:
	db_rollback(r->db);
	return -1;
}

static int
holder_exec(struct reg *r, const char *sql, int64_t id, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "holder update");
}

int
cert_pw_ok(struct reg *r, int64_t holder_id, struct err *e)
{
	static const char sql[] =
	    "UPDATE holder SET pw_failed = 0 WHERE id = ?1 AND pw_failed > 0";

	return holder_exec(r, sql, holder_id, e);
}

int
cert_pw_changed(struct reg *r, int64_t holder_id, struct err *e)
{
	char actor[32], code[REG_CODE_SIZE], detail[32];
	struct holder h;

	if (cert_holder_read(r, holder_id, &h, e) != 0 ||
	    cert_code_of(r, h.cert_id, code, e) != 0)
		return -1;
	cert_actor(holder_id, actor, sizeof actor);
	snprintf(detail, sizeof detail, "holder=%lld", (long long)holder_id);
	return evlog_append_tx(r, actor, "holder.passwd", code, detail, e);
}

static void
sms_hash(const char *code, const uint8_t salt[16], uint8_t hash[CODE_HASH_BYTES])
{
	crypto_generichash(hash, CODE_HASH_BYTES, (const uint8_t *)code, strlen(code),
	    salt, 16);
}

int
cert_sms_insert(struct reg *r, const struct holder *h, const char *code,
    const char *phone, struct err *e)
{
	static const char void_sql[] =
	    "UPDATE token SET voided_at = ?2 WHERE holder_id = ?1 AND kind = 'sms'"
	    " AND used_at IS NULL AND voided_at IS NULL"
	    " AND COALESCE(phone, '') = ?3";
	static const char sql[] =
	    "INSERT INTO token (kind, hash, salt, cert_id, holder_id, created_by,"
	    " created_at, expires_at, phone)"
	    " VALUES ('sms', ?1, ?2, ?3, ?4, 'sms', ?5, ?6, NULLIF(?7, ''))";
	uint8_t salt[16], hash[CODE_HASH_BYTES];
	struct db_stmt *st;
	int64_t now = clock_now();
	int rc;

	if ((st = db_prepare(r->db, void_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, h->id);
	db_bind_int64(st, 2, now);
	db_bind_text(st, 3, phone);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "sms void");
	randombytes_buf(salt, sizeof salt);
	sms_hash(code, salt, hash);
	if ((st = db_prepare(r->db, sql, e)) == NULL)
		return -1;
	db_bind_blob(st, 1, hash, sizeof hash);
	db_bind_blob(st, 2, salt, sizeof salt);
	db_bind_int64(st, 3, h->cert_id);
	db_bind_int64(st, 4, h->id);
	db_bind_int64(st, 5, now);
	db_bind_int64(st, 6, now + CERT_TOKEN_LIFETIME);
	db_bind_text(st, 7, phone);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "sms insert");
}

int
cert_sms_code(struct reg *r, int64_t holder_id, char code[7],
    char phone[REG_PHONE_SIZE], struct err *e)
{
	struct holder h;

	if (cert_holder_read(r, holder_id, &h, e) != 0)
		return -1;
	if (h.status != HOLDER_ACTIVE)
		return err_set(e, ERR_RULE, "wallet", "wallet.revoked", NULL);
	snprintf(code, 7, "%06u", (unsigned)randombytes_uniform(1000000));
	memcpy(phone, h.phone, REG_PHONE_SIZE);
	if (db_begin(r->db, e) != 0)
		return -1;
	return db_end(r->db, cert_sms_insert(r, &h, code, "", e), e);
}

#define SMS_MAX_ATTEMPTS 3

int
cert_sms_check(struct reg *r, int64_t holder_id, const char *code,
    const char *phone, struct err *e)
{
	static const char sql[] =
	    "SELECT id, hash, salt, expires_at, attempts FROM token"
	    " WHERE holder_id = ?1 AND kind = 'sms' AND used_at IS NULL"
	    " AND voided_at IS NULL AND COALESCE(phone, '') = ?2"
	    " ORDER BY id DESC LIMIT 1";
	static const char miss_sql[] =
	    "UPDATE token SET attempts = attempts + 1, voided_at = CASE"
	    " WHEN attempts + 1 >= ?2 THEN ?3 ELSE NULL END WHERE id = ?1";
	uint8_t want[CODE_HASH_BYTES], got[CODE_HASH_BYTES], salt[16];
	struct db_stmt *st;
	int64_t id = 0, expires = 0;
	int rc;

	if ((st = db_prepare(r->db, sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, holder_id);
	db_bind_text(st, 2, phone);
	if ((rc = db_step(st)) == DB_ROW &&
	    db_col_bytes(st, 1) == CODE_HASH_BYTES &&
	    db_col_bytes(st, 2) == 16) {
		id = db_col_int64(st, 0);
		memcpy(want, db_col_blob(st, 1), sizeof want);
		memcpy(salt, db_col_blob(st, 2), sizeof salt);
		expires = db_col_int64(st, 3);
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_err(r->db, e, "sms get");
	if (id == 0)
		return err_set(e, ERR_RULE, "code", "sms.no_code", NULL);
	if (clock_now() >= expires)
		return err_set(e, ERR_RULE, "code", "token.expired", NULL);
	sms_hash(code, salt, got);
	if (sodium_memcmp(want, got, sizeof want) == 0)
		return cert_token_mark_used(r, id, holder_id, e);
	if ((st = db_prepare(r->db, miss_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, SMS_MAX_ATTEMPTS);
	db_bind_int64(st, 3, clock_now());
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "sms attempt");
	/* The count must stay even though the reset is refused. */
	return 1;
}

int
cert_sms_reset(struct reg *r, int64_t holder_id, const char *code,
    uint8_t secret[CERT_SECRET_BYTES], struct err *e)
{
	struct holder h;
	int rc;

	if (cert_holder_read(r, holder_id, &h, e) != 0 || db_begin(r->db, e) != 0)
		return -1;
	if ((rc = cert_sms_check(r, holder_id, code, "", e)) != 0) {
		if (rc > 0 && db_commit(r->db, e) == 0)
			return err_set(e, ERR_RULE, "code", "sms.wrong_code", NULL);
		db_rollback(r->db);
		return -1;
	}
	if (h.status != HOLDER_ACTIVE) {
		err_set(e, ERR_RULE, "wallet", "wallet.revoked", NULL);
		goto fail;
	}
	if (cert_holder_activate(r, holder_id, secret, e) == 0)
		return holder_own_commit(r, h.cert_id, holder_id, "holder.pw_reset",
		    e);
fail:
	db_rollback(r->db);
	return -1;
}

/* The new person's details, checked as a form checks them. */
static int
person_check(const char *name, const char *id_number, const char *phone,
    const struct idplat_check *idc, struct err *e)
{
	const char *key;

	if ((key = text_check_name(name, 1, REG_PERSON_CHARS)) != NULL)
		return err_set(e, ERR_INPUT, "person_name", key, NULL);
	if ((key = idcheck_resident_id(id_number, clock_now())) != NULL)
		return err_set(e, ERR_INPUT, "person_id", key, NULL);
	if ((key = idcheck_mobile(phone)) != NULL)
		return err_set(e, ERR_INPUT, "person_phone", key, NULL);
	if (!idplat_passed(idc))
		return err_set(e, ERR_RULE, "person_id", idc->key, NULL);
	return 0;
}

/* A refused identity check is on record, as at the counter: who asked, for
 * which certificate, and the platform's word. */
static void
person_refused(struct reg *r, const struct holder *me, enum holder_role role,
    const struct idplat_check *idc)
{
	char kind[EVLOG_KIND_SIZE], actor[32], code[REG_CODE_SIZE], detail[32];
	struct err e;

	if (idplat_passed(idc))
		return;
	if (cert_code_of(r, me->cert_id, code, &e) != 0)
		strcpy(code, "-");
	snprintf(kind, sizeof kind, "idcheck.%s", idplat_outcome_name(idc->outcome));
	snprintf(detail, sizeof detail, "%s", cert_role_name(role));
	cert_actor(me->id, actor, sizeof actor);
	evlog_append_tx(r, actor, kind, code, detail, &e);
}

static const char count_managers_sql[] =
    "SELECT count(*) FROM holder WHERE cert_id = ?1 AND role = 'manager'"
    " AND status IN ('pending', 'active')";
static const char holder_dup_sql[] =
    "SELECT count(*) FROM holder WHERE cert_id = ?1 AND id_number = ?2"
    " AND status IN ('pending', 'active')";

static int
count_query(struct reg *r, const char *sql, int64_t cert_id, const char *text,
    int *n, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, cert_id);
	if (text != NULL)
		db_bind_text(st, 2, text);
	if ((rc = db_step(st)) == DB_ROW)
		*n = db_col_int(st, 0);
	db_reset(st);
	return rc == DB_ROW ? 0 : db_err(r->db, e, "count");
}

static int
add_person_tx(struct reg *r, const struct holder *me, enum holder_role role,
    const char *name, const char *id_number, const char *phone, char *token,
    size_t len, struct holder *out, struct err *e)
{
	char actor[32];
	int n = 0;
	int64_t id;

	if (role == ROLE_MANAGER) {
		if (count_query(r, count_managers_sql, me->cert_id, NULL, &n, e) != 0)
			return -1;
		if (n >= CERT_MAX_MANAGERS)
			return err_set(e, ERR_RULE, "person", "holder.max_managers",
			    NULL);
	}
	if (count_query(r, holder_dup_sql, me->cert_id, id_number, &n, e) != 0)
		return -1;
	if (n > 0)
		return err_set(e, ERR_CONFLICT, "person_id", "holder.exists", NULL);
	if (cert_holder_insert(r, me->cert_id, role, name, id_number, phone, me->id,
	    &id, e) != 0 || cert_holder_read(r, id, out, e) != 0)
		return -1;
	cert_actor(me->id, actor, sizeof actor);
	if (cert_event(r, me->cert_id, actor, role == ROLE_MANAGER ? "manager.added" :
	    "user.added", "holder=%lld", (long long)id) != 0)
		return -1;
	if (token == NULL)
		return 0;
	if (cert_token_new(r, CODE_AUTH, me->cert_id, id, 0, NULL, NULL, actor,
	    token, len, e) != 0)
		return -1;
	return cert_event(r, me->cert_id, actor, "authqr.shown", "holder=%lld",
	    (long long)id);
}

static int
add_person(struct reg *r, const struct holder *me, enum holder_role role,
    const char *name, const char *id_number, const char *phone,
    const struct idplat_check *idc, char *token, size_t len, struct holder *out,
    struct err *e)
{
	/* Room for a full-width value before NFKC folds it to ASCII; a value
	 * longer still is refused whole, never cut to a length that passes. */
	char id[REG_ID_SIZE * 4], ph[REG_PHONE_SIZE * 4];
	int rc = -1;

	if (text_copy_field(id, sizeof id, id_number, "person_id", e) != 0 ||
	    text_copy_field(ph, sizeof ph, phone, "person_phone", e) != 0)
		goto out;
	idcheck_normalize_id(id);
	idcheck_normalize_mobile(ph);
	if (person_check(name, id, ph, idc, e) != 0) {
		if (e->kind == ERR_RULE)
			person_refused(r, me, role, idc);
		goto out;
	}
	if (db_begin(r->db, e) != 0)
		goto out;
	if (add_person_tx(r, me, role, name, id, ph, token, len, out, e) != 0)
		db_rollback(r->db);
	else
		rc = db_commit(r->db, e);
out:
	sodium_memzero(id, sizeof id);
	sodium_memzero(ph, sizeof ph);
	return rc;
}

int
cert_add_manager(struct reg *r, const struct holder *me, const char *name,
    const char *id_number, const char *phone, const struct idplat_check *idc,
    char *token,
    size_t len, struct holder *out, struct err *e)
{
	if (me->role != ROLE_FRP)
		return err_set(e, ERR_RULE, "person", "holder.not_frp", NULL);
	return add_person(r, me, ROLE_MANAGER, name, id_number, phone, idc, token,
	    len, out, e);
}

int
cert_add_user(struct reg *r, const struct holder *me, const char *name,
    const char *id_number, const char *phone, const struct idplat_check *idc,
    struct holder *out, struct err *e)
{
	if (me->role == ROLE_USER)
		return err_set(e, ERR_RULE, "person", "holder.not_manager", NULL);
	return add_person(r, me, ROLE_USER, name, id_number, phone, idc, NULL, 0,
	    out, e);
}

/* "a,b" of allowed codes, no repeats, at most 8. */
static int
matters_check(const char *matters, const char *const *allowed, struct err *e)
{
	char buf[CERT_MATTERS_SIZE], *tok, *save = NULL, *seen[8];
	int i, n = 0;

	if (strlen(matters) >= sizeof buf || matters[0] == '\0')
		return err_set(e, ERR_INPUT, "matters", "authz.matters", NULL);
	strcpy(buf, matters);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; allowed[i] != NULL && strcmp(allowed[i], tok) != 0; i++)
			;
		if (allowed[i] == NULL || n == 8)
			return err_set(e, ERR_INPUT, "matters", "authz.matters", "%s",
			    tok);
		for (i = 0; i < n; i++) {
			if (strcmp(seen[i], tok) == 0)
				return err_set(e, ERR_INPUT, "matters", "authz.matters",
				    "%s", tok);
		}
		seen[n++] = tok;
	}
	return 0;
}

/* The same local date and time one calendar year later (29 Feb -> 28 Feb). */
static int64_t
one_year_after(int64_t t)
{
	int64_t local = t + CLOCK_LOCAL_OFFSET, day, sod;
	int y, m, d;

	clock_local_ymd(t, &y, &m, &d);
	day = local / CLOCK_DAY - (local % CLOCK_DAY < 0);
	sod = local - day * CLOCK_DAY;
	if (m == 2 && d == 29)
		d = 28;
	if (clock_days_from_civil(y + 1, m, d, &day) != 0)
		return t + 365 * CLOCK_DAY;
	return day * CLOCK_DAY + sod - CLOCK_LOCAL_OFFSET;
}

static int
span_check(int64_t from, int64_t to, struct err *e)
{
	if (to - from < CLOCK_DAY)
		return err_set(e, ERR_RULE, "to", "authz.too_short", NULL);
	if (to > one_year_after(from))
		return err_set(e, ERR_RULE, "to", "authz.too_long", NULL);
	if (to <= clock_now())
		return err_set(e, ERR_RULE, "to", "authz.past", NULL);
	return 0;
}

static int
authorize_tx(struct reg *r, const struct holder *me, const struct holder *u,
    const char *matters, int64_t from, int64_t to, char *token, size_t len,
    struct authz *out, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO authz (cert_id, user_id, granted_by, matters, starts_at,"
	    " ends_at, status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	    " 'pending', ?7) RETURNING id";
	struct db_stmt *st;
	char actor[32];
	int rc;

	if ((st = db_prepare(r->db, sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, me->cert_id);
	db_bind_int64(st, 2, u->id);
	db_bind_int64(st, 3, me->id);
	db_bind_text(st, 4, matters);
	db_bind_int64(st, 5, from);
	db_bind_int64(st, 6, to);
	db_bind_int64(st, 7, clock_now());
	memset(out, 0, sizeof *out);
	if ((rc = db_step(st)) == DB_ROW)
		out->id = db_col_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return db_err(r->db, e, "authz insert");
	out->cert_id = me->cert_id;
	out->user_id = u->id;
	out->granted_by = me->id;
	snprintf(out->matters, sizeof out->matters, "%s", matters);
	out->starts_at = from;
	out->ends_at = to;
	out->status = AUTHZ_PENDING;
	cert_actor(me->id, actor, sizeof actor);
	if (cert_token_new(r, CODE_AUTH, me->cert_id, u->id, out->id, NULL, NULL,
	    actor, token, len, e) != 0 ||
	    cert_event(r, me->cert_id, actor, "auth.granted",
	    "authz=%lld user=%lld until=%lld", (long long)out->id, (long long)u->id,
	    (long long)to) != 0)
		return -1;
	return cert_event(r, me->cert_id, actor, "authqr.shown", "holder=%lld",
	    (long long)u->id);
}

int
cert_authorize(struct reg *r, const struct holder *me, int64_t user_id,
    const char *matters, const char *const *allowed, int64_t from, int64_t to,
    char *token, size_t len, struct authz *out, struct err *e)
{
	struct holder u;

	if (me->role == ROLE_USER)
		return err_set(e, ERR_RULE, "person", "holder.not_manager", NULL);
	if (cert_person_get(r, me, user_id, &u, e) != 0)
		return -1;
	if (u.role != ROLE_USER)
		return err_set(e, ERR_RULE, "person", "holder.not_user", NULL);
	if (matters_check(matters, allowed, e) != 0 || span_check(from, to, e) != 0)
		return -1;
	if (db_begin(r->db, e) != 0)
		return -1;
	if (authorize_tx(r, me, &u, matters, from, to, token, len, out, e) != 0) {
		db_rollback(r->db);
		return -1;
	}
	return db_commit(r->db, e);
}
