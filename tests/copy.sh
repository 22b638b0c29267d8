# copy.sh: "jsdctl copy-registry FROM TO" moves a registry whole: every row,
# ids and the event chain included, into an empty one, checked afterwards; the
# copy then works on its own. On PostgreSQL the test's database goes into a
# SQLite file and from there into a new database; on SQLite, file to file.
. "$top_srcdir/tests/lib.sh"

code=12110000429074993M
claim_qr
ok $rc "a registry with some history"
JSD_PASSWORD=holder-pass JSD_NEW_PASSWORD=holder-pass ctl holder claim "$tok" \
    --wallet "$T/frp" --name 张晓华 --id 110118198312055029 --phone 13912345678 \
    --accept-declaration
ok $rc "an application, its approval and the claim"
ctl apply claim --credit-code 12110000471228060A --frp-phone 13912345679
ctl --json events
events=$(printf '%s' "$out" | grep -o '"id":' | wc -l)

file="$T/copy.db"
ctl copy-registry "$JSD_DB" "$file"
ok $rc "copied into a new file"
like "$out" "event chain of $events events is intact" "the copy's chain is checked: $events events"
like "$out" "application +2" "and its tables counted"
ctl --db "$file" log verify
ok $rc "the copy's chain verifies on its own"
ctl --db "$file" application show "$no"
like "$out" "13912345678" "the application is there"
ctl --db "$file" apply claim --credit-code 12110000448904091B --frp-phone 13912345670
like "$(last)" "^[0-9]{8}-0003$" "a new application takes the next number"
ctl --db "$file" log verify
ok $rc "and its event extends the chain"

ctl copy-registry "$JSD_DB" "$file"
is "$rc" 1 "copying into a registry that is not empty is refused"
like "$err" "not empty" "and says so"

if [ "$JSD_TEST_BACKEND" = pg ]; then
	pg_new_db; back=$pg_db
else
	back="$T/back.db"
fi
ctl copy-registry "$file" "$back"
ok $rc "and back again, into a new $JSD_TEST_BACKEND registry"
ctl --db "$back" apply claim --credit-code 12110000448904091B --frp-phone 13912345671
like "$(last)" "^[0-9]{8}-0004$" "where new rows get new ids and numbers"
ctl --db "$back" --json applications
is "$(printf '%s' "$out" | grep -o '"number":' | wc -l)" 4 "all four applications"
ctl --db "$back" log verify
ok $rc "with one intact chain"
JSD_PASSWORD=jsd-demo-counter ctl --db "$back" staff login counter1
ok $rc "staff accounts came along"
done_testing
