#!/bin/sh
# counter-claim-qr-big.sh: the claim QR takes the largest whole-module scale
# the screen allows: larger at 200x60 than at 80x24, larger again at 320x120
# than the 3 columns a module it used to stop at, and it still decodes.
. "$top_srcdir/tests/screen.sh"
need_pane_qr
counter_setup
counter_open_claim
keys F2
wait_for 'Tick every material'
keys 1 2 3
wait_for '\[x\] 3'
keys F2
wait_for 'Valid for [45]:[0-9]{2} more'
ok $? "approved: the claim QR at 80x24"
small=$(qr_scale)
tok=$(pane_qr)
like "$tok" "^JSD:C:[A-Z2-7]{32}$" "it decodes at 80x24"
tm resize-window -t "$ses" -x 200 -y 60
wait_qr_scale_above "$small"
ok $? "at 200x60 a larger scale ($scale) than at 80x24 ($small)"
big=$scale
is "$(pane_qr)" "$tok" "and the same code still decodes"
tm resize-window -t "$ses" -x 320 -y 120
wait_qr_scale_above "$big"
ok $? "at 320x120 larger again ($scale)"
ok "$([ "$scale" -gt 3 ]; echo $?)" "past 3 columns a module"
is "$(pane_qr)" "$tok" "and still decodes"
no_sanitizer_report

done_testing
