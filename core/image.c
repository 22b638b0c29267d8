/*
 * image.c: reading PNG, JPEG and PGM files as gray, writing PNG, drawing codes.
 *
 * PNG goes through libpng's simplified API, which converts every PNG kind (palette,
 * alpha, 16-bit, color) to 8-bit gray and reports errors in a message instead of a
 * longjmp. JPEG goes through libjpeg, whose errors can only longjmp: the state the
 * error path needs lives in one heap block whose pointer is set before setjmp and
 * never changed after, so nothing the error path reads is an indeterminate local.
 * libjpeg reads a truncated file as a warning and pads it with gray; we count the
 * warnings and refuse such a file, since a padded frame could hide half a code.
 * CMYK and YCCK JPEGs are read too (image_jpeg_colour()).
 * PGM (P5) has no library among our dependencies; its header is a few numbers,
 * parsed here with bounds.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jpeglib.h>
#include <png.h>
#include <qrencode.h>

#include "decode.h"
#include "image.h"

#define IMAGE_CODE128_QUIET	10	/* modules of white left and right (ISO 15417) */

int
image_alloc(struct image *img, int width, int height, struct err *e)
{
	memset(img, 0, sizeof *img);
	if (width < 1 || height < 1 || width > IMAGE_MAX_SIDE ||
	    height > IMAGE_MAX_SIDE)
		return err_set(e, ERR_INPUT, NULL, "image.too_large",
		    "%dx%d, at most %d px a side", width, height, IMAGE_MAX_SIDE);
	img->gray = malloc((size_t)width * height);
	if (img->gray == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "image.unreadable",
		    "out of memory for %dx%d", width, height);
	memset(img->gray, 255, (size_t)width * height);
	img->width = width;
	img->height = height;
	return 0;
}

void
image_free(struct image *img)
{
	free(img->gray);
	memset(img, 0, sizeof *img);
}

static int
image_load_png(FILE *fp, const char *path, struct image *img, struct err *e)
{
	png_image	pi;
	png_color	white = { 255, 255, 255 };

	memset(&pi, 0, sizeof pi);
	pi.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_stdio(&pi, fp))
		return err_set(e, ERR_INPUT, NULL, "image.corrupt", "%s: %s", path,
		    pi.message);
	if (pi.width > IMAGE_MAX_SIDE || pi.height > IMAGE_MAX_SIDE) {
		png_image_free(&pi);
		return err_set(e, ERR_INPUT, NULL, "image.too_large",
		    "%s: %ux%u, at most %d px a side", path, pi.width, pi.height,
		    IMAGE_MAX_SIDE);
	}
	pi.format = PNG_FORMAT_GRAY;
	if (image_alloc(img, (int)pi.width, (int)pi.height, e) != 0) {
		png_image_free(&pi);
		return -1;
	}
	/* Transparent pixels become white: a code drawn on nothing is on paper. */
	if (!png_image_finish_read(&pi, &white, img->gray, img->width, NULL)) {
		image_free(img);
		return err_set(e, ERR_INPUT, NULL, "image.corrupt", "%s: %s", path,
		    pi.message);
	}
	return 0;
}

struct image_jpeg {
	struct jpeg_decompress_struct	 cinfo;
	struct jpeg_error_mgr		 jerr;
	jmp_buf				 jb;
	unsigned char			 cmyk[4 * IMAGE_MAX_SIDE];	/* one CMYK row */
};

static void
image_jpeg_error_exit(j_common_ptr cinfo)
{
	struct image_jpeg *j = (struct image_jpeg *)cinfo->client_data;

	longjmp(j->jb, 1);
}

/* libjpeg prints warnings on stderr by default; we count them instead. */
static void
image_jpeg_output_message(j_common_ptr cinfo)
{
	(void)cinfo;
}

/*
 * libjpeg converts gray, RGB and YCbCr to gray itself, but CMYK and YCCK (print
 * shops' and some scanners' JPEGs) only to CMYK: those are read as CMYK and
 * turned to gray here. Any other colour space is refused by name.
 */
static int
image_jpeg_colour(struct jpeg_decompress_struct *ci, const char *path,
    struct err *e)
{
	switch (ci->jpeg_color_space) {
	case JCS_GRAYSCALE:
	case JCS_RGB:
	case JCS_YCbCr:
		ci->out_color_space = JCS_GRAYSCALE;
		return 0;
	case JCS_CMYK:
	case JCS_YCCK:
		ci->out_color_space = JCS_CMYK;
		return 0;
	default:
		return err_set(e, ERR_INPUT, NULL, "image.colour",
		    "%s: JPEG colour space %d, %d components", path,
		    (int)ci->jpeg_color_space, ci->num_components);
	}
}

/*
 * Reads one CMYK row into the row of j's scratch buffer and writes its gray.
 * Adobe's JPEGs store the inks inverted (255 is no ink), which is what libjpeg
 * reports as saw_Adobe_marker.
 */
static void
image_jpeg_cmyk_row(struct image_jpeg *j, unsigned char *gray, int width)
{
	struct jpeg_decompress_struct	*ci = &j->cinfo;
	JSAMPROW			 row = j->cmyk;
	const unsigned char		*p;
	unsigned			 c, m, y, k, inv = ci->saw_Adobe_marker;
	int				 x;

	jpeg_read_scanlines(ci, &row, 1);
	for (x = 0, p = j->cmyk; x < width; x++, p += 4) {
		c = inv ? p[0] : 255u - p[0];
		m = inv ? p[1] : 255u - p[1];
		y = inv ? p[2] : 255u - p[2];
		k = inv ? p[3] : 255u - p[3];
		gray[x] = (unsigned char)((77u * (c * k / 255u) +
		    150u * (m * k / 255u) + 29u * (y * k / 255u)) >> 8);
	}
}

/* The decoding proper; any libjpeg error longjmps out to image_load_jpeg(). */
static int
image_jpeg_decode(struct image_jpeg *j, const char *path, struct image *img,
    struct err *e)
{
	struct jpeg_decompress_struct	*ci = &j->cinfo;
	char				 msg[JMSG_LENGTH_MAX];
	JSAMPROW			 row;

	jpeg_read_header(ci, TRUE);
	if (ci->image_width > IMAGE_MAX_SIDE || ci->image_height > IMAGE_MAX_SIDE)
		return err_set(e, ERR_INPUT, NULL, "image.too_large",
		    "%s: %ux%u, at most %d px a side", path, ci->image_width,
		    ci->image_height, IMAGE_MAX_SIDE);
	if (image_jpeg_colour(ci, path, e) != 0)
		return -1;
	jpeg_start_decompress(ci);
	if (image_alloc(img, (int)ci->output_width, (int)ci->output_height,
	    e) != 0)
		return -1;
	while (ci->output_scanline < ci->output_height) {
		row = img->gray + (size_t)ci->output_scanline * img->width;
		if (ci->out_color_space == JCS_CMYK)
			image_jpeg_cmyk_row(j, row, (int)ci->output_width);
		else
			jpeg_read_scanlines(ci, &row, 1);
	}
	jpeg_finish_decompress(ci);
	if (j->jerr.num_warnings > 0) {
		j->jerr.format_message((j_common_ptr)ci, msg);
		image_free(img);
		return err_set(e, ERR_INPUT, NULL, "image.corrupt", "%s: %s",
		    path, msg);
	}
	return 0;
}

static int
image_load_jpeg(FILE *fp, const char *path, struct image *img, struct err *e)
{
	struct image_jpeg	*j;
	char			 msg[JMSG_LENGTH_MAX];
	int			 rc;

	if ((j = calloc(1, sizeof *j)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "image.unreadable",
		    "%s: out of memory", path);
	j->cinfo.err = jpeg_std_error(&j->jerr);
	j->jerr.error_exit = image_jpeg_error_exit;
	j->jerr.output_message = image_jpeg_output_message;
	j->cinfo.client_data = j;
	if (setjmp(j->jb) != 0) {
		j->jerr.format_message((j_common_ptr)&j->cinfo, msg);
		jpeg_destroy_decompress(&j->cinfo);
		free(j);
		image_free(img);
		return err_set(e, ERR_INPUT, NULL, "image.corrupt", "%s: %s", path,
		    msg);
	}
	jpeg_create_decompress(&j->cinfo);	/* keeps err and client_data */
	jpeg_stdio_src(&j->cinfo, fp);
	rc = image_jpeg_decode(j, path, img, e);
	jpeg_destroy_decompress(&j->cinfo);
	free(j);
	return rc;
}

/* Reads a PGM header number: skips whitespace and comments, takes decimal digits
 * (at most 5, so no overflow) and the one whitespace character after them. */
static int
image_pgm_number(FILE *fp, unsigned *v)
{
	int	c, digits = 0;

	for (;;) {
		c = getc(fp);
		if (c == '#') {
			while ((c = getc(fp)) != EOF && c != '\n')
				;
			continue;
		}
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r' &&
		    c != '\v' && c != '\f')
			break;
	}
	*v = 0;
	while (c >= '0' && c <= '9') {
		if (++digits > 5)
			return -1;
		*v = *v * 10 + (unsigned)(c - '0');
		c = getc(fp);
	}
	if (digits == 0)
		return -1;
	if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' &&
	    c != '\f')
		return -1;
	return 0;
}

static int
image_pgm_raster(FILE *fp, unsigned maxval, struct image *img)
{
	size_t		 bps = maxval > 255 ? 2 : 1, w = (size_t)img->width;
	unsigned char	*buf, *dst;
	unsigned	 v;
	size_t		 x;
	int		 y;

	if ((buf = malloc(w * bps)) == NULL)
		return -1;
	for (y = 0; y < img->height; y++) {
		if (fread(buf, bps, w, fp) != w) {
			free(buf);
			return -1;
		}
		dst = img->gray + (size_t)y * w;
		for (x = 0; x < w; x++) {
			v = bps == 2 ? (unsigned)buf[2 * x] << 8 | buf[2 * x + 1] :
			    buf[x];
			if (v > maxval)
				v = maxval;
			dst[x] = (unsigned char)((v * 255 + maxval / 2) / maxval);
		}
	}
	free(buf);
	return 0;
}

static int
image_load_pgm(FILE *fp, const char *path, struct image *img, struct err *e)
{
	unsigned	w, h, maxval;

	if (getc(fp) != 'P' || getc(fp) != '5' || image_pgm_number(fp, &w) != 0 ||
	    image_pgm_number(fp, &h) != 0 || image_pgm_number(fp, &maxval) != 0 ||
	    maxval == 0 || maxval > 65535)
		return err_set(e, ERR_INPUT, NULL, "image.corrupt",
		    "%s: bad PGM header", path);
	if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE)
		return err_set(e, ERR_INPUT, NULL, "image.too_large",
		    "%s: %ux%u, at most %d px a side", path, w, h, IMAGE_MAX_SIDE);
	if (w == 0 || h == 0)
		return err_set(e, ERR_INPUT, NULL, "image.corrupt",
		    "%s: PGM of %ux%u pixels", path, w, h);
	if (image_alloc(img, (int)w, (int)h, e) != 0)
		return -1;
	if (image_pgm_raster(fp, maxval, img) != 0) {
		image_free(img);
		return err_set(e, ERR_INPUT, NULL, "image.corrupt",
		    "%s: PGM pixels truncated", path);
	}
	return 0;
}

/*
 * Opens path for reading only if it is a regular file: a FIFO or a device in a
 * folder of frames would block or never end.
 */
static FILE *
image_open(const char *path, struct err *e)
{
	struct stat	 st;
	FILE		*fp;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		err_set(e, ERR_SYSTEM, NULL, "image.unreadable", "%s: %s", path,
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		err_set(e, ERR_SYSTEM, NULL, "image.unreadable",
		    "%s: not a regular file", path);
		close(fd);
		return NULL;
	}
	if ((fp = fdopen(fd, "rb")) == NULL) {
		err_set(e, ERR_SYSTEM, NULL, "image.unreadable", "%s: %s", path,
		    strerror(errno));
		close(fd);
	}
	return fp;
}

/* Reads the image in fp, telling the format by its first bytes. */
static int
image_load_fp(FILE *fp, const char *path, struct image *img, struct err *e)
{
	static const unsigned char png_magic[8] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
	};
	unsigned char	 magic[8];
	size_t		 got;

	memset(img, 0, sizeof *img);
	got = fread(magic, 1, sizeof magic, fp);
	if (ferror(fp) || fseek(fp, 0, SEEK_SET) != 0)
		return err_set(e, ERR_SYSTEM, NULL, "image.unreadable", "%s: %s",
		    path, strerror(errno));
	if (got == sizeof magic && memcmp(magic, png_magic, 8) == 0)
		return image_load_png(fp, path, img, e);
	if (got >= 3 && magic[0] == 0xff && magic[1] == 0xd8 && magic[2] == 0xff)
		return image_load_jpeg(fp, path, img, e);
	if (got >= 2 && magic[0] == 'P' && magic[1] == '5')
		return image_load_pgm(fp, path, img, e);
	return err_set(e, ERR_INPUT, NULL, "image.format",
	    "%s: not a PNG, JPEG or PGM (P5) file", path);
}

int
image_read_file(const char *path, size_t max, unsigned char **buf, size_t *len,
    struct err *e)
{
	unsigned char	*b;
	FILE		*fp;
	long		 size;

	*buf = NULL;
	*len = 0;
	if ((fp = image_open(path, e)) == NULL)
		return -1;
	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		fclose(fp);
		return err_set(e, ERR_SYSTEM, NULL, "image.unreadable", "%s: %s",
		    path, strerror(errno));
	}
	if ((size_t)size > max) {
		fclose(fp);
		return err_set(e, ERR_INPUT, NULL, "image.too_large",
		    "%s: %ld bytes, at most %zu", path, size, max);
	}
	/* One byte more than the size: a file growing meanwhile is cut at the
	 * size seen, and the parser calls the cut picture corrupt. */
	if ((b = malloc((size_t)size + 1)) == NULL) {
		fclose(fp);
		return err_set(e, ERR_SYSTEM, NULL, "image.unreadable",
		    "%s: out of memory", path);
	}
	*len = fread(b, 1, (size_t)size, fp);
	if (ferror(fp)) {
		free(b);
		fclose(fp);
		return err_set(e, ERR_SYSTEM, NULL, "image.unreadable", "%s: %s",
		    path, strerror(errno));
	}
	fclose(fp);
	*buf = b;
	return 0;
}

int
image_parse(const unsigned char *buf, size_t len, const char *name,
    struct image *img, struct err *e)
{
	FILE	*fp;
	int	 rc;

	memset(img, 0, sizeof *img);
	if (len == 0)
		return err_set(e, ERR_INPUT, NULL, "image.format",
		    "%s: not a PNG, JPEG or PGM (P5) file", name);
	/* A stream over memory: no file descriptor, so the worker's sandbox
	 * needs no open(). */
	if ((fp = fmemopen((void *)(uintptr_t)buf, len, "rb")) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "image.unreadable", "%s: %s",
		    name, strerror(errno));
	rc = image_load_fp(fp, name, img, e);
	fclose(fp);
	return rc;
}

int
image_write_png(const char *path, const struct image *img, struct err *e)
{
	png_image	pi;

	if (img->gray == NULL || img->width < 1 || img->height < 1)
		return err_set(e, ERR_INPUT, NULL, "image.write",
		    "%s: empty image", path);
	memset(&pi, 0, sizeof pi);
	pi.version = PNG_IMAGE_VERSION;
	pi.width = (png_uint_32)img->width;
	pi.height = (png_uint_32)img->height;
	pi.format = PNG_FORMAT_GRAY;
	if (!png_image_write_to_file(&pi, path, 0, img->gray, img->width, NULL))
		return err_set(e, ERR_SYSTEM, NULL, "image.write", "%s: %s", path,
		    pi.message);
	return 0;
}

/* Paints module (mx, my) black, px pixels a side. */
static void
image_module(struct image *img, int mx, int my, int px)
{
	int	y;

	for (y = 0; y < px; y++)
		memset(img->gray + (size_t)(my * px + y) * img->width + mx * px, 0,
		    (size_t)px);
}

int
image_from_qr(const char *text, int module_px, int quiet_modules,
    struct image *img, struct err *e)
{
	QRcode	*qr;
	int	 side, x, y, q = quiet_modules;

	memset(img, 0, sizeof *img);
	if (module_px < 1 || module_px > 64 || q < 0 || q > 16)
		return err_set(e, ERR_INPUT, NULL, "image.args",
		    "module %d px, quiet zone %d modules", module_px, q);
	if (*text == '\0')
		return err_set(e, ERR_INPUT, NULL, "image.qr_text", "empty text");
	errno = 0;
	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) ==
	    NULL) {
		if (errno == ERANGE)
			return err_set(e, ERR_INPUT, NULL, "image.qr_text",
			    "%zu bytes do not fit a QR code", strlen(text));
		return err_set(e, ERR_SYSTEM, NULL, "image.write",
		    "qrencode: %s", strerror(errno));
	}
	side = (qr->width + 2 * q) * module_px;
	if (image_alloc(img, side, side, e) != 0) {
		QRcode_free(qr);
		return -1;
	}
	for (y = 0; y < qr->width; y++)
		for (x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				image_module(img, x + q, y + q, module_px);
	QRcode_free(qr);
	return 0;
}

int
image_from_code128(const char *text, int module_px, int height_px,
    struct image *img, struct err *e)
{
	unsigned char	*mods;
	size_t		 n, i;
	int		 y;

	memset(img, 0, sizeof *img);
	if (module_px < 1 || module_px > 64 || height_px < 1 ||
	    height_px > IMAGE_MAX_SIDE)
		return err_set(e, ERR_INPUT, NULL, "image.args",
		    "module %d px, height %d px", module_px, height_px);
	if (decode_encode_code128(text, &mods, &n, e) != 0)
		return -1;
	if (n + 2 * IMAGE_CODE128_QUIET > (size_t)IMAGE_MAX_SIDE / module_px) {
		free(mods);
		return err_set(e, ERR_INPUT, NULL, "image.too_large",
		    "%zu modules of %d px", n, module_px);
	}
	if (image_alloc(img, (int)(n + 2 * IMAGE_CODE128_QUIET) * module_px,
	    height_px + 2 * module_px, e) != 0) {
		free(mods);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!mods[i])
			continue;
		for (y = module_px; y < module_px + height_px; y++)
			memset(img->gray + (size_t)y * img->width +
			    (i + IMAGE_CODE128_QUIET) * module_px, 0,
			    (size_t)module_px);
	}
	free(mods);
	return 0;
}
