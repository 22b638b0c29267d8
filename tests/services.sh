# services.sh: the identity platform and the SMS gateway, played by
# tests/fake-service.py on loopback: identity up, mismatching, refusing, down and
# slow at approval (the application stays as it was), and the certificate
# password locked after 6 wrong and reset with the SMS code the phone receives.
. "$top_srcdir/tests/lib.sh"

command -v python3 >/dev/null || skip_all "python3 is not installed"
printf '{"张晓华": "110118198312055029", "王小明": "11010519491231002X"}\n' \
	> "$T/people.json"
echo up > "$T/mode"
python3 "$top_srcdir/tests/fake-service.py" --port-file "$T/port" \
	--people "$T/people.json" --sms-log "$T/sms.log" --mode-file "$T/mode" \
	--slow 5 --lifetime 120 >/dev/null 2>&1 &
svc=$!
cleanup_hooks="kill $svc 2>/dev/null"
for i in $(seq 50); do [ -s "$T/port" ] && break; sleep 0.1; done
port=$(cat "$T/port")
mkdir -p "$XDG_CONFIG_HOME/jsd-kiosk"
cat > "$XDG_CONFIG_HOME/jsd-kiosk/jsd.conf" <<CONF
identity_url = http://127.0.0.1:$port/identity
sms_url = http://127.0.0.1:$port/sms
http_timeout_ms = 1500
CONF
export JSD_PASSWORD=jsd-demo-counter
code=12110000429074993M
ctl demo
ok $rc "demo registry"

apply() {	# apply NAME ID: a claim naming another FRP; sets no
	"$JSDCTL" apply claim --credit-code $code --frp-name "$1" --frp-id "$2" \
		--frp-phone 13912345678 | tail -n 1
}
approve_in_mode() {	# approve_in_mode MODE NUMBER
	echo "$1" > "$T/mode"
	ctl approve "$2" --staff counter1
}
status_of() { "$JSDCTL" --json application show "$1" | sed -n 's/.*"status": "\([a-z]*\)".*/\1/p'; }

no=$(apply 王小明 11010519491231002X)
for mode in refuse down error garbage; do
	approve_in_mode $mode "$no"
	is "$rc" 1 "identity platform '$mode': approval refused"
	is "$(status_of "$no")" submitted "and the application is as it was"
done
like "$err" "identity|身份" "the message names the identity check"
s=$(date +%s)
approve_in_mode slow "$no"
e=$(date +%s)
is "$rc" 1 "a slow platform is given up on"
ok $([ $((e - s)) -lt 5 ]; echo $?) "within the configured timeout ($((e - s)) s)"
like "$err" "[Tt]ime|超时" "and says it timed out"

mis=$(apply 王小明 110101199001010015)
approve_in_mode up "$mis"
is "$rc" 1 "an ID number the platform does not know is refused"
ctl events --kind idcheck.
like "$out" "idcheck.(not_found|mismatch|error)" "the outcome is logged"
approve_in_mode up "$no"
ok $rc "with the platform up and the person known, approval goes through"
tok=$(printf '%s\n' "$out" | tail -n 1)
is "$(status_of "$no")" approved "the application is approved"

# --- certificate password: lock after 6, reset by SMS ---
W="$T/frp.wallet"
JSD_NEW_PASSWORD=first-pass "$JSDCTL" holder claim "$tok" --wallet "$W" \
	--name 王小明 --id 11010519491231002X --phone 13912345678 \
	--accept-declaration >/dev/null
ok $? "the FRP claims"
for i in 1 2 3 4 5 6; do
	JSD_PASSWORD=wrong-pass ctl holder list --wallet "$W"
done
like "$err" "locked" "6 wrong passwords in a row lock the certificate"
JSD_PASSWORD=first-pass ctl holder list --wallet "$W"
like "$err" "locked" "then the right one is refused too"
echo reject > "$T/mode"
ctl holder reset-password --wallet "$W"
ok $([ "$rc" -ne 0 ]; echo $?) "an SMS gateway that rejects is refused"
like "$err" "SMS|短信" "with a clear message"
echo up > "$T/mode"
ctl holder reset-password --wallet "$W"
ok $rc "a reset code is sent"
like "$out" "139\*\*\*\*5678" "to the registered phone, shown masked"
smscode=$(tail -n 1 "$T/sms.log" | cut -f 2)
like "$(tail -n 1 "$T/sms.log")" "^13912345678	[0-9]{6}$" "the phone received a 6-digit code"
JSD_NEW_PASSWORD=new-pass ctl holder reset-password --wallet "$W" --code 000000
like "$err" "Wrong SMS code" "a wrong code is refused"
JSD_NEW_PASSWORD=new-pass ctl holder reset-password --wallet "$W" --code "$smscode"
ok $rc "the right code sets a new password"
JSD_PASSWORD=new-pass ctl holder list --wallet "$W"
ok $rc "the new password opens the certificate"
JSD_PASSWORD=first-pass ctl holder list --wallet "$W"
like "$err" "Wrong certificate password" "the old one does not"
JSD_NEW_PASSWORD=other-pass ctl holder reset-password --wallet "$W" --code "$smscode"
is "$rc" 1 "an SMS code works once"
JSD_PASSWORD=new-pass JSD_NEW_PASSWORD=changed-pass ctl holder passwd --wallet "$W"
ok $rc "passwd changes the password with the old one"
JSD_PASSWORD=changed-pass ctl holder list --wallet "$W"
ok $rc "and the changed one works"
done_testing
