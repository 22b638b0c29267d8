#!/bin/sh
# kiosk.sh: jsd-kiosk's self-service mode in tmux, as a person alone in the
# hall uses it: the start screen in Chinese and English, a credit code scanned
# at the start, a claim form for another person with a Chinese name, the
# change form, each checked through jsdctl; a wrong credit code, an unknown
# one, a wrong ID number, the legal representative's ID not matching the
# register and a wrong mobile, each refused at its field and accepted once
# corrected; going back from the review loses nothing; resizing keeps the
# input; Ctrl-C, Ctrl-Z and Ctrl-\ do nothing; the ticket's QR read back from
# the pane; the idle reset clears what was typed.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"

[ -x "$JSD_KIOSK" ] || skip_all "jsd-kiosk not built"

PANE2IMG="$top_builddir/tests/pane2img"
code=12110000429074993M
unknown=121100004000000014	# valid GB 32100 check character, not registered
legal_rep_id=110118198312055029


# start [CONFIG]: a fresh 80x24 session running the kiosk in Chinese.
_nses=0
start() {
	_old=$ses
	_nses=$((_nses + 1))
	ses="k$_nses"
	rm -f "$T/kiosk.rc"
	tm -f /dev/null new-session -d -s "$ses" -x 80 -y 24 \
	    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 JSD_LANG=zh_CN JSD_DB='$JSD_DB' \
	    ASAN_OPTIONS=detect_leaks=0 '$JSD_KIOSK' --mode kiosk \
	    --station kiosk-7 --config '${1:-$T/kiosk.conf}' \
	    2>>'$T/kiosk.err'; echo \$? >'$T/kiosk.rc'; sleep 60"
	[ -z "$_old" ] || tm kill-session -t "$_old"
	wait_for '请按任意键开始'
}



# The line of the pane after the one matching PATTERN: a field's message.
under() { printf '%s\n' "$screen" | grep -A1 -E -- "$1" | sed -n 2p; }

# Chinese comes from an input method as whole characters at once.
chinese() { tm send-keys -t "$ses" -l "$1"; }
# A keyboard-wedge scanner: the whole code in one burst, then Enter.
scan() { tm send-keys -t "$ses" -l "$1" && tm send-keys -t "$ses" Enter; }

# The application number on the ticket screen.
ticket_number() {
	printf '%s\n' "$screen" | grep -oE '[0-9]{8}-[0-9]{4}' | head -n 1
}
field() { printf '%s\n' "$out" | sed -n "s/^  \"$1\": \\(.*\\),\$/\\1/p"; }

printf 'idle_seconds = 90\n' >"$T/kiosk.conf"
printf 'idle_seconds = 5\n' >"$T/idle.conf"
ctl demo
ok $rc "demo registry"
# A change form needs a certificate to change: one approved, not yet claimed.
ctl apply claim --credit-code $code --frp-phone 13912345678
JSD_PASSWORD=jsd-demo-counter ctl approve "$(printf '%s\n' "$out" | tail -n 1)" \
	--staff counter1
ok $rc "the institution has a certificate waiting to be claimed"

# --- the start screen, in Chinese, with English a key away ---
start
ok $? "the kiosk starts at its start screen"
like "$screen" "电子证书申领" "it offers the certificate claim"
like "$screen" "第一管理责任人变更" "and the change of the first responsible person"
like "$screen" "F2 English" "English is a key away, and the footer says which"
keys F2
wait_for 'Press any key to start'
ok $? "F2: the start screen in English"
like "$screen" "F2 中文" "and the key back to Chinese"
keys F2
wait_for '请按任意键开始'
ok $? "F2 again: Chinese"

# --- a claim for another person, with a Chinese name ---
keys Space
wait_for '请选择要填写的申请表'
ok $? "a key: the choice of form"
keys 1
wait_for '法定代表人身份证号'
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
keys Tab
chinese '王小明'
keys Tab
typed 11010519491231002X
keys Tab
typed 13912345678
keys Tab
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
ctl --json application show "$no"
ok $rc "jsdctl finds the application"
is "$(field kind)" '"claim"' "a claim"
is "$(field frp_is_legal_rep)" 'false' "for another person"
is "$(field frp_name)" '"王小明"' "the Chinese name stored"
is "$(field frp_id)" '"11010519491231002X"' "the ID number"
is "$(field frp_phone)" '"13912345678"' "the mobile"
is "$(field remark)" '"带齐材料"' "the remarks"
is "$(field station)" '"kiosk-7"' "taken at this kiosk"
pane >"$T/pane.txt"
"$PANE2IMG" "$T/pane.txt" "$T/pane.pgm"
ok $? "pane2img turned the pane into a picture"
ctl decode "$T/pane.pgm"
like "$out" "QRCode JSD:T:$no\$" "the ticket QR on screen reads JSD:T:<number>"
keys Enter
wait_for '请按任意键开始'
ok $? "a key: back to the start"
unlike "$screen" "$no" "the ticket is gone"

# --- the change form, the legal representative's ID checked ---
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
like "$screen" "变更原因 +原第一管理责任人变更" "the reason chosen"
like "$screen" "新责任人姓名 +李四" "the new person"
keys F10
wait_for '您的申请号'
no2=$(ticket_number)
ctl --json application show "$no2"
is "$(field kind)" '"frp_change"' "the change form stored"
is "$(field reason)" '"frp_change"' "with its reason"
is "$(field frp_name)" '"李四"' "and the new person"
keys Space
wait_for '请按任意键开始'

# --- refusals at the field, each accepted once corrected ---
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
typed $legal_rep_id
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
unlike "$(pane)" '手机号码应为' "the corrected mobile is accepted"

# --- resizing keeps the input ---
tm resize-window -t "$ses" -x 100 -y 30
wait_for '赵六' && sleep 0.3 && screen=$(pane)
like "$screen" "赵六" "after a resize to 100x30 the name is there"
like "$screen" "110101199001010015" "and the ID number"
tm resize-window -t "$ses" -x 80 -y 24
sleep 0.3
wait_for '13612345678'
ok $? "back to 80x24, the mobile is there"

# --- interrupt and suspend keys do nothing ---
before=$(pane)
keys C-c
keys C-z
keys 'C-\'
sleep 0.5
after=$(pane)
is "$after" "$before" "Ctrl-C, Ctrl-Z and Ctrl-\\ change nothing on screen"
[ ! -e "$T/kiosk.rc" ]
ok $? "and the kiosk still runs"

# --- back from the review: nothing retyped ---
keys F10
wait_for '核对申请信息'
ok $? "the corrected form goes to the review"
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
is "$(field frp_name)" '"赵六"' "with the corrected answers"
is "$(field frp_phone)" '"13612345678"' "and the corrected mobile"

# --- a refusal of the registry at submit shows under its field ---
keys Space
wait_for '请按任意键开始'
keys Space
wait_for '请选择要填写的申请表'
keys 1
wait_for '法定代表人身份证号'
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
ctl --json application show "$(ticket_number)"
is "$(field frp_id)" '"11010519491231002X"' "and stored"

# --- the idle reset forgets what was typed ---
start "$T/idle.conf"
keys Space
wait_for '请选择要填写的申请表'
keys 1
wait_for '法定代表人身份证号'
typed 121100004290
wait_for '121100004290'
ok $? "something typed"
wait_for '秒后返回首页' 100
ok $? "idle: the countdown shows"
wait_for '请按任意键开始' 250
ok $? "at its end, the start screen"
unlike "$screen" '121100004290' "with nothing of what was typed"
keys Space
wait_for '请选择要填写的申请表'
keys 1
wait_for '法定代表人身份证号'
unlike "$screen" '121100004290' "a new form starts empty"
[ ! -e "$T/kiosk.rc" ]
ok $? "the kiosk ran throughout"
unlike "$(cat "$T/kiosk.err" 2>/dev/null)" 'runtime error|AddressSanitizer' \
    "no sanitizer reports"

done_testing
