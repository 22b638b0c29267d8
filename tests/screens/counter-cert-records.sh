#!/bin/sh
# counter-cert-records.sh: the certificate's usage records at the counter,
# newest first, a screenful a page: PgDn shows older ones.
. "$top_srcdir/tests/screen.sh"
counter_setup
claimed
i=0
while [ $i -lt 20 ]; do
	ctl holder present --wallet "$W/frp" --as digits
	ctl --station "kiosk-$i" verify "$(last)"
	i=$((i + 1))
done
counter_login
keys F4
wait_for 'Type the unified social credit code'
counter_cert_typed
keys Tab Tab
wait_for 'Usage records, newest first +\(page 1\)'
ok $? "Tab Tab shows the usage records"
like "$screen" "kiosk-19 " "the newest first"
unlike "$screen" "kiosk-0 " "the oldest not on the first page"
keys NPage
wait_for 'Usage records, newest first +\(page 2\)'
ok $? "PgDn shows the next page"
like "$screen" "kiosk-0 " "with the oldest"
unlike "$screen" "kiosk-19 " "and not the newest"
no_sanitizer_report

done_testing
