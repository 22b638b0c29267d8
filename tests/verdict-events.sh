# verdict-events.sh: every state change a report counts writes its event, the
# ones time makes too. An authorization's lapse is logged once, when first
# noticed, with when it really ended, and stays counted after its user is
# deleted; a refused identity check for an added person is logged.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/holders.sh"
command -v python3 >/dev/null || skip_all "python3 is not installed"

end=86400	# 08:00 the next day
holders_setup 0 $end tax
at $((end - 1)) events --kind auth.lapsed
unlike "$out" "auth.lapsed" "nothing has lapsed a second before the end"
at $((end + 3600)) holder list --wallet "$W/frp"
at $((end + 3600)) events --kind auth.lapsed
like "$out" "auth.lapsed .*ended=$(local_time $end)" \
	"noticed an hour later, the lapse is logged with when it really ended"
at $((end + 3700)) holder present --wallet "$W/user" --as qr
at $((end + 3800)) --json report day --date "$(local_time $end | cut -c1-10)"
at $((end + 3800)) events --kind auth.lapsed
is "$(printf '%s\n' "$out" | grep -c 'auth.lapsed')" 1 "and logged once however often it is noticed"
at $((end + 4000)) holder delete-user "$user" --wallet "$W/frp"
ok $rc "the FRP deletes the user afterwards"
at $((end + 4100)) --json report day --date "$(local_time $end | cut -c1-10)"
like "$out" '"auth_lapsed": 1' "the day's figures still count the lapse"

# Identity checks of added people, against the fake platform.
identity_platform 张晓华 110118198312055029
at $((end + 5000)) holder add-user --wallet "$W/frp" --name 使用人乙 \
	--id 110101199001010015 --phone 13700000002
is "$rc" 1 "a person the platform does not know is refused"
like "$err" "not in the population records" "saying why in words"
at $((end + 5000)) events --kind idcheck.
like "$out" "idcheck.not_found .*user" "the refused check is logged"
done_testing
