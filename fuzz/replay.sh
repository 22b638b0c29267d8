# replay.sh: every fuzz target over its corpus (the seeds and any input that
# once crashed it): no crash, no sanitizer report.
. "$top_srcdir/tests/lib.sh"

for t in code csv cfg http text sign scan; do
	for f in "$top_srcdir/fuzz/corpus/$t"/*; do
		"$top_builddir/fuzz/fuzz-$t" "$f" >/dev/null 2>"$T/err"
		ok $? "fuzz-$t replays $(basename "$f")"
		[ -s "$T/err" ] && sed 's/^/#   /' "$T/err" | head -20
	done
done
done_testing
