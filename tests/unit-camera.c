/*
 * unit-camera.c: camera frames into gray, and the camera's error paths.
 *
 * There is no camera on a build machine, so the capture buffers are made here:
 * YUYV with padded lines, GREY, and MJPEG compressed with libjpeg (also without
 * its Huffman tables, as many USB cameras send it). A QR code drawn into such a
 * frame must come out of the same decode path the capture thread uses. The device
 * errors are checked on paths that exist everywhere: a missing device, and
 * /dev/null, which is no camera.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <linux/videodev2.h>

#include "image.h"
#include "source-camera.h"
#include "source-frame.h"
#include "source.h"
#include "tap.h"

static int			 nev;
static struct scan_event	 last;

static void
on_event(const struct scan_event *ev, void *arg)
{
	(void)arg;
	nev++;
	last = *ev;
}

static void
on_warn(const struct err *e, void *arg)
{
	(void)e;
	(void)arg;
}

static const struct scan_sink sink = { on_event, on_warn, NULL };

/* Compresses gray pixels as JPEG; components 3 makes a YCbCr file like a webcam's. */
static unsigned char *
mkjpeg(const unsigned char *gray, int w, int h, int components, unsigned long *len)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr jerr;
	unsigned char *out = NULL, *row;
	int x, y;

	*len = 0;
	row = malloc((size_t)w * components);
	c.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &out, len);
	c.image_width = w;
	c.image_height = h;
	c.input_components = components;
	c.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 92, TRUE);
	jpeg_start_compress(&c, TRUE);
	for (y = 0; y < h; y++) {
		for (x = 0; x < w * components; x++)
			row[x] = gray[(size_t)y * w + x / components];
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	return out;
}

/* Drops every DHT (define Huffman table) segment, as MJPEG cameras do. */
static size_t
strip_dht(unsigned char *p, size_t len)
{
	size_t i = 2, seg;

	while (i + 4 <= len && p[i] == 0xFF && p[i + 1] != 0xDA) {
		seg = 2 + ((size_t)p[i + 2] << 8 | p[i + 3]);
		if (p[i + 1] == 0xC4) {
			memmove(p + i, p + i + seg, len - i - seg);
			len -= seg;
		} else
			i += seg;
	}
	return len;
}

static void
test_yuyv_grey(void)
{
	unsigned char buf[16 * 3];
	struct source_camera_scratch s = { NULL, 0 };
	struct source_camera_view v;
	struct err e;
	int x, y, good = 1;

	memset(buf, 0x80, sizeof buf);
	for (y = 0; y < 3; y++)
		for (x = 0; x < 6; x++)
			buf[y * 16 + x * 2] = (unsigned char)(x * 10 + y);
	ok(source_camera_view(V4L2_PIX_FMT_YUYV, buf, sizeof buf, 6, 3, 16, &s, &v, &e) == 0,
	    "YUYV frame with padded lines is accepted");
	ok(v.px == buf && v.pixel_stride == 2 && v.row_stride == 16,
	    "YUYV is read in place: same buffer, pixel stride 2, driver's line stride");
	for (y = 0; y < 3; y++)
		for (x = 0; x < 6; x++)
			if (v.px[y * v.row_stride + x * v.pixel_stride] != x * 10 + y)
				good = 0;
	ok(good, "every pixel of the view is the Y byte");
	ok(source_camera_view(V4L2_PIX_FMT_YUYV, buf, 16 * 2 + 11, 6, 3, 16, &s, &v, &e) == -1 &&
	    strcmp(e.key, "scan.cam.frame") == 0, "a YUYV buffer one byte short is refused");
	ok(source_camera_view(V4L2_PIX_FMT_YUYV, buf, sizeof buf, 6, 3, 11, &s, &v, &e) == -1,
	    "a line stride shorter than the line is refused");
	ok(source_camera_view(V4L2_PIX_FMT_GREY, buf, sizeof buf, 16, 3, 16, &s, &v, &e) == 0 &&
	    v.px == buf && v.pixel_stride == 1, "GREY is read in place");
	ok(source_camera_view(v4l2_fourcc('R', 'G', 'B', '3'), buf, sizeof buf, 4, 3, 16, &s,
	    &v, &e) == -1 && strcmp(e.key, "scan.cam.format") == 0,
	    "another pixel format is refused as a format");
	ok(s.buf == NULL, "nothing allocated for in-place formats");
}

static void
test_mjpeg(void)
{
	unsigned char gray[64 * 48], *jpg;
	struct source_camera_scratch s = { NULL, 0 };
	struct source_camera_view v;
	unsigned long len;
	struct err e;
	int i, maxdiff = 0, d;

	for (i = 0; i < 64 * 48; i++)
		gray[i] = (i % 64) < 32 ? 30 : 220;
	jpg = mkjpeg(gray, 64, 48, 3, &len);
	ok(source_camera_view(V4L2_PIX_FMT_MJPEG, jpg, len, 640, 480, 0, &s, &v, &e) == 0,
	    "color MJPEG frame decodes");
	is_int(v.width, 64, "MJPEG size comes from its header, not the asked size");
	is_int(v.height, 48, "MJPEG height");
	for (i = 0; i < 64 * 48; i++) {
		d = abs(v.px[(i / 64) * v.row_stride + (i % 64)] - gray[i]);
		if ((i % 64) != 31 && (i % 64) != 32 && d > maxdiff)
			maxdiff = d;
	}
	ok(maxdiff <= 12, "MJPEG gray matches the original (max diff %d)", maxdiff);
	ok(source_camera_view(V4L2_PIX_FMT_MJPEG, jpg, len / 2, 64, 48, 0, &s, &v, &e) == -1 &&
	    strcmp(e.key, "scan.cam.frame") == 0, "a truncated MJPEG frame is refused");
	memset(jpg + 2, 0x5A, len - 2);
	ok(source_camera_view(V4L2_PIX_FMT_MJPEG, jpg, len, 64, 48, 0, &s, &v, &e) == -1,
	    "a garbage MJPEG frame is refused, not fatal");
	ok(source_camera_view(V4L2_PIX_FMT_MJPEG, jpg, 0, 64, 48, 0, &s, &v, &e) == -1,
	    "an empty MJPEG frame is refused");
	free(jpg);
	source_camera_scratch_free(&s);
}

/* A QR code through YUYV and MJPEG frames into the camera's decode path. */
static void
test_decode_path(void)
{
	struct source_camera_scratch s = { NULL, 0 };
	struct source_frame f;
	struct source_camera_view v;
	struct image img;
	unsigned char *yuyv, *jpg;
	unsigned long len, whole;
	size_t i, n;
	struct err e;

	memset(&img, 0, sizeof img);
	if (image_from_qr("JSD-CAM-0042", 4, 4, &img, &e) != 0) {
		ok(0, "image_from_qr: %s", e.key);
		return;
	}
	n = (size_t)img.width * img.height;
	yuyv = malloc(n * 2);
	for (i = 0; i < n; i++) {
		yuyv[2 * i] = img.gray[i];
		yuyv[2 * i + 1] = 128;
	}
	source_frame_init(&f, SCAN_CAMERA, NULL, 2000);
	nev = 0;
	ok(source_camera_view(V4L2_PIX_FMT_YUYV, yuyv, n * 2, img.width, img.height,
	    img.width * 2, &s, &v, &e) == 0 && source_frame_decode(&f, v.px, v.width,
	    v.height, v.row_stride, v.pixel_stride, 1000, &sink, &e) == 0,
	    "YUYV frame decodes");
	ok(nev == 1 && last.source == SCAN_CAMERA && last.format == DECODE_QR &&
	    last.len == 12 && memcmp(last.text, "JSD-CAM-0042", 12) == 0,
	    "the QR code in a YUYV frame is one camera scan");
	source_frame_decode(&f, v.px, v.width, v.height, v.row_stride, v.pixel_stride,
	    1033, &sink, &e);
	is_int(nev, 1, "the next frame with the same code is not reported again");

	jpg = mkjpeg(img.gray, img.width, img.height, 3, &len);
	whole = len;
	len = strip_dht(jpg, len);
	ok(len < whole, "Huffman tables stripped (%lu of %lu bytes left)", len, whole);
	source_frame_init(&f, SCAN_CAMERA, NULL, 2000);
	nev = 0;
	ok(source_camera_view(V4L2_PIX_FMT_MJPEG, jpg, len, img.width, img.height, 0, &s, &v,
	    &e) == 0 && source_frame_decode(&f, v.px, v.width, v.height, v.row_stride,
	    v.pixel_stride, 1000, &sink, &e) == 0 && nev == 1 &&
	    memcmp(last.text, "JSD-CAM-0042", 12) == 0,
	    "an MJPEG frame without Huffman tables (as webcams send) decodes to the code");
	free(jpg);
	free(yuyv);
	image_free(&img);
	source_camera_scratch_free(&s);
}

/* Threads of this process now, from /proc: the capture thread shows there. */
static int
threads(void)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
	int n = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	fclose(f);
	return n;
}

static void
test_device_errors(void)
{
	const struct source_class *cls = source_class_find("camera");
	struct source_opts o;
	struct source *c;
	struct pollfd p;
	struct err e;
	int rc, before;

	ok(cls == &source_camera_class, "the camera is the kind \"camera\" in the table");
	source_opts_default(&o);
	o.path = "/dev/video-none";
	err_clear(&e);
	ok(cls->open(&o, &e) == NULL, "a missing camera fails to open");
	is_str(e.key, "scan.cam.missing", "with the missing-device message");
	is_int(e.kind, ERR_SYSTEM, "as a system error");

	o.path = "/dev/null";
	ok(cls->open(&o, &e) == NULL, "a device that is no camera fails to open");
	is_str(e.key, "scan.cam.notcamera", "with the not-a-camera message");

	/* Waiting for a camera to be plugged in: the thread reports and retries. */
	o.path = "/dev/video-none";
	o.wait = 1;
	before = threads();
	c = cls->open(&o, &e);
	ok(c != NULL, "with wait, open succeeds");
	if (c == NULL)
		return;
	is_int(threads(), before + 1, "and runs the capture thread");
	p.fd = cls->fd(c);
	p.events = POLLIN;
	/* Blocks until the thread reports (the harness times a hang out). */
	rc = poll(&p, 1, -1);
	ok(rc == 1 && cls->read(c, &sink, &e) == -1 &&
	    strcmp(e.key, "scan.cam.missing") == 0,
	    "the capture thread reports the missing camera through the pipe");
	ok(!source_camera_ready(c), "and the camera is not ready");
	/* Past a retry (every 3 s): a slower machine only retries less. */
	ok(poll(&p, 1, 4000) == 0 && cls->read(c, &sink, &e) == 0,
	    "the same error is not repeated on every retry");
	cls->close(c);
	is_int(threads(), before, "close ends the retrying thread");
}

int
main(void)
{
	test_yuyv_grey();
	test_mjpeg();
	test_decode_path();
	test_device_errors();
	return tap_done();
}
