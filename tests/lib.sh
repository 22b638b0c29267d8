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
cleanup_hooks=""
_tap_cleanup() {
	eval "$cleanup_hooks"
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
