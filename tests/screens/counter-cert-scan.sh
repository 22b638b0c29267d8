#!/bin/sh
# counter-cert-scan.sh: at the certificate view, a presented QR opens its
# certificate; Tab shows the people with their roles, IDs masked.
. "$top_srcdir/tests/screen.sh"
counter_cert_screen
ctl holder present --wallet "$W/frp" --as qr --png "$T/p.png"
drop_png "$T/p.png"
wait_for '^ *Purpose and scope'
ok $? "a presented QR opens its certificate"
keys Tab
wait_for 'Managers, users and authorizations'
ok $? "Tab moves to the people"
like "$screen" "1 +First responsible person +张晓华 +\\*{14}5029" \
	"the FRP with its role, ID masked"
no_sanitizer_report

done_testing
