/*
 * unit-words.c: no English in Chinese (the zh_CN catalogues in assets/i18n).
 *
 * Every word a Chinese reader sees comes from the zh_CN catalogue, so an
 * English word there is one the reader cannot read. Latin letters are allowed
 * where they are not English: names of products and keys, units and formats,
 * and codes a person types (options, values, file names). A word counts as a
 * code when it carries a digit, '_', '.', '$', '/', ',' or a leading '-', has
 * no small letter (QR, PIN, YYYY-MM-DD), or is on the list below of values
 * typed as they are.
 * Usage texts are command syntax, whose every Latin word is typed, and are
 * left out. printf conversions are not words.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "tap.h"

/* Names and typed values that are not English prose. */
static const char *const allowed[] = {
	"jsdctl", "English", "SQLite", "PostgreSQL",	/* products, the language */
	"Linux", "udev", "MiB", "linux", "jsd-kiosk", "jsd-kiosk-station",
	"cage", "foot", "jsd",				/* the kiosk terminal, its user */
	"systemd-timesyncd", "chrony", "timedatectl", "set-timezone",	/* clock */
	"Esc", "Tab", "Enter", "Backspace", "Ctrl",	/* keys */
	"submitted", "approved", "rejected", "withdrawn",	/* typed values */
	"counter", "supervisor", "city", "district", "en", "csv", "json",
	"qr", "code128", "datamatrix", "ean13", "ean8", "pdf417", "http",
	"https", "chmod", "sudo", "dialout", "video", "valid", "expired", "forged",
	"revoked", "unknown", "typo", "app", "verify", "staff",
	"log", "checkpoint", "key", "backup", "restore", "root", "o-rwx",
	"copy-registry", "kiosk", "unlock", "init", "list",	/* subcommands */
	"station", "lp",		/* a configuration key, a device group */
	"fast", "harder", "global", "invert", "pure", "turn", "sharp",	/* passes */
	"purpose", "sponsor", "funding", "capital",	/* register columns */
	NULL
};

static int
is_code(const char *w, size_t n)
{
	size_t i, lower = 0;

	if (w[0] == '-')
		return 1;
	for (i = 0; i < n; i++) {
		if (isdigit((unsigned char)w[i]) || strchr("_.$/,", w[i]) != NULL)
			return 1;
		lower += islower((unsigned char)w[i]) != 0;
	}
	if (lower == 0)
		return 1;
	for (i = 0; allowed[i] != NULL; i++) {
		if (strlen(allowed[i]) == n && strncmp(allowed[i], w, n) == 0)
			return 1;
	}
	return 0;
}

/* The first English word of s into word, or 0 when there is none. */
static int
english_word(const char *s, char *word, size_t len)
{
	const char *p = s;
	size_t n;

	while (*p != '\0') {
		if (*p == '%') {	/* a conversion: %s, %lld, %02d, %% */
			p++;
			p += strspn(p, "-+ #0123456789.*hlzjt");
			if (*p != '\0')
				p++;
			continue;
		}
		n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789_.$/,-");
		if (n == 0) {
			p++;
			continue;
		}
		/* A trailing stop, comma or hyphen ends a phrase, not a code. */
		while (n > 1 && strchr(".,-", p[n - 1]) != NULL)
			n--;
		if (isalpha((unsigned char)p[0]) || p[0] == '-') {
			if (!is_code(p, n) && n > 1) {
				snprintf(word, len, "%.*s", (int)n, p);
				return 1;
			}
		}
		p += n;
	}
	return 0;
}

static int
is_usage(const char *key)
{
	size_t n = strlen(key);

	return (n >= 6 && strcmp(key + n - 6, ".usage") == 0) ||
	    strstr(key, ".usage_") != NULL;
}

/* "unit-words -": the same check over standard input, for the whole-program
 * tests of what jsdctl prints in Chinese; prints each line with an English
 * word and exits 1 if there was one. */
static int
check_stdin(void)
{
	char line[4096], word[64];
	int bad = 0;

	while (fgets(line, sizeof line, stdin) != NULL) {
		if (english_word(line, word, sizeof word)) {
			printf("%s: %s", word, line);
			bad = 1;
		}
	}
	return bad;
}

int
main(int argc, char **argv)
{
	const struct msg_entry *t;
	char word[64];
	int bad = 0, checked = 0;

	if (argc == 2 && strcmp(argv[1], "-") == 0)
		return check_stdin();
	for (t = msg_table(MSG_ZH_CN); t->key != NULL; t++) {
		if (is_usage(t->key))
			continue;
		checked++;
		if (english_word(t->text, word, sizeof word)) {
			bad++;
			ok(0, "%s has no English word (has \"%s\")", t->key, word);
		}
	}
	ok(checked > 500, "%d zh_CN messages checked", checked);
	ok(bad == 0, "no zh_CN message has an English word");
	/* The check itself catches what the acceptance walk found. */
	ok(english_word("证照密码不正确 (5 tries left)", word, sizeof word) &&
	    strcmp(word, "tries") == 0, "it would catch \"5 tries left\"");
	ok(english_word("身份核验未通过 (not_found)", word, sizeof word) == 0,
	    "a code like not_found alone is not English");
	ok(english_word("按 F10 提交，%s", word, sizeof word) == 0,
	    "key names and conversions are not words");
	return tap_done();
}
