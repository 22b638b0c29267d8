# offline.sh: a counter whose link to the PostgreSQL registry is lost still
# checks signed QR codes, offline and saying so, with the public key it kept;
# a numeric code, which only the registry can look up, is refused as "the
# registry cannot be reached". The test runs its own server (pg-cluster.sh)
# so that it can stop it.
. "$top_srcdir/tests/lib.sh"

own_server
db=$own_db
last() { printf '%s\n' "$out" | tail -n 1; }

ctl --db "$db" demo
ctl --db "$db" apply claim --credit-code 12110000429074993M --frp-phone 13912345678
JSD_PASSWORD=jsd-demo-counter ctl --db "$db" approve "$(last)" --staff counter1
JSD_PASSWORD=holder-pass JSD_NEW_PASSWORD=holder-pass ctl --db "$db" holder claim \
    "$(last)" --wallet "$T/frp" --name 张晓华 --id 110118198312055029 \
    --phone 13912345678 --accept-declaration
ok $rc "a claimed certificate"
JSD_PASSWORD=holder-pass ctl --db "$db" holder present --wallet "$T/frp" --as qr
qr=$(last)
JSD_PASSWORD=holder-pass ctl --db "$db" holder present --wallet "$T/frp" --as digits
digits=$(last)
like "$qr" "^JSD:P:" "a presented QR"

# A verifier that died must fail the checks below, not kill the script.
trap '' PIPE
mkfifo "$T/go"
# The verifier's output file exists before the wait below reads it: the
# background shell makes it only once the fifo has opened, and on a loaded
# machine the first read came before that, failed, and ended the wait at once
# (the live checks then found nothing).
: >"$T/vt"
"$top_builddir/tests/verify-twice" "$db" "$qr" "$digits" <"$T/go" >"$T/vt" 2>&1 &
pid=$!
exec 3>"$T/go"
n=0
# A bound, not a speed: a sanitizer build on a loaded machine is slow to
# connect and check its first code.
while [ "$(wc -l <"$T/vt")" -lt 2 ] && [ $n -lt 1200 ]; do
	sleep 0.1
	n=$((n + 1))
done
is "$(sed -n 1p "$T/vt")" "live valid" "with the link: the QR is valid, checked live"
is "$(sed -n 2p "$T/vt")" "live valid" "and so are the digits"
"$top_srcdir/tests/pg-cluster.sh" stop "$PGC"
echo go >&3
exec 3>&-
wait $pid
is "$(sed -n 3p "$T/vt")" "offline valid" "the link lost: the QR is still checked, offline"
is "$(sed -n 4p "$T/vt")" "error reg.unreachable" \
	"the digits are refused: the registry cannot be reached"
done_testing
