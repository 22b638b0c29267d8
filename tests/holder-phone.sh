# holder-phone.sh: a holder changes its phone with a code sent to the new
# phone (the SMS template jsd_phone_code, tests/fake-service.py playing the
# gateway); the code works only for that phone and only as a phone change,
# and a reset code does not change the phone. After the change, password
# resets go to the new phone.
. "$top_srcdir/tests/lib.sh"

command -v python3 >/dev/null || skip_all "python3 is not installed"
cert_claimed
sms_gateway
sent() { tail -n 1 "$T/sms.log"; }

at 10 holder change-phone --wallet "$W/frp" --phone 13912345678
like "$err" "nothing to change" "the phone it has already is no change"
at 11 holder change-phone --wallet "$W/frp" --phone 1391234567
like "$err" "[Mm]obile" "a bad phone is refused at its field"
at 12 holder change-phone --wallet "$W/frp" --phone 13711112222
ok $rc "a code is sent"
like "$out" "137\*\*\*\*2222" "to the new phone, shown masked"
like "$(sent)" "^13711112222	[0-9]{6}$" "the new phone received a 6-digit code"
phonecode=$(sent | cut -f 2)

at 13 holder reset-password --wallet "$W/frp" --code "$phonecode"
is "$rc" 1 "a phone-change code does not reset the password"
at 14 holder change-phone --wallet "$W/frp" --phone 13711113333 --code "$phonecode"
is "$rc" 1 "nor change to another phone"
at 15 holder change-phone --wallet "$W/frp" --phone 13711112222 --code 000000
like "$err" "Wrong SMS code" "a wrong code is refused"
at 400 holder change-phone --wallet "$W/frp" --phone 13711112222 --code "$phonecode"
like "$err" "expired" "after 5 minutes the code has expired"

at 500 holder change-phone --wallet "$W/frp" --phone 13711112222
phonecode=$(sent | cut -f 2)
at 501 holder change-phone --wallet "$W/frp" --phone 13711112222 --code "$phonecode"
ok $rc "the code from the new phone changes it"
like "$out" "Phone of person [0-9]+ changed" "and says so"
at 502 holder changes --wallet "$W/frp"
like "$out" "phone change +张晓华 137\*\*\*\*2222" "a change record, the phone masked"
at 503 holder reset-password --wallet "$W/frp"
like "$out" "137\*\*\*\*2222" "password resets now go to the new phone"
like "$(sent)" "^13711112222	" "which receives the code"
at 504 holder change-phone --wallet "$W/frp" --phone 13711112222 --code "$phonecode"
is "$rc" 1 "a phone-change code works once"

done_testing
