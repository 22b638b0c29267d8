# app-status.sh: an applicant learns what became of an application with its
# number and the last four digits of the phone on the form, nothing personal;
# a wrong pair says no more than that, is logged, and five of them in ten
# minutes stop a station's lookups until the first is ten minutes old.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/holders.sh"

# told T WORDS WHAT: at T, what the applicant of $no (phone ending 5678) is
# told says WORDS.
told() {
	at "$1" application status "$no" 5678
	like "$out" "$2" "$3"
}

export JSD_STATION=hall1-kiosk1
at 0 demo
at 1 apply claim --credit-code $code --frp-phone 13912345678
no=$(last)
at 2 --json application status "$no" 5678
like "$out" '"status": "submitted"' "a submitted application, by number and phone end"
unlike "$out" "张晓华|13912345678|110118" "without the person's name, phone or ID"
told 3 "waiting for the counter" "said in words"
at 4 application status "$no" 1234
is "$rc" 1 "the number with other digits is refused"
like "$err" "do not match" "as not matching"
msg=$err
at 5 application status 20261130-0099 5678
is "$err" "$msg" "an unknown number gets the same answer"
at 6 application status "$no" ""
is "$err" "$msg" "and so does the number alone"
at 7 events --kind app.lookup_failed
is "$(printf '%s\n' "$out" | grep -c 'app.lookup_failed')" 3 "each failed lookup is logged"
at 8 application status "$no" 0000
at 9 application status "$no" 0001
at 10 application status "$no" 5678
is "$rc" 1 "after 5 failures even the right pair is refused"
like "$err" "Too many failed tries.*\(08:10\)" "saying when to try again"
JSD_STATION=hall1-kiosk2 at 11 application status "$no" 5678
ok $rc "another station is not stopped"
at 605 application status "$no" 5678
ok $rc "ten minutes after the first failure, lookups work again"

JSD_PASSWORD=jsd-demo-counter at 700 approve "$no" --staff counter1
tok=$(last)
at 701 --json application status "$no" 5678
like "$out" '"status": "approved"' "approved"
like "$out" '"claimed": false' "not yet claimed"
told 702 "claim QR code at the counter" "come to the counter for the claim QR"
at 710 holder claim "$tok" --wallet "$W/frp" --name 张晓华 --id $frp_id \
	--phone 13912345678 --accept-declaration
told 711 "certificate has been claimed" "then claimed"

at 800 apply claim --credit-code 12110000471228060A --frp-phone 13700002222
no2=$(last)
JSD_PASSWORD=jsd-demo-counter at 801 reject "$no2" --staff counter1 \
	--reason 材料不全
at 802 application status "$no2" 2222
like "$out" "Not approved" "a rejected application"
like "$out" "材料不全" "with the reason"
done_testing
