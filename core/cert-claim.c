/*
 * cert-claim.c: approving an application and claiming the certificate (6.1.1,
 * 6.3), rejecting, the FRP change, and the registration authority's changes.
 *
 * Approval writes the FRP into the registry as a pending holder and makes the
 * claim QR bound to it; the claim must bring the same name, ID number and phone.
 * Approving an FRP-change form supersedes the old FRP at once: its wallet stops
 * working; managers and users keep their roles and authorizations.
 *
 * The kiosk asks here, before a ticket is printed, whether the counter could
 * approve the form at all (cert_app_check), and an applicant asks here what
 * became of an application (cert_app_status): with the number and the last
 * four digits of the phone on the form, since numbers run in order, and with
 * failed lookups limited per station.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cert-declare.h"
#include "cert-private.h"
#include "clock.h"
#include "evlog.h"
#include "idcheck.h"
#include "reg-op.h"
#include "text.h"

static const char app_status_sql[] =
    "SELECT status FROM application WHERE number = ?1";

static int
app_status_now(struct reg *r, const char *appno, enum app_status *s, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, app_status_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, appno);
	if ((rc = db_step(st)) == DB_ROW)
		reg_app_status_parse(db_col_text(st, 0), s);
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "number", "app.unknown", NULL);
	return db_err(r->db, e, "application status");
}

static const char cert_by_code_sql[] =
    "SELECT id, status FROM certificate WHERE credit_code = ?1";
static const char cert_insert_sql[] =
    "INSERT INTO certificate (credit_code, status, created_at, updated_at)"
    " VALUES (?1, 'active', ?2, ?2) RETURNING id";

/* The certificate of an institution: *id 0 when it has none. */
int
cert_by_code(struct reg *r, const char *code, int64_t *id, int *active,
    struct err *e)
{
	struct db_stmt *st;
	int rc;

	*id = 0;
	*active = 0;
	if ((st = db_prepare(r->db, cert_by_code_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, code);
	if ((rc = db_step(st)) == DB_ROW) {
		*id = db_col_int64(st, 0);
		*active = strcmp(db_col_text(st, 1), "active") == 0;
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 :
	    db_err(r->db, e, "certificate get");
}

static int
cert_create(struct reg *r, const char *code, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, cert_insert_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, code);
	db_bind_int64(st, 2, clock_now());
	if ((rc = db_step(st)) == DB_ROW)
		*id = db_col_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return db_err(r->db, e, "certificate insert");
	return 0;
}

static const char frp_current_sql[] =
    "SELECT id, status FROM holder WHERE cert_id = ?1 AND role = 'frp'"
    " AND status IN ('pending', 'active') ORDER BY id DESC LIMIT 1";

/* The FRP in office or waiting to claim: *id 0 when none. */
static int
frp_current(struct reg *r, int64_t cert_id, int64_t *id, int *active, struct err *e)
{
	struct db_stmt *st;
	int rc;

	*id = 0;
	*active = 0;
	if ((st = db_prepare(r->db, frp_current_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, cert_id);
	if ((rc = db_step(st)) == DB_ROW) {
		*id = db_col_int64(st, 0);
		*active = strcmp(db_col_text(st, 1), "active") == 0;
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 :
	    db_err(r->db, e, "frp get");
}

static const char holder_insert_sql[] =
    "INSERT INTO holder (cert_id, role, name, id_number, phone, added_by, status,"
    " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7) RETURNING id";

int
cert_holder_insert(struct reg *r, int64_t cert_id, enum holder_role role,
    const char *name, const char *id_number, const char *phone, int64_t added_by,
    int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, holder_insert_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, cert_id);
	db_bind_text(st, 2, cert_role_name(role));
	db_bind_text(st, 3, name);
	db_bind_text(st, 4, id_number);
	db_bind_text(st, 5, phone);
	if (added_by > 0)
		db_bind_int64(st, 6, added_by);
	else
		db_bind_null(st, 6);
	db_bind_int64(st, 7, clock_now());
	if ((rc = db_step(st)) == DB_ROW)
		*id = db_col_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return db_err(r->db, e, "holder insert");
	return 0;
}

static const char app_decide_sql[] =
    "UPDATE application SET status = ?2, decided_by = ?3, reject_reason = ?4,"
    " updated_at = ?5 WHERE number = ?1";

static int
app_decide(struct reg *r, const char *appno, enum app_status s, const char *staff,
    const char *reason, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, app_decide_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, appno);
	db_bind_text(st, 2, reg_app_status_name(s));
	db_bind_text(st, 3, staff);
	db_bind_text(st, 4, reason);
	db_bind_int64(st, 5, clock_now());
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "application decide");
}

/* First approval: the certificate (made for a claim), the old FRP superseded (a
 * change), the new FRP pending, the change record. Sets *frp. */
static int
approve_first(struct reg *r, const struct application *a, const char *staff,
    int64_t *cert_id, int64_t *frp, struct err *e)
{
	int64_t old;
	int active;

	if (cert_by_code(r, a->credit_code, cert_id, &active, e) != 0)
		return -1;
	if (*cert_id != 0 && !active)
		return err_set(e, ERR_RULE, "credit_code", "cert.not_active", NULL);
	if (*cert_id == 0 && a->kind == APP_FRP_CHANGE)
		return err_set(e, ERR_RULE, "credit_code", "cert.none", NULL);
	if (*cert_id == 0 && cert_create(r, a->credit_code, cert_id, e) != 0)
		return -1;
	if (frp_current(r, *cert_id, &old, &active, e) != 0)
		return -1;
	if (a->kind == APP_CLAIM && active)
		return err_set(e, ERR_RULE, "credit_code", "cert.already_claimed", NULL);
	/* A claim approved before but never claimed is replaced by this one. */
	if (old != 0 && cert_holder_set_status(r, old, HOLDER_SUPERSEDED, e) != 0)
		return -1;
	if (cert_holder_insert(r, *cert_id, ROLE_FRP, a->frp_name, a->frp_id, a->frp_phone,
	    0, frp, e) != 0 || app_decide(r, a->number, APP_APPROVED, staff, NULL, e) != 0)
		return -1;
	if (a->kind == APP_FRP_CHANGE && cert_change_add(r, *cert_id,
	    a->reason == APP_REASON_LEGAL_REP_CHANGE ? "legal_rep_change" :
	    "frp_change", a->number, staff, e) != 0)
		return -1;
	return evlog_append(r, staff, "app.approved", a->number, a->credit_code, e);
}

static const char app_frp_sql[] =
    "SELECT holder_id, cert_id FROM token WHERE app_number = ?1 AND kind = 'claim'"
    " ORDER BY id DESC LIMIT 1";

/* The FRP an approved application made, found through its last claim token. */
static int
app_frp(struct reg *r, const char *appno, int64_t *frp, int64_t *cert_id,
    struct err *e)
{
	struct db_stmt *st;
	int rc;

	*frp = 0;
	if ((st = db_prepare(r->db, app_frp_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, appno);
	if ((rc = db_step(st)) == DB_ROW) {
		*frp = db_col_int64(st, 0);
		*cert_id = db_col_int64(st, 1);
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_err(r->db, e, "application frp");
	return 0;
}

/* Asked again: the same FRP, if it has not claimed yet, gets a new QR. */
static int
approve_again(struct reg *r, const char *appno, int64_t *cert_id, int64_t *frp,
    struct err *e)
{
	struct holder h;

	if (app_frp(r, appno, frp, cert_id, e) != 0)
		return -1;
	if (*frp == 0 || cert_holder_read(r, *frp, &h, e) != 0)
		return err_set(e, ERR_RULE, "number", "app.not_open", NULL);
	if (h.status != HOLDER_PENDING)
		return err_set(e, ERR_RULE, "number", h.status == HOLDER_ACTIVE ?
		    "app.claimed" : "app.not_open", NULL);
	if (cert_token_void_holder(r, *frp, e) != 0)
		return -1;
	return evlog_append(r, "cli", "claimqr.voided", appno, NULL, e);
}

static int
approve_tx(struct reg *r, const struct application *a, const char *staff,
    const struct idplat_check *idc, char *token, size_t len, struct err *e)
{
	enum app_status st;
	int64_t cert_id = 0, frp = 0;
	char kind[EVLOG_KIND_SIZE];

	/* The event chain's lock first, as every writer takes it: approving
	 * again voids the claim QR (row locks) before its event, and two
	 * counters taking the same locks in the other order deadlock on
	 * PostgreSQL (seen under bench/bench-stations.sh). */
	if (evlog_lock(r, e) != 0 || app_status_now(r, a->number, &st, e) != 0)
		return -1;
	if (st == APP_APPROVED) {
		if (approve_again(r, a->number, &cert_id, &frp, e) != 0)
			return -1;
	} else if (st != APP_SUBMITTED)
		return err_set(e, ERR_RULE, "number", "app.not_open", NULL);
	else {
		snprintf(kind, sizeof kind, "idcheck.%s",
		    idplat_outcome_name(idc->outcome));
		if (evlog_append(r, staff, kind, a->number, a->frp_name[0] ? "frp" : "",
		    e) != 0 || approve_first(r, a, staff, &cert_id, &frp, e) != 0)
			return -1;
	}
	if (cert_token_new(r, CODE_CLAIM, cert_id, frp, 0, a->number, NULL, staff,
	    token, len, e) != 0)
		return -1;
	return evlog_append(r, staff, "claimqr.shown", a->number, a->credit_code, e);
}

/* A refused identity check leaves the application as it was, and an event. */
static void
idcheck_log(struct reg *r, const char *staff, const struct idplat_check *idc,
    const char *appno)
{
	char kind[EVLOG_KIND_SIZE];
	struct err e;

	snprintf(kind, sizeof kind, "idcheck.%s", idplat_outcome_name(idc->outcome));
	evlog_append_tx(r, staff, kind, appno, "frp", &e);
}

struct approve_args {
	struct application		*a;
	const char			*staff;
	const struct idplat_check	*idc;
	char				*token;
	size_t				 len;
};

/* The approval as one operation. The claim QR's token is kept only as a
 * hash, so the answer to a retry is the token in memory: the last run's, which
 * is the one that committed (a run after it finds the operation done). */
static int
approve_op(struct reg *r, struct reg_op *op, void *arg, struct err *e)
{
	struct approve_args *t = arg;

	if (approve_tx(r, t->a, t->staff, t->idc, t->token, t->len, e) != 0)
		return -1;
	op->ref = t->a->id;
	snprintf(op->result, sizeof op->result, "%s", t->a->number);
	return 0;
}

int
cert_approve(struct reg *r, const char *appno, const char *staff,
    const struct idplat_check *idc, char *token, size_t len, int64_t *expires,
    struct err *e)
{
	struct approve_args t;
	struct application a;
	struct reg_op op;

	if (reg_clock_ok(r, e) != 0 || reg_app_get(r, appno, &a, e) != 0)
		return -1;
	if (!idplat_passed(idc)) {
		err_set(e, ERR_RULE, "frp_id", idc->key, NULL);
		idcheck_log(r, staff, idc, a.number);
		return -1;
	}
	t.a = &a;
	t.staff = staff;
	t.idc = idc;
	t.token = token;
	t.len = len;
	if (reg_op_do(r, &op, "app.approve", approve_op, &t, e) != 0)
		return -1;
	*expires = clock_now() + CERT_TOKEN_LIFETIME;
	return 0;
}

struct reject_args {
	const struct application	*a;
	const char			*staff;
	const char			*reason;
};

/* The rejection as one operation: a retry after a lost reply finds it done
 * rather than the application no longer open. */
static int
reject_op(struct reg *r, struct reg_op *op, void *arg, struct err *e)
{
	struct reject_args *t = arg;
	enum app_status st;

	if (app_status_now(r, t->a->number, &st, e) != 0)
		return -1;
	if (st != APP_SUBMITTED)
		return err_set(e, ERR_RULE, "number", "app.not_open", NULL);
	if (app_decide(r, t->a->number, APP_REJECTED, t->staff, t->reason,
	    e) != 0 || evlog_append(r, t->staff, "app.rejected", t->a->number,
	    t->reason, e) != 0)
		return -1;
	op->ref = t->a->id;
	snprintf(op->result, sizeof op->result, "%s", t->a->number);
	return 0;
}

int
cert_reject(struct reg *r, const char *appno, const char *staff,
    const char *reason, struct err *e)
{
	struct reject_args t;
	struct application a;
	struct reg_op op;
	const char *key;

	if ((key = text_check(reason, 1, REG_REMARK_CHARS)) != NULL)
		return err_set(e, ERR_INPUT, "reject_reason", key, NULL);
	if (reg_app_get(r, appno, &a, e) != 0)
		return -1;
	t.a = &a;
	t.staff = staff;
	t.reason = reason;
	return reg_op_do(r, &op, "app.reject", reject_op, &t, e);
}

static const char claim_state_sql[] =
    "SELECT t.used_at IS NOT NULL, t.voided_at IS NOT NULL OR t.expires_at <= ?2"
    " FROM token t WHERE t.app_number = ?1 AND t.kind = 'claim'"
    " ORDER BY t.id DESC LIMIT 1";

int
cert_claim_state(struct reg *r, const char *appno, int *state, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, claim_state_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, appno);
	db_bind_int64(st, 2, clock_now());
	if ((rc = db_step(st)) == DB_ROW)
		*state = db_col_int(st, 0) ? 1 : db_col_int(st, 1) ? 2 : 0;
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "number", "app.no_claim_qr", NULL);
	return db_err(r->db, e, "claim state");
}

/* The details the FRP confirms must be those the counter wrote. */
static int
claim_matches(const struct holder *h, const char *name, const char *id_number,
    const char *phone, struct err *e)
{
	char id[REG_ID_SIZE];

	snprintf(id, sizeof id, "%s", id_number);
	idcheck_normalize_id(id);
	if (strcmp(h->name, name) != 0)
		return err_set(e, ERR_RULE, "frp_name", "claim.mismatch", NULL);
	if (strcmp(h->id_number, id) != 0)
		return err_set(e, ERR_RULE, "frp_id", "claim.mismatch", NULL);
	if (strcmp(h->phone, phone) != 0)
		return err_set(e, ERR_RULE, "frp_phone", "claim.mismatch", NULL);
	return 0;
}

static int
claim_tx(struct reg *r, const char *token, const char *name, const char *id_number,
    const char *phone, const struct cert_seal *seal, struct holder *h,
    struct err *e)
{
	uint8_t secret[CERT_SECRET_BYTES];
	int rc;
	struct token_row t;
	enum cert_status cs;
	char actor[32];

	if (cert_token_take(r, token, CODE_CLAIM, &t, e) != 0 ||
	    cert_holder_read(r, t.holder_id, h, e) != 0)
		return -1;
	if (h->status != HOLDER_PENDING || h->role != ROLE_FRP)
		return err_set(e, ERR_RULE, "token", "token.voided", NULL);
	if (cert_status_of(r, h->cert_id, &cs, e) != 0)
		return -1;
	if (cs != CERT_ACTIVE)
		return err_set(e, ERR_RULE, "token", "cert.not_active", NULL);
	if (cert_declare_check(seal, e) != 0 ||
	    claim_matches(h, name, id_number, phone, e) != 0 ||
	    cert_holder_activate(r, h->id, secret, e) != 0 ||
	    cert_token_mark_used(r, t.id, h->id, e) != 0)
		return -1;
	h->status = HOLDER_ACTIVE;
	cert_actor(h->id, actor, sizeof actor);
	/* The wallet last: only the commit follows it. */
	rc = cert_event(r, h->cert_id, actor, "cert.claimed", "%s", t.app_number) != 0 ||
	    cert_declare_record(r, h, seal->declaration, e) != 0 ||
	    seal->save(seal->arg, h, secret, e) != 0 ? -1 : 0;
	sodium_memzero(secret, sizeof secret);
	return rc;
}

struct claim_args {
	const char		*token, *name, *id_number, *phone;
	const struct cert_seal	*seal;
	struct holder		*h;
};

/* The claim as one operation; the holder left in *h is the last run's, the
 * one that committed. */
static int
claim_op(struct reg *r, struct reg_op *op, void *arg, struct err *e)
{
	struct claim_args *t = arg;

	if (claim_tx(r, t->token, t->name, t->id_number, t->phone, t->seal, t->h,
	    e) != 0)
		return -1;
	op->ref = t->h->id;
	snprintf(op->result, sizeof op->result, "holder");
	return 0;
}

int
cert_claim(struct reg *r, const char *token, const char *name,
    const char *id_number, const char *phone, const struct cert_seal *seal,
    struct holder *h, struct err *e)
{
	struct claim_args t = { token, name, id_number, phone, seal, h };
	struct reg_op op;

	if (reg_op_do(r, &op, "claim", claim_op, &t, e) != 0) {
		cert_log_refusal(r, "claim.refused", "", e);
		return -1;
	}
	return 0;
}

static const char cert_set_status_sql[] =
    "UPDATE certificate SET status = ?2, updated_at = ?3 WHERE id = ?1";

int
cert_admin_change(struct reg *r, const char *code, const char *kind,
    const char *detail, const char *actor, struct err *e)
{
	static const char *const kinds[] = { "cancellation", "deletion", NULL };
	struct db_stmt *st;
	int64_t id;
	int i, active, rc;

	for (i = 0; kinds[i] != NULL && strcmp(kinds[i], kind) != 0; i++)
		;
	if (kinds[i] == NULL)
		return err_set(e, ERR_INPUT, "kind", "cert.change_kind", NULL);
	if (db_begin(r->db, e) != 0)
		return -1;
	if (cert_by_code(r, code, &id, &active, e) != 0)
		goto fail;
	if (id == 0 || !active) {
		err_set(e, id == 0 ? ERR_NOTFOUND : ERR_RULE, "credit_code",
		    id == 0 ? "cert.none" : "cert.not_active", NULL);
		goto fail;
	}
	if ((st = db_prepare(r->db, cert_set_status_sql, e)) == NULL)
		goto fail;
	db_bind_int64(st, 1, id);
	db_bind_text(st, 2, kind[0] == 'c' ? "cancelled" : "deleted");
	db_bind_int64(st, 3, clock_now());
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE) {
		db_err(r->db, e, "certificate status");
		goto fail;
	}
	if (cert_change_add(r, id, kind, detail, actor, e) != 0)
		goto fail;
	return db_commit(r->db, e);
fail:
	db_rollback(r->db);
	return -1;
}

/* --- what the kiosk may take --- */

int
cert_app_check(struct reg *r, const char *credit_code, enum app_kind kind,
    struct err *e)
{
	int64_t cert_id, frp;
	int active;

	if (cert_by_code(r, credit_code, &cert_id, &active, e) != 0)
		return -1;
	if (cert_id != 0 && !active)
		return err_set(e, ERR_RULE, "credit_code", "app.cert_cancelled", NULL);
	if (kind == APP_FRP_CHANGE) {
		if (cert_id == 0)
			return err_set(e, ERR_RULE, "credit_code", "app.no_cert", NULL);
		return 0;
	}
	if (cert_id == 0)
		return 0;
	if (frp_current(r, cert_id, &frp, &active, e) != 0)
		return -1;
	if (active)
		return err_set(e, ERR_RULE, "credit_code", "cert.already_claimed", NULL);
	return 0;
}

int
cert_app_submit(struct reg *r, const struct app_form *f, struct application *out,
    struct err *e)
{
	/* The form's own mistakes first: they are the applicant's to fix. */
	if (reg_app_check(r, f, e) != 0 ||
	    cert_app_check(r, f->credit_code, f->kind, e) != 0)
		return -1;
	return reg_app_submit(r, f, out, e);
}

/* --- what the applicant may learn --- */

static int
lookup_limited(struct reg *r, int64_t *retry, struct err *e)
{
	struct db_stmt *st;
	int64_t n = 0, oldest = 0;
	int rc;

	if ((st = reg_guard_prepare(r, REG_GUARD_LOOKUP_FAILS, e)) == NULL)
		return -1;
	db_bind_text(st, 1, reg_station(r));
	db_bind_int64(st, 2, clock_now() - CERT_LOOKUP_WINDOW);
	if ((rc = db_step(st)) == DB_ROW) {
		n = db_col_int64(st, 0);
		oldest = db_col_int64(st, 1);
	}
	db_reset(st);
	if (rc != DB_ROW)
		return db_err(r->db, e, "lookup limit");
	*retry = oldest + CERT_LOOKUP_WINDOW + 1;
	return n >= CERT_LOOKUP_MAX;
}

/* The view of the application asked for, when the phone on the form ends with
 * these four digits: 1, else 0 (unknown numbers and wrong digits look alike),
 * or -1 with e filled (app.lookup_limited when the database holds this
 * login's wrong guesses for the number at its limit, reg-guard.c).
 * The registry compares: a kiosk reads no phone number. */
static int
lookup_view(struct reg *r, const char *number, const char *phone_end,
    struct app_view *v, struct err *e)
{
	struct db_stmt *st;
	const char *s;
	int64_t retry = 0;
	int rc, verdict = 0;

	if (strlen(phone_end) != 4 || strspn(phone_end, "0123456789") != 4 ||
	    reg_app_number_parse(number, v->number) != 0)
		return 0;
	if (reg_guard_note(r, "app_lookup", v->number, phone_end, e) != 0 ||
	    (st = reg_guard_prepare(r, REG_GUARD_APP_LOOKUP, e)) == NULL)
		return -1;
	db_bind_text(st, 1, v->number);
	db_bind_text(st, 2, phone_end);
	if ((rc = db_step(st)) == DB_ROW) {
		verdict = db_col_int(st, 0);
		s = db_col_text(st, 1);
		v->kind = s != NULL && strcmp(s, "frp_change") == 0 ?
		    APP_FRP_CHANGE : APP_CLAIM;
		if (reg_app_status_parse(db_col_text(st, 2), &v->status) != 0)
			v->status = APP_SUBMITTED;
		if (v->status == APP_REJECTED)
			db_col_copy(st, 3, v->reject_reason,
			    sizeof v->reject_reason);
		v->claimed = v->status == APP_APPROVED && db_col_int(st, 4);
		retry = db_col_int64(st, 5);
	}
	db_reset(st);
	if (rc == DB_ERROR)
		return db_err(r->db, e, "application lookup");
	if (reg_guard_refused(verdict, retry, "number", "app.lookup_limited",
	    e) != 0)
		return -1;
	return rc == DB_ROW;
}

int
cert_app_status(struct reg *r, const char *number, const char *phone_end,
    struct app_view *v, struct err *e)
{
	char at[20];
	int64_t retry = 0;
	int rc;

	memset(v, 0, sizeof *v);
	if ((rc = lookup_limited(r, &retry, e)) < 0)
		return -1;
	if (rc > 0) {
		clock_format_local(retry, at, sizeof at);
		return err_set(e, ERR_RULE, "number", "app.lookup_limited", "%.5s",
		    at + 11);
	}
	if ((rc = lookup_view(r, number, phone_end, v, e)) < 0)
		return -1;
	if (rc > 0)
		return 0;
	memset(v, 0, sizeof *v);
	if (evlog_append_tx(r, "applicant", "app.lookup_failed", NULL, NULL, e) != 0)
		return -1;
	return err_set(e, ERR_RULE, "number", "app.lookup_failed", NULL);
}
