#!/bin/sh
# kiosk-ticket-print-fail.sh: a printer that cannot be reached (its device path
# is missing), then one that answers the paper query with "roll out" (a
# pseudo-terminal played by tests/fake-printer.py): each time the ticket stays
# on screen, with its number and QR, and the screen says it was not printed
# and why. Nothing is created at the missing path.
. "$top_srcdir/tests/screen.sh"

printf 'idle_seconds = 90\nprinter = %s\n' "$T/gone/lp0" >"$T/print.conf"
kiosk_setup "$T/print.conf"
kiosk_submit_claim
wait_for '未能打印：无法连接回执打印机'
ok $? "an unreachable printer: the screen says the ticket was not printed"
like "$screen" "您的申请号" "and the ticket stays on screen"
like "$screen" "[0-9]{8}-[0-9]{4}" "with its number"
like "$screen" "。请记下申请号或" "asking to note the number down"
ok $([ ! -e "$T/gone" ]; echo $?) "nothing is created where the printer was"
no_sanitizer_report
fake_printer_ticket 0x72
wait_for '未能打印：回执打印机缺纸'
ok $? "a printer out of paper: the screen says so"
like "$screen" "您的申请号" "and the ticket stays on screen"
kill "$fake" 2>/dev/null
wait "$fake" 2>/dev/null
is "$(cat "$T/lp.received" 2>/dev/null | od -An -tx1 | tr -d ' \n')" "100404" \
	"the printer was asked for its paper, and sent nothing after"
no_sanitizer_report

done_testing
