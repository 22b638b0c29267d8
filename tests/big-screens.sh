# big-screens.sh: a big terminal is used, not an 80-column island in it: at
# 200x60 the title spans the width, the footer is on the last line, and the
# counter's queue shows as many applications as the height allows.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"

session() {	# session NAME MODE COLS ROWS
	tm -f /dev/null new-session -d -s "$1" -x "$3" -y "$4" \
	    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 JSD_LANG=en JSD_DB='$JSD_DB' \
	    ASAN_OPTIONS=detect_leaks=0 '$JSD_KIOSK' --mode $2 --station $1 \
	    2>>'$T/kiosk.err'; sleep 60"
}
line() { printf '%s\n' "$screen" | sed -n "$1p"; }

ctl demo
ses=kiosk-7
session kiosk-7 kiosk 200 60
wait_for 'Press any key to start'
like "$(line 60)" "F2 +" "the footer is on the 60th line"
like "$(line 1)" "^ .{150,}kiosk-7 " "the title spans the 200 columns"

for i in $(seq 1 30); do
	"$JSDCTL" apply claim --credit-code 12110000429074993M \
		--frp-phone 139123456$(printf '%02d' "$i") >/dev/null 2>&1
done
count_rows() { printf '%s\n' "$screen" | grep -cE '[0-9]{8}-[0-9]{4} '; }
for size in "80 24" "200 60"; do
	set -- $size
	ses=counter-$1
	session "$ses" counter "$1" "$2"
	wait_for 'staff login'
	typed counter1
	keys Enter
	sleep 0.2
	typed jsd-demo-counter
	keys Enter
	wait_for "Today's applications: 30 shown of 30"
	eval "rows_$1=\$(count_rows)"
done
ok $([ "$rows_80" -lt 30 ] && [ "$rows_200" -eq 30 ]; echo $?) \
	"the queue shows all 30 at 200x60 ($rows_200), fewer at 80x24 ($rows_80)"
unlike "$(cat "$T/kiosk.err" 2>/dev/null)" 'runtime error|AddressSanitizer' \
    "no sanitizer reports"
done_testing
