/*
 * imgtool.c: camera-like image transforms for tests and benchmarks; see imgtool.h.
 *
 * Plain, slow and exact enough: these run on a few test images, never on the
 * product's path. The rotation is bilinear because a nearest-neighbour turn leaves
 * stair-steps no camera makes, which would test the wrong thing.
 */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

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

void
imgtool_warp(struct image *dst, const struct image *src, imgtool_map map,
    void *arg)
{
	double	sx, sy;
	int	x, y;

	for (y = 0; y < dst->height; y++)
		for (x = 0; x < dst->width; x++) {
			map(x + 0.5, y + 0.5, &sx, &sy, arg);
			sx -= 0.5;
			sy -= 0.5;
			if (sx < -0.5 || sy < -0.5 || sx > src->width - 0.5 ||
			    sy > src->height - 0.5)
				continue;
			dst->gray[(size_t)y * dst->width + x] =
			    imgtool_clamp(imgtool_sample(src, sx, sy));
		}
}

/* Solves the 8x8 system a x = b in place (Gaussian elimination, pivoting). */
static int
imgtool_solve8(double a[8][9])
{
	int	i, j, k, p;
	double	t;

	for (i = 0; i < 8; i++) {
		p = i;
		for (j = i + 1; j < 8; j++)
			if (fabs(a[j][i]) > fabs(a[p][i]))
				p = j;
		if (fabs(a[p][i]) < 1e-12)
			return -1;
		for (k = 0; k < 9; k++) {
			t = a[i][k];
			a[i][k] = a[p][k];
			a[p][k] = t;
		}
		for (j = 0; j < 8; j++) {
			if (j == i)
				continue;
			t = a[j][i] / a[i][i];
			for (k = i; k < 9; k++)
				a[j][k] -= t * a[i][k];
		}
	}
	for (i = 0; i < 8; i++)
		a[i][8] /= a[i][i];
	return 0;
}

int
imgtool_homography(const double q[8], int w, int h, double hm[9])
{
	const double	r[8] = { 0, 0, w, 0, w, h, 0, h };
	double		a[8][9];
	int		i;

	/* (u, v) = ((h0 x + h1 y + h2) / d, (h3 x + h4 y + h5) / d),
	 * d = h6 x + h7 y + 1, for each corner (x, y) of q and (u, v) of r. */
	for (i = 0; i < 4; i++) {
		double x = q[2 * i], y = q[2 * i + 1], u = r[2 * i], v = r[2 * i + 1];
		double *e = a[2 * i], *f = a[2 * i + 1];

		e[0] = x; e[1] = y; e[2] = 1; e[3] = e[4] = e[5] = 0;
		e[6] = -u * x; e[7] = -u * y; e[8] = u;
		f[0] = f[1] = f[2] = 0; f[3] = x; f[4] = y; f[5] = 1;
		f[6] = -v * x; f[7] = -v * y; f[8] = v;
	}
	if (imgtool_solve8(a) != 0)
		return -1;
	for (i = 0; i < 8; i++)
		hm[i] = a[i][8];
	hm[8] = 1;
	return 0;
}

void
imgtool_map_homography(double x, double y, double *sx, double *sy, void *arg)
{
	const double	*h = arg;
	double		 d = h[6] * x + h[7] * y + h[8];

	*sx = (h[0] * x + h[1] * y + h[2]) / d;
	*sy = (h[3] * x + h[4] * y + h[5]) / d;
}

struct imgtool_lens {
	double	cx, cy, k, r2;
};

static void
imgtool_map_lens(double x, double y, double *sx, double *sy, void *arg)
{
	const struct imgtool_lens *l = arg;
	double	dx = x - l->cx, dy = y - l->cy;
	double	f = 1 + l->k * (dx * dx + dy * dy) / l->r2;

	*sx = l->cx + dx * f;
	*sy = l->cy + dy * f;
}

int
imgtool_barrel(const struct image *src, double k, struct image *dst)
{
	struct imgtool_lens l;

	if (image_alloc(dst, src->width, src->height, NULL) != 0)
		return -1;
	l.cx = src->width / 2.0;
	l.cy = src->height / 2.0;
	l.r2 = l.cx * l.cx + l.cy * l.cy;
	/* The inverse of a barrel: a target point shows a source point further
	 * out, so straight lines bow outwards. */
	l.k = -k;
	imgtool_warp(dst, src, imgtool_map_lens, &l);
	return 0;
}

int
imgtool_motion(struct image *img, double len, double degrees)
{
	double	 a = degrees * M_PI / 180, dx = cos(a), dy = sin(a), sum, t;
	int	 x, y, k, steps = (int)ceil(len) + 1;
	struct image src;

	if (len <= 0)
		return 0;
	if (imgtool_scale(img, 1.0, &src) != 0)
		return -1;
	for (y = 0; y < img->height; y++)
		for (x = 0; x < img->width; x++) {
			sum = 0;
			for (k = 0; k < steps; k++) {
				t = len * ((double)k / (steps - 1) - 0.5);
				sum += imgtool_sample(&src, x + t * dx, y + t * dy);
			}
			img->gray[(size_t)y * img->width + x] =
			    imgtool_clamp(sum / steps);
		}
	image_free(&src);
	return 0;
}

void
imgtool_light(struct image *img, double lo, double hi, double degrees,
    double shadow, uint32_t seed)
{
	double	 a = degrees * M_PI / 180, ca = cos(a), sa = sin(a), t, f, d;
	double	 diag = hypot(img->width, img->height);
	uint32_t st = seed ? seed : 1;
	double	 sx = imgtool_rand(&st) % 1000 / 1000.0 * img->width;
	double	 sa2 = (imgtool_rand(&st) % 180) * M_PI / 180;
	double	 sw = diag * (0.08 + imgtool_rand(&st) % 100 / 600.0);
	int	 x, y;

	for (y = 0; y < img->height; y++)
		for (x = 0; x < img->width; x++) {
			t = ((x - img->width / 2.0) * ca + (y - img->height / 2.0) *
			    sa) / diag + 0.5;
			f = lo + (hi - lo) * t;
			/* A band of shadow (a hand, a phone's edge) with soft
			 * edges: distance from a line through (sx, 0). */
			d = fabs((x - sx) * cos(sa2) + y * sin(sa2));
			if (d < sw)
				f *= 1 - shadow;
			else if (d < sw * 1.4)
				f *= 1 - shadow * (1 - (d - sw) / (0.4 * sw));
			img->gray[(size_t)y * img->width + x] =
			    imgtool_clamp(img->gray[(size_t)y * img->width + x] * f);
		}
}

void
imgtool_glare(struct image *img, double cx, double cy, double r, double strength)
{
	int	x, y, x0 = (int)(cx - 3 * r), x1 = (int)(cx + 3 * r);
	int	y0 = (int)(cy - 3 * r), y1 = (int)(cy + 3 * r);
	double	d2;

	for (y = y0 < 0 ? 0 : y0; y < y1 && y < img->height; y++)
		for (x = x0 < 0 ? 0 : x0; x < x1 && x < img->width; x++) {
			d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r);
			img->gray[(size_t)y * img->width + x] = imgtool_clamp(
			    img->gray[(size_t)y * img->width + x] +
			    strength * exp(-d2 / 2));
		}
}

void
imgtool_screen(struct image *img, int lo, double pitch, double degrees)
{
	double	a = degrees * M_PI / 180, ca = cos(a), sa = sin(a), u, v, g;
	size_t	i;
	int	x, y;

	for (y = 0; y < img->height; y++)
		for (x = 0; x < img->width; x++) {
			/* Subpixel gaps: a dark line every pitch px each way. */
			u = fmod(fabs(x * ca + y * sa), pitch) / pitch;
			v = fmod(fabs(-x * sa + y * ca), pitch) / pitch;
			g = (u < 0.2 ? 0.75 : 1) * (v < 0.2 ? 0.8 : 1);
			i = (size_t)y * img->width + x;
			img->gray[i] = imgtool_clamp((lo + (255 - lo) *
			    img->gray[i] / 255.0) * g);
		}
}

struct imgtool_jerr {
	struct jpeg_error_mgr	 mgr;
	jmp_buf			 jb;
};

static void
imgtool_jpeg_exit(j_common_ptr ci)
{
	longjmp(((struct imgtool_jerr *)ci->err)->jb, 1);
}

/* Compression and decompression of our own buffer: libjpeg can only fail on
 * memory here, and longjmps out of either. */
int
imgtool_jpeg(struct image *img, int quality)
{
	struct jpeg_compress_struct	 c;
	struct jpeg_decompress_struct	 d;
	struct imgtool_jerr		 je;
	unsigned char			*volatile buf = NULL;
	unsigned long			 len = 0;
	unsigned char			*b = NULL;
	JSAMPROW			 row;

	memset(&c, 0, sizeof c);
	memset(&d, 0, sizeof d);
	c.err = d.err = jpeg_std_error(&je.mgr);
	je.mgr.error_exit = imgtool_jpeg_exit;
	if (setjmp(je.jb) != 0) {
		jpeg_destroy_compress(&c);
		jpeg_destroy_decompress(&d);
		free(buf);
		return -1;
	}
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &b, &len);
	c.image_width = (JDIMENSION)img->width;
	c.image_height = (JDIMENSION)img->height;
	c.input_components = 1;
	c.in_color_space = JCS_GRAYSCALE;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, quality, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		row = img->gray + (size_t)c.next_scanline * img->width;
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	buf = b;
	jpeg_destroy_compress(&c);
	jpeg_create_decompress(&d);
	jpeg_mem_src(&d, buf, len);
	jpeg_read_header(&d, TRUE);
	jpeg_start_decompress(&d);
	while (d.output_scanline < d.output_height) {
		row = img->gray + (size_t)d.output_scanline * img->width;
		jpeg_read_scanlines(&d, &row, 1);
	}
	jpeg_finish_decompress(&d);
	jpeg_destroy_decompress(&d);
	free(buf);
	return 0;
}
