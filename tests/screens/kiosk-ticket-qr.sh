#!/bin/sh
# kiosk-ticket-qr.sh: the ticket's QR code, read back from the pane as a dark
# terminal shows it, is JSD:T: and the application number; at 200x60 it is
# drawn in larger modules and still reads.
. "$top_srcdir/tests/screen.sh"
need_pane_qr
kiosk_setup
kiosk_submit_claim
wait_for '您的申请号'
ok $? "the legal representative's claim submitted: the ticket"
no=$(ticket_number)
pane_image "$T/pane.pgm"
ok $? "pane2img turned the pane into a picture"
is "$(pane_qr)" "JSD:T:$no" "the ticket QR on screen reads JSD:T:<number>"
screen=$(pane)
small=$(qr_scale)
tm resize-window -t "$ses" -x 200 -y 60
wait_qr_scale_above "$small"
ok $? "at 200x60 the ticket QR is larger ($scale columns a module, $small at 80x24)"
is "$(pane_qr)" "JSD:T:$no" "and still reads"
no_sanitizer_report

done_testing
