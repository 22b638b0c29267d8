/*
 * super.h: the supervisor's screens behind super_day_screen (the home: a
 * day's figures, charts and the log's integrity), and what they share.
 *
 * super_events_screen: the event list of a day with filters, keyset pages and
 * a detail view; arg is a const int64_t * (the day's first second, copied).
 * super_export_screen: a day or a range of days to a CSV or JSON file; arg is
 * a const int64_t * (the day proposed, copied).
 * super_staff_screen: staff accounts, with the add and password forms.
 * super_kiosks_screen: the kiosks' administrator PINs, locks lifted there.
 * super_day_date_screen: asks for a date; arg is a struct super_date_ask whose
 * result the screen below reads when it shows again.
 */
#ifndef JSD_SCREEN_SUPER_H
#define JSD_SCREEN_SUPER_H

#include <stdint.h>

#include "frame.h"

struct list;

struct super_date_ask {
	int64_t		 day;		/* in: proposed; out: chosen */
	int		 chosen;	/* out: 1 when a date was given */
};

extern const struct screen_class super_events_screen;
extern const struct screen_class super_export_screen;
extern const struct screen_class super_staff_screen;
extern const struct screen_class super_kiosks_screen;
extern const struct screen_class super_day_date_screen;

/* Shared helpers (super.c). */

/* The Shanghai day that holds t: its first second. */
int64_t	 super_day_of(int64_t t);
/* "YYYY-MM-DD" of a day; buf of 11 bytes. */
void	 super_date(int64_t day, char *buf, size_t len);
/* A scan while a form is up is typing (a scanner used as a keyboard, or a
 * paste): its printable ASCII goes to root as keys, the rest is dropped. */
enum widget_result super_scan_as_keys(struct screen *, const struct scan_event *);
/* Shows e's message on the status line, as an error. */
void	 super_fail(struct frame *, const struct err *);
/* A focused table of ncols (at most SUPER_LIST_MAX_COLS) columns titled by
 * message keys, with list_set_widths()'s widths (NULL: set later); NULL when
 * out of memory. The caller owns it. */
#define SUPER_LIST_MAX_COLS	8
struct list *super_list_new(int ncols, const char *const *keys,
	    const int *widths);

#endif
