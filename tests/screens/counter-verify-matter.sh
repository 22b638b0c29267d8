#!/bin/sh
# counter-verify-matter.sh: staff pick the matter they handle; a user not
# authorized for it is not valid for it, with its matters and period shown;
# with any matter the user is shown, ID masked.
. "$top_srcdir/tests/screen.sh"
counter_setup
claimed
authorized_user
counter_verify_screen
ctl holder present --wallet "$W/u1" --as digits
udig=$(last)
keys Right
wait_for '\(\*\) Opening bank accounts'
ok $? "staff pick the matter they handle"
typed "$udig"
keys Enter
wait_for 'NOT VALID FOR THIS MATTER'
ok $? "a user without that matter is not valid for it"
like "$screen" "not authorized for: Opening bank accounts" "saying which"
like "$screen" "Authorized +Tax matters *$" "and the matters it does hold"
like "$screen" "Period +[-0-9]{10} [0-9:]{5} to [-0-9]{10} [0-9:]{5}, [12] days [0-9]+ hours left" "their period to the minute and the time left"
next_code
keys Left
wait_for '\(\*\) Any'
ctl holder present --wallet "$W/u1" --as digits
typed "$(last)"
keys Enter
wait_for 'User +使用人甲 +\*{14}002X'
ok $? "with any matter: the user, ID masked"
unlike "$screen" "NOT VALID" "valid"
no_sanitizer_report

done_testing
