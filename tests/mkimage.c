/*
 * mkimage.c: writes test images for tests/decode.sh, the one place a JPEG is
 * written (the product only reads them).
 *
 * Usage: mkimage qr|code128|slanted|blank TEXT png|jpeg|cmyk|ycck|jpeg2|pgm FILE
 * cmyk and ycck are JPEGs in those colour spaces, as print shops and some
 * scanners write them; jpeg2 is a JPEG of two components, which no reader knows.
 * qr and code128 draw TEXT (\e, \a and \t are turned into their control bytes
 * so that the shell need not pass them); blank is a white 200x150 image;
 * slanted is TEXT as a Code128 turned 5 degrees in a 1280x720 frame, which
 * Debian's ZXing 1.4 aborts on with its own try-harder and downscale (zxing-cpp
 * #740): the decoding worker's test picture.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "image.h"
#include "imgtool.h"

static int
mkimage_slanted(const char *text, struct image *img, struct err *e)
{
	struct image bar, turned;
	int rc;

	if (image_from_code128(text, 3, 120, &bar, e) != 0)
		return -1;
	rc = imgtool_rotate(&bar, 5, &turned);
	image_free(&bar);
	if (rc != 0 || image_alloc(img, 1280, 720, e) != 0) {
		image_free(&turned);
		return -1;
	}
	memset(img->gray, 230, (size_t)img->width * img->height);
	imgtool_paste(img, &turned, (1280 - turned.width) / 2,
	    (720 - turned.height) / 2);
	image_free(&turned);
	return 0;
}

/*
 * One row in the colour space asked for: gray as is; CMYK as print shops'
 * JPEGs hold it, ink inverted as Adobe writes it (only K carries the gray);
 * two components (a colour space no reader knows) as gray twice.
 */
static void
mkimage_row(const struct image *img, J_COLOR_SPACE cs, int comps, JDIMENSION y,
    unsigned char *out)
{
	const unsigned char	*g = img->gray + (size_t)y * img->width;
	int			 x, c;

	for (x = 0; x < img->width; x++)
		for (c = 0; c < comps; c++)
			out[x * comps + c] = cs == JCS_CMYK && c < 3 ? 255 : g[x];
}

/* libjpeg's default error handler prints and exits, which is fine for a tool.
 * jcs is the JPEG's colour space: GRAYSCALE, CMYK, YCCK or UNKNOWN (2 components). */
static int
mkimage_jpeg(const char *path, const struct image *img, J_COLOR_SPACE jcs)
{
	struct jpeg_compress_struct	 ci;
	struct jpeg_error_mgr		 jerr;
	unsigned char			*buf;
	JSAMPROW			 row;
	FILE				*f;

	if ((buf = malloc((size_t)img->width * 4)) == NULL)
		return -1;
	if ((f = fopen(path, "wb")) == NULL) {
		free(buf);
		return -1;
	}
	ci.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&ci);
	jpeg_stdio_dest(&ci, f);
	ci.image_width = (JDIMENSION)img->width;
	ci.image_height = (JDIMENSION)img->height;
	ci.in_color_space = jcs == JCS_YCCK ? JCS_CMYK : jcs;
	ci.input_components = jcs == JCS_GRAYSCALE ? 1 : jcs == JCS_UNKNOWN ? 2 : 4;
	jpeg_set_defaults(&ci);
	jpeg_set_colorspace(&ci, jcs);
	jpeg_set_quality(&ci, 90, TRUE);
	jpeg_start_compress(&ci, TRUE);
	row = buf;
	while (ci.next_scanline < ci.image_height) {
		mkimage_row(img, ci.in_color_space, ci.input_components,
		    ci.next_scanline, buf);
		jpeg_write_scanlines(&ci, &row, 1);
	}
	jpeg_finish_compress(&ci);
	jpeg_destroy_compress(&ci);
	free(buf);
	return fclose(f) == 0 ? 0 : -1;
}

static int
mkimage_pgm(const char *path, const struct image *img)
{
	FILE	*f;
	int	 rc;

	if ((f = fopen(path, "wb")) == NULL)
		return -1;
	/* A comment in the header, as some cameras write. */
	fprintf(f, "P5\n# mkimage\n%d %d\n255\n", img->width, img->height);
	rc = fwrite(img->gray, 1, (size_t)img->width * img->height, f) ==
	    (size_t)img->width * img->height ? 0 : -1;
	return fclose(f) == 0 ? rc : -1;
}

/* Turns \e, \a and \t into their bytes, in place. */
static void
mkimage_unescape(char *s)
{
	char	*d = s;

	for (; *s != '\0'; s++) {
		if (s[0] == '\\' && (s[1] == 'e' || s[1] == 'a' || s[1] == 't')) {
			*d++ = s[1] == 'e' ? 0x1b : s[1] == 'a' ? 0x07 : '\t';
			s++;
		} else
			*d++ = *s;
	}
	*d = '\0';
}

int
main(int argc, char **argv)
{
	struct image	img;
	struct err	e;
	int		rc;

	if (argc != 5) {
		fprintf(stderr, "usage: mkimage qr|code128|slanted|blank TEXT "
		    "png|jpeg|cmyk|ycck|jpeg2|pgm FILE\n");
		return 2;
	}
	mkimage_unescape(argv[2]);
	if (strcmp(argv[1], "qr") == 0)
		rc = image_from_qr(argv[2], 4, 4, &img, &e);
	else if (strcmp(argv[1], "code128") == 0)
		rc = image_from_code128(argv[2], 3, 120, &img, &e);
	else if (strcmp(argv[1], "slanted") == 0)
		rc = mkimage_slanted(argv[2], &img, &e);
	else
		rc = image_alloc(&img, 200, 150, &e);
	if (rc != 0) {
		fprintf(stderr, "mkimage: %s %s\n", e.key, e.detail);
		return 1;
	}
	if (strcmp(argv[3], "png") == 0)
		rc = image_write_png(argv[4], &img, &e);
	else if (strcmp(argv[3], "jpeg") == 0)
		rc = mkimage_jpeg(argv[4], &img, JCS_GRAYSCALE);
	else if (strcmp(argv[3], "cmyk") == 0)
		rc = mkimage_jpeg(argv[4], &img, JCS_CMYK);
	else if (strcmp(argv[3], "ycck") == 0)
		rc = mkimage_jpeg(argv[4], &img, JCS_YCCK);
	else if (strcmp(argv[3], "jpeg2") == 0)
		rc = mkimage_jpeg(argv[4], &img, JCS_UNKNOWN);
	else
		rc = mkimage_pgm(argv[4], &img);
	image_free(&img);
	if (rc != 0) {
		fprintf(stderr, "mkimage: cannot write %s\n", argv[4]);
		return 1;
	}
	return 0;
}
