#!/bin/sh
# camera.sh: jsdctl scan --camera where there is no camera. The frame path itself
# is tested in unit-camera; here the errors a counter sees when the device is
# missing or is no camera, and the usage checks of the camera options.
. "$top_srcdir/tests/lib.sh"

ctl scan --camera /dev/video-none --timeout 1
is "$rc" 2 "camera: a missing device exits 2"
like "$err" "camera is not connected" "camera: the message says so"
like "$err" "/dev/video-none" "camera: and names the device"

ctl scan --camera /dev/null --timeout 1
is "$rc" 2 "camera: a device that is no camera exits 2"
like "$err" "not a camera" "camera: the message says so"

ctl scan --camera /dev/video-none --size 12x12
is "$rc" 2 "camera: a silly size is a usage error"
ctl scan --camera /dev/video-none --format rgb
is "$rc" 2 "camera: an unknown format is a usage error"
ctl scan --camera /dev/video-none --folder "$T"
is "$rc" 2 "scan: two sources at once is a usage error"

zh=$(JSD_LANG=zh_CN "$JSDCTL" scan --camera /dev/video-none --timeout 1 2>&1)
like "$zh" "摄像头未连接" "camera: the message is translated"

done_testing
