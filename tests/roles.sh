# roles.sh: on PostgreSQL the database itself holds each kind of station to
# what its screens need (core/reg-roles.c). Each group gets a login role made
# for this test; jsdctl and psql connect as it and try what it must not do: a
# refusal is a clear message and exit status 1, and nothing is half done.
. "$top_srcdir/tests/lib.sh"

[ "$JSD_TEST_BACKEND" = pg ] || skip_all "PostgreSQL's roles: a SQLite file has none"
command -v psql >/dev/null || skip_all "psql is not installed"

super() { psql -X -q -At -h "$JSD_TEST_PGHOST" -d postgres -v ON_ERROR_STOP=1 -c "$1"; }
ctl demo
ok $rc "init and demo as the database's owner"
is "$(super "SELECT string_agg(rolname || ':' || rolcanlogin, ' ' ORDER BY rolname)
    FROM pg_roles WHERE rolname LIKE 'jsd\_%'")" \
	"jsd_admin:false jsd_counter:false jsd_kiosk:false jsd_supervisor:false" \
	"four group roles without login"

for g in kiosk counter supervisor admin; do
	pg_station $g
done
# as ROLE ARGS...: jsdctl connected as that group's login role.
as() {
	_g=$1
	shift
	ctl --db "$JSD_DB&user=jsdt_${_g}_$$" "$@"
}
# sql_as ROLE SQL: psql as that role; status 0 when the database allowed it.
sql_as() {
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$JSD_DB&user=jsdt_$1_$$" -c "$2" \
	    >"$T/sql.out" 2>"$T/sql.err"
}
refused() {	# refused ROLE SQL DESCRIPTION
	sql_as "$1" "$2"
	_rc=$?
	ok $([ $_rc -ne 0 ] && grep -q 'permission denied' "$T/sql.err"; echo $?) "$3"
}
events() { db_sql "$JSD_DB" "SELECT count(*) FROM event"; }
code=12110000429074993M

# --- kiosk ---
as kiosk apply claim --credit-code $code --frp-phone 13912345678
ok $rc "a kiosk submits an application"
no=$(printf '%s\n' "$out" | tail -n 1)
n=$(events)
JSD_PASSWORD=jsd-demo-counter as kiosk approve "$no" --staff counter1
is "$rc" 1 "a kiosk cannot approve: exit status 1"
like "$err" "role may not do this" "with a clear message"
is "$(events)" "$n" "and nothing was written"
ctl application show "$no"
like "$out" "[Ss]ubmitted" "the application is still waiting"
as kiosk events
is "$rc" 1 "a kiosk cannot read the event log"
refused kiosk "SELECT frp_id FROM application" "nor the ID numbers of applications"
refused kiosk "SELECT detail FROM event" "nor events' details"
refused kiosk "UPDATE institution SET name = 'x'" "nor change the register"
refused kiosk "UPDATE application SET status = 'approved'" "nor an application"
refused kiosk "DELETE FROM application" "nor delete one"
refused kiosk "SELECT name FROM staff" "nor see staff accounts"
# The day summary: every appender adds to its counts through a procedure
# (jsd_event_day_add), none reads them, takes rows away or moves them ("log
# verify" compares the counts with the chained events).
refused kiosk "SELECT n FROM event_day" "nor read the day summary's counts"
refused kiosk "UPDATE event_day SET n = 0" "nor set them"
refused kiosk "DELETE FROM event_day" "nor delete them"
refused kiosk "UPDATE event_day SET kind = 'x'" "nor move them"
# The claim QRs still open: kept by those who show, replace and use them.
refused kiosk "SELECT app_number FROM claimqr_open" "nor the claim QRs still open"
refused kiosk "INSERT INTO claimqr_open VALUES (0, 0, 'k', 'k', 'x', 'x')" \
	"nor add one"
refused kiosk "DELETE FROM claimqr_open" "nor settle them"
key=$(db_sql "$JSD_DB" "SELECT value FROM meta WHERE key = 'signing_key.current'")
sql_as kiosk "UPDATE meta SET value = '0' WHERE key LIKE 'signing_key%'"
is "$(db_sql "$JSD_DB" "SELECT value FROM meta WHERE key = 'signing_key.current'")" \
	"$key" "nor replace the public signing key"
# What the forms need of rows it may not read, it asks of functions that
# answer only that (core/reg-guard.c).
refused kiosk "SELECT legal_rep_id FROM institution" "nor the register's ID numbers"
refused kiosk "SELECT legal_rep_phone FROM institution" "nor its phones"
sql_as kiosk "SELECT legal_rep_name FROM institution WHERE credit_code = '$code'"
is "$(cat "$T/sql.out")" 张晓华 "but what the form shows"
is "$(db_sql "$JSD_DB" "SELECT legal_rep_id || ' ' || legal_rep_phone || ' ' || frp_id
    FROM application WHERE number = '$no'")" \
	"110118198312055029 13800000001 110118198312055029" \
	"its application has the register's legal representative, copied by the database"
rep=110118198312055029
# A guess is answered once its note is committed (core/reg-guard.c): each
# psql -c is a transaction of its own. guess_as ROLE WHAT TARGET GUESS SQL.
guess_as() {
	sql_as "$1" "SELECT jsd_guard_note('$2', '$3', '$4')" && sql_as "$1" "$5"
}
legal_rep() {	# legal_rep CODE ID: as the kiosk, is_rep and retry
	guess_as kiosk legal_rep "$1" "$2" \
	    "SELECT is_rep FROM jsd_inst_is_legal_rep('$1', '$2')"
}
legal_rep $code $rep
is "$(cat "$T/sql.out")" 1 "it learns whether an ID number is the legal representative's"
legal_rep $code 11010519491231002X
is "$(cat "$T/sql.out")" 0 "and no more"
sql_as kiosk "SELECT is_rep FROM jsd_inst_is_legal_rep('$code', '110101199001010015')"
is "$(cat "$T/sql.out")" -2 "a guess not noted first is not answered"
sql_as kiosk "BEGIN; SELECT jsd_guard_note('legal_rep', '$code', '110101199001010023');
    SAVEPOINT s; SELECT jsd_guard_note('legal_rep', '$code', '110101199001010031');
    ROLLBACK TO s; SELECT is_rep FROM jsd_inst_is_legal_rep('$code', '110101199001010023')
    UNION ALL SELECT is_rep FROM jsd_inst_is_legal_rep('$code', '110101199001010031');
    ROLLBACK"
is "$(grep . "$T/sql.out" | tr '\n' ' ')" "-2 -2 " \
	"nor one noted in a transaction not committed, nor rolled back to a savepoint"
refused kiosk "INSERT INTO guard_note (login, kind, target, guess, xact, at)
    VALUES (session_user, 'legal_rep', '$code', '', '1', 0)" "nor can it write a note itself"
refused kiosk "DELETE FROM guard_note" "nor delete them"
refused kiosk "SELECT * FROM jsd_guard_ask('legal_rep', '$code', '$rep')" \
	"nor call the guard's parts"
# Five wrong ones for a credit code in an hour, the one above included.
for id in 110101199001010040 110101199001010058 110101199001010066 \
    110101199001010074; do
	legal_rep $code $id
	printf '%s ' "$(cat "$T/sql.out")"
done >"$T/wrong"
is "$(cat "$T/wrong")" "0 0 0 0 " "four more wrong ID numbers are answered"
legal_rep $code 110101199001010082
is "$(cat "$T/sql.out")" -1 "the sixth is limited"
legal_rep $code $rep
is "$(cat "$T/sql.out")" -1 "and so is the right one"
legal_rep 12110000471228060A 110101199001010015
is "$(cat "$T/sql.out")" 0 "another institution is not affected"
sql_as admin "SELECT jsd_guard_note('legal_rep', '$code', '$rep')" &&
	sql_as admin "SELECT is_rep FROM jsd_inst_is_legal_rep('$code', '$rep')"
is "$(cat "$T/sql.out")" 1 "nor another login"
# The window is on the database's clock, which libfaketime does not move:
# the test ages the notes as their owner instead.
db_sql "$JSD_DB" "UPDATE guard_note SET at = at - 3600"
legal_rep $code $rep
is "$(cat "$T/sql.out")" 1 "an hour later it answers again"
refused kiosk "SELECT frp_phone FROM application" "nor an application's phone"
as kiosk application status "$no" 5678
ok $rc "the status screen's lookup works as a kiosk"
like "$out" "Submitted, waiting" "and tells the status"
as kiosk application status "$no" 1234
is "$rc" 1 "wrong digits: exit status 1"
like "$err" "do not match" "with the lookup's message"
lookup() {	# lookup NUMBER DIGITS: as the kiosk, the verdict (none: wrong)
	guess_as kiosk app_lookup "$1" "$2" \
	    "SELECT verdict || ' ' || retry FROM jsd_app_lookup('$1', '$2')"
}
# Five wrong digits for an application in ten minutes, the one above
# included; psql as the kiosk's login is held by the database, whatever
# station name the program would have given.
for d in 0001 0002 0003 0004; do
	lookup "$no" $d
	printf '[%s]' "$(cat "$T/sql.out")"
done >"$T/wrong"
is "$(cat "$T/wrong")" "[][][][]" "four more wrong lookups are answered as wrong"
lookup "$no" 0005
like "$(cat "$T/sql.out")" "^-1 [0-9]+$" "the sixth is limited, saying when to try again"
lookup "$no" 5678
like "$(cat "$T/sql.out")" "^-1 " "and so is the right pair"
JSD_STATION=hall9-kiosk9 as kiosk application status "$no" 5678
is "$rc" 1 "a station with another name is held as well"
like "$err" "Too many failed tries" "as limited"
lookup 20261130-0099 5678
is "$(cat "$T/sql.out")" "" "another application number is not affected"
# But twenty wrong ones in all, whatever the numbers, stop the login.
for n in 0100 0101 0102 0103 0104 0105 0106 0107 0108 0109 0110 0111 0112 \
    0113; do
	lookup 20261130-$n 5678
	printf '[%s]' "$(cat "$T/sql.out")"
done >"$T/wrong"
is "$(cat "$T/wrong")" "[][][][][][][][][][][][][][]" \
	"fourteen more numbers, each wrong, are answered"
lookup 20261130-0114 5678
like "$(cat "$T/sql.out")" "^-1 " "the twenty-first of the login is limited"
db_sql "$JSD_DB" "UPDATE guard_note SET at = at - 600 WHERE kind = 'app_lookup'"
lookup "$no" 5678
is "$(cat "$T/sql.out")" "1 0" "ten minutes later it answers again"
is "$(db_sql "$JSD_DB" "SELECT count(*) FROM event WHERE kind = 'app.lookup_failed'")" \
	1 "and the failure is logged"
refused kiosk "SELECT * FROM jsd_staff_read('counter1')" \
	"a kiosk may not run the staff login's functions"

# --- counter ---
JSD_PASSWORD=jsd-demo-counter as counter approve "$no" --staff counter1
ok $rc "a counter approves"
like "$(printf '%s\n' "$out" | tail -n 1)" "^JSD:C:" "and gets a claim QR"
n=$(events)
JSD_PASSWORD=mallory-pass1 as counter staff add mallory --role supervisor
is "$rc" 1 "a counter cannot add a staff account"
like "$err" "role may not do this" "with a clear message"
is "$(events)" "$n" "and nothing was written"
as counter staff disable super1
is "$rc" 1 "nor disable one"
refused counter "UPDATE staff SET role = 'supervisor' WHERE name = 'counter1'" \
	"nor change a role with SQL"
refused counter "UPDATE event SET detail = 'x' WHERE id = 1" "nor edit the log"
refused counter "DELETE FROM event WHERE id = 1" "nor delete from it"
refused counter "TRUNCATE event" "nor empty it"
refused counter "DELETE FROM event_day" "nor delete the day summary's counts"
as counter log verify
ok $rc "a counter can check the chain"
# Its staff login is judged where the hash is: no hash read, no count cleared.
refused counter "SELECT pwhash FROM staff" "a counter reads no password hash"
refused counter "UPDATE staff SET failed = 0 WHERE name = 'counter1'" \
	"nor clears a login count"
sql_as counter "SELECT setting FROM jsd_staff_read('counter1')"
like "$(cat "$T/sql.out")" '^\$argon2id\$v=19\$m=[0-9]+,t=[0-9]+,p=1\$[A-Za-z0-9+/]+\$$' \
	"it reads the hash's setting only"
JSD_PASSWORD=wrong-password as counter application show "$no" --staff counter1
is "$rc" 1 "a wrong password is refused"
sql_as counter "SELECT ok || ' ' || failed FROM jsd_staff_login('counter1',
    '$(cat "$T/sql.out")x', 0)"
is "$(cat "$T/sql.out")" "0 2" "a forged judgement counts as a wrong password, clears nothing"
sql_as counter "SELECT ok FROM jsd_staff_login('counter1', 'x', 0, 1000000)"
like "$(cat "$T/sql.err")" "does not exist" \
	"a login cannot say how many wrong ones lock"
JSD_PASSWORD=victim-pass1 ctl staff add victim --role counter
for i in 1 2 3 4 5 6 7; do
	sql_as counter "SELECT ok || ' ' || failed || ' ' || locked
	    FROM jsd_staff_login('victim', 'x', 0)"
	printf '[%s]' "$(cat "$T/sql.out")"
done >"$T/guesses"
is "$(cat "$T/guesses")" \
	"[0 1 0][0 2 0][0 3 0][0 4 0][0 5 0][0 6 1][]" \
	"guessing from psql locks at the sixth, then answers nothing"
JSD_PASSWORD=jsd-demo-counter as counter application show "$no" --staff counter1
ok $rc "the right password logs in as a counter"
is "$(db_sql "$JSD_DB" "SELECT failed FROM staff WHERE name = 'counter1'")" 0 \
	"and clears the count"
# Operations' ids (reg-op.c): the approval above recorded one; a kiosk sees
# its own kind only, and no station rewrites what the first run answered.
is "$(db_sql "$JSD_DB" "SELECT count(*) FROM operation WHERE kind = 'app.approve'")" \
	1 "the approval's operation is recorded"
sql_as kiosk "SELECT count(*) FROM operation WHERE kind = 'app.approve'"
is "$(cat "$T/sql.out")" 0 "a kiosk does not see what counters did"
refused counter "UPDATE operation SET result = 'x'" "no station rewrites an operation's result"
refused kiosk "DELETE FROM operation" "nor deletes it"
open_qr() {
	db_sql "$JSD_DB" "SELECT event_id FROM claimqr_open WHERE app_number = '$no'"
}
first=$(open_qr)
ok $([ -n "$first" ]; echo $?) "the claim QR the counter showed is open"
JSD_PASSWORD=jsd-demo-counter as counter approve "$no" --staff counter1
ok $rc "a counter shows it again"
ok $([ -n "$(open_qr)" ] && [ "$(open_qr)" -gt "$first" ]; echo $?) \
	"which settles the first and opens the new one"
refused counter "UPDATE claimqr_open SET at = 0" "but moves no open claim QR"

# --- supervisor ---
as supervisor events
ok $rc "a supervisor reads the log"
sql_as supervisor "SELECT sum(n) FROM event_day"
is "$(cat "$T/sql.out")" "$(events)" "and the day summary, which counts every event"
JSD_PASSWORD=bob-password1 as supervisor staff add bob --role counter
ok $rc "and manages staff accounts"
JSD_PASSWORD=jsd-demo-super as supervisor approve "$no" --staff super1
is "$rc" 1 "but does not decide applications"
refused supervisor "DELETE FROM application" "nor delete them"
refused supervisor "UPDATE event SET detail = 'x' WHERE id = 1" "nor edit the log"

# --- admin ---
as admin log verify
ok $rc "the administrator checks the chain"
sql_as admin "UPDATE event SET detail = 'x' WHERE id = 1"
ok $([ $? -ne 0 ] && grep -q 'append-only' "$T/sql.err"; echo $?) \
	"and cannot edit the log either: it is append-only for everyone"

# --- two inits at once, on two databases: roles are the cluster's ---
pg_new_db; a=$pg_db
pg_new_db; b=$pg_db
"$JSDCTL" --db "$a" init >"$T/ia" 2>&1 & pa=$!
"$JSDCTL" --db "$b" init >"$T/ib" 2>&1 & pb=$!
wait $pa; ra=$?
wait $pb; rb=$?
is "$ra/$rb" "0/0" "two inits on two databases at once both succeed"
done_testing
