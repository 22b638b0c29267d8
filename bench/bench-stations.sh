#!/bin/sh
# bench-stations.sh: 16 kiosks submitting at once, each its own process and
# connection (tests/stress-apply, 100 applications each), on a SQLite file and
# on PostgreSQL (a private cluster with fsync on, tests/pg-cluster.sh): wall
# time, submissions per second, and the checks that matter: every one stored,
# numbers distinct, the event chain intact. Run by "make bench".
set -eu
builddir=${1:-.}
srcdir=$(cd "$(dirname "$0")/.." && pwd)
dir="$(cd "$builddir" && pwd)/bench-data/stations"
rm -rf "$dir"
mkdir -p "$dir"
chmod 0711 "$dir"
n=16 each=100
code=12110000429074993M

round() {	# round TARGET LABEL
	"$builddir/jsdctl" --db "$1" demo >/dev/null
	s=$(date +%s%N)
	k=1
	while [ $k -le $n ]; do
		"$builddir/tests/stress-apply" "$1" "kiosk-$k" $each $code \
		    2>"$dir/err-$k" &
		k=$((k + 1))
	done
	wait
	e=$(date +%s%N)
	stored=$("$builddir/jsdctl" --db "$1" applications | wc -l)
	distinct=$("$builddir/jsdctl" --db "$1" applications | awk '{print $1}' |
	    sort -u | wc -l)
	"$builddir/jsdctl" --db "$1" log verify >/dev/null && chain=intact ||
	    chain=BROKEN
	awk -v l="$2" -v t=$(((e - s) / 1000000)) -v m=$((n * each)) \
	    -v st="$stored" -v d="$distinct" -v c="$chain" -v f="$(cat "$dir"/err-* | wc -l)" \
	    'BEGIN { printf "%s: %d submissions by %d stations in %.2f s, %.0f/s;" \
	    " stored %d, distinct numbers %d, errors %d, chain %s\n",
	    l, m, '"$n"', t / 1000, m / (t / 1000), st, d, f, c }'
}

JSD_KEY_FILE="$dir/sqlite.key" round "$dir/stations.db" "SQLite"
export JSD_PG_DURABLE=1 JSD_KEY_FILE="$dir/pg.key"
trap '"$srcdir/tests/pg-cluster.sh" stop "$dir/pg"' EXIT
"$srcdir/tests/pg-cluster.sh" start "$dir/pg" >/dev/null
psql -X -q -h "$dir/pg" -d postgres -c "CREATE DATABASE stations"
round "postgresql:///stations?host=$dir/pg" "PostgreSQL"
