/*
 * cert-sign.c: scan-to-sign (6.5), the registry's side: holder certificates
 * for the holders' signing keys, sign requests from application systems,
 * signing one, its status, and whether a signature's signer was revoked since.
 *
 * A holder's Ed25519 key pair is made in its wallet at claim and redeem (and
 * anew at a password reset); the registry signs the public key into a holder
 * certificate (sign.h) and keeps the key, so that a certificate for another
 * key is refused when it signs. An application system asks for a signature
 * over a document's SHA-256 with a single-use request QR carrying it, valid
 * CERT_TOKEN_LIFETIME seconds like every QR, stored only as a hash. The
 * holder's signing is one transaction: the request taken, the signature file
 * kept for the system to fetch, the usage record the FRP and managers see,
 * and the event. A user signs only with an authorization in force now whose
 * matters hold "sign"; the registry then signs that authorization into the
 * file, so that an offline check needs nothing but the registry's public key.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cert-private.h"
#include "clock.h"
#include "regkey.h"
#include "sign.h"
#include "text.h"
#include "evlog.h"

static const char sign_pk_set_sql[] =
    "UPDATE holder SET sign_pk = ?2, sign_keyed_at = ?3 WHERE id = ?1";

/* The registry's key, which every document here needs. */
static int
sign_key(struct reg *r, struct err *e)
{
	if (r->key == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "sign.no_registry_key", NULL);
	return 0;
}

int
cert_hcert_issue(struct reg *r, const struct holder *h, const uint8_t pk[32],
    char *out, size_t len, struct err *e)
{
	struct institution inst;
	struct sign_hcert hc;
	struct db_stmt *st;
	int rc;

	memset(&hc, 0, sizeof hc);
	if (sign_key(r, e) != 0 ||
	    cert_code_of(r, h->cert_id, hc.credit_code, e) != 0 ||
	    reg_inst_get(r, hc.credit_code, &inst, e) != 0)
		return -1;
	snprintf(hc.institution, sizeof hc.institution, "%s", inst.name);
	hc.cert_id = h->cert_id;
	hc.holder_id = h->id;
	snprintf(hc.role, sizeof hc.role, "%s", cert_role_name(h->role));
	snprintf(hc.name, sizeof hc.name, "%s", h->name);
	memcpy(hc.pk, pk, sizeof hc.pk);
	hc.from = clock_now();
	hc.to = hc.from + CERT_HCERT_LIFETIME;
	if (sign_hcert_make(&hc, r->key->sk, out, len) != 0)
		return err_set(e, ERR_SYSTEM, NULL, "sign.too_long", NULL);
	if ((st = db_prepare(r->db, sign_pk_set_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, h->id);
	db_bind_blob(st, 2, pk, 32);
	db_bind_int64(st, 3, hc.from);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "holder key");
}

int
cert_rekey(struct reg *r, int64_t holder_id, const uint8_t pk[32], char *out,
    size_t len, struct err *e)
{
	struct holder h;
	char actor[32];

	if (db_begin(r->db, e) != 0)
		return -1;
	cert_actor(holder_id, actor, sizeof actor);
	return db_end(r->db, cert_holder_read(r, holder_id, &h, e) != 0 ||
	    cert_hcert_issue(r, &h, pk, out, len, e) != 0 ||
	    cert_event(r, h.cert_id, actor, "sign.rekeyed", "holder=%lld",
	    (long long)holder_id) != 0, e);
}

/* --- requests --- */

static const char request_insert_sql[] =
    "INSERT INTO sign_request (hash, system, digest, size, created_at, expires_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";

static int
request_insert(struct reg *r, const uint8_t hash[CODE_HASH_BYTES],
    const char *system, const uint8_t digest[SIGN_DIGEST_BYTES], int64_t size,
    int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, request_insert_sql, e)) == NULL)
		return -1;
	db_bind_blob(st, 1, hash, CODE_HASH_BYTES);
	db_bind_text(st, 2, system);
	db_bind_blob(st, 3, digest, SIGN_DIGEST_BYTES);
	db_bind_int64(st, 4, size);
	db_bind_int64(st, 5, clock_now());
	db_bind_int64(st, 6, clock_now() + CERT_TOKEN_LIFETIME);
	if ((rc = db_step(st)) == DB_ROW)
		*id = db_col_int64(st, 0);
	db_reset(st);
	return rc == DB_ROW ? 0 : db_err(r->db, e, "sign request");
}

int
cert_sign_request(struct reg *r, const char *system,
    const uint8_t digest[SIGN_DIGEST_BYTES], int64_t size, char *token,
    size_t tokenlen, int64_t *id, struct err *e)
{
	uint8_t hash[CODE_HASH_BYTES];

	if (text_check(system, 1, CERT_SYSTEM_CHARS) != NULL)
		return err_set(e, ERR_INPUT, "system", "login.system_invalid", NULL);
	if (reg_clock_ok(r, e) != 0)
		return -1;
	if (code_new_sign(digest, token, tokenlen, hash) != 0)
		return err_set(e, ERR_SYSTEM, NULL, "crypto.init", NULL);
	if (db_begin(r->db, e) != 0)
		return -1;
	return db_end(r->db,
	    request_insert(r, hash, system, digest, size, id, e) != 0 ||
	    evlog_append(r, system, "sign.requested", system, NULL, e) != 0, e);
}

static const char request_get_sql[] =
    "SELECT id, system, digest, size, expires_at, COALESCE(signed_at, 0),"
    " COALESCE(holder_id, 0), COALESCE(signature, '')"
    " FROM sign_request WHERE hash = ?1";

/* The request behind a token's text; ERR_RULE when it is no sign request. */
static int
request_get(struct reg *r, const char *token, struct sign_view *v, struct err *e)
{
	uint8_t hash[CODE_HASH_BYTES], qr[SIGN_DIGEST_BYTES];
	enum code_kind kind;
	struct db_stmt *st;
	int rc;

	memset(v, 0, sizeof *v);
	if (code_token_hash(token, strlen(token), &kind, hash) != 0)
		return err_set(e, ERR_INPUT, "token", code_classify(token,
		    strlen(token)) != CODE_MALFORMED ? "token.wrong_kind" :
		    "token.malformed", NULL);
	if (kind != CODE_SIGN)
		return err_set(e, ERR_RULE, "token", "token.wrong_kind", NULL);
	if ((st = db_prepare(r->db, request_get_sql, e)) == NULL)
		return -1;
	db_bind_blob(st, 1, hash, sizeof hash);
	if ((rc = db_step(st)) == DB_ROW) {
		v->id = db_col_int64(st, 0);
		db_col_copy(st, 1, v->system, sizeof v->system);
		if (db_col_bytes(st, 2) == SIGN_DIGEST_BYTES)
			memcpy(v->digest, db_col_blob(st, 2), SIGN_DIGEST_BYTES);
		v->size = db_col_int64(st, 3);
		v->expires_at = db_col_int64(st, 4);
		v->signed_at = db_col_int64(st, 5);
		v->holder.id = db_col_int64(st, 6);
		db_col_copy(st, 7, v->signature, sizeof v->signature);
	}
	db_reset(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_RULE, "token", "token.unknown", NULL);
	if (rc != DB_ROW)
		return db_err(r->db, e, "sign request get");
	/* The digest the phone shows comes from the QR: it must be the one asked. */
	if (code_sign_digest(token, strlen(token), qr) != 0 ||
	    sodium_memcmp(qr, v->digest, sizeof qr) != 0)
		return err_set(e, ERR_RULE, "token", "sign.digest_mismatch", NULL);
	v->state = v->signed_at != 0 ? 1 : clock_now() >= v->expires_at ? 2 : 0;
	return 0;
}

int
cert_sign_peek(struct reg *r, const char *token, struct sign_view *v,
    struct err *e)
{
	if (request_get(r, token, v, e) != 0)
		return -1;
	if (v->state == 1)
		return err_set(e, ERR_RULE, "token", "token.used", NULL);
	if (v->state == 2)
		return err_set(e, ERR_RULE, "token", "token.expired", NULL);
	return 0;
}

int
cert_sign_status(struct reg *r, const char *token, struct sign_view *v,
    struct err *e)
{
	char code[REG_CODE_SIZE];

	if (request_get(r, token, v, e) != 0)
		return -1;
	if (v->state != 1)
		return 0;
	if (cert_holder_read(r, v->holder.id, &v->holder, e) != 0 ||
	    cert_code_of(r, v->holder.cert_id, code, e) != 0)
		return -1;
	return reg_inst_get(r, code, &v->inst, e);
}

/* --- signing --- */

static const char authz_signing_sql[] =
    "SELECT id, cert_id, user_id, granted_by, matters, starts_at, ends_at, status"
    " FROM authz WHERE user_id = ?1 AND status = 'active' AND starts_at <= ?2"
    " AND ends_at > ?2 ORDER BY ends_at DESC";

/* A user's authorization in force now covering "sign": *found 0 if none. */
static int
authz_signing(struct reg *r, int64_t user, struct authz *a, int *found,
    struct err *e)
{
	struct db_stmt *st;
	int rc;

	*found = 0;
	if ((st = db_prepare(r->db, authz_signing_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, user);
	db_bind_int64(st, 2, clock_now());
	while (!*found && (rc = db_step(st)) == DB_ROW) {
		cert_authz_row(st, a, clock_now());
		*found = text_list_has(a->matters, SIGN_MATTER);
	}
	db_reset(st);
	return *found || rc == DB_DONE ? 0 : db_err(r->db, e, "authz signing");
}

/* A user's authorization statement, signed by the registry, into out. */
static int
sign_authz_text(struct reg *r, const struct holder *me, char *out, size_t len,
    struct err *e)
{
	struct sign_authz sa;
	struct authz a;
	int found;

	if (authz_signing(r, me->id, &a, &found, e) != 0)
		return -1;
	if (!found)
		return err_set(e, ERR_RULE, "authz", "sign.not_authorized", NULL);
	memset(&sa, 0, sizeof sa);
	sa.holder_id = me->id;
	sa.authz_id = a.id;
	snprintf(sa.matters, sizeof sa.matters, "%s", a.matters);
	sa.from = a.starts_at;
	sa.to = a.ends_at;
	if (sign_authz_make(&sa, r->key->sk, out, len) != 0)
		return err_set(e, ERR_SYSTEM, NULL, "sign.too_long", NULL);
	return 0;
}

static const char holder_pk_sql[] = "SELECT sign_pk FROM holder WHERE id = ?1";

/* Checks a holder certificate with the ring kept in r, and only on a miss
 * with the ring read afresh: a key made by a rotation elsewhere since may have
 * signed it. Reading the ring before every signature cost a query each. */
static int
hcert_check(struct reg *r, const char *hcert, struct sign_hcert *hc)
{
	cert_key_remember(r);
	if (sign_hcert_check(hcert, &r->pub, hc) == 0)
		return 0;
	r->pub.n = 0;
	cert_key_remember(r);
	return sign_hcert_check(hcert, &r->pub, hc);
}

/* The holder certificate must be me's, in its validity now (a signature
 * outside it would not verify), signed by one of the registry's keys (a
 * retired key's certificates stay good), for the key the registry keeps. */
static int
hcert_mine(struct reg *r, const struct holder *me, const char *hcert,
    struct err *e)
{
	struct sign_hcert hc;
	struct db_stmt *st;
	int rc, same = 0;

	if (hcert_check(r, hcert, &hc) != 0 || hc.holder_id != me->id ||
	    clock_now() < hc.from || clock_now() >= hc.to)
		return err_set(e, ERR_RULE, "wallet", "sign.no_holder_cert", NULL);
	if ((st = db_prepare(r->db, holder_pk_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, me->id);
	if ((rc = db_step(st)) == DB_ROW)
		same = db_col_bytes(st, 0) == 32 &&
		    memcmp(db_col_blob(st, 0), hc.pk, 32) == 0;
	db_reset(st);
	if (rc != DB_ROW)
		return db_err(r->db, e, "holder key");
	return same ? 0 : err_set(e, ERR_RULE, "wallet", "sign.no_holder_cert", NULL);
}

static const char request_sign_sql[] =
    "UPDATE sign_request SET signed_at = ?2, holder_id = ?3, signature = ?4"
    " WHERE id = ?1 AND signed_at IS NULL AND expires_at > ?2";

static int
request_signed(struct reg *r, int64_t id, int64_t holder, const char *file,
    struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, request_sign_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, clock_now());
	db_bind_int64(st, 3, holder);
	db_bind_text(st, 4, file);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "sign request signed");
	return db_changes(r->db) == 1 ? 0 :
	    err_set(e, ERR_RULE, "token", "token.used", NULL);
}

static int
sign_tx(struct reg *r, const struct holder *me, const char *token,
    const char *hcert, const uint8_t sk[64], char *out, size_t len, struct err *e)
{
	char authz[SIGN_AUTHZ_MAX], actor[32];
	struct sign_view v;
	struct sign_doc d;

	if (cert_sign_peek(r, token, &v, e) != 0 || hcert_mine(r, me, hcert, e) != 0)
		return -1;
	if (me->role == ROLE_USER &&
	    sign_authz_text(r, me, authz, sizeof authz, e) != 0)
		return -1;
	memset(&d, 0, sizeof d);
	memcpy(d.digest, v.digest, sizeof d.digest);
	d.size = v.size;
	snprintf(d.system, sizeof d.system, "%s", v.system);
	d.request = v.id;
	d.signed_at = clock_now();
	if (sign_file_make(&d, hcert, me->role == ROLE_USER ? authz : NULL, sk, out,
	    len) != 0)
		return err_set(e, ERR_SYSTEM, NULL, "sign.too_long", NULL);
	cert_actor(me->id, actor, sizeof actor);
	if (request_signed(r, v.id, me->id, out, e) != 0 ||
	    cert_usage_add(r, "sign", me->cert_id, me->id, 0, v.system, "qr",
	    "valid", e) != 0)
		return -1;
	return cert_event(r, me->cert_id, actor, "sign.signed", "request=%lld",
	    (long long)v.id);
}

int
cert_sign(struct reg *r, const struct holder *me, const char *token,
    const char *hcert, const uint8_t sk[64], char *out, size_t len, struct err *e)
{
	if (sign_key(r, e) != 0 || reg_clock_ok(r, e) != 0 || db_begin(r->db, e) != 0)
		return -1;
	if (sign_tx(r, me, token, hcert, sk, out, len, e) != 0) {
		db_rollback(r->db);
		cert_log_refusal(r, "sign.refused", "", e);
		return -1;
	}
	return db_commit(r->db, e);
}

/* --- revocation since --- */

static const char revoked_sql[] =
    "SELECT h.status, COALESCE(h.ended_at, 0), c.status, c.updated_at,"
    " COALESCE(a.status, ''), COALESCE(a.ended_at, 0)"
    " FROM holder h JOIN certificate c ON c.id = h.cert_id"
    " LEFT JOIN authz a ON a.id = ?2 AND a.user_id = h.id WHERE h.id = ?1";

int
cert_sign_revoked(struct reg *r, int64_t holder_id, int64_t authz_id,
    struct sign_revoked *rv, struct err *e)
{
	struct db_stmt *st;
	int rc;

	memset(rv, 0, sizeof *rv);
	if ((st = db_prepare(r->db, revoked_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, holder_id);
	db_bind_int64(st, 2, authz_id);
	if ((rc = db_step(st)) == DB_ROW) {
		if (strcmp(db_col_text(st, 0), "active") != 0) {
			snprintf(rv->what, sizeof rv->what, "holder");
			rv->since = db_col_int64(st, 1);
		} else if (strcmp(db_col_text(st, 2), "active") != 0) {
			snprintf(rv->what, sizeof rv->what, "certificate");
			rv->since = db_col_int64(st, 3);
		} else if (authz_id != 0 && strcmp(db_col_text(st, 4), "active") != 0) {
			snprintf(rv->what, sizeof rv->what, "authorization");
			rv->since = db_col_int64(st, 5);
		}
	}
	db_reset(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "signature", "sign.unknown_holder", NULL);
	if (rc != DB_ROW)
		return db_err(r->db, e, "sign revoked");
	rv->revoked = rv->what[0] != '\0';
	return 0;
}
