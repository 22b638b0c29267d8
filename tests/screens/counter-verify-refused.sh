#!/bin/sh
# counter-verify-refused.sh: codes that are not valid show no data: a QR
# presented 5:01 ago is expired, a claim QR or a sign request QR at the
# verify screen is the wrong kind.
. "$top_srcdir/tests/screen.sh"
need_faketime
verify_setup
out=$("$FAKETIME_BIN" -f -301 "$JSDCTL" holder present --wallet "$W/frp" --as qr \
	--png "$T/old.png" 2>"$T/stderr") && rc=0 || rc=$?
ok $rc "a QR presented 5:01 ago"
drop_png "$T/old.png"
wait_for 'NOT VALID'
ok $? "is not valid"
like "$screen" "expired" "as expired"
unlike "$screen" "北京市示例|张晓华|$code" "and shows no data"
next_code
drop "$tok"
wait_for 'NOT VALID'
ok $? "a claim QR at the verify screen is not valid"
like "$screen" "Wrong kind of code" "as the wrong kind"
unlike "$screen" "北京市示例|张晓华" "with no data"
printf 'contract\n' > "$T/doc"
ctl sign-request --system 网上办事大厅 --document "$T/doc"
next_code
drop "$(last)"
wait_for 'NOT VALID'
ok $? "a sign request QR at the verify screen is not valid"
like "$screen" "Wrong kind of code" "as the wrong kind"
no_sanitizer_report

done_testing
