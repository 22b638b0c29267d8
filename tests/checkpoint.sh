# checkpoint.sh: signed checkpoints pin the event log's chain. The chain alone
# passes a log whose newest events were cut off, or whose events were rewritten
# with every later hash recomputed (triggers dropped); against a checkpoint,
# "log verify" reports both. A checkpoint is made at the first write of each
# day and on demand; a restore from a backup signs its own record, so that it
# is told from a cut; forged and damaged lines are reported.
. "$top_srcdir/tests/lib.sh"
sqlite_only "the log is altered with python's sqlite3, and backup is SQLite's"

[ -n "$FAKETIME_BIN" ] || skip_all "faketime is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
export TZ=UTC JSD_PASSWORD=jsd-demo-super
base=$(date -u -d '2026-11-24 02:00:00' +%s)	# 10:00 in Shanghai
at() {	# at SECONDS ARGS...: jsdctl with the clock frozen at base+SECONDS
	t=$1
	shift
	out=$("$FAKETIME_BIN" -f "$(date -u -d "@$((base + t))" '+%Y-%m-%d %H:%M:%S')" \
	    "$JSDCTL" "$@" 2>"$T/stderr") && rc=0 || rc=$?
	err=$(cat "$T/stderr")
}
CP="$JSD_DB.checkpoints"
apply() { at "$1" apply claim --credit-code 12110000429074993M --frp-phone 13912345678; }
# untrigger DB SQL: runs SQL on DB with the event log's triggers dropped
untrigger() {
	python3 - "$1" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete;" + sys.argv[2])
db.commit()
PY
}
# rechain DB: recomputes every hash of the chain as evlog.c does
rechain() {
	python3 - "$1" <<'PY'
import hashlib, sqlite3, struct, sys
db = sqlite3.connect(sys.argv[1])
prev = bytes(32)
rows = db.execute("SELECT id, at, station, actor, kind, subject, detail"
                  " FROM event ORDER BY id").fetchall()
for row in rows:
    h = hashlib.blake2b(digest_size=32)
    h.update(prev + struct.pack(">qq", row[0], row[1]))
    for f in row[2:]:
        b = f.encode()
        h.update(struct.pack(">I", len(b)) + b)
    prev = h.digest()
    db.execute("UPDATE event SET hash = ? WHERE id = ?", (prev, row[0]))
db.commit()
PY
}

at 0 demo
apply 10
apply 20
ok $([ -s "$CP" ]; echo $?) "the day's first write with events before it makes a checkpoint"
n1=$(grep -c . "$CP")
apply 86400
like "$(tail -n 1 "$CP")" "^jsd-checkpoint 1 day " "the next day's first write makes another"
is "$(tail -n 1 "$CP" | cut -d' ' -f6)" 5 "covering the 5 events of the day before"
apply 86410
is "$(grep -c . "$CP")" $((n1 + 1)) "and later writes that day make none"

at 86420 log checkpoint
ok $rc "log checkpoint on demand"
code=$(printf '%s\n' "$out" | tail -n 1)
like "$code" "^7-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$" "prints a code to write down"
at 86430 log verify
ok $rc "an intact log verifies"
like "$out" "Checkpoints: 3 match the log; the latest, .* covers 7 events, code $code" \
	"against every checkpoint, naming the latest's code"
at 86430 key
printf '%s\n' "$out" > "$T/public.key"

# --- a cut tail ---
cp "$JSD_DB" "$T/cut.db"
untrigger "$T/cut.db" "DELETE FROM event WHERE id > 5;"
at 86440 --db "$T/cut.db" log verify --checkpoint "$CP" --key "$T/public.key"
like "$out" "Event log intact: 5 events" "the chain alone passes a cut tail"
is "$rc" 1 "but the log is refused against the checkpoint"
like "$out" "ends at event 5, before the checkpoint of .* \(7 events, code $code\)" \
	"saying the log ends before it"

at 86440 --db "$T/cut.db" log verify --checkpoint "$CP"
is "$rc" 2 "without the key file or --key the checkpoints are not taken on trust"
like "$out" "--key FILE" "saying to give the public key"

# --- a rewritten event with the chain recomputed ---
cp "$JSD_DB" "$T/rechain.db"
untrigger "$T/rechain.db" "UPDATE event SET actor = 'nobody' WHERE id = 6;"
rechain "$T/rechain.db"
at 86440 --db "$T/rechain.db" log verify --checkpoint "$CP" --key "$T/public.key"
like "$out" "Event log intact: 7 events" "the chain alone passes a recomputed chain"
is "$rc" 1 "but the log is refused against the checkpoint"
like "$out" "differs from the checkpoint of .* at event 7 " "saying at which checkpoint"
at 86440 --db "$T/rechain.db" --json log verify --checkpoint "$CP" --key "$T/public.key"
like "$out" '"outcome": "differs"' "--json names the outcome"

# --- the checkpoint file itself ---
awk 'NR == 3 { $6 = $6 + 1 } { print }' "$CP" > "$T/forged"
at 86450 log verify --checkpoint "$T/forged"
is "$rc" 1 "a checkpoint line changed by hand is refused"
like "$out" "line 3 .* not signed" "as not signed by the key"
head -c 100 "$CP" > "$T/damaged"
at 86450 log verify --checkpoint "$T/damaged"
like "$out" "damaged at line 1" "a damaged file is reported"
at 86450 log verify --checkpoint "$T/none"
ok $rc "no checkpoint file: the chain is still checked"
like "$out" "No checkpoint .* cannot be told" "and verify says the end cannot be checked"
mkdir -p "$XDG_CONFIG_HOME/jsd-kiosk"
echo "checkpoint_file = $T/elsewhere" > "$XDG_CONFIG_HOME/jsd-kiosk/jsd.conf"
at 86460 log checkpoint
ok $([ -s "$T/elsewhere" ]; echo $?) "the checkpoint_file setting moves the file"
# A crash in the middle of an append leaves a broken last line.
printf 'jsd-checkpoint 1 manual 1 17' >> "$T/elsewhere"
at 86470 log checkpoint
like "$(tail -n 1 "$T/elsewhere")" "^jsd-checkpoint 1 manual [0-9]+ [0-9]+ 7 " \
	"the next checkpoint starts a line of its own after a broken one"
at 86470 log verify --checkpoint "$T/elsewhere"
is "$rc" 1 "the broken line is reported"
like "$out" "damaged at line 2" "by its number"
sed -i 2d "$T/elsewhere"
at 86470 log verify --checkpoint "$T/elsewhere"
ok $rc "and once it is removed the rest verifies"
rm "$XDG_CONFIG_HOME/jsd-kiosk/jsd.conf"

# --- a restore writes its own record; a copy put back by hand is a cut ---
(umask 000; at 86500 backup "$T/backup.db")
ok $rc "a backup"
is "$(stat -c %a "$T/backup.db")" 600 "made 0600 under umask 000"
apply 86510
at 86520 log checkpoint
cp "$CP" "$T/cp-before"
at 86530 restore "$T/backup.db" --staff counter1 --force
is "$rc" 1 "counter staff cannot restore"
at 86530 restore "$T/backup.db" --staff super1
is "$rc" 1 "an older copy over a newer registry is refused"
like "$err" "fewer events than the registry.*--force" \
    "saying that --force restores it anyway"
at 86530 restore "$T/backup.db" --staff super1 --force
ok $rc "a supervisor restores the backup"
at 86540 log verify
ok $rc "the restored log verifies"
like "$out" "1 older checkpoint\(s\) set aside: 1 restore" "setting aside the checkpoint it went behind"
at 86540 events --kind reg.restored
like "$out" "super1 +reg.restored" "the restore is an event naming the supervisor"
rm -f "$JSD_DB-wal" "$JSD_DB-shm"
cp "$T/backup.db" "$JSD_DB"
at 86550 log verify --checkpoint "$T/cp-before"
is "$rc" 1 "a copy put back by hand, with no restore record, is a cut"
like "$out" "ends at event 7, before the checkpoint .*8 events" \
	"the log ends before the last checkpoint"

done_testing
