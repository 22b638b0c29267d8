/*
 * source-serial.h: a scanner on a serial line (RS-232 or a USB CDC-ACM tty).
 *
 * Such scanners send each code as one line. The tty is put in raw mode, 8N1, at
 * the scanner's speed, and opened non-blocking so the caller polls srcser_fd()
 * along with the keyboard. Lines end in CR, LF or CRLF; a CR whose LF comes in a
 * later read still ends one line, not two. A line split across reads is kept until
 * its end comes. Every byte of a line is data, NUL and escapes included (the
 * caller escapes them when it shows them); a line longer than SCAN_MAX_BYTES is
 * skipped to its end and reported as one overflow event. Empty lines are ignored.
 *
 * An unplugged device (read gives end of file or EIO) is an error: the source
 * closes the fd, forgets any half line, and the caller shows the message and
 * calls srcser_reopen() now and then until the device is back.
 */
#ifndef JSD_SOURCE_SERIAL_H
#define JSD_SOURCE_SERIAL_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "scan.h"

#define SRCSER_SPEED	9600	/* what most scanners ship with */

struct srcser {
	int		 fd;		/* -1 when closed */
	int		 speed;
	char		 path[PATH_MAX];
	struct scan_dedupe dd;
	unsigned char	 line[SCAN_MAX_BYTES];
	size_t		 len;
	int		 too_long;	/* skipping the rest of an over-long line */
	int		 after_cr;	/* an LF next is the rest of a CRLF */
};

void	srcser_init(struct srcser *, int64_t dedupe_ms);
/* Opens and configures the tty; speed is one of 9600, 19200, 38400, 57600, 115200. */
int	srcser_open(struct srcser *, const char *path, int speed, struct err *);
/* Opens the same device again after an error. */
int	srcser_reopen(struct srcser *, struct err *);
int	srcser_fd(const struct srcser *);
/* Reads what is there and delivers complete lines. -1 when the device is gone
 * (the fd is closed then) or failed. */
int	srcser_read(struct srcser *, const struct scan_sink *, struct err *);
/* Splits bytes into lines as srcser_read() does; for tests and other transports. */
void	srcser_feed(struct srcser *, const unsigned char *, size_t, int64_t now_ms,
	    const struct scan_sink *);
void	srcser_close(struct srcser *);

#endif
