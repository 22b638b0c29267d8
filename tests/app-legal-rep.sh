# app-legal-rep.sh: a form records the legal representative's ID number and
# phone as the paper form gives them, beside the register's copy, so that the
# counter compares what was typed; "not filled in" when they were not.
. "$top_srcdir/tests/lib.sh"

code=12110000429074993M
ctl demo
ctl apply claim --credit-code $code --frp-name 王小明 --frp-id 11010519491231002X \
	--frp-phone 13912345678 --legal-rep-id 110101199001010015 \
	--legal-rep-phone 13811112222
ok $rc "a claim naming another FRP, with the legal representative's details"
no=$(last)
app_show --json "$no"
like "$out" '"form_legal_rep_id": "110101199001010015"' "the ID number as typed"
like "$out" '"form_legal_rep_phone": "13811112222"' "the phone as typed"
like "$out" '"legal_rep_id": "110118198312055029"' "beside the register's"
ctl apply claim --credit-code $code --frp-name 王小明 --frp-id 11010519491231002X \
	--frp-phone 13912345678
no2=$(last)
app_show "$no2"
like "$out" "Legal representative's ID number as filled in: not filled in" \
	"left out, it says not filled in"
ctl apply claim --credit-code $code --frp-phone 13900001111
app_show --json "$(last)"
like "$out" '"form_legal_rep_phone": "13900001111"' \
	"with the legal representative as FRP, the FRP's phone is theirs"
ctl apply claim --credit-code $code --frp-name 王小明 --frp-id 11010519491231002X \
	--frp-phone 13912345678 --legal-rep-id 110101199001010016
is "$rc" 1 "a bad check digit in the legal representative's ID is refused"
like "$err" "Legal representative's ID number: .*check digit" "at its field"
done_testing
