# filemodes.sh: the registry's files hold personal data, so others never get
# access to them, whatever the umask: the registry, its -wal and -shm, the
# signing key and exports are created 0600; loose ones are tightened by their
# owner with a message, refused when this process cannot tighten them, while
# init and doctor still run. application show masks both ID numbers without a
# staff login.
. "$top_srcdir/tests/lib.sh"
sqlite_only "the registry's files are a SQLite file's"

umask 000
mode() { stat -c %a "$1"; }

ctl demo
ok $rc "demo under umask 000"
is "$(mode "$JSD_DB")" 600 "the registry is created 0600"
is "$(mode "$JSD_DB.key")" 600 "the signing key is created 0600"

# -wal and -shm exist while a process has the registry open: hold one open
# at its password prompt, reading from a FIFO held open here.
mkfifo "$T/fifo"
exec 3<>"$T/fifo"
"$JSDCTL" staff login counter1 <"$T/fifo" >/dev/null 2>&1 &
pid=$!
i=0
while [ ! -e "$JSD_DB-shm" ] && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
is "$(mode "$JSD_DB-wal")" 600 "the -wal is 0600"
is "$(mode "$JSD_DB-shm")" 600 "the -shm is 0600"
echo jsd-demo-counter >&3
wait $pid
exec 3>&-

ctl report --date 2026-11-30 --output "$T/export.csv"
ok $rc "an export under umask 000"
is "$(mode "$T/export.csv")" 600 "is 0600"
chmod 644 "$T/export.csv"
ctl report --date 2026-11-30 --output "$T/export.csv"
is "$(mode "$T/export.csv")" 600 "an export replacing a 0644 file makes it 0600"

# --- loose files are tightened by their owner, with a message ---
chmod 644 "$JSD_DB" "$JSD_DB.key"
ctl institutions
ok $rc "a registry others can read still opens for its owner"
like "$err" "access is removed" "saying others could read it"
is "$(mode "$JSD_DB")" 600 "the registry is 0600 again"
is "$(mode "$JSD_DB.key")" 600 "and so is the key"
chmod 660 "$JSD_DB"
ctl institutions
is "$(mode "$JSD_DB")" 660 "a group of station users (0660) is kept"
unlike "$err" "access is removed" "without a message"
chmod 600 "$JSD_DB"

# --- a file this process does not own and others can read is refused ---
if [ "$(id -u)" -eq 0 ] && chown nobody "$JSD_DB" 2>/dev/null; then
	chmod 644 "$JSD_DB"
	ctl institutions
	is "$rc" 2 "another account's registry that others can read is refused"
	like "$err" "chmod o-rwx" "saying how to fix it"
	is "$(mode "$JSD_DB")" 644 "and leaving it as it was"
	ctl init
	ok $rc "init still runs"
	like "$err" "owner must run chmod" "and says what is wrong"
	ctl doctor
	is "$rc" 1 "doctor runs too, and finds a problem"
	like "$out" "PROBLEM +Other users can read .* chmod o-rwx" "saying how to fix it"
	chown root "$JSD_DB"
else
	diag "not root: the refusal of another account's file is not tried"
fi

# A container's clock is not NTP-synchronised: doctor.sh checks the clock. A
# sound set-up names its station.
JSD_DOCTOR_SKIP=clock JSD_STATION=hall1-counter-01 ctl doctor
ok $rc "doctor finds nothing wrong on a sound set-up"
like "$out" "ok +Only the owner" "and says what it checked"

# --- ID numbers ---
ctl apply claim --credit-code 12110000429074993M --frp-phone 13912345678
no=$(printf '%s\n' "$out" | tail -n 1)
ctl --json application show "$no"
like "$out" '"frp_id": "\*{14}5029"' "application show masks the FRP's ID"
like "$out" '"legal_rep_id": "\*{14}5029"' "and the legal representative's"
JSD_PASSWORD=jsd-demo-super ctl --json application show "$no" --staff super1
like "$out" '"frp_id": "110118198312055029"' "in full for a supervisor who logs in"

done_testing
