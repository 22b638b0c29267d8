#!/bin/sh
# counter-cert-scan-code.sh: a credit code read by a scanner (a licence's
# barcode or QR) opens its certificate as a typed one does.
. "$top_srcdir/tests/screen.sh"
counter_cert_screen
drop "$code"
wait_for '^ *Purpose and scope'
ok $? "a scanned credit code opens its certificate"
like "$screen" "北京市示例科学技术研究院 +$code" "the institution it names"
no_sanitizer_report

done_testing
