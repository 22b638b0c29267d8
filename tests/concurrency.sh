# concurrency.sh: four processes each submit 250 applications at once to one
# registry file: 1000 applications and 1000 events, none lost, numbers unique,
# the event chain intact, and no "database is locked" reaching anyone.
. "$top_srcdir/tests/lib.sh"

STRESS="$top_builddir/tests/stress-apply"
ctl demo
ok $rc "demo registry"
code=12110000429074993M
for k in 1 2 3 4; do
	"$STRESS" "$JSD_DB" "kiosk-$k" 250 "$code" 2>"$T/stress-$k.err" &
	eval "pid$k=\$!"
done
fails=0
for k in 1 2 3 4; do
	eval "wait \$pid$k" || fails=$((fails + 1))
done
is "$fails" 0 "all four processes succeeded"
errors=$(cat "$T"/stress-*.err)
unlike "$errors" "locked|busy" "no 'database is locked' reached a process"

ctl applications
is "$(printf '%s\n' "$out" | grep -c .)" 1000 "1000 applications stored"
is "$(printf '%s\n' "$out" | awk '{print $1}' | sort -u | wc -l)" 1000 \
	"1000 distinct application numbers"
for k in 1 2 3 4; do
	is "$(printf '%s\n' "$out" | grep -c " kiosk-$k ")" 250 "250 from kiosk-$k"
done
ctl events --kind app.submitted
is "$(printf '%s\n' "$out" | grep -c .)" 1000 "1000 application events"
ctl log verify
ok $rc "the event chain is intact after concurrent writers"
done_testing
