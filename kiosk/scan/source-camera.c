/*
 * source-camera.c: V4L2 capture on a thread, decoded frames into a pipe; see
 * source-camera.h.
 *
 * Three threads touch struct source_camera. The capture thread owns everything
 * about the device (fd, buffers, format, scratch, the frame decoder and its
 * dedupe filter); the heavier passes' thread (decode-heavy.c, started by
 * source_frame_beside()) only writes scans into the pipe; the caller's thread
 * owns ready and the last dedupe filter (the fast pass and the heavier ones may
 * both find a code), and only reads the pipe. They share nothing else, so there
 * is no lock: messages are fixed-size structs written whole into a pipe (each
 * under PIPE_BUF, so a write is atomic and a read gets one whole message). The pipe's write end is non-blocking: if the UI stops reading, scans
 * are dropped rather than the capture thread stalling where closing could not
 * wake it. Stopping is a byte on a second pipe the thread polls with the
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

#define SOURCE_CAMERA_NBUF		4
#define SOURCE_CAMERA_POLL_MS		1000
#define SOURCE_CAMERA_STALL_MS		5000	/* streaming but no frame this long: reopen */
/* The heavier passes' share of a core beside the fast pass: with 720p frames
 * every pass is tried on the scene within about a second (bench-decode). */
#define SOURCE_CAMERA_HEAVY_SHARE	30

enum source_camera_msg_type {
	SOURCE_CAMERA_MSG_SCAN, SOURCE_CAMERA_MSG_ERROR, SOURCE_CAMERA_MSG_READY
};

struct source_camera_msg {
	enum source_camera_msg_type	 type;
	struct err		 err;
	struct scan_event	 ev;
};

struct source_camera_buf {
	void			*p;
	size_t			 len;
};

#define SOURCE_CAMERA_RETRY_S	3	/* between attempts to reopen */

struct source_camera_opts {
	char			 device[PATH_MAX];	/* "/dev/video0" */
	int			 width;		/* asked for; the driver may adjust */
	int			 height;
	uint32_t		 fourcc;	/* V4L2_PIX_FMT_*; 0: YUYV, GREY or MJPEG */
	int			 wait;		/* start even if the device is not there yet */
	int64_t			 dedupe_ms;
	struct decode_opts	 decode;
};

struct source_camera {
	struct source		 base;
	struct source_camera_opts opts;
	pthread_t		 thread;
	int			 msg[2];	/* thread -> caller */
	int			 stop[2];	/* caller -> thread */
	int			 ready;		/* caller's side */
	struct scan_dedupe	 dd;		/* caller's side */

	/* The capture thread's. */
	int			 fd;
	struct source_camera_buf	 buf[SOURCE_CAMERA_NBUF];
	unsigned		 nbuf;
	uint32_t		 fourcc;
	int			 width, height, bpl;
	struct source_frame		 frame;
	struct source_camera_scratch	 scratch;
	const char		*last_key;	/* last error posted, to post it once */
};

_Static_assert(sizeof(struct source_camera_msg) <= PIPE_BUF,
    "camera messages must be atomic");

int
source_camera_fourcc_parse(const char *s, uint32_t *fourcc)
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

int
source_camera_size_parse(const char *s, struct source_opts *o)
{
	int w, h, n = 0;

	if (sscanf(s, "%dx%d%n", &w, &h, &n) != 2 || s[n] != '\0' || w < 16 ||
	    h < 16 || w > DECODE_MAX_SIDE || h > DECODE_MAX_SIDE)
		return -1;
	o->width = w;
	o->height = h;
	return 0;
}

/* --- Frames to gray. --- */

struct source_camera_jpeg {
	struct jpeg_decompress_struct	 cinfo;
	struct jpeg_error_mgr		 jerr;
	jmp_buf				 jb;
	int				 bad_warnings;
};

static void
source_camera_jpeg_error_exit(j_common_ptr cinfo)
{
	struct source_camera_jpeg *j = (struct source_camera_jpeg *)cinfo->client_data;

	longjmp(j->jb, 1);
}

/* Webcams often pad frames with stray bytes (harmless); any other warning, such as
 * a frame cut short and filled with gray, makes the frame unusable. Nothing is
 * printed: libjpeg's default writes on stderr, under the screen. */
static void
source_camera_jpeg_emit_message(j_common_ptr cinfo, int level)
{
	struct source_camera_jpeg *j = (struct source_camera_jpeg *)cinfo->client_data;

	if (level == -1 && cinfo->err->msg_code != JWRN_EXTRANEOUS_DATA)
		j->bad_warnings++;
}

/* The decompression proper; a libjpeg error longjmps out to
 * source_camera_view_mjpeg(). */
static int
source_camera_jpeg_decode(struct source_camera_jpeg *j, const unsigned char *data,
    size_t len, struct source_camera_scratch *s, struct source_camera_view *v, struct err *e)
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
source_camera_view_mjpeg(const unsigned char *data, size_t len,
    struct source_camera_scratch *s, struct source_camera_view *v, struct err *e)
{
	struct source_camera_jpeg *j;
	char msg[JMSG_LENGTH_MAX];
	int rc;

	if (len == 0)
		return err_set(e, ERR_INPUT, NULL, "scan.cam.frame", "empty MJPEG");
	if ((j = calloc(1, sizeof *j)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "MJPEG");
	j->cinfo.err = jpeg_std_error(&j->jerr);
	j->jerr.error_exit = source_camera_jpeg_error_exit;
	j->jerr.emit_message = source_camera_jpeg_emit_message;
	j->cinfo.client_data = j;
	if (setjmp(j->jb) != 0) {
		j->jerr.format_message((j_common_ptr)&j->cinfo, msg);
		jpeg_destroy_decompress(&j->cinfo);
		free(j);
		return err_set(e, ERR_INPUT, NULL, "scan.cam.frame", "MJPEG: %s", msg);
	}
	jpeg_create_decompress(&j->cinfo);	/* keeps err and client_data */
	rc = source_camera_jpeg_decode(j, data, len, s, v, e);
	jpeg_destroy_decompress(&j->cinfo);
	free(j);
	return rc;
}

int
source_camera_view(uint32_t fourcc, const unsigned char *data, size_t len, int width,
    int height, int bpl, struct source_camera_scratch *s, struct source_camera_view *v,
    struct err *e)
{
	int pixel_stride;

	if (fourcc == V4L2_PIX_FMT_MJPEG)
		return source_camera_view_mjpeg(data, len, s, v, e);
	if (fourcc == V4L2_PIX_FMT_YUYV)
		pixel_stride = 2;
	else if (fourcc == V4L2_PIX_FMT_GREY)
		pixel_stride = 1;
	else
		return err_set(e, ERR_INPUT, NULL, "scan.cam.format", "fourcc %08x",
		    (unsigned)fourcc);
	if (decode_frame_span(width, height, bpl, pixel_stride) == 0 ||
	    bpl < width * pixel_stride ||
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
source_camera_scratch_free(struct source_camera_scratch *s)
{
	free(s->buf);
	s->buf = NULL;
	s->size = 0;
}

/* --- The device. --- */

static int
source_camera_ioctl(int fd, unsigned long req, void *arg)
{
	int rc;

	do
		rc = ioctl(fd, req, arg);
	while (rc == -1 && errno == EINTR);
	return rc;
}

static const char *
source_camera_errno_key(int error, const char *otherwise)
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
source_camera_fail(struct source_camera *c, const char *what, const char *otherwise,
    struct err *e)
{
	int error = errno;

	return err_set(e, ERR_SYSTEM, "device",
	    source_camera_errno_key(error, otherwise), "%s: %s: %s", c->opts.device,
	    what, strerror(error));
}

static void
source_camera_close_device(struct source_camera *c)
{
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	unsigned i;

	if (c->fd == -1)
		return;
	/* Best effort: the device may be gone already, and close() ends it anyway. */
	(void)source_camera_ioctl(c->fd, VIDIOC_STREAMOFF, &type);
	for (i = 0; i < c->nbuf; i++)
		munmap(c->buf[i].p, c->buf[i].len);
	c->nbuf = 0;
	close(c->fd);
	c->fd = -1;
}

/* The format asked for, else the first of ours the device offers. */
static int
source_camera_pick_format(struct source_camera *c, uint32_t *fourcc, struct err *e)
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
	for (d.index = 0; source_camera_ioctl(c->fd, VIDIOC_ENUM_FMT, &d) == 0;
	    d.index++)
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
source_camera_set_format(struct source_camera *c, struct err *e)
{
	struct v4l2_format f;
	uint32_t fourcc = 0;

	if (source_camera_pick_format(c, &fourcc, e) == -1)
		return -1;
	memset(&f, 0, sizeof f);
	f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	f.fmt.pix.width = c->opts.width;
	f.fmt.pix.height = c->opts.height;
	f.fmt.pix.pixelformat = fourcc;
	f.fmt.pix.field = V4L2_FIELD_ANY;
	if (source_camera_ioctl(c->fd, VIDIOC_S_FMT, &f) == -1)
		return source_camera_fail(c, "VIDIOC_S_FMT", "scan.cam.format", e);
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
source_camera_map_buffers(struct source_camera *c, struct err *e)
{
	struct v4l2_requestbuffers rb;
	struct v4l2_buffer b;
	unsigned i;

	memset(&rb, 0, sizeof rb);
	rb.count = SOURCE_CAMERA_NBUF;
	rb.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	rb.memory = V4L2_MEMORY_MMAP;
	if (source_camera_ioctl(c->fd, VIDIOC_REQBUFS, &rb) == -1)
		return source_camera_fail(c, "VIDIOC_REQBUFS", "scan.cam.stream", e);
	if (rb.count < 1)
		return err_set(e, ERR_SYSTEM, "device", "scan.cam.stream",
		    "%s: no buffers", c->opts.device);
	for (i = 0; i < rb.count && i < SOURCE_CAMERA_NBUF; i++) {
		memset(&b, 0, sizeof b);
		b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		b.memory = V4L2_MEMORY_MMAP;
		b.index = i;
		if (source_camera_ioctl(c->fd, VIDIOC_QUERYBUF, &b) == -1)
			return source_camera_fail(c, "VIDIOC_QUERYBUF", "scan.cam.stream",
			    e);
		c->buf[i].len = b.length;
		c->buf[i].p = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED,
		    c->fd, b.m.offset);
		if (c->buf[i].p == MAP_FAILED)
			return source_camera_fail(c, "mmap", "scan.cam.stream", e);
		c->nbuf = i + 1;
		if (source_camera_ioctl(c->fd, VIDIOC_QBUF, &b) == -1)
			return source_camera_fail(c, "VIDIOC_QBUF", "scan.cam.stream",
			    e);
	}
	return 0;
}

static int
source_camera_open_device(struct source_camera *c, struct err *e)
{
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	struct v4l2_capability cap;
	uint32_t caps;

	c->fd = open(c->opts.device, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (c->fd == -1)
		return source_camera_fail(c, "open", "scan.cam.open", e);
	memset(&cap, 0, sizeof cap);
	if (source_camera_ioctl(c->fd, VIDIOC_QUERYCAP, &cap) == -1) {
		source_camera_fail(c, "VIDIOC_QUERYCAP", "scan.cam.notcamera", e);
		goto fail;
	}
	caps = cap.capabilities & V4L2_CAP_DEVICE_CAPS ? cap.device_caps :
	    cap.capabilities;
	if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING)) {
		err_set(e, ERR_SYSTEM, "device", "scan.cam.notcamera",
		    "%s: no streaming capture", c->opts.device);
		goto fail;
	}
	if (source_camera_set_format(c, e) == -1 ||
	    source_camera_map_buffers(c, e) == -1)
		goto fail;
	if (source_camera_ioctl(c->fd, VIDIOC_STREAMON, &type) == -1) {
		source_camera_fail(c, "VIDIOC_STREAMON", "scan.cam.stream", e);
		goto fail;
	}
	return 0;
fail:
	source_camera_close_device(c);
	return -1;
}

/* --- The capture thread. --- */

static void
source_camera_post(struct source_camera *c, const struct source_camera_msg *m)
{
	ssize_t n;

	do
		n = write(c->msg[1], m, sizeof *m);
	while (n == -1 && errno == EINTR);
	/* n == -1 with EAGAIN: the caller is not reading; the scan is dropped. */
}

static void
source_camera_post_error(struct source_camera *c, const struct err *e)
{
	struct source_camera_msg m;

	if (c->last_key == e->key)
		return;
	c->last_key = e->key;
	memset(&m, 0, sizeof m);
	m.type = SOURCE_CAMERA_MSG_ERROR;
	m.err = *e;
	source_camera_post(c, &m);
}

static void
source_camera_post_scan(const struct scan_event *ev, void *arg)
{
	struct source_camera *c = arg;
	struct source_camera_msg m;

	memset(&m, 0, sizeof m);
	m.type = SOURCE_CAMERA_MSG_SCAN;
	m.ev = *ev;
	source_camera_post(c, &m);
}

/* source_frame_decode() reports through its return value, never here. */
static void
source_camera_post_warn(const struct err *e, void *arg)
{
	(void)e;
	(void)arg;
}

/* Waits up to ms for the stop pipe; 1 if stop was asked. */
static int
source_camera_stopped(struct source_camera *c, int ms)
{
	struct pollfd p = { .fd = c->stop[0], .events = POLLIN };

	return poll(&p, 1, ms) > 0;
}

/*
 * Decodes one captured buffer; its scans go to the sink. A damaged frame is
 * skipped: the next one comes a few ms later.
 */
static void
source_camera_decode(struct source_camera *c, const unsigned char *data, size_t len,
    const struct scan_sink *sink)
{
	struct source_camera_view v;
	struct err fe;

	if (source_camera_view(c->fourcc, data, len, c->width, c->height, c->bpl,
	    &c->scratch, &v, &fe) == 0 &&
	    source_frame_decode(&c->frame, v.px, v.width, v.height, v.row_stride,
	    v.pixel_stride, scan_now_ms(), sink, &fe) == -1)
		source_camera_post_error(c, &fe);	/* the decoder keeps dying */
}

/* Takes one frame, decodes it and gives the buffer back. -1: the device failed. */
static int
source_camera_frame(struct source_camera *c, struct err *e)
{
	struct scan_sink sink = { source_camera_post_scan, source_camera_post_warn, c };
	struct v4l2_buffer b;

	memset(&b, 0, sizeof b);
	b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	b.memory = V4L2_MEMORY_MMAP;
	if (source_camera_ioctl(c->fd, VIDIOC_DQBUF, &b) == -1) {
		if (errno == EAGAIN)
			return 0;
		return source_camera_fail(c, "VIDIOC_DQBUF", "scan.cam.gone", e);
	}
	if (b.index < c->nbuf && !(b.flags & V4L2_BUF_FLAG_ERROR))
		source_camera_decode(c, c->buf[b.index].p, b.bytesused, &sink);
	if (source_camera_ioctl(c->fd, VIDIOC_QBUF, &b) == -1)
		return source_camera_fail(c, "VIDIOC_QBUF", "scan.cam.gone", e);
	return 1;
}

/* Streams until stopped or the device fails; 1 when stopped. */
static int
source_camera_stream(struct source_camera *c, struct err *e)
{
	struct pollfd p[2];
	int64_t last = scan_now_ms();
	int rc;

	for (;;) {
		p[0].fd = c->fd;
		p[0].events = POLLIN;
		p[1].fd = c->stop[0];
		p[1].events = POLLIN;
		if (poll(p, 2, SOURCE_CAMERA_POLL_MS) == -1 && errno != EINTR)
			return err_set(e, ERR_SYSTEM, "device", "scan.cam.gone",
			    "poll: %s", strerror(errno));
		if (p[1].revents != 0)
			return 1;
		if (p[0].revents & (POLLIN | POLLERR | POLLHUP | POLLNVAL)) {
			if ((rc = source_camera_frame(c, e)) == -1)
				return -1;
			if (rc == 1)
				last = scan_now_ms();
			/* An error flagged with no frame to take would wake poll
			 * again at once: give the device up rather than spin. */
			else if (p[0].revents & (POLLERR | POLLHUP | POLLNVAL))
				return err_set(e, ERR_SYSTEM, "device", "scan.cam.gone",
				    "%s: poll error", c->opts.device);
		}
		if (scan_now_ms() - last > SOURCE_CAMERA_STALL_MS)
			return err_set(e, ERR_SYSTEM, "device", "scan.cam.stalled",
			    "%s: no frame for %d s", c->opts.device,
			    SOURCE_CAMERA_STALL_MS / 1000);
	}
}

static void *
source_camera_main(void *arg)
{
	struct source_camera *c = arg;
	struct source_camera_msg m;
	struct err e;

	for (;;) {
		if (c->fd == -1 && source_camera_open_device(c, &e) == -1) {
			source_camera_post_error(c, &e);
			if (source_camera_stopped(c, SOURCE_CAMERA_RETRY_S * 1000))
				break;
			continue;
		}
		c->last_key = NULL;
		memset(&m, 0, sizeof m);
		m.type = SOURCE_CAMERA_MSG_READY;
		source_camera_post(c, &m);
		if (source_camera_stream(c, &e) == 1)
			break;
		source_camera_close_device(c);
		source_camera_post_error(c, &e);
		if (source_camera_stopped(c, SOURCE_CAMERA_RETRY_S * 1000))
			break;
	}
	source_camera_close_device(c);
	return NULL;
}

/* --- The caller's side. --- */

static int
source_camera_pipe(int fds[2], struct err *e)
{
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) == -1)
		return err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "pipe: %s",
		    strerror(errno));
	return 0;
}

static void
source_camera_free(struct source_camera *c)
{
	int i;

	/* First: the heavier passes' thread writes into msg until it stops. */
	source_frame_free(&c->frame);
	for (i = 0; i < 2; i++) {
		if (c->msg[i] != -1)
			close(c->msg[i]);
		if (c->stop[i] != -1)
			close(c->stop[i]);
	}
	source_camera_scratch_free(&c->scratch);
	free(c);
}

/* The options of a source: the class's defaults where o leaves a field 0. */
static void
source_camera_options(struct source_camera_opts *co, const struct source_opts *o)
{
	memset(co, 0, sizeof *co);
	snprintf(co->device, sizeof co->device, "%s", o->path);
	co->width = o->width > 0 ? o->width : 1280;
	co->height = o->height > 0 ? o->height : 720;
	co->fourcc = o->fourcc;
	co->wait = o->wait;
	co->dedupe_ms = o->dedupe_ms;
	decode_opts_default(&co->decode);
}

/* Opens the device and starts the capture thread; with wait, a device that is
 * not there yet is the thread's to retry and report. */
static struct source *
source_camera_open(const struct source_opts *o, struct err *e)
{
	struct scan_sink heavy = { source_camera_post_scan, source_camera_post_warn,
	    NULL };
	struct source_camera *c;
	int rc;

	if (strlen(o->path) >= sizeof c->opts.device) {
		err_set(e, ERR_INPUT, "device", "scan.cam.missing", "path too long");
		return NULL;
	}
	if ((c = calloc(1, sizeof *c)) == NULL) {
		err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "camera");
		return NULL;
	}
	c->base.cls = &source_camera_class;
	source_camera_options(&c->opts, o);
	c->fd = c->msg[0] = c->msg[1] = c->stop[0] = c->stop[1] = -1;
	source_frame_init(&c->frame, SCAN_CAMERA, &c->opts.decode, c->opts.dedupe_ms);
	scan_dedupe_init(&c->dd, c->opts.dedupe_ms);
	heavy.arg = c;
	if (source_camera_pipe(c->msg, e) == -1 ||
	    source_camera_pipe(c->stop, e) == -1 ||
	    source_frame_beside(&c->frame, SOURCE_CAMERA_HEAVY_SHARE, &heavy,
	    e) == -1 ||
	    (source_camera_open_device(c, e) == -1 && !c->opts.wait)) {
		source_camera_free(c);
		return NULL;
	}
	if ((rc = pthread_create(&c->thread, NULL, source_camera_main, c)) != 0) {
		source_camera_close_device(c);
		source_camera_free(c);
		err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "pthread_create: %s",
		    strerror(rc));
		return NULL;
	}
	return &c->base;
}

static int
source_camera_fd(const struct source *src)
{
	return ((const struct source_camera *)src)->msg[0];
}

int
source_camera_ready(const struct source *src)
{
	return ((const struct source_camera *)src)->ready;
}

/* Delivers what the thread posted: scans to the sink; -1 with e for a device
 * error (the thread is already retrying). */
static int
source_camera_read(struct source *src, const struct scan_sink *sink, struct err *e)
{
	struct source_camera *c = (struct source_camera *)src;
	struct source_camera_msg m;
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
		case SOURCE_CAMERA_MSG_SCAN:
			if (scan_dedupe_pass(&c->dd, &m.ev))
				sink->event(&m.ev, sink->arg);
			break;
		case SOURCE_CAMERA_MSG_READY:
			c->ready = 1;
			break;
		case SOURCE_CAMERA_MSG_ERROR:
			c->ready = 0;
			*e = m.err;
			return -1;
		}
	}
}

/* Stops the thread, closes the device, frees everything. */
static void
source_camera_close(struct source *src)
{
	struct source_camera *c = (struct source_camera *)src;
	ssize_t n;

	do
		n = write(c->stop[1], "x", 1);
	while (n == -1 && errno == EINTR);
	pthread_join(c->thread, NULL);
	source_camera_free(c);
}

const struct source_class source_camera_class = {
	"camera", source_camera_open, source_camera_fd, source_camera_read,
	source_camera_close
};
