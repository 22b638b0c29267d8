# super-stations.sh: the supervisor's event view shows station ids whole (up
# to 32 characters) at 80x24: which station did what is the point of it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"

long_c=hall1-counter-window-03
long_k=hall1-kiosk-entrance-east-0002
ctl demo
ctl --station $long_k apply claim --credit-code 12110000429074993M \
	--frp-phone 13912345678
no=$(printf '%s\n' "$out" | tail -n 1)
JSD_PASSWORD=jsd-demo-counter ctl --station $long_c approve "$no" --staff counter1
ses=sup
tm -f /dev/null new-session -d -s "$ses" -x 80 -y 24 \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 JSD_LANG=en JSD_DB='$JSD_DB' \
    ASAN_OPTIONS=detect_leaks=0 '$JSD_KIOSK' --mode supervisor --station super-1 \
    2>>'$T/kiosk.err'; sleep 60"
wait_for 'super|Super|Account|account'
typed super1
keys Enter
sleep 0.2
typed jsd-demo-super
keys Enter
wait_for 'Supervisor: day report'
keys F4
wait_for 'Events of .*page 1'
keys F3
wait_for 'filter events'
typed 'app.'
keys F2
wait_for 'filter: kind=app\.'
ok $? "the event view, filtered to applications"
wait_for "$long_k +.*app.submitted"
ok $? "the kiosk's 30-character station id is whole"
like "$screen" "$long_c +counter1 +app.approved" "and so is the counter's"
unlike "$(cat "$T/kiosk.err" 2>/dev/null)" 'runtime error|AddressSanitizer' \
    "no sanitizer reports"
done_testing
