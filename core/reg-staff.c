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

static int
staff_name_valid(const char *s)
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
	sqlite3_stmt *st;
	int rc;

	if (reg_begin(r, e) != 0)
		return -1;
	if ((st = reg_stmt(r, sql, e)) == NULL)
		goto fail;
	reg_bind_text(st, 1, name);
	if (text != NULL)
		reg_bind_text(st, 2, text);
	rc = sqlite3_step(st);
	reg_done(st);
	if (rc != SQLITE_DONE) {
		reg_db_err(r, e, kind);
		goto fail;
	}
	if (sqlite3_changes(r->db) == 0) {
		err_set(e, ERR_NOTFOUND, "staff", "staff.unknown", NULL);
		goto fail;
	}
	if (evlog_append(r, actor, kind, name, NULL, e) != 0)
		goto fail;
	return reg_commit(r, e);
fail:
	reg_rollback(r);
	return -1;
}

static const char staff_insert_sql[] =
    "INSERT INTO staff (name, role, pwhash, created_at) VALUES (?1, ?2, ?3, ?4)";

int
reg_staff_add(struct reg *r, const char *name, enum staff_role role,
    const char *password, const char *actor, struct err *e)
{
	char hash[PWHASH_SIZE];
	sqlite3_stmt *st;
	int rc;

	if (!staff_name_valid(name))
		return err_set(e, ERR_INPUT, "staff", "staff.name_invalid", NULL);
	if (pwhash_make(password, STAFF_PASSWORD_MIN, STAFF_PASSWORD_MAX, hash, e) != 0)
		return -1;
	if (reg_begin(r, e) != 0)
		return -1;
	if ((st = reg_stmt(r, staff_insert_sql, e)) == NULL)
		goto fail;
	reg_bind_text(st, 1, name);
	reg_bind_text(st, 2, reg_staff_role_name(role));
	reg_bind_text(st, 3, hash);
	sqlite3_bind_int64(st, 4, clock_now());
	rc = sqlite3_step(st);
	reg_done(st);
	if (rc != SQLITE_DONE) {
		if ((sqlite3_extended_errcode(r->db) & 0xff) == SQLITE_CONSTRAINT)
			err_set(e, ERR_CONFLICT, "staff", "staff.exists", NULL);
		else
			reg_db_err(r, e, "staff add");
		goto fail;
	}
	if (evlog_append(r, actor, "staff.added", name, reg_staff_role_name(role),
	    e) != 0)
		goto fail;
	return reg_commit(r, e);
fail:
	reg_rollback(r);
	return -1;
}

static const char staff_get_sql[] =
    "SELECT name, role, failed, locked, disabled, created_at, last_login, pwhash"
    " FROM staff WHERE name = ?1";

static void
staff_row(sqlite3_stmt *st, struct staff *s)
{
	reg_col_text(st, 0, s->name, sizeof s->name);
	if (reg_staff_role_parse((const char *)sqlite3_column_text(st, 1),
	    &s->role) != 0)
		s->role = STAFF_COUNTER;
	s->failed = sqlite3_column_int(st, 2);
	s->locked = sqlite3_column_int(st, 3);
	s->disabled = sqlite3_column_int(st, 4);
	s->created_at = sqlite3_column_int64(st, 5);
	s->last_login = sqlite3_column_int64(st, 6);
}

/* Reads one account and, when hash is not NULL, its password hash. */
static int
staff_read(struct reg *r, const char *name, struct staff *s, char *hash,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = reg_stmt(r, staff_get_sql, e)) == NULL)
		return -1;
	reg_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		staff_row(st, s);
		if (hash != NULL)
			reg_col_text(st, 7, hash, PWHASH_SIZE);
	}
	reg_done(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return err_set(e, ERR_NOTFOUND, "staff", "staff.unknown", NULL);
	return reg_db_err(r, e, "staff get");
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
	sqlite3_stmt *st;
	int rc, failed = 0, locked = 0;

	if (reg_begin(r, e) != 0)
		return -1;
	if ((st = reg_stmt(r, staff_fail_sql, e)) == NULL)
		goto fail;
	reg_bind_text(st, 1, name);
	sqlite3_bind_int(st, 2, STAFF_MAX_FAILED);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		failed = sqlite3_column_int(st, 0);
		locked = sqlite3_column_int(st, 1);
		rc = sqlite3_step(st);
	}
	reg_done(st);
	if (rc != SQLITE_DONE) {
		reg_db_err(r, e, "staff login");
		goto fail;
	}
	if (evlog_append(r, name, locked && failed == STAFF_MAX_FAILED ?
	    "staff.locked" : "staff.login_failed", name, NULL, e) != 0)
		goto fail;
	if (reg_commit(r, e) != 0)
		return -1;
	*remaining = failed >= STAFF_MAX_FAILED ? 0 : STAFF_MAX_FAILED - failed;
	if (locked)
		return err_set(e, ERR_RULE, "password", "staff.locked", NULL);
	return err_set(e, ERR_RULE, "password", "staff.bad_password", NULL);
fail:
	reg_rollback(r);
	return -1;
}

/*
 * A wrong password for a name that is no account: counted and answered as for
 * an account (tries left, then "locked"), so the screen's answers do not tell
 * which names exist. The attempt is logged like any other.
 */
static const char staff_probe_sql[] =
    "INSERT INTO staff_probe (name, failed) VALUES (?1, 1)"
    " ON CONFLICT (name) DO UPDATE SET failed = failed + 1 RETURNING failed";

static int
staff_probe_failed(struct reg *r, const char *name, int *remaining, struct err *e)
{
	sqlite3_stmt *st;
	int rc, failed = 0;

	/* A name no account could have is not worth a row. */
	if (!staff_name_valid(name))
		return err_set(e, ERR_RULE, "password", "staff.bad_password", NULL);
	if (reg_begin(r, e) != 0)
		return -1;
	if ((st = reg_stmt(r, staff_probe_sql, e)) == NULL)
		goto fail;
	reg_bind_text(st, 1, name);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		failed = sqlite3_column_int(st, 0);
		rc = sqlite3_step(st);
	}
	reg_done(st);
	if (rc != SQLITE_DONE) {
		reg_db_err(r, e, "staff probe");
		goto fail;
	}
	if (evlog_append(r, name, "staff.login_failed", name, NULL, e) != 0 ||
	    reg_commit(r, e) != 0)
		goto fail;
	*remaining = failed >= STAFF_MAX_FAILED ? 0 : STAFF_MAX_FAILED - failed;
	return err_set(e, ERR_RULE, "password", *remaining > 0 ?
	    "staff.bad_password" : "staff.locked", NULL);
fail:
	reg_rollback(r);
	return -1;
}

int
reg_staff_login(struct reg *r, const char *name, const char *password,
    struct staff *out, int *remaining, struct err *e)
{
	char hash[PWHASH_SIZE];
	sqlite3_stmt *st;
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

	if (reg_begin(r, e) != 0)
		return -1;
	if ((st = reg_stmt(r, staff_ok_sql, e)) == NULL)
		goto fail;
	reg_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, clock_now());
	rc = sqlite3_step(st);
	reg_done(st);
	if (rc != SQLITE_DONE) {
		reg_db_err(r, e, "staff login");
		goto fail;
	}
	if (evlog_append(r, name, "staff.login", name, NULL, e) != 0)
		goto fail;
	return reg_commit(r, e);
fail:
	reg_rollback(r);
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
	sqlite3_stmt *st;
	int rc;

	if ((st = reg_stmt(r, staff_list_sql, e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		staff_row(st, &s);
		if (cb(&s, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	reg_done(st);
	if (rc != SQLITE_DONE)
		return reg_db_err(r, e, "staff list");
	return 0;
}
