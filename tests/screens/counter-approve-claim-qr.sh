#!/bin/sh
# counter-approve-claim-qr.sh: a ticket QR from the image folder opens its
# application; approval needs the materials checklist; the claim QR, read back
# from the pane as a dark terminal shows it, lets the FRP claim, and the screen
# then says claimed.
. "$top_srcdir/tests/screen.sh"
need_pane_qr
counter_setup
counter_open_claim
rc=$?
ok $login_rc "counter1 logs in: today's queue"
ok $rc "the ticket QR opens the review"
like "$screen" "$no +Certificate claim +Submitted" "of that application"
like "$screen" "FRP ID +$frp_id" "with the full ID number to compare with the card"
like "$screen" "Legal rep\\. ID +not filled in +$frp_id" \
	"the register's beside what the form says (jsdctl apply typed none)"
keys F2
wait_for 'Tick every material'
ok $? "approval needs the checklist"
ctl application show "$no"
like "$out" "Status: Submitted" "and nothing was approved"
keys 1 2 3
wait_for '\[x\] 3'
ok $? "materials ticked"
keys F2
# The title can reach tmux before the body: wait for the body's last line.
wait_for 'Valid for [45]:[0-9]{2} more'
ok $? "approved: the claim QR"
like "$screen" "For 张晓华 +\\*{14}5029" "whose it is, ID masked"
like "$screen" "Valid for [45]:[0-9]{2} more" "with its countdown"
tok=$(pane_qr)
like "$tok" "^JSD:C:[A-Z2-7]{32}$" "the claim QR read back from the screen"
ctl holder claim "$tok" --wallet "$W/frp" --name 张晓华 --id $frp_id \
	--phone 13912345678 --accept-declaration
ok $rc "the FRP claims with it"
wait_for 'CLAIMED'
ok $? "the counter screen says claimed"
unlike "$screen" "▀▀▀|███" "and the QR is gone"
ctl application show "$no"
like "$out" "Status: Approved" "the application is approved"
ctl events --kind idcheck.
like "$out" "idcheck.skipped" "the identity check (none configured) is in the log"
keys Escape
wait_for "Today's applications"
ok $? "back to the queue"
no_sanitizer_report

done_testing
