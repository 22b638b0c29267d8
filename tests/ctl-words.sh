# ctl-words.sh: jsdctl says what it did and takes what people write: cancel,
# delete-user, delete-manager, passwd and cert changes say in one line what was
# done; --from/--to take "YYYY-MM-DD HH:MM"; events --limit N gives the newest
# N; login-qr takes a Chinese system name.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/holders.sh"

holders_setup 0 $((3 * 86400)) tax
at 10 holder authorize "$user" --wallet "$W/frp" --matters tax \
	--from "2026-11-30 09:30" --to "2026-12-02 09:30"
ok $rc "authorize takes YYYY-MM-DD HH:MM"
[ "$rc" -eq 0 ] || diag "$err"
auth=$(printf '%s\n' "$out" | sed -n 's/^Authorization \([0-9]*\)$/\1/p')
at 10 holder list --wallet "$W/frp"
like "$out" "2026-11-30 09:30:00 - 2026-12-02 09:30:00" "as that minute"
at 10 holder authorize "$user" --wallet "$W/frp" --matters tax \
	--from "2026-11-30 9:30" --to "2026-12-02 09:30"
is "$rc" 1 "a time that is not HH:MM is refused"
at 10 holder --help
like "$out" "bare date .* means 00:00" "the help says what time a bare date means"
at 11 holder cancel "$auth" --wallet "$W/frp"
ok $rc "cancel"
[ "$rc" -eq 0 ] || diag "$err"
is "$out" "Authorization $auth cancelled" "says what it cancelled"
JSD_NEW_PASSWORD=other-pass at 12 holder passwd --wallet "$W/user"
like "$out" "password .* changed" "passwd says the password changed"
JSD_PASSWORD=other-pass at 13 holder list --wallet "$W/user"
ok $rc "and it did"
at 13 holder delete-user "$user" --wallet "$W/frp"
like "$out" "User $user deleted" "delete-user says whom it deleted"
at 14 holder add-manager --wallet "$W/frp" --name 管理人甲 \
	--id 110101199001010015 --phone 13800001001
at 15 holder redeem "$(last)" --wallet "$W/m" --accept-declaration
mid=$("$FAKETIME_BIN" -f "$(utc 16)" "$JSDCTL" --json holder list --wallet "$W/m" | \
	sed -n 's/.*"me": \([0-9]*\).*/\1/p')
at 16 holder delete-manager "$mid" --wallet "$W/frp"
like "$out" "Manager $mid deleted" "delete-manager says whom it deleted"
at 17 --json holder list --wallet "$W/frp"
frp_hid=$(printf '%s\n' "$out" | sed -n 's/.*"me": \([0-9]*\).*/\1/p')
JSD_PASSWORD=jsd-demo-counter at 17 cert phone-change $code --staff counter1 \
    --person "$frp_hid" --phone 13912340000
like "$out" "phone change: $code" "a registration authority's change says what it recorded"

at 20 --json report --from "2026-11-30 08:00" --to "2026-11-30 09:00" --format json
ok $rc "report takes --from/--to as YYYY-MM-DD HH:MM"
at 20 report --help
like "$out" "--from 2026-11-24 starts at 00:00" "and its help says what a bare date means"

at 30 events
all=$(printf '%s\n' "$out" | grep -c .)
newest=$(printf '%s\n' "$out" | tail -n 3 | awk '{print $1}' | tr '\n' ' ')
at 30 events --limit 3
is "$(printf '%s\n' "$out" | awk '{print $1}' | tr '\n' ' ')" "$newest" \
	"events --limit 3 gives the newest 3 of $all, oldest first"

at 40 login-qr --system 网上办事大厅
ok $rc "login-qr takes a Chinese system name"
at 41 login-status "$(last)"
like "$out" "Waiting" "and its QR waits"
at 42 login-qr --system "$(printf 'bad\033[31mname')"
is "$rc" 1 "a name with control characters is refused"
done_testing
