#!/bin/sh
# kiosk-admin-exit.sh: the kiosk's only way out. F12 asks first; Esc there, or
# on the PIN screen, cancels; the right PIN (admin_pin) ends the program with
# status 0; a wrong PIN returns to kiosk mode with a message and the wait
# before the next try (kiosk-admin-pin-lock.sh follows the waits and the
# lock). Without an admin_pin, F12 does nothing and there is no way out from
# the keyboard.
. "$top_srcdir/tests/screen.sh"

# pin_screen: F12, then Enter on the dialog's first button.
pin_screen() {
	keys F12
	wait_for '退出自助机模式需要管理员密码' || return 1
	keys Enter
	wait_for '管理员密码'
}

printf 'idle_seconds = 90\nadmin_pin = 2468\n' >"$T/admin.conf"
kiosk_setup "$T/admin.conf"
ok $? "the kiosk starts with an administrator PIN configured"
keys F12
wait_for '退出自助机模式需要管理员密码'
ok $? "F12: the administrator exit asks first"
like "$screen" '输入密码.*取消' "offering to enter the PIN or cancel"
keys Escape
wait_gone '管理员退出'
ok $? "Esc there: the question goes"
like "$screen" '请按任意键开始' "back to the kiosk's start screen"

pin_screen
ok $? "Enter: the PIN screen"
typed 2468
sleep 0.3
unlike "$(pane)" '2468' "the PIN is not shown as typed"
keys Escape
wait_gone '管理员密码'
ok $? "Esc on the PIN screen cancels, even with the right PIN typed"
like "$screen" '请按任意键开始' "back to the kiosk's start screen"
still_running "the kiosk still runs"

pin_screen
typed 2468
keys Enter
is "$(exit_status)" 0 "the right PIN leaves kiosk mode: the program exits 0"

kiosk_start "$T/admin.conf"
ok $? "the kiosk starts again"
pin_screen
typed 1357
keys Enter
wait_for '管理员密码不正确；[0-9]+ 秒后才能再试'
ok $? "a wrong PIN is refused with a message and the wait before the next try"
like "$screen" '请按任意键开始' "and the kiosk is back at its start screen"
still_running "still in kiosk mode"

# --- no PIN configured: no way out ---
kiosk_start
ok $? "the kiosk starts without an administrator PIN"
keys F12
sleep 0.5
unlike "$(pane)" '管理员退出|管理员密码' "F12 offers no way out"
keys Enter
typed 0000
keys Enter
sleep 0.5
still_running "and the kiosk keeps running"
no_sanitizer_report

done_testing
