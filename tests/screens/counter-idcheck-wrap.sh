#!/bin/sh
# counter-idcheck-wrap.sh: the identity platform's answer on the counter's
# review is a sentence, wrapped at 80x24, never cut.
. "$top_srcdir/tests/screen.sh"
command -v python3 >/dev/null || skip_all "python3 is not installed"
counter_setup
printf '{"王小明": "11010519491231002X"}\n' > "$T/people.json"
python3 "$top_srcdir/tests/fake-service.py" --port-file "$T/port" \
	--people "$T/people.json" --mode up >/dev/null 2>&1 &
svc=$!
cleanup_hooks="$cleanup_hooks kill $svc 2>/dev/null;"
for i in $(seq 50); do [ -s "$T/port" ] && break; sleep 0.1; done
mkdir -p "$XDG_CONFIG_HOME/jsd-kiosk"
echo "identity_url = http://127.0.0.1:$(cat "$T/port")/identity" \
	> "$XDG_CONFIG_HOME/jsd-kiosk/jsd.conf"
ctl apply claim --credit-code $code --frp-phone 13912345678
no=$(last)
counter_login
typed "$no"
keys Enter
wait_for "$no +Certificate claim"
keys F5
wait_for 'Identity not confirmed'
ok $? "the platform does not know the ID number"
joined=$(printf '%s\n' "$screen" | grep -A1 'Identity not confirmed' | \
	sed 's/^ *Identity check *//; s/^ *//; s/ *$//' | tr '\n' ' ')
like "$joined" "check the ID card and type it again\\." \
	"its answer reads whole, to the full stop"
no_sanitizer_report

done_testing
