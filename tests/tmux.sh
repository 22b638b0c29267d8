# tmux.sh: driving a real program in a private tmux server, for the screen
# tests; sourced after lib.sh. The caller names its session in $ses.
[ -n "${TMUX_BIN:-}" ] || skip_all "tmux is not installed"
SOCK="jsd-$$"
ses=""

tm() { "$TMUX_BIN" -L "$SOCK" "$@"; }
cleanup_hooks="$cleanup_hooks tm kill-server >/dev/null 2>&1;"

pane() { tm capture-pane -p -t "$ses"; }

# wait_for PATTERN [TENTHS]: polls the pane until grep -E finds PATTERN (for
# WAIT_TENTHS tenths of a second, 20 s unless set: a bound for a loaded
# machine, where a sanitizer build hashing a password takes seconds, not a
# measure of speed); the last capture is in
# $screen either way.
wait_for() {
	_i=0
	while [ $_i -lt "${2:-${WAIT_TENTHS:-200}}" ]; do
		screen=$(pane 2>/dev/null)
		if printf '%s\n' "$screen" | grep -Eq -- "$1"; then
			# Only a settled screen: a capture can catch a redraw half
			# done, the pattern drawn and the lines after it not yet.
			_seen=$screen
			sleep 0.1
			screen=$(pane 2>/dev/null)
			[ "$screen" = "$_seen" ] && return 0
		fi
		sleep 0.1
		_i=$((_i + 1))
	done
	# A TAP comment, so that a wait nobody checks still shows in the log.
	printf '# wait_for: /%s/ not seen\n' "$1"
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

# pane_image FILE.pgm: the pane as a dark terminal shows it, colours included
# (capture-pane -e replayed through libvterm by tests/pane2img, no margin added).
pane_image() {
	tm capture-pane -p -e -N -t "$ses" >"$T/pane.sgr" &&
	    "$top_builddir/tests/pane2img" \
	    $(tm display-message -p -t "$ses" '#{pane_width} #{pane_height}') \
	    "$T/pane.sgr" "$1"
}
# pane_qr: the text of the QR code on the pane, read by zbarimg from
# pane_image's picture; fails when nothing reads. A resize or a new screen is
# redrawn a moment after its first rows show, so a capture that reads nothing
# is taken again, for up to 5 s; a code never drawn whole still reads nothing.
pane_qr() {
	_i=0
	while [ $_i -lt 20 ]; do
		if pane_image "$T/pane.pgm" &&
		    _qr=$("$ZBARIMG_BIN" -q --raw "$T/pane.pgm" 2>/dev/null) &&
		    [ -n "$_qr" ]; then
			printf '%s\n' "$_qr"
			return 0
		fi
		sleep 0.25
		_i=$((_i + 1))
	done
	return 1
}
# qr_scale: the columns a module of the QR code in $screen: the code's first
# dark row starts with a finder pattern, 7 modules wide, then a light module.
# Lines with ░ are the ticket number's large font, not the code.
qr_scale() {
	_run=$(printf '%s\n' "$screen" | grep -v '░' | grep -m1 -o '[█▀▄]\+' |
	    head -n 1 | LC_ALL=C.UTF-8 wc -m)
	echo $(((_run - 1) / 7))
}
# wait_qr_scale_above N: polls the pane, as wait_for does, until the QR code on
# it is drawn at more than N columns a module (a resize redraws it a moment
# later); the last capture is in $screen, its scale in $scale, either way.
wait_qr_scale_above() {
	_i=0
	while [ $_i -lt "${WAIT_TENTHS:-200}" ]; do
		screen=$(pane 2>/dev/null)
		scale=$(qr_scale)
		[ "$scale" -gt "$1" ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
# Tests that read a QR code from the screen need both.
need_pane_qr() {
	[ -n "${ZBARIMG_BIN:-}" ] || skip_all "zbarimg is not installed"
	[ -x "$top_builddir/tests/pane2img" ] || skip_all "pane2img not built (libvterm missing)"
}
