# stack.sh: the station's stack as the unit starts it, cage with foot with
# jsd-kiosk in it, on wlroots' headless output, and grim's screenshot of it
# checked against a tmux pane of the same kiosk (tests/shotcheck); for
# tests/station-stack.sh and bench/bench-stack.sh. Sourced; the caller sets
# JSD_KIOSK, JSDCTL, FAKETIME_BIN (tests/faketime.sh), FAKETIME_REAL and
# SHOTCHECK.
#
# Headless, cage 0.1.4 (Debian 12) must run with its output turned (-r -r).
# It shows the focused client's buffer directly on the output ("scan-out",
# which the headless output accepts for any buffer) and, when grim's copy
# stops that, repaints only the damage onto the frame it last composed, from
# when foot's window was still 700x500: the screenshot is that stale frame
# (cage's output.c, handle_output_damage_frame, adds no damage on "Stopping
# primary view scan out"). Its scan-out of foot's first 700x500 buffer on the
# 1280x720 output is also what wlroots 0.15 refuses with "Basic output test
# failed" (output_basic_test: "Direct scan-out buffer size mismatch"). cage
# does not scan out a surface whose transform differs from the output's, so
# on a turned output every frame is composed, and grim turns the picture back.
# On a screen (DRM) foot's shared-memory buffers cannot be scanned out, so the
# unit is not affected.
#
# The font is GNU Unifont (in CI for the ticket's font): a CJK font whose
# glyphs are bitmaps, so a cell's ink is the same in every run. foot's palette
# is libvterm's, which shotcheck expects.

stack_fonts=/usr/share/fonts/opentype/unifont
stack_clock='2026-11-30 02:00:00'	# 10:00 in Beijing

# stack_missing: what the stack needs and this machine lacks, or nothing.
stack_missing() {
	for _p in cage foot grim setpriv; do
		command -v $_p >/dev/null 2>&1 || { echo "$_p is not installed"; return; }
	done
	[ -x "$SHOTCHECK" ] || { echo "shotcheck not built (libvterm missing)"; return; }
	[ -e "$stack_fonts/unifont.otf" ] ||
	    echo "GNU Unifont (fonts-unifont) is not installed"
}

# cage refuses to run as root: root runs the stack as nobody. A prefix, not
# a function, so that a command started in the background is the process
# itself (its pid the compositor's).
stack_as_user=
[ "$(id -u)" -ne 0 ] ||
    stack_as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"

# stack_fonts_conf FOLDER NAME: $S/NAME/fonts.conf, by which fontconfig sees
# only the fonts in FOLDER.
stack_fonts_conf() {
	mkdir -p "$S/$2"
	printf '<?xml version="1.0"?>\n<fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>\n' \
	    "$1" "$S/$2/cache" >"$S/$2/fonts.conf"
	chmod 0700 "$S/$2"
}

# stack_setup: the stack's folder $S (new, mode 0700, the stack user's: a
# folder of root's may not be entered) with a demo registry (a SQLite file,
# whatever registry the caller uses), the kiosk's configuration, foot.ini and
# two font set-ups: cjk (Unifont) and tofu (Unifont Upper alone, the planes
# above the first: no Chinese and no Latin, every character the missing
# glyph's box). The kiosk and the faketime wrapper are copied in, since the
# stack's user may not enter the folders of the build (a clone in root's home).
stack_setup() {
	S=$(mktemp -d "${TMPDIR:-/tmp}/jsdstack.XXXXXX") || return 1
	cp "$JSD_KIOSK" "$S/jsd-kiosk" && cp "$FAKETIME_BIN" "$S/faketime.sh" ||
	    return 1
	printf 'idle_seconds = 90\n' >"$S/kiosk.conf"
	env -u JSD_KEY_FILE JSD_DB="$S/registry.db" "$JSDCTL" demo \
	    >/dev/null 2>&1 || return 1
	stack_fonts_conf "$stack_fonts" cjk
	mkdir "$S/no-cjk"
	ln -s "$stack_fonts/unifont_upper.otf" "$S/no-cjk/"
	stack_fonts_conf "$S/no-cjk" tofu
	{
		printf '[main]\nfont=Unifont:pixelsize=16\npad=0x0\n'
		"$SHOTCHECK" --foot-colors
	} >"$S/foot.ini"
	chmod 0700 "$S"
	[ "$(id -u)" -ne 0 ] || chown -R nobody:nogroup "$S"
}

# stack_kiosk DB: the kiosk's command line at the fixed clock, for foot and
# for a tmux pane alike.
stack_kiosk() {
	printf "env JSD_LANG=zh_CN JSD_DB='%s' FAKETIME_REAL='%s' \
DONT_FAKE_MONOTONIC=1 ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0 \
'%s' -f '%s' '%s' --mode kiosk --station kiosk-7 --config '%s'" \
	    "$1" "$FAKETIME_REAL" "$S/faketime.sh" "$stack_clock" "$S/jsd-kiosk" \
	    "$S/kiosk.conf"
}

# stack_start NAME: cage, foot and the kiosk, fontconfig as $S/NAME says;
# true once foot has its font (its log, with the compositor's, in
# $S/NAME/cage.log; the kiosk's standard error in $S/NAME/kiosk.err). The
# compositor's pid is $stack.
stack_start() {
	rm -f "$S/$1/cage.log"	# a log left by an earlier start is not this one's
	# In $S: the caller's folder may be closed to the stack's user.
	$stack_as_user env -i -C "$S" PATH=/usr/bin:/bin HOME="$S" XDG_RUNTIME_DIR="$S/$1" \
	    LANG=C.UTF-8 FONTCONFIG_FILE="$S/$1/fonts.conf" \
	    WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
	    cage -d -r -r -- foot -c "$S/foot.ini" sh -c \
	    "exec $(stack_kiosk "$S/registry.db") 2>'$S/$1/kiosk.err'" \
	    >"$S/$1/cage.log" 2>&1 &
	stack=$!
	_i=0
	while ! grep -qs 'cell width=' "$S/$1/cage.log" && [ $_i -lt 200 ] &&
	    kill -0 $stack 2>/dev/null; do
		sleep 0.1
		_i=$((_i + 1))
	done
	grep -qs 'cell width=' "$S/$1/cage.log"
}
# stack_tree: the compositor and its descendants, "pid name kB" a line, the
# kB resident (VmRSS).
stack_tree() {
	ps -e -o pid=,ppid=,comm=,rss= | awk -v root="$stack" '
	    { ppid[$1] = $2; name[$1] = $3; kb[$1] = $4 }
	    END { for (p in ppid) { q = p
		while (q != "" && q != root && q > 1) q = ppid[q]
		if (q == root) print p, name[p], kb[p] } }'
}
# stack_stop: foot ended, and cage with it, as when its one client exits
# (cage asserts in libwayland on SIGTERM, some of the time, and leaves its
# client and sockets behind); what is left after 5 s is killed.
stack_stop() {
	[ -n "$stack" ] || return 0
	_pids=$(stack_tree | awk '{ print $1 }')
	kill $(stack_tree | awk '$2 == "foot" { print $1 }') 2>/dev/null ||
	    kill $stack 2>/dev/null || :
	_i=0
	while [ $_i -lt 50 ] && stack_any_alive $_pids; do
		sleep 0.1
		_i=$((_i + 1))
	done
	kill -9 $_pids 2>/dev/null || :
	wait $stack 2>/dev/null || :
	stack=
}
stack_any_alive() {
	for _p in "$@"; do
		! kill -0 "$_p" 2>/dev/null || return 0
	done
	return 1
}

# stack_shot NAME: grim's screenshot of the stack, $S/NAME/shot.png.
stack_shot() {
	$stack_as_user env -C "$S" XDG_RUNTIME_DIR="$S/$1" WAYLAND_DISPLAY=wayland-0 \
	    grim "$S/$1/shot.png" 2>/dev/null
}

# stack_grid NAME: foot's cell ("W H", in $cell, $cell_w, $cell_h, from its
# log) and the grid that fills the output ($cols x $rows: foot's padding is 0;
# the output's size from a screenshot's PNG header).
stack_grid() {
	cell=$(sed -n 's/.*cell width=\([0-9]*\), height=\([0-9]*\).*/\1 \2/p' \
	    "$S/$1/cage.log" | tail -n 1)
	cell_w=${cell% *}
	cell_h=${cell#* }
	stack_shot "$1" || return 1
	set -- $(od -An -tu1 -j16 -N8 "$S/$1/shot.png")
	cols=$(((($1 << 24) + ($2 << 16) + ($3 << 8) + $4) / cell_w))
	rows=$(((($5 << 24) + ($6 << 16) + ($7 << 8) + $8) / cell_h))
}

# stack_check NAME PANE: the screenshot against PANE (capture-pane -p -e -N of
# $cols x $rows), taken again until the screen's layout matches (backgrounds,
# and ink where the pane has characters) or for 20 s: the kiosk draws a
# moment after its start, and again when cage gives foot the whole output.
# The last counts are in $S/NAME/check either way. A benchmark polls faster
# ($stack_poll seconds between tries, $stack_tries tries).
stack_check() {
	_i=0
	while [ $_i -lt "${stack_tries:-40}" ]; do
		stack_shot "$1" && "$SHOTCHECK" "$cols" "$rows" "$cell_w" "$cell_h" \
		    "$2" "$S/$1/shot.png" >"$S/$1/check" 2>"$S/$1/check.err" &&
		    stack_layout_matches "$1" && return 0
		sleep "${stack_poll:-0.5}"
		_i=$((_i + 1))
	done
	return 1
}
# stack_count NAME WHAT: one of shotcheck's counts.
stack_count() { sed -n "s/^$2 //p" "$S/$1/check"; }
stack_layout_matches() {
	[ "$(stack_count "$1" bg_wrong)" = 0 ] &&
	    [ "$(stack_count "$1" ink_missing)" = 0 ] &&
	    [ "$(stack_count "$1" ink_stray)" = 0 ]
}
