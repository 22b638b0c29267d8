# verify-batch.sh: "jsdctl verify --batch" takes codes from standard input as
# a counter's scanner stream: each gets the verdict a single verify gives it,
# and a burst is recorded in one commit while the next is checked. A verdict
# is printed only once its record is committed: a verifier killed with
# SIGKILL in mid-stream has a usage record for every "valid" it printed, and
# the log stays intact. A single code is answered while the stream stays open;
# bursts keep their order; a guess in one burst holds back the next burst's
# typed code, committed or not.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/holders.sh"
db_tool || skip_all "no SQL tool for this backend"

holders_setup 0 86400 tax
at 10 holder present --wallet "$W/frp" --as qr
frp=$(last)
at 10 holder present --wallet "$W/user" --as qr
usr=$(last)
at 10 holder present --wallet "$W/frp" --as digits
dig=$(last)
printf '%s\n\n%s\r\nnot-a-code\n%s' "$frp" "$usr" "$dig" > "$T/codes"
at 20 --json verify --batch --matter tax < "$T/codes"
is "$rc" 1 "a stream with an invalid code exits 1"
is "$(printf '%s\n' "$out" | wc -l)" 4 "one verdict a code, empty lines skipped"
like "$(printf '%s\n' "$out" | sed -n 1p)" '^\{"valid": ?true.*"role": ?"frp".*"seq": ?1\}$' \
	"the FRP's code is valid, on one JSON line"
like "$(printf '%s\n' "$out" | sed -n 2p)" '"valid": ?true.*"role": ?"user".*"seq": ?2' \
	"the user's, with its CRLF ending, is valid for the matter"
like "$(printf '%s\n' "$out" | sed -n 3p)" '"outcome": ?"malformed".*"seq": ?3' \
	"a line that is no code is malformed"
like "$(printf '%s\n' "$out" | sed -n 4p)" '"valid": ?true.*"seq": ?4' \
	"the numeric code on the last line, without a newline, is valid"
is "$(db_sql "$JSD_DB" "SELECT count(*) FROM usage_record WHERE kind = 'verify'")" 4 \
	"each code has its usage record"
at 20 verify --batch --matter other < "$T/codes"
like "$out" "NOT VALID: The user is not authorized" "text output: the user's code is not for another matter"
printf '%s\n' "$usr" > "$T/one"
at 20 verify --batch < "$T/one"
ok "$rc" "a stream of valid codes exits 0"
like "$out" "^VALID \(checked against the registry\)" "and prints what a single verify prints"
{ printf '%0300d\n' 0; printf '%s\n' "$frp"; } > "$T/long"
at 20 --json verify --batch < "$T/long"
like "$(printf '%s\n' "$out" | sed -n 1p)" '"outcome": ?"malformed".*"seq": ?1' \
	"a line longer than any code is malformed"
like "$(printf '%s\n' "$out" | sed -n 2p)" '"valid": ?true.*"seq": ?2' \
	"and the next line is read whole after it"
at 20 verify --batch --offline --key "$T/k"
is "$rc" 2 "--batch is live only"

# A scanner's stream: one code at a time, the input kept open. Each verdict
# comes before the next code is sent, not when the stream ends.
mkfifo "$T/scanner"
"$FAKETIME_BIN" -f "$(utc 20)" "$JSDCTL" --json verify --batch \
	< "$T/scanner" > "$T/scanned" 2>"$T/scanned-err" &
scanner=$!
exec 3> "$T/scanner"
lines_at_least() {	# lines_at_least FILE N: waits (bounded) for N lines
	_i=0
	while [ "$(wc -l < "$1")" -lt "$2" ] && [ $_i -lt 300 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
}
printf '%s\n' "$frp" >&3
lines_at_least "$T/scanned" 1
[ -s "$T/scanned" ] || diag "no verdict yet: $(head -c 300 "$T/scanned-err")"
like "$(sed -n 1p "$T/scanned")" '"valid": ?true.*"seq": ?1' \
	"a code alone in the stream is answered while the stream stays open"
printf '%s\n' "$dig" >&3
lines_at_least "$T/scanned" 2
like "$(sed -n 2p "$T/scanned")" '"valid": ?true.*"seq": ?2' "and so is the next"
exec 3>&-
wait $scanner
is "$?" 0 "the stream ends with its input"

# Bursts in order: 600 codes in one go are three bursts (of at most 256),
# each checked while the one before it commits.
i=0
while [ $i -lt 300 ]; do
	printf '%s\n%s\n' "$frp" "$usr"
	i=$((i + 1))
done > "$T/many"
before=$(db_sql "$JSD_DB" "SELECT count(*) FROM usage_record WHERE kind = 'verify'")
at 20 --json verify --batch < "$T/many"
ok "$rc" "600 valid codes: exit 0"
is "$(printf '%s\n' "$out" | grep -c '"valid": *true')" 600 "600 valid verdicts"
is "$(printf '%s\n' "$out" | sed -n 's/.*"seq": *\([0-9]*\).*/\1/p' | tr '\n' ' ')" \
	"$(seq 1 600 | tr '\n' ' ')" "in the order of the stream"
is "$(printf '%s\n' "$out" | sed -n '255p;256p;257p;600p' | sed 's/.*"role": *"\([a-z]*\)".*/\1/' | tr '\n' ' ')" \
	"frp user frp user " "each verdict is its own code's (across the bursts' edges)"
after=$(db_sql "$JSD_DB" "SELECT count(*) FROM usage_record WHERE kind = 'verify'")
is "$((after - before))" 600 "600 usage records"

# A guess ends the first burst (the 256th line); the next burst's first line
# is a genuine typed code. Whether or not the guess is committed by the time
# it is checked, it is counted: the genuine code waits.
python3 -c '
t = ["0317598642", "7092154863", "4206871359", "1750983426", "6123045978",
    "3674209581", "5869720134", "8945362017", "9438617205", "2581436790"]
s, i = "31415926535897", 0
for c in s:
	i = int(t[i][int(c)])
print(s + str(i))
' > "$T/guess"
{
	i=0
	while [ $i -lt 255 ]; do printf '%s\n' "$frp"; i=$((i + 1)); done
	cat "$T/guess"
	printf '%s\n' "$dig"
} > "$T/guessed"
at 20 --station counter-guess --json verify --batch < "$T/guessed"
like "$(printf '%s\n' "$out" | sed -n 256p)" '"outcome": ?"unknown"' \
	"the guess is looked up: unknown"
like "$(printf '%s\n' "$out" | sed -n 257p)" '"outcome": ?"rate_limited"' \
	"the next burst's typed code waits behind it"

# SIGKILL in mid-stream, three times: an endless stream, killed once a few
# hundred verdicts are out.
i=0
while [ $i -lt 16 ]; do
	printf '%s\n%s\n' "$frp" "$usr"
	i=$((i + 1))
done > "$T/chunk"
mkfifo "$T/fifo"
before=$(db_sql "$JSD_DB" "SELECT count(*) FROM usage_record WHERE outcome = 'valid'")
printed=0
for round in 1 2 3; do
	(while cat "$T/chunk"; do :; done) > "$T/fifo" 2>/dev/null &
	feeder=$!
	: > "$T/out-$round"
	"$FAKETIME_BIN" -f "$(utc 30)" "$JSDCTL" --json verify --batch \
		< "$T/fifo" > "$T/out-$round" 2>"$T/err-$round" &
	pid=$!
	i=0
	while [ $i -lt 600 ] && kill -0 $pid 2>/dev/null &&
	    [ "$(wc -l < "$T/out-$round")" -lt $((round * 150)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	# faketime runs jsdctl as its child: the verifier itself is killed,
	# not only the wrapper (which would leave it verifying on).
	pkill -KILL -P $pid 2>/dev/null
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	kill $feeder 2>/dev/null
	wait $feeder 2>/dev/null
	n=$(grep -c '"valid": *true' "$T/out-$round")
	diag "round $round: $n verdicts printed before SIGKILL"
	[ "$n" -gt 0 ] || diag "round $round: $(head -c 300 "$T/err-$round")"
	printed=$((printed + n))
done
ok $([ "$printed" -ge 450 ] && echo 0 || echo 1) "the verifiers printed verdicts before being killed"
after=$(db_sql "$JSD_DB" "SELECT count(*) FROM usage_record WHERE outcome = 'valid'")
diag "valid usage records written: $((after - before)), verdicts printed: $printed"
ok $([ $((after - before)) -ge "$printed" ] && echo 0 || echo 1) \
	"every valid verdict printed has its usage record"
at 40 log verify
ok "$rc" "the event log is intact after the kills"

# --- migration 15: usage records without foreign keys, their rows kept ---
usage_rows() {
	db_sql "$JSD_DB" "SELECT id, at, kind, cert_id, holder_id, presented_id,
	    station, via, outcome, live FROM usage_record ORDER BY id" | cksum
}
usage_fks() {
	if [ "$JSD_TEST_BACKEND" = pg ]; then
		db_sql "$JSD_DB" "SELECT count(*) FROM pg_constraint
		    WHERE conrelid = 'usage_record'::regclass AND contype = 'f'"
	else
		db_sql "$JSD_DB" "SELECT count(*) FROM pragma_foreign_key_list('usage_record')"
	fi
}
is "$(usage_fks)" 0 "usage records name their rows without foreign keys"
kept=$(usage_rows)
if [ "$JSD_TEST_BACKEND" = pg ]; then
	db_sql "$JSD_DB" "ALTER TABLE usage_record
	    ADD FOREIGN KEY (cert_id) REFERENCES certificate (id),
	    ADD FOREIGN KEY (holder_id) REFERENCES holder (id),
	    ADD FOREIGN KEY (presented_id) REFERENCES presented (id);
	    UPDATE jsd_schema SET version = 14"
	is "$(usage_fks)" 3 "a registry put back to schema 14, with its foreign keys"
else
	db_sql "$JSD_DB" "PRAGMA user_version = 14"
	is "$(db_sql "$JSD_DB" 'PRAGMA user_version')" 14 "a registry put back to schema 14"
fi
at 50 --json verify "$frp"
like "$out" '"valid": ?true' "a verification migrates it and is recorded"
is "$(usage_fks)" 0 "the foreign keys are gone"
is "$(db_sql "$JSD_DB" "SELECT id, at, kind, cert_id, holder_id, presented_id,
    station, via, outcome, live FROM usage_record WHERE id < (SELECT max(id)
    FROM usage_record) ORDER BY id" | cksum)" "$kept" "every usage record is kept as it was"
if [ "$JSD_TEST_BACKEND" = pg ]; then
	idx="SELECT count(*) FROM pg_indexes WHERE tablename = 'usage_record'
	    AND indexname IN ('usage_cert', 'usage_presented', 'usage_at')"
else
	idx="SELECT count(*) FROM sqlite_master WHERE tbl_name = 'usage_record'
	    AND name IN ('usage_cert', 'usage_presented', 'usage_at')"
fi
is "$(db_sql "$JSD_DB" "$idx")" 3 "with their three indexes"
done_testing
