#!/bin/sh
# kiosk-review-back.sh: from the review, F4 goes back to the form with nothing
# to retype; the application is stored with the answers as typed.
. "$top_srcdir/tests/screen.sh"
kiosk_setup
kiosk_fill_other '赵六' 110101199001010015 13612345678
keys F10
wait_for '核对申请信息'
ok $? "the form goes to the review"
keys F4
wait_for '责任人姓名 +赵六'
ok $? "F4: back to the form, everything still there"
like "$screen" "13612345678" "the mobile too"
keys F10
wait_for '核对申请信息'
keys F10
wait_for '您的申请号'
ok $? "submitted"
ctl --json application show "$(ticket_number)"
is "$(field frp_name)" '"赵六"' "with the answers"
is "$(field frp_phone)" '"13612345678"' "and the mobile"
no_sanitizer_report

done_testing
