#!/bin/sh
# kiosk-ticket-qr.sh: the ticket's QR code, read back from the pane as a dark
# terminal shows it, is JSD:T: and the application number.
. "$top_srcdir/tests/screen.sh"
need_pane_qr
kiosk_setup
kiosk_claim_form
typed "$code"
keys Tab
wait_for '北京市示例科学技术研究院'
keys Tab
typed "$frp_id"
keys Tab
typed 13912345678
keys F10
wait_for '核对申请信息'
keys F10
wait_for '您的申请号'
ok $? "the legal representative's claim submitted: the ticket"
no=$(ticket_number)
pane_image "$T/pane.pgm"
ok $? "pane2img turned the pane into a picture"
is "$(pane_qr)" "JSD:T:$no" "the ticket QR on screen reads JSD:T:<number>"
no_sanitizer_report

done_testing
