# failover.sh: a kiosk submitting and a counter verifying against a primary
# and its synchronous standby keep working through the primary's death and the
# standby's promotion: every operation reported done is in the new primary,
# none twice, the event chain is intact, and both stations carried on.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/failover-lib.sh"

fo_begin
apps0=$(fo_sql "SELECT count(*) FROM application")
ops0=$(fo_sql "SELECT count(*) FROM operation WHERE kind = 'app.submit'")

fo_stations
fo_more 3
ok $? "both stations at work on the primary"

"$top_srcdir/tests/pg-cluster.sh" kill "$PGC/p"
ok $? "the primary killed"
"$top_srcdir/tests/pg-cluster.sh" promote "$PGC/s"
ok $? "the standby promoted"
fo_more 3
ok $? "both stations carried on, on the new primary"
fo_stop
is "$(psql -X -At -h "$PGC/s" -d jsd -c "SELECT pg_is_in_recovery()")" f \
    "the registry is the former standby's now"

done_apps=$(fo_dones "$T/kiosk")
done_verifs=$(fo_dones "$T/counter")
diag "applications reported done: $done_apps, not done: $(grep -c '^fail' "$T/kiosk")"
diag "verifications reported done: $done_verifs, not done: $(grep -c '^fail' "$T/counter")"
diag "longest pause between operations done: kiosk $(fo_pause "$T/kiosk") s, counter $(fo_pause "$T/counter") s"
is "$(fo_lost)" 0 "every application reported done is in the new primary"
is "$(($(fo_sql "SELECT count(*) FROM application") - apps0))" "$done_apps" \
    "and no other: none twice"
is "$(($(fo_sql "SELECT count(*) FROM operation WHERE kind = 'app.submit'") - ops0))" \
    "$done_apps" "one operation id each"
is "$(fo_sql "SELECT count(*) FROM usage_record WHERE kind = 'verify'")" \
    "$done_verifs" "every verification reported done is recorded, once"
is "$(fo_sql "SELECT count(DISTINCT id) FROM operation WHERE kind = 'verify'")" \
    "$done_verifs" "under its own operation id"
ctl --db "$db" log verify
ok $rc "the event chain is intact"
done_testing
