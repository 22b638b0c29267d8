#!/bin/sh
# kiosk-ticket-print.sh: with a printer configured (here a file standing in for
# the device), submitting a form prints the ticket and the screen says so; the
# job, rendered as a printer would print it (tests/escpos2png), is a raster
# picture of the paper's width whose QR zbarimg reads as JSD:T:<number>. Then
# a serial printer with paper (a pseudo-terminal played by
# tests/fake-printer.py): asked for its paper, it gets the same job, byte for
# byte as sent (the port in raw mode: no LF turned into CR LF).
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
fake_printer_ticket 0x12
wait_for '回执已打印'
ok $? "a serial printer with paper: printed"
no=$(ticket_number)
kill "$fake" 2>/dev/null
wait "$fake" 2>/dev/null
is "$(head -c 3 "$T/lp.received" | od -An -tx1 | tr -d ' \n')" "100404" \
	"it was asked for its paper first"
tail -c +4 "$T/lp.received" >"$T/serial.bin"
"$top_builddir/tests/escpos2png" "$T/serial.bin" "$T/serial.png" >/dev/null
ok $? "then sent the job unaltered"
is "$("$ZBARIMG_BIN" -q --raw "$T/serial.png" 2>/dev/null)" "JSD:T:$no" \
	"whose QR reads as this ticket's number"
no_sanitizer_report

done_testing
