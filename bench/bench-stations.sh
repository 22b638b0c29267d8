#!/bin/sh
# bench-stations.sh: 16 stations at once, each its own process and connection
# (bench/bench-station): 8 kiosks submitting claims, 8 counters approving them
# and verifying presented codes, for --seconds S (default 300), on one SQLite
# file and then on PostgreSQL (a private cluster with fsync on,
# tests/pg-cluster.sh). Prints, for each: operations per second, p50/p99
# latency by kind, and the checks that matter: every submission and approval
# reported done is in the registry (lost 0) and none is there twice
# (duplicated 0), every valid verdict has its usage record, the event chain
# is intact. Run by "make bench" (with --seconds 30).
#   bench-stations.sh [--seconds S] [BUILDDIR]
set -eu
seconds=300
if [ "${1:-}" = --seconds ]; then
	seconds=$2
	shift 2
fi
builddir=${1:-.}
srcdir=$(cd "$(dirname "$0")/.." && pwd)
dir="$(cd "$builddir" && pwd)/bench-data/stations"
rm -rf "$dir"
mkdir -p "$dir"
chmod 0711 "$dir" "$dir/.."
kiosks=8 counters=8
claimed=12110000429074993M
codes=$(sed 1d "$srcdir/assets/demo/register.csv" | cut -d, -f1 | grep -v $claimed)
export JSD_PASSWORD=jsd-demo-counter JSD_NEW_PASSWORD=holder-pass JSD_LANG=en

q() {	# q TARGET SQL: one value
	case $1 in
	postgresql:*) psql -X -q -At -d "$1" -c "$2" ;;
	*) sqlite3 "$1" "$2" ;;
	esac
}

# The one certificate whose codes the counters verify: claimed as at a hall.
setup() {	# setup TARGET
	ctl="$builddir/jsdctl --db $1"
	$ctl demo >/dev/null
	app=$($ctl apply claim --credit-code $claimed --frp-phone 13912345678 | tail -n 1)
	token=$($ctl approve "$app" --staff counter1 | tail -n 1)
	$ctl holder claim "$token" --wallet "$dir/wallet" --name 张晓华 \
	    --id 110118198312055029 --phone 13912345678 --accept-declaration >/dev/null
	rm -f "$dir/wallet"
}

pct() {	# pct KIND P: the P-th percentile of KIND's latencies, in ms
	grep -h "^$1 " "$dir"/out-* | awk '{print $3}' | sort -n |
	    awk -v p="$2" '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
	    i = int(NR * p / 100 + 0.5); if (i < 1) i = 1; printf "%.1f", v[i] / 1000 }'
}

round() {	# round TARGET LABEL
	setup "$1"
	rm -f "$dir"/out-* "$dir"/err-*
	s=$(date +%s%N)
	k=1
	while [ $k -le $((kiosks + counters)) ]; do
		role=kiosk
		[ $k -le $kiosks ] || role=counter
		"$builddir/bench/bench-station" "$1" "$JSD_KEY_FILE" $role "$role-$k" \
		    "$seconds" "$dir/out-$k" 1 $codes 2>"$dir/err-$k" &
		k=$((k + 1))
	done
	wait || true
	e=$(date +%s%N)
	ops=$(cat "$dir"/out-* | wc -l)
	submits=$(grep -h '^submit ' "$dir"/out-* | wc -l)
	approves=$(grep -h '^approve ' "$dir"/out-* | wc -l)
	valid=$(grep -h '^verify valid ' "$dir"/out-* | wc -l)
	verifies=$(grep -h '^verify ' "$dir"/out-* | wc -l)
	# Reported done but not in the registry; reported twice; stored twice.
	grep -h '^submit ' "$dir"/out-* | awk '{print $2}' | sort > "$dir/submitted"
	q "$1" "SELECT number FROM application" | sort > "$dir/stored"
	lost=$(comm -23 "$dir/submitted" "$dir/stored" | wc -l)
	grep -h '^approve ' "$dir"/out-* | awk '{print $2}' | sort -u > "$dir/approved"
	q "$1" "SELECT number FROM application WHERE status = 'approved'" | sort \
	    > "$dir/stored-approved"
	lost=$((lost + $(comm -23 "$dir/approved" "$dir/stored-approved" | wc -l)))
	dup=$(( $(uniq -d "$dir/submitted" | wc -l) + $(uniq -d "$dir/stored" | wc -l) ))
	records=$(q "$1" "SELECT count(*) FROM usage_record WHERE outcome = 'valid'")
	[ "$records" -ge "$valid" ] || lost=$((lost + valid - records))
	"$builddir/jsdctl" --db "$1" log verify >/dev/null && chain=intact || chain=BROKEN
	t=$(((e - s) / 1000000))
	awk -v l="$2" -v t="$t" -v o="$ops" -v n=$((kiosks + counters)) \
	    'BEGIN { printf "%s: %d stations for %.1f s: %d operations, %.0f/s\n",
	    l, n, t / 1000, o, o / (t / 1000) }'
	echo "  submitted $submits (p50 $(pct submit 50) ms, p99 $(pct submit 99) ms);" \
	    "approved $approves (p50 $(pct approve 50) ms, p99 $(pct approve 99) ms);" \
	    "verified $verifies, $valid valid (p50 $(pct verify 50) ms," \
	    "p99 $(pct verify 99) ms)"
	echo "  lost $lost, duplicated $dup, errors $(cat "$dir"/err-* | wc -l)," \
	    "chain $chain"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
JSD_KEY_FILE="$dir/sqlite.key" round "$dir/stations.db" "SQLite"
export JSD_PG_DURABLE=1 JSD_KEY_FILE="$dir/pg.key"
trap '"$srcdir/tests/pg-cluster.sh" stop "$dir/pg"' EXIT
"$srcdir/tests/pg-cluster.sh" start "$dir/pg" >/dev/null
psql -X -q -h "$dir/pg" -d postgres -c "CREATE DATABASE stations"
round "postgresql:///stations?host=$dir/pg" "PostgreSQL"
