#!/bin/sh
# kiosk-field-limit.sh: a kiosk field stops taking input at its limit and
# says so. 250 Chinese characters arriving in Remarks (an input method, a
# paste) stop at 200 with a message under the field, not cut in silence;
# Backspace makes room and the message goes; the application stores the 199
# characters left. Full-width digits typed with a Chinese input method fill
# the ID number.
. "$top_srcdir/tests/screen.sh"

need_kiosk
pane_w=100 pane_h=30

under() { printf '%s\n' "$screen" | grep -A1 -E -- "$1" | sed -n 2p; }

printf 'idle_seconds = 300\n' >"$T/kiosk.conf"
demo_registry
kiosk_start_in zh_CN
ok $? "the kiosk starts"
kiosk_claim_form
typed "$code"
keys Tab
wait_for '北京市示例科学技术研究院'
ok $? "the institution is found"
keys Right
wait_for '责任人姓名'
keys Tab
tm send-keys -t "$ses" -l '王小明'
keys Tab
tm send-keys -t "$ses" -l '１１０１０５１９４９１２３１００２ｘ'
keys Tab
wait_for '11010519491231002X'
ok $? "full-width digits from an input method fill the ID number as ASCII"
like "$(under "身份证号码")" "最后一位可能是X" "and it is valid: the hint, no message, under it"
typed 13912345678
# The legal representative's ID number and mobile are optional: skip them.
keys Tab
keys Tab
keys Tab

# 250 characters into Remarks, whose limit is 200.
chunk=一二三四五六七八九十一二三四五六七八九十一二三四五
i=0
while [ $i -lt 10 ]; do
	tm send-keys -t "$ses" -l "$chunk"
	i=$((i + 1))
done
wait_for '此栏最多 200 个字'
ok $? "the full Remarks field says so under itself"
keys BSpace
wait_for '选填'
ok $? "Backspace makes room and the message gives way to the hint"
keys F10
wait_for '核对申请信息'
ok $? "F10: the review"
keys F10
wait_for '您的申请号'
ok $? "submitted"
no=$(printf '%s\n' "$screen" | grep -oE '[0-9]{8}-[0-9]{4}' | head -n 1)
app_show --json "$no"
remark=$(field remark | tr -d '"')
is "$(printf '%s' "$remark" | wc -m)" 199 "the remark stored is the 199 characters left"
is "$(field frp_id)" '"11010519491231002X"' "the ID number as ASCII"

done_testing
