# fake-printer.py: a receipt printer on a pseudo-terminal, for the tests: it
# answers every paper query (DLE EOT 4) with one status byte and keeps what it
# was sent in PATH.received.
#
#   python3 fake-printer.py PATH STATUS	(STATUS e.g. 0x12 paper, 0x72 roll out)
#
# PATH becomes a symbolic link to the terminal's device; the program runs
# until it is killed.
import os
import signal
import sys
import tty

path, status = sys.argv[1], int(sys.argv[2], 0)
master, slave = os.openpty()
tty.setraw(slave)
received = open(path + ".received", "wb", buffering=0)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
os.symlink(os.ttyname(slave), path)
seen = b""
while True:
    data = os.read(master, 4096)
    received.write(data)
    seen += data
    if b"\x10\x04\x04" in seen:
        os.write(master, bytes([status]))
        seen = b""
