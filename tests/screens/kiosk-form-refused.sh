#!/bin/sh
# kiosk-form-refused.sh: the kiosk says at the credit code, before any ticket,
# that the counter would refuse the form, and what to do instead: a change
# form for an institution without a certificate, a claim for one whose FRP
# has claimed.
. "$top_srcdir/tests/screen.sh"
need_kiosk
demo_registry
other=12110000471228060A	# 北京市示例气象服务中心, no certificate
claimed
kiosk_start
keys Space
wait_for '请选择要填写的申请表'
keys 2
wait_for '变更原因'
typed "$other"
keys Tab
wait_for '尚未领取电子证照'
ok $? "a change form without a certificate is refused at the code"
like "$(printf '%s\n' "$screen" | tr -d ' \n')" '请改填电子证书申领表' \
	"saying to fill in the claim form instead"
# Esc warns that what is typed goes, Esc again leaves for the chooser, and
# a third Esc goes back to the start.
keys Escape
wait_for '再按一次 Esc'
keys Escape
wait_for '请选择要填写的申请表'
keys Escape
wait_for '请按任意键开始'
kiosk_claim_form
typed "$code"
keys Tab
wait_for '已领取电子证照'
ok $? "a claim for a claimed certificate is refused at the code"
like "$(printf '%s\n' "$screen" | tr -d ' \n')" '更换第一管理责任人请填写变更申请表' \
	"saying to use the change form"
ctl applications --credit-code $code
is "$(printf '%s\n' "$out" | grep -c .)" 1 "no application taken but the claimed one"
no_sanitizer_report

done_testing
