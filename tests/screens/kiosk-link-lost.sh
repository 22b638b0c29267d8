#!/bin/sh
# kiosk-link-lost.sh: a kiosk whose link to the PostgreSQL registry is lost
# while an applicant submits says it is reconnecting, then that it cannot
# take applications now, with what was typed kept; once the server is back
# the same submission goes through. The test runs its own server
# (pg-cluster.sh) so that it can stop and start it.
. "$top_srcdir/tests/screen.sh"

own_server
need_kiosk
export JSD_DB="$own_db"
export JSD_DB_RETRY=5

kiosk_setup
kiosk_claim_rep "$frp_id"
typed 13912345678
keys F10
wait_for '核对申请信息'
ok $? "a claim filled in reaches the review"

"$top_srcdir/tests/pg-cluster.sh" down "$PGC"
keys F10
wait_for '正在重新连接登记库… \([0-9]+ 秒\)'
ok $? "the link lost at submit: the kiosk says it is reconnecting"
wait_for '本机与登记库的连接已中断，' 300
ok $? "then that it cannot take applications now"
like "$screen" "核对申请信息" "still on the review, nothing lost"
unlike "$screen" "正在重新连接" "the reconnecting line gone"
unlike "$screen" "您的申请号" "no ticket"

"$top_srcdir/tests/pg-cluster.sh" up "$PGC"
keys F10
wait_for '您的申请号'
ok $? "the server back, the same submission goes through"
no_sanitizer_report

done_testing
