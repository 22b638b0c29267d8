# verdict-matter.sh: a user's code presented for a matter it is not authorized
# for is refused as its own outcome: in the verdict, the event log (with the
# matter asked for), the usage records its manager sees, and the day's figures.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/holders.sh"

holders_setup 0 $((2 * 86400)) tax
at 100 holder present --wallet "$W/user" --as qr
pqr=$(last)
at 110 --station counter-A --json verify --matter social_security "$pqr"
is "$rc" 1 "verifying for social security exits 1"
like "$out" '"outcome": "not_for_matter"' "as not for the matter"
like "$out" '"valid": false' "not valid"
at 111 --station counter-A --json verify --matter tax "$pqr"
like "$out" '"valid": true' "for tax it is valid"
at 112 --json verify --matter 'tax;drop' "$pqr"
is "$rc" 1 "a matter that is not a code is refused"
at 120 events --kind verify.
like "$out" "verify.not_for_matter .*matter=social_security" \
	"the event log names the outcome and the matter asked for"
unlike "$(printf '%s\n' "$out" | grep social_security)" "verify.valid" \
	"and does not log it as valid"
at 130 holder records --wallet "$W/frp"
like "$out" "not for the matter" "the FRP's usage records say so"
at 140 --json report day --date 2026-11-30
like "$out" '"not_for_matter": 1' "the day's figures count it by outcome"
like "$out" '"verify_invalid": 1' "among the refusals"
done_testing
