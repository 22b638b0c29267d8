# claim-kill.sh: a claim or a redeem is all-or-nothing for the holder. A wallet
# path that cannot be written leaves the claim QR usable; SIGKILL at random
# points of "holder claim" and "holder redeem" leaves, every time, either a
# working wallet or a QR that a retry completes, and no leftover file that
# works as a wallet. KILLS kills of each (10 here; bench/bench-claim-kill.sh
# runs hundreds) at delays spread over an unkilled run's length.
. "$top_srcdir/tests/lib.sh"

KILLS=${KILLS:-10}
W="$T/wallets"
mkdir -p "$W"
export JSD_NEW_PASSWORD=holder-pass
code=12110000429074993M
frp_id=110118198312055029
frp_phone=13912345678
as_staff() { JSD_PASSWORD=jsd-demo-counter ctl "$@"; }
as_holder() { JSD_PASSWORD=holder-pass ctl "$@"; }
works() { as_holder holder list --wallet "$1"; [ "$rc" -eq 0 ]; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# A delay in seconds, uniform in [0, 1.2 * $1 ms].
pick() { awk -v m="$1" -v s="$(od -An -N4 -tu4 /dev/urandom)" \
	'BEGIN { srand(s); printf "%.3f", rand() * m * 1.2 / 1000 }'; }

ctl demo
ok $rc "demo registry"

# A claim QR for the demo FRP: a claim form first, FRP-change forms after.
cert_qr() {
	if [ "$1" -eq 0 ]; then
		ctl apply claim --credit-code $code --frp-phone $frp_phone
	else
		ctl apply frp-change --credit-code $code --reason frp-change \
			--frp-name 张晓华 --frp-id $frp_id --frp-phone $frp_phone
	fi
	as_staff approve "$(last)" --staff counter1
	qr=$(last)
}
claim() { JSD_PASSWORD=holder-pass "$JSDCTL" holder claim "$1" --wallet "$2" \
	--name 张晓华 --id $frp_id --phone $frp_phone --accept-declaration; }

# --- a wallet that cannot be written burns nothing ---
cert_qr 0
claim "$qr" /no/such/dir/w >"$T/out" 2>&1 && rc=0 || rc=$?
is "$rc" 2 "a claim into a folder that does not exist fails"
like "$(cat "$T/out")" "Cannot save" "saying the certificate file cannot be saved"
ctl events --kind cert.claimed
unlike "$out" "cert.claimed" "and the log records no claim"
claim "$qr" "$W/frp0" >/dev/null 2>&1 && rc=0 || rc=$?
ok $rc "the same claim QR then claims into a good path"
ok $(works "$W/frp0"; echo $?) "and the wallet works"

# --- only a dead copy of the certificate (its holder not active) is replaced ---
cert_qr 1
echo damaged > "$W/bad"
claim "$qr" "$W/bad" >/dev/null 2>&1 && rc=0 || rc=$?
is "$rc" 1 "a damaged wallet in the way is not overwritten"
if db_tool; then
	# What a claim killed between its wallet and its commit leaves: a wallet
	# naming the holder still pending (the ids are in the clear).
	pending=$(db_sql "$JSD_DB" \
	    "SELECT id FROM holder WHERE status = 'pending' ORDER BY id DESC LIMIT 1")
	sed "s/ holder=[0-9]* / holder=$pending /" "$W/frp0" > "$W/dead"
	claim "$qr" "$W/dead" >/dev/null 2>&1 && rc=0 || rc=$?
	ok $rc "a dead wallet (its holder pending) is replaced by the retry"
	ok $(works "$W/dead"; echo $?) "which then works"
else
	diag "no SQL tool: the dead wallet's replacement is left to the kill loop"
fi

# kill_at_random ARGS...: the holder's jsdctl ARGS, killed after a pick of
# $span ms. A simple command, so that $! is jsdctl itself and not a subshell.
kill_at_random() {
	JSD_PASSWORD=holder-pass "$JSDCTL" "$@" >/dev/null 2>&1 &
	pid=$!
	sleep "$(pick $span)"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
}
# kill_check KIND N QR WALLET RETRY...: after a kill, the wallet works, or the
# QR completes the claim (or redeem) into the same path; no *.tmp* works.
kill_check() {
	kind=$1 n=$2 wallet=$3
	shift 3
	if works "$wallet"; then
		eval "wallet_$kind=\$((wallet_$kind + 1))"
		ok 0 "$kind kill $n: the wallet works"
	else
		# A wallet there is dead: written, its claim killed before commit.
		[ -e "$wallet" ] && eval "dead_$kind=\$((dead_$kind + 1))"
		"$@" >/dev/null 2>"$T/stderr" && rc=0 || rc=$?
		if [ "$rc" -eq 0 ] && works "$wallet"; then
			eval "qr_$kind=\$((qr_$kind + 1))"
			ok 0 "$kind kill $n: the QR completes it"
		else
			ok 1 "$kind kill $n: neither the wallet nor the QR works"
			sed 's/^/#   /' "$T/stderr"
		fi
	fi
	for f in "$wallet".tmp*; do
		[ -e "$f" ] || continue
		if works "$f"; then
			ok 1 "$kind kill $n: $f works as a wallet"
		fi
	done
}

# --- claims killed at random points ---
cert_qr 1
s=$(now_ms)
claim "$qr" "$W/frp1" >/dev/null 2>&1
span=$(($(now_ms) - s))
diag "an unkilled claim takes $span ms; kills fall within 0-$((span * 6 / 5)) ms"
wallet_claim=0 qr_claim=0 dead_claim=0
i=1
while [ $i -le "$KILLS" ]; do
	cert_qr 1
	kill_at_random holder claim "$qr" --wallet "$W/c$i" \
		--name 张晓华 --id $frp_id --phone $frp_phone --accept-declaration
	kill_check claim $i "$W/c$i" claim "$qr" "$W/c$i"
	i=$((i + 1))
done
diag "claims killed: $KILLS; wallet working: $wallet_claim;" \
	"QR completed it: $qr_claim (over a dead wallet: $dead_claim)"

# --- redeems killed at random points: a manager's QR, then the manager deleted ---
frp="$W/c$KILLS"
mgr_qr() {
	as_holder holder add-manager --wallet "$frp" --name 管理人 \
		--id 110101199001010015 --phone 13800001001
	mgr=$(printf '%s\n' "$out" | sed -n 's/^Person //p')
	qr=$(last)
}
redeem() { JSD_PASSWORD=holder-pass "$JSDCTL" holder redeem "$1" --wallet "$2" \
    --accept-declaration; }
mgr_qr
s=$(now_ms)
redeem "$qr" "$W/m0" >/dev/null 2>&1
span=$(($(now_ms) - s))
ok $(works "$W/m0"; echo $?) "an unkilled redeem makes a working wallet"
as_holder holder delete-manager "$mgr" --wallet "$frp"
wallet_redeem=0 qr_redeem=0 dead_redeem=0
i=1
while [ $i -le "$KILLS" ]; do
	mgr_qr
	kill_at_random holder redeem "$qr" --wallet "$W/m$i" --accept-declaration
	kill_check redeem $i "$W/m$i" redeem "$qr" "$W/m$i"
	as_holder holder delete-manager "$mgr" --wallet "$frp"
	i=$((i + 1))
done
diag "redeems killed: $KILLS; wallet working: $wallet_redeem;" \
	"QR completed it: $qr_redeem (over a dead wallet: $dead_redeem)"

done_testing
