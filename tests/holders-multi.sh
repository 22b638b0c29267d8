# holders-multi.sh: one wallet, several certificates (6.8 1). The FRP of
# institution A is made a user of institution B; the redeem adds B to the
# wallet A is in, under B's own password. Both are listed, presented (--cert
# names which, and is needed), verified; a working copy is not replaced, a
# dead one is; each signs with its own key; a version-1 wallet still opens,
# is version 2 once saved, and its new password gives it a signing key.
. "$top_srcdir/tests/lib.sh"

W="$T/wallets"
mkdir -p "$W"
a=12110000429074993M
b=12110000471228060A
a_frp_id=110118198312055029
as_staff() { JSD_PASSWORD=jsd-demo-counter ctl "$@"; }
as_a() { JSD_PASSWORD=pass-aaa ctl "$@"; }
as_b() { JSD_PASSWORD=pass-bbb ctl "$@"; }
as_bfrp() { JSD_PASSWORD=pass-frp-b ctl "$@"; }

ctl demo
ok $rc "demo registry"

# A's FRP claims into the wallet W/w.
ctl apply claim --credit-code $a --frp-phone 13912345678
as_staff approve "$(last)" --staff counter1
JSD_NEW_PASSWORD=pass-aaa ctl holder claim "$(last)" --wallet "$W/w" \
	--name 张晓华 --id $a_frp_id --phone 13912345678 --accept-declaration
ok $rc "A's FRP claims A"

# B's FRP claims B into a wallet of its own, and makes A's FRP a user of B.
ctl apply claim --credit-code $b --frp-phone 13800000002
as_staff approve "$(last)" --staff counter1
JSD_NEW_PASSWORD=pass-frp-b ctl holder claim "$(last)" --wallet "$W/bfrp" \
	--name 高静怡 --id 110102196412019666 --phone 13800000002 \
	--accept-declaration
ok $rc "B's FRP claims B"
as_bfrp holder add-user --wallet "$W/bfrp" --name 张晓华 --id $a_frp_id \
	--phone 13912345678
user=$(last)
as_bfrp holder authorize "$user" --wallet "$W/bfrp" --matters tax,sign \
	--from "$(date -d '-1 hour' '+%Y-%m-%d %H:%M')" \
	--to "$(date -d '+30 days' '+%Y-%m-%d %H:%M')"
ok $rc "B's FRP authorizes A's FRP for tax and signing"
JSD_NEW_PASSWORD=pass-bbb ctl holder redeem "$(last)" --wallet "$W/w" --accept-declaration
ok $rc "the redeem into A's wallet adds B"

# --- both are listed, without a password ---
ctl holder list-certs --wallet "$W/w" </dev/null
ok $rc "list-certs runs without a password"
like "$out" "$a" "it lists A"
like "$out" "$b" "it lists B"
ctl --json holder list-certs --wallet "$W/w" </dev/null
is "$(printf '%s' "$out" | python3 -c \
	'import json,sys; print(" ".join(sorted(r["credit_code"] + ":" + r["role"]
	for r in json.load(sys.stdin))))')" "$a:frp $b:user" \
	"as JSON: A as FRP, B as user"

# --- --cert is needed, and names which ---
as_a holder present --wallet "$W/w" --as digits
is "$rc" 1 "with two certificates and no --cert, present is refused"
like "$err" "$a" "saying A's code"
like "$err" "$b" "and B's"
as_a holder present --wallet "$W/w" --as digits --cert 12110000448904091B
is "$rc" 1 "a code the wallet does not hold is refused"
as_a holder present --wallet "$W/w" --cert $b
is "$rc" 1 "B does not open with A's password"
like "$err" "Wrong certificate password|证照密码错误" "as a wrong password"

as_a holder present --wallet "$W/w" --cert $a
ok $rc "A presents a QR"
ctl --json verify "$(last)"
like "$out" '"valid": *true' "A's code verifies"
like "$out" "$a" "as A"
like "$out" '"role": *"frp"' "presented by its FRP"
as_b holder present --wallet "$W/w" --cert $b --as digits
ok $rc "B presents a numeric code"
ctl --json verify --digits "$(last)" --matter tax
like "$out" '"valid": *true' "B's code verifies for tax"
like "$out" "$b" "as B"
like "$out" '"role": *"user"' "presented by a user"

# --- a working copy of a certificate is not replaced ---
as_bfrp holder add-manager --wallet "$W/bfrp" --name 管理人 \
	--id 110101199001010015 --phone 13800001001
qr=$(last)
JSD_NEW_PASSWORD=pass-ccc ctl holder redeem "$qr" --wallet "$W/bfrp" --accept-declaration
is "$rc" 1 "a manager's QR of B into the wallet holding a working B is refused"
like "$err" "working copy|可用副本" "as a second copy of B"
JSD_NEW_PASSWORD=pass-ccc ctl holder redeem "$qr" --wallet "$W/m" --accept-declaration
ok $rc "and the QR was not wasted: it redeems into another wallet"

# --- a dead copy is: A's FRP superseded by an FRP change, then claiming again ---
ctl apply frp-change --credit-code $a --reason frp-change --frp-name 张晓华 \
	--frp-id $a_frp_id --frp-phone 13912345678
as_staff approve "$(last)" --staff counter1
JSD_NEW_PASSWORD=pass-ddd ctl holder claim "$(last)" --wallet "$W/w" \
	--name 张晓华 --id $a_frp_id --phone 13912345678 --accept-declaration
ok $rc "the new claim of A goes into the wallet holding A's dead copy"
ctl --json holder list-certs --wallet "$W/w" </dev/null
is "$(printf '%s' "$out" | python3 -c \
	'import json,sys; print(len(json.load(sys.stdin)))')" 2 \
	"which still holds two certificates"
JSD_PASSWORD=pass-ddd ctl holder present --wallet "$W/w" --cert $a --as digits
ok $rc "A presents under its new password"
as_b holder present --wallet "$W/w" --cert $b --as digits
ok $rc "and B under its own, untouched"

# --- each certificate in the wallet signs with its own key ---
printf 'contract\n' > "$T/doc"
ctl sign-request --system 网上办事大厅 --document "$T/doc"
req=$(last)
JSD_PASSWORD=pass-bbb ctl holder sign "$req" --wallet "$W/w" --cert $b
ok $rc "B, redeemed into the shared wallet, signs"
ctl sign-status "$req" --output "$T/b.sig"
ok $rc "as the user of B"
like "$(cat "$T/b.sig")" "credit-code $b" "for B"

# --- a version-1 wallet opens, and is version 2 once saved ---
awk '$1 == "cert" {
	for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
	if (f["code"] == "'$b'") printf "jsd-wallet 1\nholder %s\ncert %s\nsalt %s\nnonce %s\nbox %s\n",
	    f["holder"], f["cert"], f["salt"], f["nonce"], f["box"] }' "$W/w" > "$W/v1"
is "$(head -n 1 "$W/v1")" "jsd-wallet 1" "a version-1 wallet of B"
as_b holder list --wallet "$W/v1"
ok $rc "opens"
ctl holder list-certs --wallet "$W/v1" </dev/null
like "$out" "$b" "its credit code comes from the registry"
JSD_NEW_PASSWORD=pass-fff as_b holder passwd --wallet "$W/v1"
ok $rc "a new password saves it"
is "$(head -n 1 "$W/v1")" "jsd-wallet 2" "as version 2"
like "$(cat "$W/v1")" "code=$b" "naming its credit code"
JSD_PASSWORD=pass-fff ctl holder list --wallet "$W/v1"
ok $rc "and it opens under the new password"

# --- a copy from before scan-to-sign gets its signing key at a new password
# (the registry then knows that key as the holder's) ---
ctl sign-request --system 网上办事大厅 --document "$T/doc"
JSD_PASSWORD=pass-fff ctl holder sign "$(last)" --wallet "$W/v1"
ok $rc "the version-1 copy signs once its new password gave it a key"

done_testing
