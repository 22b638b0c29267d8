# failover-read.sh: a station's reads outside a transaction (a counter's
# checks before its record, an applicant's status lookup, the register) go on
# answering through the primary's death and the standby's promotion, within
# the retry window, never "unreachable". A counter connected before the kill
# asks after it, before the promotion: its reads find the new primary, and a
# loop of fresh commands answers through it all.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/failover-lib.sh"

fo_begin
appno=$(fo_sql "SELECT number FROM application ORDER BY id LIMIT 1")
JSD_PASSWORD=holder-pass ctl --db "$db" holder present --wallet "$T/frp" --as digits
digits=$(last)

# A counter's scanner stream, connected from now on: a code a line.
trap '' PIPE
mkfifo "$T/codes"
: >"$T/batch"
"$top_builddir/jsdctl" --db "$db" --json verify --batch <"$T/codes" \
    >"$T/batch" 2>"$T/batch.err" &
batch_pid=$!
exec 3>"$T/codes"
cleanup_hooks="$cleanup_hooks kill $batch_pid 2>/dev/null || true;"
# fr_verdicts N: waits until the stream has printed N verdicts; 0 when it has.
# A bound on tries, not on speed.
fr_verdicts() {
	_i=0
	while [ "$(wc -l <"$T/batch")" -lt "$1" ]; do
		[ $_i -lt 3000 ] || return 1
		sleep 0.2
		_i=$((_i + 1))
	done
}
printf '%s\n' "$digits" >&3
fr_verdicts 1
ok $? "the counter connected and checked a code"
like "$(sed -n 1p "$T/batch")" '"valid": ?true.*"check": ?"live"' \
	"valid, checked on the primary"

# fr_reads LOG: until $T/stop exists, the reads a kiosk and a counter make,
# each a fresh command: "done WHAT" when it answered as the registry would
# (the digits valid or expired, checked live), "fail WHAT STATUS: OUTPUT"
# when not.
fr_reads() {
	while [ ! -e "$T/stop" ]; do
		fr_read status "$1" application status "$appno" 5678
		fr_read register "$1" institutions --search "$FO_CODE"
		fr_read digits "$1" --json verify --digits "$digits"
	done
}
fr_read() {
	_what=$1 _log=$2
	shift 2
	if _o=$("$top_builddir/jsdctl" --lang en --db "$db" "$@" 2>&1) &&
	    fr_answered "$_what" "$_o"; then
		echo "done $_what"
	else
		echo "fail $_what $?: $(printf '%s' "$_o" | tr '\n' ' ')"
	fi >>"$_log"
}
# fr_answered WHAT OUTPUT: whether OUTPUT is the registry's answer to WHAT.
fr_answered() {
	case $1 in
	status) case $2 in *[Aa]pproved*|*[Cc]laimed*) return 0 ;; esac ;;
	register) case $2 in *"$FO_CODE"*) return 0 ;; esac ;;
	digits) case $2 in *'"check": "live"'*) return 0 ;; esac ;;
	esac
	return 1
}
: >"$T/reads"
# Not holding the stream open: the counter ends when the script closes it.
fr_reads "$T/reads" 3>&- &
reads_pid=$!
cleanup_hooks="$cleanup_hooks touch '$T/stop'; kill $reads_pid 2>/dev/null || true;"
fo_wait_dones "$T/reads" 3
ok $? "the reads answered on the primary"

"$top_srcdir/tests/pg-cluster.sh" kill "$PGC/p"
ok $? "the primary killed"
printf '%s\n' "$digits" >&3
sleep 1		# not a bound: the code is likely asked with no primary
"$top_srcdir/tests/pg-cluster.sh" promote "$PGC/s"
ok $? "the standby promoted"
fr_verdicts 2
ok $? "the counter connected before the kill answered after the promotion"
# Valid or, once its 5 minutes are over on a slow machine, expired: either
# way checked against the registry.
like "$(sed -n 2p "$T/batch")" '"check": ?"live".*"seq": ?2' \
	"the code asked with no primary was checked against the new one"
printf '%s\n' "$digits" >&3
fr_verdicts 3
like "$(sed -n 3p "$T/batch")" '"check": ?"live".*"seq": ?3' "and so was the next"
exec 3>&-
wait $batch_pid
is "$(cat "$T/batch.err")" "" "the counter said no error"

after=$(wc -l <"$T/reads")
fo_wait_dones "$T/reads" 3 $((after + 1))
ok $? "the reads answered on the new primary"
touch "$T/stop"
wait $reads_pid
diag "reads answered: $(fo_dones "$T/reads")," \
    "not answered: $(grep -c '^fail' "$T/reads")"
is "$(grep '^fail' "$T/reads" | head -n 3)" "" \
	"every read answered through the failover, none unreachable"
for w in status register digits; do
	grep -q "^done $w" "$T/reads"
	ok $? "and $w among them"
done
is "$(fo_sql "SELECT pg_is_in_recovery()")" f \
    "the registry is the former standby's now"
done_testing
