#!/bin/sh
# counter-verify-serial.sh: a presented barcode read by a serial scanner is
# verified.
. "$top_srcdir/tests/screen.sh"
serial_scanner
verify_setup
ctl holder present --wallet "$W/frp" --as barcode
bar=$(last)
like "$bar" "^[0-9]{20}$" "a barcode"
serial "$bar"
wait_for 'barcode +\(checked'
ok $? "the barcode from the serial scanner is verified"
unlike "$screen" "NOT VALID" "valid"
no_sanitizer_report

done_testing
