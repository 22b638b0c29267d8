#!/bin/sh
# doctor.sh: jsdctl doctor checks the scanners the configuration names (a
# device there that this user can read and write; a frames folder that is a
# folder), the remote services it names (they answer, TLS valid) and the free
# disk space beside a registry file, each finding saying what to do; any
# problem makes its exit status 1.
. "$top_srcdir/tests/lib.sh"

ctl init
ok $rc "a registry"
# A registry on a server has no checkpoint file unless one is set.
if [ "$JSD_TEST_BACKEND" != pg ]; then
	ctl log checkpoint
	ok $rc "and its first checkpoint"
fi

printf 'camera = /dev/null\nframes_dir = %s\n' "$T" >"$T/good.conf"
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
