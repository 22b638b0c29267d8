# layers.sh: the layers are enforced by the build. Each part of the tree is
# compiled with the include paths its target gets (Makefile.am), so a header
# from a layer it must not know does not resolve, and one it may use does.
. "$top_srcdir/tests/lib.sh"

: "${LAYER_CC:?run through make check}"

# compiles LAYER_FLAGS HEADER: 0 when a file including HEADER compiles
compiles() {
	printf '#include "config.h"\n#include "%s"\n' "$2" > "$T/probe.c"
	# The flags are a make variable's words: split them on purpose.
	# shellcheck disable=SC2086
	$LAYER_CC $1 -fsyntax-only "$T/probe.c" 2>/dev/null
}

may() {	# may LAYER FLAGS HEADER
	compiles "$2" "$3"
	ok $? "$1 may include $3"
}

must_not() {	# must_not LAYER FLAGS HEADER
	if compiles "$2" "$3"; then ok 1 "$1 cannot include $3"; else ok 0 "$1 cannot include $3"; fi
}

may core "$LAYER_CORE" reg.h
must_not core "$LAYER_CORE" tty.h
must_not core "$LAYER_CORE" widget.h
must_not core "$LAYER_CORE" tui/tty.h
must_not core "$LAYER_CORE" frame.h
must_not core "$LAYER_CORE" ctl.h
must_not core "$LAYER_CORE" scan.h
must_not core "$LAYER_CORE" kiosk/scan/scan.h

may tui "$LAYER_TUI" widget.h
may tui "$LAYER_TUI" utf8.h
must_not tui "$LAYER_TUI" reg.h
must_not tui "$LAYER_TUI" cert.h
must_not tui "$LAYER_TUI" core/cert.h
must_not tui "$LAYER_TUI" frame.h

may scan "$LAYER_SCAN" scan.h
must_not scan "$LAYER_SCAN" tty.h
must_not scan "$LAYER_SCAN" frame.h
must_not scan "$LAYER_SCAN" ctl.h

may ctl "$LAYER_CTL" ctl.h
must_not ctl "$LAYER_CTL" tty.h
must_not ctl "$LAYER_CTL" frame.h
must_not ctl "$LAYER_CTL" kiosk.h

may print "$LAYER_PRINT" printer.h
may print "$LAYER_PRINT" escpos.h
must_not print "$LAYER_PRINT" tty.h
must_not print "$LAYER_PRINT" frame.h
must_not print "$LAYER_PRINT" kiosk.h
must_not core "$LAYER_CORE" printer.h

may screens "$LAYER_KIOSK" print-ticket.h
may screens "$LAYER_KIOSK" counter.h
must_not screens "$LAYER_KIOSK" ctl.h

done_testing
