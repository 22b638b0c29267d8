# verdict-lapse.sh: a presented code never outlives the authorization it
# presents. Made two minutes before the authorization ends, it expires with it
# offline, and online its refusal says the authorization lapsed, not revoked.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/holders.sh"

end=86400	# the authorization ends at 08:00 the next day
holders_setup 0 $end tax
at $((end - 120)) holder present --wallet "$W/user" --as qr
pqr=$(last)
like "$out" "$(local_time $end | cut -c1-16)" "the code made at 07:58 says it lasts to 08:00"
"$FAKETIME_BIN" -f "$(utc 0)" "$JSDCTL" key > "$T/registry.pub"
at $((end - 1)) --json verify --offline --key "$T/registry.pub" "$pqr"
like "$out" '"valid": true' "offline, it is valid at 07:59:59"
at $end --json verify --offline --key "$T/registry.pub" "$pqr"
like "$out" '"outcome": "expired"' "offline, it is expired at 08:00, when the authorization ends"
at $((end + 60)) --json verify "$pqr"
like "$out" '"outcome": "lapsed"' "online at 08:01 it is lapsed"
unlike "$out" "revoked" "not revoked"
at $((end + 60)) verify "$pqr"
like "$out" "authorization has ended" "and says the authorization has ended"
is "$rc" 1 "exit status 1"

at $((end - 60)) holder present --wallet "$W/user" --as digits
dig=$(last)
at $end --json verify --digits "$dig"
like "$out" '"outcome": "lapsed"' "a numeric code made at 07:59 is lapsed at 08:00"
at $((end - 400)) holder present --wallet "$W/user" --as qr
early=$(last)
at $((end + 60)) --json verify "$early"
like "$out" '"outcome": "expired"' "a code that expired before the authorization ended stays expired"
at $((end + 60)) events --kind verify.lapsed
like "$out" "verify.lapsed" "the event log has the lapsed outcome"
done_testing
