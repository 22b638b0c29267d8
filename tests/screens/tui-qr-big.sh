#!/bin/sh
# tui-qr-big.sh: a big terminal gets a big QR code: at 200x60 the same code
# is drawn in larger whole modules than at 100x30 (where the screen used to
# stop), larger still at 320x120 (past the 3 columns a module the code used
# to stop at), and still decodes.
. "$top_srcdir/tests/screen.sh"
need_pane_qr

harness_start
tm resize-window -t "$ses" -x 100 -y 30
sleep 0.5
keys F2
wait_for '████████'
ok $? "at 100x30 the code is drawn"
small=$(qr_scale)
ok "$([ "$small" -lt 3 ]; echo $?)" "at less than 3 columns a module ($small)"
keys Escape
wait_for '^ ?TUI harness'
tm resize-window -t "$ses" -x 200 -y 60
sleep 0.5
keys F2
wait_qr_scale_above "$small"
ok $? "at 200x60 the same code is drawn in larger modules ($scale)"
is "$(pane_qr)" "$QRTEXT" "and still decodes"
tm resize-window -t "$ses" -x 320 -y 120
wait_qr_scale_above 3
ok $? "at 320x120 past 3 columns a module ($scale)"
is "$(pane_qr)" "$QRTEXT" "and still decodes"
no_sanitizer_report

done_testing
