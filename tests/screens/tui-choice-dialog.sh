#!/bin/sh
# tui-choice-dialog.sh: a choice moved with Right, a list reached, and a modal
# dialog over the form whose answer is kept.
. "$top_srcdir/tests/screen.sh"
harness_start
keys Tab Tab Right
wait_for '\( \) Legal representative +\(\*\) 另一位人员'
ok $? "Right selects the second option"
keys Tab Down
wait_for 'Role'; ok $? "list reached"
keys F4
wait_for 'really want to answer'; ok $? "dialog shown"
like "$screen" '\[ No \] +\[ Yes \]' "dialog buttons"
keys Right Enter
wait_for 'dialog 1'; ok $? "dialog answered Yes and closed"
no_sanitizer_report

done_testing
