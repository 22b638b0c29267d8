/*
 * cert.c: certificates, claim tokens and the counter's side of claiming.
 *
 * A token (claim, authorization, login QR, SMS code) is stored only as the hash
 * of its random bytes, bound to what it is for, and taken at most once before its
 * expiry: whoever reads the registry file cannot make a token from it.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cert-private.h"
#include "clock.h"
#include "evlog.h"

static const char *const role_names[] = { "frp", "manager", "user" };
/* As the registry stores them (certificate.status). */
static const char *const cert_status_names[] = {
	"active", "cancelled", "deleted"
};
static const char *const holder_status_names[] = {
	"pending", "active", "deleted", "superseded"
};
static const char *const authz_status_names[] = {
	"pending", "active", "cancelled", "voided", "lapsed"
};

const char *
cert_role_name(enum holder_role r)
{
	return role_names[r];
}

const char *
cert_status_name(enum cert_status s)
{
	return cert_status_names[s];
}

const char *
cert_holder_status_name(enum holder_status s)
{
	return holder_status_names[s];
}

const char *
cert_authz_status_name(enum authz_status s)
{
	return authz_status_names[s];
}

void
cert_actor(int64_t holder_id, char *buf, size_t len)
{
	snprintf(buf, len, "holder:%lld", (long long)holder_id);
}

static const char token_insert_sql[] =
    "INSERT INTO token (kind, hash, cert_id, holder_id, authz_id, app_number,"
    " system, created_by, created_at, expires_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

int
cert_token_new(struct reg *r, enum code_kind kind, int64_t cert_id,
    int64_t holder_id, int64_t authz_id, const char *appno, const char *system,
    const char *created_by, char *text, size_t len, struct err *e)
{
	uint8_t hash[CODE_HASH_BYTES];
	struct db_stmt *st;
	int64_t now = clock_now();
	int rc;

	if (code_new_token(kind, text, len, hash) != 0)
		return err_set(e, ERR_SYSTEM, NULL, "token.make", NULL);
	if ((st = db_prepare(r->db, token_insert_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, code_kind_name(kind));
	db_bind_blob(st, 2, hash, sizeof hash);
	db_bind_id(st, 3, cert_id);
	db_bind_id(st, 4, holder_id);
	db_bind_id(st, 5, authz_id);
	db_bind_text(st, 6, appno);
	db_bind_text(st, 7, system);
	db_bind_text(st, 8, created_by);
	db_bind_int64(st, 9, now);
	db_bind_int64(st, 10, now + CERT_TOKEN_LIFETIME);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "token insert");
	return 0;
}

static const char token_get_sql[] =
    "SELECT id, kind, COALESCE(cert_id, 0), COALESCE(holder_id, 0),"
    " COALESCE(authz_id, 0), COALESCE(app_number, ''), COALESCE(system, ''),"
    " expires_at, COALESCE(used_at, 0), COALESCE(used_by, 0),"
    " COALESCE(voided_at, 0) FROM token WHERE hash = ?1";

/* A write that changes nothing, for its row lock: two stations taking one
 * token at once are served one after the other, the second reading what the
 * first committed (on SQLite the write lock already does this). */
static const char token_lock_sql[] =
    "UPDATE token SET attempts = attempts WHERE hash = ?1";

static int
token_read(struct reg *r, const uint8_t hash[CODE_HASH_BYTES], struct token_row *t,
    struct err *e)
{
	struct db_stmt *st;
	const char *kind;
	int rc;

	if ((st = db_prepare(r->db, token_lock_sql, e)) == NULL)
		return -1;
	db_bind_blob(st, 1, hash, CODE_HASH_BYTES);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "token lock");
	if ((st = db_prepare(r->db, token_get_sql, e)) == NULL)
		return -1;
	db_bind_blob(st, 1, hash, CODE_HASH_BYTES);
	if ((rc = db_step(st)) == DB_ROW) {
		t->id = db_col_int64(st, 0);
		kind = db_col_text(st, 1);
		t->kind = strcmp(kind, "claim") == 0 ? CODE_CLAIM :
		    strcmp(kind, "auth") == 0 ? CODE_AUTH : CODE_LOGIN;
		t->cert_id = db_col_int64(st, 2);
		t->holder_id = db_col_int64(st, 3);
		t->authz_id = db_col_int64(st, 4);
		db_col_copy(st, 5, t->app_number, sizeof t->app_number);
		db_col_copy(st, 6, t->system, sizeof t->system);
		t->expires_at = db_col_int64(st, 7);
		t->used_at = db_col_int64(st, 8);
		t->used_by = db_col_int64(st, 9);
		t->voided_at = db_col_int64(st, 10);
	}
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return err_set(e, ERR_RULE, "token", "token.unknown", NULL);
	return db_err(r->db, e, "token get");
}

int
cert_token_take(struct reg *r, const char *text, enum code_kind expected,
    struct token_row *t, struct err *e)
{
	uint8_t hash[CODE_HASH_BYTES];
	enum code_kind kind;

	memset(t, 0, sizeof *t);
	if (code_token_hash(text, strlen(text), &kind, hash) != 0) {
		if (code_classify(text, strlen(text)) != CODE_MALFORMED)
			return err_set(e, ERR_RULE, "token", "token.wrong_kind", NULL);
		return err_set(e, ERR_INPUT, "token", "token.malformed", NULL);
	}
	if (kind != expected)
		return err_set(e, ERR_RULE, "token", "token.wrong_kind", NULL);
	if (token_read(r, hash, t, e) != 0)
		return -1;
	if (t->voided_at != 0)
		return err_set(e, ERR_RULE, "token", "token.voided", NULL);
	if (t->used_at != 0)
		return err_set(e, ERR_RULE, "token", "token.used", NULL);
	if (clock_now() >= t->expires_at)
		return err_set(e, ERR_RULE, "token", "token.expired", NULL);
	return 0;
}

int
cert_token_peek(struct reg *r, const char *text, enum code_kind kind,
    int64_t *holder_id, int64_t *cert_id, struct err *e)
{
	struct token_row t;

	if (cert_token_take(r, text, kind, &t, e) != 0)
		return -1;
	*holder_id = t.holder_id;
	*cert_id = t.cert_id;
	return 0;
}

/* Conditional, so that of two stations redeeming one token at once only one
 * changes the row: on PostgreSQL the second waits for the first's row lock,
 * then finds used_at set and changes nothing. */
static const char token_use_sql[] =
    "UPDATE token SET used_at = ?2, used_by = ?3"
    " WHERE id = ?1 AND used_at IS NULL AND voided_at IS NULL";

int
cert_token_mark_used(struct reg *r, int64_t id, int64_t by, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, token_use_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, clock_now());
	db_bind_id(st, 3, by);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "token use");
	if (db_changes(r->db) != 1)
		return err_set(e, ERR_RULE, "token", "token.used", NULL);
	return 0;
}

static const char token_void_holder_sql[] =
    "UPDATE token SET voided_at = ?2"
    " WHERE holder_id = ?1 AND used_at IS NULL AND voided_at IS NULL";

int
cert_token_void_holder(struct reg *r, int64_t holder_id, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, token_void_holder_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, holder_id);
	db_bind_int64(st, 2, clock_now());
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "token void");
}

static const char holder_get_sql[] =
    "SELECT id, cert_id, role, status, name, id_number, phone,"
    " COALESCE(added_by, 0), created_at, COALESCE(redeemed_at, 0), pw_failed,"
    " pw_locked FROM holder WHERE id = ?1";

int
cert_holder_read(struct reg *r, int64_t id, struct holder *h, struct err *e)
{
	struct db_stmt *st;
	int rc, role = 0, status = 0;

	memset(h, 0, sizeof *h);
	if ((st = db_prepare(r->db, holder_get_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	if ((rc = db_step(st)) == DB_ROW) {
		h->id = db_col_int64(st, 0);
		h->cert_id = db_col_int64(st, 1);
		role = reg_name_index(db_col_text(st, 2), role_names, 3);
		status = reg_name_index(db_col_text(st, 3), holder_status_names, 4);
		h->role = role < 0 ? ROLE_USER : (enum holder_role)role;
		h->status = status < 0 ? HOLDER_DELETED : (enum holder_status)status;
		db_col_copy(st, 4, h->name, sizeof h->name);
		db_col_copy(st, 5, h->id_number, sizeof h->id_number);
		db_col_copy(st, 6, h->phone, sizeof h->phone);
		h->added_by = db_col_int64(st, 7);
		h->created_at = db_col_int64(st, 8);
		h->redeemed_at = db_col_int64(st, 9);
		h->pw_failed = db_col_int(st, 10);
		h->pw_locked = db_col_int(st, 11);
	}
	db_reset(st);
	/* A role or status the schema does not allow was written behind the
	 * program's back: fail closed, never read it as the zero value (the FRP). */
	if (rc == DB_ROW && (role < 0 || status < 0))
		return err_set(e, ERR_SYSTEM, "person", "reg.db_error",
		    "holder %lld: unknown role or status", (long long)id);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "person", "holder.unknown", NULL);
	return db_err(r->db, e, "holder get");
}

int
cert_get_holder(struct reg *r, int64_t id, struct holder *h, struct err *e)
{
	return cert_holder_read(r, id, h, e);
}

static const char holder_status_sql[] =
    "UPDATE holder SET status = ?2,"
    " ended_at = CASE WHEN ?2 IN ('deleted', 'superseded') THEN ?3 ELSE ended_at END"
    " WHERE id = ?1";

int
cert_holder_set_status(struct reg *r, int64_t id, enum holder_status s,
    struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, holder_status_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	db_bind_text(st, 2, holder_status_names[s]);
	db_bind_int64(st, 3, clock_now());
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "holder status");
	if (s == HOLDER_DELETED || s == HOLDER_SUPERSEDED)
		return cert_token_void_holder(r, id, e);
	return 0;
}

static const char holder_activate_sql[] =
    "UPDATE holder SET status = 'active', secret_hash = ?2, redeemed_at = ?3,"
    " pw_failed = 0, pw_locked = 0 WHERE id = ?1";

int
cert_holder_activate(struct reg *r, int64_t id, uint8_t secret[CERT_SECRET_BYTES],
    struct err *e)
{
	uint8_t hash[crypto_generichash_BYTES];
	struct db_stmt *st;
	int rc;

	randombytes_buf(secret, CERT_SECRET_BYTES);
	crypto_generichash(hash, sizeof hash, secret, CERT_SECRET_BYTES, NULL, 0);
	if ((st = db_prepare(r->db, holder_activate_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	db_bind_blob(st, 2, hash, sizeof hash);
	db_bind_int64(st, 3, clock_now());
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "holder activate");
}

static const char cert_code_sql[] =
    "SELECT credit_code, status FROM certificate WHERE id = ?1";

static int
cert_read(struct reg *r, int64_t cert_id, char code[REG_CODE_SIZE],
    enum cert_status *status, struct err *e)
{
	struct db_stmt *st;
	const char *s;
	int rc;

	if ((st = db_prepare(r->db, cert_code_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, cert_id);
	if ((rc = db_step(st)) == DB_ROW) {
		db_col_copy(st, 0, code, REG_CODE_SIZE);
		s = db_col_text(st, 1);
		*status = strcmp(s, cert_status_name(CERT_ACTIVE)) == 0 ?
		    CERT_ACTIVE : strcmp(s, cert_status_name(CERT_CANCELLED)) == 0 ?
		    CERT_CANCELLED : CERT_DELETED;
	}
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, NULL, "cert.unknown", NULL);
	return db_err(r->db, e, "certificate get");
}

int
cert_code_of(struct reg *r, int64_t cert_id, char code[REG_CODE_SIZE],
    struct err *e)
{
	enum cert_status s;

	return cert_read(r, cert_id, code, &s, e);
}

int
cert_status_of(struct reg *r, int64_t cert_id, enum cert_status *s, struct err *e)
{
	char code[REG_CODE_SIZE];

	return cert_read(r, cert_id, code, s, e);
}

int
cert_event(struct reg *r, int64_t cert_id, const char *actor, const char *kind,
    const char *fmt, ...)
{
	char code[REG_CODE_SIZE], detail[EVLOG_DETAIL_SIZE];
	struct err e;
	va_list ap;

	if (cert_code_of(r, cert_id, code, &e) != 0)
		strcpy(code, "-");
	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	return evlog_append(r, actor, kind, code, detail, &e);
}

void
cert_log_refusal(struct reg *r, const char *kind, const char *subject,
    const struct err *why)
{
	struct err e;

	if (why->kind != ERR_SYSTEM)
		evlog_append_tx(r, "holder", kind, subject, why->key, &e);
}

static const char change_insert_sql[] =
    "INSERT INTO change_record (at, cert_id, kind, detail, actor)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";

int
cert_change_add(struct reg *r, int64_t cert_id, const char *kind,
    const char *detail, const char *actor, struct err *e)
{
	char evkind[EVLOG_KIND_SIZE];
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, change_insert_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, clock_now());
	db_bind_int64(st, 2, cert_id);
	db_bind_text(st, 3, kind);
	db_bind_text(st, 4, detail);
	db_bind_text(st, 5, actor);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "change record");
	snprintf(evkind, sizeof evkind, "cert.%s", kind);
	return cert_event(r, cert_id, actor, evkind, "%s", detail);
}
