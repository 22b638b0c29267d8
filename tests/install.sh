#!/bin/sh
# install.sh: make install into a DESTDIR puts everything a station needs
# under the configured folders (programs, sample configuration, man pages,
# the unit, the udev example), and the installed jsdctl works from there on
# the installed sample configuration: its version, a registry made, the demo
# register listed. The installed man pages are clean mdoc.
. "$top_srcdir/tests/lib.sh"
D="$T/dest"

make -C "$top_builddir" install DESTDIR="$D" >"$T/install.log" 2>&1
ok $? "make install DESTDIR=..."
# installed NAME PATTERN: the one installed file named NAME whose path matches
# PATTERN (grep -E), in $f.
installed() {
	f=$(find "$D" -name "$1" -type f | grep -E -- "$2")
	like "$f" "^$D/" "$1 is installed under DESTDIR ($2)"
}
installed jsdctl '/bin/jsdctl$'
JSDCTL=$f
installed jsd-kiosk '/bin/jsd-kiosk$'
kiosk=$f
installed jsd.conf.sample '/etc/jsd-kiosk/jsd\.conf\.sample$'
conf=$f
installed jsdctl.1 '/man/man1/jsdctl\.1$'
installed jsd-kiosk.1 '/man/man1/jsd-kiosk\.1$'
installed jsd-kiosk.conf.5 '/man/man5/jsd-kiosk\.conf\.5$'
installed 'jsd-kiosk@.service' '/systemd/system/jsd-kiosk@\.service$'
unit=$f
installed 70-jsd-kiosk.rules '/doc/jsd-kiosk/examples/70-jsd-kiosk\.rules$'
like "$(grep '^ExecStart=' "$unit")" " ${kiosk#"$D"} --mode %i" \
    "the unit starts the jsd-kiosk installed beside it"

version=$(sed -n 's/^PACKAGE_VERSION = //p' "$top_builddir/Makefile")
ctl --version
is "$out" "jsdctl $version" "the installed jsdctl says its version"
ctl --config "$conf" init
ok $rc "the installed jsdctl makes a registry, reading the installed sample"
ctl --config "$conf" demo
ok $rc "and fills it with the demo register"
ctl --config "$conf" --json institutions
like "$out" '示例' "and lists its institutions"
is "$(printf '%s\n' "$out" | grep -c '"credit_code"')" 32 "all 32 of them"
"$kiosk" --version >"$T/kiosk.out" 2>&1
is "$?:$(cat "$T/kiosk.out")" "0:jsd-kiosk $version" "the installed jsd-kiosk runs"

if [ -n "${MANDOC_BIN:-}" ]; then
	out=$(find "$D" -path '*/man/man[15]/*' -type f -exec "$MANDOC_BIN" -T lint \
	    -W warning {} + 2>&1)
	is "$?:$out" "0:" "the installed man pages are clean mdoc"
fi

make -C "$top_builddir" uninstall DESTDIR="$D" >>"$T/install.log" 2>&1
ok $? "make uninstall"
is "$(find "$D" -type f)" "" "and nothing is left behind"

done_testing
