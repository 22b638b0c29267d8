# wrap-screens.sh: at 80x24 a message under a field is wrapped, never cut:
# the kiosk's refusal of an ID that is not the legal representative's reads
# whole in English, the longer of the two languages.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"

code=12110000429074993M
"$JSDCTL" demo >/dev/null 2>&1
ses=wrap
tm -f /dev/null new-session -d -s "$ses" -x 80 -y 24 \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 JSD_LANG=en JSD_DB='$JSD_DB' \
    ASAN_OPTIONS=detect_leaks=0 '$JSD_KIOSK' --mode kiosk --station kiosk-7 \
    --lang en 2>>'$T/kiosk.err'; sleep 60"
wait_for 'Press any key to start'
keys Space
wait_for 'Claim'
keys 1
wait_for 'Credit code'
typed "$code"
keys Tab
wait_for '北京市示例科学技术研究院'
keys Tab
typed 110101199001010015
keys Tab
wait_for 'This ID number'
ok $? "the refusal shows under the ID field"
# The message's lines, joined: its words in order, none cut.
joined=$(printf '%s\n' "$screen" | grep -A2 'This ID number' | \
	sed 's/^ *//; s/ *$//; s/^[^T]*This/This/' | tr '\n' ' ')
like "$joined" "This ID number is not the legal +representative's in the register" \
	"whole, over the lines it needs"
unlike "$(cat "$T/kiosk.err" 2>/dev/null)" 'runtime error|AddressSanitizer' \
    "no sanitizer reports"
done_testing
