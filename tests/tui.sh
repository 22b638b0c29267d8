# tui.sh: the widget toolkit driven in tmux through tests/tui-harness: Chinese
# typed and edited in the middle, focus moves, checks on leaving a field, keys
# a kiosk must ignore, resizes, the too-small message, a modal dialog, submit,
# and a QR code captured from the pane and decoded.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"

HARNESS="$top_builddir/tests/tui-harness"
PANE2IMG="$top_builddir/tests/pane2img"
QRTEXT="JSD-TEST-0123456789"
# A code too big for 80x24 (version 10 and up) that fits at 100x40.
QRBIG="https://example.invalid/$(printf '%0160d' 7 | tr 0 q)"


# start [HARNESS OPTIONS]: a fresh 80x24 session running the harness; its exit
# status lands in $T/rc, its output in $T/out. The new session is made before
# the old one goes, so the server never stops between the two.
_nses=0
start() {
	_old=$ses
	_nses=$((_nses + 1))
	ses="t$_nses"
	rm -f "$T/rc" "$T/out"
	# ncurses keeps its screen until exit: leak reports would only be noise.
	tm -f /dev/null new-session -d -s "$ses" -x 80 -y 24 \
	    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 ASAN_OPTIONS=detect_leaks=0 \
	    '$HARNESS' $* '$T/out' '$QRTEXT' '$QRBIG' 2>'$T/stderr'; \
	    echo \$? >'$T/rc'; sleep 60"
	[ -z "$_old" ] || tm kill-session -t "$_old"
	wait_for 'TUI harness'
}



# The line of the pane that follows the one matching PATTERN.
line_after() { printf '%s\n' "$screen" | grep -A1 -E -- "$1" | sed -n 2p; }

type_text() { tm send-keys -t "$ses" -l "$1"; }

start
like "$screen" 'F10 Submit 提交 +Tab Next 下一项' "footer shows the caller's key hints"

# Digits only: letters are swallowed.
type_text '12ab34'
wait_for 'ID 编号 +1234( |$)'; ok $? "digits-only field kept 1234 of 12ab34"

# Leaving a field runs its check; the message goes under it, the text stays.
keys Tab
wait_for 'ID must be 6 digits'; ok $? "message shown on leaving the field"
is "$(line_after 'ID 编号' | sed 's/^ *//')" "ID must be 6 digits" \
    "message is on the line under the field"
like "$screen" 'ID 编号 +1234' "typed digits kept when the message shows"

# Chinese through the input method arrives as UTF-8 text.
type_text '北京市测试中心'
wait_for 'Name 名称 北京市测试中心'; ok $? "Chinese text typed"
# Home, two right, Delete (市), insert 区; End, Backspace (心); two left and
# Backspace (测): 北京区试中.
keys Home Right Right DC
type_text '区'
keys End BSpace Left Left BSpace
wait_for 'Name 名称 北京区试中( |$)'; ok $? "edited in the middle by character"

# Keys a kiosk must ignore.
keys C-c
keys C-z
keys 'C-\'
type_text 'x'
wait_for 'Name 名称 北京区x试中'
ok $? "still running and editing after Ctrl-C, Ctrl-Z, Ctrl-\\"
ok "$([ ! -e "$T/rc" ]; echo $?)" "harness did not exit"
keys BSpace

# Back to the ID with Shift-Tab; make it valid; the message goes away.
keys BTab End
type_text '55'
keys Tab
wait_for 'ID 编号 +123455'; ok $? "Shift-Tab went back to the ID"
wait_for 'Name 名称 北京区试中'
unlike "$screen" 'ID must be|checksum' "message cleared once the ID is right"

# Resize: larger uses the room, smaller than 80x24 says so, input survives.
tm resize-window -t "$ses" -x 120 -y 40
wait_for '^ ?TUI harness.{80,}'; ok $? "120x40: the content box takes the width"
like "$screen" 'Name 名称 北京区试中' "120x40: input kept"
tm resize-window -t "$ses" -x 60 -y 20
wait_for 'Terminal too small'; ok $? "60x20: too-small message"
tm resize-window -t "$ses" -x 80 -y 24
wait_for '^TUI harness'; ok $? "back to 80x24"
like "$screen" 'ID 编号 +123455' "80x24 again: ID kept"
like "$screen" 'Name 名称 北京区试中' "80x24 again: name kept"

# Pasting more than the view holds scrolls by whole wide characters.
keys End
type_text '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十'
wait_for '九十 *$'; ok $? "long paste: view scrolled to the cursor"
keys Home
wait_for 'Name 名称 北京区试中一二'; ok $? "Home scrolls back to the start"
keys End BSpace
type_text 'Z'
wait_for '九Z *$'; ok $? "backspace and typing at the far end of a scrolled field"

# The choice and the list.
keys Tab Right
wait_for '\( \) Legal representative +\(\*\) 另一位人员'
ok $? "Right selects the second option"
keys Tab Down
wait_for 'Role'; ok $? "list reached"

# A modal dialog over the form; its answer is kept.
keys F4
wait_for 'really want to answer'; ok $? "dialog shown"
like "$screen" '\[ No \] +\[ Yes \]' "dialog buttons"
keys Right Enter
wait_for 'dialog 1'; ok $? "dialog answered Yes and closed"

# QR codes: drawn dark on light with half blocks, captured, decoded.
keys F2
wait_for '█▀▀▀▀▀█'; ok $? "QR drawn"
pane >"$T/qr.txt"
"$PANE2IMG" "$T/qr.txt" "$T/qr.pgm"; ok $? "pane2img wrote an image"
if [ -n "${ZBARIMG_BIN:-}" ]; then
	got=$("$ZBARIMG_BIN" -q --raw "$T/qr.pgm" 2>/dev/null)
	is "$got" "$QRTEXT" "zbarimg decodes the QR drawn in the pane"
else
	diag "zbarimg not found: not decoded by zbar"
fi
if [ -x "$top_builddir/jsdctl" ] &&
    got=$("$top_builddir/jsdctl" decode "$T/qr.pgm" 2>/dev/null); then
	like "$got" " $QRTEXT\$" "jsdctl decode reads the QR drawn in the pane"
fi
keys Escape
wait_for '^TUI harness'; ok $? "Esc back to the form"

keys F3
wait_for 'QR too small'; ok $? "a code too big for 80x24 says so"
unlike "$screen" '█' "and draws no unreadable code"
tm resize-window -t "$ses" -x 100 -y 40
wait_for '█▀▀▀▀▀▀▀█|█▀▀▀▀▀█'; ok $? "at 100x40 the big code is drawn"
pane >"$T/qrbig.txt"
if [ -n "${ZBARIMG_BIN:-}" ]; then
	"$PANE2IMG" "$T/qrbig.txt" "$T/qrbig.pgm"
	got=$("$ZBARIMG_BIN" -q --raw "$T/qrbig.pgm" 2>/dev/null)
	is "$got" "$QRBIG" "zbarimg decodes the big QR"
fi
keys Escape
tm resize-window -t "$ses" -x 80 -y 24
wait_for '^TUI harness'

# Submit: the values as typed, in UTF-8.
keys F10
_i=0
while [ ! -e "$T/rc" ] && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
is "$(cat "$T/rc" 2>/dev/null)" 0 "harness exited 0 on submit"
is "$(sed -n 1p "$T/out")" "id=123455" "output: id"
is "$(sed -n 2p "$T/out")" \
    "name=北京区试中一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九Z" \
    "output: name as UTF-8"
is "$(sed -n 3,5p "$T/out" | tr '\n' ' ')" "role=1 list=1 dialog=1 " \
    "output: choice, list row, dialog answer"

# Monochrome; submit with a wrong field stays on the form, focused on it.
start --mono
type_text '123'
keys F10
wait_for 'ID must be 6 digits'; ok $? "submit checks every field"
like "$screen" 'Name is required' "an empty required field is reported too"
type_text '455'
keys Tab
type_text 'Zhang San'
keys F10
_i=0
while [ ! -e "$T/rc" ] && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
is "$(sed -n 1,2p "$T/out" 2>/dev/null | tr '\n' ' ')" \
    "id=123455 name=Zhang San " "focus went to the wrong field; fixed and submitted"

# More fields than fit: the form scrolls to keep the focused one whole.
start --extra 10
unlike "$screen" 'Extra 10' "the last extra field is below the view"
like "$screen" '^ +v *$' "the form says there is more below"
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
wait_for 'Extra 10'; ok $? "tabbing down scrolled to the last extra field"
unlike "$screen" 'ID 编号' "and the ID scrolled out above"
type_text 'scrolled'
keys BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab
wait_for 'ID 编号'; ok $? "Shift-Tab scrolled back up to the ID"
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
wait_for 'Extra 10 +scrolled'; ok $? "text kept while scrolled away"

# The idle countdown shows and, at the end, the form forgets what was typed.
start --idle 2
type_text '999'
wait_for 'ID 编号 +999'
wait_for 'idle 1 '; ok $? "countdown shown"
_i=0
while [ $_i -lt 4 ] && ! wait_for 'ID 编号 *$'; do _i=$((_i + 1)); done
ok $? "idle timeout emptied the form"

done_testing
