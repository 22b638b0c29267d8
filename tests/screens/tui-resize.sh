#!/bin/sh
# tui-resize.sh: resizing: larger centres the content box, smaller than 80x24
# says the terminal is too small, and the input survives both.
. "$top_srcdir/tests/screen.sh"
harness_start
type_text '123455'
keys Tab
type_text '北京区试中'
wait_for 'Name 名称 北京区试中'
tm resize-window -t "$ses" -x 120 -y 40
wait_for '^ ?TUI harness.{80,}'; ok $? "120x40: the content box takes the width"
like "$screen" 'Name 名称 北京区试中' "120x40: input kept"
tm resize-window -t "$ses" -x 60 -y 20
wait_for 'Terminal too small'; ok $? "60x20: too-small message"
tm resize-window -t "$ses" -x 80 -y 24
wait_for '^TUI harness'; ok $? "back to 80x24"
like "$screen" 'ID 编号 +123455' "80x24 again: ID kept"
like "$screen" 'Name 名称 北京区试中' "80x24 again: name kept"
no_sanitizer_report

done_testing
