/*
 * printer.c: sending a print job to a device, or to a file.
 *
 * The path is opened as it is, never created: a printer that is unplugged
 * must not leave a regular file where its device node was. A file that
 * exists takes the job at its end (the tests' printer). A serial port is put
 * in raw mode first, since a tty's output processing would turn every 0x0A
 * inside a raster into CR LF and shear the picture; its speed stays as the
 * port is set up.
 *
 * Before printing, a device is asked for its paper (DLE EOT 4). Many answer;
 * a USB printer without a back channel, or a serial one wired for output
 * only, does not, and then we print and cannot tell. A device that says the
 * roll is out gets nothing: the kiosk says so and keeps the ticket on screen.
 * Writes are non-blocking with a stall limit, so a printer that stops taking
 * bytes (off line, lid open) cannot freeze the kiosk.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "escpos.h"
#include "printer.h"

static int
printer_open(const char *path, int *readable, struct err *e)
{
	int fd;

	*readable = 1;
	if ((fd = open(path, O_RDWR | O_APPEND | O_NOCTTY | O_NONBLOCK |
	    O_CLOEXEC)) >= 0)
		return fd;
	*readable = 0;
	if ((fd = open(path, O_WRONLY | O_APPEND | O_NOCTTY | O_NONBLOCK |
	    O_CLOEXEC)) >= 0)
		return fd;
	return err_set(e, ERR_SYSTEM, "printer", "print.unwritable", "%s: %s",
	    path, strerror(errno));
}

static void
printer_raw(int fd)
{
	struct termios t;

	if (tcgetattr(fd, &t) != 0)
		return;
	cfmakeraw(&t);
	tcsetattr(fd, TCSANOW, &t);
	tcflush(fd, TCIFLUSH);
}

/* Asks a device for its paper: -1 (and e) when it says the roll is out. */
static int
printer_paper(int fd, struct err *e)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	uint8_t reply;

	if (write(fd, escpos_paper_query, sizeof escpos_paper_query) !=
	    (ssize_t)sizeof escpos_paper_query)
		return 0;
	if (poll(&pfd, 1, PRINTER_ANSWER_MS) != 1 || read(fd, &reply, 1) != 1)
		return 0;
	if (escpos_paper_out(reply) == 1)
		return err_set(e, ERR_RULE, "printer", "print.paper_out", NULL);
	return 0;
}

static int
printer_write(int fd, const uint8_t *job, size_t len, struct err *e)
{
	struct pollfd pfd = { fd, POLLOUT, 0 };
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, job, len)) > 0) {
			job += n;
			len -= (size_t)n;
		} else if (n < 0 && errno == EINTR)
			continue;
		else if (n < 0 && errno != EAGAIN)
			return err_set(e, ERR_SYSTEM, "printer", "print.unwritable",
			    "%s", strerror(errno));
		else if (poll(&pfd, 1, PRINTER_STALL_MS) != 1)
			return err_set(e, ERR_SYSTEM, "printer", "print.stalled", NULL);
	}
	return 0;
}

int
printer_send(const char *path, const uint8_t *job, size_t len, struct err *e)
{
	struct stat st;
	int fd, readable, rc;

	if ((fd = printer_open(path, &readable, e)) < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISCHR(st.st_mode)) {
		if (isatty(fd))
			printer_raw(fd);
		if (readable && printer_paper(fd, e) != 0) {
			close(fd);
			return -1;
		}
	}
	rc = printer_write(fd, job, len, e);
	if (close(fd) != 0 && rc == 0)
		rc = err_set(e, ERR_SYSTEM, "printer", "print.unwritable", "%s",
		    strerror(errno));
	return rc;
}
