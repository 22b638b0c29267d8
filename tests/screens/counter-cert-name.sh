#!/bin/sh
# counter-cert-name.sh: a name change from the certificate view, after a
# confirmation; the next verification shows the new name, and the change
# records list it.
. "$top_srcdir/tests/screen.sh"
counter_cert_screen
counter_cert_typed
keys F6
wait_for 'Name change: type the institution'
ok $? "F6 asks the new name"
chinese 北京市示例科学技术研究总院
keys Enter
wait_for 'The next verification shows the new name'
ok $? "a confirmation names the old and the new name"
keys Enter
wait_for 'Changed, and a change record written'
ok $? "confirmed, the name is changed"
like "$screen" "北京市示例科学技术研究总院 +$code" "and the view shows it"
ctl holder present --wallet "$W/frp" --as digits
ctl verify "$(last)"
like "$out" "北京市示例科学技术研究总院" "the next verification shows the new name"
ctl holder changes --wallet "$W/frp"
like "$out" "name change +北京市示例科学技术研究总院 +counter1" \
	"a change record in the staff member's name"
no_sanitizer_report

done_testing
