#!/bin/sh
# tui-edit.sh: the widget toolkit's form (tests/tui-harness): the footer's key
# hints, a digits-only field, the check on leaving a field with its message on
# the line under it, Chinese typed and edited in the middle by character, and
# Shift-Tab back to a field whose fix clears the message.
. "$top_srcdir/tests/screen.sh"
harness_start
# The footer is drawn last: wait for it, not only the title.
wait_for 'F10 Submit 提交 +Tab Next 下一项'
ok $? "footer shows the caller's key hints"
# Digits only: letters are swallowed.
type_text '12ab34'
wait_for 'ID 编号 +1234( |$)'; ok $? "digits-only field kept 1234 of 12ab34"
# Leaving a field runs its check; the message goes under it, the text stays.
keys Tab
wait_for 'ID must be 6 digits'; ok $? "message shown on leaving the field"
is "$(line_after 'ID 编号' | sed 's/^ *//')" "ID must be 6 digits" \
    "message is on the line under the field"
like "$screen" 'ID 编号 +1234' "typed digits kept when the message shows"
# Chinese through the input method arrives as UTF-8 text.
type_text '北京市测试中心'
wait_for 'Name 名称 北京市测试中心'; ok $? "Chinese text typed"
# Home, two right, Delete (市), insert 区; End, Backspace (心); two left and
# Backspace (测): 北京区试中.
keys Home Right Right DC
type_text '区'
keys End BSpace Left Left BSpace
wait_for 'Name 名称 北京区试中( |$)'; ok $? "edited in the middle by character"
# Back to the ID with Shift-Tab; make it valid; the message goes away.
keys BTab End
type_text '55'
keys Tab
wait_for 'ID 编号 +123455'; ok $? "Shift-Tab went back to the ID"
wait_for 'Name 名称 北京区试中'
unlike "$screen" 'ID must be|checksum' "message cleared once the ID is right"
no_sanitizer_report

done_testing
