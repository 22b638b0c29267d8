#!/bin/sh
# pane2img.sh: the screen's QR reader can fail. QR codes written as a terminal
# receives them (tests/qrsgr), replayed through tests/pane2img on a dark
# terminal and given to zbarimg: dark on light with a quiet zone reads; without
# a quiet zone, in dark grey on black, or in the terminal's own light-on-dark
# colours, nothing reads, as a phone camera would not read them either.
. "$top_srcdir/tests/lib.sh"

PANE2IMG="$top_builddir/tests/pane2img"
QRSGR="$top_builddir/tests/qrsgr"
[ -n "${ZBARIMG_BIN:-}" ] || skip_all "zbarimg is not installed"
[ -x "$PANE2IMG" ] || skip_all "pane2img not built (libvterm missing)"
text=JSD-PANE-0123456789

# read_as QUIET SGR: what zbarimg reads from the code drawn that way.
read_as() {
	"$QRSGR" "$text" "$1" "$2" >"$T/q.txt" &&
	    "$PANE2IMG" 80 24 "$T/q.txt" "$T/q.pgm" &&
	    "$ZBARIMG_BIN" -q --raw "$T/q.pgm" 2>/dev/null
}

is "$(read_as 4 '30;107')" "$text" "black on bright white, 4 modules of quiet zone: read"
is "$(read_as 2 '30;47')" "$text" "black on white, the 2 modules qrview draws at least: read"
is "$(read_as 4 7)" "$text" "reverse video, as on a monochrome terminal: read"
is "$(read_as 0 '30;107')" "" "no quiet zone: not read, pane2img adds no margin"
is "$(read_as 4 '90;40')" "" "dark grey on black: not read"
is "$(read_as 4 0)" "" "the terminal's light-on-dark defaults: not read"
is "$(read_as 4 '30;49')" "" "black on the default (black) background: not read"

done_testing
