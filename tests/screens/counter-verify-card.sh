#!/bin/sh
# counter-verify-card.sh: on a valid verdict, F5 shows the certificate itself
# (宗旨和业务范围, 举办单位, 经费来源, 开办资金, validity) in place of the
# details, and F5 again brings the details back.
. "$top_srcdir/tests/screen.sh"
verify_setup
ctl holder present --wallet "$W/frp" --as qr --png "$T/p.png"
drop_png "$T/p.png"
wait_for '^ *Institution '
ok $? "a valid verdict with its details"
unlike "$screen" "Purpose and scope" "the certificate text waits to be asked for"
keys F5
wait_for '^ *Purpose and scope '
ok $? "F5 shows the certificate itself"
like "$screen" "Source of funding +财政补助" "经费来源"
like "$screen" "Valid +2023-01-01 to 2028-01-28" "the validity period"
keys F5
wait_for '^ *Institution '
ok $? "F5 again shows the details"
no_sanitizer_report

done_testing
