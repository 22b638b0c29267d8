/*
 * unit-scan.c: scan events and the dedupe filter.
 *
 * A camera sees the same code in frame after frame: the filter must report it
 * once while it stays in sight, again once it has been out of sight for the
 * window, and a different code at once. Over-long payloads are flagged, not cut.
 * The sources' table and set (source.h) are run here on what every machine has:
 * a pseudo-terminal for a serial scanner, and image files.
 */
#include "config.h"

#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "image.h"
#include "scan.h"
#include "source-serial.h"
#include "source.h"
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
feed(struct source_serial *s, const char *p, size_t n)
{
	static const struct scan_sink sink = { on_line, NULL, NULL };

	source_serial_feed(s, (const unsigned char *)p, n, 0, &sink);
}

/* Line splitting, byte by byte where it matters; the pty test covers the device. */
static void
test_serial_lines(void)
{
	static char big[SCAN_MAX_BYTES + 2];
	struct source_serial s;

	source_serial_init(&s, 0);
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

/* A PGM file (what a camera writes, at its simplest) holding a QR code. */
static int
write_qr_pgm(const char *text, const char *path)
{
	struct image img;
	struct err e;
	FILE *f;
	int rc;

	memset(&img, 0, sizeof img);
	if (image_from_qr(text, 4, 4, &img, &e) != 0 || (f = fopen(path, "wb")) == NULL)
		return -1;
	fprintf(f, "P5\n%d %d\n255\n", img.width, img.height);
	rc = fwrite(img.gray, 1, (size_t)img.width * img.height, f) ==
	    (size_t)img.width * img.height ? 0 : -1;
	image_free(&img);
	return fclose(f) == 0 ? rc : -1;
}

static struct scan_sink line_sink = { on_line, NULL, NULL };

/* Polls the set once and reads what is ready; the last read's result. */
static int
poll_once(struct source_set *set, struct err *e)
{
	struct pollfd p[SOURCE_MAX];
	size_t i, n = source_poll_fds(set, p, SOURCE_MAX);
	int rc = 0;

	if (poll(p, n, -1) <= 0)
		return -2;
	for (i = 0; i < n; i++)
		if (p[i].revents != 0)
			rc = source_read_fd(set, p[i].fd, &line_sink, e);
	return rc;
}

static void
test_table(void)
{
	static const char *const names[] = { "serial", "folder", "camera", "file" };
	size_t i;

	for (i = 0; i < 4; i++)
		ok(source_class_find(names[i]) != NULL &&
		    strcmp(source_class_find(names[i])->name, names[i]) == 0,
		    "the kind \"%s\" is in the table", names[i]);
	ok(source_class_at(4) == NULL, "and nothing past them");
	ok(source_class_find("wedge") == NULL, "the keyboard wedge is no source");
}

static void
test_set_file(void)
{
	char good[512], junk[512];
	struct source_spec spec[2];
	struct source_set set;
	struct err e;
	FILE *f;

	snprintf(good, sizeof good, "%s/code.pgm", tap_tmpdir());
	snprintf(junk, sizeof junk, "%s/junk.pgm", tap_tmpdir());
	ok(write_qr_pgm("SET-FILE-1", good) == 0, "a QR image written");
	if ((f = fopen(junk, "w")) != NULL) {
		fputs("not an image\n", f);
		fclose(f);
	}
	memset(&set, 0, sizeof set);
	spec[0].cls = source_class_find("file");
	source_opts_default(&spec[0].opts);
	spec[0].opts.path = good;
	spec[1] = spec[0];
	spec[1].opts.path = "/nonexistent/none.pgm";
	err_clear(&e);
	ok(source_open_all(&set, spec, 2, &e) == -1 && set.n == 0,
	    "the second of two failing to open closes the first");
	is_str(e.key, "image.unreadable", "with the failing one's error");

	spec[1].opts.path = junk;
	ok(source_open_all(&set, spec, 2, &e) == 0 && set.n == 2, "two files open");
	lines[0] = '\0';
	ok(poll_once(&set, &e) == -1 && strcmp(e.key, "image.format") == 0,
	    "both ready at once; the one that is no image fails");
	is_str(lines, "[10:SET-FILE-1]", "the other delivers its code");
	is_int((int)set.n, 0, "a file is done once read, a failed one is closed");
	source_close_all(&set);
}

static void
test_set_serial(void)
{
	struct source_spec spec;
	struct source_set set;
	struct err e;
	int m;

	memset(&set, 0, sizeof set);
	if ((m = posix_openpt(O_RDWR | O_NOCTTY)) == -1 || grantpt(m) == -1 ||
	    unlockpt(m) == -1) {
		ok(0, "a pseudo-terminal for the serial scanner");
		return;
	}
	spec.cls = source_class_find("serial");
	source_opts_default(&spec.opts);
	spec.opts.path = ptsname(m);
	err_clear(&e);
	ok(source_open_all(&set, &spec, 1, &e) == 0 && set.n == 1,
	    "a serial source opens on a pty");
	lines[0] = '\0';
	ok(write(m, "PTY-1\r\n", 7) == 7 && poll_once(&set, &e) == 0,
	    "a line written is read");
	is_str(lines, "[5:PTY-1]", "and delivered as one scan");
	close(m);
	ok(poll_once(&set, &e) == -1 && strcmp(e.key, "scan.serial.gone") == 0,
	    "the other end closed is the scanner gone");
	is_int((int)set.n, 0, "and the source leaves the set");
	source_close_all(&set);
}

int
main(void)
{
	test_dedupe();
	test_bounds();
	test_serial_lines();
	test_table();
	test_set_file();
	test_set_serial();
	return tap_done();
}
