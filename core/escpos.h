/*
 * escpos.h: ESC/POS, the command language of receipt printers, as bytes: a
 * picture as raster images, the cut, and the paper status query. Knows
 * nothing of devices (kiosk/print/printer.c sends the bytes).
 */
#ifndef JSD_ESCPOS_H
#define JSD_ESCPOS_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "image.h"

#define ESCPOS_BAND_ROWS	128	/* rows a GS v 0 command carries */
#define ESCPOS_MAX_WIDTH	2040	/* dots: 255 bytes a row */

/* DLE EOT 4: "how is the paper roll?"; the printer answers one byte. */
extern const uint8_t escpos_paper_query[3];

/* The picture (dark where gray < 128) as a whole job: initialize, the
 * raster in bands, feed, cut. *buf is malloc'ed; the caller frees it.
 * Errors: ERR_INPUT "escpos.too_wide"; ERR_SYSTEM "escpos.memory". */
int	escpos_encode(const struct image *, uint8_t **buf, size_t *len,
	    struct err *);
/* Whether a reply to escpos_paper_query says the paper has run out: 1 out,
 * 0 there, -1 not a status byte. */
int	escpos_paper_out(uint8_t reply);

#endif
