#!/bin/sh
# counter-verify-guessing.sh: a typing slip in a numeric code is caught by its
# check digit; each unknown code makes the station wait before the next (2 s,
# doubling), so guesses in a row meet the wait, and the screen says until when.
. "$top_srcdir/tests/screen.sh"
serial_scanner
counter_setup
counter_verify_screen
# Numeric codes with a right check digit (Damm, as core/code.c) that no one
# was given.
guesses=$(python3 -c '
import random
t = ["0317598642", "7092154863", "4206871359", "1750983426", "6123045978",
    "3674209581", "5869720134", "8945362017", "9438617205", "2581436790"]
for n in range(6):
	s = "".join(random.choice("0123456789") for _ in range(14))
	i = 0
	for c in s:
		i = int(t[i][int(c)])
	print(s + str(i))
')
slip=$(printf '%s\n' "$guesses" | head -n 1 | sed 's/\(.\)$/ \1/' | \
	awk '{ printf "%s%d\n", $1, ($2 + 1) % 10 }')
typed "$slip"
keys Enter
wait_for 'NOT VALID'
ok $? "a typing slip is not valid"
like "$screen" "check digit does not match" "and is called a typing slip"
next_code
# Whatever the machine's speed, a few guesses in a row meet the wait.
for g in $(printf '%s\n' "$guesses" | head -n 6); do
	serial "$g"
	wait_for 'There is no such code|Too many wrong codes' ||
		diag "no verdict for a guess"
	printf '%s\n' "$screen" | grep -q 'Too many wrong codes' && break
	next_code
done
like "$screen" 'Too many wrong codes' "guesses in a row: the station must wait"
like "$screen" "Try again after [0-9]{2}:[0-9]{2}:[0-9]{2}" "and is told until when"
no_sanitizer_report

done_testing
