#!/bin/sh
# folder.sh: frames dropped into a watched folder, read by jsdctl scan --folder.
# Frames arrive the ways a capture program writes them: written elsewhere and
# moved in, written under a dot-name and renamed, and written in place. The same
# code twice in a row is one scan; an empty frame and a file that is no image
# make none, and the source goes on after them.
. "$top_srcdir/tests/lib.sh"

MKQR="$top_builddir/tests/mkqr"
mkdir "$T/frames" "$T/gone"

"$JSDCTL" scan --folder "$T/frames" --count 3 --timeout 20 >"$T/out" 2>"$T/err" &
pid=$!
sleep 1
"$MKQR" FRAME-A "$T/a.png" && mv "$T/a.png" "$T/frames/f1.png"
sleep 0.2
"$MKQR" FRAME-A "$T/frames/.f2.png" && mv "$T/frames/.f2.png" "$T/frames/f2.png"
sleep 0.2
"$MKQR" --blank "$T/frames/f3.png"
sleep 0.2
echo "not an image" >"$T/frames/junk.png"
sleep 0.2
"$MKQR" FRAME-B "$T/frames/f4.png"
sleep 0.2
"$MKQR" "$(printf 'E\033[2JX')" "$T/frames/f5.png"
wait $pid && rc=0 || rc=$?

is "$rc" 0 "folder: exit 0 after --count scans"
is "$(cat "$T/out")" "folder QRCode FRAME-A
folder QRCode FRAME-B
folder QRCode E\\x1B[2JX" "folder: moved-in and written frames, same code once, escape shown escaped"
like "$(cat "$T/err")" "not a PNG, JPEG or PGM" "folder: a file that is no image is a warning"

"$JSDCTL" scan --folder "$T/gone" --timeout 20 >"$T/out2" 2>"$T/err2" &
pid=$!
sleep 1
rmdir "$T/gone"
wait $pid && rc=0 || rc=$?
is "$rc" 2 "folder: the watched folder removed is a device error"
like "$(cat "$T/err2")" "removed or moved" "folder: and says so"

ctl scan --folder "$T/none" --timeout 1
is "$rc" 2 "folder: a missing folder exits 2"
like "$err" "does not exist" "folder: missing folder message"

"$MKQR" "FILE-1" "$T/one.png"
ctl scan --file "$T/one.png"
is "$rc" 0 "file: a QR image is read"
is "$out" "file QRCode FILE-1" "file: one line for its code"
"$MKQR" --blank "$T/blank.png"
ctl scan --file "$T/blank.png"
is "$rc" 1 "file: an image without a code exits 1"
ctl scan --file "$T/none.png"
is "$rc" 2 "file: a missing file fails to open (exit 2)"
like "$err" "cannot be read" "file: and says so"

done_testing
