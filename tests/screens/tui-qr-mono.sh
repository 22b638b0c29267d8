#!/bin/sh
# tui-qr-mono.sh: in monochrome the QR code is drawn in reverse video, so it is
# still dark on light on a dark terminal: read back from the pane as such.
. "$top_srcdir/tests/screen.sh"
need_pane_qr
harness_start --mono
keys F2
wait_for '█▀▀▀▀▀█'; ok $? "QR drawn in monochrome"
is "$(pane_qr)" "$QRTEXT" "zbarimg reads it from the pane as a dark terminal shows it"
no_sanitizer_report

done_testing
