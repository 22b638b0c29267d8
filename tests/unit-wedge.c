/*
 * unit-wedge.c: keyboard-wedge bursts against recorded key timings.
 *
 * The driver plays a list of (key, gap) pairs the way the kiosk's loop would:
 * it sleeps in poll for wedge_timeout_ms() and calls wedge_tick() when that runs
 * out before the next key. Everything the wedge hands back goes into one
 * transcript: typed keys as they are, a scan as <text>, so both the decision and
 * the order of keys are checked in one string.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "wedge.h"

struct key {
	char	 c;
	int	 gap;	/* ms since the key before */
};

static char	 tr[8192];
static int	 nscan;
static struct scan_event last_scan;

static void
take(const struct wedge_out *out)
{
	size_t i, n = strlen(tr);

	if (out->scan) {
		nscan++;
		last_scan = out->ev;
		if (out->ev.overflow)
			n += snprintf(tr + n, sizeof tr - n, "<overflow>");
		else
			n += snprintf(tr + n, sizeof tr - n, "<%.*s>",
			    (int)out->ev.len, (const char *)out->ev.text);
	}
	for (i = 0; i < out->nkeys && n + 1 < sizeof tr; i++) {
		tr[n++] = (char)out->keys[i];
		tr[n] = '\0';
	}
}

/* Plays keys from t0 and then lets a second pass without keys. */
static void
play(struct wedge *w, const struct key *k, size_t nk, int64_t t0)
{
	struct wedge_out out;
	int64_t now = t0, at = t0;
	size_t i;
	int wait;

	for (i = 0; i < nk; i++) {
		at += k[i].gap;
		while ((wait = wedge_timeout_ms(w, now)) >= 0 && now + wait < at) {
			now += wait;
			wedge_tick(w, now, &out);
			take(&out);
		}
		now = at;
		wedge_feed(w, (unsigned char)k[i].c, now, &out);
		take(&out);
	}
	while ((wait = wedge_timeout_ms(w, now)) >= 0) {
		now += wait;
		wedge_tick(w, now, &out);
		take(&out);
	}
}

static void
reset(struct wedge *w)
{
	wedge_init(w, NULL);
	tr[0] = '\0';
	nscan = 0;
}

/*
 * A recording: its keys, played from t0, the transcript they must give, and
 * their scans (how many, and when the last one's first key came). The keys end
 * at the first NUL.
 */
struct recording {
	const char	*what;
	int64_t		 t0;
	const char	*want;
	int		 nscan;
	int64_t		 scan_at;
	struct key	 keys[12];
};

/* A clerk typing a unified social credit code prefix, with two quick pairs. */
static const struct recording human = {
	"human typing with quick pairs stays typing", 1000, "91110000\r", 0, 0, {
	{ '9', 0 }, { '1', 120 }, { '1', 80 }, { '1', 45 }, { '0', 210 },
	{ '0', 150 }, { '0', 35 }, { '0', 250 }, { '\r', 180 },
} };
/* A scanner: 2-15 ms between keys, Enter suffix. */
static const struct recording burst_enter = {
	"scanner burst with Enter is one scan", 5000, "<JSD12345>", 1, 5000, {
	{ 'J', 0 }, { 'S', 4 }, { 'D', 3 }, { '1', 2 }, { '2', 15 }, { '3', 6 },
	{ '4', 8 }, { '5', 2 }, { '\r', 9 },
} };
static const struct recording human_then_scan = {
	"typing, then a scan, then typing, in order", 0, "abc<XYZ9>d", 1, 395, {
	{ 'a', 0 }, { 'b', 160 }, { 'c', 95 }, { 'X', 140 }, { 'Y', 6 },
	{ 'Z', 4 }, { '9', 5 }, { '\r', 7 }, { 'd', 400 },
} };
static const struct recording hiccup = {
	"a 25 ms hiccup does not split the scan", 0, "<QRSTUV>", 1, 0, {
	{ 'Q', 0 }, { 'R', 3 }, { 'S', 4 }, { 'T', 25 }, { 'U', 3 }, { 'V', 5 },
	{ '\r', 4 },
} };
/* Slow at first, then a fast pair and a fast Enter: still typing. */
static const struct recording slow_then_fast = {
	"slow typing ending in a fast pair stays typing", 0, "1234\r", 0, 0, {
	{ '1', 0 }, { '2', 300 }, { '3', 200 }, { '4', 12 }, { '\r', 20 },
} };
/* A scanner whose Enter lags 50 ms behind the code. */
static const struct recording late_enter = {
	"an Enter suffix 50 ms late still ends the scan", 0, "<LATE>", 1, 0, {
	{ 'L', 0 }, { 'A', 3 }, { 'T', 3 }, { 'E', 3 }, { '\r', 50 },
} };
/* A burst with no Enter, fed by hand as well as played. */
static const struct key burst_bare[] = {
	{ 'C', 0 }, { 'O', 5 }, { 'D', 5 }, { 'E', 12 }, { '7', 3 }, { '7', 14 },
};

static void
test_recorded(void)
{
	static const struct recording *const recs[] = {
		&human, &burst_enter, &human_then_scan, &hiccup, &slow_then_fast,
		&late_enter,
	};
	const struct recording *r;
	struct wedge w;
	size_t i, n;

	for (i = 0; i < sizeof recs / sizeof recs[0]; i++) {
		r = recs[i];
		for (n = 0; r->keys[n].c != '\0'; n++)
			;
		reset(&w);
		play(&w, r->keys, n, r->t0);
		is_str(tr, r->want, "%s", r->what);
		is_int(nscan, r->nscan, "%s: %d scan(s)", r->what, r->nscan);
		if (r->nscan == 0)
			continue;
		is_int(last_scan.source, SCAN_WEDGE, "%s: from the wedge", r->what);
		is_int(last_scan.format, 0, "%s: no symbology", r->what);
		is_int(last_scan.at_ms, r->scan_at, "%s: at its first key's time",
		    r->what);
	}
}

static void
test_no_enter(void)
{
	struct wedge w;
	struct wedge_out out;
	int64_t t = 100;
	size_t i;

	reset(&w);
	for (i = 0; i < sizeof burst_bare / sizeof burst_bare[0]; i++) {
		t += burst_bare[i].gap;
		wedge_feed(&w, (unsigned char)burst_bare[i].c, t, &out);
		take(&out);
	}
	is_str(tr, "", "a burst is held while it may go on");
	wedge_tick(&w, t + WEDGE_GAP_MS + 1, &out);
	take(&out);
	is_str(tr, "", "a long burst waits for a late Enter");
	is_int(wedge_timeout_ms(&w, t + WEDGE_GAP_MS + 1), 3 * WEDGE_GAP_MS -
	    WEDGE_GAP_MS - 1, "timeout says when the pause ends");
	wedge_tick(&w, t + 3 * WEDGE_GAP_MS, &out);
	take(&out);
	is_str(tr, "<CODE77>", "burst without Enter is a scan after the pause");
	is_int(wedge_timeout_ms(&w, t + 1000), -1, "nothing held afterwards");

	reset(&w);
	play(&w, burst_bare, sizeof burst_bare / sizeof burst_bare[0], 0);
	is_str(tr, "<CODE77>", "same through the poll loop");
	is_int(nscan, 1, "one scan");
}

static void
test_edges(void)
{
	struct wedge w;
	struct wedge_out out;
	int64_t t = 0;
	int i;

	reset(&w);
	wedge_feed(&w, '\r', 10, &out);
	take(&out);
	is_str(tr, "\r", "a lone Enter is delivered at once");

	reset(&w);
	wedge_feed(&w, 'a', 10, &out);
	take(&out);
	wedge_feed(&w, 'b', 15, &out);
	take(&out);
	wedge_flush(&w, &out);
	take(&out);
	is_str(tr, "ab", "flush releases a short burst as typing, in order");

	reset(&w);
	for (i = 0; i < WEDGE_MAX_KEYS + 50; i++) {
		wedge_feed(&w, 'x', t, &out);
		take(&out);
		t += 2;
	}
	wedge_feed(&w, '\r', t, &out);
	take(&out);
	is_str(tr, "<overflow>", "an over-long burst is one overflow scan");
	ok(last_scan.overflow && last_scan.len == 0, "overflow carries no text");

	reset(&w);
	wedge_feed(&w, 0x4E2D, 0, &out);	/* 中 */
	wedge_feed(&w, 0x6587, 3, &out);	/* 文 */
	wedge_feed(&w, 'A', 6, &out);
	wedge_feed(&w, 'B', 9, &out);
	wedge_feed(&w, '\n', 12, &out);
	ok(out.scan && out.ev.len == 8 &&
	    memcmp(out.ev.text, "\xe4\xb8\xad\xe6\x96\x87" "AB", 8) == 0,
	    "non-ASCII keys become UTF-8 in the scan");
}

/* Random timings: whatever is decided, the keys come out complete and in order. */
static void
test_nothing_lost(void)
{
	static struct key k[4000];
	char want[4001], got[8192];
	unsigned seed = 12345;
	size_t i, j, n;
	struct wedge w;
	int bad = 0, round;

	for (round = 0; round < 20; round++) {
		n = 0;
		for (i = 0; i < sizeof k / sizeof k[0]; i++) {
			seed = seed * 1103515245 + 12345;
			k[i].c = (seed >> 16) % 11 == 0 ? '\r' : 'a' + (seed >> 8) % 26;
			seed = seed * 1103515245 + 12345;
			k[i].gap = (seed >> 16) % (round % 2 ? 40 : 200);
			want[n++] = k[i].c;
		}
		want[n] = '\0';
		reset(&w);
		play(&w, k, n, 0);
		/* Scans drop their Enter: compare with every Enter removed. */
		for (i = j = 0; tr[i] != '\0'; i++)
			if (tr[i] != '<' && tr[i] != '>' && tr[i] != '\r')
				got[j++] = tr[i];
		got[j] = '\0';
		for (i = j = 0; want[i] != '\0'; i++)
			if (want[i] != '\r')
				want[j++] = want[i];
		want[j] = '\0';
		if (strcmp(got, want) != 0)
			bad++;
	}
	is_int(bad, 0, "no key lost or reordered over 20 random runs");
}

int
main(void)
{
	test_recorded();
	test_no_enter();
	test_edges();
	test_nothing_lost();
	return tap_done();
}
