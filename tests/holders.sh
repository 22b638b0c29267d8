# holders.sh: a certificate with its FRP and one user holding one
# authorization, made through jsdctl with the clock frozen by libfaketime;
# sourced by the verdict tests after tests/lib.sh.
#   base       the first second (UTC) of the story: 08:00 in Shanghai
#   at S ARGS  jsdctl at base+S, clock frozen (tests/lib.sh); $out, $err, $rc
#   $W/frp     the FRP's wallet; $W/user the user's; $user its person id
faked_clock
export JSD_PASSWORD=holder-pass JSD_NEW_PASSWORD=holder-pass

base=$(date -u -d '2026-11-30 00:00:00' +%s)	# 08:00 in Shanghai
W="$T/wallets"
mkdir -p "$W"
code=12110000429074993M
frp_id=110118198312055029

# holders_setup FROM TO MATTERS: the user's authorization, in seconds from base.
holders_setup() {
	at 0 demo
	at 0 apply claim --credit-code $code --frp-phone 13912345678
	JSD_PASSWORD=jsd-demo-counter at 0 approve "$(last)" --staff counter1
	at 1 holder claim "$(last)" --wallet "$W/frp" --name 张晓华 --id $frp_id \
		--phone 13912345678 --accept-declaration
	at 2 holder add-user --wallet "$W/frp" --name 使用人甲 \
		--id 11010519491231002X --phone 13700000001
	user=$(last)
	at 3 holder authorize "$user" --wallet "$W/frp" --matters "$3" \
		--from "$(local_time "$1")" --to "$(local_time "$2")"
	at 4 holder redeem "$(last)" --wallet "$W/user" --accept-declaration
	ok $rc "a user holds an authorization for $3"
}
