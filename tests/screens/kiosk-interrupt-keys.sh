#!/bin/sh
# kiosk-interrupt-keys.sh: Ctrl-C, Ctrl-Z and Ctrl-\\ do nothing in kiosk mode:
# the screen does not change and the program keeps running.
. "$top_srcdir/tests/screen.sh"
kiosk_setup
kiosk_fill_other '赵六' 110101199001010015 13612345678
wait_for '13612345678'
ok $? "a claim for another person filled in"
# The clock in the title may turn a minute between the two captures.
untimed() { pane | sed 's/[0-9][0-9]:[0-9][0-9] *$//'; }
sleep 0.3
before=$(untimed)
keys C-c
keys C-z
keys 'C-\'
sleep 0.5
after=$(untimed)
is "$after" "$before" "Ctrl-C, Ctrl-Z and Ctrl-\\ change nothing on screen"
still_running "and the kiosk still runs"
no_sanitizer_report

done_testing
