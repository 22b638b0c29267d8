# jsdctl.sh: the command line as a script or an administrator uses it.
. "$top_srcdir/tests/lib.sh"

# --- usage, help, version ---
ctl --version
like "$out" "^jsdctl [0-9]" "--version prints the version"
ctl frobnicate
is "$rc" 2 "an unknown command exits 2"
for cmd in init demo import-register institutions staff apply applications \
    application events log approve reject holder verify login-qr login-status \
    cert key scan decode doctor backup restore; do
	ctl "$cmd" --help
	if [ "$rc" -eq 0 ] && printf '%s' "$out" | grep -q "usage:"; then
		ok 0 "$cmd --help"
	else
		ok 1 "$cmd --help (rc $rc)"
	fi
done
out=$(JSD_LANG= "$JSDCTL" --help) || true
like "$out" "用法" "the default language is Chinese"

# --- init, twice ---
ctl --db "$T/sub/dir/reg.db" init
ok $rc "init creates a registry in a new directory"
like "$out" "^Created registry" "and says it created it"
ctl --db "$T/sub/dir/reg.db" init
like "$out" "up to date" "init again is harmless"
ctl --db "$T/sub/dir/reg.db" --json init
like "$out" '"created": false' "--json says it was not created again"

# --- demo ---
ctl demo
ok $rc "demo creates the demo registry"
like "$out" "Institutions: [0-9]+" "and reports the institutions"
like "$out" "counter1 \(counter\) password jsd-demo-counter" "and the counter account"
ctl demo
ok $rc "demo again is harmless"
ctl institutions
is "$(printf '%s\n' "$out" | grep -c .)" 32 "32 demo institutions"
unlike "$out" "110118198312055029" "ID numbers are masked in the list"
like "$out" "张晓华 \*{14}5029" "showing only the last four digits"
ctl institutions --search 海淀
is "$(printf '%s\n' "$out" | grep -c 海淀)" 2 "search by name finds the two in Haidian"

# --- import with good and bad rows ---
cat > "$T/reg.csv" <<'CSV'
credit_code,name,address,legal_rep_name,legal_rep_id,legal_rep_phone,level
121101054800000012,北京市朝阳区示例新馆,北京市朝阳区示例路9号,李新,11010519491231002X,13800001111,district
121101054800000018,北京市朝阳区示例错馆,北京市朝阳区示例路9号,李新,11010519491231002X,13800001111,district
121101054800000025,北京市朝阳区示例另馆,北京市朝阳区示例路9号,李新,11010519491231002X,2380000111,district
CSV
good=$("$JSDCTL" institutions | wc -l)
ctl import-register --all-or-nothing "$T/reg.csv"
is "$rc" 1 "all-or-nothing with bad rows exits 1"
is "$("$JSDCTL" institutions | wc -l)" "$good" "and imports nothing"
ctl import-register "$T/reg.csv"
is "$rc" 1 "default mode with bad rows exits 1"
like "$err" "reg.csv:3: Unified social credit code: " "line 3's credit code is reported"
like "$err" "reg.csv:4: Legal representative's mobile: " "line 4's mobile is reported"
is "$("$JSDCTL" institutions | wc -l)" "$((good + 1))" "the good row is imported"
# "-": standard input, which a root shell hands the jsd user's jsdctl from a
# file that user may not open (README-hall.md).
sed -n '1p;2s/示例路9号/示例路10号/p' "$T/reg.csv" >"$T/moved.csv"
ctl import-register - <"$T/moved.csv"
is "$rc:$out" "0:Imported: 0 added, 1 updated, 0 bad rows" \
    "import-register - reads the register from standard input"

# --- applications ---
code=12110000429074993M
ctl apply claim --credit-code "$code" --frp-phone "+86 139-1234-5678"
ok $rc "a claim with the legal representative as FRP"
no=$(printf '%s\n' "$out" | tail -n 1)
like "$no" "^[0-9]{8}-0001$" "the last line is the application number"
ctl application show "$no"
like "$out" "First responsible person's mobile: 13912345678" "the mobile was normalized"
like "$out" "First responsible person's ID number: \*{14}5029" \
	"show masks the FRP's ID number without a staff login"
like "$out" "Legal representative's ID number: \*{14}5029" \
	"and the legal representative's"
JSD_PASSWORD=wrong-password ctl application show "$no" --staff counter1
is "$rc" 1 "a wrong staff password shows nothing"
unlike "$out" "110118198312055029" "not even masked"
app_show "$no"
like "$out" "First responsible person's ID number: 110118198312055029" \
	"show gives the full ID number to counter staff with their password"
ctl --json application show "$no"
like "$out" '"frp_is_legal_rep": true' "--json gives the whole record"
ctl apply claim --credit-code "$code" --frp-name 王小明 --frp-id 11010519491231002X \
	--frp-phone 13912345678 --remark 由办公室主任办理
ok $rc "a claim naming another FRP"
ctl apply frp-change --credit-code "$code" --reason legal-rep-change \
	--frp-name 赵新 --frp-id 11010519491231002X --frp-phone 13912345679
is "$rc" 1 "an FRP-change form for an institution without a certificate is refused"

ctl apply claim --credit-code "$code" --frp-name 王小明 --frp-id 110105194912310021 \
	--frp-phone 13912345678
is "$rc" 1 "a bad ID check digit exits 1"
like "$err" "First responsible person's ID number: .*check digit" \
	"and names the field and the reason"
ctl apply claim --credit-code 12110000429074993N --frp-phone 13912345678
like "$err" "Unified social credit code: .*check character" "a bad credit code"
ctl apply claim --credit-code "$code" --frp-phone 12345
like "$err" "First responsible person's mobile" "a bad mobile"
ctl apply frp-change --credit-code "$code" --frp-name 赵新 \
	--frp-id 11010519491231002X --frp-phone 13912345679
like "$err" "reason" "a change form without a reason"
ctl apply claim --credit-code "$code" --frp-phone 13912345678 --reason frp-change
is "$rc" 2 "a claim with a reason is a usage error"

ctl applications
is "$(printf '%s\n' "$out" | grep -c .)" 2 "two applications listed"
like "$(printf '%s\n' "$out" | head -n 1)" "^[0-9]{8}-0002 " "newest first"
ctl applications --status approved
is "$out" "" "none approved"
ctl applications --date 2000-01-01
is "$out" "" "none on another day"
ctl applications --date 2000-13-01
is "$rc" 1 "a bad date is refused"

# --- staff ---
printf 'first-password\n' | "$JSDCTL" staff add alice --role counter
ok $? "staff add reads the password from stdin"
JSD_PASSWORD=first-password "$JSDCTL" staff login alice >/dev/null
ok $? "staff login with the password from JSD_PASSWORD"
ctl staff add bob --role counter --password secret123
is "$rc" 2 "a password on the command line is refused as usage"
printf 'wrong-password\n' > "$T/wrong"
for i in 1 2 3 4 5; do
	ctl staff login alice --password-file "$T/wrong"
done
like "$err" "1 tries left" "after 5 wrong: one try left"
ctl staff login alice --password-file "$T/wrong"
like "$err" "locked after 6 wrong passwords" "the 6th wrong password locks"
JSD_PASSWORD=first-password "$JSDCTL" staff login alice >/dev/null 2>&1
is "$?" 1 "the right password is refused while locked"
ctl staff list
like "$out" "alice +counter +locked" "staff list shows the lock"
ctl staff unlock alice
ok $rc "a supervisor unlocks"
JSD_PASSWORD=first-password "$JSDCTL" staff login alice >/dev/null
ok $? "and the right password works again"

# --- events and the chain ---
ctl events
like "$out" "app.submitted +$no" "the claim left an event"
like "$out" "staff.locked +alice" "the lock left an event"
ctl log verify
ok $rc "the chain is intact"
if db_tool; then
	db_copy "$JSD_DB"; t=$copy
	n=$(db_sql "$t" "SELECT count(*) FROM event")
	ok $([ "$n" -gt 10 ] && echo 0 || echo 1) "enough events to tamper with ($n)"

	db_copy "$t"
	db_sql "$copy" "$UNTRIGGER UPDATE event SET detail = 'x' WHERE id = 7"
	ctl --db "$copy" log verify
	is "$rc" 1 "an altered event breaks the chain"
	like "$out" "breaks at event 7$" "at the altered event"

	db_copy "$t"
	db_sql "$copy" "$UNTRIGGER DELETE FROM event WHERE id = 5"
	ctl --db "$copy" log verify
	like "$out" "breaks at event 6$" "a removed event breaks it at the next"

	db_copy "$t"
	db_sql "$copy" "$UNTRIGGER
	    UPDATE event SET id = -1 WHERE id = 8; UPDATE event SET id = 8 WHERE id = 9;
	    UPDATE event SET id = 9 WHERE id = -1;"
	ctl --db "$copy" log verify
	like "$out" "breaks at event 8$" "two swapped events break it at the first"

	db_sql "$t" "UPDATE event SET detail = 'x' WHERE id = 3" 2>/dev/null
	ok $([ $? -ne 0 ] && echo 0 || echo 1) "the triggers refuse a plain edit"
	db_sql "$t" "DELETE FROM event WHERE id = 3" 2>/dev/null
	ok $([ $? -ne 0 ] && echo 0 || echo 1) "and a plain delete"
else
	diag "no $JSD_TEST_BACKEND client installed: tamper tests skipped"
fi
done_testing
