/*
 * print-ticket.c: the application ticket as the kiosk prints it: the
 * application number, its QR (the same "JSD:T:" text as on screen), the
 * materials to bring and the time, top to bottom on a receipt.
 *
 * The whole ticket is one picture (struct image), text drawn with Unifont
 * (core/font.c) and the QR with libqrencode (core/image.c), then encoded as
 * ESC/POS raster (core/escpos.c) and sent to the device in the background
 * (printer.c). The
 * picture is drawn into a page taller than any ticket, then cut to what was
 * drawn. The texts are the screen's own messages, so screen and paper say
 * the same in the kiosk's language.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "code.h"
#include "escpos.h"
#include "font.h"
#include "msg.h"
#include "print-ticket.h"
#include "printer.h"
#include "reg.h"

#define PRINT_TICKET_PAGE	2000	/* rows drawn into, then cut */
#define PRINT_TICKET_MARGIN	8
#define PRINT_TICKET_QR_PX	6	/* dots a QR module: about 0.75 mm */
#define PRINT_TICKET_TEXT_MAX	2048

static const char *const print_ticket_body[] = {
	"kiosk.ticket.bring", "kiosk.ticket.item_form",
	"kiosk.ticket.item_licence", "kiosk.ticket.item_id",
	"kiosk.ticket.phone",
};

struct print_ticket_page {
	struct image	 img;
	struct font	 font;
	int		 y;
};

/* Draws text from the current row down, wrapped to the paper's width. */
static void
print_ticket_text(struct print_ticket_page *pg, const char *text, int scale)
{
	int width = pg->img.width - 2 * PRINT_TICKET_MARGIN;
	char line[PRINT_TICKET_TEXT_MAX];
	size_t n;

	while (*text != '\0') {
		n = font_fit(&pg->font, text, width, scale);
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, text, n);
		line[n] = '\0';
		font_draw(&pg->font, &pg->img, PRINT_TICKET_MARGIN, pg->y, line,
		    scale);
		pg->y += FONT_HEIGHT * scale + 4;
		for (text += n; *text == ' '; text++)
			;
	}
}

/* Copies the QR's picture onto the page, centred. */
static int
print_ticket_qr(struct print_ticket_page *pg, const char *number, struct err *e)
{
	char text[CODE_PREFIX_LEN + REG_APPNO_SIZE];
	struct image qr;
	int x0, y;

	code_format_ticket(number, text, sizeof text);
	if (image_from_qr(text, PRINT_TICKET_QR_PX, 4, &qr, e) != 0)
		return -1;
	x0 = (pg->img.width - qr.width) / 2;
	for (y = 0; y < qr.height && pg->y + y < pg->img.height; y++)
		if (x0 >= 0)
			memcpy(pg->img.gray + (size_t)(pg->y + y) * pg->img.width + x0,
			    qr.gray + (size_t)y * qr.width, (size_t)qr.width);
	pg->y += qr.height;
	image_free(&qr);
	return 0;
}

/* Every text the ticket shows, for loading their glyphs at once. */
static void
print_ticket_texts(char *all, size_t len, const char *number, const char *when)
{
	size_t i;

	snprintf(all, len, "%s%s%s%s", msg_get("print.ticket.title"),
	    msg_get("kiosk.ticket.number"), number, when);
	for (i = 0; i < sizeof print_ticket_body / sizeof *print_ticket_body; i++)
		snprintf(all + strlen(all), len - strlen(all), "%s",
		    msg_get(print_ticket_body[i]));
}

static int
print_ticket_draw(struct print_ticket_page *pg, const char *number,
    const char *when, struct err *e)
{
	size_t i;

	pg->y = PRINT_TICKET_MARGIN;
	print_ticket_text(pg, msg_get("print.ticket.title"), 2);
	pg->y += 8;
	print_ticket_text(pg, msg_get("kiosk.ticket.number"), 1);
	print_ticket_text(pg, number, 2);
	if (print_ticket_qr(pg, number, e) != 0)
		return -1;
	for (i = 0; i < sizeof print_ticket_body / sizeof *print_ticket_body; i++)
		print_ticket_text(pg, msg_get(print_ticket_body[i]), 1);
	pg->y += 8;
	print_ticket_text(pg, when, 1);
	pg->img.height = pg->y + PRINT_TICKET_MARGIN;
	return 0;
}

static int
print_ticket_page(struct print_ticket_page *pg, const char *font_path,
    long dots, const char *number, int64_t when, struct err *e)
{
	char all[PRINT_TICKET_TEXT_MAX], at[64], line[128];

	clock_format_minute(when, at, sizeof at);
	snprintf(line, sizeof line, msg_get("print.ticket.time"), at);
	print_ticket_texts(all, sizeof all, number, line);
	if (font_load(&pg->font, font_path, all, e) != 0)
		return -1;
	if (image_alloc(&pg->img, (int)dots, PRINT_TICKET_PAGE, e) != 0)
		return -1;
	return print_ticket_draw(pg, number, line, e);
}

int
print_ticket(const struct cfg *cfg, const char *number, int64_t when, int *fd,
    struct err *e)
{
	const char *path = cfg_get(cfg, "printer"), *font = cfg_get(cfg,
	    "printer_font");
	struct print_ticket_page pg;
	uint8_t *job = NULL;
	size_t len;
	long dots;
	int rc;

	if (path == NULL || *path == '\0')
		return 0;
	if (cfg_int(cfg, "printer_dots", PRINT_TICKET_DOTS, &dots, e) != 0)
		return -1;
	memset(&pg, 0, sizeof pg);
	rc = print_ticket_page(&pg, font != NULL ? font : JSD_UNIFONT_HEX, dots,
	    number, when, e);
	if (rc == 0)
		rc = escpos_encode(&pg.img, &job, &len, e);
	image_free(&pg.img);
	if (rc == 0)
		rc = printer_start(path, job, len, fd, e);
	else
		free(job);
	return rc == 0 ? 1 : -1;
}
