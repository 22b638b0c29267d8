# app-check.sh: the kiosk takes no application the counter must refuse. A
# change form for an institution without a certificate, a claim for one whose
# FRP has claimed, and either for a cancelled certificate are refused before
# a ticket is printed, saying what to do instead (cert_app_check).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/holders.sh"

count_apps() { "$FAKETIME_BIN" -f "$(utc 100)" "$JSDCTL" --json applications \
	--credit-code $code | grep -c '"number"'; }
at 0 demo
at 1 apply frp-change --credit-code $code --reason frp-change \
	--frp-name 赵新 --frp-id 110101199001010090 --frp-phone 13912340000
is "$rc" 1 "a change form for an institution without a certificate is refused"
like "$err" "fill in the claim form instead" "saying to fill in the claim form"
is "$(count_apps)" 0 "and no application is taken"

holders_setup 10 $((2 * 86400)) tax
at 20 apply claim --credit-code $code --frp-phone 13912345678
is "$rc" 1 "a claim for an institution whose FRP has claimed is refused"
like "$err" "use the FRP-change form" "saying to use the FRP-change form"
at 21 apply frp-change --credit-code $code --reason frp-change \
	--frp-name 赵新 --frp-id 110101199001010090 --frp-phone 13912340000
ok $rc "its change form is taken"

JSD_PASSWORD=jsd-demo-super at 30 cert cancel $code --staff super1
at 31 apply claim --credit-code $code --frp-phone 13912345678
is "$rc" 1 "a claim for a cancelled certificate is refused"
like "$err" "cancelled or deleted.*ask at the counter" "saying to ask at the counter"
at 32 apply frp-change --credit-code $code --reason frp-change \
	--frp-name 赵新 --frp-id 110101199001010090 --frp-phone 13912340000
is "$rc" 1 "and so is a change form"
is "$(count_apps)" 2 "only the first claim and the change form were taken"
done_testing
