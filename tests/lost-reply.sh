# lost-reply.sh: an operation whose commit happened but whose reply was lost is
# tried again and answered with its first result, and done once. The reply is
# lost for real: with the synchronous standby stopped, the primary commits
# locally and then waits for the standby before answering; the backend is
# terminated in that wait (PostgreSQL then says the transaction "has already
# committed locally"), so the station sees its connection die at COMMIT.
# Cut: a submission, a verification, a batch, a staff login.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/failover-lib.sh"

[ "$JSD_TEST_BACKEND" = pg ] || skip_all "a SQLite file has no standby"
fo_start || { echo "Bail out! no primary and standby"; exit 1; }
"$top_srcdir/tests/pg-cluster.sh" kill "$PGC/s"
ok $? "the standby stopped: the primary's commits wait for it"

on_primary() { psql -X -q -At -h "$PGC/p" -d jsd -c "$1"; }
# sync_standby NAMES: whether the primary's commits wait for a standby ('*')
# or not (''): not once the cut is made, so that a retry that did the work
# again would commit, and be counted, rather than wait for ever.
sync_standby() {
	psql -X -q -h "$PGC/p" -d postgres \
	    -c "ALTER SYSTEM SET synchronous_standby_names = '$1'" \
	    -c "SELECT pg_reload_conf()" >/dev/null
}

# lost_reply ARGS...: jsdctl ARGS (its input from the file $lr_in, if set),
# its connection terminated while its commit waits for the standby; its
# output in $out, its status in $rc, and $cut 0 when the cut was made.
lost_reply() {
	sync_standby '*'
	"$top_builddir/jsdctl" --db "$db" "$@" <"${lr_in:-/dev/null}" \
	    >"$T/out" 2>"$T/err" &
	_pid=$!
	_b= _i=0
	while [ -z "$_b" ] && [ $_i -lt 3000 ] && kill -0 $_pid 2>/dev/null; do
		sleep 0.2
		_i=$((_i + 1))
		_b=$(on_primary "SELECT pid FROM pg_stat_activity WHERE datname = 'jsd'
		    AND wait_event = 'SyncRep'")
	done
	[ -n "$_b" ] &&
	    [ "$(on_primary "SELECT pg_terminate_backend($_b)")" = t ] && cut=0 ||
	    cut=1
	sync_standby ''
	wait $_pid && rc=0 || rc=$?
	out=$(cat "$T/out")
}

apps0=$(on_primary "SELECT count(*) FROM application")
lost_reply apply claim --credit-code $FO_APPLY --frp-phone 13912345678
ok $cut "a submission's connection cut while its commit waited"
ok $rc "the submission is reported done"
n=$(last)
is "$(on_primary "SELECT count(*) FROM application WHERE number = '$n'")" 1 \
    "under the number its first run committed"
is "$(on_primary "SELECT count(*) FROM application")" $((apps0 + 1)) \
    "and it was done once"
is "$(on_primary "SELECT count(*) FROM operation WHERE kind = 'app.submit'
    AND result = '$n'")" 1 "its operation id recorded once"

lost_reply verify "$qr"
ok $cut "a verification's connection cut while its commit waited"
like "$out" "VALID \(checked against the registry\)" \
    "the verification is answered with its first result"
is "$(on_primary "SELECT count(*) FROM usage_record WHERE kind = 'verify'")" 1 \
    "and recorded once"
is "$(on_primary "SELECT count(*) FROM operation WHERE kind = 'verify'")" 1 \
    "under one operation id"

# A batch is one operation: retried, none of its codes is recorded twice.
JSD_PASSWORD=holder-pass ctl --db "$db" holder present --wallet "$T/frp" --as qr
printf '%s\n%s\n' "$qr" "$(last)" >"$T/batch"
lr_in=$T/batch lost_reply verify --batch
ok $cut "a batch's connection cut while its commit waited"
ok $rc "the batch is answered"
is "$(printf '%s\n' "$out" | grep -c "^VALID (checked against the registry)")" 2 \
    "a valid verdict for each code"
is "$(on_primary "SELECT count(*) FROM usage_record WHERE kind = 'verify'")" 3 \
    "each recorded once"
is "$(on_primary "SELECT count(*) FROM operation WHERE kind = 'verify.batch'
    AND result = '2'")" 1 "under one operation id for the batch"

# A staff login is one operation too: its reply lost, the retry answers with
# its verdict, and the rejection it opens the way for goes ahead, once.
logins0=$(on_primary "SELECT count(*) FROM operation WHERE kind = 'staff.login'")
JSD_PASSWORD=jsd-demo-counter lost_reply reject "$n" --staff counter1 \
    --reason 资料不全
ok $cut "a login's connection cut while its commit waited"
ok $rc "the login and the rejection are reported done"
is "$(on_primary "SELECT status FROM application WHERE number = '$n'")" \
    rejected "the application is rejected"
is "$(on_primary "SELECT count(*) FROM operation WHERE kind = 'staff.login'")" \
    $((logins0 + 1)) "the login recorded once"
is "$(on_primary "SELECT failed FROM staff WHERE name = 'counter1'")" 0 \
    "and its password counted right"
is "$(on_primary "SELECT count(*) FROM operation WHERE kind = 'app.reject'
    AND result = '$n'")" 1 "the rejection under one operation id"

is "$(grep -c 'already committed locally' "$PGC/p/server.log")" 4 \
    "all four commits happened before their replies were lost"
ctl --db "$db" log verify
ok $rc "the event chain is intact"
done_testing
