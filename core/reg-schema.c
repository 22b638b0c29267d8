/*
 * reg-schema.c: the registry's schema and its migrations.
 *
 * The database records the schema version (db_version()). Each migration is one
 * transaction that takes the database from version N-1 to N; they run in order
 * and never change once released: a new need is a new migration at the end. Two
 * processes opening a fresh database at once both try; the write lock serializes
 * them and the second finds the work done.
 *
 * The DDL is written once, in SQLite's words (INTEGER PRIMARY KEY, TEXT,
 * INTEGER, BLOB, CHECK constraints, no AUTOINCREMENT); db_exec() reads them as
 * PostgreSQL's there (db-pg.c). What the two engines say differently (triggers,
 * functions SQLite has built in) is each migration's per-engine part.
 */
#include "config.h"

#include <string.h>

#include "reg-private.h"

/* A migration: sql for both engines, then what one engine needs that the other
 * does not say the same way (triggers, functions SQLite has built in). */
struct reg_migration {
	const char	*sql;
	const char	*sqlite;
	const char	*pg;
};

/* Migration 14's backfill, which reg_backfill() runs again. */
static const char reg_open_backfill[] =
    "INSERT INTO claimqr_open"
    " (event_id, at, station, actor, app_number, credit_code) "
    REG_OPEN_EVENTS_SQL ";";

static const struct reg_migration reg_migrations[REG_SCHEMA_VERSION] = {
	/* 1: register, applications, staff, event log. */
	{ "CREATE TABLE institution ("
	"  credit_code TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  address TEXT NOT NULL,"
	"  legal_rep_name TEXT NOT NULL,"
	"  legal_rep_id TEXT NOT NULL,"
	"  legal_rep_phone TEXT NOT NULL,"
	"  level TEXT NOT NULL CHECK (level IN ('city', 'district')),"
	"  status TEXT NOT NULL DEFAULT 'active'"
	"    CHECK (status IN ('active', 'cancelled')),"
	"  updated_at INTEGER NOT NULL"
	");"
	"CREATE INDEX institution_name ON institution (name);"
	"CREATE TABLE application ("
	"  id INTEGER PRIMARY KEY,"
	"  number TEXT NOT NULL UNIQUE,"
	"  day TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('claim', 'frp_change')),"
	"  status TEXT NOT NULL"
	"    CHECK (status IN ('submitted', 'approved', 'rejected', 'withdrawn')),"
	"  credit_code TEXT NOT NULL REFERENCES institution (credit_code),"
	"  inst_name TEXT NOT NULL,"
	"  inst_address TEXT NOT NULL,"
	"  legal_rep_name TEXT NOT NULL,"
	"  legal_rep_id TEXT NOT NULL,"
	"  legal_rep_phone TEXT NOT NULL,"
	"  frp_is_legal_rep INTEGER NOT NULL,"
	"  frp_name TEXT NOT NULL,"
	"  frp_id TEXT NOT NULL,"
	"  frp_phone TEXT NOT NULL,"
	"  reason TEXT CHECK (reason IN ('legal_rep_change', 'frp_change')),"
	"  remark TEXT NOT NULL DEFAULT '',"
	"  station TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  decided_by TEXT,"
	"  reject_reason TEXT,"
	"  UNIQUE (day, seq)"
	");"
	"CREATE INDEX application_created ON application (created_at);"
	"CREATE INDEX application_status ON application (status, created_at);"
	"CREATE INDEX application_institution ON application (credit_code);"
	"CREATE TABLE staff ("
	"  name TEXT PRIMARY KEY,"
	"  role TEXT NOT NULL CHECK (role IN ('counter', 'supervisor')),"
	"  pwhash TEXT NOT NULL,"
	"  failed INTEGER NOT NULL DEFAULT 0,"
	"  locked INTEGER NOT NULL DEFAULT 0,"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created_at INTEGER NOT NULL,"
	"  last_login INTEGER NOT NULL DEFAULT 0"
	");"
	/* The event log is append-only: hash chains each row to the one before it
	 * (evlog.c), and these triggers refuse ordinary edits; someone who drops them
	 * to edit rows is caught by the chain. */
	"CREATE TABLE event ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  station TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  subject TEXT NOT NULL,"
	"  detail TEXT NOT NULL DEFAULT '',"
	"  hash BLOB NOT NULL"
	");"
	"CREATE INDEX event_at ON event (at);",
	"CREATE TRIGGER event_no_update BEFORE UPDATE ON event"
	"  BEGIN SELECT RAISE(ABORT, 'event log is append-only'); END;"
	"CREATE TRIGGER event_no_delete BEFORE DELETE ON event"
	"  BEGIN SELECT RAISE(ABORT, 'event log is append-only'); END;",
	"CREATE FUNCTION event_append_only() RETURNS trigger LANGUAGE plpgsql"
	"  AS $$ BEGIN RAISE EXCEPTION 'event log is append-only'; END $$;"
	"CREATE TRIGGER event_no_update BEFORE UPDATE OR DELETE ON event"
	"  FOR EACH ROW EXECUTE FUNCTION event_append_only();"
	"CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON event"
	"  FOR EACH STATEMENT EXECUTE FUNCTION event_append_only();"
	/* SQLite's instr(), which the register search uses. */
	"CREATE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql"
	"  IMMUTABLE STRICT AS 'SELECT strpos($1, $2)';" },

	/* 2: the certificate lifecycle. A certificate per institution; its holders
	 * (one FRP, up to 3 managers, any number of users); single-use tokens behind
	 * the claim, authorization, login and SMS codes, stored only as hashes;
	 * authorizations of users; presented codes; usage and change records; failed
	 * code lookups per station for the rate limit. */
	{ "CREATE TABLE certificate ("
	"  id INTEGER PRIMARY KEY,"
	"  credit_code TEXT NOT NULL UNIQUE REFERENCES institution (credit_code),"
	"  status TEXT NOT NULL DEFAULT 'active'"
	"    CHECK (status IN ('active', 'cancelled', 'deleted')),"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	");"
	"CREATE TABLE holder ("
	"  id INTEGER PRIMARY KEY,"
	"  cert_id INTEGER NOT NULL REFERENCES certificate (id),"
	"  role TEXT NOT NULL CHECK (role IN ('frp', 'manager', 'user')),"
	"  name TEXT NOT NULL,"
	"  id_number TEXT NOT NULL,"
	"  phone TEXT NOT NULL,"
	"  added_by INTEGER REFERENCES holder (id),"
	"  status TEXT NOT NULL"
	"    CHECK (status IN ('pending', 'active', 'deleted', 'superseded')),"
	"  secret_hash BLOB,"
	"  pw_failed INTEGER NOT NULL DEFAULT 0,"
	"  pw_locked INTEGER NOT NULL DEFAULT 0,"
	"  created_at INTEGER NOT NULL,"
	"  redeemed_at INTEGER,"
	"  ended_at INTEGER"
	");"
	"CREATE INDEX holder_cert ON holder (cert_id, role, status);"
	"CREATE INDEX holder_added_by ON holder (added_by);"
	"CREATE TABLE authz ("
	"  id INTEGER PRIMARY KEY,"
	"  cert_id INTEGER NOT NULL REFERENCES certificate (id),"
	"  user_id INTEGER NOT NULL REFERENCES holder (id),"
	"  granted_by INTEGER NOT NULL REFERENCES holder (id),"
	"  matters TEXT NOT NULL,"
	"  starts_at INTEGER NOT NULL,"
	"  ends_at INTEGER NOT NULL,"
	"  status TEXT NOT NULL"
	"    CHECK (status IN ('pending', 'active', 'cancelled', 'voided')),"
	"  created_at INTEGER NOT NULL,"
	"  redeemed_at INTEGER,"
	"  ended_at INTEGER"
	");"
	"CREATE INDEX authz_user ON authz (user_id, status);"
	"CREATE INDEX authz_ends ON authz (ends_at);"
	"CREATE TABLE token ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('claim', 'auth', 'login', 'sms')),"
	"  hash BLOB NOT NULL UNIQUE,"
	"  cert_id INTEGER REFERENCES certificate (id),"
	"  holder_id INTEGER REFERENCES holder (id),"
	"  authz_id INTEGER REFERENCES authz (id),"
	"  app_number TEXT,"
	"  system TEXT,"
	"  created_by TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  used_at INTEGER,"
	"  used_by INTEGER REFERENCES holder (id),"
	"  voided_at INTEGER,"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  salt BLOB"
	");"
	"CREATE INDEX token_holder ON token (holder_id, kind);"
	"CREATE INDEX token_app ON token (app_number);"
	"CREATE TABLE presented ("
	"  id INTEGER PRIMARY KEY,"
	"  cert_id INTEGER NOT NULL REFERENCES certificate (id),"
	"  holder_id INTEGER NOT NULL REFERENCES holder (id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('qr', 'barcode', 'digits')),"
	"  hash BLOB NOT NULL UNIQUE,"
	"  issued_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL"
	");"
	"CREATE TABLE usage_record ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('verify', 'scan_login', 'sign')),"
	"  cert_id INTEGER REFERENCES certificate (id),"
	"  holder_id INTEGER REFERENCES holder (id),"
	"  presented_id INTEGER REFERENCES presented (id),"
	"  station TEXT NOT NULL,"
	"  system TEXT,"
	"  via TEXT,"
	"  outcome TEXT NOT NULL,"
	"  live INTEGER NOT NULL DEFAULT 1"
	");"
	"CREATE INDEX usage_cert ON usage_record (cert_id, at);"
	"CREATE INDEX usage_presented ON usage_record (presented_id);"
	"CREATE INDEX usage_at ON usage_record (at);"
	"CREATE TABLE change_record ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  cert_id INTEGER NOT NULL REFERENCES certificate (id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('name_change', 'legal_rep_change',"
	"    'cancellation', 'deletion', 'phone_change', 'frp_change')),"
	"  detail TEXT NOT NULL DEFAULT '',"
	"  actor TEXT NOT NULL"
	");"
	"CREATE INDEX change_cert ON change_record (cert_id, at);"
	"CREATE TABLE verify_fail ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  station TEXT NOT NULL,"
	"  cert_id INTEGER"
	");"
	"CREATE INDEX verify_fail_station ON verify_fail (station, at);"
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	");", NULL, NULL },

	/* 3: indexes for the supervisor reports (report.c): charts by kind over
	 * days; everything about one application or institution; and whether a
	 * claim QR was replaced or used, partial indexes that cost only those
	 * events. */
	{ "CREATE INDEX event_kind ON event (kind, at);"
	"CREATE INDEX event_subject ON event (subject);"
	"CREATE INDEX event_voided ON event (subject) WHERE kind = 'claimqr.voided';"
	"CREATE INDEX event_claimed ON event (detail) WHERE kind = 'cert.claimed';",
	  NULL, NULL },

	/* 4: wrong passwords for names that are no account, counted as for an
	 * account, so that a login screen answers both alike and does not tell
	 * which names exist. */
	{ "CREATE TABLE staff_probe ("
	"  name TEXT PRIMARY KEY,"
	"  failed INTEGER NOT NULL"
	");", NULL, NULL },

	/* 5: the legal representative's ID number and phone as typed on the
	 * form (NULL: not filled in), for the counter to compare with the
	 * register; legal_rep_id and legal_rep_phone stay the register's copy. */
	{ "ALTER TABLE application ADD COLUMN form_legal_rep_id TEXT;"
	"ALTER TABLE application ADD COLUMN form_legal_rep_phone TEXT;",
	  NULL, NULL },

	/* 6: the version of the download declaration a holder accepted when it
	 * downloaded its wallet (cert-declare.c); NULL for holders who never
	 * downloaded one, or did before the declaration was recorded. */
	{ "ALTER TABLE holder ADD COLUMN declaration TEXT;", NULL, NULL },

	/* 7: operations by their ids, so that a transaction run again after a
	 * lost reply is known as done (reg-op.c): ref and result are what the
	 * first run answered. */
	{ "CREATE TABLE operation ("
	"  id TEXT PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  ref INTEGER NOT NULL,"
	"  result TEXT NOT NULL,"
	"  station TEXT NOT NULL,"
	"  at INTEGER NOT NULL"
	");", NULL, NULL },
	/* 8: scan-to-sign (cert-sign.c): each holder's signing public key, as in
	 * the holder certificate the registry signed, and the sign requests of
	 * application systems, the token stored only as a hash. */
	{ "ALTER TABLE holder ADD COLUMN sign_pk BLOB;"
	"ALTER TABLE holder ADD COLUMN sign_keyed_at INTEGER;"
	"CREATE TABLE sign_request ("
	"  id INTEGER PRIMARY KEY,"
	"  hash BLOB NOT NULL UNIQUE,"
	"  system TEXT NOT NULL,"
	"  digest BLOB NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  signed_at INTEGER,"
	"  holder_id INTEGER REFERENCES holder (id),"
	"  signature TEXT"
	");",
	  NULL, NULL },

	/* 9: the certificate's own text (证照信息) beside the register's name,
	 * address and legal representative; '' where the register has none, so
	 * that institutions imported before read as "not in the register". And
	 * a holder's phone change confirmed by a code sent to the new phone. */
	{ "ALTER TABLE institution ADD COLUMN purpose TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE institution ADD COLUMN sponsor TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE institution ADD COLUMN funding TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE institution ADD COLUMN capital TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE institution ADD COLUMN valid_from TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE institution ADD COLUMN valid_to TEXT NOT NULL DEFAULT '';"
	/* The new phone a phone-change code was sent to; NULL for the codes of
	 * a password reset, so that neither code does the other's work. */
	"ALTER TABLE token ADD COLUMN phone TEXT;",
	  NULL, NULL },

	/* 10: the day summary's columns in one index (report.c), so that a day's
	 * counts are read off the index alone, not off every event row of the
	 * day. SQLite keeps event_at: it holds (at, id), the order exports
	 * stream in. PostgreSQL's holds no id, and while it is there the planner
	 * prefers it and reads the rows (measured over 10 million events: 73 ms
	 * for the busiest day's counts, 40 ms off the wider index alone). */
	{ "CREATE INDEX event_at_who ON event (at, station, actor, kind);",
	  NULL, "DROP INDEX event_at;" },

	/* 11: what a station's role may ask of rows it cannot read
	 * (reg-guard.c). An application copies the register's legal
	 * representative (ID number, phone, and the FRP's ID number when the FRP
	 * is the legal representative and typed none) as it is added, for the
	 * kiosk that submits it cannot read them; a row that comes with them
	 * (a registry copied) keeps its own. On PostgreSQL the functions run as
	 * their owner, the schema's, with their search_path fixed, so that no
	 * caller's schema can stand in for a table; reg-roles.c grants them. */
	{ NULL,
	  "CREATE TRIGGER application_register AFTER INSERT ON application"
	  " WHEN NEW.legal_rep_id = '' BEGIN"
	  "  UPDATE application SET"
	  "   legal_rep_id = (SELECT legal_rep_id FROM institution"
	  "     WHERE credit_code = NEW.credit_code),"
	  "   legal_rep_phone = (SELECT legal_rep_phone FROM institution"
	  "     WHERE credit_code = NEW.credit_code),"
	  "   frp_id = CASE WHEN NEW.frp_is_legal_rep = 1 AND NEW.frp_id = ''"
	  "     THEN (SELECT legal_rep_id FROM institution"
	  "     WHERE credit_code = NEW.credit_code) ELSE NEW.frp_id END"
	  "  WHERE id = NEW.id;"
	  " END;",
	  "CREATE FUNCTION jsd_app_register() RETURNS trigger LANGUAGE plpgsql"
	  " SECURITY DEFINER SET search_path = public, pg_temp AS $$ BEGIN"
	  "  IF NEW.legal_rep_id = '' THEN"
	  "   SELECT i.legal_rep_id, i.legal_rep_phone"
	  "     INTO NEW.legal_rep_id, NEW.legal_rep_phone"
	  "     FROM institution i WHERE i.credit_code = NEW.credit_code;"
	  "   IF NEW.frp_is_legal_rep = 1 AND NEW.frp_id = '' THEN"
	  "    NEW.frp_id := NEW.legal_rep_id;"
	  "   END IF;"
	  "  END IF;"
	  "  RETURN NEW;"
	  " END $$;"
	  "CREATE TRIGGER application_register BEFORE INSERT ON application"
	  " FOR EACH ROW EXECUTE FUNCTION jsd_app_register();"
	  "CREATE FUNCTION jsd_inst_is_legal_rep(text, text)"
	  " RETURNS TABLE (is_rep integer) LANGUAGE sql STABLE SECURITY DEFINER"
	  " SET search_path = public, pg_temp AS $$"
	  "  SELECT (legal_rep_id = $2)::integer FROM institution"
	  "  WHERE credit_code = $1 $$;"
	  "CREATE FUNCTION jsd_app_lookup(text, text) RETURNS TABLE (kind text,"
	  " status text, reject_reason text, claimed integer) LANGUAGE sql STABLE"
	  " SECURITY DEFINER SET search_path = public, pg_temp AS $$"
	  "  SELECT a.kind, a.status, a.reject_reason, COALESCE((SELECT"
	  "   (t.used_at IS NOT NULL)::integer FROM token t"
	  "   WHERE t.app_number = a.number AND t.kind = 'claim'"
	  "   ORDER BY t.id DESC LIMIT 1), 0)"
	  "  FROM application a WHERE a.number = $1"
	  "  AND length(a.frp_phone) >= 4 AND right(a.frp_phone, 4) = $2 $$;"
	  "CREATE FUNCTION jsd_lookup_fails(text, bigint) RETURNS TABLE"
	  " (n bigint, oldest bigint) LANGUAGE sql STABLE SECURITY DEFINER"
	  " SET search_path = public, pg_temp AS $$"
	  "  SELECT count(*), COALESCE(min(at), 0) FROM event WHERE at > $2"
	  "  AND kind = 'app.lookup_failed' AND station = $1 $$;"
	  "CREATE FUNCTION jsd_adminpin_events(text) RETURNS TABLE (id bigint,"
	  " at bigint, kind text) LANGUAGE sql STABLE SECURITY DEFINER"
	  " SET search_path = public, pg_temp AS $$"
	  "  SELECT id, at, kind FROM event WHERE subject = $1"
	  "  AND substr(kind, 1, 10) = 'kiosk.pin_' $$;"
	  "CREATE FUNCTION jsd_staff_read(text) RETURNS TABLE (name text,"
	  " role text, failed bigint, locked bigint, disabled bigint,"
	  " created_at bigint, last_login bigint, setting text) LANGUAGE sql"
	  " STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$"
	  "  SELECT name, role, failed, locked, disabled, created_at, last_login,"
	  "  rtrim(pwhash, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	  "0123456789+/') FROM staff WHERE name = $1 $$;"
	  "CREATE FUNCTION jsd_staff_login(text, text, bigint, bigint)"
	  " RETURNS TABLE (ok integer, failed bigint, locked bigint) LANGUAGE sql"
	  " SECURITY DEFINER SET search_path = public, pg_temp AS $$"
	  "  UPDATE staff SET"
	  "  failed = CASE WHEN pwhash = $2 THEN 0 ELSE failed + 1 END,"
	  "  locked = CASE WHEN pwhash <> $2 AND failed + 1 >= $4 THEN 1"
	  "   ELSE locked END,"
	  "  last_login = CASE WHEN pwhash = $2 THEN $3 ELSE last_login END"
	  "  WHERE name = $1 AND locked = 0 AND disabled = 0"
	  "  RETURNING (pwhash = $2)::integer, failed, locked $$;" },
	/* 12: the limits on guessing held by the database as well as by the
	 * program, for a stolen station login can call migration 11's
	 * functions from psql as fast as they answer. Each guess (an ID number
	 * for a credit code, a phone's last digits for an application number)
	 * is first noted, keyed by the session's login role (session_user,
	 * which the caller cannot choose) and the target, in a table only the
	 * owner writes (jsd_guard_note()); it is answered only once that note
	 * is committed, so that a caller who rolls its transaction back (or
	 * back to a savepoint) has still spent the guess. Past a limit of
	 * wrong ones in a window, measured on the database's clock, the answer
	 * is "limited" whatever the guess: the program's own limits (per
	 * station, cert.h) stay for both engines, these are per login and
	 * target: 5 wrong ID numbers an hour for an institution (the kiosk
	 * form checks the check digit first, so a typo rarely reaches here)
	 * and CERT_LOOKUP_MAX in CERT_LOOKUP_WINDOW for an application; and
	 * per login, 20 in the same windows whatever the target, above what
	 * a station's honest users reach before the program stops them and
	 * below what pays off across many targets. A staff login no longer
	 * says how many wrong passwords lock: STAFF_MAX_FAILED (reg.h), for a
	 * caller that passed a large number could guess without locking.
	 * Literal numbers: a migration never changes, a new limit is a new
	 * migration. Notes a day old are pruned as new ones come. */
	{ NULL, NULL,
	  "CREATE TABLE guard_note ("
	  "  id INTEGER PRIMARY KEY,"
	  "  login TEXT NOT NULL,"
	  "  kind TEXT NOT NULL,"
	  "  target TEXT NOT NULL,"
	  "  guess BLOB NOT NULL,"
	  "  xact xid8 NOT NULL,"
	  "  at INTEGER NOT NULL,"
	  "  verdict TEXT CHECK (verdict IN ('right', 'wrong'))"
	  ");"
	  "CREATE INDEX guard_note_key ON guard_note (login, kind, target, at);"
	  "CREATE INDEX guard_note_at ON guard_note (at);"
	  "CREATE FUNCTION jsd_guard_limit(text, OUT most bigint, OUT most_all"
	  " bigint, OUT span bigint) LANGUAGE sql IMMUTABLE AS $$"
	  "  SELECT v.most, v.most_all, v.span FROM (VALUES"
	  "  ('legal_rep', 5, 20, 3600), ('app_lookup', 5, 20, 600))"
	  "  v (kind, most, most_all, span) WHERE v.kind = $1 $$;"
	  /* The newest note of this guess in the window, and whether the
	   * transaction that made it committed. */
	  "CREATE FUNCTION jsd_guard_find(text, text, text, OUT id bigint,"
	  " OUT done boolean) LANGUAGE sql STABLE"
	  " SET search_path = public, pg_temp AS $$"
	  "  SELECT g.id, pg_xact_status(g.xact) = 'committed'"
	  "  FROM guard_note g, jsd_guard_limit($1) l"
	  "  WHERE g.login = session_user AND g.kind = $1 AND g.target = $2"
	  "  AND g.guess = sha256(convert_to($3, 'UTF8'))"
	  "  AND g.at > extract(epoch FROM clock_timestamp())::bigint - l.span"
	  "  ORDER BY g.id DESC LIMIT 1 $$;"
	  /* Whether the guesses not known right in the window, but the one
	   * noted as except, reach the limit for the target or, all targets
	   * together, the login's (a wrong guess at each of many applications
	   * would otherwise find some); when the oldest of them leaves the
	   * window, never too early. */
	  "CREATE FUNCTION jsd_guard_wrong(text, text, bigint, OUT limited boolean,"
	  " OUT retry bigint) LANGUAGE sql STABLE"
	  " SET search_path = public, pg_temp AS $$"
	  "  SELECT count(*) FILTER (WHERE g.target = $2) >= min(l.most)"
	  "  OR count(g.id) >= min(l.most_all),"
	  "  COALESCE(GREATEST(min(g.at) FILTER (WHERE g.target = $2), min(g.at)),"
	  "  0) + min(l.span) + 1"
	  "  FROM jsd_guard_limit($1) l LEFT JOIN guard_note g"
	  "  ON g.login = session_user AND g.kind = $1"
	  "  AND g.at > extract(epoch FROM clock_timestamp())::bigint - l.span"
	  "  AND g.verdict IS DISTINCT FROM 'right' AND g.id <> $3 $$;"
	  "CREATE FUNCTION jsd_guard_note(text, text, text) RETURNS void"
	  " LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp"
	  " AS $$ DECLARE t bigint := extract(epoch FROM clock_timestamp())::bigint;"
	  " BEGIN"
	  "  IF NOT EXISTS (SELECT 1 FROM jsd_guard_limit($1))"
	  "    OR length($2) > 32 OR length($3) > 32 THEN"
	  "   RAISE EXCEPTION 'jsd_guard_note: no such guess' USING ERRCODE = '22023';"
	  "  END IF;"
	  "  DELETE FROM guard_note WHERE at < t - 86400;"
	  "  IF (SELECT w.limited FROM jsd_guard_wrong($1, $2, 0) w)"
	  "    OR (SELECT f.id FROM jsd_guard_find($1, $2, $3) f) IS NOT NULL THEN"
	  "   RETURN;"
	  "  END IF;"
	  "  INSERT INTO guard_note (login, kind, target, guess, xact, at)"
	  "  VALUES (session_user, $1, $2, sha256(convert_to($3, 'UTF8')),"
	  "   pg_current_xact_id(), t);"
	  " END $$;"
	  /* What may be answered of a guess: 1 and its note, -1 limited and
	   * when to try again, -2 not noted (or its note not committed). */
	  "CREATE FUNCTION jsd_guard_ask(text, text, text, OUT state integer,"
	  " OUT note bigint, OUT retry bigint) LANGUAGE plpgsql STABLE"
	  " SET search_path = public, pg_temp AS $$ DECLARE f record; w record;"
	  " BEGIN"
	  "  SELECT * INTO f FROM jsd_guard_find($1, $2, $3);"
	  "  SELECT * INTO w FROM jsd_guard_wrong($1, $2, COALESCE(f.id, 0));"
	  "  state := CASE WHEN w.limited THEN -1 WHEN f.done THEN 1 ELSE -2 END;"
	  "  note := f.id;"
	  "  retry := w.retry;"
	  " END $$;"
	  "DROP FUNCTION jsd_inst_is_legal_rep(text, text);"
	  "CREATE FUNCTION jsd_inst_is_legal_rep(text, text)"
	  " RETURNS TABLE (is_rep integer, retry bigint) LANGUAGE plpgsql"
	  " SECURITY DEFINER SET search_path = public, pg_temp AS $$"
	  " DECLARE q record; rep text;"
	  " BEGIN"
	  "  SELECT i.legal_rep_id INTO rep FROM institution i"
	  "  WHERE i.credit_code = $1;"
	  "  IF NOT FOUND THEN RETURN; END IF;"
	  "  SELECT * INTO q FROM jsd_guard_ask('legal_rep', $1, $2);"
	  "  IF q.state <> 1 THEN"
	  "   RETURN QUERY SELECT q.state, q.retry;"
	  "   RETURN;"
	  "  END IF;"
	  "  UPDATE guard_note SET verdict = CASE WHEN rep = $2 THEN 'right'"
	  "   ELSE 'wrong' END WHERE guard_note.id = q.note;"
	  "  RETURN QUERY SELECT (rep = $2)::integer, 0::bigint;"
	  " END $$;"
	  "DROP FUNCTION jsd_app_lookup(text, text);"
	  "CREATE FUNCTION jsd_app_lookup(text, text) RETURNS TABLE (verdict integer,"
	  " kind text, status text, reject_reason text, claimed integer,"
	  " retry bigint) LANGUAGE plpgsql SECURITY DEFINER"
	  " SET search_path = public, pg_temp AS $$ DECLARE q record;"
	  " BEGIN"
	  "  SELECT * INTO q FROM jsd_guard_ask('app_lookup', $1, $2);"
	  "  IF q.state <> 1 THEN"
	  "   RETURN QUERY SELECT q.state, NULL::text, NULL::text, NULL::text, 0,"
	  "    q.retry;"
	  "   RETURN;"
	  "  END IF;"
	  "  RETURN QUERY SELECT 1, a.kind::text, a.status::text,"
	  "   a.reject_reason::text, COALESCE((SELECT"
	  "   (t.used_at IS NOT NULL)::integer FROM token t"
	  "   WHERE t.app_number = a.number AND t.kind = 'claim'"
	  "   ORDER BY t.id DESC LIMIT 1), 0), 0::bigint"
	  "  FROM application a WHERE a.number = $1"
	  "  AND length(a.frp_phone) >= 4 AND right(a.frp_phone, 4) = $2;"
	  "  UPDATE guard_note SET verdict = CASE WHEN FOUND THEN 'right'"
	  "   ELSE 'wrong' END WHERE guard_note.id = q.note;"
	  " END $$;"
	  "DROP FUNCTION jsd_staff_login(text, text, bigint, bigint);"
	  "CREATE FUNCTION jsd_staff_login(text, text, bigint)"
	  " RETURNS TABLE (ok integer, failed bigint, locked bigint) LANGUAGE sql"
	  " SECURITY DEFINER SET search_path = public, pg_temp AS $$"
	  "  UPDATE staff SET"
	  "  failed = CASE WHEN pwhash = $2 THEN 0 ELSE failed + 1 END,"
	  "  locked = CASE WHEN pwhash <> $2 AND failed + 1 >= 6 THEN 1"
	  "   ELSE locked END,"
	  "  last_login = CASE WHEN pwhash = $2 THEN $3 ELSE last_login END"
	  "  WHERE name = $1 AND locked = 0 AND disabled = 0"
	  "  RETURNING (pwhash = $2)::integer, failed, locked $$;" },
	/* 13: the day summary's counts, kept by the appender in its own
	 * transaction (evlog.c says how): a day's summary is then a few hundred
	 * rows, not every event of the day. day is the first second of the
	 * Shanghai day (clock_day_start()); actor is '' where it cannot name a
	 * staff account (reg_staff_name_valid()), so that holders, thousands a
	 * day, fold into one row, as the report counts only staff by name. The
	 * backfill says both rules again in SQL, once per engine: SQLite has no
	 * regular expressions. The day's claim QRs that expired unused, the one
	 * figure still read off events, come off a partial index that holds all
	 * their columns, not the day's every event (measured over 10 million
	 * events: 1 ms instead of 43 to read the busiest day's 8,740). On
	 * PostgreSQL a station adds to the counts through a procedure that runs
	 * as its owner, so a kiosk appends without reading them (reg-guard.c). */
	{ "CREATE TABLE event_day ("
	"  day INTEGER NOT NULL,"
	"  station TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (day, station, actor, kind)"
	");"
	"CREATE INDEX event_shown ON event (at, id, subject, detail, station, actor)"
	"  WHERE kind = 'claimqr.shown';",
	  "INSERT INTO event_day (day, station, actor, kind, n)"
	  " SELECT (at + 28800) / 86400 * 86400 - 28800, station,"
	  "  CASE WHEN length(actor) BETWEEN 1 AND 32"
	  "   AND actor NOT GLOB '*[^A-Za-z0-9_.-]*' THEN actor ELSE '' END,"
	  "  kind, count(*) FROM event GROUP BY 1, 2, 3, 4 ORDER BY 1;",
	  "INSERT INTO event_day (day, station, actor, kind, n)"
	  " SELECT (at + 28800) / 86400 * 86400 - 28800, station,"
	  "  CASE WHEN actor ~ '^[A-Za-z0-9_.-]{1,32}$' THEN actor ELSE '' END,"
	  "  kind, count(*) FROM event GROUP BY 1, 2, 3, 4 ORDER BY 1;"
	  "CREATE OR REPLACE PROCEDURE jsd_event_day_add(bigint, text, text, text,"
	  " bigint)"
	  " LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$"
	  "  INSERT INTO event_day (day, station, actor, kind, n)"
	  "  VALUES ($1, $2, $3, $4, $5) ON CONFLICT (day, station, actor, kind)"
	  "  DO UPDATE SET n = event_day.n + excluded.n $$;" },
	/* 14: the claim QRs shown and not yet settled (replaced or used), kept
	 * by the appender in its own transaction (evlog.c), so that the day
	 * summary counts the day's expired unused ones off an index on at
	 * instead of looking, for each QR shown, for a later event on its
	 * application (measured over 10 million events on PostgreSQL: the
	 * busiest day's summary took 69 to 102 ms, most of it those looks, and
	 * 9 to 19 ms after). The backfill is the same for both engines, and
	 * still looks, once: 28 s on PostgreSQL, 4.6 s on SQLite over those
	 * 10 million events (735,000 QRs open). */
	{ "CREATE TABLE claimqr_open ("
	"  event_id INTEGER NOT NULL PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  station TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  app_number TEXT NOT NULL,"
	"  credit_code TEXT NOT NULL"
	");"
	"CREATE INDEX claimqr_open_at ON claimqr_open (at, station, actor);"
	"CREATE INDEX claimqr_open_app ON claimqr_open (app_number);",
	  reg_open_backfill, reg_open_backfill },

	/* 15: a usage record no longer checks the three rows it names as
	 * foreign keys. It is a log, like the event log (which never had
	 * any): its writer copies the ids off the rows its check has just read
	 * (a presented code's own row ties it to its certificate and holder),
	 * and certificates, holders and presented codes are never deleted.
	 * On PostgreSQL the check was a trigger a key and a row that locks the
	 * parent row (FOR KEY SHARE, a write to the parent's page; counters
	 * verifying one certificate at once share the lock through a
	 * multixact): measured 25 us of the server's CPU a record, more than
	 * the insert itself, on the verification's durable path. SQLite cannot
	 * drop a constraint: the table is made again. */
	{ NULL,
	  "CREATE TABLE usage_record_new ("
	  "  id INTEGER PRIMARY KEY,"
	  "  at INTEGER NOT NULL,"
	  "  kind TEXT NOT NULL CHECK (kind IN ('verify', 'scan_login', 'sign')),"
	  "  cert_id INTEGER,"
	  "  holder_id INTEGER,"
	  "  presented_id INTEGER,"
	  "  station TEXT NOT NULL,"
	  "  system TEXT,"
	  "  via TEXT,"
	  "  outcome TEXT NOT NULL,"
	  "  live INTEGER NOT NULL DEFAULT 1"
	  ");"
	  "INSERT INTO usage_record_new (id, at, kind, cert_id, holder_id,"
	  " presented_id, station, system, via, outcome, live)"
	  " SELECT id, at, kind, cert_id, holder_id, presented_id, station,"
	  " system, via, outcome, live FROM usage_record ORDER BY id;"
	  "DROP TABLE usage_record;"
	  "ALTER TABLE usage_record_new RENAME TO usage_record;"
	  "CREATE INDEX usage_cert ON usage_record (cert_id, at);"
	  "CREATE INDEX usage_presented ON usage_record (presented_id);"
	  "CREATE INDEX usage_at ON usage_record (at);",
	  "ALTER TABLE usage_record DROP CONSTRAINT IF EXISTS usage_record_cert_id_fkey,"
	  " DROP CONSTRAINT IF EXISTS usage_record_holder_id_fkey,"
	  " DROP CONSTRAINT IF EXISTS usage_record_presented_id_fkey;" },

	/* 16: a subject's events in id order off the index alone. The event
	 * pages filtered by a subject are keyset-paged by id (report.c); a
	 * SQLite index holds the rowid after its columns, so (subject) is
	 * already in id order there, while PostgreSQL's is in the rows' places
	 * on disk: a busy institution's year of events was read whole and
	 * sorted for a page of 50 (measured over 10 million events: 69 to 114
	 * ms for the first page of one credit code). */
	{ NULL, NULL,
	  "CREATE INDEX IF NOT EXISTS event_subject_id ON event (subject, id);"
	  "DROP INDEX IF EXISTS event_subject;" },
};

/* A migration's own part for this registry's engine. */
static const char *
reg_migration_own(struct reg *r, int n)
{
	const struct reg_migration *m = &reg_migrations[n - 1];

	return strcmp(db_engine_name(r->db), "sqlite") == 0 ? m->sqlite : m->pg;
}

static int
reg_migrate_one(struct reg *r, int to, struct err *e)
{
	const struct reg_migration *m = &reg_migrations[to - 1];
	const char *own = reg_migration_own(r, to);
	char why[sizeof e->detail];

	if (db_begin_schema(r->db, e) != 0)
		return -1;
	/* Another process may have migrated while we waited for the lock. */
	if (reg_schema_version(r) >= to) {
		db_rollback(r->db);
		return 0;
	}
	if ((m->sql != NULL && db_exec(r->db, m->sql, e) != 0) ||
	    (own != NULL && db_exec(r->db, own, e) != 0) ||
	    db_set_version(r->db, to, e) != 0) {
		memcpy(why, e->detail, sizeof why);
		err_set(e, ERR_SYSTEM, NULL, "reg.migrate_failed", "to version %d: %s",
		    to, why);
		db_rollback(r->db);
		return -1;
	}
	return db_commit(r->db, e);
}

int
reg_backfill(struct reg *r, struct err *e)
{
	if (db_exec(r->db, reg_migration_own(r, REG_DAY_MIGRATION), e) != 0)
		return -1;
	return db_exec(r->db, reg_migration_own(r, REG_OPEN_MIGRATION), e);
}

int
reg_schema_latest(void)
{
	return REG_SCHEMA_VERSION;
}

int
reg_migrate(struct reg *r, struct err *e)
{
	int v;

	if ((v = reg_schema_version(r)) < 0)
		return db_err(r->db, e, "schema version");
	if (v > REG_SCHEMA_VERSION)
		return err_set(e, ERR_SYSTEM, NULL, "reg.too_new",
		    "registry schema %d, this program knows up to %d", v,
		    REG_SCHEMA_VERSION);
	if (v == REG_SCHEMA_VERSION)
		return 0;
	for (v++; v <= REG_SCHEMA_VERSION; v++) {
		if (reg_migrate_one(r, v, e) != 0)
			return -1;
	}
	/* New tables get their grants with the migration that made them. */
	return reg_roles(r, e);
}
