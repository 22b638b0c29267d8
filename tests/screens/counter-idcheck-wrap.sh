#!/bin/sh
# counter-idcheck-wrap.sh: the identity platform's answer on the counter's
# review is a sentence, wrapped at 80x24, never cut.
. "$top_srcdir/tests/screen.sh"
command -v python3 >/dev/null || skip_all "python3 is not installed"
counter_setup
identity_platform 王小明 11010519491231002X
ctl apply claim --credit-code $code --frp-phone 13912345678
no=$(last)
counter_login
typed "$no"
keys Enter
wait_for "$no +Certificate claim"
keys F5
wait_for 'Identity not confirmed'
ok $? "the platform does not know the ID number"
joined=$(printf '%s\n' "$screen" | grep -A1 'Identity not confirmed' | \
	sed 's/^ *Identity check *//; s/^ *//; s/ *$//' | tr '\n' ' ')
like "$joined" "check the ID card and type it again\\." \
	"its answer reads whole, to the full stop"
no_sanitizer_report

done_testing
