/*
 * reg-staff.c: staff accounts (counter and supervisor).
 *
 * The password is hashed outside any transaction: Argon2id takes a tenth of a
 * second, and holding the registry's write lock that long would stall every kiosk.
 * The station reads the hash's setting (its salt and cost), never the hash: it
 * sends the hash the typed password makes, and one UPDATE where the hash is
 * compares it and clears or counts (reg-guard.c; on PostgreSQL a function the
 * counter's role may run, not the row it may read or change). So two stations
 * trying the same account at once still count every wrong password, and a
 * counter cannot read a colleague's hash nor clear its own count.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "clock.h"
#include "evlog.h"
#include "pwhash.h"
#include "reg-op.h"
#include "reg-private.h"

static const char *const staff_roles[] = { "counter", "supervisor" };

const char *
reg_staff_role_name(enum staff_role role)
{
	return staff_roles[role];
}

int
reg_staff_role_parse(const char *s, enum staff_role *out)
{
	if (strcmp(s, "counter") == 0)
		*out = STAFF_COUNTER;
	else if (strcmp(s, "supervisor") == 0)
		*out = STAFF_SUPERVISOR;
	else
		return -1;
	return 0;
}

int
reg_staff_name_valid(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n < REG_STAFF_NAME_SIZE && strspn(s,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == n;
}

/* Runs one write statement that names a staff account plus its event, in one
 * transaction; ERR_NOTFOUND when no row matched. */
static int
staff_write(struct reg *r, const char *sql, const char *name, const char *text,
    const char *actor, const char *kind, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if (db_begin(r->db, e) != 0)
		return -1;
	if ((st = db_prepare(r->db, sql, e)) == NULL)
		goto fail;
	db_bind_text(st, 1, name);
	if (text != NULL)
		db_bind_text(st, 2, text);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE) {
		db_err(r->db, e, kind);
		goto fail;
	}
	if (db_changes(r->db) == 0) {
		err_set(e, ERR_NOTFOUND, "staff", "staff.unknown", NULL);
		goto fail;
	}
	if (evlog_append(r, actor, kind, name, NULL, e) != 0)
		goto fail;
	return db_commit(r->db, e);
fail:
	db_rollback(r->db);
	return -1;
}

static const char staff_insert_sql[] =
    "INSERT INTO staff (name, role, pwhash, created_at) VALUES (?1, ?2, ?3, ?4)";

int
reg_staff_add(struct reg *r, const char *name, enum staff_role role,
    const char *password, const char *actor, struct err *e)
{
	char hash[PWHASH_SIZE];
	struct db_stmt *st;
	int rc;

	if (!reg_staff_name_valid(name))
		return err_set(e, ERR_INPUT, "staff", "staff.name_invalid", NULL);
	if (pwhash_make(password, STAFF_PASSWORD_MIN, STAFF_PASSWORD_MAX, hash, e) != 0)
		return -1;
	if (db_begin(r->db, e) != 0)
		return -1;
	if ((st = db_prepare(r->db, staff_insert_sql, e)) == NULL)
		goto fail;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, reg_staff_role_name(role));
	db_bind_text(st, 3, hash);
	db_bind_int64(st, 4, clock_now());
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE) {
		if (db_is_conflict(r->db))
			err_set(e, ERR_CONFLICT, "staff", "staff.exists", NULL);
		else
			db_err(r->db, e, "staff add");
		goto fail;
	}
	if (evlog_append(r, actor, "staff.added", name, reg_staff_role_name(role),
	    e) != 0)
		goto fail;
	return db_commit(r->db, e);
fail:
	db_rollback(r->db);
	return -1;
}

static const char staff_get_sql[] =
    "SELECT name, role, failed, locked, disabled, created_at, last_login"
    " FROM staff WHERE name = ?1";

static void
staff_row(struct db_stmt *st, struct staff *s)
{
	db_col_copy(st, 0, s->name, sizeof s->name);
	if (reg_staff_role_parse(db_col_text(st, 1),
	    &s->role) != 0)
		s->role = STAFF_COUNTER;
	s->failed = db_col_int(st, 2);
	s->locked = db_col_int(st, 3);
	s->disabled = db_col_int(st, 4);
	s->created_at = db_col_int64(st, 5);
	s->last_login = db_col_int64(st, 6);
}

/* Reads one account by st, prepared (NULL: it failed, e says why) and, when
 * setting is not NULL, its hash's setting from the eighth column. */
static int
staff_read(struct reg *r, struct db_stmt *st, const char *name, struct staff *s,
    char *setting, struct err *e)
{
	int rc;

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, name);
	rc = db_step(st);
	if (rc == DB_ROW) {
		staff_row(st, s);
		if (setting != NULL)
			db_col_copy(st, 7, setting, PWHASH_SIZE);
	}
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "staff", "staff.unknown", NULL);
	return db_err(r->db, e, "staff get");
}

int
reg_staff_get(struct reg *r, const char *name, struct staff *s, struct err *e)
{
	return staff_read(r, db_prepare(r->db, staff_get_sql, e), name, s, NULL, e);
}

/* What a login's judgement left: right or not, the count, the lock. */
struct staff_verdict {
	int	ok, failed, locked;
};

/* The password judged where the hash is (reg-guard.c), proof being the hash
 * it makes under the account's setting, with its event: a station's role
 * reads no hash and cannot clear a count without the password. */
static int
staff_judge(struct reg *r, const char *name, const char *proof,
    struct staff_verdict *v, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = reg_guard_prepare(r, REG_GUARD_STAFF_LOGIN, e)) == NULL)
		return -1;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, proof);
	db_bind_int64(st, 3, clock_now());
	/* No row: locked, disabled or gone since it was read. */
	v->ok = v->failed = 0;
	v->locked = 1;
	if ((rc = db_step(st)) == DB_ROW) {
		v->ok = db_col_int(st, 0);
		v->failed = db_col_int(st, 1);
		v->locked = db_col_int(st, 2);
		rc = db_step(st);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "staff login");
	return evlog_append(r, name, v->ok ? "staff.login" : v->locked &&
	    v->failed == STAFF_MAX_FAILED ? "staff.locked" :
	    "staff.login_failed", name, NULL, e);
}

struct staff_login_args {
	const char		*name;
	const char		*proof;
	struct staff_verdict	*v;
};

/* The judgement as one operation: a retry after a lost reply answers with the
 * first run's verdict, kept as "ok failed locked", rather than count the
 * password twice. */
static int
staff_login_op(struct reg *r, struct reg_op *op, void *arg, struct err *e)
{
	struct staff_login_args *t = arg;

	if (staff_judge(r, t->name, t->proof, t->v, e) != 0)
		return -1;
	snprintf(op->result, sizeof op->result, "%d %d %d", t->v->ok,
	    t->v->failed, t->v->locked);
	return 0;
}

static int
staff_login_run(struct reg *r, const char *name, const char *proof,
    struct staff_verdict *v, struct err *e)
{
	struct staff_login_args t = { name, proof, v };
	struct reg_op op;

	if (reg_op_do(r, &op, "staff.login", staff_login_op, &t, e) != 0)
		return -1;
	if (op.replayed && sscanf(op.result, "%d %d %d", &v->ok, &v->failed,
	    &v->locked) != 3)
		return err_set(e, ERR_SYSTEM, NULL, "reg.db_error",
		    "staff login");
	return 0;
}

/*
 * A wrong password for a name that is no account: counted and answered as for
 * an account (tries left, then "locked"), so the screen's answers do not tell
 * which names exist. The attempt is logged like any other.
 */
static const char staff_probe_sql[] =
    "INSERT INTO staff_probe (name, failed) VALUES (?1, 1)"
    " ON CONFLICT (name) DO UPDATE SET failed = staff_probe.failed + 1"
    " RETURNING failed";

static int
staff_probe_failed(struct reg *r, const char *name, int *remaining, struct err *e)
{
	struct db_stmt *st;
	int rc, failed = 0;

	/* A name no account could have is not worth a row. */
	if (!reg_staff_name_valid(name))
		return err_set(e, ERR_RULE, "password", "staff.bad_password", NULL);
	if (db_begin(r->db, e) != 0)
		return -1;
	if ((st = db_prepare(r->db, staff_probe_sql, e)) == NULL)
		goto fail;
	db_bind_text(st, 1, name);
	if ((rc = db_step(st)) == DB_ROW) {
		failed = db_col_int(st, 0);
		rc = db_step(st);
	}
	db_reset(st);
	if (rc != DB_DONE) {
		db_err(r->db, e, "staff probe");
		goto fail;
	}
	if (evlog_append(r, name, "staff.login_failed", name, NULL, e) != 0 ||
	    db_commit(r->db, e) != 0)
		goto fail;
	*remaining = failed >= STAFF_MAX_FAILED ? 0 : STAFF_MAX_FAILED - failed;
	return err_set(e, ERR_RULE, "password", *remaining > 0 ?
	    "staff.bad_password" : "staff.locked", NULL);
fail:
	db_rollback(r->db);
	return -1;
}

int
reg_staff_login(struct reg *r, const char *name, const char *password,
    struct staff *out, int *remaining, struct err *e)
{
	char setting[PWHASH_SIZE], proof[PWHASH_SIZE];
	struct staff_verdict v;
	int rc;

	*remaining = STAFF_MAX_FAILED;
	if (staff_read(r, reg_guard_prepare(r, REG_GUARD_STAFF_READ, e), name,
	    out, setting, e) != 0) {
		if (e->kind == ERR_NOTFOUND)
			return staff_probe_failed(r, name, remaining, e);
		return -1;
	}
	if (out->disabled)
		return err_set(e, ERR_RULE, "staff", "staff.disabled", NULL);
	if (out->locked) {
		*remaining = 0;
		return err_set(e, ERR_RULE, "password", "staff.locked", NULL);
	}
	if (pwhash_again(setting, password, proof) != 0)
		return err_set(e, ERR_SYSTEM, NULL, "staff.hash_invalid", NULL);
	rc = staff_login_run(r, name, proof, &v, e);
	sodium_memzero(proof, sizeof proof);
	if (rc != 0)
		return -1;
	if (v.ok)
		return 0;
	*remaining = v.failed >= STAFF_MAX_FAILED ? 0 :
	    STAFF_MAX_FAILED - v.failed;
	return err_set(e, ERR_RULE, "password", v.locked ? "staff.locked" :
	    "staff.bad_password", NULL);
}

static const char staff_passwd_sql[] =
    "UPDATE staff SET pwhash = ?2, failed = 0, locked = 0 WHERE name = ?1";

int
reg_staff_passwd(struct reg *r, const char *name, const char *password,
    const char *actor, struct err *e)
{
	char hash[PWHASH_SIZE];

	if (pwhash_make(password, STAFF_PASSWORD_MIN, STAFF_PASSWORD_MAX, hash, e) != 0)
		return -1;
	return staff_write(r, staff_passwd_sql, name, hash, actor, "staff.passwd", e);
}

static const char staff_unlock_sql[] =
    "UPDATE staff SET failed = 0, locked = 0 WHERE name = ?1";

int
reg_staff_unlock(struct reg *r, const char *name, const char *actor, struct err *e)
{
	return staff_write(r, staff_unlock_sql, name, NULL, actor, "staff.unlocked", e);
}

static const char staff_disable_sql[] =
    "UPDATE staff SET disabled = 1 WHERE name = ?1";
static const char staff_enable_sql[] =
    "UPDATE staff SET disabled = 0 WHERE name = ?1";

int
reg_staff_set_disabled(struct reg *r, const char *name, int disabled,
    const char *actor, struct err *e)
{
	if (disabled)
		return staff_write(r, staff_disable_sql, name, NULL, actor,
		    "staff.disabled", e);
	return staff_write(r, staff_enable_sql, name, NULL, actor, "staff.enabled", e);
}

static const char staff_list_sql[] =
    "SELECT name, role, failed, locked, disabled, created_at, last_login"
    " FROM staff ORDER BY name";

int
reg_staff_list(struct reg *r, reg_staff_cb cb, void *arg, struct err *e)
{
	struct staff s;
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, staff_list_sql, e)) == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		staff_row(st, &s);
		if (cb(&s, arg) != 0) {
			rc = DB_DONE;
			break;
		}
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "staff list");
	return 0;
}
