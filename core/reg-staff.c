/*
 * reg-staff.c: staff accounts (counter and supervisor).
 *
 * The password is checked outside any transaction: Argon2id takes a tenth of a
 * second, and holding the registry's write lock that long would stall every kiosk.
 * The failure counter is then changed with a single UPDATE, so two stations trying
 * the same account at once still count every wrong password.
 */
#include "config.h"

#include <string.h>

#include "clock.h"
#include "evlog.h"
#include "pwhash.h"
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
    "SELECT name, role, failed, locked, disabled, created_at, last_login, pwhash"
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

/* Reads one account and, when hash is not NULL, its password hash. */
static int
staff_read(struct reg *r, const char *name, struct staff *s, char *hash,
    struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, staff_get_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, name);
	rc = db_step(st);
	if (rc == DB_ROW) {
		staff_row(st, s);
		if (hash != NULL)
			db_col_copy(st, 7, hash, PWHASH_SIZE);
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
	return staff_read(r, name, s, NULL, e);
}

static const char staff_fail_sql[] =
    "UPDATE staff SET failed = failed + 1,"
    " locked = CASE WHEN failed + 1 >= ?2 THEN 1 ELSE locked END"
    " WHERE name = ?1 RETURNING failed, locked";
static const char staff_ok_sql[] =
    "UPDATE staff SET failed = 0, last_login = ?2 WHERE name = ?1";

static int
staff_login_failed(struct reg *r, const char *name, int *remaining, struct err *e)
{
	struct db_stmt *st;
	int rc, failed = 0, locked = 0;

	if (db_begin(r->db, e) != 0)
		return -1;
	if ((st = db_prepare(r->db, staff_fail_sql, e)) == NULL)
		goto fail;
	db_bind_text(st, 1, name);
	db_bind_int64(st, 2, STAFF_MAX_FAILED);
	if ((rc = db_step(st)) == DB_ROW) {
		failed = db_col_int(st, 0);
		locked = db_col_int(st, 1);
		rc = db_step(st);
	}
	db_reset(st);
	if (rc != DB_DONE) {
		db_err(r->db, e, "staff login");
		goto fail;
	}
	if (evlog_append(r, name, locked && failed == STAFF_MAX_FAILED ?
	    "staff.locked" : "staff.login_failed", name, NULL, e) != 0)
		goto fail;
	if (db_commit(r->db, e) != 0)
		return -1;
	*remaining = failed >= STAFF_MAX_FAILED ? 0 : STAFF_MAX_FAILED - failed;
	if (locked)
		return err_set(e, ERR_RULE, "password", "staff.locked", NULL);
	return err_set(e, ERR_RULE, "password", "staff.bad_password", NULL);
fail:
	db_rollback(r->db);
	return -1;
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
	char hash[PWHASH_SIZE];
	struct db_stmt *st;
	int rc;

	*remaining = STAFF_MAX_FAILED;
	if (staff_read(r, name, out, hash, e) != 0) {
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
	if (!pwhash_check(hash, password))
		return staff_login_failed(r, name, remaining, e);

	if (db_begin(r->db, e) != 0)
		return -1;
	if ((st = db_prepare(r->db, staff_ok_sql, e)) == NULL)
		goto fail;
	db_bind_text(st, 1, name);
	db_bind_int64(st, 2, clock_now());
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE) {
		db_err(r->db, e, "staff login");
		goto fail;
	}
	if (evlog_append(r, name, "staff.login", name, NULL, e) != 0)
		goto fail;
	return db_commit(r->db, e);
fail:
	db_rollback(r->db);
	return -1;
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
