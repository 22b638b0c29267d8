#!/bin/sh
# super-log-altered.sh: after the registry is altered behind the program's
# back (sqlite3 or psql), the day report and the event list name the event that breaks
# the log's chain.
. "$top_srcdir/tests/screen.sh"
db_tool || skip_all "no $JSD_TEST_BACKEND client to alter the log with"
super_setup
victim=$(printf '%s\n' "$("$JSDCTL" --json events --kind app.submitted)" |
    grep -o '"id": *[0-9]*' | head -n 1 | grep -o '[0-9]*$')
db_sql "$JSD_DB" "$UNTRIGGER
    UPDATE event SET detail = 'claim 000000000000000000' WHERE id = $victim;"
ok $? "event $victim altered behind the program's back"
keys F9
wait_for "EVENT LOG ALTERED: event $victim does not follow"
ok $? "the screen names the altered event $victim"
keys F4
wait_for "log was altered"
ok $? "the event list warns too"
no_sanitizer_report

done_testing
