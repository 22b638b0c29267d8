/*
 * imgtool.c: camera-like image transforms for tests and benchmarks; see imgtool.h.
 *
 * Plain, slow and exact enough: these run on a few test images, never on the
 * product's path. The rotation is bilinear because a nearest-neighbour turn leaves
 * stair-steps no camera makes, which would test the wrong thing.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "imgtool.h"

uint32_t
imgtool_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static unsigned char
imgtool_clamp(double v)
{
	if (v < 0)
		return 0;
	if (v > 255)
		return 255;
	return (unsigned char)(v + 0.5);
}

int
imgtool_scale(const struct image *src, double f, struct image *dst)
{
	int	w = (int)lround(src->width * f), h = (int)lround(src->height * f);
	int	x, y, sx, sy, sx0, sx1, sy0, sy1;
	double	sum;

	if (f <= 0 || image_alloc(dst, w, h, NULL) != 0)
		return -1;
	for (y = 0; y < h; y++) {
		sy0 = (int)floor(y / f);
		sy1 = (int)ceil((y + 1) / f);
		if (sy1 > src->height)
			sy1 = src->height;
		if (sy1 <= sy0)
			sy1 = sy0 + 1;
		for (x = 0; x < w; x++) {
			sx0 = (int)floor(x / f);
			sx1 = (int)ceil((x + 1) / f);
			if (sx1 > src->width)
				sx1 = src->width;
			if (sx1 <= sx0)
				sx1 = sx0 + 1;
			sum = 0;
			for (sy = sy0; sy < sy1; sy++)
				for (sx = sx0; sx < sx1; sx++)
					sum += src->gray[(size_t)sy * src->width + sx];
			dst->gray[(size_t)y * w + x] =
			    imgtool_clamp(sum / ((sy1 - sy0) * (sx1 - sx0)));
		}
	}
	return 0;
}

/* Bilinear sample of src at (x, y); white outside. */
static double
imgtool_sample(const struct image *src, double x, double y)
{
	int	x0 = (int)floor(x), y0 = (int)floor(y), i, j, px, py;
	double	fx = x - x0, fy = y - y0, v = 0, wgt;

	for (j = 0; j < 2; j++) {
		for (i = 0; i < 2; i++) {
			px = x0 + i;
			py = y0 + j;
			wgt = (i ? fx : 1 - fx) * (j ? fy : 1 - fy);
			if (px < 0 || py < 0 || px >= src->width || py >= src->height)
				v += 255 * wgt;
			else
				v += src->gray[(size_t)py * src->width + px] * wgt;
		}
	}
	return v;
}

int
imgtool_rotate(const struct image *src, double deg, struct image *dst)
{
	double	a = deg * M_PI / 180, c = cos(a), s = sin(a);
	double	cx, cy, dcx, dcy, dx, dy;
	int	w, h, x, y;

	/* Exact zeros for quarter turns, so they move whole pixels. */
	if (fabs(c) < 1e-9)
		c = 0;
	if (fabs(s) < 1e-9)
		s = 0;
	w = (int)ceil(fabs(src->width * c) + fabs(src->height * s) - 1e-6);
	h = (int)ceil(fabs(src->width * s) + fabs(src->height * c) - 1e-6);
	if (image_alloc(dst, w, h, NULL) != 0)
		return -1;
	cx = (src->width - 1) / 2.0;
	cy = (src->height - 1) / 2.0;
	dcx = (w - 1) / 2.0;
	dcy = (h - 1) / 2.0;
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++) {
			/* Inverse of a counter-clockwise turn (y grows downwards). */
			dx = x - dcx;
			dy = y - dcy;
			dst->gray[(size_t)y * w + x] = imgtool_clamp(imgtool_sample(src,
			    cx + dx * c - dy * s, cy + dx * s + dy * c));
		}
	}
	return 0;
}

int
imgtool_blur(struct image *img, double sigma)
{
	int	 r = (int)ceil(3 * sigma), x, y, k, i;
	double	*kern, *tmp, sum;
	size_t	 n = (size_t)img->width * img->height;

	if (sigma <= 0)
		return 0;
	kern = calloc((size_t)(2 * r + 1), sizeof *kern);
	tmp = calloc(n, sizeof *tmp);
	if (kern == NULL || tmp == NULL) {
		free(kern);
		free(tmp);
		return -1;
	}
	sum = 0;
	for (k = -r; k <= r; k++)
		sum += kern[k + r] = exp(-(k * k) / (2 * sigma * sigma));
	for (k = 0; k <= 2 * r; k++)
		kern[k] /= sum;
	/* Rows into tmp, then columns back; edges repeat the border pixel. */
	for (y = 0; y < img->height; y++)
		for (x = 0; x < img->width; x++) {
			sum = 0;
			for (k = -r; k <= r; k++) {
				i = x + k < 0 ? 0 : x + k >= img->width ?
				    img->width - 1 : x + k;
				sum += kern[k + r] *
				    img->gray[(size_t)y * img->width + i];
			}
			tmp[(size_t)y * img->width + x] = sum;
		}
	for (y = 0; y < img->height; y++)
		for (x = 0; x < img->width; x++) {
			sum = 0;
			for (k = -r; k <= r; k++) {
				i = y + k < 0 ? 0 : y + k >= img->height ?
				    img->height - 1 : y + k;
				sum += kern[k + r] * tmp[(size_t)i * img->width + x];
			}
			img->gray[(size_t)y * img->width + x] = imgtool_clamp(sum);
		}
	free(kern);
	free(tmp);
	return 0;
}

void
imgtool_noise(struct image *img, int sd, uint32_t seed)
{
	size_t	 i, n = (size_t)img->width * img->height;
	uint32_t st = seed ? seed : 1;
	double	 u;
	int	 k;

	/* The sum of 4 uniforms is near enough to a Gaussian; its sd is 2/sqrt(12). */
	for (i = 0; i < n; i++) {
		u = 0;
		for (k = 0; k < 4; k++)
			u += (imgtool_rand(&st) & 0xffff) / 65535.0 - 0.5;
		img->gray[i] = imgtool_clamp(img->gray[i] + u * sd * sqrt(3.0));
	}
}

void
imgtool_contrast(struct image *img, int lo, int hi)
{
	size_t	i, n = (size_t)img->width * img->height;

	for (i = 0; i < n; i++)
		img->gray[i] = (unsigned char)(lo + (hi - lo) * img->gray[i] / 255);
}

void
imgtool_invert(struct image *img)
{
	size_t	i, n = (size_t)img->width * img->height;

	for (i = 0; i < n; i++)
		img->gray[i] = 255 - img->gray[i];
}

static void
imgtool_box(struct image *img, int x0, int y0, int w, int h, unsigned char v)
{
	int	x, y;

	for (y = y0 < 0 ? 0 : y0; y < y0 + h && y < img->height; y++)
		for (x = x0 < 0 ? 0 : x0; x < x0 + w && x < img->width; x++)
			img->gray[(size_t)y * img->width + x] = v;
}

/* A line of text-like marks: glyph-sized dark strokes with word gaps. */
static void
imgtool_text_line(struct image *img, int x, int y, int len, int size,
    uint32_t *st)
{
	int	end = x + len, gw;

	while (x < end) {
		if (imgtool_rand(st) % 6 == 0) {
			x += size;
			continue;
		}
		gw = 1 + (int)(imgtool_rand(st) % (unsigned)(size / 2 + 1));
		imgtool_box(img, x, y + (int)(imgtool_rand(st) % 3), gw,
		    size - (int)(imgtool_rand(st) % (unsigned)(size / 2 + 1)),
		    (unsigned char)(imgtool_rand(st) % 60));
		x += gw + 1 + (int)(imgtool_rand(st) % 3);
	}
}

int
imgtool_clutter(int width, int height, uint32_t seed, struct image *dst)
{
	uint32_t st = seed ? seed : 1;
	int	 x, y, i, size;

	if (image_alloc(dst, width, height, NULL) != 0)
		return -1;
	/* Light falling off towards one corner, as under a counter lamp. */
	for (y = 0; y < height; y++)
		for (x = 0; x < width; x++)
			dst->gray[(size_t)y * width + x] = (unsigned char)(230 -
			    90 * (x + y) / (width + height));
	for (i = 0; i < 40; i++)
		imgtool_box(dst, (int)(imgtool_rand(&st) % (unsigned)width),
		    (int)(imgtool_rand(&st) % (unsigned)height),
		    20 + (int)(imgtool_rand(&st) % 220),
		    10 + (int)(imgtool_rand(&st) % 160),
		    (unsigned char)(imgtool_rand(&st) % 256));
	for (i = 0; i < 30; i++) {
		size = 8 + (int)(imgtool_rand(&st) % 12);
		imgtool_text_line(dst, (int)(imgtool_rand(&st) % (unsigned)width),
		    (int)(imgtool_rand(&st) % (unsigned)height),
		    80 + (int)(imgtool_rand(&st) % 400), size, &st);
	}
	return 0;
}

void
imgtool_paste(struct image *dst, const struct image *src, int x0, int y0)
{
	int	x, y;

	for (y = 0; y < src->height; y++) {
		if (y0 + y < 0 || y0 + y >= dst->height)
			continue;
		for (x = 0; x < src->width; x++) {
			if (x0 + x < 0 || x0 + x >= dst->width)
				continue;
			dst->gray[(size_t)(y0 + y) * dst->width + x0 + x] =
			    src->gray[(size_t)y * src->width + x];
		}
	}
}
