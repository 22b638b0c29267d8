/*
 * source-serial.h: a scanner on a serial line (RS-232 or a USB CDC-ACM tty).
 *
 * Such scanners send each code as one line. The tty is put in raw mode, 8N1, at
 * the scanner's speed, and opened non-blocking so the caller polls its descriptor
 * along with the keyboard. Lines end in CR, LF or CRLF; a CR whose LF comes in a
 * later read still ends one line, not two. A line split across reads is kept until
 * its end comes. Every byte of a line is data, NUL and escapes included (the
 * caller escapes them when it shows them); a line longer than SCAN_MAX_BYTES is
 * skipped to its end and reported as one overflow event. Empty lines are ignored.
 *
 * An unplugged device (read gives end of file or EIO) is an error: the source
 * closes the fd and forgets any half line, and the caller shows the message.
 *
 * source_serial_class is the kind "serial" (source.h); the rest is for tests.
 */
#ifndef JSD_SOURCE_SERIAL_H
#define JSD_SOURCE_SERIAL_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "scan.h"
#include "source.h"

#define SOURCE_SERIAL_SPEED	9600	/* what most scanners ship with */

struct source_serial {
	struct source	 base;
	int		 fd;		/* -1 when closed */
	int		 speed;
	char		 path[PATH_MAX];
	struct scan_dedupe dd;
	unsigned char	 line[SCAN_MAX_BYTES];
	size_t		 len;
	int		 too_long;	/* skipping the rest of an over-long line */
	int		 after_cr;	/* an LF next is the rest of a CRLF */
};

extern const struct source_class source_serial_class;

/* A closed source with no device, for source_serial_feed(). */
void	source_serial_init(struct source_serial *, int64_t dedupe_ms);
/* Splits bytes into lines as reading the device does; for tests. */
void	source_serial_feed(struct source_serial *, const unsigned char *, size_t,
	    int64_t now_ms, const struct scan_sink *);

#endif
