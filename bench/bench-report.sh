#!/bin/sh
# bench-report.sh: bench/bench-report on PostgreSQL (bench/bench-report itself,
# run by "make bench", times the SQLite file): a private cluster kept in
# bench-data/report-pg, its database "report" loaded once with 10 million
# events by COPY and kept for later runs; then the supervisor's day summary,
# event pages, exports and charts, timed. Run by "make bench".
set -eu
builddir=${1:-.}
srcdir=$(cd "$(dirname "$0")/.." && pwd)
data="$(cd "$builddir" && pwd)/bench-data"
pg="$data/report-pg"
mkdir -p "$data"
chmod 0711 "$data"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
export JSD_PG_DURABLE=1
trap '"$srcdir/tests/pg-cluster.sh" down "$pg"' EXIT
"$srcdir/tests/pg-cluster.sh" up "$pg" >/dev/null
psql -X -q -h "$pg" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'report'" | grep -q 1 ||
	psql -X -q -h "$pg" -d postgres -c "CREATE DATABASE report"
JSD_BENCH_DB="postgresql:///report?host=$pg" "$builddir/bench/bench-report" "$data"
