#!/bin/sh
# super-log-altered.sh: after the registry is altered behind the program's
# back (sqlite3), the day report and the event list name the event that breaks
# the log's chain.
. "$top_srcdir/tests/screen.sh"
need_sqlite3
super_setup
victim=$(printf '%s\n' "$("$JSDCTL" --json events --kind app.submitted)" |
    grep -o '"id": *[0-9]*' | head -n 1 | grep -o '[0-9]*$')
"$SQLITE3_BIN" "$JSD_DB" "DROP TRIGGER event_no_update;
    UPDATE event SET detail = 'claim 000000000000000000' WHERE id = $victim;"
ok $? "event $victim altered with sqlite3"
keys F9
wait_for "EVENT LOG ALTERED: event $victim does not follow"
ok $? "the screen names the altered event $victim"
keys F4
wait_for "log was altered"
ok $? "the event list warns too"
no_sanitizer_report

done_testing
