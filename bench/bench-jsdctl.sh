#!/bin/sh
# bench-jsdctl.sh: jsdctl start-to-exit for "applications" on a registry of
# 100,000 applications; prints the median of 5 runs. Run by "make bench".
set -eu
builddir=${1:-.}
dir="$builddir/bench-data"
mkdir -p "$dir"
db="$dir/bench-100k.db"
if [ ! -f "$db" ]; then
	echo "filling $db with 100,000 applications (once)..."
	"$builddir/bench/bench-apply" --fill "$db" 100000
fi
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
run() {	# run LABEL ARGS...: median wall time of 5 runs, output discarded
	label=$1
	shift
	for i in 1 2 3 4 5; do
		s=$(date +%s%N)
		"$builddir/jsdctl" --db "$db" "$@" >/dev/null
		e=$(date +%s%N)
		echo $(((e - s) / 1000))
	done | median | awk -v l="$label" '{ printf "%s: %.1f ms (median of 5)\n", l, $1 / 1000 }'
}
run "jsdctl applications (all 100,000 rows)" applications
run "jsdctl applications --limit 50 (first screen)" applications --limit 50
run "jsdctl applications --date today" applications --date "$(TZ=Asia/Shanghai date +%F)"
ls -l "$db" | awk '{ printf "registry file: %.1f MB\n", $5 / 1e6 }'
