/*
 * reg-roles.c: what each kind of station may do in a PostgreSQL registry,
 * enforced by the database rather than trusted to the program.
 *
 * A kiosk stands in a public hall and is the easiest machine to steal a
 * credential from, so each kind of station connects as a login role that is a
 * member of one group role, and the group may do only what that station's
 * screens need:
 *   jsd_kiosk       submit applications: read the register's shown columns
 *                   (no ID number or phone), the day's last application
 *                   number and whether the institution has a certificate and
 *                   an FRP, add an application and its event; no other
 *                   column of an application, no event but the chain's tip
 *                   (id and hash), no change to any existing row; the rest
 *                   its screens need through functions (below);
 *   jsd_counter     review and decide applications, claim QRs (and keep
 *                   the table of those still open), verify codes;
 *                   never the log's rows once written, no staff row: its
 *                   login is judged by a function where the hash is;
 *   jsd_supervisor  read everything, export, manage staff accounts;
 *   jsd_admin       init, import, keys, the holders' side: everything the
 *                   schema allows (the log stays append-only for everyone).
 * The log's append-only triggers hold for every role; meta's rows other than
 * the event chain's lock row (signing keys' public halves) are read-only to
 * stations by row-level security. What a kiosk or counter needs of rows it
 * may not read is asked of functions that run with the schema owner's rights
 * (reg-guard.c lists them), and each answers only that.
 *
 * Roles belong to the whole cluster: the groups are made without login if
 * they do not exist, and a second init making them at the same instant (on
 * another database) finds them made, which is not an error. Grants belong to
 * the database and are given again at each migration, so a new table gets its
 * grants with the migration that makes it. SQLite has no roles: a file's
 * readers are whoever the file's mode lets in.
 */
#include "config.h"

#include <string.h>

#include "reg-private.h"

static const char reg_roles_sql[] =
    "DO $$ DECLARE g text; BEGIN"
    "  FOREACH g IN ARRAY ARRAY['jsd_kiosk', 'jsd_counter', 'jsd_supervisor',"
    "      'jsd_admin'] LOOP"
    "    BEGIN"
    "      EXECUTE format('CREATE ROLE %I NOLOGIN', g);"
    "    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;"
    "    END;"
    "  END LOOP;"
    "END $$;"
    "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC,"
    "  jsd_kiosk, jsd_counter, jsd_supervisor, jsd_admin;"
    "GRANT USAGE ON SCHEMA public TO"
    "  jsd_kiosk, jsd_counter, jsd_supervisor, jsd_admin;"
    "GRANT SELECT ON jsd_schema TO"
    "  jsd_kiosk, jsd_counter, jsd_supervisor, jsd_admin;"
    /* Every writer appends events and takes the chain's lock row. */
    "GRANT SELECT (id, hash), INSERT ON event TO"
    "  jsd_kiosk, jsd_counter, jsd_supervisor, jsd_admin;"
    "GRANT SELECT, INSERT, UPDATE ON meta TO"
    "  jsd_kiosk, jsd_counter, jsd_supervisor, jsd_admin;"
    /* ... and counts it in the day summary through jsd_event_day_add(), an
     * upsert that reads the row it adds to: a kiosk does not read the
     * counts (a counter, which reads the log, does). */
    "REVOKE ALL ON PROCEDURE jsd_event_day_add(bigint, text, text, text,"
    "  bigint) FROM PUBLIC;"
    "GRANT EXECUTE ON PROCEDURE jsd_event_day_add(bigint, text, text, text,"
    "  bigint) TO jsd_kiosk, jsd_counter, jsd_supervisor, jsd_admin;"
    /* The claim QRs still open (evlog.c): whoever shows, replaces or uses
     * one keeps the table in its append, a counter and the holders' side
     * (the administrator's role, below); a delete reads the rows it
     * settles. A kiosk appends none of these events and gets nothing. */
    "GRANT SELECT, INSERT, DELETE ON claimqr_open TO jsd_counter;"
    /* Every operation records its id, and a retry reads it (reg-op.c); a
     * kiosk sees only submissions' (numbers it may read anyway), not what
     * counters verified. */
    "GRANT SELECT, INSERT ON operation TO"
    "  jsd_kiosk, jsd_counter, jsd_supervisor, jsd_admin;"
    "ALTER TABLE operation ENABLE ROW LEVEL SECURITY;"
    "DROP POLICY IF EXISTS operation_kiosk ON operation;"
    "DROP POLICY IF EXISTS operation_staff ON operation;"
    "CREATE POLICY operation_kiosk ON operation TO jsd_kiosk"
    "  USING (kind = 'app.submit') WITH CHECK (kind = 'app.submit');"
    "CREATE POLICY operation_staff ON operation TO jsd_counter, jsd_supervisor,"
    "  jsd_admin USING (true) WITH CHECK (true);"
    "ALTER TABLE meta ENABLE ROW LEVEL SECURITY;"
    "DROP POLICY IF EXISTS meta_read ON meta;"
    "DROP POLICY IF EXISTS meta_lock_add ON meta;"
    "DROP POLICY IF EXISTS meta_lock_take ON meta;"
    "DROP POLICY IF EXISTS meta_admin ON meta;"
    "CREATE POLICY meta_read ON meta FOR SELECT USING (true);"
    "CREATE POLICY meta_lock_add ON meta FOR INSERT"
    "  WITH CHECK (key = 'evlog.lock');"
    "CREATE POLICY meta_lock_take ON meta FOR UPDATE"
    "  USING (key = 'evlog.lock') WITH CHECK (key = 'evlog.lock');"
    "CREATE POLICY meta_admin ON meta TO jsd_admin USING (true)"
    "  WITH CHECK (true);"
    /* The kiosk: the register's columns the form shows (whether an ID
     * number is the legal representative's is jsd_inst_is_legal_rep()'s),
     * the day's last number, and whether the institution has a certificate
     * and an FRP in office (a form the counter would refuse is refused at
     * the kiosk). */
    "GRANT SELECT (credit_code, name, address, legal_rep_name, status)"
    "  ON institution TO jsd_kiosk;"
    "GRANT SELECT (id, day, seq), INSERT ON application TO jsd_kiosk;"
    "GRANT SELECT (id, credit_code, status) ON certificate TO jsd_kiosk;"
    "GRANT SELECT (id, cert_id, role, status) ON holder TO jsd_kiosk;"
    /* The counter. */
    "GRANT SELECT ON institution, application, certificate, holder, authz,"
    "  token, presented, usage_record, change_record, verify_fail TO"
    "  jsd_counter;"
    "GRANT SELECT ON event, event_day TO jsd_counter;"
    "GRANT UPDATE (status, decided_by, reject_reason, updated_at)"
    "  ON application TO jsd_counter;"
    "GRANT INSERT, UPDATE ON certificate, holder, token, presented TO"
    "  jsd_counter;"
    "GRANT INSERT ON usage_record, verify_fail, change_record TO jsd_counter;"
    /* Name and legal-representative changes rewrite the register's row. */
    "GRANT UPDATE ON institution TO jsd_counter;"
    /* Its staff login is jsd_staff_read() and jsd_staff_login(): no
     * colleague's hash, no lock count of its own to reset. */
    "GRANT SELECT, INSERT, UPDATE ON staff_probe TO jsd_counter;"
    /* What each may ask of rows it cannot read (reg-guard.c); functions
     * are everyone's to run unless revoked. */
    "REVOKE ALL ON FUNCTION jsd_app_register(), jsd_inst_is_legal_rep(text,"
    "  text), jsd_app_lookup(text, text), jsd_lookup_fails(text, bigint),"
    "  jsd_adminpin_events(text), jsd_staff_read(text),"
    "  jsd_staff_login(text, text, bigint), jsd_guard_note(text, text, text),"
    "  jsd_guard_limit(text), jsd_guard_find(text, text, text),"
    "  jsd_guard_wrong(text, text, bigint), jsd_guard_ask(text, text, text)"
    "  FROM PUBLIC;"
    /* A guess is noted before it is answered (reg-schema.c's migration
     * 12); the notes are the owner's to write, the guessing functions'
     * parts nobody's to call but theirs. */
    "GRANT EXECUTE ON FUNCTION jsd_inst_is_legal_rep(text, text),"
    "  jsd_app_lookup(text, text), jsd_lookup_fails(text, bigint),"
    "  jsd_adminpin_events(text), jsd_guard_note(text, text, text) TO"
    "  jsd_kiosk, jsd_counter, jsd_supervisor, jsd_admin;"
    "GRANT EXECUTE ON FUNCTION jsd_staff_read(text),"
    "  jsd_staff_login(text, text, bigint) TO"
    "  jsd_counter, jsd_supervisor, jsd_admin;"
    /* The supervisor. */
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO jsd_supervisor;"
    "GRANT INSERT, UPDATE ON staff, staff_probe TO jsd_supervisor;"
    /* The administrator. */
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public"
    "  TO jsd_admin;";

int
reg_roles(struct reg *r, struct err *e)
{
	if (strcmp(db_engine_name(r->db), "postgresql") != 0)
		return 0;
	if (db_begin_schema(r->db, e) != 0)
		return -1;
	if (db_exec(r->db, reg_roles_sql, e) != 0) {
		db_rollback(r->db);
		return -1;
	}
	return db_commit(r->db, e);
}
