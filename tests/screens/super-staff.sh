#!/bin/sh
# super-staff.sh: staff accounts: a new account needs the same password
# twice, and a locked account is unlocked; both checked through jsdctl.
. "$top_srcdir/tests/screen.sh"
super_setup
keys F6
wait_for 'staff accounts'
ok $? "staff list"
wait_for "counter1 .* locked"
ok $? "counter1 shown locked"
keys F2
wait_for 'add a staff account'
fast alice
keys Tab Tab
fast 'alice-pass-1'
keys Tab
fast 'alice-pass-2'
keys F2
wait_for 'passwords differ'
ok $? "two different passwords refused"
keys C-u
fast 'alice-pass-1'
keys F2
wait_for 'Staff account alice added'
ok $? "alice added on screen"
ctl staff list
like "$out" "^alice +counter" "jsdctl lists alice"
JSD_PASSWORD=alice-pass-1 ctl staff login alice
ok $rc "alice logs in with the password typed twice"
ctl --json events --kind staff.added
like "$out" '"actor": *"super1"' "added by super1 in the log"
wait_for 'counter1 .* locked'
# The list is sorted by name: alice, counter1, super1.
keys Home Down
keys F4
wait_for 'counter1 unlocked'
ok $? "counter1 unlocked on screen"
ctl staff list
unlike "$out" "counter1 .*locked" "jsdctl: counter1 no longer locked"
JSD_PASSWORD=jsd-demo-counter ctl staff login counter1
ok $rc "counter1 logs in again"
no_sanitizer_report

done_testing
