#!/bin/sh
# kiosk-idle-reset.sh: after idle_seconds without a key a countdown shows,
# then the start screen, with nothing of what was typed kept.
. "$top_srcdir/tests/screen.sh"
# Long enough that typing on a loaded machine never races the reset.
printf 'idle_seconds = 10\n' >"$T/idle.conf"
kiosk_setup "$T/idle.conf"
kiosk_claim_form
typed 121100004290
wait_for '121100004290'
ok $? "something typed"
wait_for '秒后返回首页' 300
ok $? "idle: the countdown shows"
wait_for '请按任意键开始' 400
ok $? "at its end, the start screen"
unlike "$screen" '121100004290' "with nothing of what was typed"
kiosk_claim_form
unlike "$screen" '121100004290' "a new form starts empty"
still_running "the kiosk ran throughout"
no_sanitizer_report

done_testing
