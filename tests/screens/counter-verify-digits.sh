#!/bin/sh
# counter-verify-digits.sh: a numeric code typed by hand is shown grouped and
# verified; one verified first at another station says where and when.
. "$top_srcdir/tests/screen.sh"
verify_setup
ctl holder present --wallet "$W/frp" --as digits
dig=$(last)
typed "$(printf '%s' "$dig" | cut -c1-5) $(printf '%s' "$dig" | cut -c6-10) $(printf '%s' "$dig" | cut -c11-15)"
wait_for "Numeric code +[0-9]{5} [0-9]{5} [0-9]{5}"
ok $? "the numeric code typed by hand, grouped"
keys Enter
wait_for 'numeric code +\(checked'
ok $? "and verified"
unlike "$screen" "NOT VALID" "valid"
next_code
ctl holder present --wallet "$W/frp" --as digits
dig2=$(last)
ctl --station counter-B verify "$dig2"
ok $rc "verified first at counter B"
typed "$dig2"
keys Enter
wait_for 'Seen before +at station counter-B'
ok $? "counter A is told it was seen at counter B, and when"
no_sanitizer_report

done_testing
