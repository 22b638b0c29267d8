#!/bin/sh
# counter-review-footer.sh: the review's footer offers only what applies: a
# submitted form can be approved or rejected; one approved and claimed offers
# neither a new claim QR nor rejection, and the keys are not taken either.
. "$top_srcdir/tests/screen.sh"
counter_setup
claimed
claimed_no=$no
ctl apply claim --credit-code 12110000471228060A --frp-phone 13700002222
open_no=$(last)
counter_login
typed "$open_no"
keys Enter
wait_for "$open_no +Certificate claim +Submitted"
ok $? "a submitted application"
like "$screen" "F2 Approve" "offers approval"
like "$screen" "F4 Reject" "and rejection"
keys Escape
wait_for "Today's applications"
typed "$claimed_no"
keys Enter
wait_for "$claimed_no +Certificate claim +Approved"
ok $? "an approved, claimed application"
unlike "$screen" "New claim QR|F4 Reject|F2 Approve" \
	"offers no new claim QR, no rejection"
keys F4
sleep 0.5
screen=$(pane)
unlike "$screen" "Reject application|cannot be reviewed" "F4 is not taken"
no_sanitizer_report

done_testing
