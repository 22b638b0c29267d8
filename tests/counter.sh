#!/bin/sh
# counter.sh: jsd-kiosk --mode counter in tmux, end to end with jsdctl playing
# the holder's phone: staff login and its lock, a ticket QR from the image
# folder opening its application, the checklist, approval, the claim QR read
# back from the pane and claimed, codes verified from the image folder, a
# serial scanner and typed by hand, an expired code and a code of the wrong
# kind showing no data, a matter the user is not authorized for, rejection
# with a reason, and the session history wiped at logout.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"

[ -n "${FAKETIME_BIN:-}" ] || skip_all "faketime not found"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not found"
[ -x "$JSD_KIOSK" ] || skip_all "jsd-kiosk not built"
# libfaketime is preloaded ahead of the sanitizer runtime.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"

MKQR="$top_builddir/tests/mkqr"
PANE2IMG="$top_builddir/tests/pane2img"
W="$T/wallets"
mkdir -p "$W" "$T/frames"
export JSD_PASSWORD=holder-pass JSD_NEW_PASSWORD=holder-pass
code=12110000429074993M
frp_id=110118198312055029


# --- a serial scanner: a pty that python holds, fed through a FIFO ---
mkfifo "$T/serial.in"
python3 - "$T/serial.in" "$T/serial.name" <<'PY' &
import os, pty, sys, tty
m, s = pty.openpty()
tty.setraw(s)
with open(sys.argv[2] + ".tmp", "w") as f:
	f.write(os.ttyname(s))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
fd = os.open(sys.argv[1], os.O_RDWR)
buf = b""
while True:
	chunk = os.read(fd, 4096)
	if not chunk:
		break
	buf += chunk
	while b"\n" in buf:
		line, buf = buf.split(b"\n", 1)
		os.write(m, line + b"\r\n")
PY
serial_pid=$!
cleanup_hooks="$cleanup_hooks kill $serial_pid 2>/dev/null; wait $serial_pid 2>/dev/null;"
i=0
while [ ! -s "$T/serial.name" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
SERIAL=$(cat "$T/serial.name" 2>/dev/null)
[ -n "$SERIAL" ] || skip_all "no pseudo-terminal for the serial scanner"
# serial CODE: the serial scanner reads CODE (never blocking the test).
serial() { timeout 5 sh -c 'printf "%s\n" "$1" >"$2"' sh "$1" "$T/serial.in"; }

# start: a fresh 80x24 session running the counter; ses names it.
_nses=0
start() {
	_old=$ses
	_nses=$((_nses + 1))
	ses="c$_nses"
	tm -f /dev/null new-session -d -s "$ses" -x 80 -y 24 \
	    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 JSD_LANG=en JSD_DB='$JSD_DB' \
	    ASAN_OPTIONS=detect_leaks=0 '$JSD_KIOSK' --mode counter \
	    --station counter-A --frames '$T/frames' --serial '$SERIAL' \
	    2>>'$T/kiosk.err'; echo \$? >'$T/kiosk.rc'; sleep 60"
	[ -z "$_old" ] || tm kill-session -t "$_old"
	wait_for 'staff login'
}



# drop TEXT: a picture of a QR code of TEXT appears in the image folder.
_nframe=0
drop() {
	_nframe=$((_nframe + 1))
	"$MKQR" "$1" "$T/frame.png" && mv "$T/frame.png" "$T/frames/f$_nframe.png"
}
drop_png() {
	_nframe=$((_nframe + 1))
	mv "$1" "$T/frames/f$_nframe.png"
}
# Clears a verdict and waits for the screen to take the next code.
next_code() {
	keys Space
	wait_for 'Scan the code the holder shows'
}
last() { printf '%s\n' "$out" | tail -n 1; }
# login ACCOUNT PASSWORD: on a fresh login screen (the account focused);
# again: after a refusal (the password focused).
login() {
	typed "$1"
	keys Enter
	typed "$2"
	keys Enter
}
again() {
	keys BTab C-u
	login "$@"
}

ctl demo
ok $rc "demo registry"
ctl apply claim --credit-code $code --frp-phone 13912345678
no=$(last)
ctl apply claim --credit-code 12110000429074993M --frp-phone 13912345679
no2=$(last)
JSD_PASSWORD=counter2-pass ctl staff add counter2 --role counter
ok $rc "a second counter account, for the lock"

# --- login ---
start
ok $? "the counter starts at the login"
login super1 jsd-demo-super
wait_for 'supervisor account'
ok $? "a supervisor account cannot serve at a counter"
again counter2 wrong-pass-1
wait_for 'Wrong account name or password \(5 tries left'
ok $? "a wrong password says how many tries are left"
for n in 2 3 4 5; do
	again counter2 wrong-pass-$n
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

# --- a ticket QR through the image folder opens the application ---
drop "JSD:T:$no"
wait_for "review an application"
ok $? "the ticket QR opens the review"
like "$screen" "$no +Certificate claim +Submitted" "of that application"
like "$screen" "FRP ID +$frp_id" "with the full ID number to compare with the card"
like "$screen" "Legal rep\\. ID +$frp_id +$frp_id" "the register's copy beside the form's"
keys F2
wait_for 'Tick every material'
ok $? "approval needs the checklist"
ctl application show "$no"
like "$out" "Status: Submitted" "and nothing was approved"
keys 1 2 3
wait_for '\[x\] 3'
ok $? "materials ticked"
keys F2
# The title can reach tmux before the body: wait for the body's last line.
wait_for 'Valid for [45]:[0-9]{2} more'
ok $? "approved: the claim QR"
like "$screen" "For 张晓华 +\\*{14}5029" "whose it is, ID masked"
like "$screen" "Valid for [45]:[0-9]{2} more" "with its countdown"
pane > "$T/pane.txt"
"$PANE2IMG" "$T/pane.txt" "$T/pane.pgm"
ctl decode "$T/pane.pgm"
tok=$(printf '%s\n' "$out" | sed -n 's/^.*QRCode //p' | head -n 1)
like "$tok" "^JSD:C:[A-Z2-7]{32}$" "the claim QR read back from the screen"
ctl holder claim "$tok" --wallet "$W/frp" --name 张晓华 --id $frp_id \
	--phone 13912345678 --accept-declaration
ok $rc "the FRP claims with it"
wait_for 'CLAIMED'
ok $? "the counter screen says claimed"
unlike "$screen" "▀▀▀|███" "and the QR is gone"
ctl application show "$no"
like "$out" "Status: Approved" "the application is approved"
ctl events --kind idcheck.
like "$out" "idcheck.skipped" "the identity check (none configured) is in the log"
keys Escape
wait_for "Today's applications"
ok $? "back to the queue"

# --- verify: a presented QR through the image folder ---
keys F2
wait_for 'Scan the code the holder shows'
ok $? "the verify screen waits"
ctl holder present --wallet "$W/frp" --as qr --png "$T/p.png"
ok $rc "the FRP presents a QR"
drop_png "$T/p.png"
wait_for 'VALID'
ok $? "the QR from the image folder is verified"
unlike "$screen" "NOT VALID" "as valid"
like "$screen" "北京市示例科学技术研究院 +$code" "showing the institution"
like "$screen" "First responsible person +张晓华 +\\*{14}5029" "and the presenter, ID masked"
unlike "$screen" "$frp_id" "never the full ID number"
like "$screen" "checked against the registry" "a live check, said so"
like "$screen" "Clears in [0-9]+ s" "the verdict clears by itself"
next_code
wait_for 'Scan the code the holder shows'
ok $? "a key clears the verdict"

# --- a barcode from the serial scanner ---
ctl holder present --wallet "$W/frp" --as barcode
bar=$(last)
like "$bar" "^[0-9]{20}$" "a barcode"
serial "$bar"
wait_for 'barcode +\(checked'
ok $? "the barcode from the serial scanner is verified"
unlike "$screen" "NOT VALID" "valid"
next_code

# --- digits typed by hand ---
ctl holder present --wallet "$W/frp" --as digits
dig=$(last)
wait_for 'Scan the code the holder shows'
typed "$(printf '%s' "$dig" | cut -c1-5) $(printf '%s' "$dig" | cut -c6-10) $(printf '%s' "$dig" | cut -c11-15)"
wait_for "Numeric code +[0-9]{5} [0-9]{5} [0-9]{5}"
ok $? "the numeric code typed by hand, grouped"
keys Enter
wait_for 'numeric code +\(checked'
ok $? "and verified"
unlike "$screen" "NOT VALID" "valid"
next_code

# --- seen at another station ---
ctl holder present --wallet "$W/frp" --as digits
dig2=$(last)
ctl --station counter-B verify "$dig2"
ok $rc "verified first at counter B"
wait_for 'Scan the code the holder shows'
typed "$dig2"
keys Enter
wait_for 'Seen before +at station counter-B'
ok $? "counter A is told it was seen at counter B, and when"
next_code

# --- expired: presented 5:01 ago ---
out=$("$FAKETIME_BIN" -f -301 "$JSDCTL" holder present --wallet "$W/frp" --as qr \
	--png "$T/old.png" 2>"$T/stderr") && rc=0 || rc=$?
ok $rc "a QR presented 5:01 ago"
drop_png "$T/old.png"
wait_for 'NOT VALID'
ok $? "is not valid"
like "$screen" "expired" "as expired"
unlike "$screen" "北京市示例|张晓华|$code" "and shows no data"
next_code

# --- the wrong kind: the claim QR at the verify screen ---
drop "$tok"
wait_for 'NOT VALID'
ok $? "a claim QR at the verify screen is not valid"
like "$screen" "Wrong kind of code" "as the wrong kind"
unlike "$screen" "北京市示例|张晓华" "with no data"
next_code

# --- a user, and a matter it is not authorized for ---
ctl holder add-user --wallet "$W/frp" --name 使用人甲 --id 11010519491231002X \
	--phone 13700000001
u1=$(last)
now=$(TZ=Asia/Shanghai date '+%Y-%m-%d %H:%M:%S')
end=$(TZ=Asia/Shanghai date -d '+2 days' '+%Y-%m-%d %H:%M:%S')
ctl holder authorize "$u1" --wallet "$W/frp" --matters tax --from "$now" --to "$end"
ok $rc "the FRP authorizes a user for tax matters"
ctl holder redeem "$(last)" --wallet "$W/u1"
ok $rc "the user redeems it"
ctl holder present --wallet "$W/u1" --as digits
udig=$(last)
wait_for 'Scan the code the holder shows'
keys Right
wait_for '\(\*\) Opening bank accounts'
ok $? "staff pick the matter they handle"
typed "$udig"
keys Enter
wait_for 'NOT VALID FOR THIS MATTER'
ok $? "a user without that matter is not valid for it"
like "$screen" "not authorized for: Opening bank accounts" "saying which"
like "$screen" "Authorized +Tax matters *$" "and the matters it does hold"
like "$screen" "Period +[-0-9]{10} to [-0-9]{10}, 2 days left" "their period and the days left"
next_code
keys Left
wait_for '\(\*\) Any'
ctl holder present --wallet "$W/u1" --as digits
typed "$(last)"
keys Enter
wait_for 'User +使用人甲 +\*{14}002X'
ok $? "with any matter: the user, ID masked"
unlike "$screen" "NOT VALID" "valid"
next_code

# --- a typing slip, and guessing ---
# Numeric codes with a right check digit (Damm, as core/code.c) that no one
# was given.
guesses=$(python3 -c '
import random
t = ["0317598642", "7092154863", "4206871359", "1750983426", "6123045978",
    "3674209581", "5869720134", "8945362017", "9438617205", "2581436790"]
for n in range(6):
	s = "".join(random.choice("0123456789") for _ in range(14))
	i = 0
	for c in s:
		i = int(t[i][int(c)])
	print(s + str(i))
')
slip=$(printf '%s\n' "$guesses" | head -n 1 | sed 's/\(.\)$/ \1/' | \
	awk '{ printf "%s%d\n", $1, ($2 + 1) % 10 }')
typed "$slip"
keys Enter
wait_for 'NOT VALID'
ok $? "a typing slip is not valid"
like "$screen" "check digit does not match" "and is called a typing slip"
next_code
# Each unknown code makes the station wait before the next (2 s, doubling):
# whatever the machine's speed, a few guesses in a row meet the wait.
nguess=0
for g in $(printf '%s\n' "$guesses" | head -n 6); do
	nguess=$((nguess + 1))
	serial "$g"
	wait_for 'There is no such code|Too many wrong codes' ||
		diag "no verdict for a guess"
	printf '%s\n' "$screen" | grep -q 'Too many wrong codes' && break
	next_code
done
like "$screen" 'Too many wrong codes' "guesses in a row: the station must wait"
like "$screen" "Try again after [0-9]{2}:[0-9]{2}:[0-9]{2}" "and is told until when"
next_code

# --- the session history ---
keys F3
wait_for "Codes verified since login: $((9 + nguess))"
ok $? "the session history counts this login's codes"
like "$screen" "expired" "with the expired one"
like "$screen" "not for the matter" "and the matter refused"
keys Escape Escape
wait_for "Today's applications"

# --- reject with a reason, the application opened by its typed number ---
# The institution moved after the form was filled: the register differs.
printf '%s\n' "credit_code,name,address,legal_rep_name,legal_rep_id,legal_rep_phone,level" \
	"$code,北京市示例科学技术研究院,北京市东城区新址1号,张晓华,$frp_id,13800000001,city" \
	>"$T/moved.csv"
ctl import-register "$T/moved.csv"
ok $rc "the register has a new address"
typed "$no2"
keys Enter
wait_for "$no2 +Certificate claim +Submitted"
ok $? "a typed number opens its application"
like "$screen" "Address +北京市西城区演示街225号 +! 北京市东城区新址1号" \
	"the register's new address is marked beside the form's"
like "$screen" "Legal rep\\. +张晓华 +张晓华" "what did not change is not marked"
keys F4
wait_for 'Reject application'
ok $? "the rejection screen"
keys 4 Enter Enter
wait_for 'Please say what the other reason is'
ok $? "'Other' needs a word of explanation"
typed "Seal missing"
keys Enter
wait_for "Application $no2 rejected"
ok $? "rejected, back at the queue"
ctl application show "$no2"
like "$out" "Status: Rejected" "the registry has it rejected"
like "$out" "Other: Seal missing" "with the reason"

# --- logout wipes the session ---
keys F8
wait_for 'staff login'
ok $? "logout returns to the login"
login counter1 jsd-demo-counter
wait_for "Today's applications"
keys F3
wait_for 'No codes verified yet in this session'
ok $? "a new login starts with an empty history"

ok $([ ! -e "$T/kiosk.rc" ]; echo $?) "jsd-kiosk ran the whole session"
keys Escape F10
wait_for 'Quit the program'
ok $? "F10 asks before quitting"
keys Enter
i=0
while [ ! -s "$T/kiosk.rc" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
is "$(cat "$T/kiosk.rc" 2>/dev/null)" 0 "and quits cleanly"
unlike "$(cat "$T/kiosk.err" 2>/dev/null)" "runtime error|AddressSanitizer" \
	"no sanitizer report"

done_testing
