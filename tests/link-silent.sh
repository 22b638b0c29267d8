# link-silent.sh: a link that drops packets rather than refusing them. A
# server that takes the TCP connection and never answers (what a station sees
# of a registry behind a dead link) makes jsdctl give up within the retry
# window, each try ended by the connect timeout every connection gets
# (db-pg.c) and counted in the window, and say it cannot open the registry:
# libpq alone would wait for the server for ever.
. "$top_srcdir/tests/lib.sh"

[ "$JSD_TEST_BACKEND" = pg ] || skip_all "a SQLite run has no server to lose"
python3 -c '
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
print(s.getsockname()[1], flush=True)
held = []
while True:
    c, _ = s.accept()
    held.append(c)
    with open(sys.argv[1], "a") as f:
        f.write("try\n")
' "$T/tries" >"$T/port" &
cleanup_hooks="$cleanup_hooks kill $! 2>/dev/null;"
n=0
while [ ! -s "$T/port" ] && [ $n -lt 600 ]; do
	sleep 0.1
	n=$((n + 1))
done
port=$(cat "$T/port")
ok $([ -n "$port" ]; echo $?) "a server that never answers, on port $port"

# The window counts the time the tries took: with 8 s, a try of 5 s (the
# connect timeout), a pause, another, then no more. The bound is far beyond
# that and far below a hang: without the timeout libpq waits for ever.
out=$(JSD_DB_RETRY=8 timeout 600 "$JSDCTL" --db "postgresql://127.0.0.1:$port/x" \
    report day 2>"$T/err") && rc=0 || rc=$?
is "$rc" 2 "jsdctl gives up, an error, not a hang (timeout's 124)"
like "$(cat "$T/err")" "Cannot open the registry.*timeout expired" \
	"saying it cannot open the registry: the server did not answer in time"
tries=$(wc -l <"$T/tries")
ok $([ "$tries" -gt 1 ]; echo $?) "tried again within the window ($tries tries)"
done_testing
