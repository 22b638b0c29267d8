/*
 * unit-scan.c: scan events and the dedupe filter.
 *
 * A camera sees the same code in frame after frame: the filter must report it
 * once while it stays in sight, again once it has been out of sight for the
 * window, and a different code at once. Over-long payloads are flagged, not cut.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "scan.h"
#include "source-serial.h"
#include "tap.h"

static struct scan_event ev;

static int
seen(struct scan_dedupe *dd, unsigned format, const char *code, int64_t ms)
{
	scan_event_set(&ev, SCAN_CAMERA, format, code, strlen(code), ms);
	return scan_dedupe_pass(dd, &ev);
}

static void
test_dedupe(void)
{
	struct scan_dedupe dd;
	int64_t t, last = 0;
	int n = 0;

	scan_dedupe_init(&dd, 2000);
	/* Held in front of the camera for 10 s at 30 frames a second. */
	for (t = 0; t < 10000; t += 33) {
		n += seen(&dd, DECODE_QR, "HELLO", t);
		last = t;
	}
	is_int(n, 1, "a code held in front of the camera is reported once");
	ok(!seen(&dd, DECODE_QR, "HELLO", last + 1999),
	    "seen again within the window of its last sighting: dropped");
	ok(seen(&dd, DECODE_QR, "WORLD", last + 2000), "a different code passes at once");
	ok(seen(&dd, DECODE_QR, "HELLO", last + 1999 + 2000),
	    "the same code passes again after the window");
	ok(!seen(&dd, DECODE_QR, "HELLO", last + 4500), "and is held back again");
	ok(seen(&dd, DECODE_CODE128, "HELLO", last + 4501),
	    "the same text in another symbology is another code");
	ok(seen(&dd, DECODE_QR, "HELL", last + 4502), "a prefix is another code");

	/* Two codes in every frame: each reported once, not alternately. */
	scan_dedupe_init(&dd, 2000);
	n = 0;
	for (t = 0; t < 3000; t += 40) {
		n += seen(&dd, DECODE_QR, "A-CODE", t);
		n += seen(&dd, DECODE_QR, "B-CODE", t);
	}
	is_int(n, 2, "two codes in sight together are reported once each");

	scan_dedupe_init(&dd, 0);
	n = seen(&dd, 0, "X", 0) + seen(&dd, 0, "X", 1);
	is_int(n, 2, "window 0 turns the filter off");

	scan_dedupe_init(&dd, 2000);
	scan_event_set(&ev, SCAN_SERIAL, 0, "", SCAN_MAX_BYTES + 1, 0);
	n = scan_dedupe_pass(&dd, &ev);
	n += scan_dedupe_pass(&dd, &ev);
	is_int(n, 2, "overflow events always pass");
}

static void
test_bounds(void)
{
	static unsigned char big[SCAN_MAX_BYTES + 1];

	memset(big, 'z', sizeof big);
	big[3] = '\0';
	scan_event_set(&ev, SCAN_SERIAL, 0, big, SCAN_MAX_BYTES, 5);
	ok(!ev.overflow && ev.len == SCAN_MAX_BYTES &&
	    memcmp(ev.text, big, SCAN_MAX_BYTES) == 0,
	    "a payload of exactly the bound is kept whole, NUL and all");
	scan_event_set(&ev, SCAN_SERIAL, 0, big, SCAN_MAX_BYTES + 1, 5);
	ok(ev.overflow && ev.len == 0, "one byte more is an overflow, never truncated");
	is_str(scan_source_name(SCAN_SERIAL), "serial", "source name");
	is_str(scan_format_name(0), "text", "text sources have format 'text'");
}

static char	 lines[4096];

static void
on_line(const struct scan_event *e, void *arg)
{
	size_t n = strlen(lines);

	(void)arg;
	if (e->overflow)
		snprintf(lines + n, sizeof lines - n, "[overflow]");
	else
		snprintf(lines + n, sizeof lines - n, "[%zu:%.*s]", e->len,
		    (int)(e->len > 20 ? 20 : e->len), (const char *)e->text);
}

static void
feed(struct srcser *s, const char *p, size_t n)
{
	static const struct scan_sink sink = { on_line, NULL, NULL };

	srcser_feed(s, (const unsigned char *)p, n, 0, &sink);
}

/* Line splitting, byte by byte where it matters; the pty test covers the device. */
static void
test_serial_lines(void)
{
	static char big[SCAN_MAX_BYTES + 2];
	struct srcser s;

	srcser_init(&s, 0);
	lines[0] = '\0';
	feed(&s, "A1\r", 3);
	feed(&s, "\nB2\n\r\n\nC", 8);
	feed(&s, "3\r\r", 3);
	is_str(lines, "[2:A1][2:B2][2:C3]", "CR, LF, CRLF split between reads, empty lines skipped");

	lines[0] = '\0';
	feed(&s, "N\0L\n", 4);
	is_str(lines, "[3:N]", "a NUL is data, kept with its length");

	memset(big, 'x', sizeof big);
	lines[0] = '\0';
	feed(&s, big, SCAN_MAX_BYTES);
	feed(&s, "\n", 1);
	feed(&s, big, SCAN_MAX_BYTES + 1);
	feed(&s, "\r\nOK\n", 5);
	is_str(lines, "[1024:xxxxxxxxxxxxxxxxxxxx][overflow][2:OK]",
	    "a line of the bound passes, one byte more is one overflow, the next line is clean");
}

int
main(void)
{
	test_dedupe();
	test_bounds();
	test_serial_lines();
	return tap_done();
}
