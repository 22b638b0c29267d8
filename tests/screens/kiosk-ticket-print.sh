#!/bin/sh
# kiosk-ticket-print.sh: with a printer configured (here a file standing in for
# the device), submitting a form prints the ticket and the screen says so; the
# job, rendered as a printer would print it (tests/escpos2png), is a raster
# picture of the paper's width whose QR zbarimg reads as JSD:T:<number>.
. "$top_srcdir/tests/screen.sh"
[ -n "${ZBARIMG_BIN:-}" ] || skip_all "zbarimg is not installed"
: >"$T/printer.bin"
printf 'idle_seconds = 90\nprinter = %s\n' "$T/printer.bin" >"$T/print.conf"
kiosk_setup "$T/print.conf"
kiosk_submit_claim
wait_for '回执已打印'
ok $? "the ticket screen says the ticket was printed"
no=$(ticket_number)
like "$screen" "您的申请号" "and shows the ticket as before"
size=$("$top_builddir/tests/escpos2png" "$T/printer.bin" "$T/ticket.png")
ok $? "the job is ESC/POS raster that a printer takes ($size)"
like "$size" "^384x[0-9]+ " "as wide as 58 mm paper, the default"
is "$("$ZBARIMG_BIN" -q --raw "$T/ticket.png" 2>/dev/null)" "JSD:T:$no" \
	"zbarimg reads the printed QR: the ticket number"
no_sanitizer_report

done_testing
