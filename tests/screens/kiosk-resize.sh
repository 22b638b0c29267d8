#!/bin/sh
# kiosk-resize.sh: resizing the terminal to 100x30 and back to 80x24 keeps
# what was typed in the form.
. "$top_srcdir/tests/screen.sh"
kiosk_setup
kiosk_fill_other '赵六' 110101199001010015 13612345678
wait_for '13612345678'
ok $? "a claim for another person filled in"
tm resize-window -t "$ses" -x 100 -y 30
wait_for '赵六' && sleep 0.3 && screen=$(pane)
like "$screen" "赵六" "after a resize to 100x30 the name is there"
like "$screen" "110101199001010015" "and the ID number"
tm resize-window -t "$ses" -x 80 -y 24
sleep 0.3
wait_for '13612345678'
ok $? "back to 80x24, the mobile is there"
no_sanitizer_report

done_testing
