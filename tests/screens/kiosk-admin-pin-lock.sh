#!/bin/sh
# kiosk-admin-pin-lock.sh: the kiosk's admin PIN (F12) cannot be guessed.
# Each wrong PIN makes the next try wait longer (5, 10, 20, 40 s), a try in
# the wait is not even compared (the right PIN then does not open), the fifth
# wrong PIN in a row locks the station, and all of it survives a restart,
# since the state is the event log's. A supervisor sees the lock (the day
# report, jsdctl kiosk pins) and lifts it (Staff, Kiosk PINs on screen, or
# jsdctl kiosk unlock with a password), and the right PIN then opens. The
# kiosk runs under libfaketime, restarted at each step's second.
. "$top_srcdir/tests/screen.sh"

need_faketime
need_kiosk

base=$(date -u -d '2026-11-24 02:00:00' +%s)
printf 'idle_seconds = 300\nadmin_pin = 24680\n' >"$T/kiosk.conf"
ctl demo
ok $rc "demo registry"

# start_at SECONDS: a fresh kiosk at station kiosk-9, its clock base+SECONDS
# and running; the monotonic clock stays real for the loop's timers.
pane_w=100 pane_h=30
start_at() {
	run_program en env DONT_FAKE_MONOTONIC=1 "$FAKETIME_BIN" "$(utc "$1")" \
	    "$JSD_KIOSK" --mode kiosk --station kiosk-9 --config "$T/kiosk.conf"
	wait_for 'Press any key to start'
}
# pin PIN: F12, the dialog's "Enter PIN", the PIN, Enter.
pin() {
	keys F12
	wait_for 'Administrator exit' || return 1
	keys Enter
	wait_for 'Administrator PIN' || return 1
	typed "$1"
	keys Enter
}

# The wait counts down from the try on the kiosk's clock (faketime's, which
# runs): a loaded machine may draw it a second later, one second less.
start_at 0
ok $? "the kiosk starts"
pin 11111
wait_for 'next try is open in [45] seconds'
ok $? "a wrong PIN: the next try waits 5 seconds"
keys F12
wait_for 'Administrator exit'
keys Enter
wait_for 'Administrator PIN'
like "$screen" "next try is open in [1-5] seconds" \
	"the PIN screen says at once that the station must wait"
typed 24680
keys Enter
sleep 1
[ ! -f "$T/rc" ]
ok $? "the right PIN in the wait is not compared: the kiosk did not quit"

start_at 10
ok $? "restarted 10 s later"
pin 22222
wait_for 'next try is open in (9|10) seconds'
ok $? "the second wrong PIN: 10 seconds, the count survived the restart"
start_at 25
pin 33333
wait_for 'next try is open in (19|20) seconds'
ok $? "the third: 20 seconds"
start_at 50
pin 44444
wait_for 'next try is open in (39|40) seconds'
ok $? "the fourth: 40 seconds"
start_at 100
pin 55555
wait_for 'PIN is locked'
ok $? "the fifth wrong PIN in a row locks the station"

start_at 5000
keys F12
wait_for 'Administrator exit'
keys Enter
wait_for 'PIN is locked'
ok $? "after a restart, much later, the PIN screen says at once it is locked"
typed 24680
keys Enter
wait_for 'PIN is locked'
ok $? "and the right PIN does not open it"
sleep 0.5
[ ! -f "$T/rc" ]
ok $? "the kiosk is still in kiosk mode"

ctl kiosk pins
ok $rc "jsdctl kiosk pins"
like "$out" "^kiosk-9 +5 +locked" "shows kiosk-9 locked with its wrong tries"
ctl events --kind kiosk.pin
like "$out" "kiosk.pin_wrong" "each wrong PIN is an event"
like "$out" "kiosk.pin_locked" "the lock is an event"
like "$out" "kiosk.pin_refused" "a try refused unread is an event"
JSD_PASSWORD=jsd-demo-counter ctl kiosk unlock kiosk-9 --staff counter1
is "$rc" 1 "a counter account cannot lift the lock"
like "$err" "Only a supervisor" "and is told why"
JSD_PASSWORD=wrong-password ctl kiosk unlock kiosk-9 --staff super1
is "$rc" 1 "nor a wrong supervisor password"

# --- the supervisor sees the lock on the day report and lifts it ---
super_login
like "$screen" "Kiosk kiosk-9: administrator PIN locked" \
	"the day report says which kiosk's PIN is locked"
keys F6
wait_for 'staff accounts'
keys F6
wait_for "kiosks' administrator PINs"
ok $? "Staff, then Kiosk PINs: the kiosks' PIN screen"
like "$screen" "kiosk-9 +locked +5" "kiosk-9 locked after 5 wrong"
keys F4
wait_for 'Administrator PIN lock lifted at kiosk-9'
ok $? "F4 lifts the lock on screen"
ctl events --kind kiosk.pin_lifted
like "$out" "super1" "and the event names the supervisor"
ctl kiosk pins
is "$out" "" "no station has a lock or wrong PIN left"

start_at 5010
pin 24680
is "$(exit_status)" 0 "after the lift the right PIN leaves kiosk mode"
ctl events --kind kiosk.pin_ok
like "$out" "kiosk-9" "and the right PIN is an event too"

# --- jsdctl lifts too: one wrong PIN's wait, forgotten ---
start_at 6000
pin 11111
wait_for 'next try is open in [45] seconds'
ok $? "a wrong PIN again: a wait"
JSD_PASSWORD=jsd-demo-super ctl kiosk unlock kiosk-9 --staff super1
ok $rc "jsdctl kiosk unlock: a supervisor lifts it"
ctl kiosk pins
is "$out" "" "and the count is forgotten"
JSD_PASSWORD=jsd-demo-super ctl kiosk unlock kiosk-9 --staff super1
is "$rc" 1 "lifting what is not there is refused"

done_testing
