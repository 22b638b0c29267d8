/*
 * imgtool.h: image transforms that imitate what a camera does to a code, for the
 * decoding tests and the decode benchmark (test helper, not part of the core).
 *
 * Every function that makes a new image returns 0 or -1 (out of memory, or a size
 * beyond IMAGE_MAX_SIDE); in-place ones cannot fail. Randomness comes from a
 * caller-seeded xorshift generator so that every run sees the same pictures.
 */
#ifndef JSD_IMGTOOL_H
#define JSD_IMGTOOL_H

#include <stdint.h>

#include "image.h"

/* xorshift32; *state must not be 0. */
uint32_t	imgtool_rand(uint32_t *state);

/* dst = src resampled by area averaging (factor < 1 shrinks). */
int	imgtool_scale(const struct image *src, double factor, struct image *dst);
/* dst = src turned counter-clockwise by degrees (bilinear), on a white canvas
 * just big enough to hold it. */
int	imgtool_rotate(const struct image *src, double degrees, struct image *dst);
/* Gaussian blur of the given sigma in pixels, in place. */
int	imgtool_blur(struct image *, double sigma);
/* Adds noise of about the given standard deviation in gray levels, in place. */
void	imgtool_noise(struct image *, int sd, uint32_t seed);
/* Maps black..white onto lo..hi, in place. */
void	imgtool_contrast(struct image *, int lo, int hi);
/* Light-on-dark, in place. */
void	imgtool_invert(struct image *);
/* A width x height frame of uneven light, random boxes and lines of text-like
 * marks: what a counter camera sees around a phone. */
int	imgtool_clutter(int width, int height, uint32_t seed, struct image *dst);
/* Copies src into dst with its top left corner at (x, y), clipped. */
void	imgtool_paste(struct image *dst, const struct image *src, int x, int y);

/*
 * Photo-like transforms, for the generated corpus (corpus.c). A map takes a
 * point of the picture being drawn and gives the point of the source it shows
 * (an inverse map, so that every target pixel is sampled once).
 */
typedef void	(*imgtool_map)(double x, double y, double *sx, double *sy,
		    void *arg);
/* Draws src into dst through map, bilinear; dst pixels that map outside src
 * keep what they had (src is pasted, warped, onto dst). */
void	imgtool_warp(struct image *dst, const struct image *src, imgtool_map,
	    void *arg);
/* The projective map sending dst's quadrilateral q (4 corners, x then y,
 * clockwise from top left) to src's rectangle w x h: 9 coefficients into h. */
int	imgtool_homography(const double q[8], int w, int h, double hm[9]);
/* An imgtool_map for a homography (arg: double[9]). */
void	imgtool_map_homography(double x, double y, double *sx, double *sy,
	    void *arg);
/* Lens distortion about the centre: k > 0 barrel, k < 0 pincushion. */
int	imgtool_barrel(const struct image *src, double k, struct image *dst);
/* Motion blur: the mean along a segment of len px at the angle given. */
int	imgtool_motion(struct image *, double len, double degrees);
/* Uneven light: a gradient from lo to hi across the picture at the angle
 * given, times a soft-edged shadow band of the given depth (0..1). */
void	imgtool_light(struct image *, double lo, double hi, double degrees,
	    double shadow, uint32_t seed);
/* A glare spot: white added with a Gaussian fall-off of radius r. */
void	imgtool_glare(struct image *, double cx, double cy, double r,
	    double strength);
/* A phone screen photographed: black lifted to lo, the pixel grid of the
 * given pitch (px) and slant (degrees) darkening the gaps: moiré. */
void	imgtool_screen(struct image *, int lo, double pitch, double degrees);
/* Compresses to JPEG at quality q and back, as a phone saves a photo. */
int	imgtool_jpeg(struct image *, int quality);

#endif
