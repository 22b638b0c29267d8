# daysum.sh: the day summary (event_day) the appenders keep says what the
# event log says, counted again here from the events by the summary's rules
# (the Shanghai day; the actor where it can name a staff account, else ''),
# after a mixed run across a Shanghai midnight: an application, its approval
# and claim, holders' events, a batch of verifications in one commit, a single
# one after midnight, a wrong staff password. Then the registry is put back to schema 12
# (no summary), and the migration's backfill makes the same summary again,
# and the same day report. "log verify" finds the summary true, and names the
# day of one made to drift.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/holders.sh"
db_tool || skip_all "no SQL tool for this backend"

# The events counted by (day, station, actor, kind), as the summary's rows.
from_events() {
	db_sql "$JSD_DB" "SELECT at, station, actor, kind FROM event" | awk -F'|' '
	{
		day = $1 - ($1 + 28800) % 86400
		actor = $3 ~ /^[A-Za-z0-9_.-]+$/ && length($3) <= 32 ? $3 : ""
		n[day "|" $2 "|" actor "|" $4]++
	}
	END { for (k in n) print k "|" n[k] }' | sort
}
summary() {
	db_sql "$JSD_DB" "SELECT day, station, actor, kind, n FROM event_day" | sort
}

holders_setup 0 172800 tax
midnight=57600		# 00:00 the next day in Shanghai
at $((midnight - 10)) holder present --wallet "$W/frp" --as qr
frp=$(last)
at $((midnight - 10)) holder present --wallet "$W/user" --as qr
usr=$(last)
printf '%s\n%s\n%s\nnot-a-code\n' "$frp" "$usr" "$frp" > "$T/codes"
at $((midnight - 5)) verify --batch --matter tax < "$T/codes"
is "$rc" 1 "a batch of verifications before midnight, one malformed"
at $((midnight + 5)) verify "$frp"
ok $rc "one after midnight"
JSD_PASSWORD=wrong-password at $((midnight + 6)) staff login counter1
ok $([ $rc -ne 0 ]; echo $?) "a wrong staff password"

want=$(from_events)
got=$(summary)
is "$got" "$want" "the summary is the events counted by day, station, actor, kind"
day0=$(( (base + 28800) / 86400 * 86400 - 28800 ))
like "$got" "^$day0\|[^|]*\|[^|]*\|verify\.valid\|3$" \
	"the batch's three valid verdicts are one row"
like "$got" "^$((day0 + 86400))\|[^|]*\|[^|]*\|verify\.valid\|1$" \
	"the one after midnight counts on the next day"
like "$got" "\|\|cert\.claimed\|1$" "a holder's event counts without its actor"
like "$got" "\|counter1\|staff\.login_failed\|1$" "a staff member's, under the name"

at $((midnight + 60)) log verify
ok $rc "log verify"
like "$out" "The day summary matches the events" "finds the summary true"

date1=$(date -u -d "@$((base + midnight + 28800))" +%Y-%m-%d)
at $((midnight + 60)) --json report day --date "$date1"
ok $rc "report day"
report=$out
like "$report" '"events": ?2,' "counts the day's two events"

# --- the registry at schema 12, migrated: the backfill ---
if [ "$JSD_TEST_BACKEND" = pg ]; then
	db_sql "$JSD_DB" "DROP TABLE event_day; DROP INDEX event_shown; UPDATE jsd_schema SET version = 12"
else
	db_sql "$JSD_DB" "DROP TABLE event_day; DROP INDEX event_shown; PRAGMA user_version = 12"
fi
ok $? "the registry put back to schema 12"
at $((midnight + 60)) --json report day --date "$date1"
ok $rc "report day migrates it"
is "$out" "$report" "to the same report"
is "$(summary)" "$want" "the backfilled summary is the events counted again"

# --- a summary that drifted from the log ---
db_sql "$JSD_DB" "UPDATE event_day SET n = n + 1 WHERE kind = 'staff.login_failed'"
at $((midnight + 60)) log verify
is "$rc" 1 "log verify fails on a summary that drifted"
like "$out" "The day summary of $date1 differs" "naming the day"
at $((midnight + 60)) --json log verify
like "$out" "\"summary_differs\": ?\"$date1\"" "and in JSON"
done_testing
