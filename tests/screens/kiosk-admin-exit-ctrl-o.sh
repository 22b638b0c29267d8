#!/bin/sh
# kiosk-admin-exit-ctrl-o.sh: on a terminal without function keys (TERM=ansi
# has none in terminfo) the kiosk's only way out, F12, is its stand-in ^O: it
# asks for the administrator PIN as F12 does, a wrong PIN returns to kiosk
# mode, and the right one ends the program with status 0.
. "$top_srcdir/tests/screen.sh"
need_kiosk
infocmp ansi >/dev/null 2>&1 || skip_all "no terminfo entry for ansi"

# pin_screen: ^O, then Enter on the dialog's first button: the PIN screen.
pin_screen() {
	keys C-o
	wait_for 'Leaving kiosk mode needs the administrator PIN' || return 1
	keys Enter
	wait_for 'Leave kiosk mode'
}

printf 'idle_seconds = 90\nadmin_pin = 4711\n' >"$T/admin.conf"
demo_registry
run_program en env TERM=ansi "$JSD_KIOSK" --mode kiosk --station kiosk-1 \
    --config "$T/admin.conf"
# The footer is drawn last: with its stand-ins there, the start screen is whole.
wait_for '\^G 中文'
ok $? "the kiosk starts on TERM=ansi, its footer naming the stand-ins"
like "$screen" 'Press any key to start' "at its start screen"
keys C-o
wait_for 'Leaving kiosk mode needs the administrator PIN'
ok $? "^O: the administrator exit is asked"
keys Enter
wait_for 'Leave kiosk mode'
ok $? "the PIN screen"
typed 1234
keys Enter
wait_for 'Wrong administrator PIN'
ok $? "a wrong PIN: back to the kiosk, saying only that"
still_running "and the kiosk runs on"

# The wrong PIN's wait (kiosk-admin-pin-lock.sh) lifted by a supervisor, so
# that the right PIN is compared at once.
JSD_PASSWORD=jsd-demo-super ctl kiosk unlock kiosk-1 --staff super1
ok $rc "super1 lifts the wait"
pin_screen
ok $? "^O again: the PIN screen"
typed 4711
keys Enter
is "$(exit_status)" 0 "the right PIN: the kiosk ends, status 0"
no_sanitizer_report

done_testing
