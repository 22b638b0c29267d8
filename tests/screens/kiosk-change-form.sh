#!/bin/sh
# kiosk-change-form.sh: the FRP-change form: its reason chosen, the new person,
# the review, and the application as jsdctl sees it, for an institution that
# has a certificate.
. "$top_srcdir/tests/screen.sh"
need_kiosk
demo_registry
# A change form needs a certificate to change: one approved, not yet claimed.
ctl apply claim --credit-code $code --frp-phone 13912345678
JSD_PASSWORD=jsd-demo-counter ctl approve "$(printf '%s\n' "$out" | tail -n 1)" \
	--staff counter1
ok $rc "the institution has a certificate waiting to be claimed"
kiosk_start
keys Space
wait_for '请选择要填写的申请表'
keys 2
wait_for '变更原因'
ok $? "2: the change form asks for the reason"
typed "$code"
keys Tab
wait_for '张晓华'
keys Right Tab
chinese '李四'
keys Tab
typed 110101199001010015
keys Tab
typed 13700000002
keys F10
wait_for '核对申请信息'
ok $? "the review of the change"
# The title shows before the rows below it are drawn.
wait_for '新责任人姓名 +李四'
like "$screen" "变更原因 +原第一管理责任人变更" "the reason chosen"
like "$screen" "新责任人姓名 +李四" "the new person"
keys F10
wait_for '您的申请号'
no2=$(ticket_number)
ctl --json application show "$no2"
is "$(field kind)" '"frp_change"' "the change form stored"
is "$(field reason)" '"frp_change"' "with its reason"
is "$(field frp_name)" '"李四"' "and the new person"
no_sanitizer_report

done_testing
