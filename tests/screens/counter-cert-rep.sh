#!/bin/sh
# counter-cert-rep.sh: a legal-representative change from the certificate
# view: a form, a confirmation, then the register has the new legal
# representative, the FRP keeps its certificate, and a change record says so.
# A refused value keeps what was typed.
. "$top_srcdir/tests/screen.sh"
counter_cert_screen
counter_cert_typed
keys F7
wait_for 'Legal representative change: the new'
ok $? "F7 asks the new legal representative"
chinese 李新
keys Enter
typed 110101199001010016
keys Enter
typed 13911112222
keys Enter
wait_for 'The first responsible person stays'
ok $? "a confirmation"
like "$screen" "李新" "naming the new legal representative"
keys Enter
wait_for "check digit is wrong"
ok $? "an ID number with a wrong check digit is refused"
like "$screen" "13911112222" "and what was typed stays"
keys BTab C-u
typed 110101199001010015
keys Tab Enter
wait_for 'The first responsible person stays'
keys Enter
wait_for 'Changed, and a change record written'
ok $? "confirmed, the legal representative is changed"
ctl institutions --search $code
like "$out" "李新" "the register has the new legal representative"
ctl holder list --wallet "$W/frp"
ok $rc "the FRP keeps its certificate"
ctl holder changes --wallet "$W/frp"
like "$out" "legal representative change +李新 +counter1" "and a change record"
no_sanitizer_report

done_testing
