#!/bin/sh
# super-logout-quit.sh: F8 logs the supervisor out; F10 then quits cleanly.
. "$top_srcdir/tests/screen.sh"
super_setup --no-activity
keys F8
# The day report's own title says Supervisor: wait for it to go.
wait_gone 'day report'
ok $? "logged out"
wait_for 'Supervisor: login'
ok $? "back at the login"
keys F10
sleep 0.3
keys Enter
is "$(exit_status)" 0 "jsd-kiosk quit cleanly"
if [ -s "$T/stderr.kiosk" ]; then
	sed 's/^/# /' "$T/stderr.kiosk" | head -20
fi
no_sanitizer_report

done_testing
