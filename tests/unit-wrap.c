/*
 * unit-wrap.c: every message fits a screen at 80x24, whole (tui/tw.c's
 * tw_wrap over the catalogues).
 *
 * A message on screen gets a line of the content box less its frame and
 * margins, 76 columns at 80x24, and at most WRAP_LINES lines. Each message
 * in both languages is wrapped there: no line is wider than the width, the
 * lines put together give the message back (nothing cut), and none needs
 * more lines than the screen has.
 * jsdctl's own texts (ctl.*, usage texts) and jsd-kiosk's refusal of a console
 * go to a terminal that wraps by itself and are left out.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "tap.h"
#include "tw.h"

#define WRAP_COLS	76
#define WRAP_LINES	3

/* frame.no_cjk goes to the console before any screen opens, as ctl.* do. */
static int
screen_text(const char *key)
{
	return strncmp(key, "ctl.", 4) != 0 && strstr(key, "usage") == NULL &&
	    strcmp(key, "frame.no_cjk") != 0;
}

/* 0 when s wraps whole into at most WRAP_LINES lines of WRAP_COLS. */
static int
wraps_whole(const char *s, char *why, size_t len)
{
	char back[2048], line[1024];
	size_t next, n, off = 0;
	int lines = 0;

	back[0] = '\0';
	while (s[off] != '\0') {
		n = tw_wrap(s + off, WRAP_COLS, &next);
		snprintf(line, sizeof line, "%.*s", (int)n, s + off);
		if (tw_width(line) > WRAP_COLS) {
			snprintf(why, len, "line %d is %d columns", lines + 1,
			    tw_width(line));
			return -1;
		}
		strncat(back, line, sizeof back - strlen(back) - 1);
		if (s[off + next] != '\0' && next > n)
			strncat(back, s[off + n] == '\n' ? "\n" : " ",
			    sizeof back - strlen(back) - 1);
		off += next;
		lines++;
	}
	if (strcmp(back, s) != 0)
		snprintf(why, len, "cut: \"%s\"", back);
	else if (lines > WRAP_LINES)
		snprintf(why, len, "%d lines", lines);
	else
		return 0;
	return -1;
}

static void
check_table(const char *lang, enum msg_lang l)
{
	const struct msg_entry *t;
	char why[2200];
	int n = 0, bad = 0;

	for (t = msg_table(l); t->key != NULL; t++) {
		if (!screen_text(t->key))
			continue;
		n++;
		if (wraps_whole(t->text, why, sizeof why) != 0) {
			bad++;
			ok(0, "%s %s wraps whole at %dx%d: %s", lang, t->key, WRAP_COLS,
			    WRAP_LINES, why);
		}
	}
	ok(bad == 0 && n > 300, "all %d %s screen messages wrap whole at 80x24", n,
	    lang);
}

int
main(void)
{
	const char *cjk = "身份核验未通过：人口信息中没有该身份证号码，请核对证件后重新输入。";
	const char *en = "This ID number is not the legal representative's in the register";
	size_t next, n;

	n = tw_wrap(en, 20, &next);
	ok(n == 17 && next == 18, "English breaks at a space (%zu, %zu)", n, next);
	n = tw_wrap(cjk, 30, &next);
	ok(n > 0 && n == next && tw_width(cjk) > 30, "Chinese breaks between characters");
	ok(strncmp(cjk + next, "，", 3) != 0, "never before a closing comma");
	ok(tw_wrap_lines("0123456789abcdefghij", 8) == 3, "a word wider than a line is cut");
	ok(tw_wrap_lines("a\nb", 8) == 2, "a newline ends a line");
	check_table("zh_CN", MSG_ZH_CN);
	check_table("en", MSG_EN);
	return tap_done();
}
