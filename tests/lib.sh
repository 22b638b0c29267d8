# lib.sh: TAP helpers for the whole-program tests, sourced by tests/*.sh.
# The environment comes from tests/local.mk (top_srcdir, top_builddir, tool paths).
set -u

: "${top_builddir:?run through make check}"
JSDCTL="$top_builddir/jsdctl"
JSD_KIOSK="$top_builddir/jsd-kiosk"
export JSD_LANG=en
_tap_n=0
_tap_failed=0

T=$(mktemp -d "${TMPDIR:-/tmp}/jsdtest.XXXXXX")
export XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
export JSD_DB="$T/registry.db"
# Tests move time with libfaketime: the station-against-server clock check is
# off unless a test turns it on (storage.sh does).
export JSD_CLOCK_TOLERANCE=0
# A test's database server goes away only when the test takes it away, and
# then it wants the answer at once; failover.sh sets its own window.
export JSD_DB_RETRY=0
cleanup_hooks=""

# The backend under test: sqlite (a file, the default) or, under
# tests/pg-cluster.sh run, pg: each test's registry is then a new database in
# the private cluster at $JSD_TEST_PGHOST, and the signing key a file in $T.
JSD_TEST_BACKEND=${JSD_TEST_BACKEND:-sqlite}
_pg_n=0
_pg_dbs=""
pg_new_db() {	# pg_new_db [TEMPLATE]: a new database; its URI in $pg_db
	_pg_n=$((_pg_n + 1))
	_name="jsdt_$$_$_pg_n"
	psql -X -q -h "$JSD_TEST_PGHOST" -d postgres -v ON_ERROR_STOP=1 \
	    -c "CREATE DATABASE $_name${1:+ TEMPLATE $1}" >/dev/null || return 1
	_pg_dbs="$_pg_dbs $_name"
	pg_db="postgresql:///$_name?host=$JSD_TEST_PGHOST"
}
if [ "$JSD_TEST_BACKEND" = pg ]; then
	: "${JSD_TEST_PGHOST:?JSD_TEST_BACKEND=pg needs tests/pg-cluster.sh run}"
	pg_new_db || { echo "Bail out! no test database"; exit 1; }
	JSD_DB=$pg_db
	export JSD_KEY_FILE="$T/registry.db.key"
fi

# What tests that alter a registry behind the programs' back use, on either
# backend: a copy to alter, SQL run on it, and the SQL that lifts the event
# log's append-only triggers.
db_copy() {	# db_copy TARGET: a copy of the registry; its target in $copy
	if [ "$JSD_TEST_BACKEND" = pg ]; then
		_src=${1#postgresql:///}
		pg_new_db "${_src%%\?*}" && copy=$pg_db
	else
		_pg_n=$((_pg_n + 1))
		copy="$T/copy-$_pg_n.db"
		cp "$1" "$copy"
	fi
}
db_sql() {	# db_sql TARGET SQL: runs SQL, prints rows with | between fields
	if [ "$JSD_TEST_BACKEND" = pg ]; then
		psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"
	else
		"$SQLITE3_BIN" "$1" "$2"
	fi
}
db_tool() {	# true when db_sql can run
	if [ "$JSD_TEST_BACKEND" = pg ]; then
		command -v psql >/dev/null
	else
		[ -n "${SQLITE3_BIN:-}" ]
	fi
}
if [ "$JSD_TEST_BACKEND" = pg ]; then
	UNTRIGGER="ALTER TABLE event DISABLE TRIGGER USER;"
else
	UNTRIGGER="DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete;"
fi
# pg_station GROUP: a login role in the station group jsd_GROUP, made for this
# test and dropped after it; the registry's URI connecting as it in
# $station_db (PostgreSQL only: a SQLite file has no roles).
pg_station() {
	psql -X -q -h "$JSD_TEST_PGHOST" -d postgres -v ON_ERROR_STOP=1 \
	    -c "CREATE ROLE jsdt_${1}_$$ LOGIN IN ROLE jsd_$1" >/dev/null || return 1
	cleanup_hooks="$cleanup_hooks psql -X -q -h '$JSD_TEST_PGHOST' -d postgres \
	    -c 'DROP ROLE IF EXISTS jsdt_${1}_$$' >/dev/null 2>&1;"
	station_db="$JSD_DB&user=jsdt_${1}_$$"
}
# own_server: a PostgreSQL server of the test's own in $PGC, for a test that
# loses its link by stopping it (pg-cluster.sh down, up again, or stop), and
# its database jsd, whose URI is in $own_db; removed at the end. Skips the
# test on SQLite.
own_server() {
	[ "$JSD_TEST_BACKEND" = pg ] || skip_all "a SQLite file has no link to lose"
	chmod 0711 "$T"		# the server's user must reach its folder inside
	PGC="$T/pgc"
	"$top_srcdir/tests/pg-cluster.sh" up "$PGC" >/dev/null ||
		{ echo "Bail out! no server of its own"; exit 1; }
	cleanup_hooks="$cleanup_hooks '$top_srcdir/tests/pg-cluster.sh' stop '$PGC';"
	psql -X -q -h "$PGC" -d postgres -c "CREATE DATABASE jsd" >/dev/null
	own_db="postgresql:///jsd?host=$PGC"
}
sqlite_only() {	# sqlite_only REASON: skips the test on other backends
	[ "$JSD_TEST_BACKEND" = sqlite ] || skip_all "SQLite only: $*"
}
_tap_cleanup() {
	eval "$cleanup_hooks"
	for _db in $_pg_dbs; do
		psql -X -q -h "$JSD_TEST_PGHOST" -d postgres \
		    -c "DROP DATABASE IF EXISTS $_db WITH (FORCE)" >/dev/null 2>&1
	done
	rm -rf "$T"
}
trap _tap_cleanup EXIT

ok() {	# ok STATUS DESCRIPTION: STATUS is a command's exit status, 0 passes
	_tap_n=$((_tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_tap_n - $2"
	else
		echo "not ok $_tap_n - $2"
		_tap_failed=$((_tap_failed + 1))
	fi
}

is() {	# is GOT WANT DESCRIPTION
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
	fi
}

like() {	# like TEXT PATTERN DESCRIPTION (grep -E)
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '%s\n' "$1" | sed 's/^/#   /' | head -20
		printf '#   wanted /%s/\n' "$2"
	fi
}

unlike() {	# unlike TEXT PATTERN DESCRIPTION
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 1 "$3"
		printf '#   matched /%s/\n' "$2"
	else
		ok 0 "$3"
	fi
}

diag() { printf '# %s\n' "$*"; }

skip_all() { echo "1..0 # SKIP $*"; exit 0; }

done_testing() {
	echo "1..$_tap_n"
	[ "$_tap_failed" -eq 0 ] && [ "$_tap_n" -gt 0 ]
}

# Runs jsdctl, keeping stdout in $out, stderr in $err and the status in $rc.
ctl() {
	out=$("$JSDCTL" "$@" 2>"$T/stderr") && rc=0 || rc=$?
	err=$(cat "$T/stderr")
}
# last: the last line of $out, where jsdctl prints the number it made.
last() { printf '%s\n' "$out" | tail -n 1; }
# app_show [--json] NO: application NO in full, as counter1 of the demo
# registry sees it with the password (ID numbers not masked).
app_show() {
	_json=
	[ "$1" = --json ] && _json=--json && shift
	JSD_PASSWORD=jsd-demo-counter ctl $_json application show "$1" \
	    --staff counter1
}

# ctl_faked [-f] UTC ARGS...: ctl under libfaketime, the clock set to UTC
# ("YYYY-MM-DD HH:MM:SS"). -f hands the date to libfaketime as it is, which
# freezes the clock; without it the clock runs on from that second.
ctl_faked() {
	_freeze=
	[ "$1" != -f ] || { _freeze=-f; shift; }
	_utc=$1
	shift
	out=$("$FAKETIME_BIN" $_freeze "$_utc" "$JSDCTL" "$@" 2>"$T/stderr") &&
	    rc=0 || rc=$?
	err=$(cat "$T/stderr")
}
# For tests that count seconds from a $base of their own (UTC, epoch seconds):
#   utc S, local_time S  base+S in UTC and in Shanghai, as YYYY-MM-DD HH:MM:SS
#   at S ARGS...         jsdctl with the clock frozen at base+S, so that a slow
#                        start (the Argon2id of a password) moves no edge
utc() { date -u -d "@$((base + $1))" '+%Y-%m-%d %H:%M:%S'; }
local_time() { date -u -d "@$((base + $1 + 8 * 3600))" '+%Y-%m-%d %H:%M:%S'; }
at() {
	_s=$1
	shift
	ctl_faked -f "$(utc "$_s")" "$@"
}

# faked_clock: for a test whose jsdctl runs under libfaketime (at,
# ctl_faked), in UTC; skips the test where faketime is not installed.
faked_clock() {
	[ -n "$FAKETIME_BIN" ] || skip_all "faketime is not installed"
	# libfaketime is preloaded ahead of the sanitizer runtime.
	export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
	export TZ=UTC
}

# cert_claimed: a test of one certificate through jsdctl, its clock frozen at
# base+S (at S): the demo registry, and $code's certificate claimed into
# $W/frp by its legal representative ($frp_id), in English.
cert_claimed() {
	faked_clock
	export JSD_LANG=en JSD_NEW_PASSWORD=holder-pass
	export JSD_PASSWORD=holder-pass
	code=12110000429074993M frp_id=110118198312055029
	base=$(date -u -d '2026-11-24 02:00:00' +%s)
	W="$T/wallets"
	mkdir -p "$W"
	at 0 demo
	at 0 apply claim --credit-code $code --frp-phone 13912345678
	JSD_PASSWORD=jsd-demo-counter at 1 approve "$(last)" --staff counter1
	at 2 holder claim "$(last)" --wallet "$W/frp" --name 张晓华 --id $frp_id \
		--phone 13912345678 --accept-declaration
	ok $rc "the FRP claims"
}

# approve_claim: a claim of the demo institution's legal representative
# applied for ($no) and approved by counter1: its claim QR in $tok; $rc the
# approval's status.
approve_claim() {
	ctl apply claim --credit-code 12110000429074993M --frp-phone 13912345678
	no=$(last)
	JSD_PASSWORD=jsd-demo-counter ctl approve "$no" --staff counter1
	tok=$(last)
}
# claim_qr: the same in a new demo registry.
claim_qr() {
	ctl demo
	approve_claim
}

# fake_service SERVICE ARGS...: tests/fake-service.py on loopback with ARGS,
# stopped at the end (added to cleanup_hooks), and jsd.conf pointing
# SERVICE_url at its /SERVICE. Waits for it as wait_for does: a bound for a
# loaded machine, 20 s.
fake_service() {
	_svc=$1
	shift
	python3 "$top_srcdir/tests/fake-service.py" --port-file "$T/port" "$@" \
		>/dev/null 2>&1 &
	cleanup_hooks="$cleanup_hooks kill $! 2>/dev/null;"
	for _i in $(seq 200); do [ -s "$T/port" ] && break; sleep 0.1; done
	mkdir -p "$XDG_CONFIG_HOME/jsd-kiosk"
	echo "${_svc}_url = http://127.0.0.1:$(cat "$T/port")/$_svc" \
		> "$XDG_CONFIG_HOME/jsd-kiosk/jsd.conf"
}
# identity_platform NAME ID: the identity platform, knowing the one person
# NAME by ID.
identity_platform() {
	printf '{"%s": "%s"}\n' "$1" "$2" > "$T/people.json"
	fake_service identity --people "$T/people.json" --mode up
}
# sms_gateway: the SMS gateway; what it sends goes to $T/sms.log, a line a
# message: the phone, a tab, the code.
sms_gateway() {
	fake_service sms --sms-log "$T/sms.log" --mode up
}
