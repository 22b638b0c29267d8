#!/bin/sh
# kiosk-field-refusals.sh: each wrong answer refused at its field with what was
# typed kept, and accepted once corrected: a credit code scanned at the start,
# a wrong check character, an unknown code, an ID that is not the legal
# representative's, a wrong ID check digit, a wrong mobile (F10 does not go on
# with it).
. "$top_srcdir/tests/screen.sh"
unknown=121100004000000014	# valid GB 32100 check character, not registered
kiosk_setup
scan "$code"
wait_for '北京市示例科学技术研究院'
ok $? "a credit code scanned at the start opens a claim with it filled"
like "$screen" "统一社会信用代码 +$code" "the code in its field"
keys BTab C-u
typed 12110000429074993A
keys Tab
wait_for '统一社会信用代码校验码不正确'
ok $? "a wrong check character is refused at the field"
unlike "$screen" "北京市示例科学技术研究院" "and no institution is shown"
keys BTab C-u
typed "$unknown"
keys Tab
wait_for '登记信息中没有该统一社会信用代码的单位'
ok $? "an unknown code is refused at the field"
keys BTab C-u
typed "$code"
keys Tab
wait_for '北京市示例科学技术研究院'
ok $? "the right code is accepted"
unlike "$screen" "登记信息中没有|校验码不正确" "and its message gone"
keys Tab
typed 110101199001010015
keys Tab
wait_for '身份证号码与登记信息中法定代表人的身份证号码不一致'
ok $? "a valid ID that is not the legal representative's is refused"
keys BTab C-u
typed $frp_id
keys Tab
wait_for '须与登记的法定代表人身份证号'
ok $? "the legal representative's own ID is accepted"
keys BTab BTab Right
wait_for '责任人姓名'
keys Tab
chinese '赵六'
keys Tab C-u
typed 110101199001010016
keys Tab
wait_for '身份证号码校验位不正确'
ok $? "a wrong ID check digit is refused at the field"
like "$screen" "身份证号码 +110101199001010016" "what was typed stays"
keys BTab BSpace
typed 5
keys Tab
wait_for '18位，最后一位可能是X'
ok $? "the corrected ID is accepted"
typed 2391234567
keys Tab
wait_for '手机号码应为以1开头的11位数字'
ok $? "a wrong mobile is refused at the field"
keys F10
wait_for '手机号码应为以1开头的11位数字'
unlike "$screen" '核对申请信息' "and the form does not go on with it"
# The form put the focus on the wrong field.
keys C-u
typed 13612345678
keys Tab
wait_gone '手机号码应为'
ok $? "the corrected mobile is accepted"
keys F10
wait_for '核对申请信息'
ok $? "the corrected form goes to the review"
no_sanitizer_report

done_testing
