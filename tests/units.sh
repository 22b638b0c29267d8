#!/bin/sh
# units.sh: systemd-analyze verify passes on the station unit, for each mode
# (jsd-kiosk@kiosk, @counter, @supervisor), starting the jsd-kiosk just built.
# verify needs the programs a unit starts: cage, the compositor, is the first.
. "$top_srcdir/tests/lib.sh"
[ -n "${SYSTEMD_ANALYZE_BIN:-}" ] || skip_all "systemd-analyze is not installed"
cage=$(sed -n 's/^ExecStart=\([^ ]*\) .*/\1/p' "$top_srcdir/system/jsd-kiosk@.service.in")
[ -x "$cage" ] || skip_all "cage, which the unit starts, is not installed"

unit="$top_builddir/system/jsd-kiosk@.service"
like "$(grep '^ExecStart=' "$unit")" ' /[^ ]+/bin/jsd-kiosk --mode %i$' \
    "the unit starts the installed jsd-kiosk in the instance's mode"
mkdir "$T/units"
for mode in kiosk counter supervisor; do
	sed "s| /[^ ]*/bin/jsd-kiosk | $top_builddir/jsd-kiosk |" "$unit" \
	    >"$T/units/jsd-kiosk@$mode.service"
	out=$(cd "$T/units" && "$SYSTEMD_ANALYZE_BIN" verify --man=no \
	    "jsd-kiosk@$mode.service" 2>&1)
	is "$?:$out" "0:" "systemd-analyze verify jsd-kiosk@$mode.service"
done

done_testing
