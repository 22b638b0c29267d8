#!/bin/sh
# tui-qr-big.sh: a big terminal gets a big QR code: at 200x60 the same code
# is drawn in larger whole modules than at 100x30 (where the screen used to
# stop), and still decodes.
. "$top_srcdir/tests/screen.sh"
need_pane_qr

harness_start
tm resize-window -t "$ses" -x 100 -y 30
sleep 0.5
keys F2
# A finder pattern's second line at 3 columns a module.
big='███▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀███'
wait_for '████████'
ok $? "at 100x30 the code is drawn"
unlike "$screen" "$big" "at less than 3 columns a module"
keys Escape
wait_for '^ ?TUI harness'
tm resize-window -t "$ses" -x 200 -y 60
sleep 0.5
keys F2
wait_for "$big"
ok $? "at 200x60 the same code is drawn at 3 columns a module"
is "$(pane_qr)" "$QRTEXT" "and still decodes"
no_sanitizer_report

done_testing
