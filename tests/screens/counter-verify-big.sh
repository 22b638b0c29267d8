#!/bin/sh
# counter-verify-big.sh: the verdict grows with the screen: at 80x24 the
# banner is its usual 5 rows, at 200x60 it takes more rows, the details still
# below it.
. "$top_srcdir/tests/screen.sh"
# Rows from the verdict word to the first detail line: the banner's height
# (the word sits on its second row, the details start on the row after it).
verdict_rows() {
	_v=$(printf '%s\n' "$screen" | grep -n -m1 -E '^ *VALID *$' | cut -d: -f1)
	_i=$(printf '%s\n' "$screen" | grep -n -m1 '^ *Institution ' | cut -d: -f1)
	echo $((_i - _v))
}
verify_setup
ok $? "the verify screen waits at 80x24"
ctl holder present --wallet "$W/frp" --as qr --png "$T/p.png"
drop_png "$T/p.png"
wait_for '^ *Institution '
ok $? "a valid verdict with its details"
small=$(verdict_rows)
is "$small" 5 "at 80x24 the banner is its usual 5 rows"
next_code
tm resize-window -t "$ses" -x 200 -y 60
sleep 0.5
ctl holder present --wallet "$W/frp" --as qr --png "$T/p.png"
drop_png "$T/p.png"
wait_for '^ *Institution '
ok $? "a valid verdict at 200x60"
big=$(verdict_rows)
ok "$([ "$big" -gt "$small" ]; echo $?)" \
	"the verdict takes more rows at 200x60 ($big) than at 80x24 ($small)"
like "$screen" "First responsible person +张晓华 +\\*{14}5029" \
	"the presenter still shown below it"
no_sanitizer_report

done_testing
