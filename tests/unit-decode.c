/*
 * unit-decode.c: decoding QR and Code128 images as a counter camera sees them.
 *
 * Codes are drawn with image_from_qr()/image_from_code128(), changed by the
 * transforms in imgtool.c (scaling, turns, blur, noise, low contrast, inversion,
 * clutter) and decoded with the shipped settings; a case passes only when the
 * exact payload comes back in the right format.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "image.h"
#include "imgtool.h"
#include "tap.h"

/* A presented code as it will look: Base45-style, 100 characters. */
static const char qr_text[] =
    "JSD1:6BFOXN*TS0BI$ZDFRH%LAR-ACL%1X0LKO5RKP2WMS1T/V6YHGWD8+QP7-ZJTM99CZ-"
    "JK.3D3GK0:B2CKO0QLF8RF";
static const char bar_text[] = "K7Q2M9X4P1Z8";

static struct decode_opts opts;

/* Decodes img; 1 if a code of format f with payload want is among the results. */
static int
finds(const struct image *img, enum decode_format f, const char *want,
    const struct decode_opts *o, struct decode_result *hit)
{
	struct decode_result	res[DECODE_MAX_RESULTS];
	struct err		e;
	size_t			n, i;

	if (decode_gray(img->gray, img->width, img->height, img->width, 1, o, res,
	    DECODE_MAX_RESULTS, &n, &e) != 0) {
		tap_diag("decode_gray: %s %s", e.key, e.detail);
		return 0;
	}
	for (i = 0; i < n; i++)
		if (res[i].format == f && res[i].len == strlen(want) &&
		    memcmp(res[i].bytes, want, res[i].len) == 0) {
			if (hit != NULL)
				*hit = res[i];
			return 1;
		}
	return 0;
}

static void
make_codes(struct image *qr, struct image *bar, int qr_px, int bar_px)
{
	struct err	e;

	if (image_from_qr(qr_text, qr_px, 4, qr, &e) != 0 ||
	    image_from_code128(bar_text, bar_px, 50 * bar_px, bar, &e) != 0) {
		tap_diag("drawing codes: %s %s", e.key, e.detail);
		exit(tap_done() | 1);
	}
}

static void
test_plain(void)
{
	struct image		qr, bar;
	struct decode_result	r;
	int			side;

	make_codes(&qr, &bar, 4, 3);
	ok(finds(&qr, DECODE_QR, qr_text, &opts, &r), "QR as drawn");
	/* The symbol without its 4-module quiet zone, give or take a module. */
	side = qr.width - 2 * 4 * 4;
	ok(abs(r.x - 16) <= 4 && abs(r.y - 16) <= 4 && abs(r.w - side) <= 4 &&
	    abs(r.h - side) <= 4, "QR box %d,%d %dx%d", r.x, r.y, r.w, r.h);
	is_str(decode_format_name(r.format), "QRCode", "QR format name");
	ok(finds(&bar, DECODE_CODE128, bar_text, &opts, &r), "Code128 as drawn");
	ok(r.x >= 3 * 10 - 3 && r.x + r.w <= bar.width - 3 * 10 + 3 && r.w > 200,
	    "Code128 box %d,%d %dx%d", r.x, r.y, r.w, r.h);
	is_str(decode_format_name(r.format), "Code128", "Code128 format name");
	image_free(&qr);
	image_free(&bar);
}

/* The same QR inside a YUYV-like frame: Y bytes every other byte, padded rows. */
static void
test_strides(void)
{
	struct image		 qr, bar;
	struct decode_result	 res[2];
	struct err		 e;
	unsigned char		*buf;
	int			 stride, x, y;
	size_t			 n;

	make_codes(&qr, &bar, 4, 3);
	stride = qr.width * 2 + 64;
	if ((buf = malloc((size_t)stride * qr.height)) == NULL)
		exit(99);
	memset(buf, 128, (size_t)stride * qr.height);
	for (y = 0; y < qr.height; y++)
		for (x = 0; x < qr.width; x++)
			buf[(size_t)y * stride + 2 * x] =
			    qr.gray[(size_t)y * qr.width + x];
	ok(decode_gray(buf, qr.width, qr.height, stride, 2, &opts, res, 2, &n,
	    &e) == 0 && n == 1 && res[0].len == strlen(qr_text) &&
	    memcmp(res[0].bytes, qr_text, res[0].len) == 0,
	    "QR read in place with pixel stride 2 and padded rows");
	ok(decode_gray(buf, qr.width, qr.height, qr.width, 2, &opts, res, 2, &n,
	    &e) == -1 && strcmp(e.key, "decode.args") == 0,
	    "a row stride shorter than a row is refused");
	ok(decode_gray(buf, 0, qr.height, stride, 2, &opts, res, 2, &n, &e) == -1,
	    "a zero width is refused");
	ok(decode_gray(buf, qr.width, qr.height, stride, 0, &opts, res, 2, &n,
	    &e) == -1, "a zero pixel stride is refused");
	ok(decode_gray(buf, qr.width, qr.height, stride,
	    DECODE_MAX_PIXEL_STRIDE + 1, &opts, res, 2, &n, &e) == -1 &&
	    strcmp(e.key, "decode.args") == 0, "too big a pixel stride is refused");
	/* buf is far smaller than the frame said: ASan shows any read of it. */
	ok(decode_gray(buf, 8192, 8193, 8192, 1, &opts, res, 2, &n, &e) == -1 &&
	    strcmp(e.key, "decode.args") == 0,
	    "a frame of more than DECODE_MAX_PIXELS is refused");
	is_int((int)decode_frame_span(qr.width, qr.height, stride, 2),
	    (qr.height - 1) * stride + (qr.width - 1) * 2 + 1,
	    "a frame's span ends at its last pixel");
	ok(decode_frame_span(DECODE_MAX_SIDE, 4096, DECODE_MAX_SIDE, 1) > 0 &&
	    decode_frame_span(DECODE_MAX_SIDE + 1, 1, DECODE_MAX_SIDE + 1, 1) ==
	    0, "a side may be DECODE_MAX_SIDE long, not longer");
	free(buf);
	image_free(&qr);
	image_free(&bar);
}

/* Shrinks a code drawn at 8 px a module down to smaller modules until it fails. */
static void
test_scaled(void)
{
	static const double	 px[] = { 4, 3, 2.5, 2, 1.75, 1.5, 1.25, 1 };
	struct image		 big[2], small;
	const char		*want[2] = { qr_text, bar_text };
	enum decode_format	 f[2] = { DECODE_QR, DECODE_CODE128 };
	double			 smallest;
	int			 c, two_ok;
	size_t			 i;

	make_codes(&big[0], &big[1], 8, 8);
	for (c = 0; c < 2; c++) {
		smallest = 0;
		two_ok = 0;
		for (i = 0; i < sizeof px / sizeof px[0]; i++) {
			if (imgtool_scale(&big[c], px[i] / 8, &small) != 0)
				exit(99);
			if (!finds(&small, f[c], want[c], &opts, NULL)) {
				image_free(&small);
				break;
			}
			smallest = px[i];
			if (px[i] == 2)
				two_ok = 1;
			image_free(&small);
		}
		tap_diag("%s: smallest module that decodes: %.2f px",
		    decode_format_name(f[c]), smallest);
		ok(two_ok, "%s decodes at 2 px a module", decode_format_name(f[c]));
	}
	image_free(&big[0]);
	image_free(&big[1]);
}

static void
test_rotated(void)
{
	static const int	 deg[] = { 90, 180, 270, 15 };
	struct image		 qr, bar, r;
	size_t			 i;

	make_codes(&qr, &bar, 4, 3);
	for (i = 0; i < sizeof deg / sizeof deg[0]; i++) {
		if (imgtool_rotate(&qr, deg[i], &r) != 0)
			exit(99);
		ok(finds(&r, DECODE_QR, qr_text, &opts, NULL), "QR turned %d°",
		    deg[i]);
		image_free(&r);
		if (imgtool_rotate(&bar, deg[i], &r) != 0)
			exit(99);
		ok(finds(&r, DECODE_CODE128, bar_text, &opts, NULL),
		    "Code128 turned %d°", deg[i]);
		image_free(&r);
	}
	image_free(&qr);
	image_free(&bar);
}

static void
test_degraded(void)
{
	struct image		qr, bar, bar2;
	struct decode_opts	no_invert = opts, global = opts, invert = opts;

	make_codes(&qr, &bar, 4, 3);
	if (imgtool_blur(&qr, 1.5) != 0 || imgtool_blur(&bar, 1.0) != 0)
		exit(99);
	ok(finds(&qr, DECODE_QR, qr_text, &opts, NULL), "QR blurred (sigma 1.5 px)");
	ok(finds(&bar, DECODE_CODE128, bar_text, &opts, NULL),
	    "Code128 blurred (sigma 1 px)");
	image_free(&qr);
	image_free(&bar);

	make_codes(&qr, &bar, 4, 3);
	imgtool_noise(&qr, 35, 7);
	/* Linear codes are binarized line by line, with no smoothing in 1.4. */
	imgtool_noise(&bar, 20, 8);
	ok(finds(&qr, DECODE_QR, qr_text, &opts, NULL), "QR with noise (sd 35)");
	ok(finds(&bar, DECODE_CODE128, bar_text, &opts, NULL),
	    "Code128 with noise (sd 20)");
	image_free(&qr);
	image_free(&bar);

	/*
	 * The local binarizer reads 80..180 but not 100..160: a quiet zone block
	 * with no contrast gets the threshold min/2 = 80, which pulls the finder
	 * patterns' threshold below their dark gray. The global one reads it.
	 */
	make_codes(&qr, &bar, 4, 3);
	imgtool_contrast(&qr, 80, 180);
	imgtool_contrast(&bar, 100, 160);
	ok(finds(&qr, DECODE_QR, qr_text, &opts, NULL), "QR in gray 80..180");
	ok(finds(&bar, DECODE_CODE128, bar_text, &opts, NULL),
	    "Code128 in gray 100..160");
	image_free(&qr);
	make_codes(&qr, &bar2, 4, 3);
	imgtool_contrast(&qr, 100, 160);
	global.binarizer = DECODE_BIN_GLOBAL;
	ok(finds(&qr, DECODE_QR, qr_text, &global, NULL),
	    "QR in gray 100..160 with the global binarizer");
	image_free(&qr);
	image_free(&bar2);
	make_codes(&qr, &bar2, 4, 3);
	image_free(&bar2);
	imgtool_invert(&qr);
	invert.try_invert = 1;
	ok(finds(&qr, DECODE_QR, qr_text, &invert, NULL),
	    "QR light on dark (try_invert)");
	no_invert.try_invert = 0;
	ok(!finds(&qr, DECODE_QR, qr_text, &no_invert, NULL),
	    "QR light on dark is not read without try_invert");
	image_free(&qr);
	image_free(&bar);
}

/* Codes pasted into a 1280x720 frame of clutter, as the counter camera sees. */
static void
test_clutter(void)
{
	struct image		 qr, bar, frame;
	struct decode_result	 r, res[DECODE_MAX_RESULTS];
	struct err		 e;
	size_t			 n;

	make_codes(&qr, &bar, 4, 3);
	if (imgtool_clutter(1280, 720, 11, &frame) != 0)
		exit(99);
	ok(decode_gray(frame.gray, 1280, 720, 1280, 1, &opts, res,
	    DECODE_MAX_RESULTS, &n, &e) == 0 && n == 0,
	    "nothing is found in clutter alone");
	imgtool_paste(&frame, &qr, 700, 300);
	imgtool_paste(&frame, &bar, 150, 500);
	if (imgtool_blur(&frame, 0.7) != 0)
		exit(99);
	imgtool_noise(&frame, 5, 3);
	ok(finds(&frame, DECODE_QR, qr_text, &opts, &r), "QR in clutter");
	ok(r.x >= 700 && r.y >= 300 && r.x + r.w <= 700 + qr.width &&
	    r.y + r.h <= 300 + qr.height, "QR box in clutter %d,%d %dx%d", r.x,
	    r.y, r.w, r.h);
	ok(finds(&frame, DECODE_CODE128, bar_text, &opts, &r),
	    "Code128 in the same frame");
	ok(r.x >= 150 && r.x + r.w <= 150 + bar.width && r.y >= 500 &&
	    r.y < 500 + bar.height, "Code128 box in clutter %d,%d %dx%d", r.x,
	    r.y, r.w, r.h);
	image_free(&frame);
	image_free(&qr);
	image_free(&bar);
}

/* Payloads: bytes come back exactly, controls included; too long is refused. */
static void
test_payloads(void)
{
	static char		 text[1100];
	struct decode_result	 res[DECODE_MAX_RESULTS];
	struct image		 img;
	struct err		 e;
	size_t			 n;
	const char		*ctrl = "JSD\x1b[2J\x07\x7f\t<end>";

	if (image_from_qr(ctrl, 4, 4, &img, &e) != 0)
		exit(99);
	ok(finds(&img, DECODE_QR, ctrl, &opts, NULL),
	    "control characters come back as bytes");
	image_free(&img);

	memset(text, 'A', sizeof text - 1);
	text[DECODE_MAX_BYTES] = '\0';
	if (image_from_qr(text, 2, 4, &img, &e) != 0)
		exit(99);
	ok(finds(&img, DECODE_QR, text, &opts, NULL), "%d bytes are read",
	    DECODE_MAX_BYTES);
	image_free(&img);
	text[DECODE_MAX_BYTES] = 'A';
	text[DECODE_MAX_BYTES + 1] = '\0';
	if (image_from_qr(text, 2, 4, &img, &e) != 0)
		exit(99);
	ok(decode_gray(img.gray, img.width, img.height, img.width, 1, &opts, res,
	    DECODE_MAX_RESULTS, &n, &e) == 0 && n == 1 && res[0].len == 0 &&
	    res[0].oversize == DECODE_MAX_BYTES + 1,
	    "%d bytes are refused, not cut, and their size told",
	    DECODE_MAX_BYTES + 1);
	image_free(&img);

	ok(image_from_code128("caf\xc3\xa9", 2, 40, &img, &e) == -1 &&
	    strcmp(e.key, "decode.code128_text") == 0,
	    "Code128 refuses non-ASCII text");
	ok(image_alloc(&img, IMAGE_MAX_SIDE + 1, 10, &e) == -1 &&
	    strcmp(e.key, "image.too_large") == 0, "oversized images are refused");
}

static void
test_names(void)
{
	is_int(decode_format_parse("qr"), DECODE_QR, "qr parses");
	is_int(decode_format_parse("CODE128"), DECODE_CODE128, "CODE128 parses");
	is_int(decode_format_parse("EAN-13"), DECODE_EAN13, "EAN-13 parses");
	is_int(decode_format_parse("aztec"), 0, "aztec is not ours");
	is_str(decode_format_name((enum decode_format)0), "?", "no format is ?");
}

int
main(void)
{
	decode_opts_default(&opts);
	test_plain();
	test_strides();
	test_scaled();
	test_rotated();
	test_degraded();
	test_clutter();
	test_payloads();
	test_names();
	return tap_done();
}
