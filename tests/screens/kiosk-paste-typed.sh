#!/bin/sh
# kiosk-paste-typed.sh: a fast burst never overwrites what a person typed.
# "bring seal" typed slowly into Remarks, then text pasted (faster than
# wedge_gap_ms, so the frame first takes it for a keyboard-wedge scan): it is
# no code of ours and no credit code, so it is typing, inserted at the cursor,
# and the form stays. A real code scanned into the filled field asks before
# replacing; "keep" keeps the text. A pasted line ending in Enter is typed,
# Enter and all.
. "$top_srcdir/tests/screen.sh"

need_kiosk
pane_w=100 pane_h=30

# A paste, or a scanner set to send no Enter: the whole text in one write.
burst() { tm send-keys -t "$ses" -l "$1"; }

printf 'idle_seconds = 300\n' >"$T/kiosk.conf"
demo_registry
kiosk_start_in en
ok $? "the kiosk starts"
keys Space
wait_for 'Which form do you want to fill in'
keys 1
wait_for 'Credit code'
typed "$code"
keys Tab
wait_for 'Another person authorized'
ok $? "the institution is found"
keys Right
wait_for "Person's name"
keys Tab
tm send-keys -t "$ses" -l '王小明'
keys Tab
typed 11010519491231002X
keys Tab
typed 13912345678
# The legal representative's ID number and mobile are optional: skip them.
keys Tab
keys Tab
keys Tab
typed "bring seal"
wait_for 'Remarks +bring seal'
ok $? "typed slowly into Remarks"

burst " and form"
wait_for 'Remarks +bring seal and form'
ok $? "a pasted burst is inserted at the cursor, not put in place of the text"
like "$screen" "Electronic certificate claim form" "and the form stays"
unlike "$screen" "Check your application" "no jump to the review"
keys Home
burst "NOTE: "
wait_for 'Remarks +NOTE: bring seal and form'
ok $? "a burst after Home goes in at the start"

burst "$code"
wait_for 'Replace what you typed'
ok $? "a real code scanned into the filled field asks first"
keys Enter
wait_for 'What you typed is kept'
ok $? "keep: the scan is not used"
like "$screen" "Remarks +NOTE: bring seal and form" "the typed text is whole"

keys End
# Its Enter ends the burst or comes after it: typed either way.
burst " please"
keys Enter
wait_for 'Check your application'
ok $? "a pasted line ending in Enter is typing: its Enter moves on, as typed"
like "$screen" "NOTE: bring seal and form please" "and the line is in the remarks"
keys F10
wait_for 'Your application number'
ok $? "submitted"
no=$(printf '%s\n' "$screen" | grep -oE '[0-9]{8}-[0-9]{4}' | head -n 1)
ctl --json application show "$no"
is "$(field remark)" '"NOTE: bring seal and form please"' "the remark stored as typed and pasted"

done_testing
