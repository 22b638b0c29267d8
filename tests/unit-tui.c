/*
 * unit-tui.c: the parts of tui/ that need no terminal: display widths and
 * UTF-8 (tw.c), the field editing model (edit.c), QR half-block lines
 * (qrgrid.c), bar strings (chart.c), countdowns (countdown.c) and the
 * pinyin table (pinyin.c, with the table jsd-kiosk carries).
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "countdown.h"
#include "edit.h"
#include "pinyin.h"
#include "qrgrid.h"
#include "tap.h"
#include "tw.h"
#include "utf8.h"

static void
test_width(void)
{
	size_t	n;
	int	used;

	is_int(tw_width("abc"), 3, "ASCII: 1 column each");
	is_int(tw_width("北京市"), 6, "Chinese: 2 columns each");
	is_int(tw_width("a\x01" "b"), 3, "a control counts as its '?'");
	is_int(tw_width("\xff"), 1, "a stray byte counts as its '?'");
	n = tw_fit("北京市", 5, &used);
	is_int((int)n, 6, "fit in 5 columns: two characters (6 bytes)");
	is_int(used, 4, "fit in 5 columns uses 4");
	is_int((int)tw_fit("a北", 2, NULL), 1, "a wide character is never split");
	is_int(tw_cpwidth(0x202E), 0, "bidi override refused");
	is_int(tw_cpwidth(0x200B), 0, "zero-width space refused");
	is_int(tw_cpwidth(0x7F), 0, "DEL refused");
	is_int(tw_cpwidth(0x4E2D), 2, "U+4E2D is wide");
}

static void
test_decode(void)
{
	uint32_t	cp;
	unsigned char	buf[4];

	is_int((int)tw_decode("\xe5\x8c\x97", 3, &cp), 3, "decode 3 bytes");
	is_int((int)cp, 0x5317, "decoded U+5317");
	is_int((int)tw_decode("\xc0\x80", 2, &cp), 0, "overlong refused");
	is_int((int)tw_decode("\xed\xa0\x80", 3, &cp), 0, "surrogate refused");
	is_int((int)tw_decode("\xe5\x8c", 2, &cp), 0, "truncated refused");
	is_int((int)utf8_encode(0x1F600, buf), 4, "encode 4 bytes");
	is_int((int)utf8_encode(0xD800, buf), 0, "surrogate not encoded");
}

static void
test_edit(void)
{
	struct edit	e;
	size_t		first, n;
	int		col;

	ok(edit_init(&e, 0) == -1, "max 0 refused");
	ok(edit_init(&e, 11) == 0, "init");
	is_int((int)edit_insert_utf8(&e, "北京市测试中心"), 7, "7 inserted");
	is_str(edit_utf8(&e), "北京市测试中心", "value");
	edit_home(&e);
	edit_right(&e);
	edit_right(&e);
	ok(edit_delete(&e), "delete in the middle");
	ok(edit_insert(&e, 0x533A), "insert in the middle");
	is_str(edit_utf8(&e), "北京区测试中心", "delete + insert by character");
	edit_end(&e);
	ok(edit_backspace(&e), "backspace at end");
	edit_left(&e);
	edit_left(&e);
	ok(edit_backspace(&e), "backspace in the middle");
	is_str(edit_utf8(&e), "北京区试中", "backspace removes a whole character");
	ok(!edit_insert(&e, 0x01), "Ctrl-A not inserted");
	ok(!edit_insert(&e, 0x202E), "bidi override not inserted");
	is_int((int)edit_insert_utf8(&e, "a\x1b[31mb\xff"), 6,
	    "paste: ESC and the stray byte dropped, printable kept");
	is_str(edit_utf8(&e), "北京区a[31mb试中", "paste went in at the cursor");
	is_int((int)edit_insert_utf8(&e, "0123456789"), 0, "full: nothing more");
	ok(edit_set_utf8(&e, "x\ty") == -1, "set with a tab refused");
	is_str(edit_utf8(&e), "北京区a[31mb试中", "refused set leaves the value");
	ok(edit_set_utf8(&e, "012345678901") == -1, "set longer than max refused");
	ok(edit_clear(&e), "clear");
	is_str(edit_utf8(&e), "", "cleared");
	edit_free(&e);

	ok(edit_init(&e, 18) == 0, "init id");
	edit_set_alphabet(&e, "0123456789X");
	is_int((int)edit_insert_utf8(&e, "11010519491231002x"), 18,
	    "digits and x accepted");
	is_str(edit_utf8(&e), "11010519491231002X", "x upper-cased");
	ok(edit_set_utf8(&e, "12a") == -1, "a letter outside the alphabet refused");
	edit_free(&e);

	/* A Chinese input method types full-width digits and letters: NFKC. */
	ok(edit_init(&e, 18) == 0, "init id, full-width");
	edit_set_alphabet(&e, "0123456789X");
	is_int((int)edit_insert_utf8(&e,
	    "１１０１０５１９４９１２３１００２ｘ"), 18,
	    "full-width digits and x accepted");
	is_str(edit_utf8(&e), "11010519491231002X", "as ASCII, x upper-cased");
	ok(edit_full(&e), "18 of 18: full");
	edit_free(&e);
	ok(edit_init(&e, 4) == 0, "init phone, full-width");
	edit_set_alphabet(&e, "0123456789");
	ok(!edit_insert(&e, 0xFF21), "full-width A outside the alphabet refused");
	ok(!edit_insert(&e, 0x3000), "ideographic space refused");
	ok(!edit_full(&e), "empty: not full");
	edit_free(&e);

	/* Scrolling: 10 wide characters in a view 9 columns wide. */
	ok(edit_init(&e, 20) == 0, "init scroll");
	edit_insert_utf8(&e, "一二三四五六七八九十");
	first = edit_view(&e, 9, &n, &col);
	is_int((int)first, 6, "cursor at end: first shown is the 7th");
	is_int(col, 8, "cursor column after 4 wide characters");
	is_int((int)n, 4, "4 wide characters drawn");
	edit_home(&e);
	first = edit_view(&e, 9, &n, &col);
	is_int((int)first, 0, "home scrolls back");
	is_int(col, 0, "cursor at column 0");
	is_int((int)n, 4, "never half a wide character: 4 in 9 columns");
	edit_set_masked(&e, 1);
	edit_end(&e);
	first = edit_view(&e, 9, &n, &col);
	is_int(col - 0, 8, "masked: one column a character");
	is_int((int)first, 2, "masked: 8 shown before the cursor");
	edit_free(&e);
}

/* The modules drawn back from the half-block lines, glyph = dark module. */
static int
qr_matches(const struct qrgrid *g, int quiet, int scale)
{
	char		line[3 * 200 + 1];
	uint32_t	cp;
	size_t		off, k;
	int		cols, rows, r, x, top, bot, mx, my;

	qrgrid_cells(g, quiet, scale, &cols, &rows);
	for (r = 0; r < rows; r++) {
		if (qrgrid_line(g, quiet, scale, r, line, sizeof line) == 0)
			return 0;
		for (off = 0, x = 0; line[off] != '\0'; off += k, x++) {
			k = tw_decode(line + off, strlen(line + off), &cp);
			top = cp == 0x2580 || cp == 0x2588;
			bot = cp == 0x2584 || cp == 0x2588;
			if (k == 0 || (cp != ' ' && !top && !bot))
				return 0;
			mx = x / scale - quiet;
			my = 2 * r / scale - quiet;
			if ((mx < 0 || my < 0 || mx >= g->size || my >= g->size) ?
			    top : top != g->dark[my * g->size + mx])
				return 0;
			my = (2 * r + 1) / scale - quiet;
			if ((mx < 0 || my < 0 || mx >= g->size || my >= g->size) ?
			    bot : bot != g->dark[my * g->size + mx])
				return 0;
		}
		if (x != cols)
			return 0;
	}
	return 1;
}

static void
test_qr(void)
{
	struct qrgrid	g;
	char		line[200];
	int		cols, rows;

	ok(qrgrid_encode("", &g) == -1, "empty text refused");
	ok(qrgrid_encode("HELLO", &g) == 0, "encode");
	is_int(g.size, 21, "version 1: 21 modules");
	qrgrid_cells(&g, 2, 1, &cols, &rows);
	is_int(cols, 25, "scale 1, quiet 2: 25 columns");
	is_int(rows, 13, "scale 1, quiet 2: 13 rows (odd: last half empty)");
	qrgrid_cells(&g, 4, 2, &cols, &rows);
	is_int(cols, 58, "scale 2, quiet 4: 58 columns");
	is_int(rows, 29, "scale 2, quiet 4: 29 rows");
	qrgrid_line(&g, 2, 1, 0, line, sizeof line);
	is_str(line, "                         ", "first line is quiet zone");
	qrgrid_line(&g, 2, 1, 1, line, sizeof line);
	is_int(memcmp(line, "  \xe2\x96\x88\xe2\x96\x80", 8), 0,
	    "line 1: quiet, then the finder's corner (full, upper half)");
	is_int((int)qrgrid_line(&g, 2, 1, 13, line, sizeof line), 0,
	    "row past the end refused");
	is_int((int)qrgrid_line(&g, 2, 1, 1, line, 20), 0,
	    "short buffer refused");
	ok(qr_matches(&g, 2, 1), "scale 1 lines hold every module");
	ok(qr_matches(&g, 3, 1), "scale 1, quiet 3 lines hold every module");
	ok(qr_matches(&g, 4, 2), "scale 2 lines hold every module");
	ok(qr_matches(&g, 2, 3), "scale 3 lines hold every module");
	qrgrid_free(&g);
}

static void
test_chart_scale(void)
{
	struct chart	*c = chart_new(CHART_HORIZONTAL);
	const char	*labels[3] = { "a", "b", "c" };
	long		 values[3] = { 4, 9, 2 };

	if (c == NULL) {
		ok(0, "chart_new");
		return;
	}
	is_int((int)chart_scale(c), 0, "no bars: scale 0");
	chart_set(c, labels, values, 3);
	is_int((int)chart_scale(c), 9, "scale is the largest count");
	chart_set_scale(c, 20);
	is_int((int)chart_scale(c), 20, "a scale set wins");
	chart_set_scale(c, 0);
	is_int((int)chart_scale(c), 9, "scale 0: the largest count again");
	widget_free(chart_widget(c));
}

static void
test_chart(void)
{
	char	buf[64];

	chart_hbar(10, 10, 4, buf, sizeof buf);
	is_str(buf, "████", "full bar");
	chart_hbar(5, 10, 4, buf, sizeof buf);
	is_str(buf, "██", "half bar");
	chart_hbar(1, 10, 4, buf, sizeof buf);
	is_str(buf, "▍", "3.2 eighths round to 3");
	chart_hbar(0, 10, 4, buf, sizeof buf);
	is_str(buf, "", "zero: empty");
	chart_hbar(3, 0, 4, buf, sizeof buf);
	is_str(buf, "", "max 0: empty");
	is_int((int)chart_hbar(10, 10, 30, buf, 10), 0, "short buffer refused");
	is_str(chart_vcell(10, 10, 2, 1), "█", "vertical: full top");
	is_str(chart_vcell(3, 8, 2, 0), "▆", "vertical: 6 eighths");
	is_str(chart_vcell(3, 8, 2, 1), " ", "vertical: empty above");
	test_chart_scale();
}

static void
test_countdown(void)
{
	struct countdown	c;

	countdown_start(&c, 30, 1000);
	is_int(countdown_left(&c, 1000), 30, "30 s left at start");
	is_int(countdown_left(&c, 1001), 30, "rounded up");
	is_int(countdown_left(&c, 30999), 1, "1 until the very end");
	ok(!countdown_expired(&c, 30999), "not expired before");
	ok(countdown_expired(&c, 31000), "expired at the deadline");
	is_int(countdown_left(&c, 40000), 0, "0 after");
	countdown_restart(&c, 40000);
	is_int(countdown_left(&c, 40000), 30, "restart");
}

/* assets/pinyin/pinyin.txt, compiled in as for jsd-kiosk. */
extern const char pinyin_table_txt[];

static void
test_pinyin_refused(void)
{
	static const struct {
		const char	*text, *why;
	} bad[] = {
		{ "", "an empty table" },
		{ "# only a comment\n", "a table of comments" },
		{ "zhuangg 壮\n", "a syllable of 7 letters" },
		{ "Zhang 张\n", "a capital letter" },
		{ "zhang\n", "a syllable with no characters" },
		{ "zhang 张a\n", "a one-column character" },
		{ "zhang 张\xe5\n", "a cut UTF-8 sequence" },
		{ "zhang 张\nzha 扎\n", "syllables out of order" },
		{ "zha 扎\nzha 乍\n", "a syllable twice" },
	};
	struct pinyin	*p;
	size_t		 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p = pinyin_new(bad[i].text);
		ok(p == NULL, "refused: %s", bad[i].why);
		pinyin_free(p);
	}
}

static void
test_pinyin(void)
{
	struct pinyin	*p;
	uint32_t	 c[9];
	size_t		 n, used, total;

	test_pinyin_refused();
	if ((p = pinyin_new(pinyin_table_txt)) == NULL) {
		ok(0, "the kiosk's pinyin table parses");
		return;
	}
	ok(1, "the kiosk's pinyin table parses");
	n = pinyin_lookup(p, "zhang", 5, 0, c, 9, &used, &total);
	is_int((int)n, 9, "zhang: a page of 9");
	is_int((int)used, 5, "zhang: the whole syllable");
	ok(total > 20, "zhang: more than 20 characters (%zu)", total);
	ok(c[0] == 0x957F && c[1] == 0x5F20, "zhang: 长 then 张, likeliest first");
	n = pinyin_lookup(p, "zhangsan", 8, 0, c, 9, &used, &total);
	is_int((int)used, 5, "zhangsan: the longest syllable first, zhang");
	n = pinyin_lookup(p, "xian", 4, 0, c, 9, &used, &total);
	is_int((int)used, 4, "xian is one syllable, not xi-an");
	n = pinyin_lookup(p, "lv", 2, 0, c, 1, &used, &total);
	ok(n == 1 && used == 2, "lv: 'v' for 'ü'");
	n = pinyin_lookup(p, "zh", 2, 0, c, 9, &used, &total);
	ok(n == 0 && used == 0 && total == 0, "zh: no syllable, nothing offered");
	n = pinyin_lookup(p, "hua", 3, 7, c, 9, &used, &total);
	ok(n >= 1 && c[0] == 0x534E, "hua from the 8th: 华");
	n = pinyin_lookup(p, "hua", 3, total, c, 9, &used, &total);
	is_int((int)n, 0, "past the last: none");
	pinyin_free(p);
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		tap_skip_all("no C.UTF-8 locale");
	test_width();
	test_decode();
	test_edit();
	test_qr();
	test_chart();
	test_countdown();
	test_pinyin();
	return tap_done();
}
