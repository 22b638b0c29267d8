/*
 * wedge.c: bursts of keys into scans or typing; see wedge.h.
 *
 * The state is one burst: the keys held so far, each less than gap_ms after the
 * one before. The burst ends when a key comes later than that, when Enter comes,
 * when the caller flushes, or when wedge_tick() finds the time up; then the whole
 * burst is either one scan or typing, never split, so no key is lost or moved. A
 * long burst waits pause_ms rather than gap_ms before it counts as a scan without
 * Enter, because some scanners send their Enter suffix a little after the code.
 */
#include "config.h"

#include <string.h>

#include "wedge.h"
#include "utf8.h"

void
wedge_opts_default(struct wedge_opts *o)
{
	o->gap_ms = WEDGE_GAP_MS;
	o->pause_ms = 3 * WEDGE_GAP_MS;
	o->min_len = WEDGE_MIN_LEN;
}

void
wedge_init(struct wedge *w, const struct wedge_opts *o)
{
	struct wedge_opts def;

	wedge_opts_default(&def);
	memset(w, 0, sizeof *w);
	w->opts = o != NULL ? *o : def;
	if (w->opts.gap_ms < 1)
		w->opts.gap_ms = def.gap_ms;
	if (w->opts.pause_ms < w->opts.gap_ms)
		w->opts.pause_ms = 3 * w->opts.gap_ms;
	if (w->opts.min_len < 2 || w->opts.min_len > WEDGE_MAX_KEYS)
		w->opts.min_len = def.min_len;
}

static void
wedge_out_clear(struct wedge_out *out)
{
	out->scan = 0;
	out->nkeys = 0;
}

static int
wedge_is_enter(uint32_t cp)
{
	return cp == '\r' || cp == '\n';
}

/* UTF-8 of one code point; an invalid one becomes U+FFFD. */
/* A key's code point as UTF-8; one that has no UTF-8 form becomes U+FFFD. */
static size_t
wedge_utf8(uint32_t cp, unsigned char *p)
{
	size_t n = utf8_encode(cp, p);

	return n != 0 ? n : utf8_encode(0xFFFD, p);
}

/* The burst as one scan event; too many keys or bytes make it an overflow. */
static void
wedge_emit_scan(struct wedge *w, struct wedge_out *out)
{
	unsigned char buf[SCAN_MAX_BYTES + 4];
	size_t i, len = 0;

	out->scan = 1;
	for (i = 0; i < w->n && i < WEDGE_MAX_KEYS && len <= SCAN_MAX_BYTES; i++)
		len += wedge_utf8(w->key[i], buf + len);
	if (w->n > WEDGE_MAX_KEYS)
		len = SCAN_MAX_BYTES + 1;
	scan_event_set(&out->ev, SCAN_WEDGE, 0, buf, len, w->first_ms);
	w->n = 0;
}

/* The burst as typing. Only short bursts get here, so every key is held. */
static void
wedge_emit_keys(struct wedge *w, struct wedge_out *out)
{
	memcpy(out->keys + out->nkeys, w->key, w->n * sizeof w->key[0]);
	out->nkeys += w->n;
	w->n = 0;
}

/* Ends the burst: a scan if it was long enough, else typing. */
static void
wedge_end(struct wedge *w, struct wedge_out *out)
{
	if (w->n == 0)
		return;
	if (w->n >= w->opts.min_len)
		wedge_emit_scan(w, out);
	else
		wedge_emit_keys(w, out);
}

static void
wedge_hold(struct wedge *w, uint32_t cp, int64_t ms)
{
	if (w->n == 0)
		w->first_ms = ms;
	if (w->n < WEDGE_MAX_KEYS)
		w->key[w->n] = cp;
	w->n++;
	w->last_ms = ms;
}

void
wedge_feed(struct wedge *w, uint32_t cp, int64_t ms, struct wedge_out *out)
{
	int64_t gap;

	wedge_out_clear(out);
	gap = w->n > 0 ? ms - w->last_ms : INT64_MAX;
	if (wedge_is_enter(cp)) {
		/* A long burst's Enter may lag a little: it still ends that scan. */
		if (w->n >= w->opts.min_len && gap < w->opts.pause_ms) {
			wedge_emit_scan(w, out);
			return;
		}
		wedge_end(w, out);
		out->keys[out->nkeys++] = cp;
		return;
	}
	if (w->n > 0 && gap >= w->opts.gap_ms)
		wedge_end(w, out);
	wedge_hold(w, cp, ms);
}

void
wedge_tick(struct wedge *w, int64_t now_ms, struct wedge_out *out)
{
	wedge_out_clear(out);
	if (wedge_timeout_ms(w, now_ms) == 0)
		wedge_end(w, out);
}

void
wedge_flush(struct wedge *w, struct wedge_out *out)
{
	wedge_out_clear(out);
	wedge_end(w, out);
}

int
wedge_timeout_ms(const struct wedge *w, int64_t now_ms)
{
	int64_t due;

	if (w->n == 0)
		return -1;
	due = w->last_ms + (w->n >= w->opts.min_len ? w->opts.pause_ms :
	    w->opts.gap_ms);
	if (due <= now_ms)
		return 0;
	return due - now_ms > INT32_MAX ? INT32_MAX : (int)(due - now_ms);
}
