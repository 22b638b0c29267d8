/*
 * escpos2png: what a receipt printer would print, as a picture, so that a
 * test can read a printed ticket back (zbarimg for its QR).
 *
 *	escpos2png JOB-FILE OUT.png
 *
 * Reads ESC/POS as a printer does, independently of core/escpos.c (a test
 * that decoded with the encoder's own code would prove nothing): ESC @, GS v 0
 * raster bands stacked top to bottom (every band as wide as the first), ESC d
 * n and LF feeds as blank rows, GS V cuts. Any other byte is an error, so a
 * job a printer would misread fails here too. Prints "WIDTHxHEIGHT bands N".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

#define FEED_ROWS	24	/* a line feed at the printer's default spacing */
#define MAX_JOB		(8 << 20)

struct job {
	const unsigned char	*p;
	size_t			 n;
	struct image		 img;
	int			 bands;
};

static int
fail(const char *what, size_t at)
{
	fprintf(stderr, "escpos2png: %s at byte %zu\n", what, at);
	return -1;
}

/* Appends rows of dots (or blank ones when bits is NULL) below the picture. */
static int
grow(struct job *j, int width, int rows, const unsigned char *bits)
{
	struct image next;
	struct err e;
	int x, y, bytes = (width + 7) / 8;

	if (j->img.width == 0 && bits == NULL)
		return 0;
	if (j->img.width != 0 && width != j->img.width)
		return -1;
	if (image_alloc(&next, width, j->img.height + rows, &e) != 0)
		return -1;
	if (j->img.gray != NULL)
		memcpy(next.gray, j->img.gray, (size_t)width * j->img.height);
	for (y = 0; bits != NULL && y < rows; y++)
		for (x = 0; x < width; x++)
			if (bits[(size_t)y * bytes + x / 8] & (0x80 >> (x % 8)))
				next.gray[(size_t)(j->img.height + y) * width + x] = 0;
	image_free(&j->img);
	j->img = next;
	return 0;
}

/* One command at j->p; consumes it. */
static int
command(struct job *j, size_t at)
{
	const unsigned char *p = j->p;
	size_t width, rows, len;

	if (j->n >= 2 && p[0] == 0x1b && p[1] == 0x40)
		len = 2;
	else if (j->n >= 3 && p[0] == 0x1b && p[1] == 0x64) {
		if (grow(j, j->img.width, p[2] * FEED_ROWS, NULL) != 0)
			return fail("feed", at);
		len = 3;
	} else if (j->n >= 1 && p[0] == 0x0a) {
		if (grow(j, j->img.width, FEED_ROWS, NULL) != 0)
			return fail("line feed", at);
		len = 1;
	} else if (j->n >= 3 && p[0] == 0x1d && p[1] == 0x56)
		len = p[2] == 65 || p[2] == 66 ? 4 : 3;
	else if (j->n >= 8 && p[0] == 0x1d && p[1] == 0x76 && p[2] == 0x30) {
		if (p[3] != 0 && p[3] != 48)
			return fail("raster in a scaled mode", at);
		width = (size_t)p[4] | (size_t)p[5] << 8;
		rows = (size_t)p[6] | (size_t)p[7] << 8;
		len = 8 + width * rows;
		if (width == 0 || rows == 0 || len > j->n)
			return fail("raster band cut short", at);
		if (grow(j, (int)width * 8, (int)rows, p + 8) != 0)
			return fail("raster band of another width", at);
		j->bands++;
	} else
		return fail("unknown command", at);
	if (len > j->n)
		return fail("command cut short", at);
	j->p += len;
	j->n -= len;
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned char *buf;
	struct job j;
	struct err e;
	size_t len;

	if (argc != 3) {
		fprintf(stderr, "usage: escpos2png JOB-FILE OUT.png\n");
		return 2;
	}
	if (image_read_file(argv[1], MAX_JOB, &buf, &len, &e) != 0) {
		fprintf(stderr, "escpos2png: %s: %s\n", argv[1], e.detail);
		return 2;
	}
	memset(&j, 0, sizeof j);
	j.p = buf;
	j.n = len;
	while (j.n > 0)
		if (command(&j, len - j.n) != 0) {
			free(buf);
			image_free(&j.img);
			return 1;
		}
	free(buf);
	if (j.bands == 0 || image_write_png(argv[2], &j.img, &e) != 0) {
		fprintf(stderr, "escpos2png: no picture written\n");
		image_free(&j.img);
		return 1;
	}
	printf("%dx%d bands %d\n", j.img.width, j.img.height, j.bands);
	image_free(&j.img);
	return 0;
}
