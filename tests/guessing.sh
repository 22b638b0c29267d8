#!/bin/sh
# guessing.sh: guessing numeric codes is slowed, never a lockout of holders,
# driving jsdctl under libfaketime. A failed lookup makes that station's next
# typed lookup wait (2 s, then 4 s, ...); a lookup in the wait is answered at
# once as rate_limited with retry_after and is not looked up; a genuine code at
# a station where guessing happened is answered once the wait is over; another
# station is not held by one station's failures; guesses under many station
# names meet the city-wide budget (100 an hour), beyond which every station
# waits 30 s after each failure; signed QR codes are never limited.
# JSD_GUESSES sets how many station names guess (default 120, just past the
# budget, to keep make check short); JSD_GUESSES=1000 is the issue's run.
. "$top_srcdir/tests/lib.sh"

faked_clock
command -v python3 >/dev/null 2>&1 || skip_all "python3 not found"

base=$(date -u -d '2026-11-24 02:00:00' +%s)	# 10:00 in Shanghai
jfield() { printf '%s\n' "$out" | sed -n "s/^  \"$1\": \\(.*\\),\\{0,1\\}\$/\\1/p" | tr -d ','; }
W="$T/wallets"
mkdir -p "$W"
export JSD_PASSWORD=holder-pass JSD_NEW_PASSWORD=holder-pass
code=12110000429074993M
frp_id=110118198312055029
n=${JSD_GUESSES:-120}

# Numeric codes with a right check digit (Damm, as core/code.c) that no one
# was given: guesses, not typos.
python3 -c '
import random, sys
t = ["0317598642", "7092154863", "4206871359", "1750983426", "6123045978",
    "3674209581", "5869720134", "8945362017", "9438617205", "2581436790"]
for _ in range(int(sys.argv[1])):
	s = "".join(random.choice("0123456789") for _ in range(14))
	i = 0
	for c in s:
		i = int(t[i][int(c)])
	print(s + str(i))
' $((n + 10)) >"$T/guesses"
guess() { sed -n "${1}p" "$T/guesses"; }

at 0 demo
ok $rc "demo registry"
at 0 apply claim --credit-code $code --frp-phone 13912345678
JSD_PASSWORD=jsd-demo-counter at 0 approve "$(last)" --staff counter1
at 10 holder claim "$(last)" --wallet "$W/frp" --name 张晓华 --id $frp_id \
	--phone 13912345678 --accept-declaration
ok $rc "the FRP holds the certificate"

# --- one station: a delay after each failure, a genuine code after it ---
at 1000 holder present --wallet "$W/frp" --as digits
genuine=$(last)
like "$genuine" '^[0-9]{15}$' "a numeric code has 15 digits"
at 1000 --station counter-G --json verify --digits "$(guess 1)"
like "$out" '"outcome": "unknown"' "a guess is looked up: unknown"
at 1000 --station counter-G --json verify --digits "$genuine"
like "$out" '"outcome": "rate_limited"' \
	"at once after it, even the genuine code waits at that station"
is "$(jfield retry_after)" $((base + 1002)) "retry_after: 2 s after the failure"
at 1000 --station counter-G verify --digits "$genuine"
is "$rc" 1 "the text output is not valid"
like "$out" "try again in 2 seconds" "and says in words when to try again"
at 1001 --station counter-G --json verify --digits "$(guess 2)"
like "$out" '"outcome": "rate_limited"' "a guess in the wait is not looked up"
at 1001 --station counter-H --json verify --digits "$genuine"
like "$out" '"valid": true' "another station is not held by counter-G's failure"
wide=$(printf '%s' "$genuine" | python3 -c 'import sys; print("".join(chr(ord(c) + 0xFEE0) for c in sys.stdin.read()))')
at 1002 --station counter-G --json verify --digits "$wide"
like "$out" '"valid": true' \
	"the genuine code, typed in full-width digits, is accepted at counter-G once the wait is over"
at 1002 --station counter-G --json verify --digits "$(guess 3)"
like "$out" '"outcome": "unknown"' "the second guess there is looked up"
at 1002 --station counter-G --json verify --digits "$(guess 4)"
is "$(jfield retry_after)" $((base + 1006)) "and doubles the wait: 4 s"
at 1002 holder present --wallet "$W/frp" --as qr
ok $rc "a QR presented" || diag "$err"
qr=$(last)
at 1002 --station counter-G --json verify "$qr"
like "$out" '"valid": true' "a signed QR is never limited" || diag "$err"

# --- many station names: the city-wide budget ---
limited=0
looked=0
i=1
while [ $i -le "$n" ]; do
	at 2000 --station "guess-$i" --json verify --digits "$(guess $((i + 4)))"
	case $out in
	*'"rate_limited"'*) limited=$((limited + 1)) ;;
	*'"unknown"'*) looked=$((looked + 1)) ;;
	*) diag "guess $i: rc $rc: $out $err" ;;
	esac
	i=$((i + 1))
done
diag "$n guesses from $n station names at one second: $looked looked up, $limited rate limited"
is "$((looked + limited))" "$n" "every guess is answered, unknown or rate_limited"
is "$looked" 98 "the city-wide budget is looked up: 100 failures an hour, counter-G's 2 included"
is "$limited" $((n - looked)) "every guess past it is rate limited ($limited)"
at 2000 --station guess-new --json verify --digits "$(guess $((n + 5)))"
is "$(jfield retry_after)" $((base + 2030)) "a new station name waits 30 s too"
at 2030 --station guess-new --json verify --digits "$(guess $((n + 6)))"
like "$out" '"outcome": "unknown"' "after 30 s one guess is looked up"
at 2030 --station guess-other --json verify --digits "$(guess $((n + 7)))"
is "$(jfield retry_after)" $((base + 2060)) "and holds every station 30 s more"
at 2030 holder present --wallet "$W/frp" --as digits
genuine=$(last)
at 2031 --station counter-K --json verify --digits "$genuine"
like "$out" '"outcome": "rate_limited"' "a genuine code waits out the city-wide delay"
at 2060 --station counter-K --json verify --digits "$genuine"
like "$out" '"valid": true' "and is accepted after it"
at 2060 holder present --wallet "$W/frp" --as qr
at 2061 --station guess-other --json verify "$(last)"
like "$out" '"valid": true' "signed QR codes are not limited city-wide either"

# --- a batch (verify --batch): each guess counts as if verified alone ---
printf '%s\n%s\n%s\n' "$(guess $((n + 8)))" "$(guess $((n + 9)))" \
	"$(guess $((n + 10)))" >"$T/batch"
at 2100 --station counter-B --json verify --batch <"$T/batch"
like "$(printf '%s\n' "$out" | sed -n 1p)" '"outcome": ?"unknown"' \
	"a batch of guesses: the first is looked up"
like "$(printf '%s\n' "$out" | sed -n 2p)" \
	"\"outcome\": ?\"rate_limited\".*\"retry_after\": ?$((base + 2130))" \
	"the next waits for the first, as a second verify would: 30 s city-wide"
like "$(printf '%s\n' "$out" | sed -n 3p)" '"outcome": ?"rate_limited"' \
	"and so does the third, not looked up"
at 2100 --station counter-L --json verify --digits "$genuine"
is "$(jfield retry_after)" $((base + 2130)) \
	"the batch's guess holds every station, as a single one does"

done_testing
