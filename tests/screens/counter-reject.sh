#!/bin/sh
# counter-reject.sh: an application opened by its typed number shows where the
# register now differs from the form; it is rejected with a reason, 'Other'
# needing a word of explanation.
. "$top_srcdir/tests/screen.sh"
counter_setup
ctl apply claim --credit-code $code --frp-phone 13912345679
no2=$(last)
# The institution moved after the form was filled: the register differs.
printf '%s\n' "credit_code,name,address,legal_rep_name,legal_rep_id,legal_rep_phone,level" \
	"$code,北京市示例科学技术研究院,北京市东城区新址1号,张晓华,$frp_id,13800000001,city" \
	>"$T/moved.csv"
ctl import-register "$T/moved.csv"
ok $rc "the register has a new address"
counter_login
typed "$no2"
keys Enter
wait_for "$no2 +Certificate claim +Submitted"
ok $? "a typed number opens its application"
like "$screen" "Address +北京市西城区演示街225号 +! 北京市东城区新址1号" \
	"the register's new address is marked beside the form's"
like "$screen" "Legal rep\\. +张晓华 +张晓华" "what did not change is not marked"
keys F4
wait_for 'Reject application'
ok $? "the rejection screen"
keys 4 Enter Enter
wait_for 'Please say what the other reason is'
ok $? "'Other' needs a word of explanation"
typed "Seal missing"
keys Enter
wait_for "Application $no2 rejected"
ok $? "rejected, back at the queue"
ctl application show "$no2"
like "$out" "Status: Rejected" "the registry has it rejected"
like "$out" "Other: Seal missing" "with the reason"
no_sanitizer_report

done_testing
