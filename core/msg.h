/*
 * msg.h: user-facing text by message key.
 *
 * The texts live in assets/i18n/LANG.msg and are compiled into tables at build time.
 * zh_CN is the default language; en is the other. A key missing from the current
 * language falls back to zh_CN, then to the key itself, so a missing translation
 * shows something a developer can find rather than nothing.
 */
#ifndef JSD_MSG_H
#define JSD_MSG_H

struct msg_entry {
	const char	*key;
	const char	*text;
};

enum msg_lang { MSG_ZH_CN, MSG_EN };

extern const struct msg_entry msg_table_zh_CN[];
extern const struct msg_entry msg_table_en[];

void		 msg_set_lang(enum msg_lang);
enum msg_lang	 msg_get_lang(void);
/* Picks the language from a name ("zh_CN", "en", "en_US.UTF-8"); -1 if unknown. */
int		 msg_lang_from_name(const char *, enum msg_lang *);
/* Sets the language from $JSD_LANG when it names one. */
void		 msg_lang_from_env(void);
const char	*msg_get(const char *key);
const struct msg_entry *msg_table(enum msg_lang);

#endif
