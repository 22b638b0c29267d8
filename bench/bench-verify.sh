#!/bin/sh
# bench-verify.sh: bench/bench-verify on both engines in one run, on the same
# machine: a SQLite file, then a private PostgreSQL cluster with fsync on
# (kept in bench-data/verify-pg with its loaded database, for the next run).
# Each prints check-only, durable-each, durable-grouped and durable-pipelined
# rates for 1 and 16 clients, and the ratios. Run by "make bench";
# JSD_BENCH_SECONDS sets how long each rate is measured (default 5).
#   bench-verify.sh [BUILDDIR [CLIENTS...]]
set -eu
builddir=${1:-.}
[ $# -eq 0 ] || shift
. "$(dirname "$0")/bench-pg.sh"
"$builddir/bench/bench-verify" "$data" "$@"
bench_pg verify
JSD_BENCH_DB=$bench_uri "$builddir/bench/bench-verify" "$data" "$@"
