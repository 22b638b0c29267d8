#!/bin/sh
# super-events.sh: the event list: oldest first, paged, filtered by kind, and
# one event opened in full.
. "$top_srcdir/tests/screen.sh"
super_setup
total=$("$JSDCTL" --json events | grep -o '"id"' | wc -l)
keys F4
wait_for 'Events of .*page 1; filter: none'
ok $? "event list, page 1"
wait_for "^1 +[0-9:]+ .*inst.imported"
ok $? "oldest event first"
keys F6
wait_for 'page 2'
ok $? "next page"
wait_for "^$total +[0-9:]+ "
ok $? "the last event ($total) on page 2"
unlike "$screen" "^1 +[0-9:]+ .*inst.imported" "page 2 does not repeat page 1"
keys F5
wait_for "^1 +[0-9:]+ .*inst.imported"
ok $? "back on page 1"
keys F3
wait_for 'filter events'
fast 'app.'
keys F2
wait_for 'filter: kind=app\.'
ok $? "filtered by kind app."
wait_for "app.submitted +$app2"
ok $? "the second application listed"
unlike "$screen" "staff\.login|verify\.|inst\." "only app. events"
is "$(printf '%s\n' "$screen" | grep -cE '^[0-9]+ ')" 3 "3 app. events"
keys Down Down Enter
wait_for 'one event'
ok $? "detail of one event"
wait_for "Detail +"
like "$screen" "Kind +app.approved" "its kind"
like "$screen" "Subject +$app1" "its subject"
like "$screen" "Actor +counter1" "its actor"
keys Escape
wait_for 'Events of'
keys Escape
wait_for 'day report'
ok $? "Esc twice: back to the day report"
no_sanitizer_report

done_testing
