#!/bin/sh
# station-stack.sh: the station's whole stack as the unit starts it, cage with
# foot with jsd-kiosk in it, on wlroots' headless output (tests/stack.sh),
# shows the kiosk's start screen: grim's screenshot is checked cell by cell
# (tests/shotcheck) against the pane of the same kiosk, same size, same
# clock, in tmux. Each cell's background is the colour the pane says, ink is
# where the pane has a character and nowhere else, and distinct Chinese
# characters draw distinct pictures, which a missing CJK font (every
# character the same box) does not: the same stack without one is shown to
# fail the check. No mismatch is allowed: Unifont's glyphs are bitmaps, drawn
# without antialiasing, so no ink strays into a neighbouring cell.
#
# The kiosk's registry is a SQLite file of the stack's own on either backend:
# the stack does not depend on where the registry is.
. "$top_srcdir/tests/screen.sh"
. "$top_srcdir/tests/stack.sh"
need_kiosk
need_faketime
SHOTCHECK="$top_builddir/tests/shotcheck"
why=$(stack_missing)
[ -z "$why" ] || skip_all "$why"

stack_setup
ok $? "the stack's folder, with a demo registry"
cleanup_hooks="$cleanup_hooks rm -rf '$S';"
for _f in registry.db registry.db.key registry.db.checkpoints; do
	cp "$S/$_f" "$T/pane-$_f"
done

stack_start cjk ||
    skip_all "the headless compositor cannot start: $(grep -v drmGetDevices2 "$S/cjk/cage.log" | grep -m1 -iE 'error|refus|fail')"
cleanup_hooks="stack_stop; $cleanup_hooks"
stack_grid cjk
ok $? "grim takes a screenshot"
is "$cell" "8 16" "foot draws Unifont's 8x16 cells"
is "$cols x $rows" "160 x 45" "on cage's 1280x720 output: 160 columns, 45 rows"

# The same kiosk in tmux, same size, same registry, same clock.
ses=pane
tm -f /dev/null new-session -d -s "$ses" -x "$cols" -y "$rows" \
    "LANG=C.UTF-8 LC_ALL=C.UTF-8 $(stack_kiosk "$T/pane-registry.db") \
    2>>'$T/stderr.kiosk'; sleep 60"
wait_for '请按任意键开始'
ok $? "the kiosk's start screen in tmux"
like "$screen" 'kiosk-7 +10:00' "at the fixed clock"
tm capture-pane -p -e -N -t "$ses" >"$T/pane.sgr"

stack_check cjk "$T/pane.sgr"
diag "$(tr '\n' ' ' <"$S/cjk/check")"
sed 's/^/# /' "$S/cjk/check.err"
is "$(stack_count cjk bg_wrong)" 0 \
    "cage + foot show the kiosk's start screen: each cell's background is the pane's"
is "$(stack_count cjk ink_missing)/$(stack_count cjk ink_stray)" 0/0 \
    "ink exactly where the pane has a character"
kinds=$(stack_count cjk wide_kinds)
ok "$([ "${kinds:-0}" -ge 20 ]; echo $?)" "the screen has Chinese ($kinds distinct characters)"
is "$(stack_count cjk wide_pictures)" "$kinds" "each draws its own glyph"
unlike "$(cat "$S/cjk/cage.log")" 'Basic output test failed' \
    "the compositor commits every frame"
unlike "$(cat "$S/cjk/kiosk.err")" "runtime error|AddressSanitizer" \
    "no sanitizer report from the kiosk in foot"
stack_stop

# No CJK font: every character is the same box, which has ink too.
stack_start tofu
ok $? "the stack starts with a font that has no Chinese"
stack_check tofu "$T/pane.sgr"
ok $? "the same layout: the boxes have ink too"
diag "$(tr '\n' ' ' <"$S/tofu/check")"
ok "$([ "$(stack_count tofu wide_pictures)" -lt "$(stack_count tofu wide_kinds)" ]; echo $?)" \
    "but distinct Chinese characters draw the same picture: the check fails"
stack_stop

done_testing
