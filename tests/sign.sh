# sign.sh: scan-to-sign through the real jsdctl, the clock frozen by
# libfaketime. The FRP signs a document (request, sign, status, verified
# online and offline); a request is single use and lasts 5 minutes; a user
# signs only inside its authorization for "sign" (refused before and after,
# by the registry), and its signature, checked offline, holds at its time;
# once the user is deleted, online says revoked since, offline still valid;
# both signatures are usage records the FRP sees; a password reset re-keys;
# a holder certificate expires.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/holders.sh"

command -v python3 >/dev/null || skip_all "python3 is not installed"
# The user is authorized for a day from 09:00 Shanghai time (base + 3600).
end=$((3600 + 86400))
holders_setup 3600 $end "tax,sign"
"$FAKETIME_BIN" -f "$(utc 5)" "$JSDCTL" key > "$T/registry.pub"
printf '合同正文：示例\n' > "$T/doc"

# request S: a new sign request at base+S, its text in $req.
request() {
	at "$1" sign-request --system 网上办事大厅 --document "$T/doc"
	req=$(last)
}

# --- the FRP signs ---
request 100
ok $rc "a system asks for a signature"
like "$req" '^JSD:S:[A-Z2-7]{32}[0-9A-F]{64}$' "with a request QR as the last line"
is "$(printf '%s' "$req" | cut -c39- | tr A-F a-f)" "$(sha256sum "$T/doc" | cut -c1-64)" \
	"carrying the document's SHA-256"
at 100 holder sign "$(printf '%s' "$req" | cut -c1-38)$(printf '%064d' 0)" \
	--wallet "$W/frp"
is "$rc" 1 "a request QR whose digest was changed is refused"
like "$err" "altered" "as altered"
at 101 sign-status "$req"
is "$rc" 1 "sign-status: 1 while waiting"
at 101 verify "$req"
is "$rc" 1 "a sign request QR at the verify screen is not valid"
like "$out" "Wrong kind" "as the wrong kind of code"
at 101 holder redeem "$req" --wallet "$W/frp"
is "$rc" 1 "nor is it an authorization QR"
at 101 login-qr --system 网上办事大厅
at 101 holder sign "$(last)" --wallet "$W/frp"
is "$rc" 1 "and a login QR is no sign request"
at 102 holder sign "$req" --wallet "$W/frp"
ok $rc "the FRP signs"
like "$out" "网上办事大厅" "after being shown which system asks"
like "$out" "$(sha256sum "$T/doc" | cut -c1-64)" "and the document's SHA-256"
at 103 sign-status "$req" --output "$T/frp.sig"
ok $rc "sign-status: 0 once signed"
like "$out" "张晓华" "naming the signer"
like "$(head -n 1 "$T/frp.sig")" "^jsd-signature 1$" "the signature file is written"
at 104 --json verify-signature --document "$T/doc" --signature "$T/frp.sig"
ok $rc "the FRP's signature verifies against the registry"
like "$out" '"role": *"frp"' "as the FRP's"
like "$out" '"credit_code": *"12110000429074993M"' "for the institution"
at 105 verify-signature --document "$T/doc" --signature "$T/frp.sig" \
	--key "$T/registry.pub"
ok $rc "and offline with the registry's public key alone"
like "$out" "北京市示例科学技术研究院 12110000429074993M" "naming the institution"
at 106 holder sign "$req" --wallet "$W/frp"
is "$rc" 1 "a request is signed once only"
printf 'another\n' > "$T/doc2"
at 107 verify-signature --document "$T/doc2" --signature "$T/frp.sig" \
	--key "$T/registry.pub"
is "$rc" 1 "the signature is not one of another document"
sed 's/^signed-at /signed-at 1/' "$T/frp.sig" > "$T/altered.sig"
at 108 verify-signature --document "$T/doc" --signature "$T/altered.sig" \
	--key "$T/registry.pub"
is "$rc" 1 "nor of an altered signature file"

# --- a request lasts 5 minutes ---
request 200
at 500 holder sign "$req" --wallet "$W/frp"
is "$rc" 1 "an expired request cannot be signed"
at 501 sign-status "$req"
is "$rc" 1 "sign-status: 1 once expired"
like "$out" "expired" "saying it expired"

# --- a user signs only inside its authorization, refused by the registry ---
request 3000
at 3001 holder sign "$req" --wallet "$W/user"
is "$rc" 1 "the user cannot sign before its authorization starts"
like "$err" "no authorization to sign" "saying it has no authorization to sign now"
at 3002 sign-status "$req"
is "$rc" 1 "and the request is still waiting"
request 3700
at 3701 holder sign "$req" --wallet "$W/user"
ok $rc "the user signs inside its authorization"
at 3702 sign-status "$req" --output "$T/user.sig"
ok $rc "its signature is fetched"
like "$(cat "$T/user.sig")" "jsd-authz 1" "carrying the authorization, signed by the registry"
request $((end + 100))
at $((end + 101)) holder sign "$req" --wallet "$W/user"
is "$rc" 1 "the user cannot sign after its authorization ended"
at $((end + 102)) sign-status "$req"
is "$rc" 1 "and the request is not signed"
at $((end + 103)) --json verify-signature --document "$T/doc" --signature "$T/user.sig" \
	--key "$T/registry.pub"
ok $rc "offline, the user's signature holds at its time, after the period"
like "$out" '"role": *"user"' "as a user's"

# --- revoked since ---
at $((end + 1000)) holder delete-user "$user" --wallet "$W/frp"
ok $rc "the FRP deletes the user"
at $((end + 1001)) --json verify-signature --document "$T/doc" --signature "$T/user.sig"
ok $rc "online, the signature made before is still valid"
like "$out" '"revoked": *true' "and said revoked since"
like "$out" '"revoked_what": *"holder"' "the signer's role"
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["revoked_since"])')" \
	"$((base + end + 1000))" "since the deletion"
at $((end + 1002)) verify-signature --document "$T/doc" --signature "$T/user.sig"
like "$out" "revoked since" "in words too"
at $((end + 1003)) --json verify-signature --document "$T/doc" --signature "$T/user.sig" \
	--key "$T/registry.pub"
ok $rc "offline it is valid, knowing nothing since"
unlike "$out" '"revoked": *true' "and says nothing of a revocation"

# --- usage records: 扫码签名, seen by the FRP ---
at $((end + 1100)) --json holder records --wallet "$W/frp"
is "$(printf '%s' "$out" | python3 -c \
	'import json,sys; print(sum(r["kind"] == "sign" for r in json.load(sys.stdin)))')" \
	2 "the FRP sees both signatures in the usage records"
at $((end + 1101)) holder records --wallet "$W/frp"
like "$out" "scan-to-sign" "called scan-to-sign (扫码签名)"

# --- a password reset re-keys ---
sms_gateway
old_key=$(sed -n 's/.* hcert=\([^ ]*\).*/\1/p' "$W/frp")
at $((end + 2000)) holder reset-password --wallet "$W/frp"
ok $rc "the FRP asks for an SMS code"
JSD_NEW_PASSWORD=reset-pass at $((end + 2001)) holder reset-password --wallet "$W/frp" \
	--code "$(tail -n 1 "$T/sms.log" | cut -f 2)"
ok $rc "and resets its password with it"
new_key=$(sed -n 's/.* hcert=\([^ ]*\).*/\1/p' "$W/frp")
ok $([ -n "$new_key" ] && [ "$new_key" != "$old_key" ]; echo $?) \
	"the wallet holds a new holder certificate"
request $((end + 2100))
JSD_PASSWORD=reset-pass at $((end + 2101)) holder sign "$req" --wallet "$W/frp"
ok $rc "which signs"
at $((end + 2102)) sign-status "$req" --output "$T/frp2.sig"
at $((end + 2103)) verify-signature --document "$T/doc" --signature "$T/frp2.sig"
ok $rc "a signature with the new key verifies"
ok $([ "$(grep '^key ' "$T/frp2.sig")" != "$(grep '^key ' "$T/frp.sig")" ]; echo $?) \
	"under another key"
at $((end + 2104)) verify-signature --document "$T/doc" --signature "$T/frp.sig"
ok $rc "and the signature with the old key still does"

# --- a holder certificate lasts two years (CERT_HCERT_LIFETIME) ---
later=$((end + 2001 + 2 * 366 * 86400))
request "$later"
JSD_PASSWORD=reset-pass at $((later + 1)) holder sign "$req" --wallet "$W/frp"
is "$rc" 1 "a key whose holder certificate has expired does not sign"
like "$err" "expired: reset" "saying a password reset renews it"

done_testing
