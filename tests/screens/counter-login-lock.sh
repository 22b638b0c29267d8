#!/bin/sh
# counter-login-lock.sh: staff login at the counter: a supervisor account is
# refused, each wrong password says how many tries are left, the 6th locks the
# account (the right password then does not open it), and counter1 logs in to
# today's queue, newest first.
. "$top_srcdir/tests/screen.sh"
counter_setup
ctl apply claim --credit-code $code --frp-phone 13912345678
ctl apply claim --credit-code $code --frp-phone 13912345679
no2=$(last)
JSD_PASSWORD=counter2-pass ctl staff add counter2 --role counter
ok $rc "a second counter account, for the lock"
counter_start
ok $? "the counter starts at the login"
login super1 jsd-demo-super
wait_for 'supervisor account'
ok $? "a supervisor account cannot serve at a counter"
again counter2 wrong-pass-1
wait_for 'Wrong account name or password \(5 tries left'
ok $? "a wrong password says how many tries are left"
# Each refusal awaited: keys typed while the password is checked would land
# elsewhere.
for n in 2 3 4 5; do
	again counter2 wrong-pass-$n
	wait_for "\\($((6 - n)) tries left" || diag "no refusal for wrong-pass-$n"
done
wait_for '\(1 tries left'
ok $? "after 5 wrong: 1 left"
again counter2 wrong-pass-6
wait_for 'locked after 6 wrong'
ok $? "the 6th wrong password locks the account, and the screen says so"
again counter2 counter2-pass
wait_for 'locked after 6 wrong'
ok $? "the right password does not open a locked account"
ctl staff list
like "$out" "counter2 .*locked" "the registry has it locked"
again counter1 jsd-demo-counter
wait_for "Today's applications: 2 shown of 2"
ok $? "counter1 logs in: today's queue"
like "$screen" "counter-A +counter1" "the title names the station and the staff member"
like "$screen" "$no2.*Submitted.*北京市示例" "newest first"
no_sanitizer_report

done_testing
