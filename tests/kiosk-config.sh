#!/bin/sh
# kiosk-config.sh: jsd-kiosk refuses a camera_size, camera_format or
# serial_speed it cannot take, naming the key, before it opens the registry or
# the terminal: a camera asked for a size it never gets would read nothing.
. "$top_srcdir/tests/lib.sh"
[ -x "$JSD_KIOSK" ] || skip_all "jsd-kiosk not built"

# refused KEY VALUE [SAID]: jsd-kiosk with "KEY = VALUE" and a camera
# configured stops, saying SAID (a value this key does not take) of KEY.
refused() {
	printf 'camera = %s/no-camera\n%s = %s\n' "$T" "$1" "$2" >"$T/k.conf"
	TERM=xterm "$JSD_KIOSK" --config "$T/k.conf" </dev/null >"$T/k.out" 2>&1
	is "$?" 2 "$1 = $2 stops jsd-kiosk"
	like "$(cat "$T/k.out")" "${3:-not one this key takes}.*\\($1\\)\$" "naming $1"
}
refused camera_size 1280
refused camera_size 8x8
refused camera_size 640x480x
refused camera_format h264
refused serial_speed 300 'not a valid number'
ok "$([ ! -e "$JSD_DB" ] || [ "$JSD_TEST_BACKEND" = pg ]; echo $?)" \
    "and no registry was made"

done_testing
