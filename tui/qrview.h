/*
 * qrview.h: a QR code on the screen, as large as the widget allows.
 *
 * The widget encodes its text once (qrgrid.c) and, at each draw, picks the
 * largest whole-module scale (no cap: a big screen gets a big code) and then
 * the widest quiet zone (QRGRID_MIN_QUIET to 4 modules)
 * that fit its rectangle, and draws centred in TTY_QR (black on white; reverse
 * video on monochrome, see tty.h), so the code is dark on light whatever
 * the terminal's colours. When even scale 1 with the minimum quiet zone does
 * not fit, it draws nothing and qrview_fits() says 0: the screen shows the
 * caller's "too small" text instead of an unreadable code.
 */
#ifndef JSD_QRVIEW_H
#define JSD_QRVIEW_H

#include "widget.h"

struct qrview;

/* NULL if text cannot be encoded (empty, too long) or memory ran out. */
struct qrview	*qrview_new(const char *text);
struct widget	*qrview_widget(struct qrview *);
/* 1 if the code fits in cols x rows cells. */
int		 qrview_fits_in(const struct qrview *, int cols, int rows);
/* 1 if it fits in the widget's current rectangle. */
int		 qrview_fits(const struct qrview *);
/* Modules a side, quiet zone excluded. */
int		 qrview_modules(const struct qrview *);

#endif
