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

#endif
