#!/bin/sh
# pg-cluster.sh: a private PostgreSQL cluster for the tests, so that every test
# can run on PostgreSQL as well as on SQLite.
#
#   tests/pg-cluster.sh run COMMAND [ARG...]
#	starts a cluster in a fresh temporary folder, runs COMMAND with
#	JSD_TEST_BACKEND=pg and JSD_TEST_PGHOST set (tests/lib.sh and tap.c then
#	make each test's registry a new database in it), stops the cluster and
#	removes the folder whatever happens, and exits with COMMAND's status.
#   tests/pg-cluster.sh start DIR / stop DIR
#	the same by hand: DIR must not exist yet (start) and is removed (stop).
#   tests/pg-cluster.sh up DIR / down DIR
#	a cluster kept between runs (benchmarks' loaded databases): up makes
#	it in DIR the first time and starts it; down stops it and keeps DIR.
#   tests/pg-cluster.sh start-pair DIR
#	for failover: a primary in DIR/p and a streaming-replication standby of
#	it in DIR/s, a Unix socket each, every commit waiting for the standby
#	(synchronous_standby_names); stop DIR stops both.
#   tests/pg-cluster.sh kill DIR/p | promote DIR/s
#	the primary killed as a crash would (-m immediate); the standby made a
#	primary. A promoted standby runs without a synchronous standby of its
#	own, as in production until one is rebuilt:
#   tests/pg-cluster.sh standby DIR/NEW DIR/FROM
#	a new standby of the primary in DIR/FROM (which must have none yet),
#	and FROM's commits waiting for it again.
#
# The server listens on a Unix socket in the folder only (no TCP), trusts
# connections there (the folder is the server user's, mode 0700), and runs as
# an unprivileged user: "postgres" when started by root (CI runs as root and
# PostgreSQL refuses to run as root), else the caller. The cluster's superuser
# is named after the caller, so the tests connect without naming a user.
# fsync is off: a test cluster lives for one run and proves nothing about
# durability; JSD_PG_DURABLE=1 keeps it on, for benchmarks.
set -eu

pg_bindir() {
	for d in "${PG_BINDIR:-}" "$(pg_config --bindir 2>/dev/null || true)" \
	    /usr/lib/postgresql/*/bin; do
		if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return 0
		fi
	done
	echo "pg-cluster.sh: initdb not found: install the Debian package postgresql" >&2
	return 1
}

# Runs a server command as the cluster's owner.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# A folder of the server's own.
own_dir() {
	mkdir -m 0700 "$1"
	[ "$(id -u)" -ne 0 ] || chown postgres: "$1"
}

# serve DIR [OPTIONS]: starts the server whose data and socket are in DIR.
serve() {
	opts="-c listen_addresses='' -c unix_socket_directories='$1'"
	opts="$opts -c max_connections=200 ${2:-}"
	# JSD_PG_DURABLE=1 (benchmarks): fsync as in production.
	[ "${JSD_PG_DURABLE:-0}" = 1 ] ||
		opts="$opts -c fsync=off -c full_page_writes=off"
	as_owner "$(pg_bindir)/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 \
	    -o "$opts" start >/dev/null || {
		cat "$1/server.log" >&2
		return 1
	}
}

create() {
	dir=$1
	own_dir "$dir"
	as_owner "$(pg_bindir)/initdb" -D "$dir/data" -U "$(id -un)" -A trust \
	    -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		return 1
	}
}

start() {
	create "$1" && serve "$1"
}

# standby DIR FROM: a standby in DIR of the primary whose socket is in FROM,
# streaming from it (pg_basebackup -R writes where from, and standby.signal);
# then FROM's commits wait for a standby ('*': whichever is connected).
standby() {
	dir=$1
	own_dir "$dir"
	as_owner "$(pg_bindir)/pg_basebackup" -h "$2" -U "$(id -un)" \
	    -D "$dir/data" -R -X stream -c fast >"$dir/basebackup.log" 2>&1 || {
		cat "$dir/basebackup.log" >&2
		return 1
	}
	# The primary's setting came along: a standby promoted later must not
	# wait for a standby of its own that does not exist yet.
	as_owner sed -i '/^synchronous_standby_names/d' \
	    "$dir/data/postgresql.auto.conf"
	serve "$dir" || return 1
	psql -X -q -h "$2" -d postgres -v ON_ERROR_STOP=1 \
	    -c "ALTER SYSTEM SET synchronous_standby_names = '*'" \
	    -c "SELECT pg_reload_conf()" >/dev/null
}

# halt DATA MODE: stops the server of the data folder DATA, if it runs.
halt() {
	if [ -f "$1/postmaster.pid" ]; then
		as_owner "$(pg_bindir)/pg_ctl" -D "$1" -m "$2" -w stop \
		    >/dev/null 2>&1 || true
	fi
}

stop() {
	dir=$1
	for d in "$dir/data" "$dir"/*/data; do
		halt "$d" immediate
	done
	rm -rf "$dir"
}

case "${1:-}" in
start)
	[ $# -eq 2 ] || { echo "usage: $0 start DIR" >&2; exit 2; }
	start "$2"
	echo "export JSD_TEST_BACKEND=pg JSD_TEST_PGHOST='$2'"
	;;
stop)
	[ $# -eq 2 ] || { echo "usage: $0 stop DIR" >&2; exit 2; }
	stop "$2"
	;;
up)
	[ $# -eq 2 ] || { echo "usage: $0 up DIR" >&2; exit 2; }
	[ -f "$2/data/postmaster.pid" ] || {
		[ -d "$2/data" ] || create "$2"
		serve "$2"
	}
	;;
down)
	[ $# -eq 2 ] || { echo "usage: $0 down DIR" >&2; exit 2; }
	halt "$2/data" fast
	;;
start-pair)
	[ $# -eq 2 ] || { echo "usage: $0 start-pair DIR" >&2; exit 2; }
	own_dir "$2"
	chmod 0711 "$2"
	start "$2/p" && standby "$2/s" "$2/p"
	;;
standby)
	[ $# -eq 3 ] || { echo "usage: $0 standby DIR FROM" >&2; exit 2; }
	standby "$2" "$3"
	;;
kill)
	[ $# -eq 2 ] || { echo "usage: $0 kill DIR" >&2; exit 2; }
	as_owner "$(pg_bindir)/pg_ctl" -D "$2/data" -m immediate -w stop >/dev/null
	;;
promote)
	[ $# -eq 2 ] || { echo "usage: $0 promote DIR" >&2; exit 2; }
	as_owner "$(pg_bindir)/pg_ctl" -D "$2/data" -w -t 60 promote >/dev/null
	;;
run)
	shift
	[ $# -ge 1 ] || { echo "usage: $0 run COMMAND [ARG...]" >&2; exit 2; }
	base=$(mktemp -d "${TMPDIR:-/tmp}/jsdpg.XXXXXX")
	chmod 0755 "$base"
	dir="$base/c"
	trap 'stop "$dir"; rm -rf "$base"' EXIT
	trap 'exit 130' INT TERM HUP
	start "$dir"
	status=0
	JSD_TEST_BACKEND=pg JSD_TEST_PGHOST="$dir" "$@" || status=$?
	exit "$status"
	;;
*)
	echo "usage: $0 run COMMAND [ARG...] | start DIR | stop DIR |" \
	    "up DIR | down DIR | start-pair DIR | standby DIR FROM |" \
	    "kill DIR | promote DIR" >&2
	exit 2
	;;
esac
