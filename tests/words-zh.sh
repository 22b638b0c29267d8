# words-zh.sh: what jsdctl prints in Chinese has no English in it: a wrong
# certificate password, a refused identity check, the holders' listings and
# records, a verdict with its matters, the applications listing. Words are checked as tests/unit-words
# checks the catalogues.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/holders.sh"
command -v python3 >/dev/null || skip_all "python3 is not installed"
WORDS="$top_builddir/tests/unit-words"
chinese() {	# chinese TEXT DESCRIPTION
	found=$(printf '%s\n' "$1" | "$WORDS" -) && ok 0 "$2" ||
		{ ok 1 "$2"; printf '%s\n' "$found" | sed 's/^/#   /'; }
}

holders_setup 0 $((3 * 86400)) tax,bank_account
export JSD_LANG=zh_CN JSD_STATION=hall1-counter2
at 100 holder present --wallet "$W/user" --as qr
pqr=$(last)
at 110 verify "$pqr"
chinese "$out" "a verdict with its presenter and matters"
like "$out" "税务办理" "matters by their names"
at 120 holder list --wallet "$W/frp"
chinese "$out" "the FRP's listing: roles, statuses, matters"
at 130 holder records --wallet "$W/frp"
chinese "$out" "usage records"
at 135 apply claim --credit-code 12110000471228060A --frp-phone 13700002222
at 136 applications --credit-code 12110000471228060A
chinese "$out" "the applications listing: kind and status in words"
like "$out" "电子证书申领 +已提交" "as the catalogue says them"
at 137 --json holder list --wallet "$W/frp"
frp_hid=$(printf '%s\n' "$out" | sed -n 's/.*"me": \([0-9]*\).*/\1/p')
JSD_PASSWORD=jsd-demo-counter at 137 cert phone-change $code --staff counter1 \
    --person "$frp_hid" --phone 13912340000
at 138 holder changes --wallet "$W/frp"
chinese "$out" "the change records"
like "$out" "手机号码变更" "their kind in words"
JSD_PASSWORD=wrong-pass at 140 holder list --wallet "$W/user"
is "$rc" 1 "a wrong certificate password"
chinese "$err" "is refused in Chinese, tries left included"
like "$err" "还可尝试 5 次" "saying how many tries are left"

identity_platform 张晓华 110118198312055029
at 200 holder add-user --wallet "$W/frp" --name 使用人乙 \
	--id 110101199001010015 --phone 13700000002
is "$rc" 1 "an identity check refused"
chinese "$err" "says why in Chinese"
unlike "$err" "not_found|mismatch" "with no platform code word"
like "$err" "人口信息中没有该身份证号码" "but the platform's answer in words"
done_testing
