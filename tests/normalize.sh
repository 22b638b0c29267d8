#!/bin/sh
# normalize.sh: what a person types is normalized in the core, whichever front
# end it came through (here jsdctl): full-width digits and letters from a
# Chinese input method are read as ASCII in ID numbers, credit codes and
# mobiles; a zero-width space or another invisible character in a name is
# refused; the middle dot of a minority name and a character outside the BMP
# are kept; a value too long is refused whole, never cut.
. "$top_srcdir/tests/lib.sh"

field() { printf '%s\n' "$out" | sed -n "s/^  \"$1\": \\(.*\\),\$/\\1/p"; }
# claim_named NAME: a claim whose only unusual field is the FRP's name.
claim_named() {
	ctl apply claim --credit-code "$code" --frp-name "$1" \
		--frp-id 11010519491231002X --frp-phone 13912345678
}

ctl demo
ok $rc "demo registry"
code=12110000429074993M

# Full-width, as a Chinese input method types them.
ctl apply claim --credit-code "１２１１００００４２９０７４９９３ｍ" \
	--frp-name 王小明 --frp-id "１１０１０５１９４９１２３１００２ｘ" \
	--frp-phone "＋８６　１３９－１２３４－５６７８"
ok $rc "a claim typed in full-width digits and letters is accepted"
no=$(last)
# The full ID number is shown to staff only, with their password.
app_show --json "$no"
is "$(field credit_code)" "\"$code\"" "the credit code stored as ASCII"
is "$(field frp_id)" '"11010519491231002X"' "the ID number stored as ASCII"
is "$(field frp_phone)" '"13912345678"' "the mobile stored as ASCII"

# Invisible characters in names.
claim_named "王$(printf '\342\200\213')小明"
is "$rc" 1 "a zero-width space inside a name is refused"
like "$err" "invisible character" "and said so"
claim_named "王$(printf '\302\255')小明"
is "$rc" 1 "a soft hyphen inside a name is refused"
claim_named "阿卜杜·热合曼"
ok $rc "a minority name with its middle dot is accepted"
no=$(last)
ctl --json application show "$no"
is "$(field frp_name)" '"阿卜杜·热合曼"' "and stored with the dot"
claim_named "$(printf '\360\240\200\200')明"
ok $rc "a name with a character outside the BMP is accepted"
no=$(last)
ctl --json application show "$no"
is "$(field frp_name)" "\"$(printf '\360\240\200\200')明\"" "and stored whole"

# Too long is refused whole.
ctl apply claim --credit-code "$code" --frp-name 王小明 \
	--frp-id 11010519491231002X1 --frp-phone 13912345678
is "$rc" 1 "an ID number one character too long is refused"
like "$err" "18 characters" "as too long, not cut to 18"
long=$(printf '%0201d' 0)
ctl apply claim --credit-code "$code" --frp-phone 13912345678 --remark "$long"
is "$rc" 1 "a remark of 201 characters is refused"
like "$err" "too long" "as too long"

done_testing
