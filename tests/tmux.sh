# tmux.sh: driving a real program in a private tmux server, for the screen
# tests; sourced after lib.sh. The caller names its session in $ses.
[ -n "${TMUX_BIN:-}" ] || skip_all "tmux is not installed"
SOCK="jsd-$$"
ses=""

tm() { "$TMUX_BIN" -L "$SOCK" "$@"; }
cleanup_hooks="$cleanup_hooks tm kill-server >/dev/null 2>&1;"

pane() { tm capture-pane -p -t "$ses"; }

# wait_for PATTERN [TENTHS]: polls the pane until grep -E finds PATTERN (for
# WAIT_TENTHS tenths of a second, 5 s unless set); the last capture is in
# $screen either way.
wait_for() {
	_i=0
	while [ $_i -lt "${2:-${WAIT_TENTHS:-50}}" ]; do
		screen=$(pane 2>/dev/null)
		printf '%s\n' "$screen" | grep -Eq -- "$1" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

keys() { tm send-keys -t "$ses" "$@"; }

# A person types: keys far enough apart that the frame does not take them for
# a keyboard-wedge scanner's burst.
typed() {
	_s=$1
	while [ -n "$_s" ]; do
		_c=${_s%"${_s#?}"}
		_s=${_s#?}
		tm send-keys -t "$ses" -l "$_c"
		sleep 0.06
	done
}
