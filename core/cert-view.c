/*
 * cert-view.c: the counter's view of one certificate (issue 15, part 5).
 *
 * Staff open a certificate by its credit code (typed, or read from a code a
 * holder presents) and see what its FRP sees: the people and their
 * authorizations (cert_list with v->seer standing for the FRP), and the usage
 * and change records, here newest first and a page at a time because a busy
 * certificate has thousands. Who opened whose certificate is an event: staff
 * see personal data of people who are not in front of them, and that must be
 * on record.
 */
#include "config.h"

#include <string.h>

#include "cert-private.h"
#include "evlog.h"

static const char view_frp_sql[] =
    "SELECT id FROM holder WHERE cert_id = ?1 AND role = 'frp'"
    " AND status IN ('pending', 'active') ORDER BY id DESC LIMIT 1";

static int
view_frp(struct reg *r, struct cert_view *v, struct err *e)
{
	struct db_stmt *st;
	int64_t id = 0;
	int rc;

	if ((st = db_prepare(r->db, view_frp_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, v->cert_id);
	if ((rc = db_step(st)) == DB_ROW)
		id = db_col_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_err(r->db, e, "certificate frp");
	return id == 0 ? 0 : cert_holder_read(r, id, &v->frp, e);
}

int
cert_view_open(struct reg *r, const char *code, const char *staff,
    struct cert_view *v, struct err *e)
{
	int active;

	memset(v, 0, sizeof *v);
	if (reg_inst_get(r, code, &v->inst, e) != 0 ||
	    cert_by_code(r, code, &v->cert_id, &active, e) != 0)
		return -1;
	if (v->cert_id == 0)
		return err_set(e, ERR_NOTFOUND, "credit_code", "cert.none", NULL);
	if (cert_status_of(r, v->cert_id, &v->status, e) != 0 ||
	    cert_note_lapses(r, e) != 0 || view_frp(r, v, e) != 0)
		return -1;
	v->seer.cert_id = v->cert_id;
	v->seer.role = ROLE_FRP;
	v->seer.status = HOLDER_ACTIVE;
	return evlog_append_tx(r, staff, "cert.viewed", code, NULL, e);
}

int
cert_view_people(struct reg *r, const struct cert_view *v, cert_holder_cb hcb,
    cert_authz_cb acb, void *arg, struct err *e)
{
	return cert_list(r, &v->seer, hcb, acb, arg, e);
}

static const char view_records_sql[] =
    "SELECT u.at, u.kind, COALESCE(u.holder_id, 0), COALESCE(h.name, ''),"
    " u.station, COALESCE(u.system, ''), COALESCE(u.via, ''), u.outcome"
    " FROM usage_record u LEFT JOIN holder h ON h.id = u.holder_id"
    " WHERE u.cert_id = ?1 ORDER BY u.at DESC, u.id DESC LIMIT ?2 OFFSET ?3";
static const char view_changes_sql[] =
    "SELECT at, kind, detail, actor FROM change_record WHERE cert_id = ?1"
    " ORDER BY at DESC, id DESC LIMIT ?2 OFFSET ?3";

/* The statement for one page; limit 0 is every row from offset on. */
static struct db_stmt *
view_page(struct reg *r, const char *sql, const struct cert_view *v, int offset,
    int limit, struct err *e)
{
	struct db_stmt *st;

	if ((st = db_prepare(r->db, sql, e)) == NULL)
		return NULL;
	db_bind_int64(st, 1, v->cert_id);
	db_bind_int64(st, 2, limit > 0 ? limit : INT32_MAX);
	db_bind_int64(st, 3, offset);
	return st;
}

int
cert_view_records(struct reg *r, const struct cert_view *v, int offset,
    int limit, cert_usage_cb cb, void *arg, struct err *e)
{
	struct db_stmt *st;

	if ((st = view_page(r, view_records_sql, v, offset, limit, e)) == NULL)
		return -1;
	return cert_usage_rows(r, st, cb, arg, e);
}

int
cert_view_changes(struct reg *r, const struct cert_view *v, int offset,
    int limit, cert_change_cb cb, void *arg, struct err *e)
{
	struct db_stmt *st;

	if ((st = view_page(r, view_changes_sql, v, offset, limit, e)) == NULL)
		return -1;
	return cert_change_rows(r, st, cb, arg, e);
}
