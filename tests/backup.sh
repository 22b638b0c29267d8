#!/bin/sh
# backup.sh: jsdctl backup while four processes write: the copy is consistent
# (backup checks it, and here its event chain verifies and its events are what
# backup printed), mode 0600, without the signing key. restore puts it back
# over a registry that went on, only with --force; a damaged copy, or none, is
# refused and leaves the registry as it was. A copy sealed under a key file
# (--encrypt, --new-key) holds no plain text, opens with that key only, and
# leaves no plain file behind. On PostgreSQL backup says to use the database's
# own tools.
. "$top_srcdir/tests/lib.sh"
export JSD_PASSWORD=jsd-demo-super
ctl demo
ok $rc "demo registry"

if [ "$JSD_TEST_BACKEND" = pg ]; then
	ctl backup "$T/copy.db"
	is "$rc" 1 "a PostgreSQL registry is not copied by backup"
	like "$err" "pg_dump" "which names the database's own tools"
	done_testing
	exit
fi

count_events() { "$JSDCTL" --db "$1" events | grep -c .; }
# The applications: what a restore must leave alone when it refuses (the
# supervisor's login is an event either way).
count_apps() { "$JSDCTL" applications | grep -c .; }
STRESS="$top_builddir/tests/stress-apply"
code=12110000429074993M
for k in 1 2 3 4; do
	"$STRESS" "$JSD_DB" "kiosk-$k" 150 "$code" 2>"$T/stress-$k.err" &
	eval "pid$k=\$!"
done
# Until the writers have begun (bounded by the writers' own end).
before=$(count_events "$JSD_DB")
while [ "$(count_events "$JSD_DB")" -eq "$before" ] && kill -0 "$pid1" 2>/dev/null; do
	sleep 0.1
done
ctl backup "$T/copy.db"
ok $rc "a backup while four processes write"
like "$out" "^Registry copied to $T/copy.db and checked: [0-9]+ events, [0-9]+ bytes\$" \
    "it says the copy was checked, with its events and size"
events=$(printf '%s\n' "$out" | sed -n 's/.*checked: \([0-9]*\) events.*/\1/p')
bytes=$(printf '%s\n' "$out" | sed -n 's/.* events, \([0-9]*\) bytes$/\1/p')
fails=0
for k in 1 2 3 4; do
	eval "wait \$pid$k" || fails=$((fails + 1))
done
is "$fails" 0 "the writers all succeeded"
unlike "$(cat "$T"/stress-*.err)" "locked|busy" "none was held up by the backup"

is "$(stat -c %a "$T/copy.db")" 600 "the copy is mode 0600"
is "$(stat -c %s "$T/copy.db")" "$bytes" "of the size it said"
is "$(count_events "$T/copy.db")" "$events" "holding the events it said"
ok "$([ "$events" -gt "$before" ]; echo $?)" "taken after the writers began"
"$JSDCTL" --db "$T/copy.db" log verify >/dev/null 2>&1
ok $? "its event chain verifies"
secret=$(sed -n 's/^secret //p' "$JSD_DB.key")
ok "$(grep -qa "$secret" "$T/copy.db"; [ $? -ne 0 ]; echo $?)" \
    "the signing key is not in it"
ls "$T"/copy.db-* >/dev/null 2>&1
ok "$([ $? -ne 0 ]; echo $?)" "checking it left no -wal or -shm beside it"
ctl backup "$T/copy.db"
is "$rc" 1 "a backup never overwrites a file"

# --- restore ---
apps=$(count_apps)
ctl restore "$T/copy.db" --staff super1
is "$rc" 1 "the copy, older than the registry, is refused"
like "$err" "fewer events than the registry .*--force.*\\($events < [0-9]+\\)" \
    "saying so, with both counts, and that --force restores it anyway"
is "$(count_apps)" "$apps" "the registry is left as it was"
ctl restore "$T/copy.db" --staff super1 --force
ok $rc "with --force the copy is put back"
is "$(count_events "$JSD_DB")" "$((events + 1))" \
    "the copy's events, then the restore's own"
ctl log verify
ok $rc "and the restored log verifies"

cp "$T/copy.db" "$T/damaged.db"
printf 'this page is damaged' | dd of="$T/damaged.db" bs=1 seek=12000 \
    conv=notrunc 2>/dev/null
apps=$(count_apps)
ctl restore "$T/damaged.db" --staff super1 --force
ok "$([ "$rc" -ne 0 ]; echo $?)" "a damaged copy is refused"
like "$err" "damaged|broken|malformed" "saying it is damaged"
is "$(count_apps)" "$apps" "the registry is left as it was"
ctl restore "$T/none.db" --staff super1 --force
ok "$([ "$rc" -ne 0 ]; echo $?)" "so is a copy that is not there"
ok "$([ ! -e "$T/none.db" ]; echo $?)" "which is not made"

# --- sealed copies ---
ctl backup --new-key "$T/backup.key"
ok $rc "a backup key is made"
is "$(stat -c %a:%s "$T/backup.key")" "600:65" "mode 0600, one line of 64 hex digits"
ctl backup --encrypt "$T/backup.key" "$T/sealed"
ok $rc "a sealed backup"
like "$out" "checked: [0-9]+ events" "checked like any other"
is "$(head -c 8 "$T/sealed")" JSDSEAL1 "it is a sealed file"
ok "$(grep -qa 'SQLite format 3' "$T/sealed"; [ $? -ne 0 ]; echo $?)" \
    "holding no plain registry"
ok "$([ ! -e "$JSD_DB.backup" ]; echo $?)" "the plain copy it was made from is gone"
ctl restore "$T/sealed" --staff super1 --decrypt "$T/backup.key"
ok $rc "it is put back with its key, as new as the registry: no --force"
ok "$([ ! -e "$JSD_DB.restore" ]; echo $?)" "leaving no plain file beside the registry"
ctl backup --new-key "$T/other.key"
ctl restore "$T/sealed" --staff super1 --decrypt "$T/other.key" --force
is "$rc" 1 "another key does not open it"
like "$err" "does not open with this key" "saying so"
head -c 4000 "$T/sealed" >"$T/cut"
ctl restore "$T/cut" --staff super1 --decrypt "$T/backup.key" --force
is "$rc" 1 "nor does the key open a copy cut short"
ok "$([ ! -e "$JSD_DB.restore" ]; echo $?)" "and nothing is left behind"
chmod 644 "$T/other.key"
ctl backup --encrypt "$T/other.key" "$T/sealed2"
is "$rc" 1 "a key file others can read is refused"
like "$err" "read by others: chmod 0600" "saying how to fix it"

done_testing
