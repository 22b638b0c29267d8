#!/bin/sh
# counter-quit.sh: at the counter F10 asks before quitting, and the program
# then exits cleanly.
. "$top_srcdir/tests/screen.sh"
counter_setup
counter_login
ok $? "counter1 logs in"
still_running "jsd-kiosk runs"
keys F10
wait_for 'Quit the program'
ok $? "F10 asks before quitting"
keys Enter
is "$(exit_status)" 0 "and quits cleanly"
no_sanitizer_report

done_testing
