# report.sh: "jsdctl report" on a registry filled through jsdctl itself, with
# libfaketime putting the work on two Fridays a week apart: the day summary
# against the week before (text and JSON), event pages that follow on without
# overlap, and the CSV (quoting, formula guard) and JSON exports.
. "$top_srcdir/tests/lib.sh"

[ -n "$FAKETIME_BIN" ] || skip_all "faketime is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
export TZ=UTC

# Here at takes a time in Shanghai rather than tests/lib.sh's seconds:
# at 'YYYY-MM-DD HH:MM:SS' ARGS...: jsdctl with the clock started there.
at() {
	_t=$(date -u -d "$1 +0800" '+%Y-%m-%d %H:%M:%S')
	shift
	ctl_faked "$_t" "$@"
}
W="$T/wallets"
mkdir -p "$W"
code=12110000429074993M
frp_id=110118198312055029
export JSD_PASSWORD=jsd-demo-counter
pw="$T/holder-pw"
echo holder-pass > "$pw"

# The week before: one application approved, its claim QR never used.
at '2024-07-12 09:00:00' demo
ok $rc "demo registry"
at '2024-07-12 09:10:00' apply claim --credit-code $code --frp-phone 13912345678
old=$(last)
at '2024-07-12 10:00:00' approve "$old" --staff counter1
ok $rc "approved the week before"

# The day: three applications; one claimed, one rejected with a formula for a
# reason, one left waiting; a wrong staff password; a verification.
at '2024-07-19 09:00:00' apply claim --credit-code $code --frp-phone 13912345678
no1=$(last)
at '2024-07-19 09:05:00' apply claim --credit-code $code --frp-phone 13912345678
no2=$(last)
at '2024-07-19 09:06:00' apply claim --credit-code $code --frp-phone 13912345678
at '2024-07-19 10:00:00' approve "$no1" --staff counter1
tok=$(last)
JSD_PASSWORD=holder-pass JSD_NEW_PASSWORD=holder-pass \
	at '2024-07-19 10:02:00' holder claim "$tok" --wallet "$W/frp" --name 张晓华 \
	--id $frp_id --phone 13912345678 --accept-declaration
ok $rc "claimed within five minutes"
at '2024-07-19 10:10:00' reject "$no2" --staff counter1 --reason '=1+1, "x"'
ok $rc "rejected"
JSD_PASSWORD=wrong-password at '2024-07-19 10:20:00' staff login counter1
ok $([ $rc -ne 0 ]; echo $?) "a wrong staff password"
at '2024-07-19 11:00:00' verify 'not a code'
at '2024-07-19 18:00:00' --json events --date 2024-07-19
day_events=$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')

# --- day summary ---
at '2024-07-19 18:00:00' report day --date 2024-07-19
ok $rc "report day"
like "$out" "Report for 2024-07-19" "names the day"
like "$out" "^ +3 +1 +\+2  applications taken$" "3 applications, 1 the week before"
like "$out" "^ +1 +1 +\+0  approved$" "approvals both weeks"
like "$out" "^ +1 +0 +\+1  rejected$" "the rejection"
like "$out" "^ +1 +0 +\+1  certificates claimed$" "the claim"
like "$out" "^ +0 +1 +-1  claim QR codes expired unused$" \
	"the unused claim QR of the week before expired; today's was used"
like "$out" "^ +1 +0 +\+1  staff wrong passwords$" "the wrong password"
like "$out" "counter1: all events" "a row for the counter's staff member"
at '2024-07-19 18:00:00' --json report day --date 2024-07-19
ok $rc "report day --json"
is "$(printf '%s' "$out" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(d["today"]["apps"], d["last_week"]["apps"], d["today"]["events"],
      d["today"]["verify_invalid"], [s["name"] for s in d["staff"]])')" \
	"3 1 $day_events 1 ['counter1']" "the same figures in JSON"
at '2024-07-19 18:00:00' report day --date 2024-13-01
is "$rc" 1 "a bad date is refused"

# --- event pages ---
after=0
seen=""
pages=0
while :; do
	at '2024-07-19 18:00:00' report events --date 2024-07-19 --page-size 2 \
		--after $after
	[ $rc -eq 0 ] || break
	ids=$(printf '%s\n' "$out" | awk '$1 ~ /^[0-9]+$/ { print $1 }')
	[ -n "$ids" ] || break
	seen="$seen $ids"
	pages=$((pages + 1))
	after=$(printf '%s\n' "$ids" | tail -n 1)
	printf '%s\n' "$out" | grep -q 'More events' || break
done
n_seen=$(printf '%s\n' $seen | wc -l)
is "$n_seen" "$day_events" "pages of 2 cover the day"
is "$(printf '%s\n' $seen | sort -n | uniq | wc -l)" "$n_seen" "with no event twice"
is "$(printf '%s\n' $seen | sort -n | tr '\n' ' ')" "$(printf '%s\n' $seen | tr '\n' ' ')" \
	"in id order"
at '2024-07-19 18:00:00' report events --date 2024-07-19 --kind app. --staff counter1
like "$out" "app.approved" "filtered by kind and staff"
unlike "$out" "app.submitted" "the applicant's events are left out"
at '2024-07-19 18:00:00' --json report events --subject "$no2"
is "$(printf '%s' "$out" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(" ".join(e["kind"] for e in d["events"]), d["next_after"])')" \
	"app.submitted app.rejected None" "everything about one application"
# A subject's page is read in id order off its index: PostgreSQL's holds the
# id (migration 16), as SQLite's holds the rowid.
if [ "$JSD_TEST_BACKEND" = pg ] && db_tool; then
	is "$(db_sql "$JSD_DB" "SELECT indexdef FROM pg_indexes
	    WHERE tablename = 'event' AND indexdef LIKE '%(subject%' AND indexdef NOT LIKE '%WHERE%'")" \
	    "CREATE INDEX event_subject_id ON public.event USING btree (subject, id)" \
	    "the events' index by subject holds the id"
fi
at '2024-07-19 18:00:00' report events --outcome malformed
ok $([ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q 'verify\.'; echo $?) \
	"by verification outcome"
at '2024-07-19 18:00:00' report events --outcome nonsense
is "$rc" 1 "an unknown outcome is refused"
at '2024-07-19 18:00:00' report events --page-size 0
is "$rc" 1 "a page size of 0 is refused"

# --- exports ---
at '2024-07-19 18:00:00' report --from 2024-07-12 --to 2024-07-19 --format csv
ok $rc "CSV export"
is "$(printf '%s\n' "$out" | head -n 1 | tr -d '\r')" \
	"id,at_local,station,actor,kind,subject,detail" "with its header"
like "$out" "app\.rejected,$no2,\"'=1\+1, \"\"x\"\"\"" \
	"a formula is defused and quotes doubled"
at '2024-07-19 18:00:00' --json events
all_events=$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
at '2024-07-19 18:00:00' report --from 2024-07-12 --to 2024-07-19 --format csv \
	--output "$T/x.csv"
ok $rc "CSV to a file"
is "$out" "" "nothing on standard output then"
is "$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], newline="")))))' "$T/x.csv")" \
	"$((all_events + 1))" "a CSV reader finds a row an event and the header"
at '2024-07-19 18:00:00' report --from 2024-07-19 --to 2024-07-19 --format json
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" \
	"$day_events" "JSON export of the day parses, an object an event"
at '2024-07-19 18:00:00' report --from 2024-07-19 --to 2024-07-12
is "$rc" 1 "a range ending before it starts is refused"
at '2024-07-19 18:00:00' report --from 2024-07-12 --to 2024-07-19 --format xml
is "$rc" 1 "an unknown format is refused"

done_testing
