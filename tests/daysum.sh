# daysum.sh: the day summary (event_day) the appenders keep says what the
# event log says, counted again here from the events by the summary's rules
# (the Shanghai day; the actor where it can name a staff account, else ''),
# after a mixed run across a Shanghai midnight: an application, its approval
# and claim, holders' events, a batch of verifications in one commit, a single
# one after midnight, a wrong staff password. The claim QRs still open
# (claimqr_open) give the day report the QRs that expired unused that the
# events give when each is looked up, as the report once did: one claimed, one
# left to expire, one replaced then claimed, one replaced after it expired.
# Then the registry is put back to schema 12 (no summary) and to 13 (no open
# QRs), and the migrations' backfills make the same tables again, and the same
# day report. "log verify" finds both true, names the day of a summary made to
# drift and the QR of an open table made to drift.
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

# The day's claim QRs expired unused by NOW, as the report counted them before
# the open table: each QR shown looked up for a later replacement or claim.
old_expired() {	# old_expired DAYSTART NOW
	db_sql "$JSD_DB" "SELECT count(*) FROM event s
	    WHERE s.kind = 'claimqr.shown' AND s.at >= $1 AND s.at < $1 + 86400
	    AND s.at <= $2 - 300
	    AND NOT EXISTS (SELECT 1 FROM event v WHERE v.kind = 'claimqr.voided'
	      AND v.subject = s.subject AND v.id > s.id)
	    AND NOT EXISTS (SELECT 1 FROM event c WHERE c.kind = 'cert.claimed'
	      AND c.detail = s.subject AND c.subject = s.detail AND c.id > s.id)"
}
expired() {	# expired S DATE: the day report's figure, run at base + S
	at "$1" --json report day --date "$2"
	printf '%s' "$out" | python3 -c 'import json, sys
print(json.load(sys.stdin)["today"]["claimqr_expired"])'
}
open_rows() {
	db_sql "$JSD_DB" "SELECT event_id, at, station, actor, app_number,
	    credit_code FROM claimqr_open" | sort
}
apply_approve() {	# apply_approve S CODE: an application approved at S; $no
	at "$1" apply claim --credit-code "$2" --frp-phone 13912345678
	no=$(last)
	JSD_PASSWORD=jsd-demo-counter at "$1" approve "$no" --staff counter1
}
claim() {	# claim S NAME ID: the FRP claims with the last claim QR shown
	at "$1" holder claim "$(last)" --wallet "$W/frp-$1" --name "$2" --id "$3" \
	    --phone 13912345678 --accept-declaration
}

holders_setup 0 172800 tax
day0=$(( (base + 28800) / 86400 * 86400 - 28800 ))
date0=$(date -u -d "@$((base + 28800))" +%Y-%m-%d)
# Shown at 0 and claimed at 1 (holders_setup): not expired. One left to expire:
apply_approve 100 12110000471228060A
left=$no
# one replaced within its lifetime, its replacement claimed:
apply_approve 200 12110000448904091B
JSD_PASSWORD=jsd-demo-counter at 250 approve "$no" --staff counter1
claim 260 张玉兰 110105197310090780
ok $rc "a replaced claim QR's replacement is claimed"
# and one replaced after it expired, its replacement left to expire too.
apply_approve 300 121100004274693853
JSD_PASSWORD=jsd-demo-counter at 700 approve "$no" --staff counter1
ok $rc "a claim QR replaced after it expired"
is "$(expired 710 "$date0")/$(old_expired $day0 $((base + 710)))" 1/1 \
	"at 710 s, one expired unused, as the events say"
is "$(expired 1100 "$date0")/$(old_expired $day0 $((base + 1100)))" 2/2 \
	"at 1100 s the replacement has expired too, as the events say"
is "$(db_sql "$JSD_DB" "SELECT app_number FROM claimqr_open ORDER BY event_id" |
    tr '\n' ' ')" "$left $no " "the open QRs are the two left unused"
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
like "$got" "\|\|cert\.claimed\|2$" "holders' events count without their actors"
like "$got" "\|counter1\|staff\.login_failed\|1$" "a staff member's, under the name"

at $((midnight + 60)) log verify
ok $rc "log verify"
like "$out" "The day summary matches the events" "finds the summary true"
like "$out" "The open claim QRs match the events" "and the open claim QRs"
opened=$(open_rows)

date1=$(date -u -d "@$((base + midnight + 28800))" +%Y-%m-%d)
at $((midnight + 60)) --json report day --date "$date1"
ok $rc "report day"
report=$out
like "$report" '"events": ?2,' "counts the day's two events"

# --- the registry at schema 12, then 13, migrated: the backfills ---
back_to() {	# back_to VERSION SQL
	if [ "$JSD_TEST_BACKEND" = pg ]; then
		db_sql "$JSD_DB" "$2; UPDATE jsd_schema SET version = $1"
	else
		db_sql "$JSD_DB" "$2; PRAGMA user_version = $1"
	fi
}
back_to 12 "DROP TABLE claimqr_open; DROP TABLE event_day; DROP INDEX event_shown"
ok $? "the registry put back to schema 12"
at $((midnight + 60)) --json report day --date "$date1"
ok $rc "report day migrates it"
is "$out" "$report" "to the same report"
is "$(summary)" "$want" "the backfilled summary is the events counted again"
is "$(open_rows)" "$opened" "the backfilled open claim QRs are those kept"
back_to 13 "DROP TABLE claimqr_open"
ok $? "the registry put back to schema 13"
is "$(expired 1100 "$date0")" 2 "report day migrates it, to the same figure"
is "$(open_rows)" "$opened" "the backfill finds the same open claim QRs"

# --- a summary that drifted from the log ---
db_sql "$JSD_DB" "UPDATE event_day SET n = n + 1 WHERE kind = 'staff.login_failed'"
at $((midnight + 60)) log verify
is "$rc" 1 "log verify fails on a summary that drifted"
like "$out" "The day summary of $date1 differs" "naming the day"
at $((midnight + 60)) --json log verify
like "$out" "\"summary_differs\": ?\"$date1\"" "and in JSON"
db_sql "$JSD_DB" "UPDATE event_day SET n = n - 1 WHERE kind = 'staff.login_failed'"

# --- open claim QRs that drifted from the log ---
shown=$(db_sql "$JSD_DB" "SELECT id FROM event WHERE kind = 'claimqr.shown'
    AND subject = '$left'")
db_sql "$JSD_DB" "DELETE FROM claimqr_open WHERE app_number = '$left'"
at $((midnight + 60)) log verify
is "$rc" 1 "log verify fails on an open claim QR taken away"
like "$out" "The day summary matches the events" "whose summary still matches"
like "$out" "The open claim QRs differ from the events at the claim QR of event $shown\$" \
	"naming the QR's event"
at $((midnight + 60)) --json log verify
like "$out" "\"open_claimqr_differs\": ?$shown(,|$)" "and in JSON"
done_testing
