/*
 * escpos.c: a picture as an ESC/POS print job.
 *
 * Everything goes as raster images (GS v 0) rather than as text in the
 * printer's own fonts, so that the Chinese text and the QR print the same on
 * any ESC/POS printer, whatever code pages or QR commands it has. The
 * picture goes in bands of ESCPOS_BAND_ROWS rows: many printers buffer only
 * a few kilobytes of one command, and a band of 128 rows of 576 dots is 9 KB.
 * This file makes bytes only; which device gets them, and whether it has
 * paper, is kiosk/print/printer.c's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "escpos.h"

const uint8_t escpos_paper_query[3] = { 0x10, 0x04, 0x04 };

static const uint8_t escpos_init[] = { 0x1b, 0x40 };		/* ESC @ */
static const uint8_t escpos_end[] = {
	0x1b, 0x64, 0x04,	/* ESC d 4: feed 4 lines past the cutter */
	0x1d, 0x56, 0x42, 0x00,	/* GS V 66 0: feed and partial cut */
};

/* One band: GS v 0, mode 0 (normal size), width in bytes, rows, the dots. */
static uint8_t *
escpos_band(uint8_t *p, const struct image *img, int top, int rows)
{
	int bytes = (img->width + 7) / 8, x, y;

	*p++ = 0x1d; *p++ = 0x76; *p++ = 0x30; *p++ = 0x00;
	*p++ = (uint8_t)(bytes & 0xff); *p++ = (uint8_t)(bytes >> 8);
	*p++ = (uint8_t)(rows & 0xff); *p++ = (uint8_t)(rows >> 8);
	for (y = top; y < top + rows; y++) {
		memset(p, 0, (size_t)bytes);
		for (x = 0; x < img->width; x++)
			if (img->gray[(size_t)y * img->width + x] < 128)
				p[x / 8] |= (uint8_t)(0x80 >> (x % 8));
		p += bytes;
	}
	return p;
}

int
escpos_encode(const struct image *img, uint8_t **buf, size_t *len,
    struct err *e)
{
	int bytes = (img->width + 7) / 8, bands, top, rows;
	uint8_t *p;

	*buf = NULL;
	*len = 0;
	if (img->width < 1 || img->width > ESCPOS_MAX_WIDTH || img->height < 1)
		return err_set(e, ERR_INPUT, NULL, "escpos.too_wide",
		    "%d x %d dots", img->width, img->height);
	bands = (img->height + ESCPOS_BAND_ROWS - 1) / ESCPOS_BAND_ROWS;
	*len = sizeof escpos_init + (size_t)bands * 8 +
	    (size_t)bytes * (size_t)img->height + sizeof escpos_end;
	if ((*buf = malloc(*len)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "escpos.memory", NULL);
	memcpy(*buf, escpos_init, sizeof escpos_init);
	p = *buf + sizeof escpos_init;
	for (top = 0; top < img->height; top += rows) {
		rows = img->height - top < ESCPOS_BAND_ROWS ?
		    img->height - top : ESCPOS_BAND_ROWS;
		p = escpos_band(p, img, top, rows);
	}
	memcpy(p, escpos_end, sizeof escpos_end);
	return 0;
}

/* A status byte has bits 1 and 4 on, 0 and 7 off (anything else is not a
 * reply to our query); bits 5 and 6 say the roll sensor found no paper. */
int
escpos_paper_out(uint8_t reply)
{
	if ((reply & 0x93) != 0x12)
		return -1;
	return (reply & 0x60) != 0;
}
