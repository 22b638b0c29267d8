#!/bin/sh
# serial.sh: a serial scanner on a pseudo-terminal, read by jsdctl scan --serial.
# Python's pty module plays the scanner: lines end in CRLF, LF or a CR whose LF
# comes in a later write, one line is split across writes, one is too long, one
# carries an escape sequence and a NUL; then the scanner is unplugged.
. "$top_srcdir/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "python3 not found"

# scanner OUT ARGS UNPLUG WRITE...: runs jsdctl scan on a fresh pty with the extra
# ARGS (one word list), writes each WRITE (a Python bytes expression) 0.3 s apart,
# then closes the pty if UNPLUG is "yes"; stdout, stderr and status go to OUT.*.
scanner() {
	python3 - "$JSDCTL" "$@" <<'PY'
import os, pty, subprocess, sys, time, tty
jsdctl, outp, args, unplug = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4]
writes = [eval(w, {"__builtins__": {}}) for w in sys.argv[5:]]
m, s = pty.openpty()
tty.setraw(s)	# bytes written before jsdctl sets the line up are not cooked
with open(outp + ".out", "wb") as out, open(outp + ".err", "wb") as err:
	p = subprocess.Popen([jsdctl, "scan", "--serial", os.ttyname(s)] + args,
	    stdout=out, stderr=err)
	time.sleep(0.5)
	for w in writes:
		os.write(m, w)
		time.sleep(0.3)
	if unplug == "yes":
		os.close(m)
		os.close(s)
	rc = p.wait(timeout=30)
with open(outp + ".rc", "w") as f:
	f.write(str(rc))
PY
}

scanner "$T/a" "--count 6 --timeout 10" no \
	'b"CODE1\r\nCODE2\nCO"' 'b"DE3\r"' 'b"\n" + b"L" * 1500 + b"\r\n"' \
	'b"A\x1b[31mB\x00C\n"' 'b"CODE2\n"' 'b"\r\nCODE4\r\n"'
is "$(cat "$T/a.rc")" 0 "serial: exit 0 after --count events"
is "$(cat "$T/a.out")" "serial text CODE1
serial text CODE2
serial text CODE3
serial overflow -
serial text A\\x1B[31mB\\x00C
serial text CODE4" "serial: CRLF, LF, lone CR, split line, overflow, escaped bytes, dedupe"
unlike "$(cat "$T/a.out")" "$(printf '\033')" "serial: no raw ESC reaches the output"
like "$(cat "$T/a.err")" "too long" "serial: the over-long line is reported as too long"
unlike "$(cat "$T/a.out")" "LLLL" "serial: no part of the over-long line becomes a code"

scanner "$T/b" "--timeout 10 --dedupe-ms 0" yes 'b"X1\nX1\n"'
is "$(cat "$T/b.rc")" 2 "serial: unplugging is a device error (exit 2)"
is "$(cat "$T/b.out")" "serial text X1
serial text X1" "serial: --dedupe-ms 0 reports a repeat; codes before the unplug are kept"
like "$(cat "$T/b.err")" "disconnected" "serial: unplug message says disconnected"

scanner "$T/c" "--timeout 1" no
is "$(cat "$T/c.rc")" 1 "serial: nothing read before the timeout: exit 1"
like "$(cat "$T/c.err")" "No code was read" "serial: and says so"

ctl scan --serial "$T/none" --timeout 1
is "$rc" 2 "serial: missing device exits 2"
like "$err" "does not exist" "serial: missing device message"
ctl scan --serial /dev/null --timeout 1
is "$rc" 2 "serial: a device that is not a tty exits 2"
like "$err" "not a serial port" "serial: not-a-tty message"
scanner "$T/d" "--speed 1234 --timeout 1" no
is "$(cat "$T/d.rc")" 1 "serial: unsupported speed refused"
like "$(cat "$T/d.err")" "Unsupported speed" "serial: unsupported speed message"

done_testing
