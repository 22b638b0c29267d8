#!/bin/sh
# counter-history.sh: the session history (F3) lists this login's codes,
# refused ones with their reason; logging out (F8) wipes it.
. "$top_srcdir/tests/screen.sh"
need_faketime
counter_setup
claimed
authorized_user
counter_verify_screen
ctl holder present --wallet "$W/frp" --as digits
typed "$(last)"
keys Enter
wait_for 'numeric code +\(checked'
ok $? "a valid code verified"
next_code
out=$("$FAKETIME_BIN" -f -301 "$JSDCTL" holder present --wallet "$W/frp" --as qr \
	--png "$T/old.png" 2>"$T/stderr")
drop_png "$T/old.png"
wait_for 'NOT VALID'
ok $? "an expired one refused"
next_code
keys Right
wait_for '\(\*\) Opening bank accounts'
ctl holder present --wallet "$W/u1" --as digits
typed "$(last)"
keys Enter
wait_for 'NOT VALID FOR THIS MATTER'
ok $? "and one not for the matter"
next_code
keys F3
wait_for 'Codes verified since login: 3'
ok $? "the session history counts this login's codes"
like "$screen" "expired" "with the expired one"
like "$screen" "not for the matter" "and the matter refused"
keys Escape Escape
wait_for "Today's applications"
keys F8
wait_for 'staff login'
ok $? "logout returns to the login"
login counter1 jsd-demo-counter
wait_for "Today's applications"
keys F3
wait_for 'No codes verified yet in this session'
ok $? "a new login starts with an empty history"
no_sanitizer_report

done_testing
