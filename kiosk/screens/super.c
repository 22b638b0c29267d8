/*
 * super.c: what the supervisor's screens share (super.h): days as the hall's
 * local days, a scan typed into a form, a failure said on the status
 * line, and the tables their lists are.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "list.h"
#include "msg.h"
#include "super.h"

int64_t
super_day_of(int64_t t)
{
	char date[11];
	int64_t start;

	clock_local_date(t, date, sizeof date);
	if (clock_parse_local_date(date, &start) != 0)
		return t - (t + CLOCK_LOCAL_OFFSET) % CLOCK_DAY;
	return start;
}

void
super_date(int64_t day, char *buf, size_t len)
{
	clock_local_date(day, buf, len);
}

enum widget_result
super_scan_as_keys(struct screen *s, const struct scan_event *ev)
{
	struct widget_key k;
	size_t i;

	if (s->root == NULL)
		return WIDGET_HANDLED;
	memset(&k, 0, sizeof k);
	k.ms = ev->at_ms;
	for (i = 0; i < ev->len; i++) {
		if (ev->text[i] < 0x20 || ev->text[i] >= 0x7f)
			continue;
		k.ch = ev->text[i];
		widget_key(s->root, &k);
	}
	return WIDGET_REDRAW;
}

void
super_fail(struct frame *a, const struct err *e)
{
	char text[320];

	if (e->detail[0] != '\0')
		snprintf(text, sizeof text, "%s (%s)", msg_get(e->key != NULL ?
		    e->key : "super.failed"), e->detail);
	else
		snprintf(text, sizeof text, "%s", msg_get(e->key != NULL ? e->key :
		    "super.failed"));
	frame_status(a, text, TTY_ERROR);
}

struct list *
super_list_new(int ncols, const char *const *keys, const int *widths)
{
	const char *titles[SUPER_LIST_MAX_COLS];
	struct list *l;
	int i;

	if (ncols > SUPER_LIST_MAX_COLS || (l = list_new(ncols)) == NULL)
		return NULL;
	for (i = 0; i < ncols; i++)
		titles[i] = msg_get(keys[i]);
	if (list_set_header(l, titles) != 0) {
		widget_free(list_widget(l));
		return NULL;
	}
	if (widths != NULL)
		list_set_widths(l, widths);
	list_widget(l)->focused = 1;
	return l;
}
