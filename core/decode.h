/*
 * decode.h: finding and reading barcodes in a gray image (ZXing-C++ behind a C API).
 *
 * The only C++ in the tree is decode.cpp, which wraps ZXing-C++ 1.4 (Debian ships it
 * with a C++ API only). Callers hand over an 8-bit gray buffer they own; nothing is
 * copied unless an inverted retry needs a scratch buffer. A row stride and a pixel
 * stride let a YUYV camera frame be read in place (pixel_stride 2, the Y bytes).
 *
 * Payloads are raw bytes as stored in the symbol (no character set conversion): the
 * caller parses them and must treat them as untrusted (text_safe() before printing).
 * A payload longer than DECODE_MAX_BYTES is refused, not truncated, so a cut-off
 * payload can never be mistaken for a whole one; the symbol is still reported
 * (len 0, oversize its true size), so that a caller can say why it is refused
 * instead of "no code found".
 *
 * decode.cpp also encodes Code128 into modules for image_from_code128() (image.c),
 * because only ZXing has a Code128 encoder among our dependencies.
 */
#ifndef JSD_DECODE_H
#define JSD_DECODE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#include "err.h"

#define DECODE_MAX_BYTES	1024
#define DECODE_MAX_RESULTS	8
#define DECODE_MAX_SIDE		16384	/* larger images are refused as bad arguments */
#define DECODE_MAX_PIXEL_STRIDE	8	/* bytes from a pixel to the next in a row */
#define DECODE_MAX_PIXELS	(64u << 20)	/* width x height: 8192x8192 */

enum decode_format {
	DECODE_QR = 1u << 0,
	DECODE_CODE128 = 1u << 1,
	DECODE_PDF417 = 1u << 2,
	DECODE_DATAMATRIX = 1u << 3,
	DECODE_EAN13 = 1u << 4,
	DECODE_EAN8 = 1u << 5,
};
/* What a counter is ever shown: our codes plus the common ones on paper forms. */
#define DECODE_COUNTER_FORMATS	(DECODE_QR | DECODE_CODE128 | DECODE_PDF417 | \
	DECODE_DATAMATRIX | DECODE_EAN13 | DECODE_EAN8)

/* How gray becomes black and white (ZXing's Binarizer). */
enum decode_binarizer {
	DECODE_BIN_LOCAL = 0,	/* local average: copes with uneven light (phone screens) */
	DECODE_BIN_GLOBAL,	/* one histogram threshold: cheaper, fooled by glare */
	DECODE_BIN_FIXED,	/* threshold 127 */
};

struct decode_result {
	enum decode_format	 format;
	unsigned char		 bytes[DECODE_MAX_BYTES];
	size_t			 len;
	size_t			 oversize;	/* payload size when refused, else 0 */
	int			 x, y, w, h;	/* bounding box of the symbol in the image */
};

struct decode_opts {
	unsigned		 formats;	/* enum decode_format bits; 0 means all */
	int			 try_harder;	/* scan more rows and finder candidates */
	int			 try_rotate;	/* linear codes: also read upright bars */
	int			 try_invert;	/* retry light-on-dark when nothing was found */
	int			 try_downscale;	/* also read smaller copies of big images */
	enum decode_binarizer	 binarizer;
	int			 downscale_threshold; /* px: only images larger are downscaled */
	int			 downscale_factor;	/* 2..4: each copy is this much smaller */
	int			 line_step;	/* linear codes: read every line_step-th line */
	int			 invert_shrink;	/* 1..4: the inverted retry reads a copy this
					   much smaller (big images only) */
};

/* The settings we ship, chosen by measurement (bench/bench-decode.c). */
void	decode_opts_default(struct decode_opts *);

/*
 * The passes. DECODE_PASS_FAST is decode_gray() with the caller's options, cheap
 * enough for every camera frame. The others are heavier readings of the same
 * picture with ZXing's own try-harder, try-rotate and try-downscale, which is how
 * the library reads the most, and which in Debian's 1.4 can abort the process on
 * an assertion (a linear code read on several lines, zxing-cpp #740): run them in
 * the worker (decode-worker.h), never in a process that must not die.
 */
enum decode_pass {
	DECODE_PASS_FAST = 0,
	DECODE_PASS_HARDER,	/* try-harder, rotate, downscale; local binarizer */
	DECODE_PASS_GLOBAL,	/* the same with the global histogram binarizer */
	DECODE_PASS_UP2,	/* a 2x bilinear upscale: small dense codes */
	DECODE_PASS_DOWN2,	/* a 1/2 area-averaged copy: blur, big modules */
	DECODE_PASS_DOWN3,	/* a 1/3 copy: very big pictures */
	DECODE_PASS_INVERT,	/* light on dark (screens), try-harder */
	DECODE_PASS_PURE,	/* a code filling the picture, read as a pure symbol */
	DECODE_PASS_TURN,	/* linear codes along oblique lines (11.25° and
				   then 22.5° apart): a barcode turned 20-70°
				   crosses no row or column whole, so no other
				   pass reads it */
	DECODE_PASS_SHARP,	/* sharpened, then black and white by local
				   averages, linear codes too: a glare spot on
				   a QR, a shadow across the bars */
	DECODE_NPASSES
};

/*
 * A schedule for still pictures: the passes in the order tried, stopping at the
 * first that reads a code, and a time budget (CPU time of the decoding thread)
 * after which no further pass is started (a pass is never interrupted, so a
 * picture may overrun it by one pass).
 */
struct decode_sched {
	enum decode_pass	 order[DECODE_NPASSES];
	int			 npasses;
	int			 budget_ms;	/* 0: no limit (tests) */
};

/* The order chosen on the generated corpus (bench/bench-decode.c) and a budget of
 * 150 ms plus 4 ms a megapixel: about 200 ms for a 12-megapixel photo. */
void	decode_sched_default(struct decode_sched *, int width, int height);
/* "fast", "harder", ...; "?" for a value that is not a pass. */
const char	*decode_pass_name(enum decode_pass);
/* The pass so named, or -1. */
int		 decode_pass_parse(const char *);
/* Whether a pass is worth trying on a picture of this size (an upscale of a big
 * photo, a 1/3 copy of a small one are not). */
int	decode_pass_fits(enum decode_pass, int width, int height);

/*
 * Runs one pass (same arguments as decode_gray(), which is DECODE_PASS_FAST);
 * o->formats applies to every pass.
 */
int	decode_pass(enum decode_pass, const unsigned char *pixels, int width,
	    int height, int row_stride, int pixel_stride, const struct decode_opts *,
	    struct decode_result *out, size_t max, size_t *n, struct err *);

/*
 * Runs the schedule over a picture, skipping the passes in skip (bits 1 << pass)
 * and those that do not fit its size. Before each pass its number is stored in
 * *running (when not NULL), so that whoever sees this process die knows which
 * pass did it. *hit is the pass that read the codes, or -1.
 */
int	decode_still(const unsigned char *pixels, int width, int height,
	    int row_stride, int pixel_stride, const struct decode_opts *,
	    const struct decode_sched *, unsigned skip, volatile int *running,
	    struct decode_result *out, size_t max, size_t *n, int *hit,
	    struct err *);

/*
 * Decodes an 8-bit gray buffer: pixel (x, y) is pixels[y * row_stride + x *
 * pixel_stride]. Fills up to max results (at most DECODE_MAX_RESULTS are looked for)
 * and sets *n to the count. Returns 0, also when nothing was found (*n == 0), or -1
 * with err set for bad arguments or a failure inside the decoder.
 */
int	decode_gray(const unsigned char *pixels, int width, int height,
	    int row_stride, int pixel_stride, const struct decode_opts *,
	    struct decode_result *out, size_t max, size_t *n, struct err *);

/*
 * The one check of a frame's geometry, for every path that takes a frame (the
 * decoder, its worker, the heavy passes' thread), so that they cannot drift:
 * the bytes from the first pixel to the last, or 0 if the frame is refused (a
 * side under 1 or over DECODE_MAX_SIDE, a pixel stride under 1 or over
 * DECODE_MAX_PIXEL_STRIDE, a row stride that makes rows overlap, or over
 * DECODE_MAX_PIXELS pixels).
 */
size_t	decode_frame_span(int width, int height, int row_stride,
	    int pixel_stride);

/* Copies the pixels of a gray buffer (pixel (x, y) at pixels[y * row_stride
 * + x * pixel_stride]) packed into dst, width * height bytes: a YUYV camera
 * frame's Y bytes, 16 at a time. */
void	decode_pack_gray(const unsigned char *pixels, int width, int height,
	    int row_stride, int pixel_stride, unsigned char *dst);

/* "QRCode", "Code128", ...; "?" for a value that is not one format. */
const char	*decode_format_name(enum decode_format);
/* Parses a name as decode_format_name() gives it, or a short one ("qr", "code128",
 * "pdf417", "datamatrix", "ean13", "ean8"), case-insensitively; 0 if unknown. */
unsigned	 decode_format_parse(const char *);

/*
 * Encodes text (printable ASCII only) as Code128 without quiet zone: *modules is
 * a malloc'ed array (the caller frees it) of *n entries, 1 for a dark module.
 */
int	decode_encode_code128(const char *text, unsigned char **modules, size_t *n,
	    struct err *);

#ifdef __cplusplus
}
#endif

#endif
