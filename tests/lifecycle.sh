# lifecycle.sh: the whole certificate lifecycle through jsdctl, on the real
# binary, with libfaketime freezing the clock so that every edge is exact:
# claim QRs at 4:59 and 5:00, authorization spans of 1 day - 1 s, 1 day, 1 year
# and 1 year + 1 day, presented codes at expiry, reuse, the 4th manager, the
# deletion cascade, visibility per role, and codes of the wrong kind.
. "$top_srcdir/tests/lib.sh"

[ -n "$FAKETIME_BIN" ] || skip_all "faketime is not installed"
# libfaketime is preloaded ahead of the sanitizer runtime.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
export TZ=UTC

# at, utc and local_time (tests/lib.sh) count seconds from base.
base=$(date -u -d '2026-11-24 02:00:00' +%s)	# 10:00 in Shanghai
W="$T/wallets"
mkdir -p "$W"
export JSD_PASSWORD=holder-pass JSD_NEW_PASSWORD=holder-pass
code=12110000429074993M
frp_id=110118198312055029

at 0 demo
ok $rc "demo registry with its signing key"
key=${JSD_KEY_FILE:-$JSD_DB.key}
ok $([ -f "$key" ] && [ "$(stat -c %a "$key")" = 600 ]; echo $?) \
	"the signing key file is mode 0600"
at 0 apply claim --credit-code $code --frp-phone 13912345678
no=$(last)

# --- claim QR: 5 minutes, single use, replaced when asked again ---
JSD_PASSWORD=jsd-demo-counter at 0 approve "$no" --staff counter1 --png "$T/claim.png"
ok $rc "the counter approves"
tok1=$(last)
like "$tok1" "^JSD:C:" "and gets a claim QR"
ok $([ -s "$T/claim.png" ]; echo $?) "with its picture"
at 300 holder claim "$tok1" --wallet "$W/frp" --name 张晓华 --id $frp_id \
	--phone 13912345678 --accept-declaration
is "$rc" 1 "a claim QR at exactly 5:00 is refused"
like "$err" "expired" "as expired"
JSD_PASSWORD=jsd-demo-counter at 300 approve "$no" --staff counter1
tok2=$(last)
ok $([ "$tok2" != "$tok1" ]; echo $?) "asking again makes a new claim QR"
at 310 holder claim "$tok1" --wallet "$W/frp" --name 张晓华 --id $frp_id \
	--phone 13912345678 --accept-declaration
like "$err" "replaced" "the old one is void"
at 599 holder claim "$tok2" --wallet "$W/frp" --name 张晓华 --id $frp_id \
	--phone 13900000000 --accept-declaration
like "$err" "not what the counter wrote" "other details than the counter wrote are refused"
at 599 holder claim "$tok2" --wallet "$W/frp" --name 张晓华 --id $frp_id \
	--phone 13912345678
like "$err" "declaration" "the download declaration must be accepted"
at 599 holder claim "$tok2" --wallet "$W/frp" --name 张晓华 --id $frp_id \
	--phone 13912345678 --accept-declaration
ok $rc "the claim QR at 4:59 works"
ok $([ "$(stat -c %a "$W/frp")" = 600 ]; echo $?) "the wallet file is mode 0600"
at 600 holder claim "$tok2" --wallet "$W/frp2" --name 张晓华 --id $frp_id \
	--phone 13912345678 --accept-declaration
like "$err" "used already" "a used claim QR is refused"
at 600 verify "$tok2"
is "$rc" 1 "a claim QR at the verify screen is not valid"
like "$out" "Wrong kind" "as the wrong kind of code"

# --- managers: at most 3 ---
for m in 1 2 3; do
	at 700 holder add-manager --wallet "$W/frp" --name 管理人$m \
		--id "$(printf '11010519900101%03d' $m)X" --phone 1380000100$m
	ok $([ $rc -ne 0 ]; echo $?) "manager $m with a bad ID is refused"
done
ids="110101199001010015 110101199001010031 110101199001010058 110101199001010074"
m=0
for id in $ids; do
	m=$((m + 1))
	at 700 holder add-manager --wallet "$W/frp" --name 管理人$m --id "$id" \
		--phone 1380000100$m
	if [ $m -le 3 ]; then
		ok $rc "manager $m added"
		mtok=$(last)
		at 701 holder redeem "$mtok" --wallet "$W/m$m" --accept-declaration
		ok $rc "manager $m redeems its QR face to face"
	else
		is "$rc" 1 "a 4th manager is refused"
		like "$err" "3 managers already" "naming the rule"
	fi
done

# --- users and authorization spans ---
at 800 holder add-user --wallet "$W/m1" --name 使用人甲 --id 11010519491231002X \
	--phone 13700000001
ok $rc "manager 1 adds a user"
u1=$(last)
t0=$(local_time 900)
at 900 holder authorize "$u1" --wallet "$W/m1" --matters tax,bank_account \
	--from "$t0" --to "$(local_time $((900 + 86399)))"
like "$err" "at least one day" "a span of 1 day - 1 s is refused"
at 900 holder authorize "$u1" --wallet "$W/m1" --matters tax \
	--from "$t0" --to "$(local_time $((900 + 86400)))"
ok $rc "a span of exactly 1 day is granted"
at 900 holder authorize "$u1" --wallet "$W/m1" --matters tax \
	--from "$t0" --to "2027-11-24 10:15:00"
ok $rc "a span of exactly 1 year is granted"
at 900 holder authorize "$u1" --wallet "$W/m1" --matters tax \
	--from "$t0" --to "2027-11-25 10:15:00"
like "$err" "at most one year" "1 year + 1 day is refused"
at 900 holder authorize "$u1" --wallet "$W/m1" --matters fishing \
	--from "$t0" --to "$(local_time $((900 + 86400)))"
like "$err" "not on the list" "an unknown matter is refused"
at 900 holder authorize "$u1" --wallet "$W/m1" --matters tax,bank_account \
	--from "$t0" --to "$(local_time $((900 + 2 * 86400)))"
ok $rc "the authorization the user will use"
atok=$(last)
at 910 holder redeem "$atok" --wallet "$W/u1" --accept-declaration
ok $rc "the user redeems it and gets a wallet"
at 911 holder redeem "$atok" --wallet "$W/u1b"
like "$err" "used already" "an authorization QR works once"

# --- visibility ---
at 920 holder list --wallet "$W/frp"
is "$(printf '%s\n' "$out" | grep -c '^Person')" 5 "the FRP sees itself, 3 managers, the user"
at 920 holder list --wallet "$W/m1"
is "$(printf '%s\n' "$out" | grep -c '^Person')" 2 "manager 1 sees itself and its user"
at 920 holder list --wallet "$W/m2"
is "$(printf '%s\n' "$out" | grep -c '^Person')" 1 "manager 2 sees only itself"
at 920 holder list --wallet "$W/u1"
is "$(printf '%s\n' "$out" | grep -c '^Person')" 1 "the user sees only itself"
is "$(printf '%s\n' "$out" | grep -c '^Authorization')" 3 "and its own 3 authorizations"
is "$(printf '%s\n' "$out" | grep -c '^Authorization.* active ')" 1 "one of them redeemed, in force"
at 920 holder delete-user "$u1" --wallet "$W/m2"
is "$rc" 1 "manager 2 cannot delete manager 1's user"

# --- presenting and verifying ---
at 1000 holder present --wallet "$W/u1" --as qr --png "$T/p.png"
ok $rc "the user presents a QR"
pqr=$(last)
like "$pqr" "^JSD:P:" "a signed presented code"
ok $([ ${#pqr} -le 154 ]; echo $?) "that fits QR version 6-M (${#pqr} chars)"
at 1010 --station counter-A --json verify "$pqr"
like "$out" '"valid": true' "valid at counter A"
like "$out" '"name": "使用人甲"' "showing the user's name"
like "$out" '"id_number": "\*{14}002X"' "and the masked ID"
like "$out" '"matters": "tax,bank_account"' "and the authorized matters"
at 1020 --station counter-B --json verify "$pqr"
like "$out" '"station": "counter-A"' "counter B is told it was seen at counter A"
# One character of the signed body changed, always to a different one.
bad=$(printf '%s' "$pqr" | sed 's/^JSD:P:0/JSD:P:X/; t; s/^JSD:P:./JSD:P:0/')
ok $([ "$bad" != "$pqr" ] && [ ${#bad} -eq ${#pqr} ]; echo $?) "an altered copy differs in one character"
at 1020 key
"$FAKETIME_BIN" -f "$(utc 1020)" "$JSDCTL" key > "$T/registry.pub"
like "$out" "^1 [0-9a-f]{64} [0-9]+$" "the public key is given out for offline checks"
at 1030 --json verify --offline --key "$T/registry.pub" "$pqr"
like "$out" '"check": "offline"' "an offline check says so"
like "$out" '"valid": true' "and passes on signature and expiry"
unlike "$out" "使用人甲" "without registry data to show"
at 1030 --json verify --offline --key "$T/registry.pub" "$bad" 2>/dev/null
like "$out" '"valid": false' "offline, an altered QR fails too"
at 1300 --json verify --offline --key "$T/registry.pub" "$pqr"
like "$out" '"outcome": "expired"' "offline, 5:00 is expired"
at 1300 --station counter-B --json verify "$pqr"
like "$out" '"valid": false' "at 5:00 it is not valid"
like "$out" '"outcome": "expired"' "as expired"
unlike "$out" "使用人甲|institution" "and shows no data"
at 1010 --json verify "$bad"
like "$out" '"valid": false' "an altered QR is not valid"
at 1010 holder present --wallet "$W/u1" --as digits --png "$T/digits.png"
dig=$(last)
at 1010 decode "$T/digits.png"
like "$out" "Code128 $dig$" "the numeric code's picture is a barcode of its digits"
like "$dig" "^[0-9]{15}$" "numeric code of 15 digits"
at 1011 --json verify --digits "$dig"
like "$out" '"valid": true' "the numeric code verifies"
typo=$(printf '%s' "$dig" | sed 's/^\(.\)/X\1/; s/^X0/1/; s/^X[1-9]/0/')
at 1012 --json verify --digits "$typo"
like "$out" '"outcome": "(typo|unknown)"' "a changed first digit is caught"
at 1013 holder present --wallet "$W/u1" --as barcode --png "$T/bar.png"
bar=$(last)
at 1014 --json verify "$bar"
like "$out" '"valid": true' "the barcode verifies"

# --- usage records, as each role may see them ---
at 1500 holder records --wallet "$W/m1"
like "$out" "verify +counter-A .* valid +使用人甲" "manager 1 sees where its user's codes were used"
like "$out" "expired +使用人甲" "including the refused ones"
at 1500 holder records --wallet "$W/m2"
unlike "$out" "使用人甲" "manager 2 does not see them"
at 1500 holder records --wallet "$W/frp"
like "$out" "counter-B" "the FRP sees every record"

# --- lapse, cascade ---
at $((900 + 2 * 86400)) holder present --wallet "$W/u1" --as qr
like "$err" "no authorization in force" "after its end the authorization has lapsed"
at 2000 holder delete-manager 2 --wallet "$W/m1"
is "$rc" 1 "a manager cannot delete managers"
m1id=$("$FAKETIME_BIN" -f "$(utc 2000)" "$JSDCTL" --json holder list --wallet "$W/m1" | \
	sed -n 's/.*"me": \([0-9]*\).*/\1/p')
at 2000 holder delete-manager "$m1id" --wallet "$W/frp"
ok $rc "the FRP deletes manager 1"
at 2001 holder list --wallet "$W/u1"
like "$err" "no longer works" "its user is gone too"
at 2001 holder list --wallet "$W/m1"
like "$err" "no longer works" "and its own certificate copy stops working"
at 2002 --json verify "$pqr"
like "$out" '"valid": false' "codes of deleted people are not valid"

# --- scan-to-login ---
at 3000 login-qr --system bank-portal
ltok=$(last)
at 3001 login-status "$ltok"
like "$out" "Waiting" "the login QR waits"
at 3002 holder scan-login "$ltok" --wallet "$W/m2"
ok $rc "manager 2 scans it"
at 3003 login-status "$ltok"
like "$out" "Logged in: .*$code" "and the system learns the institution"
at 3003 verify "$ltok"
like "$out" "Wrong kind" "a login QR at the verify screen is the wrong kind"

# --- FRP change: the old copy stops at once, roles stay ---
at 4000 apply frp-change --credit-code $code --reason frp-change \
	--frp-name 赵新 --frp-id 110101199001010090 --frp-phone 13912340000
chg=$(last)
JSD_PASSWORD=jsd-demo-counter at 4001 approve "$chg" --staff counter1
ctok=$(last)
at 4002 holder list --wallet "$W/frp"
like "$err" "no longer works" "the old FRP's copy stops working at once"
at 4003 holder claim "$ctok" --wallet "$W/frp-new" --name 赵新 \
	--id 110101199001010090 --phone 13912340000 --accept-declaration
ok $rc "the new FRP claims"
at 4004 holder list --wallet "$W/frp-new"
like "$out" "manager +active +管理人2" "managers keep their roles"
at 4005 holder changes --wallet "$W/frp-new"
like "$out" "FRP change" "the change is a change record"

# --- the registration authority's changes are made by a person ---
at 4899 --json holder list --wallet "$W/frp-new"
frp_hid=$(printf '%s\n' "$out" | sed -n 's/.*"me": \([0-9]*\).*/\1/p')
at 4900 cert phone-change $code --person "$frp_hid" --phone 13912340001
is "$rc" 2 "a change needs --staff"
JSD_PASSWORD=jsd-demo-super at 4900 cert phone-change $code --staff super1 \
	--person "$frp_hid" --phone 13912340001
is "$rc" 1 "a supervisor does not make the changes"
like "$err" "Only counter staff" "counter staff do"
JSD_PASSWORD=jsd-demo-counter at 4900 cert phone-change $code --staff counter1 \
	--person "$frp_hid" --phone 13912340001
ok $rc "counter staff record a phone change with their password"
at 4900 events --kind cert.phone_change
like "$out" "counter1 +cert.phone_change" "and the event names them"

# --- cancellation stops every code at once ---
at 5000 holder present --wallet "$W/m2" --as qr
mqr=$(last)
at 5001 cert cancel $code --detail 注销登记
is "$rc" 2 "cancelling needs a staff login"
JSD_PASSWORD=jsd-demo-counter at 5001 cert cancel $code --staff counter1 --detail 注销登记
is "$rc" 1 "counter staff cannot cancel a certificate"
like "$err" "Only a supervisor" "only a supervisor can"
JSD_PASSWORD=wrong-password at 5001 cert cancel $code --staff super1 --detail 注销登记
is "$rc" 1 "nor a supervisor's name with a wrong password"
JSD_PASSWORD=jsd-demo-super at 5001 cert cancel $code --staff super1 --detail 注销登记
ok $rc "the registration authority's supervisor cancels the certificate"
at 5001 events --kind cert.cancellation
like "$out" "super1 +cert.cancellation" "and the event names the supervisor"
at 5002 --json verify "$mqr"
like "$out" '"outcome": "revoked"' "a code made before is revoked"
at 5003 holder records --wallet "$W/m2"
is "$rc" 1 "a cancelled certificate's wallets stop"
at 5004 events --kind verify.
like "$out" "verify.valid" "verifications are in the event log"
like "$out" "verify.expired" "with their outcome"
done_testing
