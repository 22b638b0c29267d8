/*
 * footer.h: the bottom line of key hints, "F1 Help  Tab Next ...".
 *
 * The caller gives (key, label) pairs in its own words; the footer copies them
 * and draws as many as fit in its width, measured in display columns, cutting
 * the last one that does not fit whole rather than splitting a character.
 */
#ifndef JSD_FOOTER_H
#define JSD_FOOTER_H

#include <stddef.h>

#include "widget.h"

#define FOOTER_MAX_ITEMS	12

struct footer_item {
	const char	*key;
	const char	*label;
};

struct footer;

struct footer	*footer_new(void);
struct widget	*footer_widget(struct footer *);
/* Replaces the hints (copied; at most FOOTER_MAX_ITEMS). 0 or -1. */
int		 footer_set(struct footer *, const struct footer_item *, size_t n);

#endif
