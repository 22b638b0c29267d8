# cert-data.sh: the certificate itself (宗旨和业务范围, 举办单位, 经费来源,
# 开办资金, validity) from the register's optional CSV columns, in "holder
# show-cert", "cert show" and a verification; and the changes that change:
# name and legal-representative changes rewrite the register with their change
# record, and so does an import that changes an institution.
. "$top_srcdir/tests/lib.sh"

cert_claimed

# --- the certificate itself, from the demo register's optional columns ---
at 10 holder show-cert --wallet "$W/frp"
ok $rc "holder show-cert"
like "$out" "^Purpose and scope: 为科学技术研究院事业发展提供服务" \
	"shows 宗旨和业务范围"
like "$out" "^Sponsoring body: 北京市示例委员会" "举办单位"
like "$out" "^Source of funding: 财政补助" "经费来源"
like "$out" "^Starting funds: 120.5 × 10,000 yuan" "开办资金 with its unit"
like "$out" "^Valid: 2023-01-01 to 2028-01-28" "and the validity period"
at 10 --json holder show-cert --wallet "$W/frp"
like "$out" '"capital": "120.5"' "JSON has the amount as stored"
like "$out" '"validity": "2023-01-01/2028-01-28"' "and the period as an ISO 8601 interval"

# --- the old header still imports, and keeps what the register has ---
cat > "$T/old.csv" <<'CSV'
credit_code,name,address,legal_rep_name,legal_rep_id,legal_rep_phone,level
12110000429074993M,北京市示例科学技术研究院,北京市西城区演示街225号,张晓华,110118198312055029,13800000001,city
CSV
at 20 import-register "$T/old.csv"
ok $rc "a file with the old header imports"
like "$out" "1 updated" "updating the FRP's institution"
at 20 holder show-cert --wallet "$W/frp"
like "$out" "^Starting funds: 120.5" "and leaves the optional columns as they were"
at 20 --json holder changes --wallet "$W/frp"
unlike "$out" "_change" "an import that changes nothing writes no change record"
cat > "$T/bad.csv" <<'CSV'
credit_code,name,address,legal_rep_name,legal_rep_id,legal_rep_phone,level,capital,valid_from,valid_to
12110000471228060A,北京市示例气象服务中心,北京市西城区演示街232号,高静怡,110102196412019666,13800000002,city,十万,2024-01-01,2023-01-01
CSV
at 21 import-register "$T/bad.csv"
like "$err" ":2: Starting funds" "a bad amount is reported at its field"
cat > "$T/bad2.csv" <<'CSV'
credit_code,name,address,legal_rep_name,legal_rep_id,legal_rep_phone,level,valid_from,valid_to
12110000471228060A,北京市示例气象服务中心,北京市西城区演示街232号,高静怡,110102196412019666,13800000002,city,2024-01-01,2023-01-01
CSV
at 21 import-register "$T/bad2.csv"
like "$err" "ends before it begins" "a period that ends before it begins is refused"
cat > "$T/bad3.csv" <<'CSV'
credit_code,name,address,legal_rep_name,legal_rep_id,legal_rep_phone,level,colour
CSV
at 21 import-register "$T/bad3.csv"
is "$rc" 1 "an unknown column is refused"
like "$err" "optionally followed by purpose" "and the message lists the optional ones"

# --- a name change changes the register; the next verification shows it ---
at 30 cert name-change $code --name 北京市示例科学技术研究总院
is "$rc" 2 "name-change needs a staff login"
JSD_PASSWORD=jsd-demo-counter at 30 cert name-change $code --staff counter1
is "$rc" 1 "name-change needs the new name"
like "$err" "needs the new name" "and says so"
JSD_PASSWORD=jsd-demo-counter at 31 cert name-change $code --staff counter1 \
	--name 北京市示例科学技术研究总院
ok $rc "counter staff change the name"
like "$out" "name change: $code" "saying what was recorded"
JSD_PASSWORD=jsd-demo-counter at 32 cert name-change $code --staff counter1 \
	--name 北京市示例科学技术研究总院
like "$err" "nothing to change" "the same name again changes nothing"
at 40 holder present --wallet "$W/frp" --as digits
at 41 verify "$(last)"
ok $rc "the FRP's code verifies"
like "$out" "北京市示例科学技术研究总院" "with the new name"
at 42 holder changes --wallet "$W/frp"
like "$out" "name change +北京市示例科学技术研究总院 +counter1" \
	"the holder sees the change record"

# --- a legal-representative change: the register changes, the FRP stays ---
JSD_PASSWORD=jsd-demo-counter at 50 cert legal-rep-change $code --staff counter1 \
	--rep-name 李新 --rep-id 110101199001010015
is "$rc" 1 "legal-rep-change needs all three values"
JSD_PASSWORD=jsd-demo-counter at 51 cert legal-rep-change $code --staff counter1 \
	--rep-name 李新 --rep-id 110101199001010016 --rep-phone 13911112222
like "$err" "ID" "a bad ID number is refused"
JSD_PASSWORD=jsd-demo-counter at 52 cert legal-rep-change $code --staff counter1 \
	--rep-name 李新 --rep-id 110101199001010015 --rep-phone 13911112222
ok $rc "counter staff change the legal representative"
at 53 institutions --search $code
like "$out" "李新" "the register has the new legal representative"
at 54 holder list --wallet "$W/frp"
ok $rc "the FRP's wallet still works"
at 55 --json holder changes --wallet "$W/frp"
like "$out" '"legal_rep_change"' "a legal_rep_change record"

# --- an import that changes an institution writes the same records ---
cat > "$T/change.csv" <<'CSV'
credit_code,name,address,legal_rep_name,legal_rep_id,legal_rep_phone,level
12110000429074993M,北京市示例科学研究院,北京市西城区演示街225号,王五,110101199001010031,13911113333,city
CSV
at 60 import-register "$T/change.csv"
ok $rc "an import changes the name and the legal representative"
at 61 --json holder changes --wallet "$W/frp"
is "$(printf '%s\n' "$out" | grep -c '"name_change"')" 2 \
	"the import wrote a name change record"
is "$(printf '%s\n' "$out" | grep -c '"legal_rep_change"')" 2 \
	"and a legal-representative change record"
like "$out" '"actor": "cli"' "naming who imported"
at 62 holder show-cert --wallet "$W/frp"
like "$out" "^Sponsoring body: 北京市示例委员会" \
	"the optional columns the file did not have stay"

done_testing
