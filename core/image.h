/*
 * image.h: 8-bit gray images read from files and drawn from codes.
 *
 * An image is what the decoder reads (decode.h) and what jsdctl writes when a code
 * is asked for as a PNG. Files come from outside (a folder of camera frames, a
 * user's path), so the format is told by its first bytes, never by the name; the
 * size is bounded before anything is allocated, and a truncated or corrupt file is
 * an error, never a half-read picture. The struct owns its pixels: image_free().
 */
#ifndef JSD_IMAGE_H
#define JSD_IMAGE_H

#include "err.h"

#define IMAGE_MAX_SIDE	8192	/* larger files are refused (image.too_large) */

struct image {
	int		 width;
	int		 height;
	unsigned char	*gray;		/* width * height bytes, rows top to bottom */
};

/* A width x height image filled with white (255). */
int	image_alloc(struct image *, int width, int height, struct err *);
/* Releases the pixels and zeroes the struct; safe on a zeroed or freed one. */
void	image_free(struct image *);

/*
 * Reads PNG, JPEG or binary PGM (P5) as 8-bit gray: color is converted to
 * luminance, alpha composed onto white, 16-bit samples reduced. Errors: ERR_SYSTEM
 * "image.unreadable" (cannot open or read), ERR_INPUT "image.format" (not one of
 * the three), "image.corrupt" (truncated or damaged), "image.too_large".
 * In two halves, for the decoding worker (decode-worker.h): the trusted side
 * reads a file's bytes (a regular file, at most max bytes, else
 * "image.too_large"; *buf malloc'ed, the caller frees it) without looking at
 * them, and the worker, which may open nothing, parses them. name is only for
 * messages.
 */
int	image_read_file(const char *path, size_t max, unsigned char **buf,
	    size_t *len, struct err *);
int	image_parse(const unsigned char *buf, size_t len, const char *name,
	    struct image *, struct err *);
/* Writes a gray PNG (ERR_SYSTEM "image.write" on failure). */
int	image_write_png(const char *path, const struct image *, struct err *);

/*
 * Draws text as a QR code (level M; libqrencode picks numeric, alphanumeric or
 * 8-bit segments, case-sensitive), module_px pixels a module, with quiet_modules
 * of white around it.
 */
int	image_from_qr(const char *text, int module_px, int quiet_modules,
	    struct image *, struct err *);
/* Draws printable ASCII text as Code128, bars height_px tall, 10 modules quiet
 * zone on each side and module_px on top and bottom. */
int	image_from_code128(const char *text, int module_px, int height_px,
	    struct image *, struct err *);

#endif
