#!/bin/sh
# tui-submit-checks.sh: in monochrome, submitting checks every field, stays on
# the form with the focus on the wrong one, and submits once it is fixed.
. "$top_srcdir/tests/screen.sh"
harness_start --mono
type_text '123'
keys F10
wait_for 'ID must be 6 digits'; ok $? "submit checks every field"
like "$screen" 'Name is required' "an empty required field is reported too"
type_text '455'
keys Tab
type_text 'Zhang San'
keys F10
exit_status >/dev/null
is "$(sed -n 1,2p "$T/out" 2>/dev/null | tr '\n' ' ')" \
    "id=123455 name=Zhang San " "focus went to the wrong field; fixed and submitted"
no_sanitizer_report

done_testing
