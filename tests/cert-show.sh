# cert-show.sh: "jsdctl cert show", the counter's view of one certificate
# (status, FRP, people with masked IDs, usage and change records newest
# first, paged), and "cert phone-change" at the counter after the identity
# check.
. "$top_srcdir/tests/lib.sh"

cert_claimed
at 3 holder add-user --wallet "$W/frp" --name 使用人甲 \
	--id 110101199001010015 --phone 13800001001
at 4 holder list --wallet "$W/frp"
user=$(printf '%s\n' "$out" | awk '$3 == "user" { print $2 }')
frp=$(printf '%s\n' "$out" | awk '$3 == "FRP" { print $2 }')

JSD_PASSWORD=jsd-demo-counter at 5 cert show 12110000471228060A --staff counter1
is "$rc" 1 "an institution without a certificate has nothing to show"
like "$err" "not claimed" "and says so"
at 5 cert show $code
is "$rc" 2 "show needs a staff login"

# Three verifications a minute apart, then a name change: newest first.
for s in 10 70 130; do
	at $s holder present --wallet "$W/frp" --as digits
	at $((s + 1)) verify "$(last)"
done
JSD_PASSWORD=jsd-demo-counter at 200 cert name-change $code --staff counter1 \
	--name 北京市示例科学技术研究总院
JSD_PASSWORD=jsd-demo-super at 300 cert show $code --staff super1
ok $rc "a supervisor opens the certificate"
like "$out" "^Institution name: 北京市示例科学技术研究总院" "its text, as changed"
like "$out" "^Certificate status: in force" "its status"
like "$out" "^First responsible person for the e-certificate: 张晓华 \*+5029" \
	"the FRP with the ID number masked"
like "$out" "Person $user +user +pending +使用人甲 \*+0015" "the users, masked too"
unlike "$out" "110101199001010015|$frp_id" "no ID number in full"
first=$(printf '%s\n' "$out" | grep -n "$(local_time 131 | cut -c1-16)" | head -n 1 | cut -d: -f1)
second=$(printf '%s\n' "$out" | grep -n "$(local_time 71 | cut -c1-16)" | head -n 1 | cut -d: -f1)
ok $([ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ]; echo $?) \
	"usage records newest first"
like "$out" "name change +北京市示例科学技术研究总院 +counter1" "the change records"
JSD_PASSWORD=jsd-demo-super at 300 --json cert show $code --staff super1 --page 2
like "$out" '"usage": \[\]' "page 2 of three records is empty"
like "$out" '"page": 2' "and says which page it is"
JSD_PASSWORD=jsd-demo-super at 300 --json cert show $code --staff super1
is "$(printf '%s\n' "$out" | grep -c '"outcome": "valid"')" 3 "JSON has the three records"
like "$out" '"status": "active"' "and the status as stored"
at 301 events --kind cert.viewed
like "$out" "super1 +cert.viewed +$code" "who opened the certificate is on record"

# --- a phone change at the counter, after the identity check ---
identity_platform 张晓华 $frp_id
JSD_PASSWORD=jsd-demo-counter at 400 cert phone-change $code --staff counter1 \
	--person "$frp"
is "$rc" 1 "phone-change needs the new phone"
JSD_PASSWORD=jsd-demo-counter at 401 cert phone-change $code --staff counter1 \
	--person "$frp" --phone 1391234567
like "$err" "[Mm]obile" "a bad phone is refused at its field"
JSD_PASSWORD=jsd-demo-counter at 402 cert phone-change $code --staff counter1 \
	--person "$user" --phone 13911110000
is "$rc" 1 "a person the identity platform does not know"
at 402 events --kind idcheck.not_found
like "$out" "counter1 +idcheck.not_found +$code" "is refused and logged"
JSD_PASSWORD=jsd-demo-counter at 403 cert phone-change 12110000471228060A \
	--staff counter1 --person "$frp" --phone 13911110000
is "$rc" 1 "a person of another certificate is refused"
JSD_PASSWORD=jsd-demo-counter at 404 cert phone-change $code --staff counter1 \
	--person "$frp" --phone 13911110000
ok $rc "the FRP's phone is changed after the identity check"
at 405 events --kind cert.phone_change
like "$out" "counter1 +cert.phone_change +$code" "the change is in the event log"
at 406 holder changes --wallet "$W/frp"
like "$out" "phone change +张晓华 139\*\*\*\*0000" "the change record masks the phone"

done_testing
