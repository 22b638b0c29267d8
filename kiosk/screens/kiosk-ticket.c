/*
 * kiosk-ticket.c: the application ticket, what the person takes to the
 * counter.
 *
 * The application number in large digits (a 3x5 font of block characters, so
 * it can be read from a step back and copied onto paper), the ticket QR
 * ("JSD:T:" + number, code_format_ticket()) that the counter scans to open the
 * application, and the materials to bring, as the paper forms' notes list
 * them. The QR is drawn only when the terminal leaves room for a readable
 * one; otherwise the screen says so and the number stands alone. The screen
 * holds nothing but the number; a key (or the frame's idle reset) returns to
 * the start.
 *
 * With a receipt printer configured, the ticket is printed as the screen
 * opens (kiosk/print/print-ticket.c), in the background; each tick asks how
 * it went, and the screen says so. When it was not printed (no paper,
 * printer unplugged), the screen stays as it is and asks the person to note
 * the number.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "code.h"
#include "print-ticket.h"
#include "printer.h"
#include "qrview.h"
#include "kiosk.h"

#define KIOSK_TICKET_FONT_W	3
#define KIOSK_TICKET_FONT_H	5
#define KIOSK_TICKET_ON		"\xe2\x96\x88"	/* U+2588 full block */
#define KIOSK_TICKET_OFF		"\xe2\x96\x91"	/* U+2591 light shade */
#define KIOSK_TICKET_TEXT_COLS	46	/* the materials column, beside the QR */

/* Rows of each glyph, '#' lit: the digits, then '-'. */
static const char *const kiosk_ticket_font[11][KIOSK_TICKET_FONT_H] = {
	{ "###", "#.#", "#.#", "#.#", "###" },
	{ ".#.", "##.", ".#.", ".#.", "###" },
	{ "###", "..#", "###", "#..", "###" },
	{ "###", "..#", "###", "..#", "###" },
	{ "#.#", "#.#", "###", "..#", "..#" },
	{ "###", "#..", "###", "..#", "###" },
	{ "###", "#..", "###", "#.#", "###" },
	{ "###", "..#", "..#", "..#", "..#" },
	{ "###", "#.#", "###", "#.#", "###" },
	{ "###", "#.#", "###", "..#", "###" },
	{ "...", "...", "###", "...", "..." },
};

static const char *const kiosk_ticket_materials[] = {
	"kiosk.ticket.item_form",
	"kiosk.ticket.item_licence",
	"kiosk.ticket.item_id",
};

struct kiosk_ticket_view {
	struct kiosk_ticket	 t;
	struct qrview		*qr;	/* NULL if the number cannot be encoded */
	struct tbox		 qrbox;
	struct tbox		 box;
	int			 printed;	/* 1 printed, 0 none, -1 failed */
	int			 print_fd;	/* while printing, else -1 */
	struct err		 print_err;
};

static int
kiosk_ticket_enter(struct screen *s, void *arg)
{
	const struct kiosk_ticket *kt = arg;
	struct kiosk_ticket_view *tk;
	char text[CODE_PREFIX_LEN + REG_APPNO_SIZE];

	if (kt == NULL || (tk = calloc(1, sizeof *tk)) == NULL)
		return -1;
	tk->t = *kt;
	tk->t.number[REG_APPNO_SIZE - 1] = '\0';
	code_format_ticket(tk->t.number, text, sizeof text);
	tk->qr = qrview_new(text);
	err_clear(&tk->print_err);
	tk->print_fd = -1;
	tk->printed = print_ticket(frame_cfg(s->frame), tk->t.number, clock_now(),
	    &tk->print_fd, &tk->print_err);
	if (tk->printed > 0)
		tk->printed = 0;
	s->data = tk;
	s->title = "kiosk.ticket.title";
	return 0;
}

static void
kiosk_ticket_leave(struct screen *s)
{
	struct kiosk_ticket_view *tk = s->data;

	if (tk->qr != NULL)
		widget_free(qrview_widget(tk->qr));
	if (tk->print_fd >= 0)
		close(tk->print_fd);
	free(tk);
}

/* Columns the large number takes: a glyph and a gap per character. */
static int
kiosk_ticket_big_width(const char *number)
{
	int n = (int)strlen(number);

	return n > 0 ? n * (KIOSK_TICKET_FONT_W + 1) - 1 : 0;
}

static void
kiosk_ticket_layout(struct screen *s, struct tbox b)
{
	struct kiosk_ticket_view *tk = s->data;
	int qw = b.w - KIOSK_TICKET_TEXT_COLS;

	tk->box = b;
	tk->qrbox = (struct tbox){ b.y + KIOSK_TICKET_FONT_H, b.x,
	    b.h - KIOSK_TICKET_FONT_H, qw > 0 ? qw : 0 };
	if (tk->qr != NULL)
		widget_place(qrview_widget(tk->qr), tk->qrbox.y, tk->qrbox.x,
		    tk->qrbox.h, tk->qrbox.w);
}

/* One row of the number in the large font. */
static void
kiosk_ticket_big_row(int y, int x, int cols, const char *number, int row)
{
	char line[REG_APPNO_SIZE * (KIOSK_TICKET_FONT_W + 1) * 3 + 1];
	size_t off = 0;
	const char *p, *g;
	int gi;

	for (p = number; *p != '\0'; p++) {
		gi = *p == '-' ? 10 : *p >= '0' && *p <= '9' ? *p - '0' : -1;
		if (gi < 0)
			continue;
		for (g = kiosk_ticket_font[gi][row]; *g != '\0'; g++) {
			memcpy(line + off, *g == '#' ? KIOSK_TICKET_ON :
			    KIOSK_TICKET_OFF, 3);
			off += 3;
		}
		line[off++] = ' ';
	}
	line[off > 0 ? off - 1 : 0] = '\0';
	tty_put(y, x, cols, line, tty_attr(TTY_NORMAL) | A_BOLD);
}

static void
kiosk_ticket_draw_number(struct kiosk_ticket_view *tk, struct tbox b)
{
	int bw = kiosk_ticket_big_width(tk->t.number), x = b.x + 1, tx, row;

	for (row = 0; row < KIOSK_TICKET_FONT_H; row++)
		kiosk_ticket_big_row(b.y + row, x, bw, tk->t.number, row);
	tx = x + bw + 3;
	tty_put(b.y, tx, b.x + b.w - tx, msg_get("kiosk.ticket.done"),
	    tty_attr(TTY_GOOD) | A_BOLD);
	tty_put(b.y + 2, tx, b.x + b.w - tx, msg_get("kiosk.ticket.number"),
	    tty_attr(TTY_LABEL));
	tty_put(b.y + 3, tx, b.x + b.w - tx, tk->t.number,
	    tty_attr(TTY_NORMAL) | A_BOLD);
}

/* Whether the ticket came out of the printer, when there is one. */
static void
kiosk_ticket_draw_print(const struct kiosk_ticket_view *tk, int y, int x,
    int cols, int lines)
{
	char line[512];

	if ((tk->printed == 0 && tk->print_fd < 0) || lines < 1)
		return;
	if (tk->print_fd >= 0) {
		tty_put_wrapped(y, x, cols, lines, 0, msg_get("kiosk.ticket.printing"),
		    tty_attr(TTY_HINT));
		return;
	}
	if (tk->printed > 0) {
		tty_put_wrapped(y, x, cols, lines, 0, msg_get("kiosk.ticket.printed"),
		    tty_attr(TTY_GOOD));
		return;
	}
	snprintf(line, sizeof line, msg_get("kiosk.ticket.print_failed"),
	    msg_get(tk->print_err.key != NULL ? tk->print_err.key :
	    "print.unwritable"));
	tty_put_wrapped(y, x, cols, lines, 0, line, tty_attr(TTY_WARN));
}

static void
kiosk_ticket_draw(struct screen *s, struct tbox b)
{
	struct kiosk_ticket_view *tk = s->data;
	int x = b.x + tk->qrbox.w + 1, y = b.y + KIOSK_TICKET_FONT_H + 1,
	    cols = KIOSK_TICKET_TEXT_COLS - 2;
	size_t i;

	kiosk_ticket_draw_number(tk, b);
	if (tk->qr != NULL && qrview_fits(tk->qr))
		widget_draw(qrview_widget(tk->qr));
	else
		tty_put(y + 4, b.x + 1, tk->qrbox.w - 2,
		    msg_get("kiosk.ticket.qr_too_small"), tty_attr(TTY_WARN));
	tty_put(y++, x, cols, msg_get("kiosk.ticket.bring"),
	    tty_attr(TTY_LABEL) | A_BOLD);
	for (i = 0; i < sizeof kiosk_ticket_materials /
	    sizeof kiosk_ticket_materials[0]; i++)
		tty_put(y++, x, cols, msg_get(kiosk_ticket_materials[i]),
		    tty_attr(TTY_NORMAL));
	y++;
	tty_put(y++, x, cols, msg_get("kiosk.ticket.phone"),
	    tty_attr(TTY_HINT));
	tty_put(y++, x, cols, msg_get("kiosk.ticket.note"),
	    tty_attr(TTY_HINT));
	y++;
	tty_put(y, x, cols, msg_get("kiosk.ticket.any_key"),
	    tty_attr(TTY_SELECT));
	kiosk_ticket_draw_print(tk, y + 2, x, cols, b.y + b.h - y - 2);
}

/* Whether the printer has finished with the ticket; a redraw each second,
 * as every screen without a tick of its own gets. */
static enum widget_result
kiosk_ticket_tick(struct screen *s)
{
	struct kiosk_ticket_view *tk = s->data;

	if (tk->print_fd >= 0 &&
	    (tk->printed = printer_result(tk->print_fd, &tk->print_err)) != 0) {
		close(tk->print_fd);
		tk->print_fd = -1;
	}
	return WIDGET_REDRAW;
}

/* Any key but a control key (Esc is one too) returns to the start. */
static enum widget_result
kiosk_ticket_done(struct screen *s, const struct widget_key *k)
{
	if (kiosk_control_key(k) && !widget_key_char(k, FRAME_KEY_ESC))
		return WIDGET_HANDLED;
	frame_pop(s->frame);
	return WIDGET_RESIZE;
}

static const struct screen_key kiosk_ticket_keys[] = {
	{ FRAME_KEY_ANY, "kiosk.ticket.key_done", kiosk_ticket_done, NULL,
	    "kiosk.key.any" },
	{ KIOSK_LANG_KEY, "kiosk.key.lang", kiosk_lang, NULL, NULL },
};

const struct screen_class kiosk_ticket_screen = {
	.name = "ticket",
	.enter = kiosk_ticket_enter,
	.leave = kiosk_ticket_leave,
	.layout = kiosk_ticket_layout,
	.draw = kiosk_ticket_draw,
	FRAME_KEYS(kiosk_ticket_keys),
	.tick = kiosk_ticket_tick,
};
