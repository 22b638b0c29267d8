#!/bin/sh
# kiosk-legal-rep.sh: where another person is the FRP, the kiosk asks for the
# legal representative's ID number and mobile as the paper form does; the
# review shows them, the application keeps them as typed, and the counter's
# review compares them with the register ("!" where they differ) or says
# "not filled in".
. "$top_srcdir/tests/screen.sh"
kiosk_setup
kiosk_other_form
ok $? "the other-person choice is taken"
like "$screen" "法定代表人身份证号" "the legal representative's ID number is asked"
like "$screen" "法定代表人手机" "and their mobile"
kiosk_other_details '王小明' 11010519491231002X 13912345678
typed 110101199001010015
keys Tab
typed 13811112222
keys F10
# The review's last lines, not its title: a capture can catch it half drawn.
wait_for '法定代表人手机 +13811112222'
like "$screen" "法定代表人身份证号 +110101199001010015" "the review shows the ID as typed"
like "$screen" "法定代表人手机 +13811112222" "and the mobile"
keys F10
wait_for '您的申请号'
no=$(ticket_number)
app_show --json "$no"
is "$(field form_legal_rep_id)" '"110101199001010015"' "stored as typed"
ctl apply claim --credit-code $code --frp-name 王小明 --frp-id 11010519491231002X \
	--frp-phone 13912345678
bare=$(last)

counter_login
typed "$no"
keys Enter
wait_for "$no +Certificate claim"
ok $? "the counter opens it"
like "$screen" "Legal rep\\. ID +110101199001010015 +! 110118198312055029" \
	"the typed ID number is compared with the register's, and differs"
like "$screen" "13811112222 +! 13800000001" "so does the mobile"
keys Escape
wait_for "Today's applications"
typed "$bare"
keys Enter
wait_for "$bare +Certificate claim"
like "$screen" "Legal rep\\. ID +not filled in +110118198312055029" \
	"nothing typed: not filled in, the register's beside it unmarked"
no_sanitizer_report

done_testing
