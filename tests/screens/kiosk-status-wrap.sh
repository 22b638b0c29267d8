#!/bin/sh
# kiosk-status-wrap.sh: a message on the status line that is longer than
# the line (English, 80x24) takes two lines rather than being cut.
. "$top_srcdir/tests/screen.sh"
status_setup
keys F2
wait_for 'Press any key to start'
keys F3
wait_for 'Application status'
status_lookup 1234
wait_for 'do not match'
ok $? "the refusal on the status line"
joined=$(printf '%s\n' "$screen" | grep -A1 'The application number and' | \
	sed 's/^ *//; s/ *$//' | tr '\n' ' ')
like "$joined" "check the ticket and the phone number on the form" \
	"whole, over two lines"
no_sanitizer_report

done_testing
