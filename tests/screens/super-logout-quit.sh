#!/bin/sh
# super-logout-quit.sh: F8 logs the supervisor out; F10 then quits cleanly.
. "$top_srcdir/tests/screen.sh"
super_setup --no-activity
keys F8
wait_for 'super|Super|Account|account'
unlike "$screen" "day report" "logged out"
keys F10
sleep 0.3
keys Enter
is "$(exit_status)" 0 "jsd-kiosk quit cleanly"
if [ -s "$T/stderr.kiosk" ]; then
	sed 's/^/# /' "$T/stderr.kiosk" | head -20
fi
no_sanitizer_report

done_testing
