#!/bin/sh
# counter-cert-phone.sh: a phone change from the certificate view for a
# holder who lost the old phone: person and new mobile, a confirmation, the
# identity platform asked, then a change record with the phone masked.
. "$top_srcdir/tests/screen.sh"
counter_setup
claimed
identity_platform 张晓华 $frp_id
counter_login
keys F4
wait_for 'Type the unified social credit code'
counter_cert_typed
keys F8
wait_for 'Phone change for a holder who lost'
ok $? "F8 asks the person and the new mobile"
typed 1
keys Enter
typed 13711112222
keys Enter
wait_for 'change the mobile of person 1 to 13711112222'
ok $? "a confirmation"
keys Enter
wait_for 'Changed, and a change record written'
ok $? "confirmed after the identity check, the phone is changed"
ctl holder changes --wallet "$W/frp"
like "$out" "phone change +张晓华 137\*\*\*\*2222 +counter1" \
	"a change record, the phone masked"
ctl events --kind idcheck.match
like "$out" "counter1 +idcheck.match +$code" "the identity check is on record"
no_sanitizer_report

done_testing
