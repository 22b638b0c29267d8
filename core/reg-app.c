/*
 * reg-app.c: applications, the two paper forms on screen.
 *
 * The claim form (申领表) and the FRP-change form (第一管理责任人变更申请表) share
 * one table: the institution's part is copied from the register when the form is
 * submitted, so the counter sees what the person confirmed even if the register
 * changes later, and can compare the two. Application numbers are "YYYYMMDD-NNNN":
 * the Shanghai date and a per-day sequence, short enough to read out and type.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "clock.h"
#include "evlog.h"
#include "idcheck.h"
#include "reg-op.h"
#include "reg-private.h"
#include "text.h"

static const char *const app_kinds[] = { "claim", "frp_change" };
static const char *const app_statuses[] = {
	"submitted", "approved", "rejected", "withdrawn"
};
static const char *const app_reasons[] = { "", "legal_rep_change", "frp_change" };

const char *
reg_app_kind_name(enum app_kind k)
{
	return app_kinds[k];
}

const char *
reg_app_status_name(enum app_status s)
{
	return app_statuses[s];
}

const char *
reg_app_reason_name(enum app_reason r)
{
	return app_reasons[r];
}

int
reg_app_status_parse(const char *s, enum app_status *out)
{
	int v;

	if ((v = reg_name_index(s, app_statuses, 4)) < 0)
		return -1;
	*out = (enum app_status)v;
	return 0;
}

int
reg_app_reason_parse(const char *s, enum app_reason *out)
{
	int v;

	if ((v = reg_name_index(s, app_reasons, 3)) < 0)
		return -1;
	*out = (enum app_reason)v;
	return 0;
}

int
reg_app_number_parse(const char *s, char out[REG_APPNO_SIZE])
{
	size_t n = strlen(s), i, seq = 0;
	char digits[REG_APPNO_SIZE];

	/* 8 date digits, then 4 or more sequence digits, with or without a dash. */
	for (i = 0; i < n && seq < sizeof digits - 1; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits[seq++] = s[i];
		else if (!(s[i] == '-' && i == 8))
			return -1;
	}
	if (i != n || seq < 12 || seq > REG_APPNO_SIZE - 2)
		return -1;
	memcpy(out, digits, 8);
	out[8] = '-';
	memcpy(out + 9, digits + 8, seq - 8);
	out[seq + 1] = '\0';
	return 0;
}

void
reg_app_filter_init(struct app_filter *f)
{
	memset(f, 0, sizeof *f);
	f->status = -1;
}

static int
app_check_text(const char *field, const char *s, size_t min, size_t max,
    struct err *e)
{
	const char *key;

	if ((key = text_check(s, min, max)) != NULL)
		return err_set(e, ERR_INPUT, field, key, NULL);
	return 0;
}

/* The legal representative's ID number and phone as the form gives them:
 * checked when filled in, never against the register (a legal
 * representative change is why they may differ); the counter compares. */
static int
app_fill_legal_rep(const struct app_form *f, struct application *a,
    struct err *e)
{
	const char *id = a->frp_is_legal_rep ? f->frp_id : f->legal_rep_id;
	const char *phone = a->frp_is_legal_rep ? f->frp_phone : f->legal_rep_phone;
	const char *key;

	if (id[0] != '\0' && (key = idcheck_resident_id(id, clock_now())) != NULL)
		return err_set(e, ERR_INPUT, "legal_rep_id", key, NULL);
	if (phone[0] != '\0' && (key = idcheck_mobile(phone)) != NULL)
		return err_set(e, ERR_INPUT, "legal_rep_phone", key, NULL);
	snprintf(a->form_legal_rep_id, sizeof a->form_legal_rep_id, "%s", id);
	snprintf(a->form_legal_rep_phone, sizeof a->form_legal_rep_phone, "%s",
	    phone);
	return 0;
}

int
reg_app_legal_rep_id(struct reg *r, const char *credit_code,
    const char *id_number, struct err *e)
{
	struct db_stmt *st;
	int64_t retry = 0;
	int rc, is_rep = 0;

	if (reg_guard_note(r, "legal_rep", credit_code, id_number, e) != 0 ||
	    (st = reg_guard_prepare(r, REG_GUARD_LEGAL_REP, e)) == NULL)
		return -1;
	db_bind_text(st, 1, credit_code);
	db_bind_text(st, 2, id_number);
	if ((rc = db_step(st)) == DB_ROW) {
		is_rep = db_col_int(st, 0);
		retry = db_col_int64(st, 1);
	}
	db_reset(st);
	if (rc == DB_ERROR)
		return db_err(r->db, e, "legal representative");
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "credit_code", "inst.unknown", NULL);
	if (reg_guard_refused(is_rep, retry, "frp_id", "app.legal_rep_limited",
	    e) != 0)
		return -1;
	return is_rep ? 0 : err_set(e, ERR_INPUT, "frp_id",
	    "app.legal_rep_id_mismatch", NULL);
}

/*
 * The form's identifiers as the core stores them, whichever front end filled
 * it: NFKC'd and upper-cased (idcheck_normalize_*), so that a front end that
 * passed full-width digits through gets them read, not refused.
 */
static void
app_normalize(const struct app_form *f, struct app_form *n)
{
	*n = *f;
	idcheck_normalize_code(n->credit_code);
	idcheck_normalize_id(n->frp_id);
	idcheck_normalize_mobile(n->frp_phone);
}

/* Checks the normalized form; fills the application from it and the register's
 * shown columns. The register's legal representative's ID number and phone
 * (and the FRP's ID number when the FRP is the legal representative and typed
 * none) are the database's to copy as the row is added (reg-schema.c's
 * migration 11): the kiosk that submits may not read them. */
static int
app_fill_normal(struct reg *r, const struct app_form *f, struct application *a,
    struct err *e)
{
	struct institution in;
	const char *key;

	memset(a, 0, sizeof *a);
	if ((key = idcheck_credit_code(f->credit_code)) != NULL)
		return err_set(e, ERR_INPUT, "credit_code", key, NULL);
	if (reg_inst_shown(r, f->credit_code, &in, e) != 0)
		return -1;
	if (in.status != INST_ACTIVE)
		return err_set(e, ERR_RULE, "credit_code", "inst.cancelled", NULL);
	if (f->kind == APP_FRP_CHANGE && f->reason == APP_REASON_NONE)
		return err_set(e, ERR_INPUT, "reason", "app.reason_missing", NULL);

	a->kind = f->kind;
	a->status = APP_SUBMITTED;
	a->reason = f->kind == APP_FRP_CHANGE ? f->reason : APP_REASON_NONE;
	memcpy(a->credit_code, in.credit_code, sizeof a->credit_code);
	memcpy(a->inst_name, in.name, sizeof a->inst_name);
	memcpy(a->inst_address, in.address, sizeof a->inst_address);
	memcpy(a->legal_rep_name, in.legal_rep_name, sizeof a->legal_rep_name);

	/* A change form always names the new FRP: that is what it is for. */
	a->frp_is_legal_rep = f->kind == APP_CLAIM && f->frp_is_legal_rep;
	if (a->frp_is_legal_rep) {
		if (f->frp_id[0] != '\0' &&
		    reg_app_legal_rep_id(r, f->credit_code, f->frp_id, e) != 0)
			return -1;
		memcpy(a->frp_name, in.legal_rep_name, sizeof a->frp_name);
		memcpy(a->frp_id, f->frp_id, sizeof a->frp_id);
	} else {
		if ((key = text_check_name(f->frp_name, 1, REG_PERSON_CHARS)) != NULL)
			return err_set(e, ERR_INPUT, "frp_name", key, NULL);
		if ((key = idcheck_resident_id(f->frp_id, clock_now())) != NULL)
			return err_set(e, ERR_INPUT, "frp_id", key, NULL);
		memcpy(a->frp_name, f->frp_name, sizeof a->frp_name);
		memcpy(a->frp_id, f->frp_id, sizeof a->frp_id);
	}
	if ((key = idcheck_mobile(f->frp_phone)) != NULL)
		return err_set(e, ERR_INPUT, "frp_phone", key, NULL);
	memcpy(a->frp_phone, f->frp_phone, sizeof a->frp_phone);
	if (app_fill_legal_rep(f, a, e) != 0)
		return -1;
	if (f->remark[0] != '\0' &&
	    app_check_text("remark", f->remark, 0, REG_REMARK_CHARS, e) != 0)
		return -1;
	memcpy(a->remark, f->remark, sizeof a->remark);
	memcpy(a->station, reg_station(r), sizeof a->station);
	return 0;
}

static int
app_fill(struct reg *r, const struct app_form *f, struct application *a,
    struct err *e)
{
	struct app_form n;
	int rc;

	app_normalize(f, &n);
	rc = app_fill_normal(r, &n, a, e);
	sodium_memzero(&n, sizeof n);
	return rc;
}

static const char app_seq_sql[] =
    "SELECT COALESCE(MAX(seq), 0) + 1 FROM application WHERE day = ?1";
static const char app_insert_sql[] =
    "INSERT INTO application (number, day, seq, kind, status, credit_code,"
    " inst_name, inst_address, legal_rep_name, legal_rep_id, legal_rep_phone,"
    " frp_is_legal_rep, frp_name, frp_id, frp_phone, reason, remark, station,"
    " created_at, updated_at, form_legal_rep_id, form_legal_rep_phone)"
    " VALUES (?1, ?2, ?3, ?4, 'submitted', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
    " ?13, ?14, ?15, ?16, ?17, ?18, ?18, ?19, ?20) RETURNING id";

static int
app_insert(struct reg *r, struct application *a, struct err *e)
{
	char day[11], dayc[9];
	struct db_stmt *st;
	int64_t seq = 0;
	int rc;

	a->created_at = a->updated_at = clock_now();
	clock_local_date(a->created_at, day, sizeof day);
	snprintf(dayc, sizeof dayc, "%.4s%.2s%.2s", day, day + 5, day + 8);
	/* Under the chain's lock, which the submission's event takes anyway: two
	 * stations (or hosts) cannot both read the same last number, and a
	 * submission rolled back frees its number for the next, so numbers stay
	 * unique and without gaps. */
	if (evlog_lock(r, e) != 0)
		return -1;
	if ((st = db_prepare(r->db, app_seq_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, dayc);
	if ((rc = db_step(st)) == DB_ROW)
		seq = db_col_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return db_err(r->db, e, "application number");
	snprintf(a->number, sizeof a->number, "%s-%04lld", dayc, (long long)seq);

	if ((st = db_prepare(r->db, app_insert_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, a->number);
	db_bind_text(st, 2, dayc);
	db_bind_int64(st, 3, seq);
	db_bind_text(st, 4, reg_app_kind_name(a->kind));
	db_bind_text(st, 5, a->credit_code);
	db_bind_text(st, 6, a->inst_name);
	db_bind_text(st, 7, a->inst_address);
	db_bind_text(st, 8, a->legal_rep_name);
	db_bind_text(st, 9, a->legal_rep_id);
	db_bind_text(st, 10, a->legal_rep_phone);
	db_bind_int64(st, 11, a->frp_is_legal_rep);
	db_bind_text(st, 12, a->frp_name);
	db_bind_text(st, 13, a->frp_id);
	db_bind_text(st, 14, a->frp_phone);
	db_bind_text(st, 15, a->reason == APP_REASON_NONE ? NULL :
	    reg_app_reason_name(a->reason));
	db_bind_text(st, 16, a->remark);
	db_bind_text(st, 17, a->station);
	db_bind_int64(st, 18, a->created_at);
	db_bind_text(st, 19, a->form_legal_rep_id[0] != '\0' ? a->form_legal_rep_id :
	    NULL);
	db_bind_text(st, 20, a->form_legal_rep_phone[0] != '\0' ?
	    a->form_legal_rep_phone : NULL);
	if ((rc = db_step(st)) == DB_ROW)
		a->id = db_col_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return db_err(r->db, e, "application insert");
	return 0;
}

int
reg_app_check(struct reg *r, const struct app_form *f, struct err *e)
{
	struct application a;

	return app_fill(r, f, &a, e);
}

/* The submission as one operation. The number left in the application is the
 * last run's: the one that committed, since a run after a committed one finds
 * the operation done and runs nothing. */
static int
app_submit_tx(struct reg *r, struct reg_op *op, void *arg, struct err *e)
{
	struct application *a = arg;
	char detail[64];

	snprintf(detail, sizeof detail, "%s %s", reg_app_kind_name(a->kind),
	    a->credit_code);
	if (app_insert(r, a, e) != 0 ||
	    evlog_append(r, "applicant", "app.submitted", a->number, detail, e) != 0)
		return -1;
	op->ref = a->id;
	snprintf(op->result, sizeof op->result, "%s", a->number);
	return 0;
}

int
reg_app_submit(struct reg *r, const struct app_form *f, struct application *out,
    struct err *e)
{
	struct application a;
	struct reg_op op;

	if (app_fill(r, f, &a, e) != 0 ||
	    reg_op_do(r, &op, "app.submit", app_submit_tx, &a, e) != 0)
		return -1;
	if (out != NULL)
		*out = a;
	return 0;
}

#define APP_COLUMNS "id, number, kind, status, credit_code, inst_name,"	\
	" inst_address, legal_rep_name, legal_rep_id, legal_rep_phone,"	\
	" frp_is_legal_rep, frp_name, frp_id, frp_phone, reason, remark, station,"	\
	" created_at, updated_at, decided_by, reject_reason, form_legal_rep_id,"	\
	" form_legal_rep_phone"

static void
app_row(struct db_stmt *st, struct application *a)
{
	const char *s;
	int v;

	memset(a, 0, sizeof *a);
	a->id = db_col_int64(st, 0);
	db_col_copy(st, 1, a->number, sizeof a->number);
	s = db_col_text(st, 2);
	a->kind = s != NULL && strcmp(s, "frp_change") == 0 ? APP_FRP_CHANGE :
	    APP_CLAIM;
	v = reg_name_index(db_col_text(st, 3), app_statuses, 4);
	a->status = v >= 0 ? (enum app_status)v : APP_SUBMITTED;
	db_col_copy(st, 4, a->credit_code, sizeof a->credit_code);
	db_col_copy(st, 5, a->inst_name, sizeof a->inst_name);
	db_col_copy(st, 6, a->inst_address, sizeof a->inst_address);
	db_col_copy(st, 7, a->legal_rep_name, sizeof a->legal_rep_name);
	db_col_copy(st, 8, a->legal_rep_id, sizeof a->legal_rep_id);
	db_col_copy(st, 9, a->legal_rep_phone, sizeof a->legal_rep_phone);
	a->frp_is_legal_rep = db_col_int(st, 10);
	db_col_copy(st, 11, a->frp_name, sizeof a->frp_name);
	db_col_copy(st, 12, a->frp_id, sizeof a->frp_id);
	db_col_copy(st, 13, a->frp_phone, sizeof a->frp_phone);
	v = reg_name_index(db_col_text(st, 14), app_reasons, 3);
	a->reason = v >= 0 ? (enum app_reason)v : APP_REASON_NONE;
	db_col_copy(st, 15, a->remark, sizeof a->remark);
	db_col_copy(st, 16, a->station, sizeof a->station);
	a->created_at = db_col_int64(st, 17);
	a->updated_at = db_col_int64(st, 18);
	db_col_copy(st, 19, a->decided_by, sizeof a->decided_by);
	db_col_copy(st, 20, a->reject_reason, sizeof a->reject_reason);
	db_col_copy(st, 21, a->form_legal_rep_id, sizeof a->form_legal_rep_id);
	db_col_copy(st, 22, a->form_legal_rep_phone, sizeof a->form_legal_rep_phone);
}

static const char app_get_sql[] =
    "SELECT " APP_COLUMNS " FROM application WHERE number = ?1";

int
reg_app_get(struct reg *r, const char *number, struct application *a,
    struct err *e)
{
	char canon[REG_APPNO_SIZE];
	struct db_stmt *st;
	int rc;

	if (reg_app_number_parse(number, canon) != 0)
		return err_set(e, ERR_INPUT, "number", "app.number_invalid", NULL);
	if ((st = db_prepare(r->db, app_get_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, canon);
	if ((rc = db_step(st)) == DB_ROW)
		app_row(st, a);
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "number", "app.unknown", NULL);
	return db_err(r->db, e, "application get");
}

static const char app_list_sql[] =
    "SELECT " APP_COLUMNS " FROM application"
    " WHERE (?1 IS NULL OR status = ?1) AND created_at >= ?2"
    "   AND (?3 = 0 OR created_at < ?3) AND (?4 IS NULL OR credit_code = ?4)"
    " ORDER BY created_at DESC, id DESC LIMIT ?5";

int
reg_app_list(struct reg *r, const struct app_filter *f, reg_app_cb cb, void *arg,
    struct err *e)
{
	struct application a;
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, app_list_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, f->status >= 0 ?
	    reg_app_status_name((enum app_status)f->status) : NULL);
	db_bind_int64(st, 2, f->from);
	db_bind_int64(st, 3, f->to);
	db_bind_text(st, 4, f->credit_code);
	db_bind_int64(st, 5, f->limit > 0 ? f->limit : DB_NO_LIMIT);
	while ((rc = db_step(st)) == DB_ROW) {
		app_row(st, &a);
		if (cb(&a, arg) != 0) {
			rc = DB_DONE;
			break;
		}
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "application list");
	return 0;
}
