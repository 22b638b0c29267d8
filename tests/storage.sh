# storage.sh: where the registry is and what guards it, on either backend: a
# PostgreSQL URI is never taken for a file, the signing key is found through
# key_file, init never replaces a published key (a missing or another
# registry's key file is refused), a schema newer than the program is refused with a word to upgrade,
# two inits of a fresh registry at once both succeed, and a claim QR redeemed
# by four stations at the same instant is taken once.
. "$top_srcdir/tests/lib.sh"

# --- a URI is a database or an error, never a file ---
mkdir "$T/cwd"
for uri in "postgresql:///jsd_none?host=$T/nosocket" "postgres:///jsd_none?host=$T/nosocket"; do
	(cd "$T/cwd" && "$JSDCTL" --db "$uri" init >"$T/out" 2>"$T/err")
	rc=$?
	is "$rc" 2 "${uri%%:*}: an unreachable database is an error"
	like "$(cat "$T/err")" "Cannot open the registry" "which says so"
	is "$(ls -A "$T/cwd")" "" "and nothing was made in the working folder"
done
ok $([ ! -e "$T/data/jsd-kiosk" ]; echo $?) "nor in the default registry's folder"

# --- the signing key ---
mkdir -p "$T/conf"
printf 'key_file = %s\n' "$T/elsewhere.key" >"$T/conf/jsd.conf"
(unset JSD_KEY_FILE; "$JSDCTL" --config "$T/conf/jsd.conf" init >/dev/null 2>&1)
ok $? "init with key_file in the configuration"
ok $([ -f "$T/elsewhere.key" ] && [ "$(stat -c %a "$T/elsewhere.key")" = 600 ]; echo $?) \
	"makes the key there, mode 0600"
published=$(JSD_KEY_FILE="$T/elsewhere.key" "$JSDCTL" key)
case $JSD_DB in
postgresql://*)
	out=$(JSD_KEY_FILE= "$JSDCTL" init 2>&1)
	is "$?" 1 "a URI registry without key_file: init refuses"
	like "$out" "key_file" "and names the setting"
	mine=$JSD_KEY_FILE
	;;
*)
	ok $([ ! -e "$JSD_DB.key" ]; echo $?) "and not beside the registry file"
	mine=$JSD_DB.key
	;;
esac

# --- init never replaces a published key ---
# From here on the programs look for the key at $mine (beside the file, or
# JSD_KEY_FILE), where the registry's key is not.
ctl init
is "$rc" 1 "init without the registry's key file is refused"
like "$err" "already has a signing key" "saying the registry has its key"
ok $([ ! -e "$mine" ]; echo $?) "and makes no key file"
JSD_KEY_FILE="$T/other.key" "$JSDCTL" --db "$T/other.db" init >/dev/null 2>&1
cp -p "$T/other.key" "$mine"
ctl init
is "$rc" 1 "init with another registry's key file is refused"
like "$err" "differs from the one the registry published" "saying whose it is not"
ok $(cmp -s "$T/other.key" "$mine"; echo $?) "that key file is left as it was"
ctl key rotate
is "$rc" 1 "so is a rotation with it"
JSD_DOCTOR_SKIP=clock ctl doctor
like "$out" "PROBLEM +This key file's key differs" "and doctor says it is not the registry's"
is "$(JSD_KEY_FILE="$T/elsewhere.key" "$JSDCTL" key)" "$published" \
	"and the published key stays"
# What the hall's IT does: put the registry's key file where the programs look.
mv "$T/elsewhere.key" "$mine"
ctl init
ok $rc "with the registry's key file moved there, init runs"
ctl key
is "$out" "$published" "and the key is the one published first"

# --- versions ---
ctl init
like "$out" "schema [0-9]+" "init reports the schema"
v=$(printf '%s\n' "$out" | grep -Eo 'schema [0-9]+' | grep -Eo '[0-9]+$')
if db_tool; then
	db_copy "$JSD_DB"; newer=$copy
	if [ "$JSD_TEST_BACKEND" = pg ]; then
		db_sql "$newer" "UPDATE jsd_schema SET version = $((v + 1))"
	else
		db_sql "$newer" "PRAGMA user_version = $((v + 1))"
	fi
	ctl --db "$newer" apply claim --credit-code 12110000429074993M \
	    --frp-phone 13912345678
	ok $([ "$rc" -ne 0 ]; echo $?) "a registry one schema newer is refused"
	like "$err" "newer than this program; please upgrade" "with a word to upgrade"
	ctl --db "$newer" events
	ok $([ "$rc" -ne 0 ]; echo $?) "for reading too"
else
	diag "no $JSD_TEST_BACKEND client: the newer schema is not tried"
fi

# --- two inits of a fresh registry at once ---
if [ "$JSD_TEST_BACKEND" = pg ]; then
	pg_new_db; fresh=$pg_db
else
	fresh="$T/fresh.db"
fi
"$JSDCTL" --db "$fresh" init >"$T/i1" 2>&1 & p1=$!
"$JSDCTL" --db "$fresh" init >"$T/i2" 2>&1 & p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
is "$r1/$r2" "0/0" "two inits of a fresh registry at once both succeed"
ctl --db "$fresh" init
like "$out" "schema $v\)" "and leave it at the latest schema"
ctl --db "$fresh" log verify
ok $rc "with one intact event chain"

# --- a claim QR redeemed by four stations at once ---
ctl demo
ctl apply claim --credit-code 12110000429074993M --frp-phone 13912345678
no=$(printf '%s\n' "$out" | tail -n 1)
JSD_PASSWORD=jsd-demo-counter ctl approve "$no" --staff counter1
tok=$(printf '%s\n' "$out" | tail -n 1)
like "$tok" "^JSD:C:" "a claim QR"
for k in 1 2 3 4; do
	JSD_PASSWORD=holder-pass JSD_NEW_PASSWORD=holder-pass "$JSDCTL" \
	    --station "counter-$k" holder claim "$tok" --wallet "$T/w$k" \
	    --name 张晓华 --id 110118198312055029 --phone 13912345678 \
	    --accept-declaration >"$T/c$k.out" 2>"$T/c$k.err" &
	eval "pid$k=\$!"
done
won=0
for k in 1 2 3 4; do
	eval "wait \$pid$k" && won=$((won + 1))
done
is "$won" 1 "exactly one of four simultaneous redemptions succeeds"
is "$(cat "$T"/c?.err | grep -c 'used already')" 3 "the other three are told it was used"
[ "$(cat "$T"/c?.err | grep -c 'used already')" = 3 ] ||
	cat "$T"/c?.err | sed 's/^/#   /'
ctl log verify
ok $rc "the chain is intact"

# --- one clock: a station set an hour ahead of the database server ---
if [ -n "$FAKETIME_BIN" ]; then
	export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
	ahead() { out=$(JSD_CLOCK_TOLERANCE=30 "$FAKETIME_BIN" -f +1h "$JSDCTL" "$@" \
	    2>"$T/stderr") && rc=0 || rc=$?; err=$(cat "$T/stderr"); }
	ctl apply claim --credit-code 12110000471228060A --frp-phone 13912345678
	no=$(printf '%s\n' "$out" | tail -n 1)
	JSD_PASSWORD=jsd-demo-counter ahead approve "$no" --staff counter1
	if [ "$JSD_TEST_BACKEND" = pg ]; then
		is "$rc" 1 "a station an hour ahead of the server does not issue a claim QR"
		like "$err" "clock differs from the registry server" "and says why"
		ahead --json verify 'JSD:P:0'
		like "$out" '"outcome": *"clock_suspect"' "nor verifies: clock_suspect"
		ctl events --kind verify.
		like "$out" "verify.clock_suspect" "and the log has that outcome"
		JSD_CLOCK_TOLERANCE=0 JSD_PASSWORD=jsd-demo-counter \
		    "$FAKETIME_BIN" -f +1h "$JSDCTL" approve "$no" --staff counter1 \
		    >/dev/null 2>&1
		ok $? "with the check off (tolerance 0) it does"
	else
		ok $rc "a SQLite file has no server clock to differ from: issued"
		[ "$rc" = 0 ] || diag "$err"
	fi
else
	diag "faketime not installed: the clock check is not tried"
fi
done_testing
