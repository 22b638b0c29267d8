/*
 * frame-keys.c: the screens' key tables (struct screen_key, frame.h) turned
 * into the footer and the dispatch, and the one derivation of the stand-ins
 * for terminals without function keys.
 *
 * A screen lists each key once: the footer shows the entries that apply now,
 * the dispatch hands a key to the first entry that names it and applies, so
 * the footer cannot promise a key the screen does not take, nor the screen
 * take a key the footer hides by accident (entries without a label are taken
 * unshown on purpose).
 *
 * Stand-ins: F-key n is also fkey_standin[n], on every terminal (so a
 * person who learned them on a serial console can use them anywhere); the
 * footer names the stand-in only where the terminal lacks the F-key. The
 * letters leave out what something else takes: A, D, E and U (a field's
 * editing keys), B (tmux's prefix), C, Z and \ (signals outside kiosk mode),
 * H, I, J, M and [ (Backspace, Tab, Enter, Esc), S and Q (flow control on a
 * serial line), and V (the terminal driver's literal-next).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame-private.h"

/* [n]: F-key n's name, and its stand-in's. */
static const char *const fkey_name[13] = {
	"", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11",
	"F12"
};
static const char *const fkey_standin[13] = {
	"", "^F", "^G", "^K", "^L", "^N", "^P", "^R", "^T", "^W", "^X", "^Y", "^O"
};

/* F-key n for a KEY_* code, or 0. */
static int
frame_keys_fnum(int key)
{
	int n;

	for (n = 1; n <= 12; n++) {
		if (key == KEY_F(n))
			return n;
	}
	return 0;
}

/* Whether the terminal has each F-key: terminfo, unless the environment says
 * (JSD_FKEYS=yes|no: a terminal that lies, and the tests). */
void
frame_keys_init(struct frame *a)
{
	const char *v = getenv("JSD_FKEYS");
	int n;

	for (n = 1; n <= 12; n++) {
		if (v != NULL && strcmp(v, "yes") == 0)
			a->has_fkey[n] = 1;
		else if (v != NULL && strcmp(v, "no") == 0)
			a->has_fkey[n] = 0;
		else
			a->has_fkey[n] = has_key(KEY_F(n)) == TRUE;
	}
}

int
frame_keys_is(const struct widget_key *k, int key)
{
	int n;

	if (key == FRAME_KEY_ANY)
		return 1;
	if (key >= 0 && key < 0x80)
		return !k->fn && k->ch == (uint32_t)key;
	if (k->fn)
		return k->ch == (uint32_t)key;
	n = frame_keys_fnum(key);
	return n > 0 && k->ch == WIDGET_CTRL(fkey_standin[n][1]);
}

static int
frame_keys_applies(struct screen *s, const struct screen_key *sk)
{
	return sk->applies == NULL || sk->applies(s);
}

/* The keys named first, then FRAME_KEY_ANY: "any key" means any other. */
enum widget_result
frame_keys_dispatch(struct screen *s, const struct widget_key *k)
{
	const struct screen_key *sk;
	size_t i;
	int any;

	for (any = 0; any < 2; any++) {
		for (i = 0; i < s->cls->nkeys; i++) {
			sk = &s->cls->keys[i];
			if (sk->act != NULL && (sk->key == FRAME_KEY_ANY) == any &&
			    frame_keys_is(k, sk->key) && frame_keys_applies(s, sk))
				return sk->act(s, k);
		}
	}
	return WIDGET_IGNORED;
}

const char *
frame_keys_name(struct frame *a, int key)
{
	int n = frame_keys_fnum(key);

	if (n == 0)
		return "?";
	return a->has_fkey[n] ? fkey_name[n] : fkey_standin[n];
}

/* The key's name in the footer, into buf (at least 2 bytes) if it must be
 * made. */
static const char *
frame_keys_footer_name(struct frame *a, const struct screen_key *sk, char *buf,
    size_t len)
{
	if (sk->name != NULL)
		return msg_get(sk->name);
	if (frame_keys_fnum(sk->key) > 0)
		return frame_keys_name(a, sk->key);
	if (sk->key == FRAME_KEY_ESC)
		return "Esc";
	if (sk->key == KEY_ENTER)
		return "Enter";
	if (sk->key == '\t')
		return "Tab";
	if (sk->key <= 0x20 || sk->key >= 0x7f)
		return "?";
	snprintf(buf, len, "%c", toupper(sk->key));
	return buf;
}

int
frame_keys_footer(struct frame *a, struct screen *s)
{
	struct footer_item items[FOOTER_MAX_ITEMS];
	char names[FOOTER_MAX_ITEMS][2];
	const struct screen_key *sk;
	size_t i, n = 0;

	for (i = 0; s != NULL && i < s->cls->nkeys && n < FOOTER_MAX_ITEMS; i++) {
		sk = &s->cls->keys[i];
		if (sk->label == NULL || !frame_keys_applies(s, sk))
			continue;
		items[n].key = frame_keys_footer_name(a, sk, names[n],
		    sizeof names[n]);
		items[n++].label = msg_get(sk->label);
	}
	return footer_set(a->footer, items, n);
}
