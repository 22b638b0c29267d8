# supervisor.sh: jsd-kiosk --mode supervisor in tmux on a registry filled
# through jsdctl: a supervisor logs in, reads the day's figures, lists events
# with a kind filter, pages and opens one; exports the day as CSV; adds a staff
# account and unlocks a locked one (checked through jsdctl); and, after the
# registry is altered behind the program's back, sees which event broke the
# log's chain.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
ses=sup
WAIT_TENTHS=100

db_tool || skip_all "no $JSD_TEST_BACKEND client to alter the log with"
[ -x "$JSD_KIOSK" ] || skip_all "jsd-kiosk not built"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
code=12110000429074993M




# Text for a supervisor form: a fast burst, which the forms take as typing.
fast() { tm send-keys -t sup -l "$1"; sleep 0.3; }

# --- a day's activity through jsdctl ---
ctl demo
ok $rc "demo registry"
JSD_STATION=kiosk-1 ctl apply claim --credit-code $code --frp-phone 13912345678
app1=$(printf '%s\n' "$out" | tail -n 1)
JSD_STATION=kiosk-2 ctl apply claim --credit-code $code --frp-phone 13912345678
app2=$(printf '%s\n' "$out" | tail -n 1)
JSD_STATION=counter-1 JSD_PASSWORD=jsd-demo-counter ctl approve "$app1" \
    --staff counter1
ok $rc "approved $app1 as counter1"
for i in 1 2 3 4 5; do
	JSD_STATION=kiosk-1 ctl verify "000000000$i"
done
# Six wrong passwords in a row lock the account.
for i in 1 2 3 4 5 6; do
	JSD_STATION=counter-2 JSD_PASSWORD=wrong-password ctl staff login counter1
done
ctl staff list
like "$out" "counter1 +counter +locked" "counter1 is locked"

# --- log in ---
tm -f /dev/null new-session -d -s sup -x 80 -y 24 \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 JSD_STATION=super-1 \
    ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0 \
    '$JSD_KIOSK' --mode supervisor 2>'$T/stderr.kiosk'; \
    echo \$? >'$T/rc'; sleep 60"
wait_for 'super|Super|Account|account'
ok $? "login screen shown"
typed super1
keys Enter
sleep 0.2
typed jsd-demo-super
keys Enter
wait_for 'Supervisor: day report'
ok $? "logged in as super1: the day report"

# --- the day's figures ---
today=$(TZ=Asia/Shanghai date +%Y-%m-%d)
# The pane may be caught half drawn: wait for each figure in turn.
wait_for "^$today "
ok $? "today's date heads the report"
wait_for "Event log intact: [0-9]+ events checked"
ok $? "the log is intact"
wait_for "applications taken +2 +0 +\+2"
ok $? "2 applications taken"
wait_for "approved +1 +0 +\+1"
ok $? "1 approved"
wait_for "claim QR codes shown +1 +0 +\+1"
ok $? "1 claim QR shown"
keys NPage
# The sixth wrong password locks the account rather than counting as wrong.
wait_for 'staff wrong passwords +5 '
ok $? "5 wrong staff passwords"
wait_for "staff accounts locked +1 +0 +\+1"
ok $? "1 account locked"
wait_for "verifications not valid +5 "
ok $? "5 verifications not valid"
wait_for "^  kiosk-1 +6 "
ok $? "by station: kiosk-1 took 1 application and 5 verifications"
keys End
wait_for 'By staff member:'
wait_for "^  counter1 +[0-9]+ "
ok $? "by staff: a row for counter1"
yday=$(TZ=Asia/Shanghai date -d "$today 12:00 1 day ago" +%Y-%m-%d)
keys Left
wait_for "^$yday [A-Z][a-z]+day, compared with "
ok $? "stepped back one day"
keys Right
wait_for "^$today "
ok $? "and forward again"

# --- charts ---
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

# --- events: list, paging, filter, detail ---
total=$("$JSDCTL" --json events | grep -o '"id"' | wc -l)
keys F4
wait_for 'Events of .*page 1; filter: none'
ok $? "event list, page 1"
wait_for "^1 +[0-9:]+ .*inst.imported"
ok $? "oldest event first"
keys F6
wait_for 'page 2'
ok $? "next page"
wait_for "^$total +[0-9:]+ "
ok $? "the last event ($total) on page 2"
unlike "$screen" "^1 +[0-9:]+ .*inst.imported" "page 2 does not repeat page 1"
keys F5
wait_for "^1 +[0-9:]+ .*inst.imported"
ok $? "back on page 1"
keys F3
wait_for 'filter events'
fast 'app.'
keys F2
wait_for 'filter: kind=app\.'
ok $? "filtered by kind app."
wait_for "app.submitted +$app2"
ok $? "the second application listed"
unlike "$screen" "staff\.login|verify\.|inst\." "only app. events"
is "$(printf '%s\n' "$screen" | grep -cE '^[0-9]+ ')" 3 "3 app. events"
keys Down Down Enter
wait_for 'one event'
ok $? "detail of one event"
wait_for "Detail +"
like "$screen" "Kind +app.approved" "its kind"
like "$screen" "Subject +$app1" "its subject"
like "$screen" "Actor +counter1" "its actor"
keys Escape
wait_for 'Events of'
keys Escape
wait_for 'day report'

# --- export ---
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

# --- staff accounts ---
keys F6
wait_for 'staff accounts'
ok $? "staff list"
wait_for "counter1 .* locked"
ok $? "counter1 shown locked"
keys F2
wait_for 'add a staff account'
fast alice
keys Tab Tab
fast 'alice-pass-1'
keys Tab
fast 'alice-pass-2'
keys F2
wait_for 'passwords differ'
ok $? "two different passwords refused"
keys C-u
fast 'alice-pass-1'
keys F2
wait_for 'Staff account alice added'
ok $? "alice added on screen"
ctl staff list
like "$out" "^alice +counter" "jsdctl lists alice"
JSD_PASSWORD=alice-pass-1 ctl staff login alice
ok $rc "alice logs in with the password typed twice"
ctl --json events --kind staff.added
like "$out" '"actor": *"super1"' "added by super1 in the log"
wait_for 'counter1 .* locked'
# The list is sorted by name: alice, counter1, super1.
keys Home Down
keys F4
wait_for 'counter1 unlocked'
ok $? "counter1 unlocked on screen"
ctl staff list
unlike "$out" "counter1 .*locked" "jsdctl: counter1 no longer locked"
JSD_PASSWORD=jsd-demo-counter ctl staff login counter1
ok $rc "counter1 logs in again"
keys Escape
wait_for 'day report'

# --- the log altered behind the program's back ---
victim=$(printf '%s\n' "$("$JSDCTL" --json events --kind app.submitted)" |
    grep -o '"id": *[0-9]*' | head -n 1 | grep -o '[0-9]*$')
db_sql "$JSD_DB" "$UNTRIGGER
    UPDATE event SET detail = 'claim 000000000000000000' WHERE id = $victim;"
ok $? "event $victim altered behind the program's back"
keys F9
wait_for "EVENT LOG ALTERED: event $victim does not follow"
ok $? "the screen names the altered event $victim"
keys F4
wait_for "log was altered"
ok $? "the event list warns too"
keys Escape
wait_for 'day report'

# --- log out, quit ---
keys F8
wait_for 'super|Super|Account|account'
unlike "$screen" "day report" "logged out"
keys F10
sleep 0.3
keys Enter
_i=0
while [ ! -f "$T/rc" ] && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
is "$(cat "$T/rc" 2>/dev/null)" 0 "jsd-kiosk quit cleanly"
if [ -s "$T/stderr.kiosk" ]; then
	sed 's/^/# /' "$T/stderr.kiosk" | head -20
fi
unlike "$(cat "$T/stderr.kiosk")" "ERROR: AddressSanitizer|runtime error" \
    "no sanitizer report"

done_testing
