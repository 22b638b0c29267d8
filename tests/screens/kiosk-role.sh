#!/bin/sh
# kiosk-role.sh: on PostgreSQL the kiosk runs as a login of the jsd_kiosk
# group, which reads neither the register's ID numbers, nor applications'
# phones, nor the event log (core/reg-roles.c). The form's check of the legal
# representative's ID number, the submission, the status screen and the admin
# PIN's count still work: the database answers what the kiosk may not read
# (core/reg-guard.c), and holds the limit on wrong ID numbers itself.
. "$top_srcdir/tests/screen.sh"
[ "$JSD_TEST_BACKEND" = pg ] || skip_all "PostgreSQL's roles: a SQLite file has none"
need_kiosk
demo_registry
owner=$JSD_DB
pg_station kiosk
JSD_DB=$station_db

kiosk_start
kiosk_claim_rep 11010519491231002X
wait_for '身份证号码与登记信息中法定代表人的身份证号码不一致'
ok $? "an ID number not the legal representative's is refused at the field"
keys BTab C-u
typed "$frp_id"
keys Tab
wait_gone '身份证号码与登记信息中法定代表人'
ok $? "the legal representative's is accepted"
typed 13912345678
keys F10
wait_for '核对申请信息'
keys F10
wait_for '您的申请号'
no=$(ticket_number)
like "$no" '^[0-9]{8}-[0-9]{4}$' "submitted as the kiosk's role: a number"
is "$(db_sql "$owner" "SELECT legal_rep_id || ' ' || frp_id FROM application
    WHERE number = '$no'")" "$frp_id $frp_id" \
	"the application has the register's ID number, copied by the database"

kiosk_start
keys F3
wait_for '查询办理进度'
status_lookup 1234
wait_for '申请编号与手机尾号不符'
ok $? "the status screen: wrong digits do not match"
keys BTab Tab C-u
typed 5678
keys Enter
wait_for '已提交，等待窗口审核'
ok $? "the right ones tell the status"

# Five wrong ID numbers for the institution from this kiosk's login in the
# hour, as noted by the database (core/reg-schema.c's migration 12; psql as
# that login could have made them): even the right one is now refused.
db_sql "$owner" "INSERT INTO guard_note (login, kind, target, guess, xact, at,
    verdict) SELECT 'jsdt_kiosk_$$', 'legal_rep', '$code',
    sha256(convert_to(i::text, 'UTF8')), pg_current_xact_id(),
    extract(epoch FROM clock_timestamp())::bigint, 'wrong'
    FROM generate_series(1, 5) i" >/dev/null
kiosk_start
kiosk_claim_rep "$frp_id"
wait_for '本机为该单位输入错误身份证号码次数过多'
ok $? "past the database's limit the right ID number is refused as limited"

# The admin PIN: its count is read back through the database, so a second try
# is judged on the first (in its wait, or the second wrong in a row).
printf 'idle_seconds = 90\nadmin_pin = 24680\n' >"$T/pin.conf"
kiosk_start_in en "$T/pin.conf"
pin_try() {
	keys F12
	wait_for 'Administrator exit'
	keys Enter
	wait_for 'Administrator PIN'
	typed "$1"
	keys Enter
}
pins() {
	db_sql "$owner" "SELECT count(*) FROM event WHERE subject = 'kiosk-7'
	    AND kind IN ('kiosk.pin_wrong', 'kiosk.pin_refused')"
}
pin_try 11111
wait_for 'next try is open in 5 seconds'
ok $? "a wrong PIN as the kiosk's role: the next try waits"
pin_try 22222
_i=0
while [ "$(pins)" -lt 2 ] && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
like "$(db_sql "$owner" "SELECT detail FROM event WHERE subject = 'kiosk-7'
    ORDER BY id DESC LIMIT 1")" '^failures=(1 waiting|2)$' \
	"the second try counts the first, read back as the kiosk's role"
still_running "the kiosk did not quit"
no_sanitizer_report

done_testing
