#!/bin/sh
# bench-failover.sh: the primary killed KILLS times (default 20) under load: a
# kiosk applying and a counter verifying on a primary and its synchronous
# standby (tests/failover-lib.sh); each time the standby is promoted and a new
# standby made from it where the dead primary was, so the two hosts of the
# stations' URI swap roles. Prints the operations reported done, those then
# lost (must be 0) or found twice, and the longest pause each station saw
# between two operations done. Run by "make bench"; minutes long.
set -eu
builddir=$(cd "${1:-.}" && pwd)
srcdir=$(cd "$(dirname "$0")/.." && pwd)
KILLS=${KILLS:-20}
export top_builddir="$builddir" top_srcdir="$srcdir"
export JSD_PG_DURABLE=1		# fsync as in production
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/failover-lib.sh"
pgc="$srcdir/tests/pg-cluster.sh"
trap 'exit 130' INT TERM HUP	# the servers are stopped on the way out

fo_start || { echo "bench-failover.sh: no primary and standby" >&2; exit 1; }
apps0=$(fo_sql "SELECT count(*) FROM application")
fo_stations
old=p new=s
i=0
while [ $i -lt "$KILLS" ]; do
	fo_more 2	# both stations at work on this primary before it dies
	"$pgc" kill "$PGC/$old"
	"$pgc" promote "$PGC/$new"
	rm -rf "${PGC:?}/$old"
	"$pgc" standby "$PGC/$old" "$PGC/$new"
	i=$((i + 1))
	t=$old old=$new new=$t
done
fo_more 2
fo_stop

apps=$(fo_dones "$T/kiosk")
verifs=$(fo_dones "$T/counter")
in_db=$(($(fo_sql "SELECT count(*) FROM application") - apps0))
recorded=$(fo_sql "SELECT count(*) FROM usage_record WHERE kind = 'verify'")
echo "primary killed and standby promoted: $KILLS times"
echo "applications reported done: $apps, not done: $(grep -c '^fail' "$T/kiosk" || true)"
echo "  reported done, then lost: $(fo_lost)"
echo "  in the registry beyond those reported done: $((in_db - apps))"
echo "verifications reported done: $verifs, not done: $(grep -c '^fail' "$T/counter" || true)"
echo "  recorded: $recorded (lost: $((verifs > recorded ? verifs - recorded : 0)), beyond: $((recorded > verifs ? recorded - verifs : 0)))"
echo "longest pause between operations done: kiosk $(fo_pause "$T/kiosk") s," \
    "counter $(fo_pause "$T/counter") s"
ctl --db "$db" log verify
if [ "$rc" = 0 ]; then
	echo "event chain: intact"
else
	echo "event chain: BROKEN: $out $err"
fi
exit 0
