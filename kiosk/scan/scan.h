/*
 * scan.h: the one stream of scan events every scanner source feeds.
 *
 * A code reaches the counter from a keyboard-wedge scanner, a serial scanner, a
 * camera, a folder of frames, an image file or the keyboard; each source turns
 * what it reads into a struct scan_event, so a screen handles a scan the same way
 * whatever produced it. The text is the raw payload (untrusted bytes, maybe with
 * NULs or escapes: text_safe() before showing it). A payload longer than
 * SCAN_MAX_BYTES is never cut into a shorter, wrong code: the event is flagged
 * overflow and carries no text.
 *
 * Times are milliseconds of the monotonic clock (scan_now_ms()): they only order
 * and space events, and must not jump when the wall clock is set.
 *
 * The dedupe filter drops a code seen again within a window measured from the last
 * time it was seen, so a code held in front of a camera for ten seconds, or read
 * twice by a trigger-happy scanner, is reported once; a different code passes at
 * once, and the same code passes again once it has been out of sight for the window.
 */
#ifndef JSD_SCAN_H
#define JSD_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "err.h"

#define SCAN_MAX_BYTES		DECODE_MAX_BYTES
#define SCAN_DEDUPE_MS		2000	/* default window */
#define SCAN_DEDUPE_SLOTS	8	/* codes remembered at once (a frame holds few) */

enum scan_source {
	SCAN_WEDGE = 1,		/* USB scanner typing into the keyboard */
	SCAN_SERIAL,		/* scanner on a tty, one code a line */
	SCAN_CAMERA,		/* V4L2 frames */
	SCAN_FOLDER,		/* frames dropped into a watched folder */
	SCAN_FILE,		/* one image file */
	SCAN_KEYBOARD,		/* typed by hand */
};

struct scan_event {
	enum scan_source	 source;
	unsigned		 format;	/* enum decode_format; 0 for text sources */
	int			 overflow;	/* payload over SCAN_MAX_BYTES: len is 0 */
	unsigned char		 text[SCAN_MAX_BYTES];
	size_t			 len;
	int64_t			 at_ms;		/* scan_now_ms() when read */
};

/*
 * Where a source delivers: event() for each scan that passed its dedupe filter,
 * warn() for a problem that does not stop the source (an unreadable frame); the
 * source goes on after either. Both are called on the caller's thread.
 */
struct scan_sink {
	void	(*event)(const struct scan_event *, void *arg);
	void	(*warn)(const struct err *, void *arg);
	void	*arg;
};

struct scan_dedupe_slot {
	int			 used;
	unsigned		 format;
	size_t			 len;
	int64_t			 seen_ms;	/* last time seen */
	unsigned char		 text[SCAN_MAX_BYTES];
};

struct scan_dedupe {
	int64_t			 window_ms;	/* 0 turns the filter off */
	struct scan_dedupe_slot	 slot[SCAN_DEDUPE_SLOTS];
};

int64_t		 scan_now_ms(void);
/* Fills an event; len over SCAN_MAX_BYTES makes it an overflow event. */
void		 scan_event_set(struct scan_event *, enum scan_source, unsigned format,
		     const void *text, size_t len, int64_t at_ms);
/* "wedge", "serial", "camera", "folder", "file", "keyboard". */
const char	*scan_source_name(enum scan_source);
/* decode_format_name() for a symbology, "text" for 0. */
const char	*scan_format_name(unsigned format);

void		 scan_dedupe_init(struct scan_dedupe *, int64_t window_ms);
/* 1 if the event is to be reported, 0 if it repeats a code seen within the window.
 * Either way the code's last-seen time becomes the event's. Overflow events always
 * pass: they carry no code to compare. */
int		 scan_dedupe_pass(struct scan_dedupe *, const struct scan_event *);

#endif
