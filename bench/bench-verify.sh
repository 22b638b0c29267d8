#!/bin/sh
# bench-verify.sh: bench/bench-verify on both engines in one run, on the same
# machine: a SQLite file, then a private PostgreSQL cluster with fsync on
# (kept in bench-data/verify-pg with its loaded database, for the next run).
# Each prints check-only, durable-each and durable-grouped rates for 1 and 16
# clients, and the ratios. Run by "make bench"; JSD_BENCH_SECONDS sets how
# long each rate is measured (default 5).
set -eu
builddir=${1:-.}
[ $# -eq 0 ] || shift
srcdir=$(cd "$(dirname "$0")/.." && pwd)
data="$(cd "$builddir" && pwd)/bench-data"
pg="$data/verify-pg"
mkdir -p "$data"
chmod 0711 "$data"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$builddir/bench/bench-verify" "$data" "$@"
export JSD_PG_DURABLE=1
trap '"$srcdir/tests/pg-cluster.sh" down "$pg"' EXIT
"$srcdir/tests/pg-cluster.sh" up "$pg" >/dev/null
psql -X -q -h "$pg" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'verify'" | grep -q 1 ||
	psql -X -q -h "$pg" -d postgres -c "CREATE DATABASE verify"
JSD_BENCH_DB="postgresql:///verify?host=$pg" "$builddir/bench/bench-verify" \
    "$data" "$@"
