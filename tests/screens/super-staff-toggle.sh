#!/bin/sh
# super-staff-toggle.sh: F5 on the staff list is labelled by what it will do
# to the account selected, Disable or Enable, and both ask to be confirmed
# with F5 again; jsdctl sees each change.
. "$top_srcdir/tests/screen.sh"
super_setup --no-activity
keys F6
wait_for 'staff accounts'
# The list is sorted by name: counter1, super1.
keys Home
wait_for 'F5 Disable'
ok $? "an enabled account: F5 Disable"
keys F5
wait_for 'Press F5 again to disable counter1'
ok $? "disabling asks to be confirmed"
keys F5
wait_for 'Staff account counter1 disabled'
ok $? "confirmed, disabled"
wait_for 'F5 Enable'
ok $? "the disabled account: F5 Enable"
unlike "$screen" 'F5 Disable' "not Disable"
keys F5
wait_for 'Press F5 again to enable counter1'
ok $? "enabling asks to be confirmed too"
ctl staff list
like "$out" "counter1 .*disabled" "not enabled before the confirmation"
keys F5
wait_for 'Staff account counter1 enabled'
ok $? "confirmed, enabled"
ctl staff list
unlike "$out" "counter1 .*disabled" "jsdctl: enabled again"
no_sanitizer_report

done_testing
