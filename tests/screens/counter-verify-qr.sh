#!/bin/sh
# counter-verify-qr.sh: a presented QR dropped into the image folder is
# verified live: the institution and the presenter shown, the ID masked, the
# verdict clearing by itself or at a key.
. "$top_srcdir/tests/screen.sh"
verify_setup
ok $? "the verify screen waits"
ctl holder present --wallet "$W/frp" --as qr --png "$T/p.png"
ok $rc "the FRP presents a QR"
drop_png "$T/p.png"
wait_for 'VALID'
ok $? "the QR from the image folder is verified"
unlike "$screen" "NOT VALID" "as valid"
like "$screen" "北京市示例科学技术研究院 +$code" "showing the institution"
like "$screen" "First responsible person +张晓华 +\\*{14}5029" "and the presenter, ID masked"
unlike "$screen" "$frp_id" "never the full ID number"
like "$screen" "checked against the registry" "a live check, said so"
like "$screen" "Clears in [0-9]+ s" "the verdict clears by itself"
next_code
ok $? "a key clears the verdict"
no_sanitizer_report

done_testing
