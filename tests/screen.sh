# screen.sh: the common set-up of the screen tests (tests/screens/*.sh), one
# behaviour a script as tmux's regress/: each script makes its own registry
# through lib.sh, starts the real program in its own tmux server and checks one
# thing, so one failure hides nothing else and the scripts run in parallel.
# Sourced first: it sources lib.sh and tmux.sh.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"

# libfaketime is preloaded ahead of the sanitizer runtime in some scripts.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
export JSD_PASSWORD=holder-pass JSD_NEW_PASSWORD=holder-pass
code=12110000429074993M		# 北京市示例科学技术研究院, legal rep 张晓华
frp_id=110118198312055029	# 张晓华's ID number
W="$T/wallets"
mkdir -p "$W" "$T/frames"

need_kiosk() { [ -x "$JSD_KIOSK" ] || skip_all "jsd-kiosk not built"; }
need_faketime() { [ -n "${FAKETIME_BIN:-}" ] || skip_all "faketime is not installed"; }
need_sqlite3() { [ -n "${SQLITE3_BIN:-}" ] || skip_all "sqlite3 is not installed"; }
need_python3() { command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"; }

demo_registry() {
	ctl demo
	ok $rc "demo registry"
}

# run_program LANG PROGRAM ARGS...: PROGRAM in a fresh session of
# ${pane_w:-80}x${pane_h:-24} (a test whose text needs more room sets them), in
# language LANG; its exit status lands in $T/rc, its standard error in
# $T/stderr.kiosk. The new session is made before the old one goes, so the
# server never stops between the two. ncurses keeps its screen until exit:
# leak reports would only be noise.
_nses=0
run_program() {
	_lang=$1
	shift
	_cmd=
	for _a in "$@"; do
		_cmd="$_cmd '$_a'"
	done
	_old=$ses
	_nses=$((_nses + 1))
	ses="s$_nses"
	rm -f "$T/rc"
	tm -f /dev/null new-session -d -s "$ses" -x "${pane_w:-80}" \
	    -y "${pane_h:-24}" \
	    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 JSD_LANG=$_lang JSD_DB='$JSD_DB' \
	    ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0 $_cmd \
	    2>>'$T/stderr.kiosk'; echo \$? >'$T/rc'; sleep 60"
	[ -z "$_old" ] || tm kill-session -t "$_old"
}

# wait_gone PATTERN: polls the pane until PATTERN is no longer on it, as
# long as wait_for would wait for it.
wait_gone() {
	_j=0
	while [ $_j -lt "${WAIT_TENTHS:-200}" ]; do
		screen=$(pane 2>/dev/null)
		printf '%s\n' "$screen" | grep -Eq -- "$1" || return 0
		sleep 0.1
		_j=$((_j + 1))
	done
	return 1
}

# The program's exit status once it has exited (waits up to 10 s).
exit_status() {
	_i=0
	while [ ! -s "$T/rc" ] && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
	cat "$T/rc" 2>/dev/null
}
still_running() { ok "$([ ! -e "$T/rc" ]; echo $?)" "$1"; }
no_sanitizer_report() {
	unlike "$(cat "$T/stderr.kiosk" 2>/dev/null)" \
	    "runtime error|AddressSanitizer" "no sanitizer report"
}

# --- self-service (kiosk mode, Chinese) ---

# kiosk_setup [CONFIG]: a demo registry and the kiosk at its start screen.
kiosk_setup() {
	need_kiosk
	demo_registry
	kiosk_start "$@"
}
# status_setup: a demo registry, a claim applied for (its number in $no)
# and the kiosk at its start screen, for the application status screen.
status_setup() {
	need_kiosk
	demo_registry
	ctl apply claim --credit-code $code --frp-phone 13912345678
	no=$(last)
	kiosk_start
}
# status_lookup DIGITS: on the status screen, $no and DIGITS for its phone's end.
status_lookup() {
	typed "$no"
	keys Tab
	typed "$1"
	keys Enter
}
# kiosk_start [CONFIG]: the kiosk at its start screen.
kiosk_start() { kiosk_start_in zh_CN "$@"; }
# kiosk_start_in LANG [CONFIG]: the kiosk at its start screen, in LANG.
kiosk_start_in() {
	[ -e "$T/kiosk.conf" ] || printf 'idle_seconds = 90\n' >"$T/kiosk.conf"
	run_program "$1" "$JSD_KIOSK" --mode kiosk --station kiosk-7 \
	    --config "${2:-$T/kiosk.conf}"
	case $1 in
	en)	wait_for 'Press any key to start' ;;
	*)	wait_for '请按任意键开始' ;;
	esac
}
# Chinese comes from an input method as whole characters at once.
chinese() { tm send-keys -t "$ses" -l "$1"; }
# A keyboard-wedge scanner: the whole code in one burst, then Enter.
scan() { tm send-keys -t "$ses" -l "$1" && tm send-keys -t "$ses" Enter; }
# The application number on the ticket screen.
ticket_number() {
	printf '%s\n' "$screen" | grep -oE '[0-9]{8}-[0-9]{4}' | head -n 1
}
# A field of jsdctl --json application show's output in $out.
field() { printf '%s\n' "$out" | sed -n "s/^  \"$1\": \\(.*\\),\$/\\1/p"; }
# kiosk_claim_form: from the start screen to an empty claim form.
kiosk_claim_form() {
	keys Space
	wait_for '请选择要填写的申请表'
	keys 1
	wait_for '法定代表人身份证号'
}
# kiosk_claim_rep ID: from the start screen, the legal representative's claim
# with the credit code and ID as the legal representative's typed, and the
# ID's field left.
kiosk_claim_rep() {
	kiosk_claim_form
	typed "$code"
	keys Tab
	wait_for '北京市示例科学技术研究院'
	keys Tab
	typed "$1"
	keys Tab
}
# kiosk_submit_claim: from the start screen, the legal representative's claim
# filled in, reviewed and submitted; the ticket screen follows.
kiosk_submit_claim() {
	kiosk_claim_rep "$frp_id"
	typed 13912345678
	keys F10
	wait_for '核对申请信息'
	keys F10
}
# fake_printer_ticket STATUS: back at the start, the kiosk restarted with a
# printer on a pseudo-terminal ($T/lp, tests/fake-printer.py answering its
# paper query with STATUS; its pid in $fake), and a claim submitted. Where
# no pseudo-terminal can be made, the rest of the test is skipped.
fake_printer_ticket() {
	keys Space
	wait_for '请按任意键开始'
	python3 "$top_srcdir/tests/fake-printer.py" "$T/lp" "$1" 2>/dev/null &
	fake=$!
	cleanup_hooks="$cleanup_hooks kill $fake 2>/dev/null;"
	_i=0
	while [ ! -e "$T/lp" ] && [ $_i -lt 100 ] && kill -0 $fake 2>/dev/null; do
		sleep 0.1
		_i=$((_i + 1))
	done
	if [ ! -e "$T/lp" ]; then
		ok 0 "# SKIP no pseudo-terminal for the printer"
		done_testing
		exit
	fi
	printf 'idle_seconds = 90\nprinter = %s\n' "$T/lp" >"$T/print.conf"
	kiosk_start "$T/print.conf"
	kiosk_submit_claim
}
# kiosk_other_form: from the start screen, a claim form for $code with
# "another person" chosen, the cursor on that choice.
kiosk_other_form() {
	kiosk_claim_form
	typed "$code"
	keys Tab
	wait_for '北京市示例科学技术研究院'
	keys Right
	# The choice itself: the self case also has a "legal rep. ID" line.
	wait_for '\(\*\) 法定代表人授权'
}
# kiosk_fill_other NAME ID PHONE: a claim form for another person, filled.
kiosk_fill_other() {
	kiosk_other_form
	kiosk_other_details "$@"
}
# kiosk_other_details NAME ID PHONE: on a claim form set to another person,
# the FRP's name, ID number and mobile typed, the cursor past the mobile.
kiosk_other_details() {
	keys Tab
	chinese "$1"
	keys Tab
	typed "$2"
	keys Tab
	typed "$3"
	keys Tab
}

# --- the counter (English) ---

# serial_scanner: a serial scanner, a pty that python holds, fed through a
# FIFO; sets SERIAL to its device.
serial_scanner() {
	need_python3
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
	_i=0
	while [ ! -s "$T/serial.name" ] && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
	SERIAL=$(cat "$T/serial.name" 2>/dev/null)
	[ -n "$SERIAL" ] || skip_all "no pseudo-terminal for the serial scanner"
}
# serial CODE: the serial scanner reads CODE (never blocking the test).
serial() { timeout 5 sh -c 'printf "%s\n" "$1" >"$2"' sh "$1" "$T/serial.in"; }

# counter_start: the counter at its login, reading the image folder (and the
# serial scanner if serial_scanner ran).
counter_start() {
	if [ -n "${SERIAL:-}" ]; then
		run_program en "$JSD_KIOSK" --mode counter --station counter-A \
		    --frames "$T/frames" --serial "$SERIAL"
	else
		run_program en "$JSD_KIOSK" --mode counter --station counter-A \
		    --frames "$T/frames"
	fi
	wait_for 'staff login'
}
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
counter_setup() {
	need_kiosk
	demo_registry
}
# verify_setup: a claimed certificate (claimed), counter1 at the verify screen.
verify_setup() {
	counter_setup
	claimed
	counter_verify_screen
}
# counter_login: counter1 logged in, at today's queue.
counter_login() {
	counter_start
	login counter1 jsd-demo-counter
	wait_for "Today's applications"
}
# counter_verify_screen: logged in, at the verify screen.
counter_verify_screen() {
	counter_login
	keys F2
	wait_for 'Scan the code the holder shows'
}
# counter_cert_screen: the FRP's certificate claimed, counter1 logged in and
# at the certificate view, asked for a code.
counter_cert_screen() {
	counter_setup
	claimed
	counter_login
	keys F4
	wait_for 'Type the unified social credit code'
}
# counter_cert_typed: $code typed there opens its certificate ($? says so).
counter_cert_typed() {
	typed "$code"
	keys Enter
	wait_for '^ *Purpose and scope'
}
# drop TEXT: a picture of a QR code of TEXT appears in the image folder.
_nframe=0
# counter_open_claim: a claim of $code submitted ($no is its number), counter1
# logged in ($login_rc says whether), its ticket QR dropped in the image
# folder: the review, once wait_for finds it ($? says whether).
counter_open_claim() {
	ctl apply claim --credit-code $code --frp-phone 13912345678
	no=$(last)
	counter_login
	login_rc=$?
	drop "JSD:T:$no"
	wait_for "review an application"
}
drop() {
	_nframe=$((_nframe + 1))
	"$top_builddir/tests/mkqr" "$1" "$T/frame.png" &&
	    mv "$T/frame.png" "$T/frames/f$_nframe.png"
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
# claimed: the certificate claimed by its FRP, whose wallet is $W/frp.
claimed() {
	approve_claim
	ctl holder claim "$tok" --wallet "$W/frp" --name 张晓华 --id $frp_id \
	    --phone 13912345678 --accept-declaration
	ok $rc "the FRP claimed the certificate"
}

# authorized_user: the FRP adds a user (its wallet $W/u1, its id $u1),
# authorized for tax matters for 2 days from now, redeemed.
authorized_user() {
	ctl holder add-user --wallet "$W/frp" --name 使用人甲 --id 11010519491231002X \
	    --phone 13700000001
	u1=$(last)
	_now=$(TZ=Asia/Shanghai date '+%Y-%m-%d %H:%M:%S')
	_end=$(TZ=Asia/Shanghai date -d '+2 days' '+%Y-%m-%d %H:%M:%S')
	ctl holder authorize "$u1" --wallet "$W/frp" --matters tax --from "$_now" \
	    --to "$_end"
	ok $rc "the FRP authorizes a user for tax matters"
	ctl holder redeem "$(last)" --wallet "$W/u1" --accept-declaration
	ok $rc "the user redeems it"
}

# --- the supervisor (English) ---

# super_activity: a day's activity through jsdctl: 2 applications ($app1,
# $app2), $app1 approved by counter1, 5 unknown codes verified at kiosk-1,
# counter1 locked by 6 wrong passwords.
super_activity() {
	JSD_STATION=kiosk-1 ctl apply claim --credit-code $code --frp-phone 13912345678
	app1=$(last)
	JSD_STATION=kiosk-2 ctl apply claim --credit-code $code --frp-phone 13912345678
	app2=$(last)
	JSD_STATION=counter-1 JSD_PASSWORD=jsd-demo-counter ctl approve "$app1" \
	    --staff counter1
	ok $rc "approved $app1 as counter1"
	for _i in 1 2 3 4 5; do
		JSD_STATION=kiosk-1 ctl verify "000000000$_i"
	done
	for _i in 1 2 3 4 5 6; do
		JSD_STATION=counter-2 JSD_PASSWORD=wrong-password ctl staff login counter1
	done
	ctl staff list
	like "$out" "counter1 +counter +locked" "counter1 is locked"
}
# super_setup [--no-activity]: a demo registry, a day's activity unless told
# not, and super1 at the day report.
super_setup() {
	need_kiosk
	demo_registry
	[ "${1:-}" = --no-activity ] || super_activity
	super_login
}
# super_login: super1 logged in, at the day report.
super_login() {
	run_program en "$JSD_KIOSK" --mode supervisor --station super-1
	wait_for 'Supervisor: login'
	ok $? "login screen shown"
	typed super1
	keys Enter
	sleep 0.2
	typed jsd-demo-super
	keys Enter
	wait_for 'Supervisor: day report'
	ok $? "logged in as super1: the day report"
}
# Text for a supervisor form: a fast burst, which the forms take as typing.
fast() { tm send-keys -t "$ses" -l "$1"; sleep 0.3; }

# --- the widget toolkit through tests/tui-harness ---

QRTEXT="JSD-TEST-0123456789"
# A code too big for 80x24 (version 10 and up) that fits at 100x40.
QRBIG="https://example.invalid/$(printf '%0160d' 7 | tr 0 q)"
# harness_start [HARNESS OPTIONS]: the harness's form; its output in $T/out.
harness_start() {
	rm -f "$T/out"
	run_program en "$top_builddir/tests/tui-harness" "$@" "$T/out" "$QRTEXT" \
	    "$QRBIG"
	wait_for 'TUI harness'
}
# The line of the pane that follows the one matching PATTERN.
line_after() { printf '%s\n' "$screen" | grep -A1 -E -- "$1" | sed -n 2p; }
type_text() { tm send-keys -t "$ses" -l "$1"; }
