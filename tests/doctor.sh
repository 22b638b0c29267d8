#!/bin/sh
# doctor.sh: jsdctl doctor checks the scanners the configuration names (a
# device there that this user can read and write; a frames folder that is a
# folder) and the free disk space beside a registry file, each finding saying
# what to do; any problem makes its exit status 1.
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

done_testing
