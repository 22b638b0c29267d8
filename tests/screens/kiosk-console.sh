#!/bin/sh
# kiosk-console.sh: on the Linux console (TERM=linux), whose font has no
# Chinese, jsd-kiosk says so in English, whatever the language asked for, and
# exits instead of drawing garbage; it opens no registry on the way.
. "$top_srcdir/tests/screen.sh"
need_kiosk
infocmp linux >/dev/null 2>&1 || skip_all "no terminfo entry for linux"

# console LANG MODE: jsd-kiosk on TERM=linux in a fresh session, its standard
# error on the pane as on a real console; its exit status in $T/rc.
console() {
	[ -z "$ses" ] || tm kill-session -t "$ses"
	ses=$2
	rm -f "$T/rc"
	tm -f /dev/null new-session -d -s "$ses" -x 80 -y 24 \
	    "env TERM=linux LANG=C.UTF-8 LC_ALL=C.UTF-8 JSD_LANG=$1 \
	    JSD_DB='$JSD_DB' '$JSD_KIOSK' --mode $2 --config /dev/null; \
	    echo \$? >'$T/rc'; sleep 60"
}

console zh_CN kiosk
wait_for 'cannot show Chinese'
ok $? "the kiosk on TERM=linux says the screen cannot show Chinese"
said=$(tm capture-pane -p -J -t "$ses")
like "$said" 'jsd-kiosk@kiosk service .*jsd-kiosk-station package' \
    "and names the service and the package that can"
unlike "$said" '此屏幕' "in English, although Chinese was asked for"
is "$(exit_status)" 2 "and exits with status 2"
ok "$([ ! -e "$JSD_DB" ]; echo $?)" "no registry file was created"

console en counter
wait_for 'cannot show Chinese'
ok $? "the counter refuses the console too"
is "$(exit_status)" 2 "with status 2"
unlike "$(pane)" "runtime error|AddressSanitizer" "no sanitizer report"

done_testing
