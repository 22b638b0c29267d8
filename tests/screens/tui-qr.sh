#!/bin/sh
# tui-qr.sh: QR codes drawn dark on light with half blocks, read back from the
# pane as a dark terminal shows it (by zbarimg and jsdctl decode); a code too
# big for the terminal says so and draws nothing until the terminal grows.
. "$top_srcdir/tests/screen.sh"
need_pane_qr

harness_start
keys F2
wait_for '█▀▀▀▀▀█'; ok $? "QR drawn"
pane_image "$T/qr.pgm"; ok $? "pane2img wrote an image"
got=$("$ZBARIMG_BIN" -q --raw "$T/qr.pgm" 2>/dev/null)
is "$got" "$QRTEXT" "zbarimg decodes the QR drawn in the pane"
if [ -x "$top_builddir/jsdctl" ] &&
    got=$("$top_builddir/jsdctl" decode "$T/qr.pgm" 2>/dev/null); then
	like "$got" " $QRTEXT\$" "jsdctl decode reads the QR drawn in the pane"
fi
keys Escape
wait_for '^TUI harness'; ok $? "Esc back to the form"
keys F3
wait_for 'QR too small'; ok $? "a code too big for 80x24 says so"
unlike "$screen" '█' "and draws no unreadable code"
tm resize-window -t "$ses" -x 100 -y 40
wait_for '█▀▀▀▀▀▀▀█|█▀▀▀▀▀█'; ok $? "at 100x40 the big code is drawn"
is "$(pane_qr)" "$QRBIG" "zbarimg decodes the big QR"
no_sanitizer_report

done_testing
