#!/bin/sh
# bench-claim-kill.sh: tests/claim-kill.sh with KILLS (default 200) SIGKILLs of
# "holder claim" and of "holder redeem" at random points; prints how each
# ended (wallet working, or the QR completing it) and any failure. Run by
# "make bench"; minutes long, so not part of "make check".
set -eu
builddir=$(cd "${1:-.}" && pwd)
srcdir=$(cd "$(dirname "$0")/.." && pwd)
KILLS=${KILLS:-200}
SQLITE3_BIN=${SQLITE3_BIN:-$(command -v sqlite3 || true)}
export KILLS top_builddir="$builddir" top_srcdir="$srcdir" SQLITE3_BIN
sh "$srcdir/tests/claim-kill.sh" | grep -E '^(# |not ok|1\.\.)'
