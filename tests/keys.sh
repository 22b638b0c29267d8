#!/bin/sh
# keys.sh: the screens' key tables on a terminal without function keys
# (TERM=ansi has none in terminfo). The footer names the Ctrl-letter
# stand-ins instead; a claim goes from the start screen to its ticket, then
# the counter's login, the application's review and its approval, without a
# single function key.
# JSD_FKEYS=no shows the stand-ins on a terminal that has F-keys, and a key
# that does not apply now (the supervisor's kind key with the figures shown)
# is neither in the footer nor taken.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"

[ -x "$JSD_KIOSK" ] || skip_all "jsd-kiosk not built"
infocmp ansi >/dev/null 2>&1 || skip_all "no terminfo entry for ansi"

code=12110000429074993M
legal_rep_id=110118198312055029

# run SESSION TERM MODE [FKEYS [CONFIG]]: a fresh session, $cols (80) by 24;
# ses names it, and its exit status goes to $T/SESSION.rc. The new session is
# made before the old one goes: killing the server's last session ends the
# server, and a session asked of a server that is ending is never made (on a
# loaded machine, often).
run() {
	_old=$ses
	ses=$1
	tm -f /dev/null new-session -d -s "$ses" -x "${cols:-80}" -y 24 \
	    "env TERM=$2 JSD_FKEYS=${4:-} LANG=C.UTF-8 LC_ALL=C.UTF-8 JSD_LANG=en \
	    JSD_DB='$JSD_DB' ASAN_OPTIONS=detect_leaks=0 '$JSD_KIOSK' --mode $3 \
	    --station $3-1 --config '${5:-$T/empty.conf}' 2>>'$T/kiosk.err'; \
	    echo \$? >'$T/$1.rc'; sleep 60"
	[ -z "$_old" ] || tm kill-session -t "$_old"
}
footer() { printf '%s\n' "$screen" | tail -n 1; }

: >"$T/empty.conf"
printf 'admin_pin = 4711\n' >"$T/admin.conf"
ctl demo
ok $rc "demo registry"

# --- the kiosk, on a terminal without function keys ---
run k ansi kiosk
wait_for 'Press any key to start'
ok $? "the kiosk starts on TERM=ansi"
like "$(footer)" '\^G 中文' "the footer names ^G for the language, F2's stand-in"
unlike "$(footer)" 'F2' "and no F2, which this terminal lacks"
keys C-g
wait_for '请按任意键开始'
ok $? "^G: Chinese"
keys C-g
wait_for 'Press any key to start'
ok $? "^G again: English"
keys Space
wait_for 'Esc Back'
ok $? "a key: the choice of form"
keys 1
wait_for 'Tab Next'
ok $? "1: the claim form"
like "$(footer)" '\^X Check and submit' "its footer: ^X for F10"
like "$screen" '\^X when done' "and so does the text above the form"
typed "$code"
keys Tab
wait_for '北京市示例科学技术研究院'
ok $? "the credit code typed, the institution shown"
keys Tab
typed "$legal_rep_id"
keys Tab
typed 13912345678
keys Tab
keys C-x
wait_for '\^X Submit'
ok $? "^X: the review, its footer in stand-ins"
like "$(footer)" '\^K' "^K goes back to the institution, for F3"
like "$screen" '\^X submits' "the text above names ^X too"
keys C-k
wait_for 'Tab Next'
ok $? "^K: back to the form"
keys C-x
wait_for '\^X Submit'
keys C-x
wait_for 'Your application number'
ok $? "^X: submitted, the ticket"
no=$(printf '%s\n' "$screen" | grep -oE '[0-9]{8}-[0-9]{4}' | head -n 1)
like "$no" '^[0-9]{8}-[0-9]{4}$' "with its number"
ctl application show "$no"
like "$out" "Status: Submitted" "the registry has it"
keys Space
wait_for 'Press any key to start'
ok $? "a key: back to the start"

# The kiosk's way out, F12, by its stand-in ^O: screens/kiosk-admin-exit-ctrl-o.sh.

# --- the counter, on the same terminal ---
run c ansi counter
wait_for 'staff login'
ok $? "the counter starts on TERM=ansi"
like "$(footer)" '\^X Quit' "its footer names ^X for F10"
typed counter1
keys Enter
typed jsd-demo-counter
keys Enter
wait_for "Enter Open"
ok $? "counter1 logs in"
like "$(footer)" '\^G Verify' "the home's footer: ^G for F2"
typed "$no"
keys Enter
wait_for 'review an application'
ok $? "the typed number opens the review"
keys 1 2 3
wait_for '\[x\] 3'
keys C-g
wait_for 'Valid for [45]:[0-9]{2} more'
ok $? "^G: approved, the claim QR"
ctl application show "$no"
like "$out" "Status: Approved" "the registry has it approved"
keys Escape
keys Escape
wait_for "Enter Open"
keys C-x
wait_for 'Quit the program'
ok $? "^X: the frame's quit, asked"
keys Enter

# --- the supervisor: JSD_FKEYS=no, and a key that does not apply ---
# 100 columns: the whole footer fits in English.
cols=100 run s screen supervisor no
wait_for 'Supervisor: login'
typed super1
keys Enter
typed jsd-demo-super
keys Enter
wait_for 'Supervisor: day report'
ok $? "super1 logs in"
wait_for '\^K Chart'
ok $? "JSD_FKEYS=no: stand-ins in the footer where the terminal has F-keys"
unlike "$(footer)" 'K Kind' "with the figures, the kind key is not shown"
keys k
keys C-k
wait_for 'Events per hour'
ok $? "^K: a chart"
like "$screen" 'Events per hour on .*\(all kinds\)' \
    "of all kinds: k with the figures was not taken"
like "$(footer)" 'K Kind' "with a chart, the kind key is shown"
keys k
wait_for 'Events per hour on .*\(app\.\)'
ok $? "and taken"
keys F3
wait_for 'Events per day'
ok $? "F3 is still taken where its stand-in is shown"

tm kill-server >/dev/null 2>&1
unlike "$(cat "$T/kiosk.err" 2>/dev/null)" 'runtime error|AddressSanitizer' \
    "no sanitizer reports"

done_testing
