/*
 * source-serial.c: lines from a serial scanner; see source-serial.h.
 *
 * The line state (bytes so far, skipping an over-long line, a CR just seen) lives
 * in struct source_serial so that a read may stop anywhere, even between the CR
 * and LF of one line end. Each read is bounded so a babbling device cannot starve the
 * caller's loop: what is left is read on the next poll.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "source-serial.h"

#define SOURCE_SERIAL_READS	16	/* reads per call before giving the loop back */

static const struct {
	int	 speed;
	speed_t	 code;
} source_serial_speeds[] = {
	{ 9600, B9600 }, { 19200, B19200 }, { 38400, B38400 }, { 57600, B57600 },
	{ 115200, B115200 },
};

void
source_serial_init(struct source_serial *s, int64_t dedupe_ms)
{
	memset(s, 0, sizeof *s);
	s->base.cls = &source_serial_class;
	s->fd = -1;
	s->speed = SOURCE_SERIAL_SPEED;
	scan_dedupe_init(&s->dd, dedupe_ms);
}

static int
source_serial_speed_code(int speed, speed_t *code)
{
	size_t i;

	for (i = 0; i < sizeof source_serial_speeds / sizeof source_serial_speeds[0];
	    i++) {
		if (source_serial_speeds[i].speed == speed) {
			*code = source_serial_speeds[i].code;
			return 0;
		}
	}
	return -1;
}

static int
source_serial_open_error(const char *path, int error, struct err *e)
{
	const char *key;

	switch (error) {
	case ENOENT:
	case ENXIO:
	case ENODEV:
		key = "scan.serial.missing";
		break;
	case EACCES:
	case EPERM:
		key = "scan.serial.denied";
		break;
	case EBUSY:
		key = "scan.serial.busy";
		break;
	default:
		key = "scan.serial.open";
		break;
	}
	return err_set(e, ERR_SYSTEM, "device", key, "%s: %s", path, strerror(error));
}

/* Raw 8N1 at the given speed: no echo, no CR/LF translation, no flow control,
 * and CLOCAL so a scanner without modem lines is not waited for. */
static int
source_serial_configure(int fd, speed_t code, const char *path, struct err *e)
{
	struct termios t;

	if (tcgetattr(fd, &t) == -1)
		return err_set(e, ERR_SYSTEM, "device", "scan.serial.nottty", "%s: %s",
		    path, strerror(errno));
	cfmakeraw(&t);
	t.c_cflag &= ~(PARENB | CSTOPB | CSIZE | CRTSCTS);
	t.c_cflag |= CS8 | CLOCAL | CREAD;
	t.c_iflag &= ~(IXON | IXOFF | IXANY);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (cfsetispeed(&t, code) == -1 || cfsetospeed(&t, code) == -1 ||
	    tcsetattr(fd, TCSANOW, &t) == -1)
		return err_set(e, ERR_SYSTEM, "device", "scan.serial.setup", "%s: %s",
		    path, strerror(errno));
	return 0;
}

static int
source_serial_device(struct source_serial *s, const char *path, int speed,
    struct err *e)
{
	speed_t code;
	int fd;

	if (source_serial_speed_code(speed, &code) == -1)
		return err_set(e, ERR_INPUT, "speed", "scan.serial.speed", "%d", speed);
	if (strlen(path) >= sizeof s->path)
		return err_set(e, ERR_INPUT, "device", "scan.serial.missing",
		    "path too long");
	fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1)
		return source_serial_open_error(path, errno, e);
	if (!isatty(fd)) {
		close(fd);
		return err_set(e, ERR_SYSTEM, "device", "scan.serial.nottty", "%s", path);
	}
	if (source_serial_configure(fd, code, path, e) == -1) {
		close(fd);
		return -1;
	}
	/* Keeps other programs from opening it and taking half the bytes; only a
	 * guard, so a tty that refuses it is still used. */
	(void)ioctl(fd, TIOCEXCL);
	s->fd = fd;
	s->speed = speed;
	memcpy(s->path, path, strlen(path) + 1);
	return 0;
}

/* The class's open: a source of its own on the device. */
static struct source *
source_serial_open(const struct source_opts *o, struct err *e)
{
	struct source_serial *s;

	if ((s = malloc(sizeof *s)) == NULL) {
		err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "serial");
		return NULL;
	}
	source_serial_init(s, o->dedupe_ms);
	if (source_serial_device(s, o->path, o->speed > 0 ? o->speed :
	    SOURCE_SERIAL_SPEED, e) == -1) {
		free(s);
		return NULL;
	}
	return &s->base;
}

static int
source_serial_fd(const struct source *src)
{
	return ((const struct source_serial *)src)->fd;
}

static void
source_serial_emit(struct source_serial *s, int64_t now_ms,
    const struct scan_sink *sink)
{
	struct scan_event ev;

	scan_event_set(&ev, SCAN_SERIAL, 0, s->line,
	    s->too_long ? SCAN_MAX_BYTES + 1 : s->len, now_ms);
	s->len = 0;
	s->too_long = 0;
	if (scan_dedupe_pass(&s->dd, &ev))
		sink->event(&ev, sink->arg);
}

void
source_serial_feed(struct source_serial *s, const unsigned char *p, size_t n,
    int64_t now_ms, const struct scan_sink *sink)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n' && s->after_cr) {
			s->after_cr = 0;
			continue;
		}
		s->after_cr = p[i] == '\r';
		if (p[i] == '\r' || p[i] == '\n') {
			if (s->len > 0 || s->too_long)
				source_serial_emit(s, now_ms, sink);
			continue;
		}
		if (s->too_long)
			continue;
		if (s->len == sizeof s->line) {
			s->too_long = 1;
			continue;
		}
		s->line[s->len++] = p[i];
	}
}

/* The device went away: a half line must not be completed by what comes after. */
static int
source_serial_gone(struct source_serial *s, const char *why, struct err *e)
{
	close(s->fd);
	s->fd = -1;
	s->len = 0;
	s->too_long = 0;
	s->after_cr = 0;
	return err_set(e, ERR_SYSTEM, "device", "scan.serial.gone", "%s: %s", s->path,
	    why);
}

static int
source_serial_read(struct source *src, const struct scan_sink *sink, struct err *e)
{
	struct source_serial *s = (struct source_serial *)src;
	unsigned char buf[512];
	ssize_t n;
	int i;

	if (s->fd == -1)
		return err_set(e, ERR_SYSTEM, "device", "scan.serial.gone", "%s: closed",
		    s->path);
	for (i = 0; i < SOURCE_SERIAL_READS; i++) {
		n = read(s->fd, buf, sizeof buf);
		if (n > 0) {
			source_serial_feed(s, buf, n, scan_now_ms(), sink);
			continue;
		}
		if (n == 0)
			return source_serial_gone(s, "end of file", e);
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return 0;
		return source_serial_gone(s, strerror(errno), e);
	}
	return 0;
}

static void
source_serial_close(struct source *src)
{
	struct source_serial *s = (struct source_serial *)src;

	if (s->fd != -1)
		close(s->fd);
	free(s);
}

const struct source_class source_serial_class = {
	"serial", source_serial_open, source_serial_fd, source_serial_read,
	source_serial_close
};
