#!/bin/sh
# bench-report.sh: bench/bench-report on PostgreSQL (bench/bench-report itself,
# run by "make bench", times the SQLite file): a private cluster kept in
# bench-data/report-pg, its database "report" loaded once with 10 million
# events by COPY and kept for later runs; then the supervisor's day summary,
# event pages, exports and charts, timed. Run by "make bench".
set -eu
builddir=${1:-.}
. "$(dirname "$0")/bench-pg.sh"
bench_pg report
JSD_BENCH_DB=$bench_uri "$builddir/bench/bench-report" "$data"
