/* msg.c: message lookup; see msg.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "msg.h"

static enum msg_lang msg_lang = MSG_ZH_CN;

void
msg_set_lang(enum msg_lang lang)
{
	msg_lang = lang;
}

enum msg_lang
msg_get_lang(void)
{
	return msg_lang;
}

int
msg_lang_from_name(const char *name, enum msg_lang *out)
{
	if (name == NULL)
		return -1;
	if (strncmp(name, "zh", 2) == 0) {
		*out = MSG_ZH_CN;
		return 0;
	}
	if (strncmp(name, "en", 2) == 0) {
		*out = MSG_EN;
		return 0;
	}
	return -1;
}

void
msg_lang_from_env(void)
{
	enum msg_lang l;

	if (msg_lang_from_name(getenv("JSD_LANG"), &l) == 0)
		msg_lang = l;
}

const struct msg_entry *
msg_table(enum msg_lang lang)
{
	return lang == MSG_EN ? msg_table_en : msg_table_zh_CN;
}

static const char *
lookup(const struct msg_entry *t, const char *key)
{
	for (; t->key != NULL; t++) {
		if (strcmp(t->key, key) == 0)
			return t->text;
	}
	return NULL;
}

const char *
msg_get(const char *key)
{
	const char *s;

	if (key == NULL)
		return "";
	if ((s = lookup(msg_table(msg_lang), key)) != NULL)
		return s;
	if ((s = lookup(msg_table_zh_CN, key)) != NULL)
		return s;
	return key;
}
