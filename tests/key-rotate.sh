#!/bin/sh
# key-rotate.sh: "jsdctl key rotate" retires the signing key without
# stranding what it signed. A code presented, a signature made and a
# checkpoint signed before the rotation still check afterwards: online, and
# offline with a --key file holding both keys ("key --all"), but not with the
# new key alone; what is made after carries the new key; the FRP's holder
# certificate from before still signs; "key list" shows both; the key file
# holds the new secret only, mode 0600. Rotations at the same moment on
# several stations, or on one, never take one id twice, and leave every key
# file's key published.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/holders.sh"

# A PostgreSQL registry has no default checkpoint file: one for both.
mkdir -p "$XDG_CONFIG_HOME/jsd-kiosk"
printf 'checkpoint_file = %s\n' "$T/checkpoints" > "$XDG_CONFIG_HOME/jsd-kiosk/jsd.conf"
end=$((3600 + 86400))
holders_setup 3600 $end "tax,sign"
printf '合同正文：示例\n' > "$T/doc"
keyfile=${JSD_KEY_FILE:-$JSD_DB.key}

# signed S OUT: the FRP signs $T/doc at base+S; the signature file into OUT.
signed() {
	at "$1" sign-request --system 网上办事大厅 --document "$T/doc"
	_req=$(last)
	at $(($1 + 1)) holder sign "$_req" --wallet "$W/frp"
	at $(($1 + 2)) sign-status "$_req" --output "$2"
}
# offline S KEYFILE CODE: verify --offline at base+S; $valid true or false.
offline() {
	at "$1" --json verify --offline --key "$2" "$3"
	valid=$(printf '%s' "$out" | sed -n 's/.*"valid": *\([a-z]*\).*/\1/p')
}

at 10 key
old_key=$out
printf '%s\n' "$old_key" > "$T/old.pub"
at 11 holder present --wallet "$W/frp" --as qr
before=$(last)
like "$before" "^JSD:P:" "a code is presented before the rotation"
signed 12 "$T/before.sig"
ok $rc "and a signature made"
at 20 log checkpoint
ok $rc "and a checkpoint signed, all by key 1"
old_secret=$(grep '^secret ' "$keyfile")
cp -p "$keyfile" "$T/old.key"

at 100 key rotate
ok $rc "key rotate"
like "$out" "id 2" "says the new key's id"
like "$(last)" "^2 [0-9a-f]{64} [0-9]+$" "and prints its public half"
at 101 key
like "$out" "^2 [0-9a-f]{64} [0-9]+$" "key prints the new key alone"
is "$(printf '%s\n' "$out" | grep -c .)" 1 "one line"
printf '%s\n' "$out" > "$T/new.pub"
at 102 key --all
is "$out" "$old_key
$(cat "$T/new.pub")" "key --all prints both, the retired key first"
printf '%s\n' "$out" > "$T/all.pub"
at 103 key list
like "$out" "key 1 [0-9a-f]{64} .*retired" "key list shows key 1 retired"
like "$out" "key 2 [0-9a-f]{64} .*signs now" "and key 2 signing"
at 104 --json key list
like "$out" '"current": *true' "in JSON too"
like "$(grep '^key_id ' "$keyfile")" "^key_id 2$" "the key file holds the new key"
unlike "$(cat "$keyfile")" "$(printf '%s' "$old_secret" | cut -c8-)" \
	"and not the retired secret"
is "$(stat -c %a "$keyfile")" 600 "its mode 0600"

JSD_KEY_FILE="$T/old.key" at 105 holder present --wallet "$W/frp" --as qr
is "$rc" 1 "a station still holding the retired key file does not sign"
like "$err" "retired signing key" "saying the key was rotated elsewhere"
JSD_KEY_FILE="$T/old.key" at 106 log checkpoint
is "$rc" 1 "nor sign a checkpoint"
like "$err" "retired signing key" "for the same reason"
JSD_KEY_FILE="$T/old.key" JSD_DOCTOR_SKIP=clock at 106 doctor
like "$out" "^PROBLEM +This key file holds a retired signing key" \
	"and doctor says so of that station"
JSD_DOCTOR_SKIP=clock at 106 doctor
like "$out" "^ok +The signing key file is readable and well-formed" \
	"but not of one with the new key file"
at 107 key
like "$out" "^2 " "and the current key stays the new one"

# --- a code made before ---
at 110 --json verify "$before"
like "$out" '"valid": *true' "the code made before verifies online"
offline 111 "$T/all.pub" "$before"
is "$valid" true "and offline with a key file holding both keys"
offline 112 "$T/new.pub" "$before"
is "$valid" false "but not with the new key alone"

# --- a code made after ---
at 120 holder present --wallet "$W/frp" --as qr
after=$(last)
offline 121 "$T/new.pub" "$after"
is "$valid" true "a code made after verifies with the new key"
offline 122 "$T/old.pub" "$after"
is "$valid" false "and not with the retired one: it carries the new id"
at 123 --json verify "$after"
like "$out" '"valid": *true' "online too"

# --- signatures and holder certificates ---
at 130 --json verify-signature --document "$T/doc" --signature "$T/before.sig"
ok $rc "a signature made before verifies online"
at 131 verify-signature --document "$T/doc" --signature "$T/before.sig" \
	--key "$T/all.pub"
ok $rc "and offline with both keys"
at 132 --json verify-signature --document "$T/doc" --signature "$T/before.sig" \
	--key "$T/new.pub"
like "$out" '"outcome": *"unknown_key"' "with the new key alone, an unknown key"
signed 140 "$T/after.sig"
ok $rc "the FRP signs after the rotation, its holder certificate from before"
at 143 verify-signature --document "$T/doc" --signature "$T/after.sig" \
	--key "$T/all.pub"
ok $rc "that signature verifies offline"

# --- checkpoints ---
at 150 log verify
ok $rc "log verify passes over the checkpoint the retired key signed"
at 151 log checkpoint
at 152 log verify
ok $rc "and over one signed by each key"
at 153 log verify --key "$T/all.pub"
ok $rc "with a key file holding both"
at 154 log verify --key "$T/new.pub"
is "$rc" 1 "not with the new key alone"
like "$out" "forged|not signed" "which finds key 1's checkpoint unsigned"

at 160 events --kind key.rotated
like "$out" "key.rotated" "the rotation is in the event log"

# --- rotations at the same moment ---
# rotate_at_once S KEYFILE...: "key rotate" with each key file at once (the
# clock running from base+S); the statuses, a line each, into $T/rot.rc, the
# outputs into $T/rot.N.out and .err.
rotate_at_once() {
	_at=$(utc "$1")
	shift
	_n=0
	for _f in "$@"; do
		_n=$((_n + 1))
		JSD_KEY_FILE=$_f "$FAKETIME_BIN" "$_at" "$JSDCTL" key rotate \
		    >"$T/rot.$_n.out" 2>"$T/rot.$_n.err" &
		eval "_pid$_n=\$!"
	done
	: >"$T/rot.rc"
	_k=0
	while [ $_k -lt $_n ]; do
		_k=$((_k + 1))
		eval "wait \$_pid$_k" && echo 0 >>"$T/rot.rc" || echo $? >>"$T/rot.rc"
	done
}
# published FILE: whether the public half of the key in FILE is the current
# key the registry publishes.
published() {
	at 180 key
	[ "$(printf '%s\n' "$out" | cut -d' ' -f2)" = \
	    "$(sed -n 's/^public //p' "$1")" ]
}
# ids: the ids "key --all" lists, a line each.
ids() { at 181 key --all; printf '%s\n' "$out" | cut -d' ' -f1; }

# Four stations, each with a copy of the key file, rotate at once: one takes
# the next id; the others are refused, their key files as they were.
for k in 1 2 3 4; do cp -p "$keyfile" "$T/st$k.key"; done
rotate_at_once 170 "$T/st1.key" "$T/st2.key" "$T/st3.key" "$T/st4.key"
is "$(grep -c '^0$' "$T/rot.rc")" 1 "of four stations rotating at once, one does"
is "$(grep -c '^1$' "$T/rot.rc")" 3 "the other three exit 1"
is "$(cat "$T"/rot.?.err | grep -Ec 'at the same moment|retired signing key')" 3 \
	"each told that another station rotated the key"
win=$(grep -n '^0$' "$T/rot.rc" | cut -d: -f1)
same=0
for k in 1 2 3 4; do
	[ "$k" = "$win" ] || cmp -s "$keyfile" "$T/st$k.key" || same=1
done
ok $same "their key files are untouched"
is "$(ids | tr '\n' ' ')" "1 2 3 " "key --all lists ids 1 to 3 once each"
published "$T/st$win.key"
ok $? "the winner's key file holds the published current key"
is "$(ls "$T" | grep -c '\.tmp$')" 0 "no temporary key file is left"
# The hall's IT copies the new key file to the other stations.
cp -p "$T/st$win.key" "$keyfile"

# Four processes sharing one key file (one host) rotate at once: each either
# rotates, after the one before, or is refused; no id is taken twice.
rotate_at_once 190 "$keyfile" "$keyfile" "$keyfile" "$keyfile"
made=$(grep -c '^0$' "$T/rot.rc")
ok $([ "$made" -ge 1 ]; echo $?) "of four rotations on one key file at once, $made made"
is "$(grep -c '^1$' "$T/rot.rc")" $((4 - made)) "the others exit 1"
is "$(cat "$T"/rot.?.out | grep -o 'id [0-9]*' | sort -u | wc -l)" "$made" \
	"each rotation made took its own id"
is "$(ids | tr '\n' ' ')" "$(seq 1 $((3 + made)) | tr '\n' ' ')" \
	"key --all lists every id once"
published "$keyfile"
ok $? "the key file holds the published current key"
is "$(stat -c %a "$keyfile")" 600 "mode 0600"
is "$(ls "$T" | grep -c '\.tmp$')" 0 "no temporary key file is left"
at 200 log verify
ok $rc "log verify: the chain is intact"
at 201 events --kind key.rotated
is "$(printf '%s\n' "$out" | grep -c 'key.rotated')" $((2 + made)) \
	"every rotation made is in the log, once"

done_testing
