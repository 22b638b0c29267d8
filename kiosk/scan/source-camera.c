/*
 * source-camera.c: V4L2 capture on a thread, decoded frames into a pipe; see
 * source-camera.h.
 *
 * Two threads touch struct srccam. The capture thread owns everything about the
 * device (fd, buffers, format, scratch, the frame decoder and its dedupe filter);
 * the caller's thread owns ready and only reads the pipe. They share nothing
 * else, so there is no lock: messages are fixed-size structs written whole into a
 * pipe (each under PIPE_BUF, so a write is atomic and a read gets one whole
 * message). The pipe's write end is non-blocking: if the UI stops reading, scans
 * are dropped rather than the capture thread stalling where srccam_stop() could
 * not wake it. Stopping is a byte on a second pipe the thread polls with the
 * device, so it also ends a wait between reopen attempts at once.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <jpeglib.h>
#include <jerror.h>
#include <linux/videodev2.h>

#include "source-camera.h"
#include "source-frame.h"

#define SRCCAM_NBUF		4
#define SRCCAM_POLL_MS		1000
#define SRCCAM_STALL_MS		5000	/* streaming but no frame this long: reopen */

enum srccam_msg_type { SRCCAM_MSG_SCAN, SRCCAM_MSG_ERROR, SRCCAM_MSG_READY };

struct srccam_msg {
	enum srccam_msg_type	 type;
	struct err		 err;
	struct scan_event	 ev;
};

struct srccam_buf {
	void			*p;
	size_t			 len;
};

struct srccam {
	struct srccam_opts	 opts;
	pthread_t		 thread;
	int			 msg[2];	/* thread -> caller */
	int			 stop[2];	/* caller -> thread */
	int			 ready;		/* caller's side */

	/* The capture thread's. */
	int			 fd;
	struct srccam_buf	 buf[SRCCAM_NBUF];
	unsigned		 nbuf;
	uint32_t		 fourcc;
	int			 width, height, bpl;
	struct srcframe		 frame;
	struct srccam_scratch	 scratch;
	const char		*last_key;	/* last error posted, to post it once */
};

_Static_assert(sizeof(struct srccam_msg) <= PIPE_BUF, "camera messages must be atomic");

void
srccam_opts_default(struct srccam_opts *o)
{
	memset(o, 0, sizeof *o);
	snprintf(o->device, sizeof o->device, "/dev/video0");
	o->width = 1280;
	o->height = 720;
	o->retry_s = 3;
	o->dedupe_ms = SCAN_DEDUPE_MS;
	decode_opts_default(&o->decode);
}

int
srccam_fourcc_parse(const char *s, uint32_t *fourcc)
{
	if (strcmp(s, "yuyv") == 0)
		*fourcc = V4L2_PIX_FMT_YUYV;
	else if (strcmp(s, "mjpeg") == 0)
		*fourcc = V4L2_PIX_FMT_MJPEG;
	else if (strcmp(s, "grey") == 0 || strcmp(s, "gray") == 0)
		*fourcc = V4L2_PIX_FMT_GREY;
	else
		return -1;
	return 0;
}

/* --- Frames to gray. --- */

struct srccam_jpeg {
	struct jpeg_decompress_struct	 cinfo;
	struct jpeg_error_mgr		 jerr;
	jmp_buf				 jb;
	int				 bad_warnings;
};

static void
srccam_jpeg_error_exit(j_common_ptr cinfo)
{
	struct srccam_jpeg *j = (struct srccam_jpeg *)cinfo->client_data;

	longjmp(j->jb, 1);
}

/* Webcams often pad frames with stray bytes (harmless); any other warning, such as
 * a frame cut short and filled with gray, makes the frame unusable. Nothing is
 * printed: libjpeg's default writes on stderr, under the screen. */
static void
srccam_jpeg_emit_message(j_common_ptr cinfo, int level)
{
	struct srccam_jpeg *j = (struct srccam_jpeg *)cinfo->client_data;

	if (level == -1 && cinfo->err->msg_code != JWRN_EXTRANEOUS_DATA)
		j->bad_warnings++;
}

/* The decompression proper; a libjpeg error longjmps out to srccam_view_mjpeg(). */
static int
srccam_jpeg_decode(struct srccam_jpeg *j, const unsigned char *data, size_t len,
    struct srccam_scratch *s, struct srccam_view *v, struct err *e)
{
	struct jpeg_decompress_struct *ci = &j->cinfo;
	JSAMPROW row;
	size_t need;
	void *p;

	jpeg_mem_src(ci, data, len);
	jpeg_read_header(ci, TRUE);
	if (ci->image_width > DECODE_MAX_SIDE || ci->image_height > DECODE_MAX_SIDE)
		return err_set(e, ERR_INPUT, NULL, "scan.cam.frame", "MJPEG %ux%u",
		    ci->image_width, ci->image_height);
	ci->out_color_space = JCS_GRAYSCALE;
	jpeg_start_decompress(ci);
	need = (size_t)ci->output_width * ci->output_height;
	if (need > s->size) {
		if ((p = realloc(s->buf, need)) == NULL)
			return err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "MJPEG");
		s->buf = p;
		s->size = need;
	}
	while (ci->output_scanline < ci->output_height) {
		row = s->buf + (size_t)ci->output_scanline * ci->output_width;
		jpeg_read_scanlines(ci, &row, 1);
	}
	jpeg_finish_decompress(ci);
	if (j->bad_warnings > 0)
		return err_set(e, ERR_INPUT, NULL, "scan.cam.frame", "MJPEG damaged");
	v->px = s->buf;
	v->width = (int)ci->output_width;
	v->height = (int)ci->output_height;
	v->row_stride = v->width;
	v->pixel_stride = 1;
	return 0;
}

/* The error path reads only the heap block, whose pointer is set before setjmp. */
static int
srccam_view_mjpeg(const unsigned char *data, size_t len, struct srccam_scratch *s,
    struct srccam_view *v, struct err *e)
{
	struct srccam_jpeg *j;
	char msg[JMSG_LENGTH_MAX];
	int rc;

	if (len == 0)
		return err_set(e, ERR_INPUT, NULL, "scan.cam.frame", "empty MJPEG");
	if ((j = calloc(1, sizeof *j)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "MJPEG");
	j->cinfo.err = jpeg_std_error(&j->jerr);
	j->jerr.error_exit = srccam_jpeg_error_exit;
	j->jerr.emit_message = srccam_jpeg_emit_message;
	j->cinfo.client_data = j;
	if (setjmp(j->jb) != 0) {
		j->jerr.format_message((j_common_ptr)&j->cinfo, msg);
		jpeg_destroy_decompress(&j->cinfo);
		free(j);
		return err_set(e, ERR_INPUT, NULL, "scan.cam.frame", "MJPEG: %s", msg);
	}
	jpeg_create_decompress(&j->cinfo);	/* keeps err and client_data */
	rc = srccam_jpeg_decode(j, data, len, s, v, e);
	jpeg_destroy_decompress(&j->cinfo);
	free(j);
	return rc;
}

int
srccam_view(uint32_t fourcc, const unsigned char *data, size_t len, int width,
    int height, int bpl, struct srccam_scratch *s, struct srccam_view *v,
    struct err *e)
{
	int pixel_stride;

	if (fourcc == V4L2_PIX_FMT_MJPEG)
		return srccam_view_mjpeg(data, len, s, v, e);
	if (fourcc == V4L2_PIX_FMT_YUYV)
		pixel_stride = 2;
	else if (fourcc == V4L2_PIX_FMT_GREY)
		pixel_stride = 1;
	else
		return err_set(e, ERR_INPUT, NULL, "scan.cam.format", "fourcc %08x",
		    (unsigned)fourcc);
	if (width < 1 || height < 1 || width > DECODE_MAX_SIDE ||
	    height > DECODE_MAX_SIDE || bpl < width * pixel_stride ||
	    len < (size_t)bpl * (height - 1) + (size_t)width * pixel_stride)
		return err_set(e, ERR_INPUT, NULL, "scan.cam.frame",
		    "%dx%d, %d bytes a line, %zu bytes", width, height, bpl, len);
	v->px = data;
	v->width = width;
	v->height = height;
	v->row_stride = bpl;
	v->pixel_stride = pixel_stride;
	return 0;
}

void
srccam_scratch_free(struct srccam_scratch *s)
{
	free(s->buf);
	s->buf = NULL;
	s->size = 0;
}

/* --- The device. --- */

static int
srccam_ioctl(int fd, unsigned long req, void *arg)
{
	int rc;

	do
		rc = ioctl(fd, req, arg);
	while (rc == -1 && errno == EINTR);
	return rc;
}

static const char *
srccam_errno_key(int error, const char *otherwise)
{
	switch (error) {
	case ENOENT:
	case ENXIO:
		return "scan.cam.missing";
	case ENODEV:
	case EIO:
		return "scan.cam.gone";
	case EBUSY:
		return "scan.cam.busy";
	case EACCES:
	case EPERM:
		return "scan.cam.denied";
	default:
		return otherwise;
	}
}

static int
srccam_fail(struct srccam *c, const char *what, const char *otherwise, struct err *e)
{
	int error = errno;

	return err_set(e, ERR_SYSTEM, "device", srccam_errno_key(error, otherwise),
	    "%s: %s: %s", c->opts.device, what, strerror(error));
}

static void
srccam_close_device(struct srccam *c)
{
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	unsigned i;

	if (c->fd == -1)
		return;
	/* Best effort: the device may be gone already, and close() ends it anyway. */
	(void)srccam_ioctl(c->fd, VIDIOC_STREAMOFF, &type);
	for (i = 0; i < c->nbuf; i++)
		munmap(c->buf[i].p, c->buf[i].len);
	c->nbuf = 0;
	close(c->fd);
	c->fd = -1;
}

/* The format asked for, else the first of ours the device offers. */
static int
srccam_pick_format(struct srccam *c, uint32_t *fourcc, struct err *e)
{
	static const uint32_t ours[] = {
		V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_GREY, V4L2_PIX_FMT_MJPEG,
	};
	struct v4l2_fmtdesc d;
	unsigned offered = 0, i;

	if (c->opts.fourcc != 0) {
		*fourcc = c->opts.fourcc;
		return 0;
	}
	memset(&d, 0, sizeof d);
	d.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	for (d.index = 0; srccam_ioctl(c->fd, VIDIOC_ENUM_FMT, &d) == 0; d.index++)
		for (i = 0; i < sizeof ours / sizeof ours[0]; i++)
			if (d.pixelformat == ours[i])
				offered |= 1u << i;
	for (i = 0; i < sizeof ours / sizeof ours[0]; i++) {
		if (offered & (1u << i)) {
			*fourcc = ours[i];
			return 0;
		}
	}
	return err_set(e, ERR_SYSTEM, "format", "scan.cam.format", "%s: none of YUYV, "
	    "GREY, MJPEG offered", c->opts.device);
}

static int
srccam_set_format(struct srccam *c, struct err *e)
{
	struct v4l2_format f;
	uint32_t fourcc = 0;

	if (srccam_pick_format(c, &fourcc, e) == -1)
		return -1;
	memset(&f, 0, sizeof f);
	f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	f.fmt.pix.width = c->opts.width;
	f.fmt.pix.height = c->opts.height;
	f.fmt.pix.pixelformat = fourcc;
	f.fmt.pix.field = V4L2_FIELD_ANY;
	if (srccam_ioctl(c->fd, VIDIOC_S_FMT, &f) == -1)
		return srccam_fail(c, "VIDIOC_S_FMT", "scan.cam.format", e);
	/* The driver answers with what it will really send, maybe another format. */
	if (f.fmt.pix.pixelformat != fourcc)
		return err_set(e, ERR_SYSTEM, "format", "scan.cam.format",
		    "%s: format %08x not taken", c->opts.device, (unsigned)fourcc);
	c->fourcc = fourcc;
	c->width = (int)f.fmt.pix.width;
	c->height = (int)f.fmt.pix.height;
	c->bpl = (int)f.fmt.pix.bytesperline;
	if (c->bpl == 0)
		c->bpl = c->width * (fourcc == V4L2_PIX_FMT_YUYV ? 2 : 1);
	return 0;
}

static int
srccam_map_buffers(struct srccam *c, struct err *e)
{
	struct v4l2_requestbuffers rb;
	struct v4l2_buffer b;
	unsigned i;

	memset(&rb, 0, sizeof rb);
	rb.count = SRCCAM_NBUF;
	rb.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	rb.memory = V4L2_MEMORY_MMAP;
	if (srccam_ioctl(c->fd, VIDIOC_REQBUFS, &rb) == -1)
		return srccam_fail(c, "VIDIOC_REQBUFS", "scan.cam.stream", e);
	if (rb.count < 1)
		return err_set(e, ERR_SYSTEM, "device", "scan.cam.stream",
		    "%s: no buffers", c->opts.device);
	for (i = 0; i < rb.count && i < SRCCAM_NBUF; i++) {
		memset(&b, 0, sizeof b);
		b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		b.memory = V4L2_MEMORY_MMAP;
		b.index = i;
		if (srccam_ioctl(c->fd, VIDIOC_QUERYBUF, &b) == -1)
			return srccam_fail(c, "VIDIOC_QUERYBUF", "scan.cam.stream", e);
		c->buf[i].len = b.length;
		c->buf[i].p = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED,
		    c->fd, b.m.offset);
		if (c->buf[i].p == MAP_FAILED)
			return srccam_fail(c, "mmap", "scan.cam.stream", e);
		c->nbuf = i + 1;
		if (srccam_ioctl(c->fd, VIDIOC_QBUF, &b) == -1)
			return srccam_fail(c, "VIDIOC_QBUF", "scan.cam.stream", e);
	}
	return 0;
}

static int
srccam_open_device(struct srccam *c, struct err *e)
{
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	struct v4l2_capability cap;
	uint32_t caps;

	c->fd = open(c->opts.device, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (c->fd == -1)
		return srccam_fail(c, "open", "scan.cam.open", e);
	memset(&cap, 0, sizeof cap);
	if (srccam_ioctl(c->fd, VIDIOC_QUERYCAP, &cap) == -1) {
		srccam_fail(c, "VIDIOC_QUERYCAP", "scan.cam.notcamera", e);
		goto fail;
	}
	caps = cap.capabilities & V4L2_CAP_DEVICE_CAPS ? cap.device_caps :
	    cap.capabilities;
	if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING)) {
		err_set(e, ERR_SYSTEM, "device", "scan.cam.notcamera",
		    "%s: no streaming capture", c->opts.device);
		goto fail;
	}
	if (srccam_set_format(c, e) == -1 || srccam_map_buffers(c, e) == -1)
		goto fail;
	if (srccam_ioctl(c->fd, VIDIOC_STREAMON, &type) == -1) {
		srccam_fail(c, "VIDIOC_STREAMON", "scan.cam.stream", e);
		goto fail;
	}
	return 0;
fail:
	srccam_close_device(c);
	return -1;
}

/* --- The capture thread. --- */

static void
srccam_post(struct srccam *c, const struct srccam_msg *m)
{
	ssize_t n;

	do
		n = write(c->msg[1], m, sizeof *m);
	while (n == -1 && errno == EINTR);
	/* n == -1 with EAGAIN: the caller is not reading; the scan is dropped. */
}

static void
srccam_post_error(struct srccam *c, const struct err *e)
{
	struct srccam_msg m;

	if (c->last_key == e->key)
		return;
	c->last_key = e->key;
	memset(&m, 0, sizeof m);
	m.type = SRCCAM_MSG_ERROR;
	m.err = *e;
	srccam_post(c, &m);
}

static void
srccam_post_scan(const struct scan_event *ev, void *arg)
{
	struct srccam *c = arg;
	struct srccam_msg m;

	memset(&m, 0, sizeof m);
	m.type = SRCCAM_MSG_SCAN;
	m.ev = *ev;
	srccam_post(c, &m);
}

/* srcframe_decode() reports through its return value, never here. */
static void
srccam_post_warn(const struct err *e, void *arg)
{
	(void)e;
	(void)arg;
}

/* Waits up to ms for the stop pipe; 1 if stop was asked. */
static int
srccam_stopped(struct srccam *c, int ms)
{
	struct pollfd p = { .fd = c->stop[0], .events = POLLIN };

	return poll(&p, 1, ms) > 0;
}

/* Takes one frame, decodes it and gives the buffer back. -1: the device failed. */
static int
srccam_frame(struct srccam *c, struct err *e)
{
	struct scan_sink sink = { srccam_post_scan, srccam_post_warn, c };
	struct srccam_view v;
	struct v4l2_buffer b;
	struct err fe;

	memset(&b, 0, sizeof b);
	b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	b.memory = V4L2_MEMORY_MMAP;
	if (srccam_ioctl(c->fd, VIDIOC_DQBUF, &b) == -1) {
		if (errno == EAGAIN)
			return 0;
		return srccam_fail(c, "VIDIOC_DQBUF", "scan.cam.gone", e);
	}
	/* A damaged frame is skipped: the next one comes a few ms later. */
	if (b.index < c->nbuf && !(b.flags & V4L2_BUF_FLAG_ERROR) &&
	    srccam_view(c->fourcc, c->buf[b.index].p, b.bytesused, c->width,
	    c->height, c->bpl, &c->scratch, &v, &fe) == 0)
		(void)srcframe_decode(&c->frame, v.px, v.width, v.height,
		    v.row_stride, v.pixel_stride, scan_now_ms(), &sink, &fe);
	if (srccam_ioctl(c->fd, VIDIOC_QBUF, &b) == -1)
		return srccam_fail(c, "VIDIOC_QBUF", "scan.cam.gone", e);
	return 1;
}

/* Streams until stopped or the device fails; 1 when stopped. */
static int
srccam_stream(struct srccam *c, struct err *e)
{
	struct pollfd p[2];
	int64_t last = scan_now_ms();
	int rc;

	for (;;) {
		p[0].fd = c->fd;
		p[0].events = POLLIN;
		p[1].fd = c->stop[0];
		p[1].events = POLLIN;
		if (poll(p, 2, SRCCAM_POLL_MS) == -1 && errno != EINTR)
			return err_set(e, ERR_SYSTEM, "device", "scan.cam.gone",
			    "poll: %s", strerror(errno));
		if (p[1].revents != 0)
			return 1;
		if (p[0].revents & (POLLIN | POLLERR | POLLHUP | POLLNVAL)) {
			if ((rc = srccam_frame(c, e)) == -1)
				return -1;
			if (rc == 1)
				last = scan_now_ms();
			/* An error flagged with no frame to take would wake poll
			 * again at once: give the device up rather than spin. */
			else if (p[0].revents & (POLLERR | POLLHUP | POLLNVAL))
				return err_set(e, ERR_SYSTEM, "device", "scan.cam.gone",
				    "%s: poll error", c->opts.device);
		}
		if (scan_now_ms() - last > SRCCAM_STALL_MS)
			return err_set(e, ERR_SYSTEM, "device", "scan.cam.stalled",
			    "%s: no frame for %d s", c->opts.device,
			    SRCCAM_STALL_MS / 1000);
	}
}

static void *
srccam_main(void *arg)
{
	struct srccam *c = arg;
	struct srccam_msg m;
	struct err e;

	for (;;) {
		if (c->fd == -1 && srccam_open_device(c, &e) == -1) {
			srccam_post_error(c, &e);
			if (srccam_stopped(c, c->opts.retry_s * 1000))
				break;
			continue;
		}
		c->last_key = NULL;
		memset(&m, 0, sizeof m);
		m.type = SRCCAM_MSG_READY;
		srccam_post(c, &m);
		if (srccam_stream(c, &e) == 1)
			break;
		srccam_close_device(c);
		srccam_post_error(c, &e);
		if (srccam_stopped(c, c->opts.retry_s * 1000))
			break;
	}
	srccam_close_device(c);
	return NULL;
}

/* --- The caller's side. --- */

static int
srccam_pipe(int fds[2], struct err *e)
{
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) == -1)
		return err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "pipe: %s",
		    strerror(errno));
	return 0;
}

static void
srccam_free(struct srccam *c)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (c->msg[i] != -1)
			close(c->msg[i]);
		if (c->stop[i] != -1)
			close(c->stop[i]);
	}
	srccam_scratch_free(&c->scratch);
	free(c);
}

int
srccam_start(const struct srccam_opts *o, struct srccam **out, struct err *e)
{
	struct srccam *c;
	int rc;

	*out = NULL;
	if ((c = calloc(1, sizeof *c)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "camera");
	c->opts = *o;
	if (c->opts.retry_s < 1)
		c->opts.retry_s = 1;
	c->fd = c->msg[0] = c->msg[1] = c->stop[0] = c->stop[1] = -1;
	srcframe_init(&c->frame, SCAN_CAMERA, &c->opts.decode, c->opts.dedupe_ms);
	if (srccam_pipe(c->msg, e) == -1 || srccam_pipe(c->stop, e) == -1) {
		srccam_free(c);
		return -1;
	}
	if (srccam_open_device(c, e) == -1 && !c->opts.wait) {
		srccam_free(c);
		return -1;
	}
	if ((rc = pthread_create(&c->thread, NULL, srccam_main, c)) != 0) {
		srccam_close_device(c);
		srccam_free(c);
		return err_set(e, ERR_SYSTEM, NULL, "scan.src.memory",
		    "pthread_create: %s", strerror(rc));
	}
	*out = c;
	return 0;
}

int
srccam_fd(const struct srccam *c)
{
	return c->msg[0];
}

int
srccam_ready(const struct srccam *c)
{
	return c->ready;
}

int
srccam_read(struct srccam *c, const struct scan_sink *sink, struct err *e)
{
	struct srccam_msg m;
	ssize_t n;

	for (;;) {
		n = read(c->msg[0], &m, sizeof m);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n != (ssize_t)sizeof m)
			return err_set(e, ERR_SYSTEM, "device", "scan.cam.gone",
			    "camera thread: %s", n == -1 ? strerror(errno) : "short read");
		switch (m.type) {
		case SRCCAM_MSG_SCAN:
			sink->event(&m.ev, sink->arg);
			break;
		case SRCCAM_MSG_READY:
			c->ready = 1;
			break;
		case SRCCAM_MSG_ERROR:
			c->ready = 0;
			*e = m.err;
			return -1;
		}
	}
}

void
srccam_stop(struct srccam *c)
{
	ssize_t n;

	if (c == NULL)
		return;
	do
		n = write(c->stop[1], "x", 1);
	while (n == -1 && errno == EINTR);
	pthread_join(c->thread, NULL);
	srccam_free(c);
}
