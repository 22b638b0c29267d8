#!/bin/sh
# tui-idle.sh: the idle countdown shows and, at its end, the form forgets what
# was typed.
. "$top_srcdir/tests/screen.sh"
harness_start --idle 2
type_text '999'
wait_for 'ID 编号 +999'
wait_for 'idle 1 '; ok $? "countdown shown"
_i=0
while [ $_i -lt 4 ] && ! wait_for 'ID 编号 *$'; do _i=$((_i + 1)); done
ok $? "idle timeout emptied the form"
no_sanitizer_report

done_testing
