/*
 * kiosk.c: what the self-service screens share (kiosk.h): the language key
 * and which keys mean nothing to a kiosk. Here rather than in one screen's
 * file, so that each screen's file holds only that screen.
 */
#include "config.h"

#include "kiosk.h"

enum msg_lang
kiosk_other_lang(void)
{
	return msg_get_lang() == MSG_ZH_CN ? MSG_EN : MSG_ZH_CN;
}

enum widget_result
kiosk_lang(struct screen *s, const struct widget_key *k)
{
	(void)s;
	(void)k;
	msg_set_lang(kiosk_other_lang());
	return WIDGET_RESIZE;
}

int
kiosk_control_key(const struct widget_key *k)
{
	return !k->fn && (k->ch < 0x20 || k->ch == 0x7f);
}
