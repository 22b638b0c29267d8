#!/bin/sh
# counter-link-lost.sh: a counter that loses its link to the PostgreSQL
# registry says so at once, while it tries again (the reconnecting line,
# seconds left and all), then judges the signed QR offline once the retry
# window ran out; the next QR is judged offline without the window again; and
# once the server is back the next QR is checked live again. The test runs
# its own server (pg-cluster.sh) so that it can stop and start it.
. "$top_srcdir/tests/screen.sh"

own_server
need_kiosk
export JSD_DB="$own_db"
# Long enough that a verdict waited for 10 s below cannot have waited the
# window: a station that waited it again could not meet that bound.
export JSD_DB_RETRY=20

verify_setup
ok $? "the verify screen waits"
for i in 1 2 3 4; do
	ctl holder present --wallet "$W/frp" --as qr --png "$T/p$i.png"
	ok $rc "QR $i presented"
done
drop_png "$T/p1.png"
wait_for 'checked against the registry'
ok $? "with the link, a QR is checked live"
next_code

"$top_srcdir/tests/pg-cluster.sh" down "$PGC"
drop_png "$T/p2.png"
wait_for 'Reconnecting to the registry… \([0-9]+ s\)'
ok $? "the link lost: the counter says it is reconnecting, at once"
wait_for 'signature checked offline' 600
ok $? "then, the window run out, the QR is checked offline"
like "$screen" "VALID" "and found valid"
unlike "$screen" "NOT VALID" "not refused"
unlike "$screen" "Reconnecting" "the reconnecting line gone with the verdict"
next_code

drop_png "$T/p3.png"
wait_for 'signature checked offline' 100
ok $? "the next QR is judged offline without the window again"
unlike "$screen" "Reconnecting" "with no reconnecting"
next_code

"$top_srcdir/tests/pg-cluster.sh" up "$PGC"
drop_png "$T/p4.png"
wait_for 'checked against the registry'
ok $? "the server back, the next QR is checked live again"
no_sanitizer_report

done_testing
