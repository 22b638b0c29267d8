/*
 * cert-people.c: redeeming authorization QRs, showing them again, cancelling
 * authorizations, deleting managers and users (with the cascade of 6.1.4), and
 * the listings each role may see.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cert-declare.h"
#include "cert-private.h"
#include "clock.h"

static const char authz_get_sql[] =
    "SELECT id, cert_id, user_id, granted_by, matters, starts_at, ends_at, status"
    " FROM authz WHERE id = ?1";

void
cert_authz_row(struct db_stmt *st, struct authz *a, int64_t now)
{
	static const char *const names[] = {
		"pending", "active", "cancelled", "voided"
	};
	const char *s;
	int i;

	memset(a, 0, sizeof *a);
	a->id = db_col_int64(st, 0);
	a->cert_id = db_col_int64(st, 1);
	a->user_id = db_col_int64(st, 2);
	a->granted_by = db_col_int64(st, 3);
	db_col_copy(st, 4, a->matters, sizeof a->matters);
	a->starts_at = db_col_int64(st, 5);
	a->ends_at = db_col_int64(st, 6);
	s = db_col_text(st, 7);
	for (i = 0; i < 4 && strcmp(s, names[i]) != 0; i++)
		;
	a->status = i < 4 ? (enum authz_status)i : AUTHZ_VOIDED;
	/* It lapses at its end by itself: nobody has to act. */
	if (a->status == AUTHZ_ACTIVE && now >= a->ends_at)
		a->status = AUTHZ_LAPSED;
}

static int
authz_read(struct reg *r, int64_t id, struct authz *a, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, authz_get_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	if ((rc = db_step(st)) == DB_ROW)
		cert_authz_row(st, a, clock_now());
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "authz", "authz.unknown", NULL);
	return db_err(r->db, e, "authz get");
}

static const char authz_set_sql[] =
    "UPDATE authz SET status = ?2,"
    " redeemed_at = CASE WHEN ?2 = 'active' THEN ?3 ELSE redeemed_at END,"
    " ended_at = CASE WHEN ?2 IN ('cancelled', 'voided') THEN ?3 ELSE ended_at END"
    " WHERE id = ?1";

static int
authz_set(struct reg *r, int64_t id, const char *status, struct err *e)
{
	static const char void_sql[] =
	    "UPDATE token SET voided_at = ?2 WHERE authz_id = ?1"
	    " AND used_at IS NULL AND voided_at IS NULL";
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, authz_set_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	db_bind_text(st, 2, status);
	db_bind_int64(st, 3, clock_now());
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "authz update");
	if (strcmp(status, "active") == 0)
		return 0;
	if ((st = db_prepare(r->db, void_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, clock_now());
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "authz tokens");
}

/* The new holder's wallet, saved before the redeem commits. */
static int
redeem_seal(struct reg *r, const struct cert_seal *seal, const struct holder *h,
    struct err *e)
{
	uint8_t secret[CERT_SECRET_BYTES];
	int rc;

	if (cert_holder_activate(r, h->id, secret, e) != 0)
		return -1;
	rc = seal->save(seal->arg, h, secret, e);
	sodium_memzero(secret, sizeof secret);
	return rc;
}

static int
redeem_tx(struct reg *r, const char *token, const struct holder *me,
    const struct cert_seal *seal, int *new_wallet, struct holder *h,
    struct err *e)
{
	struct token_row t;
	struct authz a;
	char actor[32];

	*new_wallet = 0;
	if (cert_token_take(r, token, CODE_AUTH, &t, e) != 0 ||
	    cert_holder_read(r, t.holder_id, h, e) != 0)
		return -1;
	if (h->status == HOLDER_PENDING) {
		if (me != NULL)
			return err_set(e, ERR_RULE, "token", "token.not_yours", NULL);
		if (cert_declare_check(seal, e) != 0)
			return -1;
		h->status = HOLDER_ACTIVE;
		*new_wallet = 1;
	} else if (h->status != HOLDER_ACTIVE)
		return err_set(e, ERR_RULE, "token", "token.voided", NULL);
	else if (me == NULL || me->id != h->id)
		return err_set(e, ERR_RULE, "token", "token.not_yours", NULL);
	cert_actor(h->id, actor, sizeof actor);
	if (t.authz_id != 0) {
		if (authz_read(r, t.authz_id, &a, e) != 0)
			return -1;
		if (a.status != AUTHZ_PENDING)
			return err_set(e, ERR_RULE, "token", "token.voided", NULL);
		if (authz_set(r, a.id, "active", e) != 0 ||
		    cert_event(r, h->cert_id, actor, "auth.redeemed", "authz=%lld",
		    (long long)a.id) != 0)
			return -1;
	}
	if (cert_token_mark_used(r, t.id, h->id, e) != 0)
		return -1;
	if (!*new_wallet)
		return 0;
	/* The wallet last: only the commit follows it. */
	if (cert_event(r, h->cert_id, actor, "holder.redeemed",
	    "holder=%lld role=%s", (long long)h->id, cert_role_name(h->role)) != 0 ||
	    cert_declare_record(r, h, seal->declaration, e) != 0)
		return -1;
	return redeem_seal(r, seal, h, e);
}

int
cert_redeem(struct reg *r, const char *token, const struct holder *me,
    const struct cert_seal *seal, int *new_wallet, struct holder *h,
    struct err *e)
{
	if (db_begin(r->db, e) != 0)
		return -1;
	if (redeem_tx(r, token, me, seal, new_wallet, h, e) != 0) {
		db_rollback(r->db);
		cert_log_refusal(r, "redeem.refused", "", e);
		return -1;
	}
	return db_commit(r->db, e);
}

/* Whether me may act on (and see) p: the FRP on all, a manager on its users. */
static int
may_act_on(const struct holder *me, const struct holder *p)
{
	if (p->cert_id != me->cert_id)
		return 0;
	if (me->role == ROLE_FRP)
		return 1;
	return me->role == ROLE_MANAGER && p->added_by == me->id;
}

int
cert_person_get(struct reg *r, const struct holder *me, int64_t id, struct holder *p,
    struct err *e)
{
	if (cert_holder_read(r, id, p, e) != 0 || !may_act_on(me, p) ||
	    p->status == HOLDER_DELETED || p->status == HOLDER_SUPERSEDED)
		return err_set(e, ERR_NOTFOUND, "person", "holder.unknown", NULL);
	return 0;
}

static const char pending_authz_sql[] =
    "SELECT id FROM authz WHERE user_id = ?1 AND status = 'pending'"
    " ORDER BY id DESC LIMIT 1";

static int
show_qr_tx(struct reg *r, const struct holder *me, const struct holder *p,
    char *token, size_t len, struct err *e)
{
	struct db_stmt *st;
	int64_t authz_id = 0;
	char actor[32];
	int rc;

	if ((st = db_prepare(r->db, pending_authz_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, p->id);
	if ((rc = db_step(st)) == DB_ROW)
		authz_id = db_col_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_err(r->db, e, "pending authz");
	/* A manager's QR makes it a holder; a user's carries an authorization. */
	if (p->role == ROLE_USER ? authz_id == 0 : p->status != HOLDER_PENDING)
		return err_set(e, ERR_RULE, "person", "holder.nothing_to_show", NULL);
	cert_actor(me->id, actor, sizeof actor);
	if (cert_token_void_holder(r, p->id, e) != 0 ||
	    cert_token_new(r, CODE_AUTH, me->cert_id, p->id, authz_id, NULL, NULL,
	    actor, token, len, e) != 0)
		return -1;
	return cert_event(r, me->cert_id, actor, "authqr.shown", "holder=%lld",
	    (long long)p->id);
}

int
cert_show_qr(struct reg *r, const struct holder *me, int64_t person_id,
    char *token, size_t len, struct err *e)
{
	struct holder p;

	if (cert_person_get(r, me, person_id, &p, e) != 0 || db_begin(r->db, e) != 0)
		return -1;
	if (show_qr_tx(r, me, &p, token, len, e) != 0) {
		db_rollback(r->db);
		return -1;
	}
	return db_commit(r->db, e);
}

int
cert_cancel(struct reg *r, const struct holder *me, int64_t authz_id, struct err *e)
{
	struct authz a;
	struct holder u;
	char actor[32];

	if (authz_read(r, authz_id, &a, e) != 0 || a.cert_id != me->cert_id ||
	    cert_person_get(r, me, a.user_id, &u, e) != 0)
		return err_set(e, ERR_NOTFOUND, "authz", "authz.unknown", NULL);
	if (a.status != AUTHZ_PENDING && a.status != AUTHZ_ACTIVE)
		return err_set(e, ERR_RULE, "authz", "authz.not_in_force", NULL);
	if (db_begin(r->db, e) != 0)
		return -1;
	cert_actor(me->id, actor, sizeof actor);
	if (authz_set(r, a.id, "cancelled", e) != 0 ||
	    cert_event(r, me->cert_id, actor, "auth.cancelled", "authz=%lld",
	    (long long)a.id) != 0) {
		db_rollback(r->db);
		return -1;
	}
	return db_commit(r->db, e);
}

/* An authorization that lapsed already stays lapsed: deleting its user later
 * does not rewrite how it ended. */
static const char void_user_authz_sql[] =
    "UPDATE authz SET status = 'voided', ended_at = ?2"
    " WHERE user_id = ?1 AND (status = 'pending'"
    "  OR (status = 'active' AND ends_at > ?2))";
static const char users_of_sql[] =
    "SELECT id FROM holder WHERE added_by = ?1 AND status IN ('pending', 'active')";

/* Deletes one holder: status, its tokens, a user's authorizations. */
static int
delete_one(struct reg *r, int64_t id, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if (cert_holder_set_status(r, id, HOLDER_DELETED, e) != 0)
		return -1;
	if ((st = db_prepare(r->db, void_user_authz_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, clock_now());
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "authz void");
}

/* A deleted manager takes the users it authorized with it (6.1.4). */
static int
delete_users_of(struct reg *r, int64_t manager, struct err *e)
{
	int64_t ids[256];
	struct db_stmt *st;
	int rc, n, i;

	do {
		if ((st = db_prepare(r->db, users_of_sql, e)) == NULL)
			return -1;
		db_bind_int64(st, 1, manager);
		for (n = 0; n < 256 && (rc = db_step(st)) == DB_ROW; n++)
			ids[n] = db_col_int64(st, 0);
		db_reset(st);
		if (n < 256 && rc != DB_DONE)
			return db_err(r->db, e, "users of manager");
		for (i = 0; i < n; i++) {
			if (delete_one(r, ids[i], e) != 0)
				return -1;
		}
	} while (n == 256);
	return 0;
}

int
cert_delete(struct reg *r, const struct holder *me, int64_t person_id,
    enum holder_role expected, struct err *e)
{
	struct holder p;
	char actor[32];

	if (cert_person_get(r, me, person_id, &p, e) != 0)
		return -1;
	if (p.role != expected || p.role == ROLE_FRP)
		return err_set(e, ERR_RULE, "person", expected == ROLE_MANAGER ?
		    "holder.not_manager_person" : "holder.not_user", NULL);
	if (db_begin(r->db, e) != 0)
		return -1;
	cert_actor(me->id, actor, sizeof actor);
	if (delete_one(r, p.id, e) != 0 ||
	    (p.role == ROLE_MANAGER && delete_users_of(r, p.id, e) != 0) ||
	    cert_event(r, me->cert_id, actor, p.role == ROLE_MANAGER ?
	    "manager.deleted" : "user.deleted", "holder=%lld", (long long)p.id) != 0) {
		db_rollback(r->db);
		return -1;
	}
	return db_commit(r->db, e);
}

/* What a role sees (6.1.4): ?2 is the viewer, ?3 its role. */
static const char list_holders_sql[] =
    "SELECT id FROM holder WHERE cert_id = ?1 AND status IN ('pending', 'active')"
    " AND (?3 = 'frp' OR id = ?2 OR (?3 = 'manager' AND added_by = ?2))"
    " ORDER BY id";
static const char list_authz_sql[] =
    "SELECT a.id, a.cert_id, a.user_id, a.granted_by, a.matters, a.starts_at,"
    " a.ends_at, a.status FROM authz a JOIN holder u ON u.id = a.user_id"
    " WHERE a.cert_id = ?1 AND (?3 = 'frp' OR a.user_id = ?2"
    "   OR (?3 = 'manager' AND u.added_by = ?2)) ORDER BY a.id";

static struct db_stmt *
visible_stmt(struct reg *r, const char *sql, const struct holder *me, struct err *e)
{
	struct db_stmt *st;

	if ((st = db_prepare(r->db, sql, e)) == NULL)
		return NULL;
	db_bind_int64(st, 1, me->cert_id);
	db_bind_int64(st, 2, me->id);
	db_bind_text(st, 3, cert_role_name(me->role));
	return st;
}

static int
list_holders(struct reg *r, const struct holder *me, cert_holder_cb cb, void *arg,
    struct err *e)
{
	int64_t ids[1024];
	struct holder h;
	struct db_stmt *st;
	int rc, n, i;

	if ((st = visible_stmt(r, list_holders_sql, me, e)) == NULL)
		return -1;
	for (n = 0; n < 1024 && (rc = db_step(st)) == DB_ROW; n++)
		ids[n] = db_col_int64(st, 0);
	db_reset(st);
	if (n < 1024 && rc != DB_DONE)
		return db_err(r->db, e, "holder list");
	for (i = 0; i < n; i++) {
		if (cert_holder_read(r, ids[i], &h, e) != 0)
			return -1;
		if (cb(&h, arg) != 0)
			break;
	}
	return 0;
}

/* A cert_list() caller's authorization callback, for db_rows(). */
struct list_authz_to {
	cert_authz_cb	 cb;
	void		*arg;
	int64_t		 now;
};

static int
list_authz_one(struct db_stmt *st, void *arg)
{
	struct list_authz_to *to = arg;
	struct authz a;

	cert_authz_row(st, &a, to->now);
	return to->cb(&a, to->arg);
}

int
cert_list(struct reg *r, const struct holder *me, cert_holder_cb hcb,
    cert_authz_cb acb, void *arg, struct err *e)
{
	struct list_authz_to to = { acb, arg, clock_now() };
	struct db_stmt *st;

	if (cert_note_lapses(r, e) != 0)
		return -1;
	if (hcb != NULL && list_holders(r, me, hcb, arg, e) != 0)
		return -1;
	if (acb == NULL)
		return 0;
	if ((st = visible_stmt(r, list_authz_sql, me, e)) == NULL)
		return -1;
	return db_rows(st, list_authz_one, &to, "authz list", e);
}

int
cert_usage_rows(struct reg *r, struct db_stmt *st, cert_usage_cb cb, void *arg,
    struct err *e)
{
	struct usage u;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		memset(&u, 0, sizeof u);
		u.at = db_col_int64(st, 0);
		db_col_copy(st, 1, u.kind, sizeof u.kind);
		u.holder_id = db_col_int64(st, 2);
		db_col_copy(st, 3, u.holder_name, sizeof u.holder_name);
		db_col_copy(st, 4, u.station, sizeof u.station);
		db_col_copy(st, 5, u.system, sizeof u.system);
		db_col_copy(st, 6, u.via, sizeof u.via);
		db_col_copy(st, 7, u.outcome, sizeof u.outcome);
		if (cb(&u, arg) != 0) {
			rc = DB_DONE;
			break;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "usage records");
}

int
cert_change_rows(struct reg *r, struct db_stmt *st, cert_change_cb cb, void *arg,
    struct err *e)
{
	struct change c;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		memset(&c, 0, sizeof c);
		c.at = db_col_int64(st, 0);
		db_col_copy(st, 1, c.kind, sizeof c.kind);
		db_col_copy(st, 2, c.detail, sizeof c.detail);
		db_col_copy(st, 3, c.actor, sizeof c.actor);
		if (cb(&c, arg) != 0) {
			rc = DB_DONE;
			break;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "change records");
}

/* A manager sees where its users' codes were used (6.1.3), and its own. */
static const char records_sql[] =
    "SELECT u.at, u.kind, COALESCE(u.holder_id, 0), COALESCE(h.name, ''),"
    " u.station, COALESCE(u.system, ''), COALESCE(u.via, ''), u.outcome"
    " FROM usage_record u LEFT JOIN holder h ON h.id = u.holder_id"
    " WHERE u.cert_id = ?1 AND (?3 = 'frp' OR u.holder_id = ?2"
    "   OR (?3 = 'manager' AND h.added_by = ?2)) ORDER BY u.at, u.id";

int
cert_records(struct reg *r, const struct holder *me, cert_usage_cb cb, void *arg,
    struct err *e)
{
	struct db_stmt *st;

	if (cert_note_lapses(r, e) != 0)
		return -1;
	if ((st = visible_stmt(r, records_sql, me, e)) == NULL)
		return -1;
	return cert_usage_rows(r, st, cb, arg, e);
}

static const char changes_sql[] =
    "SELECT at, kind, detail, actor FROM change_record WHERE cert_id = ?1"
    " ORDER BY at, id";

int
cert_changes(struct reg *r, const struct holder *me, cert_change_cb cb, void *arg,
    struct err *e)
{
	struct db_stmt *st;

	if ((st = db_prepare(r->db, changes_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, me->cert_id);
	return cert_change_rows(r, st, cb, arg, e);
}

/* --- lapses --- */

struct lapse {
	int64_t		 id, cert_id, user_id, ends_at;
};

#define LAPSE_BATCH	32

static const char lapses_sql[] =
    "SELECT id, cert_id, user_id, ends_at FROM authz WHERE status = 'active'"
    " AND ends_at <= ?1 AND ended_at IS NULL ORDER BY ends_at LIMIT ?2";
static const char lapse_set_sql[] =
    "UPDATE authz SET ended_at = ends_at WHERE id = ?1 AND ended_at IS NULL";

static int
lapses_find(struct reg *r, struct lapse *out, int *n, struct err *e)
{
	struct db_stmt *st;
	int rc;

	*n = 0;
	if ((st = db_prepare(r->db, lapses_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, clock_now());
	db_bind_int64(st, 2, LAPSE_BATCH);
	while ((rc = db_step(st)) == DB_ROW && *n < LAPSE_BATCH) {
		out[*n].id = db_col_int64(st, 0);
		out[*n].cert_id = db_col_int64(st, 1);
		out[*n].user_id = db_col_int64(st, 2);
		out[(*n)++].ends_at = db_col_int64(st, 3);
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : db_err(r->db, e, "lapses");
}

static int
lapse_note(struct reg *r, const struct lapse *l, struct err *e)
{
	struct db_stmt *st;
	char ended[20];
	int rc;

	if ((st = db_prepare(r->db, lapse_set_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, l->id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "lapse");
	if (db_changes(r->db) == 0)
		return 0;	/* another process noted it first */
	clock_format_local(l->ends_at, ended, sizeof ended);
	return cert_event(r, l->cert_id, "clock", "auth.lapsed",
	    "authz=%lld user=%lld ended=%s", (long long)l->id, (long long)l->user_id,
	    ended);
}

/* Lapses found, to note in one transaction. */
struct lapses {
	struct reg	*r;
	struct lapse	 l[LAPSE_BATCH];
	int		 n;
};

/* Run again whole after a lost reply (db_run()), which notes none twice: a
 * lapse noted already changes no row and makes no event. */
static int
lapses_note(void *arg, struct err *e)
{
	struct lapses *ls = arg;
	int i;

	for (i = 0; i < ls->n; i++) {
		if (lapse_note(ls->r, &ls->l[i], e) != 0)
			return -1;
	}
	return 0;
}

int
cert_note_lapses(struct reg *r, struct err *e)
{
	struct lapses ls;

	ls.r = r;
	do {
		/* Looked for first outside a transaction: almost always none. */
		if (lapses_find(r, ls.l, &ls.n, e) != 0)
			return -1;
		if (ls.n == 0)
			return 0;
		if (db_run(r->db, lapses_note, &ls, e) != 0)
			return -1;
	} while (ls.n == LAPSE_BATCH);
	return 0;
}
