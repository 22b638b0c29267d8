#!/bin/sh
# kiosk-status.sh: the kiosk tells an applicant what became of an
# application: F3 at the start, the number and the phone's last four digits;
# a scanned ticket fills the number; wrong digits tell nothing; a rejection
# shows its reason; nothing personal is shown.
. "$top_srcdir/tests/screen.sh"
status_setup
keys F3
wait_for '查询办理进度'
ok $? "F3: the status screen"
status_lookup 1234
wait_for '申请编号与手机尾号不符'
ok $? "wrong digits: the pair does not match"
unlike "$screen" '已提交' "and nothing is told"
keys BTab Tab C-u
typed 5678
keys Enter
wait_for '已提交，等待窗口审核'
ok $? "the number with the right digits: submitted"
unlike "$screen" '张晓华|13912345678|110118' "no name, phone or ID"
JSD_PASSWORD=jsd-demo-counter ctl reject "$no" --staff counter1 --reason 材料不全
keys Escape
wait_for '请按任意键开始'
scan "JSD:T:$no"
wait_for "申请号 +$no"
ok $? "a scanned ticket opens the screen with its number"
typed 5678
keys Enter
wait_for '未通过审核'
ok $? "rejected"
like "$screen" '材料不全' "with the reason"
no_sanitizer_report

done_testing
