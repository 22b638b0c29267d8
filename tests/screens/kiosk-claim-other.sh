#!/bin/sh
# kiosk-claim-other.sh: a claim for another person with a Chinese name: the
# institution shown from the register, the review with the ID masked, the
# ticket with the materials to bring, and the application as jsdctl sees it.
. "$top_srcdir/tests/screen.sh"
kiosk_setup
kiosk_claim_form
ok $? "1: the claim form, the legal representative first"
typed "$code"
keys Tab
wait_for '北京市示例科学技术研究院'
ok $? "leaving the credit code shows the institution from the register"
like "$screen" "住所 +北京市西城区演示街225号" "its address"
like "$screen" "法定代表人 +张晓华" "and its legal representative"
keys Right
wait_for '责任人姓名'
ok $? "another person authorized: the form asks for the name"
kiosk_other_details '王小明' 11010519491231002X 13912345678
# The legal representative's ID number and mobile, left empty.
keys Tab Tab
chinese '带齐材料'
keys F10
wait_for '核对申请信息'
ok $? "F10: the review"
like "$screen" "责任人姓名 +王小明" "the name as typed"
like "$screen" "身份证号码 +\\*{14}002X" "the ID number masked but the last 4"
unlike "$screen" "11010519491231002X" "and never whole"
like "$screen" "备注 +带齐材料" "the remarks"
keys F10
wait_for '您的申请号'
ok $? "F10 again: submitted, the ticket"
no=$(ticket_number)
like "$no" '^[0-9]{8}-[0-9]{4}$' "the ticket shows the application number"
like "$screen" "█.*█" "in large block digits"
like "$screen" "法人证书副本原件" "the materials: the legal-person certificate"
like "$screen" "身份证原件及复印件" "and the ID card with a copy"
app_show --json "$no"
ok $rc "jsdctl finds the application"
is "$(field kind)" '"claim"' "a claim"
is "$(field frp_is_legal_rep)" 'false' "for another person"
is "$(field frp_name)" '"王小明"' "the Chinese name stored"
is "$(field frp_id)" '"11010519491231002X"' "the ID number"
is "$(field frp_phone)" '"13912345678"' "the mobile"
is "$(field remark)" '"带齐材料"' "the remarks"
is "$(field station)" '"kiosk-7"' "taken at this kiosk"
keys Enter
wait_for '请按任意键开始'
ok $? "a key: back to the start"
unlike "$screen" "$no" "the ticket is gone"
no_sanitizer_report

done_testing
