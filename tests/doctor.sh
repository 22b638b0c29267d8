#!/bin/sh
# doctor.sh: jsdctl doctor checks the configuration's values (each parsed as
# the program that reads it does), the clock (NTP synchronised, Shanghai's
# time zone; JSD_DOCTOR_SKIP=clock leaves it out, as a container's clock is
# never synchronised), the scanners the configuration names (a device there
# that this user can read and write; a frames folder that is a folder), the
# remote services it names (they answer, TLS valid) and the free disk space
# beside a registry file, each finding saying what to do; any problem makes
# its exit status 1. It also checks the station id (set, valid), the admin
# PIN (digits, not the manual's example), the folders of the registry and of
# the checkpoint file and the printer's paths, and it runs when the
# configuration's lang names no language or the registry cannot be opened,
# reporting that among its findings.
. "$top_srcdir/tests/lib.sh"
export JSD_DOCTOR_SKIP=clock

# A fresh install: no registry yet. doctor says how to make it, and makes
# none (run as root, it would make one the stations could not open).
ctl --db "$T/fresh/registry.db" doctor
is "$rc" 1 "no registry yet: exit status 1"
like "$out" "^PROBLEM +There is no registry here yet: make it with jsdctl init .*\\($T/fresh/registry\\.db\\)\$" \
    "saying how to make it"
test ! -e "$T/fresh"
ok $? "and making none"

ctl init
ok $rc "a registry"
# A registry on a server has no checkpoint file unless one is set.
if [ "$JSD_TEST_BACKEND" != pg ]; then
	ctl log checkpoint
	ok $rc "and its first checkpoint"
fi

printf 'camera = /dev/null\nframes_dir = %s\nstation = hall1-kiosk-03\n' "$T" \
    >"$T/good.conf"
ctl --config "$T/good.conf" doctor
like "$out" '^ok +The scanner device can be opened by this user \(camera = /dev/null\)$' \
    "a camera device that can be opened is ok"
like "$out" "^ok +.*\\(frames_dir = $T\\)\$" "so is a frames folder"
if [ "$JSD_TEST_BACKEND" = pg ]; then
	unlike "$out" 'free space' "no disk check for a registry on a server"
else
	like "$out" "^ok +Free space beside the registry \\($T: [0-9]+ MiB\\)\$" \
	    "the free space beside the registry is said"
	is "$rc" 0 "nothing is wrong"
fi

printf 'serial = %s/no-such-tty\ncamera = %s\nframes_dir = %s\n' "$T" \
    "$T/good.conf" "$T/good.conf" >"$T/bad.conf"
ctl --config "$T/bad.conf" doctor
is "$rc" 1 "a missing or wrong device: exit status 1"
like "$out" "^PROBLEM +The configured scanner device or folder does not exist: plug the device in.*\\(serial = $T/no-such-tty\\)\$" \
    "a serial device that is not there, with what to do"
like "$out" "^PROBLEM +The configured scanner is not a device file.*\\(camera = $T/good.conf\\)\$" \
    "a camera that is a plain file"
like "$out" "^PROBLEM +The configured frames folder is not a folder \\(frames_dir = $T/good.conf\\)\$" \
    "a frames folder that is a file"

# --- the configuration's values ---
like "$out" '^ok +Every configuration value is one its key takes$' \
    "values that parse are ok"
printf '%s\n' 'idle_seconds = 0' 'admin_key = 13' 'http_timeout_ms = fast' \
    'camera_size = 640by480' 'camera_format = h264' 'matters = tax,Bank!' \
    'lang = fr' 'serial_speed = 9600' 'printer_dots = 384' >"$T/values.conf"
ctl --config "$T/values.conf" doctor
is "$rc" 1 "a value its key does not take: exit status 1"
for kv in 'idle_seconds = 0' 'admin_key = 13' 'http_timeout_ms = fast'; do
	like "$out" "^PROBLEM +The configuration value is not a valid number \\($kv\\)\$" \
	    "a number out of range or not a number: $kv"
done
like "$out" "^PROBLEM +The configuration value is not one this key takes.*\\(camera_size = 640by480\\)\$" \
    "a camera size that is not WxH"
like "$out" "^PROBLEM +.*\\(camera_format = h264\\)\$" "a pixel format the camera source does not take"
like "$out" "^PROBLEM +The matter code is not recognised \\(matters = tax,Bank!\\)\$" \
    "a matter code that is not one"
like "$out" "^PROBLEM +The language is zh_CN or en \\(lang = fr\\)\$" "a language there is none of"
unlike "$out" "serial_speed|printer_dots" "values in range are not reported"
printf 'idle_seconds = 9\033]0;x\n' >"$T/esc.conf"
ctl --config "$T/esc.conf" doctor
like "$out" "^PROBLEM .*\\(idle_seconds = 9" "a value with an escape sequence is reported"
unlike "$out" "$(printf '\033')" "the escape sequence never reaching the terminal"

# --- the station id, the admin PIN, the paths ---
ctl --config "$T/good.conf" doctor
like "$out" '^ok +The station id is set \(station = hall1-kiosk-03\)$' \
    "a station id set in the configuration is ok"
like "$out" '^ok +No admin_pin: kiosk mode cannot be left' "no admin PIN is said, not a problem"
ctl doctor
is "$rc" 1 "no station id set: exit status 1"
like "$out" '^PROBLEM +No station id is set, so events name this host' \
    "saying the log then names the host"
for pin in 000000 270514; do
	printf 'station = k1\nadmin_pin = %s\n' "$pin" >"$T/pin.conf"
	ctl --config "$T/pin.conf" doctor
	like "$out" '^PROBLEM +The admin PIN \(admin_pin\) is the example' \
	    "the example PIN $pin is a problem"
	unlike "$out" "$pin" "and the PIN is not printed"
done
for pin in 123 12a456 12345678901234567 ''; do
	printf 'station = k1\nadmin_pin = %s\n' "$pin" >"$T/pin.conf"
	ctl --config "$T/pin.conf" doctor
	like "$out" '^PROBLEM +The admin PIN \(admin_pin\) must be 4 to 16 digits$' \
	    "a PIN that is not 4 to 16 digits is a problem: '$pin'"
done
printf 'station = k1\nadmin_pin = 482913\n' >"$T/pin.conf"
ctl --config "$T/pin.conf" doctor
like "$out" '^ok +The admin PIN is well-formed$' "a PIN of 6 digits is ok"
: >"$T/printer"
printf 'station = k1\nprinter = %s\nprinter_font = %s\ncheckpoint_file = %s\n' \
    "$T/printer" "$T/no.hex" "$T/nodir/cp" >"$T/paths.conf"
ctl --config "$T/paths.conf" doctor
is "$rc" 1 "paths that do not exist: exit status 1"
like "$out" "^ok +This user can write to the receipt printer \\(printer = $T/printer\\)\$" \
    "a printer (a file standing in) this user can write is ok"
like "$out" "^PROBLEM +The configured path does not exist.*\\(printer_font = $T/no.hex\\)\$" \
    "a font that is not there is a problem"
like "$out" "^PROBLEM +The configured path does not exist.*\\(checkpoint_file = $T/nodir\\)\$" \
    "so is a checkpoint file's folder that is not there"
if [ "$JSD_TEST_BACKEND" != pg ]; then
	like "$out" "^ok +This user can write in the registry's folder \\(db = $T\\)\$" \
	    "the registry's folder is writable"
fi
if [ "$(id -u)" != 0 ]; then
	mkdir "$T/ro" && : >"$T/ro/cp" && chmod 500 "$T/ro"
	printf 'station = k1\ncheckpoint_file = %s\n' "$T/ro/cp" >"$T/ro.conf"
	ctl --config "$T/ro.conf" doctor
	like "$out" "^PROBLEM +This user cannot write in the checkpoint file's folder" \
	    "a checkpoint folder this user cannot write is a problem"
	chmod 700 "$T/ro"
else
	diag "run as root, who may write anywhere: folders this user cannot write are not tried"
fi

# --- what stops the other commands does not stop doctor ---
printf 'station = k1\nlang = fr\n' >"$T/lang.conf"
out=$(env -u JSD_LANG "$JSDCTL" --config "$T/lang.conf" init 2>&1)
is "$?" 1 "a lang that names no language: init refuses"
out=$(env -u JSD_LANG TERM=xterm-256color LANG=C.UTF-8 "$JSD_KIOSK" \
    --config "$T/lang.conf" </dev/null 2>&1)
is "$?" 2 "so does jsd-kiosk"
like "$out" "zh_CN.*en.*lang.conf" "naming the configuration file"
out=$(env -u JSD_LANG "$JSDCTL" --config "$T/lang.conf" doctor 2>&1)
is "$?" 1 "doctor runs, exit status 1"
like "$out" "\\(lang = fr\\)" "reporting the lang among its findings"
like "$out" "(ok|PROBLEM|问题|正常) +.*\\(station = k1\\)" "and goes on to the other checks"
ctl --station 'bad/name' doctor
is "$rc" 1 "a station id the registry does not take: exit status 1"
like "$out" '^PROBLEM +A station ID may use.*\(station = bad/name\)$' "said as a finding"
like "$out" '^PROBLEM +The registry cannot be opened' "with the registry it stops from opening"
like "$out" '(Free space|no checkpoint|signing key)' "and the other checks made"

# --- the clock ---
JSD_DOCTOR_SKIP= TZ=Asia/Shanghai ctl doctor
like "$out" '^ok +The time zone is Shanghai.s \(TZ = Asia/Shanghai\)$' \
    "Shanghai's time zone is ok"
like "$out" '^(ok +The clock is kept right by NTP|PROBLEM +The clock is not synchronised by NTP.*)$' \
    "whether NTP keeps the clock right is said"
JSD_DOCTOR_SKIP= TZ=Europe/Berlin ctl doctor
is "$rc" 1 "another time zone: exit status 1"
like "$out" '^PROBLEM +The time zone is not Asia/Shanghai.*\(TZ = Europe/Berlin\)$' \
    "naming the zone"
JSD_DOCTOR_SKIP=disk,clock TZ=Europe/Berlin ctl doctor
like "$out" '^ok +The clock is not checked \(JSD_DOCTOR_SKIP names it\)$' \
    "JSD_DOCTOR_SKIP=clock leaves the clock out"
unlike "$out" 'time zone' "and the time zone with it"

# --- the remote services ---
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
identity_platform 张晓华 110118198312055029
port=$(cat "$T/port")
printf 'identity_url = http://127.0.0.1:%s/identity\n' "$port" >"$T/up.conf"
ctl --config "$T/up.conf" doctor
like "$out" "^ok +The service answers, its TLS certificate valid \\(identity_url = http://127.0.0.1:$port/identity, HTTP [0-9]+\\)\$" \
    "a service that answers is ok"
printf 'identity_url = https://127.0.0.1:%s/identity\nsms_url = http://127.0.0.1:1/sms\n' \
    "$port" >"$T/down.conf"
ctl --config "$T/down.conf" doctor
is "$rc" 1 "services that cannot be used: exit status 1"
like "$out" "^PROBLEM +Cannot set up a secure connection.*\\(identity_url = https://127.0.0.1:$port/identity: " \
    "TLS that fails is a problem"
like "$out" "^PROBLEM +Cannot reach .*\\(sms_url = http://127.0.0.1:1/sms: " \
    "so is a service that is not there"

done_testing
