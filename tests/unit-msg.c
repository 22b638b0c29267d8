/*
 * unit-msg.c: the two message tables agree (assets/i18n, core/msg.c).
 *
 * A key in one language only would show the key itself, or the other language, on
 * screen; an empty text would show nothing; a text whose printf conversions differ
 * from the other language's would crash or print garbage when formatted. Each
 * problem is reported once, by key.
 */
#include "config.h"

#include <string.h>

#include "msg.h"
#include "tap.h"
#include "text.h"

static const char *
find(const struct msg_entry *t, const char *key)
{
	for (; t->key != NULL; t++) {
		if (strcmp(t->key, key) == 0)
			return t->text;
	}
	return NULL;
}

/* The conversion letters of s in order ("%s ... %d" gives "sd"); "%%" skipped. */
static void
conversions(const char *s, char *out, size_t len)
{
	size_t n = 0;

	while ((s = strchr(s, '%')) != NULL) {
		s++;
		if (*s == '%') {
			s++;
			continue;
		}
		s += strspn(s, "-+ #0123456789.*hlzjt");
		if (*s != '\0' && n + 1 < len)
			out[n++] = *s;
	}
	out[n] = '\0';
}

static int
check_against(const struct msg_entry *a, const char *aname,
    const struct msg_entry *b, const char *bname)
{
	const char *other;
	char ca[32], cb[32];
	int bad = 0;

	for (; a->key != NULL; a++) {
		if ((other = find(b, a->key)) == NULL) {
			tap_diag("%s key %s missing from %s", aname, a->key, bname);
			bad++;
			continue;
		}
		if (*a->text == '\0' || !text_utf8_valid(a->text, strlen(a->text))) {
			tap_diag("%s text of %s empty or not UTF-8", aname, a->key);
			bad++;
		}
		conversions(a->text, ca, sizeof ca);
		conversions(other, cb, sizeof cb);
		if (strcmp(ca, cb) != 0) {
			tap_diag("%s: conversions \"%s\" in %s, \"%s\" in %s", a->key,
			    ca, aname, cb, bname);
			bad++;
		}
	}
	return bad;
}

static size_t
count(const struct msg_entry *t)
{
	size_t n = 0;

	for (; t->key != NULL; t++)
		n++;
	return n;
}

int
main(void)
{
	const struct msg_entry *zh = msg_table(MSG_ZH_CN), *en = msg_table(MSG_EN);

	ok(count(zh) > 0 && count(en) > 0, "both tables have texts (%zu zh_CN, %zu en)",
	    count(zh), count(en));
	is_int(check_against(zh, "zh_CN", en, "en"), 0,
	    "every zh_CN key is in en, with a text and the same conversions");
	is_int(check_against(en, "en", zh, "zh_CN"), 0,
	    "every en key is in zh_CN, with a text and the same conversions");
	is_int((int64_t)count(zh), (int64_t)count(en), "same number of keys");
	return tap_done();
}
