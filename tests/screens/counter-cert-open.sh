#!/bin/sh
# counter-cert-open.sh: at the counter, F4 and a typed credit code open the
# certificate: its name, status and FRP (ID masked), and the certificate
# itself, 宗旨和业务范围 to the validity period.
. "$top_srcdir/tests/screen.sh"
counter_cert_screen
ok $? "F4 asks for a credit code"
typed "12110000429074993N"
keys Enter
wait_for 'check character|not valid|wrong'
ok $? "a code with a wrong check character is refused at the field"
keys C-u
counter_cert_typed
ok $? "the certificate opens"
like "$screen" "北京市示例科学技术研究院 +$code +\\[in force\\]" "its name and status"
like "$screen" "First responsible person: 张晓华 \\*{14}5029" "the FRP, ID masked"
like "$screen" "Sponsoring body +北京市示例委员会" "举办单位"
like "$screen" "Starting funds +120.5 × 10,000 yuan" "开办资金"
like "$screen" "Valid +2023-01-01 to 2028-01-28" "the validity period"
unlike "$screen" "110118198312055029" "no ID number in full"
like "$screen" "Esc Close" "the footer has room for every key, Esc included"
ctl events --kind cert.viewed
like "$out" "counter1 +cert.viewed +$code" "the opening is on record"
no_sanitizer_report

done_testing
