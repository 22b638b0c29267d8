# screens-follow.sh: the counter's queue and the supervisor's day follow what
# other processes change, within a second or two and without F5: a form
# taken at a kiosk after login appears, and an approval or rejection made at
# another station shows its new status; the day's figures move with them.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"

code=12110000429074993M
last() { printf '%s\n' "$out" | tail -n 1; }
session() {	# session NAME MODE
	tm -f /dev/null new-session -d -s "$1" -x 80 -y 24 \
	    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 JSD_LANG=en JSD_DB='$JSD_DB' \
	    ASAN_OPTIONS=detect_leaks=0 '$JSD_KIOSK' --mode $2 --station $1 \
	    2>>'$T/kiosk.err'; sleep 60"
}
login() {	# login NAME PASSWORD
	typed "$1"
	keys Enter
	sleep 0.2
	typed "$2"
	keys Enter
}

ctl demo
ctl apply claim --credit-code $code --frp-phone 13912345678
first=$(last)
ses=counter-A
session counter-A counter
wait_for 'staff login'
login counter1 jsd-demo-counter
wait_for "Today's applications: 1 shown of 1"
ok $? "the counter's queue: one application"

ctl --station kiosk-3 apply claim --credit-code 12110000471228060A \
	--frp-phone 13700002222
second=$(last)
WAIT_TENTHS=40 wait_for "$second"
ok $? "a form taken at a kiosk after login appears within seconds (the old refresh took 5), no F5"
JSD_PASSWORD=jsd-demo-counter ctl --station counter-B approve "$first" \
	--staff counter1
WAIT_TENTHS=40 wait_for "$first .*[Aa]pproved"
ok $? "another station's approval shows within seconds"
JSD_PASSWORD=jsd-demo-counter ctl --station counter-B reject "$second" \
	--staff counter1 --reason 材料不全
WAIT_TENTHS=40 wait_for "$second .*[Rr]ejected"
ok $? "and a rejection"

ses=super-1
session super-1 supervisor
wait_for 'super|Super|Account|account'
login super1 jsd-demo-super
wait_for "applications taken +2 "
ok $? "the supervisor's day: 2 applications taken"
ctl --station kiosk-3 apply claim --credit-code 12110000448904091B \
	--frp-phone 13700003333
WAIT_TENTHS=100 wait_for "applications taken +3 "
ok $? "a third, taken at a kiosk, counts within seconds (the old refresh took 30)"
unlike "$(cat "$T/kiosk.err" 2>/dev/null)" 'runtime error|AddressSanitizer' \
    "no sanitizer reports"
done_testing
