#!/bin/sh
# kiosk-submit-refused.sh: a refusal of the registry at submit (the register
# changed meanwhile) shows under its field with everything typed kept.
. "$top_srcdir/tests/screen.sh"
kiosk_setup
kiosk_claim_form
typed 12110000471228060A
keys Tab
wait_for '高静怡'
keys Tab
typed 110102196412019666
keys Tab
typed 13800000002
keys F10
wait_for '核对申请信息'
ok $? "the legal representative's claim reaches the review"
# Meanwhile the register names another ID for the legal representative.
printf '%s\n' 'credit_code,name,address,legal_rep_name,legal_rep_id,legal_rep_phone,level' \
    '12110000471228060A,北京市示例气象服务中心,北京市西城区演示街232号,高静怡,11010519491231002X,13800000002,city' \
    >"$T/changed.csv"
ctl import-register "$T/changed.csv"
ok $rc "the register changes under the kiosk"
keys F10
wait_for '身份证号码与登记信息中法定代表人的身份证号码不一致'
ok $? "the registry's refusal shows under the ID field"
like "$screen" "法定代表人身份证号 +110102196412019666" "with what was typed kept"
like "$screen" "手机号码 +13800000002" "and the rest"
keys C-u
typed 11010519491231002X
keys F10
wait_for '核对申请信息'
ok $? "the ID the register has now is accepted"
keys F10
wait_for '您的申请号'
app_show --json "$(ticket_number)"
is "$(field frp_id)" '"11010519491231002X"' "and stored"
no_sanitizer_report

done_testing
