/*
 * scan.c: scan events and the dedupe filter; see scan.h.
 *
 * The filter keeps the last few codes with the time each was last seen. A frame
 * may show two codes at once, so one remembered code is not enough: a camera
 * alternating between them would report both on every frame.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "scan.h"

int64_t
scan_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
scan_event_set(struct scan_event *ev, enum scan_source source, unsigned format,
    const void *text, size_t len, int64_t at_ms)
{
	ev->source = source;
	ev->format = format;
	ev->at_ms = at_ms;
	if (len > SCAN_MAX_BYTES) {
		ev->overflow = 1;
		ev->len = 0;
		return;
	}
	ev->overflow = 0;
	ev->len = len;
	if (len > 0)
		memcpy(ev->text, text, len);
}

const char *
scan_source_name(enum scan_source source)
{
	switch (source) {
	case SCAN_WEDGE:
		return "wedge";
	case SCAN_SERIAL:
		return "serial";
	case SCAN_CAMERA:
		return "camera";
	case SCAN_FOLDER:
		return "folder";
	case SCAN_FILE:
		return "file";
	case SCAN_KEYBOARD:
		return "keyboard";
	}
	return "?";
}

const char *
scan_format_name(unsigned format)
{
	if (format == 0)
		return "text";
	return decode_format_name((enum decode_format)format);
}

void
scan_dedupe_init(struct scan_dedupe *dd, int64_t window_ms)
{
	memset(dd, 0, sizeof *dd);
	dd->window_ms = window_ms < 0 ? 0 : window_ms;
}

static struct scan_dedupe_slot *
scan_dedupe_find(struct scan_dedupe *dd, const struct scan_event *ev)
{
	struct scan_dedupe_slot *s;
	size_t i;

	for (i = 0; i < SCAN_DEDUPE_SLOTS; i++) {
		s = &dd->slot[i];
		if (s->used && s->format == ev->format && s->len == ev->len &&
		    memcmp(s->text, ev->text, ev->len) == 0)
			return s;
	}
	return NULL;
}

/* A free slot, else the one seen longest ago. */
static struct scan_dedupe_slot *
scan_dedupe_victim(struct scan_dedupe *dd)
{
	struct scan_dedupe_slot *best = &dd->slot[0];
	size_t i;

	for (i = 0; i < SCAN_DEDUPE_SLOTS; i++) {
		if (!dd->slot[i].used)
			return &dd->slot[i];
		if (dd->slot[i].seen_ms < best->seen_ms)
			best = &dd->slot[i];
	}
	return best;
}

int
scan_dedupe_pass(struct scan_dedupe *dd, const struct scan_event *ev)
{
	struct scan_dedupe_slot *s;
	int pass;

	if (ev->overflow || dd->window_ms == 0)
		return 1;
	s = scan_dedupe_find(dd, ev);
	if (s != NULL) {
		pass = ev->at_ms - s->seen_ms >= dd->window_ms;
		s->seen_ms = ev->at_ms;
		return pass;
	}
	s = scan_dedupe_victim(dd);
	s->used = 1;
	s->format = ev->format;
	s->len = ev->len;
	memcpy(s->text, ev->text, ev->len);
	s->seen_ms = ev->at_ms;
	return 1;
}
