/*
 * unit-escpos.c: the printed ticket's building blocks: Unifont glyphs drawn
 * dot for dot as the font file says (a glyph copied from unifont.hex), text
 * fitted to the paper, and the ESC/POS bytes of a known picture, byte for
 * byte as the ESC/POS manual lays out GS v 0; the paper status byte.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escpos.h"
#include "font.h"
#include "tap.h"

/* U+7533 申 in unifont.hex: 16 rows of 16 dots. */
static const char shen_hex[] =
    "0100010001003FF82108210821083FF82108210821083FF82108010001000100";

static int
dark(const struct image *img, int x, int y)
{
	return img->gray[(size_t)y * img->width + x] == 0;
}

static void
test_glyph(const struct font *f)
{
	struct image img;
	struct err e;
	int x, y, same = 1, row;
	char b[5];

	if (image_alloc(&img, 16, 16, &e) != 0)
		return;
	font_draw(f, &img, 0, 0, "申", 1);
	for (y = 0; y < 16; y++) {
		memcpy(b, shen_hex + 4 * y, 4);
		b[4] = '\0';
		row = (int)strtol(b, NULL, 16);
		for (x = 0; x < 16; x++)
			same &= dark(&img, x, y) == !!(row & (0x8000 >> x));
	}
	ok(same, "申 is drawn dot for dot as unifont.hex has it");
	image_free(&img);
	is_int(font_width(f, "申A", 1), 24, "a CJK glyph is 16 dots wide, A is 8");
	is_int(font_width(f, "申A", 2), 48, "twice as wide at scale 2");
	is_int(font_width(f, "\xf0\x9f\x98\x80", 1), 8,
	    "a character not loaded (outside the BMP) stands as '?', 8 wide");
	is_int((int)font_fit(f, "AAAA AAAA", 48, 1), 4,
	    "a line too long breaks at its space");
	is_int((int)font_fit(f, "申申申申", 40, 1), 6,
	    "Chinese breaks between characters");
	is_int((int)font_fit(f, "申", 1, 1), 3,
	    "at least one character a line, however narrow");
}

static void
test_encode(void)
{
	static const uint8_t want[] = {
		0x1b, 0x40,
		0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00,
		0x80, 0x00, 0x00, 0x40,
		0x1b, 0x64, 0x04, 0x1d, 0x56, 0x42, 0x00,
	};
	struct image img;
	uint8_t *job;
	size_t len;
	struct err e;

	if (image_alloc(&img, 10, 2, &e) != 0)
		return;
	img.gray[0] = 0;
	img.gray[10 + 9] = 100;
	ok(escpos_encode(&img, &job, &len, &e) == 0 && len == sizeof want &&
	    memcmp(job, want, len) == 0,
	    "a 10x2 picture: ESC @, GS v 0 with 2 bytes x 2 rows, feed, cut");
	free(job);
	image_free(&img);

	if (image_alloc(&img, 16, 300, &e) != 0)
		return;
	ok(escpos_encode(&img, &job, &len, &e) == 0 &&
	    len == 2 + 3 * 8 + 2 * 300 + 7 &&
	    job[2 + 6] == 128 && job[2 + 8 + 256 + 6] == 128 &&
	    job[2 + 2 * (8 + 256) + 6] == 44,
	    "300 rows go as bands of 128, 128 and 44");
	free(job);
	image_free(&img);

	if (image_alloc(&img, ESCPOS_MAX_WIDTH + 8, 1, &e) != 0)
		return;
	ok(escpos_encode(&img, &job, &len, &e) != 0 &&
	    strcmp(e.key, "escpos.too_wide") == 0,
	    "a picture wider than a raster row can say is refused");
	image_free(&img);
}

static void
test_status(void)
{
	is_int(escpos_paper_out(0x12), 0, "status 0x12: paper present");
	is_int(escpos_paper_out(0x1e), 0, "0x1E: near its end, still there");
	is_int(escpos_paper_out(0x72), 1, "0x72: roll out");
	is_int(escpos_paper_out(0x00), -1, "0x00 is no status byte");
	is_int(escpos_paper_out('A'), -1, "nor is a letter");
}

int
main(void)
{
	struct font f;
	struct err e;

	test_encode();
	test_status();
	if (access(JSD_UNIFONT_HEX, R_OK) != 0) {
		ok(0, "%s: install the Debian package unifont", JSD_UNIFONT_HEX);
		return tap_done();
	}
	ok(font_load(&f, JSD_UNIFONT_HEX, "申A", &e) == 0, "Unifont loads");
	test_glyph(&f);
	ok(font_load(&f, "/nonexistent/unifont.hex", "A", &e) != 0 &&
	    strcmp(e.key, "font.unreadable") == 0, "a missing font file says so");
	ok(font_load(&f, JSD_UNIFONT_HEX, "\xff", &e) != 0 &&
	    strcmp(e.key, "font.text") == 0, "text that is not UTF-8 is refused");
	return tap_done();
}
