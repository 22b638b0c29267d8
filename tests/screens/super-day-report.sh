#!/bin/sh
# super-day-report.sh: the supervisor's day report against a day's activity
# through jsdctl: each figure, by station and by staff member, and stepping a
# day back and forth.
. "$top_srcdir/tests/screen.sh"
super_setup
today=$(TZ=Asia/Shanghai date +%Y-%m-%d)
# The pane may be caught half drawn: wait for each figure in turn.
wait_for "^$today "
ok $? "today's date heads the report"
wait_for "Event log intact: [0-9]+ events checked"
ok $? "the log is intact"
# A registry file keeps its checkpoints beside it; a database URI only where
# checkpoint_file says, which this set-up does not.
if [ "$JSD_TEST_BACKEND" = sqlite ]; then
	like "$screen" "checkpoint [0-9]+-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}" \
		"with the latest checkpoint's code to write down"
fi
wait_for "applications taken +2 +0 +\+2"
ok $? "2 applications taken"
wait_for "approved +1 +0 +\+1"
ok $? "1 approved"
wait_for "claim QR codes shown +1 +0 +\+1"
ok $? "1 claim QR shown"
keys NPage
# The sixth wrong password locks the account rather than counting as wrong.
wait_for 'staff wrong passwords +5 '
ok $? "5 wrong staff passwords"
wait_for "staff accounts locked +1 +0 +\+1"
ok $? "1 account locked"
wait_for "verifications not valid +5 "
ok $? "5 verifications not valid"
wait_for "^  kiosk-1 +6 "
ok $? "by station: kiosk-1 took 1 application and 5 verifications"
keys End
wait_for 'By staff member:'
wait_for "^  counter1 +[0-9]+ "
ok $? "by staff: a row for counter1"
yday=$(TZ=Asia/Shanghai date -d "$today 12:00 1 day ago" +%Y-%m-%d)
keys Left
wait_for "^$yday [A-Z][a-z]+day, compared with "
ok $? "stepped back one day"
keys Right
wait_for "^$today "
ok $? "and forward again"
no_sanitizer_report

done_testing
