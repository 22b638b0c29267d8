#!/bin/sh
# tui-form-scroll.sh: a form with more fields than fit scrolls to keep the
# focused one whole, says there is more below, and keeps text scrolled away.
. "$top_srcdir/tests/screen.sh"
harness_start --extra 10
unlike "$screen" 'Extra 10' "the last extra field is below the view"
like "$screen" '^ +v *$' "the form says there is more below"
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
wait_for 'Extra 10'; ok $? "tabbing down scrolled to the last extra field"
unlike "$screen" 'ID 编号' "and the ID scrolled out above"
type_text 'scrolled'
keys BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab
wait_for 'ID 编号'; ok $? "Shift-Tab scrolled back up to the ID"
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
wait_for 'Extra 10 +scrolled'; ok $? "text kept while scrolled away"
no_sanitizer_report

done_testing
