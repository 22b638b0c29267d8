# escape-seq.sh: on a terminal whose description lacks a key (a vt100 has no
# F10 or F12), the key's escape sequence is swallowed whole: never typed into
# a field, never taken for a scan. An Esc alone is still the Esc key.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"

"$JSDCTL" demo >/dev/null 2>&1
ses=vt
tm -f /dev/null new-session -d -s "$ses" -x 80 -y 24 \
    "env TERM=vt100 LANG=C.UTF-8 LC_ALL=C.UTF-8 JSD_LANG=zh_CN JSD_DB='$JSD_DB' \
    ASAN_OPTIONS=detect_leaks=0 '$JSD_KIOSK' --mode kiosk --station kiosk-7 \
    2>>'$T/kiosk.err'; sleep 60"
wait_for '请按任意键开始'
ok $? "the kiosk runs on a vt100"
keys Space
wait_for '请选择要填写的申请表'
keys 1
wait_for '法定代表人身份证号'
typed 1211
keys -l "$(printf '\033[21~')"
keys -l "$(printf '\033[24~')"
keys -l "$(printf '\033[1;5D')"
typed 0000
sleep 0.5
screen=$(pane)
like "$screen" "12110000" "what was typed around the sequences is there, in order"
unlike "$screen" '\[2[14]~|~|\[1;5' "no part of F10, F12 or Ctrl-Left is typed"
unlike "$screen" '扫码|扫到' "nor taken for a scan"
keys Escape
wait_for '再按一次 Esc'
ok $? "an Esc alone is still the Esc key"
unlike "$(cat "$T/kiosk.err" 2>/dev/null)" 'runtime error|AddressSanitizer' \
    "no sanitizer reports"
done_testing
