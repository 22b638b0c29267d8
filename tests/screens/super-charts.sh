#!/bin/sh
# super-charts.sh: F3 steps through the charts: events per hour in block
# characters, events per day over 30 days, back to the figures.
. "$top_srcdir/tests/screen.sh"
super_setup
keys F3
wait_for 'Events per hour on'
ok $? "hourly chart"
wait_for "█"
ok $? "bars drawn with block characters"
keys F3
wait_for 'Events per day, '
ok $? "30-day chart"
keys F3
wait_for 'Figure'
ok $? "and back to the figures"
no_sanitizer_report

done_testing
