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
 * bytes (off line, lid open) is given up on.
 *
 * printer_start sends on a thread of its own, which owns the job and reports
 * on one end of a socket pair; the caller owns the other end and may close it
 * at any time (the screen left): the report is then sent to no one, with
 * MSG_NOSIGNAL so that this raises no SIGPIPE.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
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

struct printer_job {
	char		 path[4096];
	uint8_t		*job;
	size_t		 len;
	int		 fd;
};

/* What the thread reports: the error's strings are static, so it crosses
 * within the process as it is. */
struct printer_report {
	int		 rc;
	struct err	 err;
};

static void *
printer_thread(void *arg)
{
	struct printer_job *pj = arg;
	struct printer_report r;

	err_clear(&r.err);
	r.rc = printer_send(pj->path, pj->job, pj->len, &r.err);
	send(pj->fd, &r, sizeof r, MSG_NOSIGNAL);
	close(pj->fd);
	free(pj->job);
	free(pj);
	return NULL;
}

int
printer_start(const char *path, uint8_t *job, size_t len, int *fd,
    struct err *e)
{
	struct printer_job *pj;
	pthread_attr_t attr;
	pthread_t t;
	int sv[2], rc;

	if ((pj = calloc(1, sizeof *pj)) == NULL ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
		free(pj);
		free(job);
		return err_set(e, ERR_SYSTEM, "printer", "print.unwritable", "%s",
		    strerror(errno));
	}
	snprintf(pj->path, sizeof pj->path, "%s", path);
	pj->job = job;
	pj->len = len;
	pj->fd = sv[1];
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&t, &attr, printer_thread, pj);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		close(sv[0]);
		close(sv[1]);
		free(pj->job);
		free(pj);
		return err_set(e, ERR_SYSTEM, "printer", "print.unwritable", "%s",
		    strerror(rc));
	}
	*fd = sv[0];
	return 0;
}

int
printer_result(int fd, struct err *e)
{
	struct printer_report r;
	ssize_t n = recv(fd, &r, sizeof r, MSG_DONTWAIT);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (n != (ssize_t)sizeof r)
		return err_set(e, ERR_SYSTEM, "printer", "print.unwritable",
		    "no report");
	if (r.rc == 0)
		return 1;
	*e = r.err;
	return -1;
}
