# failover-lib.sh: what tests/failover.sh and bench/bench-failover.sh share, sourced
# after tests/lib.sh: a primary and its synchronous standby, a registry on
# them with a claimed certificate and a presented QR, and two stations at work
# (a kiosk submitting, a counter verifying) whose every answer is written
# down, so that what was reported done can be looked for after a failover.
#
# A station's log, a line an operation: "done WHAT SECONDS" when it was
# reported done (an application's number; a verification checked against the
# registry and recorded, with its exit status), "fail STATUS SECONDS" when it
# was reported not done (a QR checked offline counts so: nothing recorded).

# The stations keep trying a lost server this long (db_retry): well past a
# promotion on a loaded machine.
export JSD_DB_RETRY=120
FO_CODE=12110000429074993M	# the demo institution claimed (and verified)
FO_APPLY=12110000471228060A	# the one the kiosk keeps applying for

# fo_start: the pair in $T/pgc (p the primary, s its standby), the registry
# on it as $db (both hosts, the one accepting writes), a QR as $qr.
fo_start() {
	chmod 0711 "$T"		# the server's user must reach its folder inside
	PGC="$T/pgc"
	cleanup_hooks="$cleanup_hooks '$top_srcdir/tests/pg-cluster.sh' stop '$PGC';"
	"$top_srcdir/tests/pg-cluster.sh" start-pair "$PGC" >/dev/null || return 1
	psql -X -q -h "$PGC/p" -d postgres -c "CREATE DATABASE jsd" >/dev/null ||
		return 1
	db="postgresql:///jsd?host=$PGC/p,$PGC/s&target_session_attrs=read-write"
	export JSD_KEY_FILE="$T/registry.key"
	_j() { ctl --db "$db" "$@"; [ $rc = 0 ] || echo "$err" >&2; }
	_j demo && _j apply claim --credit-code $FO_CODE --frp-phone 13912345678 &&
	    JSD_PASSWORD=jsd-demo-counter _j approve "$(last)" --staff counter1 &&
	    JSD_PASSWORD=holder-pass JSD_NEW_PASSWORD=holder-pass _j holder claim \
	    "$(last)" --wallet "$T/frp" --name 张晓华 --id 110118198312055029 \
	    --phone 13912345678 --accept-declaration &&
	    JSD_PASSWORD=holder-pass _j holder present --wallet "$T/frp" --as qr &&
	    qr=$(last)
}

# fo_begin: a failover test's start: skipped on SQLite, else fo_start, as
# its first assertion (bailing out when there is no pair).
fo_begin() {
	[ "$JSD_TEST_BACKEND" = pg ] || skip_all "a SQLite file has no standby"
	fo_start
	_started=$?
	ok $_started "a primary, its synchronous standby and a registry on both"
	[ $_started = 0 ] || { echo "Bail out! no primary and standby"; exit 1; }
}

fo_now() { date +%s.%N; }

# fo_kiosk LOG: submits applications until $T/stop exists.
fo_kiosk() {
	while [ ! -e "$T/stop" ]; do
		if _n=$("$top_builddir/jsdctl" --db "$db" apply claim \
		    --credit-code $FO_APPLY --frp-phone 13912345678 2>>"$1.err"); then
			echo "done $_n $(fo_now)"
		else
			echo "fail $? $(fo_now)"
		fi >>"$1"
	done
}

# fo_counter LOG: verifies the QR until $T/stop exists. Valid or, once its 5
# minutes are over, expired: either way, checked live, a verification
# recorded; checked offline, nothing recorded.
fo_counter() {
	while [ ! -e "$T/stop" ]; do
		_o=$("$top_builddir/jsdctl" --db "$db" --json verify "$qr" \
		    2>>"$1.err") && _s=0 || _s=$?
		case $_o in
		*'"check": "live"'*) echo "done $_s $(fo_now)" ;;
		*) echo "fail $_s $(fo_now)" ;;
		esac >>"$1"
	done
}

# fo_stations: the kiosk and the counter at work in the background from now
# ($fo_began), logging to $T/kiosk and $T/counter, until fo_stop (or exit).
fo_stations() {
	: >"$T/kiosk"
	: >"$T/counter"
	fo_began=$(fo_now)
	fo_kiosk "$T/kiosk" &
	fo_kiosk_pid=$!
	fo_counter "$T/counter" &
	fo_counter_pid=$!
	cleanup_hooks="$cleanup_hooks touch '$T/stop';"
	cleanup_hooks="$cleanup_hooks kill $fo_kiosk_pid $fo_counter_pid 2>/dev/null || true;"
}
fo_stop() {
	touch "$T/stop"
	wait $fo_kiosk_pid $fo_counter_pid
}

# fo_more N: waits until each station has reported N more operations done
# from now on; 0 when they did.
fo_more() {
	fo_wait_dones "$T/kiosk" "$1" $(($(wc -l <"$T/kiosk") + 1)) &&
	    fo_wait_dones "$T/counter" "$1" $(($(wc -l <"$T/counter") + 1))
}

# fo_dones LOG [FROM]: how many operations LOG reports done, from line FROM on.
fo_dones() { tail -n "+${2:-1}" "$1" 2>/dev/null | grep -c '^done' || true; }

# fo_wait_dones LOG N [FROM]: waits until LOG reports N done from line FROM
# on. A bound on tries, not on speed: 0 when they came.
fo_wait_dones() {
	_i=0
	while [ "$(fo_dones "$1" "${3:-1}")" -lt "$2" ]; do
		[ $_i -lt 3000 ] || return 1
		sleep 0.2
		_i=$((_i + 1))
	done
}

# fo_sql SQL: one value from the registry on whichever server accepts writes.
fo_sql() { psql -X -q -At -d "$db" -c "$1"; }

# fo_lost: how many applications the kiosk was told are done are not in the
# registry (a number is there once at most: it is unique).
fo_lost() {
	fo_sql "SELECT number FROM application" | sort >"$T/in-registry"
	awk '$1 == "done" { print $2 }' "$T/kiosk" | sort >"$T/reported"
	comm -23 "$T/reported" "$T/in-registry" | wc -l
}

# fo_pause LOG: the longest time in seconds between two operations LOG
# reports done (the first counted from $fo_began).
fo_pause() {
	awk -v t="$fo_began" '$1 == "done" { if ($3 - t > m) m = $3 - t; t = $3 }
	    END { printf "%.1f\n", m }' "$1"
}
