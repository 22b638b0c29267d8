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

create() {
	dir=$1
	bin=$(pg_bindir)
	super=$(id -un)
	mkdir -m 0700 "$dir"
	[ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
	as_owner "$bin/initdb" -D "$dir/data" -U "$super" -A trust -E UTF8 \
	    --no-locale --no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		return 1
	}
}

start() {
	dir=$1
	bin=$(pg_bindir)
	[ -d "$dir/data" ] || create "$dir"
	opts="-c listen_addresses='' -c unix_socket_directories='$dir'"
	opts="$opts -c max_connections=200"
	# JSD_PG_DURABLE=1 (benchmarks): fsync as in production.
	[ "${JSD_PG_DURABLE:-0}" = 1 ] ||
		opts="$opts -c fsync=off -c full_page_writes=off"
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
	    -o "$opts" start >/dev/null || {
		cat "$dir/server.log" >&2
		return 1
	}
}

halt() {	# halt DIR MODE
	bin=$(pg_bindir)
	if [ -f "$1/data/postmaster.pid" ]; then
		as_owner "$bin/pg_ctl" -D "$1/data" -m "$2" -w stop \
		    >/dev/null 2>&1 || true
	fi
}

stop() {
	halt "$1" immediate
	rm -rf "$1"
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
	[ -f "$2/data/postmaster.pid" ] || start "$2"
	;;
down)
	[ $# -eq 2 ] || { echo "usage: $0 down DIR" >&2; exit 2; }
	halt "$2" fast
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
	echo "usage: $0 run COMMAND [ARG...] | start DIR | stop DIR | up DIR | down DIR" >&2
	exit 2
	;;
esac
