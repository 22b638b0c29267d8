# kiosk-idle-lang.sh: the next person does not inherit the language. After
# the idle reset the kiosk is back at the start screen, in Chinese, with
# nothing typed, whether it was left in English at the start screen or in
# the middle of a form.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"

# Long enough that typing on a loaded machine never races the reset.
printf 'idle_seconds = 10\n' >"$T/idle.conf"
"$JSDCTL" demo >/dev/null 2>&1
ses=idle
tm -f /dev/null new-session -d -s "$ses" -x 80 -y 24 \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 JSD_LANG=zh_CN JSD_DB='$JSD_DB' \
    ASAN_OPTIONS=detect_leaks=0 '$JSD_KIOSK' --mode kiosk --station kiosk-7 \
    --config '$T/idle.conf' 2>>'$T/kiosk.err'; sleep 60"
wait_for '请按任意键开始'
ok $? "the kiosk starts in Chinese"
keys F2
wait_for 'Press any key to start'
ok $? "F2: English"
wait_for '请按任意键开始' 600
ok $? "left in English at the start screen, the idle reset brings back Chinese"

keys F2
wait_for 'Press any key to start'
keys Space
wait_for 'Claim'
keys 1
wait_for 'Credit code'
typed 121100004290
wait_for '121100004290'
ok $? "in English, something typed in a form"
wait_for '请按任意键开始' 600
ok $? "the idle reset: the start screen in Chinese"
unlike "$screen" 'Press|121100004290' "no English, nothing typed"
unlike "$(cat "$T/kiosk.err" 2>/dev/null)" 'runtime error|AddressSanitizer' \
    "no sanitizer reports"
done_testing
