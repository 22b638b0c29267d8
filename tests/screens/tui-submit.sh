#!/bin/sh
# tui-submit.sh: F10 submits the form: the harness exits 0 and writes the
# values as typed, in UTF-8, with the choice, the list row and the dialog's
# answer.
. "$top_srcdir/tests/screen.sh"
harness_start
type_text '123455'
keys Tab
type_text '北京区试中一二三四五六七八九十Z'
wait_for 'Name 名称 北京区试中'
keys Tab Right
wait_for '\(\*\) 另一位人员'
keys Tab Down
keys F4
wait_for 'really want to answer'
keys Right Enter
wait_for 'dialog 1'
keys F10
is "$(exit_status)" 0 "harness exited 0 on submit"
is "$(sed -n 1p "$T/out")" "id=123455" "output: id"
is "$(sed -n 2p "$T/out")" "name=北京区试中一二三四五六七八九十Z" "output: name as UTF-8"
is "$(sed -n 3,5p "$T/out" | tr '\n' ' ')" "role=1 list=1 dialog=1 " \
    "output: choice, list row, dialog answer"
no_sanitizer_report

done_testing
