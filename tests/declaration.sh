# declaration.sh: the download declaration (6.3 2) at "holder claim" and
# "holder redeem": the details to confirm and the text shown, a script that
# does not accept it refused (its QR still usable), a terminal asked, and the
# accepted version recorded on the holder's row and in the log.
. "$top_srcdir/tests/lib.sh"

db_tool || skip_all "no database tool to read the holder's row"
W="$T/wallets"
mkdir -p "$W"
export JSD_PASSWORD=holder-pass JSD_NEW_PASSWORD=holder-pass JSD_LANG=en
code=12110000429074993M
frp_id=110118198312055029

# on_tty ANSWER ARGS...: jsdctl ARGS on a terminal, typing ANSWER when asked.
on_tty() {
	_answer=$1
	shift
	out=$(python3 -c '
import os, pty, sys
answer = sys.argv[1].encode() + b"\n"
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
seen, sent = b"", False
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
    if not sent and b"(yes/no)" in seen:
        os.write(fd, answer)
        sent = True
sys.stdout.write(seen.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
' "$_answer" "$JSDCTL" "$@") && rc=0 || rc=$?
}

claim_qr
ok $rc "a claim QR from the counter"

# --- claim ---
ctl holder claim "$tok" --wallet "$W/frp" --name 张晓华 --id $frp_id \
	--phone 13912345678 </dev/null
is "$rc" 1 "a claim that does not accept the declaration is refused"
like "$err" "download declaration must be accepted" "saying so"
like "$out" "Institution: 北京市示例科学技术研究院 \\($code\\)" \
	"the institution is shown to confirm"
like "$out" "Downloader: 张晓华" "and the downloader"
like "$out" "Role: FRP" "and the role"
like "$out" "Phone: \\*{7}5678" "and the phone, masked"
unlike "$out" "13912345678" "never in clear"
like "$out" "version 1" "the declaration's text is shown"
ok $([ ! -e "$W/frp" ]; echo $?) "no wallet is made"

if python3 -c 'import os; os.openpty()' 2>/dev/null; then
	on_tty no holder claim "$tok" --wallet "$W/frp" --name 张晓华 \
		--id $frp_id --phone 13912345678
	is "$rc" 1 "on a terminal, answering no refuses"
	like "$out" "accept the download declaration\\? \\(yes/no\\)" "after asking"
	on_tty yes holder claim "$tok" --wallet "$W/frp" --name 张晓华 \
		--id $frp_id --phone 13912345678
	is "$rc" 0 "answering yes claims with the same QR"
else
	ok 0 "# SKIP no pseudo-terminal for the terminal's question"
	ctl holder claim "$tok" --wallet "$W/frp" --name 张晓华 --id $frp_id \
		--phone 13912345678 --accept-declaration
fi
like "$out" "Download declaration v1 accepted" "saying which version"
ok $([ -s "$W/frp" ]; echo $?) "and the wallet is made"

ctl events --kind declaration.accepted
like "$out" "version=v1" "the log records the version accepted"
is "$(db_sql "$JSD_DB" "SELECT declaration FROM holder WHERE role = 'frp'")" \
	v1 "so does the holder's row"

# --- redeem ---
ctl holder add-manager --wallet "$W/frp" --name 管理人甲 \
	--id 110101199001010015 --phone 13800001001
mtok=$(last)
ctl holder redeem "$mtok" --wallet "$W/m1" </dev/null
is "$rc" 1 "a redeem that does not accept the declaration is refused"
like "$err" "download declaration must be accepted" "saying so"
like "$out" "Downloader: 管理人甲" "after showing the downloader"
like "$out" "Role: manager" "as a manager"
like "$out" "Phone: \\*{7}1001" "with the phone masked"
ctl holder redeem "$mtok" --wallet "$W/m1" --accept-declaration
is "$rc" 0 "with --accept-declaration the same QR redeems"
like "$out" "Download declaration v1 accepted" "saying which version"
is "$(db_sql "$JSD_DB" "SELECT declaration FROM holder WHERE role = 'manager'")" \
	v1 "the manager's row records it"
ctl events --kind declaration.accepted
is "$(printf '%s\n' "$out" | grep -c 'version=v1')" 2 "one log record a download"

# --- an authorization into a wallet that exists downloads nothing ---
ctl holder add-user --wallet "$W/m1" --name 使用人甲 \
	--id 11010519491231002X --phone 13700000001
user=$(last)
from=$(TZ=Asia/Shanghai date '+%Y-%m-%d %H:%M')
to=$(TZ=Asia/Shanghai date -d '+3 days' '+%Y-%m-%d %H:%M')
ctl holder authorize "$user" --wallet "$W/m1" --matters tax \
	--from "$from" --to "$to"
atok=$(last)
ctl holder redeem "$atok" --wallet "$W/u1" --accept-declaration
ok $rc "the user downloads its wallet"
ctl holder authorize "$user" --wallet "$W/m1" --matters bank_account \
	--from "$from" --to "$to"
ctl holder redeem "$(last)" --wallet "$W/u1" </dev/null
ok $rc "a further authorization into its wallet needs no declaration"
unlike "$out" "Downloader" "and shows none"

# --- the text is the file, and a bad QR is refused as before ---
JSD_LANG=zh_CN ctl holder claim JSD:C:AAAAAAAAAAAAAAAAAAAAAAAAAA --wallet "$W/x" \
	--name 张晓华 --id $frp_id --phone 13912345678 </dev/null
is "$rc" 1 "a QR that is no claim QR is refused"
unlike "$err" "下载声明" "for what it is, not for the declaration"
JSD_LANG=zh_CN ctl holder add-manager --wallet "$W/frp" --name 管理人乙 \
	--id 110101199001010023 --phone 13800001002
JSD_LANG=zh_CN ctl holder redeem "$(last)" --wallet "$W/m2" </dev/null
like "$out" "$(head -n 1 "$top_srcdir/assets/declaration/v1.zh_CN.txt")" \
	"the Chinese text is the declaration file's"
like "$err" "下载前需要同意电子证照下载声明" "and the refusal is in Chinese"

done_testing
