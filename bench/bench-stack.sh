#!/bin/sh
# bench-stack.sh: the station's stack, cage + foot + jsd-kiosk on wlroots'
# headless output, started as tests/station-stack.sh starts it (tests/stack.sh):
#   start: from cage's start to the kiosk's start screen on the output, that
#          is grim's screenshot matching the same kiosk's tmux pane cell by
#          cell (tests/shotcheck), polled every 50 ms: an upper bound that
#          includes a screenshot and its check (median of 5);
#   memory: the resident memory (VmRSS) of cage, foot and jsd-kiosk, and of
#          Xwayland if cage started it, at that screen (first run).
# Run by "make bench" from the build directory (tests/shotcheck comes with
# make check); the figures are those of the programs built there, and a
# sanitizer build's jsd-kiosk is several times the size of a plain one.
set -eu
b=$(cd "${1:-.}" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
JSD_KIOSK=$b/jsd-kiosk
JSDCTL=$b/jsdctl
SHOTCHECK=$b/tests/shotcheck
FAKETIME_REAL=$(command -v faketime || true)
FAKETIME_BIN=$src/tests/faketime.sh
export ASAN_OPTIONS=detect_leaks=0
. "$src/tests/stack.sh"
why=$(stack_missing)
[ -n "$FAKETIME_REAL" ] || why="faketime is not installed"
if [ -n "$why" ]; then
	echo "skipped: $why"
	exit 0
fi
dir="$b/bench-data/stack"
rm -rf "$dir"
mkdir -p "$dir"
SOCK=jsdbench$$
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
now_ms() { date +%s%3N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
stack_setup
stack=
trap 'stack_stop; tm kill-server >/dev/null 2>&1 || true; rm -rf "$S"' EXIT
for f in registry.db registry.db.key registry.db.checkpoints; do
	cp "$S/$f" "$dir/pane-$f"
done

# The grid from a first start, and the kiosk's pane at that size.
stack_start cjk
stack_grid cjk
stack_stop
tm new-session -d -s pane -x "$cols" -y "$rows" \
    "LANG=C.UTF-8 $(stack_kiosk "$dir/pane-registry.db") 2>/dev/null; sleep 600"
i=0
until tm capture-pane -p -t pane | grep -q '请按任意键开始'; do
	i=$((i + 1))
	[ $i -lt 400 ] || { echo "the kiosk's pane never showed its start screen" >&2; exit 1; }
	sleep 0.05
done
tm capture-pane -p -e -N -t pane >"$dir/pane.sgr"

stack_poll=0.05
stack_tries=400
for run in 1 2 3 4 5; do
	t0=$(now_ms)
	stack_start cjk
	if ! stack_check cjk "$dir/pane.sgr"; then
		echo "run $run: the start screen never matched the pane:" \
		    "$(tr '\n' ' ' <"$S/cjk/check")" >&2
		exit 1
	fi
	echo $(($(now_ms) - t0)) >>"$dir/start"
	[ $run -ne 1 ] || stack_tree | awk '{ print $2, $3 }' | sort >"$dir/rss"
	stack_stop
done
echo "cage start to the kiosk's start screen on the output: $(median <"$dir/start") ms (median of 5; $cols x $rows cells of ${cell_w}x$cell_h)"
echo "resident memory at the start screen (kB):"
sed 's/^/  /' "$dir/rss"
awk '$1 == "cage" || $1 == "foot" || $1 == "jsd-kiosk" { t += $2 }
    END { print "  cage + foot + jsd-kiosk: " t " kB" }' "$dir/rss"
