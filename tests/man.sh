#!/bin/sh
# man.sh: the manual pages are clean mdoc (mandoc's lint, warnings and up),
# and they keep up with the programs: every key the configuration reader
# knows (core/cfg.c) is in jsd-kiosk.conf(5) and the sample configuration and
# no other; every jsdctl command is an entry of jsdctl(1), with each option its
# --help names; every jsd-kiosk option is in jsd-kiosk(1).
. "$top_srcdir/tests/lib.sh"
[ -n "${MANDOC_BIN:-}" ] || skip_all "mandoc is not installed"
M="$top_srcdir/man"

for page in jsd-kiosk.1 jsdctl.1 jsd-kiosk.conf.5; do
	out=$("$MANDOC_BIN" -T lint -W warning "$M/$page" 2>&1)
	rc=$?
	is "$rc:$out" "0:" "$page: mandoc -T lint finds nothing"
done

# The configuration reader's keys, from its table.
sed -n '/cfg_known_keys\[\] = {/,/NULL/s/^[[:space:]]*"\([a-z_]*\)".*/\1/p' \
    "$top_srcdir/core/cfg.c" | sort >"$T/keys.code"
sed -n 's/^\.It Cm \([a-z_]*\) No = .*/\1/p' "$M/jsd-kiosk.conf.5" |
    sort >"$T/keys.page"
sed -n 's/^#\([a-z_]*\) = .*/\1/p' "$top_srcdir/assets/jsd.conf.sample" |
    sort -u >"$T/keys.sample"
ok "$([ "$(wc -l <"$T/keys.code")" -gt 10 ]; echo $?)" "the reader's keys are found"
is "$(diff "$T/keys.code" "$T/keys.page")" "" \
    "jsd-kiosk.conf(5) describes exactly the reader's keys"
is "$(diff "$T/keys.code" "$T/keys.sample")" "" \
    "the sample configuration lists exactly the reader's keys"

# jsdctl's command table, as its --help lists it.
"$JSDCTL" --lang en --help | sed -n '/^commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p' |
    sort >"$T/cmds.code"
sed -n 's/^\.It Cm \([a-z-]*\).*/\1/p' "$M/jsdctl.1" | sort -u >"$T/cmds.page"
ok "$([ "$(wc -l <"$T/cmds.code")" -gt 20 ]; echo $?)" "jsdctl's commands are found"
is "$(diff "$T/cmds.code" "$T/cmds.page")" "" \
    "jsdctl(1) has an entry for exactly jsdctl's commands"

# entry CMD: the page's entries for CMD, up to the next command's.
entry() {
	awk -v c="$1" '/^\.It Cm [a-z-]+/ { split($0, w, " "); on = w[3] == c }
	    on' "$M/jsdctl.1"
}
# options TEXT: the long options named in a usage text, one a line.
options() { printf '%s\n' "$1" | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u; }
missing=
for cmd in $(cat "$T/cmds.code"); do
	text=$(entry "$cmd")
	for opt in $(options "$("$JSDCTL" --lang en "$cmd" --help 2>&1)"); do
		printf '%s\n' "$text" | grep -q -- "Fl -${opt#--}\\b" ||
		    missing="$missing $cmd$opt"
	done
done
is "$missing" "" "each command's entry names every option its --help does"

missing=
for opt in $(options "$("$JSD_KIOSK" --help)"); do
	grep -q -- "^\.It Fl -${opt#--}\\b" "$M/jsd-kiosk.1" || missing="$missing $opt"
done
is "$missing" "" "jsd-kiosk(1) describes every option of jsd-kiosk --help"
missing=
for opt in $(options "$("$JSDCTL" --lang en --help)"); do
	grep -q -- "Fl -${opt#--}\\b" "$M/jsdctl.1" || missing="$missing $opt"
done
is "$missing" "" "jsdctl(1) names every option jsdctl --help does"

done_testing
