/*
 * decode.cpp: the ZXing-C++ 1.4 shim behind decode.h, the only C++ in the tree.
 *
 * It owns no state: each call builds DecodeHints from struct decode_opts, reads the
 * caller's buffer in place through an ImageView, and copies what it finds into the
 * caller's results. Every exception (bad_alloc, anything ZXing throws) is caught
 * here and becomes a struct err, because unwinding into C code is undefined.
 * ZXing 1.4 has no "try inverted" option, so light-on-dark symbols are read by
 * inverting into a scratch buffer and reading again.
 *
 * Two kinds of reading live here. The fast pass (decode_gray) is ours: linear
 * codes on sampled lines, 2D codes on a pyramid we build, never ZXing's own
 * try-harder pyramid, so it cannot trip the library's assertions and is cheap
 * enough for every camera frame. The heavier passes (decode_pass, decode_still)
 * hand ZXing its own try-harder, rotate and downscale on a resampled or inverted
 * copy: they read far more of what real photos show, but can abort the process
 * (Result::operator==, zxing-cpp #740), so they belong in the worker process.
 */
#include "config.h"

#define ZX_USE_UTF8
#include <BarcodeFormat.h>
#include <BitMatrix.h>
#include <DecodeHints.h>
#include <ImageView.h>
#include <MultiFormatWriter.h>
#include <ReadBarcode.h>
#include <Result.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include <strings.h>
#include <time.h>

extern "C" {
#include "clock.h"
}
#include "decode.h"

using ZXing::BarcodeFormat;

static const struct {
	enum decode_format	 ours;
	BarcodeFormat		 zx;
	const char		*name;
	const char		*shortname;
} decode_formats[] = {
	{ DECODE_QR, BarcodeFormat::QRCode, "QRCode", "qr" },
	{ DECODE_CODE128, BarcodeFormat::Code128, "Code128", "code128" },
	{ DECODE_PDF417, BarcodeFormat::PDF417, "PDF417", "pdf417" },
	{ DECODE_DATAMATRIX, BarcodeFormat::DataMatrix, "DataMatrix", "datamatrix" },
	{ DECODE_EAN13, BarcodeFormat::EAN13, "EAN-13", "ean13" },
	{ DECODE_EAN8, BarcodeFormat::EAN8, "EAN-8", "ean8" },
};
#define DECODE_NFORMATS (sizeof decode_formats / sizeof decode_formats[0])

void
decode_opts_default(struct decode_opts *o)
{
	/*
	 * Chosen with bench/bench-decode (1280x720 gray, one CPU, a 100-character
	 * QR at 4 px a module or a 12-character Code128 at 3 px in clutter, and
	 * cluttered frames with no code, which is most of what a camera sees).
	 * Target: 2 ms with a code, 3 ms empty (issue 14). Measured medians
	 * (CPU time, the worker's included, a machine others were building
	 * on), through the worker: QR frame 1.7 ms, Code128 frame 1.7 ms,
	 * empty frame 1.6 ms; from a YUYV frame 1.8, 1.8, 1.7 (zbar 0.23 on
	 * the same gray frames in the same run: 33, 31, 64 ms); 38 of 56
	 * transformed frames read (zbar 37); the heavier passes read the
	 * rest that these settings used to. Most of the 1.2 ms gained since
	 * 2.9 is the local binarizer (decode_local_bw()), then the worker's
	 * memory kept between frames and YUYV frames packed once.
	 * - formats: only what we present. All six counter formats cost +0.8 ms
	 *   an empty frame (5.4 ms) and read nothing more; callers that expect a
	 *   PDF417 or EAN on paper ask for them.
	 * - try_harder off: no case of the set gained, +0.4 ms an empty frame.
	 * - try_rotate on: upright Code128 (4 of 56 cases) for 0.6 ms.
	 * - try_downscale and try_invert off since the heavier passes exist
	 *   (decode_still(), decode-heavy.h): they read the defocused close-up
	 *   (1 case) and the light-on-dark QR (2) that these read, but cost
	 *   0.6 and 0.9 ms on every empty frame, which is most frames; an empty
	 *   frame went from 5.0 to about 3 ms. A camera's heavier passes try
	 *   both on the scene within a second, a still picture's schedule
	 *   right after the fast pass.
	 * - local binarizer: ZXing's default; the global one was no better here
	 *   and is fooled by uneven light across a phone screen.
	 * - line_step 8: 4 read two more blurred Code128 but cost 1.5 ms; 16 lost
	 *   one.
	 */
	o->formats = DECODE_QR | DECODE_CODE128;
	o->try_harder = 0;
	o->try_rotate = 1;
	o->try_invert = 0;
	o->try_downscale = 0;
	o->binarizer = DECODE_BIN_LOCAL;
	o->downscale_threshold = 500;
	o->downscale_factor = 3;
	o->line_step = 8;
	o->invert_shrink = 2;
}

const char *
decode_format_name(enum decode_format f)
{
	for (size_t i = 0; i < DECODE_NFORMATS; i++)
		if (decode_formats[i].ours == f)
			return decode_formats[i].name;
	return "?";
}

unsigned
decode_format_parse(const char *s)
{
	for (size_t i = 0; i < DECODE_NFORMATS; i++)
		if (strcasecmp(s, decode_formats[i].name) == 0 ||
		    strcasecmp(s, decode_formats[i].shortname) == 0)
			return decode_formats[i].ours;
	return 0;
}

#define DECODE_LINEAR	(DECODE_CODE128 | DECODE_EAN13 | DECODE_EAN8)

static ZXing::BarcodeFormats
decode_to_zx(unsigned formats)
{
	ZXing::BarcodeFormats zx;

	for (size_t i = 0; i < DECODE_NFORMATS; i++)
		if (formats & decode_formats[i].ours)
			zx |= decode_formats[i].zx;
	return zx;
}

/* Hints for the 2D pass: the options' thoroughness and binarizer. */
static ZXing::DecodeHints
decode_matrix_hints(const struct decode_opts *o, unsigned formats)
{
	ZXing::DecodeHints h;
	ZXing::Binarizer b;

	switch (o->binarizer) {
	case DECODE_BIN_GLOBAL:
		b = ZXing::Binarizer::GlobalHistogram;
		break;
	case DECODE_BIN_FIXED:
		b = ZXing::Binarizer::FixedThreshold;
		break;
	default:
		b = ZXing::Binarizer::LocalAverage;
		break;
	}
	h.setFormats(decode_to_zx(formats & ~DECODE_LINEAR));
	h.setTryHarder(o->try_harder != 0);
	h.setTryRotate(false);
	h.setTryDownscale(false);	/* decode_gray() does it; see there */
	h.setBinarizer(b);
	h.setMaxNumberOfSymbols(DECODE_MAX_RESULTS);
	return h;
}

/*
 * Hints for the linear pass. It is given every line_step-th line only (see
 * decode_linear()), so it can afford try-harder, which in 1.4 reads every line
 * it is given and wants a code seen on two lines.
 */
static ZXing::DecodeHints
decode_linear_hints(unsigned formats)
{
	ZXing::DecodeHints h;

	h.setFormats(decode_to_zx(formats & DECODE_LINEAR));
	h.setTryHarder(true);
	h.setTryRotate(false);
	h.setTryDownscale(false);
	h.setBinarizer(ZXing::Binarizer::GlobalHistogram);
	h.setMaxNumberOfSymbols(DECODE_MAX_RESULTS);
	return h;
}

/* How a view's coordinates map back to the caller's image: an affine map,
 * X = ax x + bx y + cx, Y = ay x + by y + cy (sampled rows, turned columns,
 * scaled copies and oblique lines are all affine). */
struct decode_map {
	double	ax, bx, cx, ay, by, cy;
};

static struct decode_map
decode_map_scale(double kx, double ky)
{
	return { kx, 0, 0, 0, ky, 0 };
}

static ZXing::PointI
decode_unmap(const struct decode_map &m, ZXing::PointI p)
{
	return { (int)std::lround(m.ax * p.x + m.bx * p.y + m.cx),
	    (int)std::lround(m.ay * p.x + m.by * p.y + m.cy) };
}

/* Whether out[0..n) already holds this payload in this format. */
static bool
decode_seen(const struct decode_result *out, size_t n, enum decode_format f,
    const ZXing::ByteArray &b)
{
	for (size_t i = 0; i < n; i++)
		if (out[i].format == f && out[i].len == b.size() &&
		    (b.empty() || memcmp(out[i].bytes, b.data(), b.size()) == 0))
			return true;
	return false;
}

/*
 * Reads one view and adds the valid results that are new to out (an oversized
 * one with its size only, see decode.h), their positions mapped back by m. Returns how many valid symbols the view held, so
 * that "nothing there" differs from "only oversized payloads".
 */
static size_t
decode_read(const ZXing::ImageView &v, const ZXing::DecodeHints &h,
    const struct decode_map &m, struct decode_result *out, size_t max,
    size_t *n)
{
	size_t found = 0;

	if (h.formats().empty() || v.width() < 1 || v.height() < 1)
		return 0;
	for (const ZXing::Result &r : ZXing::ReadBarcodes(v, h)) {
		if (!r.isValid())
			continue;
		found++;
		enum decode_format f = static_cast<enum decode_format>(0);
		for (size_t i = 0; i < DECODE_NFORMATS; i++)
			if (decode_formats[i].zx == r.format())
				f = decode_formats[i].ours;
		const ZXing::ByteArray &b = r.bytes();
		bool over = b.size() > DECODE_MAX_BYTES;
		if (f == 0 || *n >= max ||
		    decode_seen(out, *n, f, over ? ZXing::ByteArray() : b))
			continue;

		struct decode_result *d = &out[(*n)++];
		d->format = f;
		d->len = over ? 0 : b.size();
		d->oversize = over ? b.size() : 0;
		if (d->len > 0)
			memcpy(d->bytes, b.data(), d->len);

		int x0 = INT_MAX, y0 = INT_MAX, x1 = INT_MIN, y1 = INT_MIN;
		for (const auto &vp : r.position()) {
			ZXing::PointI p = decode_unmap(m, vp);
			x0 = std::min(x0, p.x);
			y0 = std::min(y0, p.y);
			x1 = std::max(x1, p.x);
			y1 = std::max(y1, p.y);
		}
		/* A linear code's position is a scan line: give it at least 1 px. */
		d->x = x0;
		d->y = y0;
		d->w = std::max(1, x1 - x0 + 1);
		d->h = std::max(1, y1 - y0 + 1);
	}
	return found;
}

/*
 * Linear codes: every line_step-th row, and with try_rotate every line_step-th
 * column turned into rows. A bar code is tall, so skipping lines loses nothing
 * but time, while ZXing's own try-harder reads all 720 rows and columns of a
 * 720p frame (measured 2.4 ms of an empty frame for Code128 alone).
 */
static size_t
decode_linear(const ZXing::ImageView &v, const struct decode_opts *o,
    unsigned formats, struct decode_result *out, size_t max, size_t *n)
{
	ZXing::DecodeHints h = decode_linear_hints(formats);
	int k = std::clamp(o->line_step, 1, 64);
	size_t found;

	ZXing::ImageView rows(v.data(0, 0), v.width(), v.height() / k,
	    ZXing::ImageFormat::Lum, v.rowStride() * k, v.pixStride());
	found = decode_read(rows, h, decode_map_scale(1, k), out, max, n);
	if (!o->try_rotate)
		return found;
	/* Columns are copied into rows first: ZXing reading a turned view jumps a
	 * whole row stride a pixel, which measured 3 times slower. */
	int w = v.width() / k, hgt = v.height();
	std::vector<uint8_t> t((size_t)w * hgt);
	for (int y = 0; y < hgt; y++) {
		const uint8_t *row = v.data(0, y);
		for (int c = 0; c < w; c++)
			t[(size_t)c * hgt + (hgt - 1 - y)] =
			    row[(size_t)c * k * v.pixStride()];
	}
	return found + decode_read(ZXing::ImageView(t.data(), hgt, w,
	    ZXing::ImageFormat::Lum), h, { 0, (double)k, 0, -1, 0, hgt - 1.0 }, out,
	    max, n);
}

/*
 * dst = src shrunk by f (1 copies) in each direction, each pixel the mean of an
 * f x f box, light and dark swapped if invert.
 */
static ZXing::ImageView
decode_shrink(const ZXing::ImageView &src, int f, bool invert,
    std::vector<uint8_t> &dst)
{
	int w = src.width() / f, h = src.height() / f, ps = src.pixStride();
	std::vector<unsigned> sum((size_t)w);

	dst.resize((size_t)w * h);
	for (int y = 0; y < h; y++) {
		std::fill(sum.begin(), sum.end(), 0);
		for (int dy = 0; dy < f; dy++) {
			const uint8_t *row = src.data(0, y * f + dy);
			for (int x = 0; x < w; x++)
				for (int dx = 0; dx < f; dx++)
					sum[x] += row[(x * f + dx) * ps];
		}
		uint8_t *d = dst.data() + (size_t)y * w;
		for (int x = 0; x < w; x++) {
			unsigned v = sum[x] / (unsigned)(f * f);
			d[x] = (uint8_t)(invert ? 255 - v : v);
		}
	}
	return ZXing::ImageView(dst.data(), w, h, ZXing::ImageFormat::Lum);
}

/*
 * ZXing's local-average binarizer (HybridBinarizer in 1.4), computed here into
 * a 0/255 copy that ZXing then reads with its fixed threshold: the same black
 * and white pixel for pixel, so the same codes are read, in a third of the
 * time. ZXing's own walks each 8x8 block and stores a pixel at a time (1.7 ms
 * of a 2.9 ms 720p frame, measured with perf); here every step runs along
 * whole rows, which the compiler vectorizes.
 *
 * Its rule: each 8x8 block (the last row and column of blocks shifted in to
 * end at the edge) gets a black point, its mean, or when its range is 24 or
 * less half its minimum, raised to its upper and left neighbours' (1:2:1
 * weighted) when that is above the minimum; a pixel is black when at most the
 * mean black point of the 5x5 blocks around its block (kept inside the image).
 */
static const int DECODE_BLOCK = 8;

/* 16 pixels at a time (GCC's and Clang's vector extensions, plain code
 * where the machine has no vector unit): -O2 leaves these loops scalar. */
typedef uint8_t decode_u8x16 __attribute__((vector_size(16)));
typedef uint16_t decode_u16x16 __attribute__((vector_size(32)));

/* Adds the row's pixels into sum, lo and hi, column by column. */
static void
decode_block_row(const uint8_t *row, int w, int ps, uint16_t *sum, uint8_t *lo,
    uint8_t *hi)
{
	int x = 0;

	if (ps == 1)
		for (; x + 16 <= w; x += 16) {
			decode_u8x16 p, l, h;
			decode_u16x16 s;
			memcpy(&p, row + x, 16);
			memcpy(&l, lo + x, 16);
			memcpy(&h, hi + x, 16);
			memcpy(&s, sum + x, 32);
			s += __builtin_convertvector(p, decode_u16x16);
			l = p < l ? p : l;
			h = p > h ? p : h;
			memcpy(lo + x, &l, 16);
			memcpy(hi + x, &h, 16);
			memcpy(sum + x, &s, 32);
		}
	for (; x < w; x++) {
		uint8_t p = row[(size_t)x * ps];
		sum[x] += p;
		lo[x] = std::min(lo[x], p);
		hi[x] = std::max(hi[x], p);
	}
}

/* d[x] = 0 (black) where the pixel is at most thr[x], else 255. */
static void
decode_threshold_row(const uint8_t *row, int w, int ps, const uint8_t *thr,
    uint8_t *d)
{
	int x = 0;

	if (ps == 1)
		for (; x + 16 <= w; x += 16) {
			decode_u8x16 p, t, r;
			memcpy(&p, row + x, 16);
			memcpy(&t, thr + x, 16);
			r = (decode_u8x16)(p > t);
			memcpy(d + x, &r, 16);
		}
	for (; x < w; x++)
		d[x] = row[(size_t)x * ps] <= thr[x] ? 0 : 255;
}

/* The black points of the block row by (its 8 rows from y0) into bp. */
static void
decode_black_points(const ZXing::ImageView &v, int y0, int by, int sw,
    std::vector<int> &bp, std::vector<uint16_t> &sum, std::vector<uint8_t> &lo,
    std::vector<uint8_t> &hi)
{
	int w = v.width();

	std::fill(sum.begin(), sum.end(), 0);
	std::fill(lo.begin(), lo.end(), 255);
	std::fill(hi.begin(), hi.end(), 0);
	for (int y = y0; y < y0 + DECODE_BLOCK; y++)
		decode_block_row(v.data(0, y), w, v.pixStride(), sum.data(),
		    lo.data(), hi.data());
	for (int bx = 0; bx < sw; bx++) {
		int x0 = std::min(bx * DECODE_BLOCK, w - DECODE_BLOCK), s = 0;
		int mn = 255, mx = 0, avg;
		for (int x = x0; x < x0 + DECODE_BLOCK; x++) {
			s += sum[x];
			mn = std::min(mn, (int)lo[x]);
			mx = std::max(mx, (int)hi[x]);
		}
		avg = s / (DECODE_BLOCK * DECODE_BLOCK);
		if (mx - mn <= 24) {
			avg = mn / 2;
			if (by > 0 && bx > 0) {
				int nb = (bp[(size_t)(by - 1) * sw + bx] +
				    2 * bp[(size_t)by * sw + bx - 1] +
				    bp[(size_t)(by - 1) * sw + bx - 1]) / 4;
				if (mn < nb)
					avg = nb;
			}
		}
		bp[(size_t)by * sw + bx] = avg;
	}
}

/* Writes block row by of the black and white copy into dst, its 5x5 sums
 * (row5, sums of 5 along rows) known for the block rows around it. */
static void
decode_threshold_blocks(const ZXing::ImageView &v, int by, int sw, int sh,
    const std::vector<int> &row5, std::vector<uint8_t> &thr, uint8_t *dst)
{
	int w = v.width(), h = v.height();
	int y0 = std::min(by * DECODE_BLOCK, h - DECODE_BLOCK);
	int top = std::clamp(by, 2, sh - 3);

	/* Later blocks overwrite the columns they share, as ZXing's do. */
	for (int bx = 0; bx < sw; bx++) {
		int left = std::clamp(bx, 2, sw - 3), s = 0;
		for (int dy = -2; dy <= 2; dy++)
			s += row5[(size_t)(top + dy) * sw + left];
		int x0 = std::min(bx * DECODE_BLOCK, w - DECODE_BLOCK);
		std::fill_n(thr.begin() + x0, DECODE_BLOCK, (uint8_t)(s / 25));
	}
	for (int y = y0; y < y0 + DECODE_BLOCK; y++)
		decode_threshold_row(v.data(0, y), w, v.pixStride(), thr.data(),
		    dst + (size_t)y * w);
}

/*
 * One sweep down the picture: a block row is thresholded as soon as the black
 * points it needs (two block rows below) are known, while its pixels are still
 * in the cache; block rows are written in order, so that the last, which
 * shares rows with the one before, wins as in ZXing.
 */
static ZXing::ImageView
decode_local_bw(const ZXing::ImageView &v, std::unique_ptr<uint8_t[]> &dst)
{
	int w = v.width(), h = v.height(), next = 0;
	int sw = (w + DECODE_BLOCK - 1) / DECODE_BLOCK;
	int sh = (h + DECODE_BLOCK - 1) / DECODE_BLOCK;
	std::vector<int> bp((size_t)sw * sh), row5((size_t)sw * sh);
	std::vector<uint16_t> sum((size_t)w);
	std::vector<uint8_t> lo((size_t)w), hi((size_t)w), thr((size_t)w);

	/* Not a vector: every byte is written below, so zeroing it first
	 * would be a frame's worth of stores for nothing. */
	dst.reset(new uint8_t[(size_t)w * h]);
	for (int by = 0; by < sh; by++) {
		decode_black_points(v, std::min(by * DECODE_BLOCK, h - DECODE_BLOCK),
		    by, sw, bp, sum, lo, hi);
		for (int c = 2; c < sw - 2; c++) {
			const int *b = &bp[(size_t)by * sw + c - 2];
			row5[(size_t)by * sw + c] = b[0] + b[1] + b[2] + b[3] + b[4];
		}
		for (; next < sh && (std::max(next, 2) + 2 <= by || by == sh - 1);
		    next++)
			decode_threshold_blocks(v, next, sw, sh, row5, thr,
			    dst.get());
	}
	return ZXing::ImageView(dst.get(), w, h, ZXing::ImageFormat::Lum);
}

/*
 * Reads a view with hints h; when h asks for the local-average binarizer,
 * through decode_local_bw() (ZXing's own below 40 px a side, where it falls
 * back to its global histogram). ZXing reads linear codes with its global
 * histogram whatever h says; here, in a view already black and white, they too
 * are read by local averages.
 */
static size_t
decode_read_local(const ZXing::ImageView &v, ZXing::DecodeHints h,
    const struct decode_map &m, struct decode_result *out, size_t max,
    size_t *n)
{
	std::unique_ptr<uint8_t[]> bw;

	if (h.binarizer() != ZXing::Binarizer::LocalAverage ||
	    v.width() < 5 * DECODE_BLOCK || v.height() < 5 * DECODE_BLOCK)
		return decode_read(v, h, m, out, max, n);
	h.setBinarizer(ZXing::Binarizer::FixedThreshold);
	return decode_read(decode_local_bw(v, bw), h, m, out, max, n);
}

/*
 * 2D codes in the image and, with try_downscale, in smaller copies of it while
 * it is above downscale_threshold: big modules and blur read better small. Not
 * ZXing's own pyramid (DecodeHints::tryDownscale): 1.4 aborts on an assert
 * (Result::operator==, "lineCount() == 1", zxing-cpp issue #740) when a linear
 * code is found in two layers, which a Code128 at 3 px a module in a 720p frame
 * is. Smaller copies are read only when the larger found nothing.
 */
static size_t
decode_matrix(const ZXing::ImageView &full, int scale, bool shrink,
    const struct decode_opts *o, unsigned formats, struct decode_result *out,
    size_t max, size_t *n)
{
	ZXing::DecodeHints h = decode_matrix_hints(o, formats);
	int f = std::clamp(o->downscale_factor, 2, 4);
	int threshold = std::clamp(o->downscale_threshold, 64, 4096);
	std::vector<uint8_t> buf[2];
	ZXing::ImageView layer = full;
	size_t found = 0;

	for (int i = 0;; i++) {
		found += decode_read_local(layer, h, decode_map_scale(scale,
		    scale), out, max, n);
		if (found > 0 || !shrink || !o->try_downscale ||
		    std::max(layer.width(), layer.height()) <= threshold ||
		    std::min(layer.width(), layer.height()) < 2 * f)
			return found;
		layer = decode_shrink(layer, f, false, buf[i % 2]);
		scale *= f;
	}
}

static int
decode_check_args(const unsigned char *pixels, int width, int height,
    int row_stride, int pixel_stride, const struct decode_opts *o,
    const struct decode_result *out, size_t max, size_t *n)
{
	if (pixels == NULL || o == NULL || n == NULL || (out == NULL && max > 0))
		return -1;
	return decode_frame_span(width, height, row_stride, pixel_stride) == 0 ?
	    -1 : 0;
}

size_t
decode_frame_span(int width, int height, int row_stride, int pixel_stride)
{
	if (width < 1 || height < 1 || width > DECODE_MAX_SIDE ||
	    height > DECODE_MAX_SIDE ||
	    (size_t)width * height > DECODE_MAX_PIXELS)
		return 0;
	if (pixel_stride < 1 || pixel_stride > DECODE_MAX_PIXEL_STRIDE)
		return 0;
	/* Rows must not overlap: row_stride covers a whole row of samples. */
	if ((long long)row_stride < (long long)(width - 1) * pixel_stride + 1)
		return 0;
	return (size_t)(height - 1) * row_stride +
	    (size_t)(width - 1) * pixel_stride + 1;
}

/*
 * A packed copy (pixel stride 1) of a view's pixels: a YUYV camera frame's Y
 * bytes. The fast pass reads a frame several times over (the binarizer's
 * vector loops, ZXing's rows and columns), so packing it once costs less than
 * reading every other byte each time (measured: a YUYV 720p frame 2.9 ms
 * before, 2.1 after). decode_pack_gray()'s vector loop stops short of the
 * row's end: the last row of a frame may end at its last Y byte.
 */
static ZXing::ImageView
decode_pack_view(const ZXing::ImageView &v, std::unique_ptr<uint8_t[]> &dst)
{
	dst.reset(new uint8_t[(size_t)v.width() * v.height()]);
	decode_pack_gray(v.data(0, 0), v.width(), v.height(), v.rowStride(),
	    v.pixStride(), dst.get());
	return ZXing::ImageView(dst.get(), v.width(), v.height(),
	    ZXing::ImageFormat::Lum);
}

void
decode_pack_gray(const unsigned char *pixels, int w, int h, int row_stride,
    int ps, unsigned char *dst)
{
	for (int y = 0; y < h; y++) {
		const uint8_t *row = pixels + (size_t)y * row_stride;
		uint8_t *d = dst + (size_t)y * w;
		int x = 0;
		if (ps == 1) {
			memcpy(d, row, (size_t)w);
			continue;
		}
		if (ps == 2)
			for (; x + 16 < w; x += 16) {
				decode_u8x16 a, b, r;
				memcpy(&a, row + 2 * x, 16);
				memcpy(&b, row + 2 * x + 16, 16);
				r = __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10,
				    12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
				memcpy(d + x, &r, 16);
			}
		for (; x < w; x++)
			d[x] = row[(size_t)x * ps];
	}
}

/*
 * The passes, cheapest first: linear codes on sampled lines, then 2D codes
 * (smaller copies only if nothing was found), then, if still nothing, 2D codes
 * light-on-dark, on one copy shrunk by invert_shrink when the image is above
 * downscale_threshold. Linear codes are not retried inverted: no one prints
 * them so.
 */
static void
decode_passes(const ZXing::ImageView &given, const struct decode_opts *o,
    struct decode_result *out, size_t max, size_t *n)
{
	unsigned formats = o->formats ? o->formats : DECODE_COUNTER_FORMATS;
	std::unique_ptr<uint8_t[]> packed;
	const ZXing::ImageView view = given.pixStride() > 1 ?
	    decode_pack_view(given, packed) : given;
	std::vector<uint8_t> inv;
	size_t found;
	int k = std::clamp(o->invert_shrink, 1, 4);

	found = decode_linear(view, o, formats, out, max, n);
	found += decode_matrix(view, 1, true, o, formats, out, max, n);
	if (found > 0 || !o->try_invert || (formats & ~DECODE_LINEAR) == 0)
		return;
	if (std::max(view.width(), view.height()) <= o->downscale_threshold)
		k = 1;
	decode_matrix(decode_shrink(view, k, true, inv), k, false, o, formats,
	    out, max, n);
}

/*
 * Runs fn, which returns 0 or -1 with err set, with every exception caught:
 * unwinding into C is undefined, so what ZXing or new throws becomes
 * "decode.failed", with no results (*n = 0).
 */
template <typename F>
static int
decode_catch(F fn, size_t *n, struct err *e)
{
	try {
		return fn();
	} catch (const std::exception &ex) {
		*n = 0;
		return err_set(e, ERR_SYSTEM, NULL, "decode.failed", "zxing: %s",
		    ex.what());
	} catch (...) {
		*n = 0;
		return err_set(e, ERR_SYSTEM, NULL, "decode.failed",
		    "zxing: unknown exception");
	}
}

int
decode_gray(const unsigned char *pixels, int width, int height, int row_stride,
    int pixel_stride, const struct decode_opts *o, struct decode_result *out,
    size_t max, size_t *n, struct err *e)
{
	if (n != NULL)
		*n = 0;
	if (decode_check_args(pixels, width, height, row_stride, pixel_stride, o,
	    out, max, n) != 0)
		return err_set(e, ERR_INPUT, NULL, "decode.args",
		    "decode_gray: bad image %dx%d stride %d/%d", width, height,
		    row_stride, pixel_stride);
	return decode_catch([&] {
		decode_passes(ZXing::ImageView(pixels, width, height,
		    ZXing::ImageFormat::Lum, row_stride, pixel_stride), o, out,
		    std::min(max, (size_t)DECODE_MAX_RESULTS), n);
		return 0;
	}, n, e);
}

static const char *const decode_pass_names[DECODE_NPASSES] = {
	"fast", "harder", "global", "up2", "down2", "down3", "invert", "pure",
	"turn", "sharp",
};

const char *
decode_pass_name(enum decode_pass p)
{
	if ((int)p < 0 || p >= DECODE_NPASSES)
		return "?";
	return decode_pass_names[p];
}

int
decode_pass_parse(const char *name)
{
	for (int i = 0; i < DECODE_NPASSES; i++)
		if (strcmp(name, decode_pass_names[i]) == 0)
			return i;
	return -1;
}

int
decode_pass_fits(enum decode_pass p, int width, int height)
{
	int lo = std::min(width, height), hi = std::max(width, height);

	switch (p) {
	case DECODE_PASS_UP2:
		return hi <= 1600;	/* above, modules are big enough already */
	case DECODE_PASS_DOWN2:
		return lo >= 480;
	case DECODE_PASS_DOWN3:
		return lo >= 900;
	default:
		return (int)p >= 0 && p < DECODE_NPASSES;
	}
}

void
decode_sched_default(struct decode_sched *s, int width, int height)
{
	/*
	 * Chosen with bench/bench-decode on the generated corpus (312 pictures,
	 * tests/corpus.c; ours read 232, zbar 185, ZXing's best single pass
	 * 184). The fast pass read 161. Of what it missed: the 1/2 copy read
	 * 18 for 4 ms (median, 1.2 MP), the inverted copy the 18 light-on-dark
	 * screens for 13 ms (before the next, so that a loaded machine's
	 * budget does not cut it), the oblique lines 26 (Code128 turned
	 * 20-70°, which no other pass reads) for 23 ms, ZXing's own try-harder
	 * 9 for 10 ms. The global binarizer, the 2x upscale, the 1/3 copy and the pure
	 * reading read nothing the others missed there; they stay, last, for
	 * what the real photos showed (small dense codes a 2x upscale
	 * reads), and run while the budget lasts: on a small picture, all.
	 * Big photos (above 4 MP) start with the 1/2 copy: on 12 MP photos it
	 * read 13 of 16 in 79 ms, try-harder the other 3 (190 ms), while the
	 * fast pass cost as much as try-harder and read 3.
	 * The sharpened pass came later, from the three pictures of the JPEG,
	 * light and glare categories that zbar read and no pass did: it read
	 * the glare and the shadow ones (the extra turned lines the JPEG one),
	 * and alone reads 18, 20 and 17 of those categories' 24, more than
	 * try-harder (18, 18, 14); after try-harder it reads what that left,
	 * for about 35 ms CPU on a 1.2 MP picture. On 12 MP photos it runs on
	 * the 1/2 copy, after the passes that read them first. With it and
	 * the ±11.25° lines, ours reads 239 of the 312 (zbar 186): in every
	 * category as many as zbar and ZXing's best single pass together.
	 */
	static const enum decode_pass normal[DECODE_NPASSES] = {
		DECODE_PASS_FAST, DECODE_PASS_DOWN2, DECODE_PASS_INVERT,
		DECODE_PASS_TURN, DECODE_PASS_HARDER, DECODE_PASS_SHARP,
		DECODE_PASS_GLOBAL, DECODE_PASS_UP2, DECODE_PASS_DOWN3,
		DECODE_PASS_PURE,
	};
	static const enum decode_pass big[DECODE_NPASSES] = {
		DECODE_PASS_DOWN2, DECODE_PASS_HARDER, DECODE_PASS_TURN,
		DECODE_PASS_GLOBAL, DECODE_PASS_DOWN3, DECODE_PASS_FAST,
		DECODE_PASS_INVERT, DECODE_PASS_SHARP, DECODE_PASS_UP2,
		DECODE_PASS_PURE,
	};
	long long px = (long long)width * height;
	const enum decode_pass *o = px > 4000000 ? big : normal;

	s->npasses = DECODE_NPASSES;
	for (int i = 0; i < DECODE_NPASSES; i++)
		s->order[i] = o[i];
	/* 150 ms and 4 a megapixel: 198 for a 12 MP photo, 153 for a 720p
	 * one, room for the passes that read what the fast pass missed. */
	s->budget_ms = (int)(150 + 4 * px / 1000000);
}

/* dst = src enlarged k times, bilinear: what a small dense code needs for ZXing
 * to find its finder patterns' edges between pixels. */
static ZXing::ImageView
decode_enlarge(const ZXing::ImageView &src, int k, std::vector<uint8_t> &dst)
{
	int w = src.width() * k, h = src.height() * k;
	int sw = src.width(), sh = src.height(), ps = src.pixStride();

	dst.resize((size_t)w * h);
	for (int y = 0; y < h; y++) {
		/* Centre of the target pixel in source coordinates. */
		double fy = std::clamp((y + 0.5) / k - 0.5, 0.0, sh - 1.0);
		int y0 = (int)fy, y1 = std::min(y0 + 1, sh - 1);
		double wy = fy - y0;
		const uint8_t *r0 = src.data(0, y0), *r1 = src.data(0, y1);
		uint8_t *d = dst.data() + (size_t)y * w;
		for (int x = 0; x < w; x++) {
			double fx = std::clamp((x + 0.5) / k - 0.5, 0.0, sw - 1.0);
			int x0 = (int)fx, x1 = std::min(x0 + 1, sw - 1);
			double wx = fx - x0;
			double top = r0[x0 * ps] * (1 - wx) + r0[x1 * ps] * wx;
			double bot = r1[x0 * ps] * (1 - wx) + r1[x1 * ps] * wx;
			d[x] = (uint8_t)(top * (1 - wy) + bot * wy + 0.5);
		}
	}
	return ZXing::ImageView(dst.data(), w, h, ZXing::ImageFormat::Lum);
}

/*
 * Linear codes along oblique lines. ZXing reads a barcode on rows (and, with
 * try-rotate, columns): a line must cross every bar, which for a code 40
 * modules tall and 165 long holds only within 14° of square. Phones are held
 * anyhow, so lines at 22.5°, 45°, 67.5° and their mirrors, then at 11.25°
 * and -11.25°, are sampled (bilinear, every 6 px: a bar code is tall) into
 * rows of a scratch image and read there; k maps the view back to the
 * caller's picture (a shrunk copy). The last two came from a JPEG's Code128
 * turned 17° that neither rows nor 22.5° lines read, and lines near 11° did;
 * -11.25°, not 168.75° (the same lines read the other way), because ZXing 1.4
 * read it only that way.
 */
static size_t
decode_turned_lines(const ZXing::ImageView &v, int k, unsigned formats,
    struct decode_result *out, size_t max, size_t *n)
{
	static const double deg[] = { 22.5, 45, 67.5, 112.5, 135, 157.5, 11.25,
	    -11.25 };
	const int step = 6, w = v.width(), h = v.height(), ps = v.pixStride();
	ZXing::DecodeHints hints = decode_linear_hints(formats);
	std::vector<uint8_t> buf;
	size_t found = 0;

	for (double a : deg) {
		double dx = std::cos(a * M_PI / 180), dy = std::sin(a * M_PI / 180);
		double nx = -dy, ny = dx;
		int len = (int)(std::fabs(w * dx) + std::fabs(h * dy));
		int across = (int)(std::fabs(w * dy) + std::fabs(h * dx));
		int lines = across / step;
		if (len < 1 || lines < 1)
			continue;
		/* Pixel (x, y) of the scratch image is this point of the view. */
		struct decode_map m = { dx, nx * step, w / 2.0 - dx * len / 2 -
		    nx * across / 2.0, dy, ny * step, h / 2.0 - dy * len / 2 -
		    ny * across / 2.0 };
		buf.assign((size_t)len * lines, 255);
		for (int y = 0; y < lines; y++) {
			uint8_t *row = buf.data() + (size_t)y * len;
			for (int x = 0; x < len; x++) {
				double px = m.ax * x + m.bx * y + m.cx - 0.5;
				double py = m.ay * x + m.by * y + m.cy - 0.5;
				int x0 = (int)std::floor(px), y0 = (int)std::floor(py);
				if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h)
					continue;
				double fx = px - x0, fy = py - y0;
				const uint8_t *r0 = v.data(0, y0), *r1 = v.data(0, y0 + 1);
				double top = r0[x0 * ps] * (1 - fx) + r0[(x0 + 1) * ps] * fx;
				double bot = r1[x0 * ps] * (1 - fx) + r1[(x0 + 1) * ps] * fx;
				row[x] = (uint8_t)(top * (1 - fy) + bot * fy + 0.5);
			}
		}
		struct decode_map back = { m.ax * k, m.bx * k, m.cx * k, m.ay * k,
		    m.by * k, m.cy * k };
		found += decode_read(ZXing::ImageView(buf.data(), len, lines,
		    ZXing::ImageFormat::Lum), hints, back, out, max, n);
		if (found > 0)
			break;
	}
	return found;
}

/*
 * dst = src sharpened: the picture plus twice its difference from a Gaussian
 * blur of 1.5 px (an unsharp mask), which gives back the edges that a glare
 * spot or a soft focus flattened. Chosen on the corpus's pictures that zbar
 * read and no pass did: with the local binarizer after it, it read a QR under
 * a glare spot and a Code128 across a shadow; a radius of 1 or an amount of 1
 * read one of the two.
 */
/* The sum of k[i] * at(c + i) for i in -r..r, c + i kept within 0..n-1. */
template <typename F>
static float
decode_taps(const float *k, int r, int c, int n, F at)
{
	float a = 0;

	for (int i = -r; i <= r; i++)
		a += k[i + r] * at(std::clamp(c + i, 0, n - 1));
	return a;
}

static ZXing::ImageView
decode_sharpen(const ZXing::ImageView &src, std::vector<uint8_t> &dst)
{
	static const int r = 5;
	int w = src.width(), h = src.height(), ps = src.pixStride();
	float k[2 * r + 1], t = 0;
	std::vector<float> tmp((size_t)w * h);

	for (int i = -r; i <= r; i++)
		t += k[i + r] = std::exp(-i * i / (2 * 1.5f * 1.5f));
	for (float &v : k)
		v /= t;
	/* The blur along rows into tmp, then down its columns. */
	for (int y = 0; y < h; y++) {
		const uint8_t *row = src.data(0, y);
		for (int x = 0; x < w; x++)
			tmp[(size_t)y * w + x] = decode_taps(k, r, x, w,
			    [&](int j) { return (float)row[(size_t)j * ps]; });
	}
	dst.resize((size_t)w * h);
	for (int y = 0; y < h; y++) {
		const uint8_t *row = src.data(0, y);
		for (int x = 0; x < w; x++) {
			float p = row[(size_t)x * ps], b = decode_taps(k, r, y, h,
			    [&](int j) { return tmp[(size_t)j * w + x]; });
			dst[(size_t)y * w + x] = (uint8_t)std::clamp(
			    std::lround(p + 2 * (p - b)), 0L, 255L);
		}
	}
	return ZXing::ImageView(dst.data(), w, h, ZXing::ImageFormat::Lum);
}

/* ZXing's own thorough reading, as its ReadBarcodes() defaults intend it. */
static ZXing::DecodeHints
decode_heavy_hints(unsigned formats, ZXing::Binarizer b, bool downscale,
    bool pure)
{
	ZXing::DecodeHints h;

	h.setFormats(decode_to_zx(formats));
	h.setTryHarder(!pure);
	h.setTryRotate(true);
	h.setTryDownscale(downscale && !pure);
	h.setIsPure(pure);
	h.setBinarizer(b);
	h.setMaxNumberOfSymbols(DECODE_MAX_RESULTS);
	return h;
}

static void
decode_pass_run(enum decode_pass p, const ZXing::ImageView &view,
    const struct decode_opts *o, struct decode_result *out, size_t max,
    size_t *n)
{
	unsigned formats = o->formats ? o->formats : DECODE_COUNTER_FORMATS;
	ZXing::Binarizer local = ZXing::Binarizer::LocalAverage;
	std::vector<uint8_t> buf;
	bool big = (long long)view.width() * view.height() > 2000000;

	switch (p) {
	case DECODE_PASS_HARDER:
		decode_read(view, decode_heavy_hints(formats, local, true, false),
		    decode_map_scale(1, 1), out, max, n);
		break;
	case DECODE_PASS_GLOBAL:
		decode_read(view, decode_heavy_hints(formats,
		    ZXing::Binarizer::GlobalHistogram, true, false),
		    decode_map_scale(1, 1), out, max, n);
		break;
	case DECODE_PASS_UP2:
		decode_read(decode_enlarge(view, 2, buf), decode_heavy_hints(formats,
		    local, false, false), decode_map_scale(0.5, 0.5), out, max, n);
		break;
	case DECODE_PASS_DOWN2:
	case DECODE_PASS_DOWN3: {
		int k = p == DECODE_PASS_DOWN2 ? 2 : 3;
		decode_read(decode_shrink(view, k, false, buf),
		    decode_heavy_hints(formats, local, true, false),
		    decode_map_scale(k, k), out, max, n);
		break;
	}
	case DECODE_PASS_INVERT: {
		/* A screen's light-on-dark code is big: half size reads it. */
		int k = big ? 2 : 1;
		decode_read(decode_shrink(view, k, true, buf),
		    decode_heavy_hints(formats, local, true, false),
		    decode_map_scale(k, k), out, max, n);
		break;
	}
	case DECODE_PASS_TURN:
		/* Above 4 MP, on the 1/2 copy: the cost grows with the area. */
		if ((long long)view.width() * view.height() > 4000000)
			decode_turned_lines(decode_shrink(view, 2, false, buf), 2,
			    formats, out, max, n);
		else
			decode_turned_lines(view, 1, formats, out, max, n);
		break;
	case DECODE_PASS_SHARP: {
		/* Above 4 MP, on the 1/2 copy, as the turned lines. */
		int k = (long long)view.width() * view.height() > 4000000 ? 2 : 1;
		std::vector<uint8_t> sharp;
		decode_read_local(decode_sharpen(decode_shrink(view, k, false, buf),
		    sharp), decode_heavy_hints(formats, local, false, false),
		    decode_map_scale(k, k), out, max, n);
		break;
	}
	case DECODE_PASS_PURE:
		decode_read(view, decode_heavy_hints(formats,
		    ZXing::Binarizer::FixedThreshold, false, true),
		    decode_map_scale(1, 1), out, max, n);
		break;
	default:
		decode_passes(view, o, out, max, n);
		break;
	}
}

/* Runs one pass with every exception caught; -1 with err set on one. */
static int
decode_guarded(enum decode_pass p, const ZXing::ImageView &view,
    const struct decode_opts *o, struct decode_result *out, size_t max,
    size_t *n, struct err *e)
{
	return decode_catch([&] {
		decode_pass_run(p, view, o, out, std::min(max,
		    (size_t)DECODE_MAX_RESULTS), n);
		return 0;
	}, n, e);
}

static int
decode_bad_args(struct err *e, int width, int height, int row_stride,
    int pixel_stride)
{
	return err_set(e, ERR_INPUT, NULL, "decode.args",
	    "decode: bad image %dx%d stride %d/%d", width, height, row_stride,
	    pixel_stride);
}

int
decode_pass(enum decode_pass p, const unsigned char *pixels, int width,
    int height, int row_stride, int pixel_stride, const struct decode_opts *o,
    struct decode_result *out, size_t max, size_t *n, struct err *e)
{
	if (n != NULL)
		*n = 0;
	if ((int)p < 0 || p >= DECODE_NPASSES || decode_check_args(pixels, width,
	    height, row_stride, pixel_stride, o, out, max, n) != 0)
		return decode_bad_args(e, width, height, row_stride, pixel_stride);
	return decode_guarded(p, ZXing::ImageView(pixels, width, height,
	    ZXing::ImageFormat::Lum, row_stride, pixel_stride), o, out, max, n, e);
}

/*
 * The budget is counted in this thread's CPU time, not on the wall clock: it
 * bounds what a picture may cost, and a machine busy with other work would
 * otherwise cut the schedule short and read less (measured: on a loaded test
 * machine the wall clock cut a 720p picture's schedule after three passes).
 */
int
decode_still(const unsigned char *pixels, int width, int height, int row_stride,
    int pixel_stride, const struct decode_opts *o, const struct decode_sched *s,
    unsigned skip, volatile int *running, struct decode_result *out, size_t max,
    size_t *n, int *hit, struct err *e)
{
	double t0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);

	*hit = -1;
	if (n != NULL)
		*n = 0;
	if (s == NULL || decode_check_args(pixels, width, height, row_stride,
	    pixel_stride, o, out, max, n) != 0)
		return decode_bad_args(e, width, height, row_stride, pixel_stride);
	ZXing::ImageView view(pixels, width, height, ZXing::ImageFormat::Lum,
	    row_stride, pixel_stride);
	for (int i = 0; i < s->npasses && i < DECODE_NPASSES; i++) {
		enum decode_pass p = s->order[i];
		if (s->budget_ms > 0 && clock_ms(CLOCK_THREAD_CPUTIME_ID) - t0 >= s->budget_ms)
			break;
		if ((int)p < 0 || p >= DECODE_NPASSES || (skip & (1u << p)) ||
		    !decode_pass_fits(p, width, height))
			continue;
		if (running != NULL)
			*running = (int)p;
		if (decode_guarded(p, view, o, out, max, n, e) != 0)
			return -1;
		if (*n > 0) {
			*hit = (int)p;
			break;
		}
	}
	if (running != NULL)
		*running = -1;
	return 0;
}

int
decode_encode_code128(const char *text, unsigned char **modules, size_t *n,
    struct err *e)
{
	*modules = NULL;
	*n = 0;
	/* ZXing throws on non-ASCII; controls would make a code nobody can type. */
	if (*text == '\0')
		return err_set(e, ERR_INPUT, NULL, "decode.code128_text",
		    "empty Code128 text");
	for (const char *p = text; *p != '\0'; p++)
		if (*p < 0x20 || *p > 0x7e)
			return err_set(e, ERR_INPUT, NULL, "decode.code128_text",
			    "Code128 text must be printable ASCII");
	if (strlen(text) > 80)
		return err_set(e, ERR_INPUT, NULL, "decode.code128_text",
		    "Code128 text longer than 80 characters");
	return decode_catch([&] {
		ZXing::BitMatrix m = ZXing::MultiFormatWriter(BarcodeFormat::Code128)
		    .setMargin(0).encode(std::string(text), 1, 1);
		size_t w = (size_t)m.width();
		unsigned char *mod = static_cast<unsigned char *>(malloc(w));
		if (mod == NULL)
			return err_set(e, ERR_SYSTEM, NULL, "decode.failed",
			    "out of memory");
		for (size_t x = 0; x < w; x++)
			mod[x] = m.get((int)x, 0) ? 1 : 0;
		*modules = mod;
		*n = w;
		return 0;
	}, n, e);
}
