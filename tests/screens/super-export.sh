#!/bin/sh
# super-export.sh: the day exported as CSV to a file the screen names, and an
# existing file not replaced without asking.
. "$top_srcdir/tests/screen.sh"
super_setup
keys F5
wait_for 'Supervisor: export'
ok $? "export form"
keys Tab Tab Tab
fast "$T/day.csv"
keys F2
wait_for 'Exported .* as CSV'
ok $? "export done"
wait_for "$T/day.csv"
ok $? "the screen names the file"
ok $([ -f "$T/day.csv" ]; echo $?) "the file exists"
grep -q "^id,at_local,station,actor,kind,subject,detail" "$T/day.csv"
ok $? "CSV header"
grep -q "app.approved,$app1" "$T/day.csv"
ok $? "the approval is in the CSV"
is "$(grep -c 'app.submitted' "$T/day.csv")" 2 "both applications in the CSV"
keys F2
wait_for 'exists: press F2 again'
ok $? "an existing file is not replaced without asking"
keys Escape
wait_for 'day report'
ok $? "Esc: back to the day report"
no_sanitizer_report

done_testing
