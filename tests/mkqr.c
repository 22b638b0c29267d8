/*
 * mkqr.c: writes a QR code, or an empty frame, as a PNG for the scanner tests.
 *
 *	mkqr TEXT OUT.png [MODULE_PX]	a QR code of TEXT
 *	mkqr --blank OUT.png		a white frame with no code in it
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "image.h"

int
main(int argc, char **argv)
{
	struct image img;
	struct err e;
	int rc, px = 4;

	memset(&img, 0, sizeof img);
	err_clear(&e);
	if (argc < 3 || argc > 4 || (argc == 4 && (px = atoi(argv[3])) < 1)) {
		fprintf(stderr, "usage: mkqr TEXT|--blank OUT.png [MODULE_PX]\n");
		return 2;
	}
	if (strcmp(argv[1], "--blank") == 0)
		rc = image_alloc(&img, 200, 150, &e);
	else
		rc = image_from_qr(argv[1], px, 4, &img, &e);
	if (rc == 0)
		rc = image_write_png(argv[2], &img, &e);
	image_free(&img);
	if (rc != 0) {
		fprintf(stderr, "mkqr: %s (%s)\n", e.key, e.detail);
		return 1;
	}
	return 0;
}
