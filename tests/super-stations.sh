# super-stations.sh: the supervisor's event view shows station ids whole (up
# to 32 characters) at 80x24: which station did what is the point of it.
. "$top_srcdir/tests/screen.sh"

long_c=hall1-counter-window-03
long_k=hall1-kiosk-entrance-east-0002
need_kiosk
demo_registry
ctl --station $long_k apply claim --credit-code $code --frp-phone 13912345678
no=$(last)
JSD_PASSWORD=jsd-demo-counter ctl --station $long_c approve "$no" --staff counter1
super_login
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
no_sanitizer_report
done_testing
