/*
 * frame-loop.c: the frame's event loop handlers: layout and drawing, the key
 * filter (idle, the kiosk's admin key, keyboard-wedge scans) and the way a key
 * goes to the screen (its root widget, then its key table, frame-keys.c), the
 * one-second tick with the idle countdown, and the scanner sources.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "frame-private.h"
#include "clock.h"
#include "dialog.h"
#include "field.h"
#include "form.h"
#include "pinyin.h"
#include "tw.h"

#define FRAME_COUNTDOWN_MS	15000

static struct screen *
frame_loop_top(struct frame *a)
{
	return a->depth > 0 ? &a->stack[a->depth - 1] : NULL;
}

/* The box a screen gets: the content box less the title, status and footer. */
static struct tbox
frame_loop_box(void)
{
	struct tbox b = tty_box();

	b.y += 2;
	b.h -= 4;
	return b;
}

static void
frame_layout(void *arg)
{
	struct frame *a = arg;
	struct tbox b = tty_box();
	struct screen *s = frame_loop_top(a);

	widget_place(footer_widget(a->footer), b.y + b.h - 1, b.x, 1, b.w);
	if (s != NULL && s->cls->layout != NULL)
		s->cls->layout(s, frame_loop_box());
}

static void
frame_loop_draw_title(struct frame *a, struct tbox b)
{
	static const char *const modes[] = {
		"frame.mode.kiosk", "frame.mode.counter", "frame.mode.supervisor"
	};
	struct screen *s = frame_loop_top(a);
	char right[96], now[20];
	attr_t at = tty_attr(TTY_TITLE);

	tty_fill(b.y, b.x, 1, b.w, at);
	clock_format_local(clock_now(), now, sizeof now);
	snprintf(right, sizeof right, "%s  %s  %.5s", a->station,
	    a->logged_in ? a->staff.name : "", now + 11);
	tty_put(b.y, b.x + 1, b.w / 2, msg_get(s != NULL && s->title != NULL ?
	    s->title : modes[a->mode]), at);
	tty_put(b.y, b.x + b.w - 1 - (int)strlen(right), (int)strlen(right),
	    right, at);
}

/* Over the screen, so that it cannot be missed: the kiosk is about to reset. */
static void
frame_loop_draw_countdown(struct frame *a, struct tbox b)
{
	char text[160];
	int h = 5, w = b.w - 8 < 60 ? b.w - 8 : 60;
	int y = b.y + (b.h - h) / 2, x = b.x + (b.w - w) / 2;

	snprintf(text, sizeof text, msg_get(a->mode == FRAME_KIOSK ?
	    "frame.idle.kiosk" : "frame.idle.staff"), frame_idle_left(a));
	tty_fill(y, x, h, w, tty_attr(TTY_WARN));
	tty_frame(y, x, h, w, tty_attr(TTY_WARN));
	tty_put_centre(y + 2, x + 1, w - 2, text, tty_attr(TTY_WARN));
}

/* The status line, above the footer: a longer message takes the line above
 * it too (over the screen's last line) rather than being cut. */
static void
frame_loop_draw_status(struct frame *a, struct tbox b)
{
	int lines = tw_wrap_lines(a->status, b.w - 2) > 1 ? 2 : 1;

	tty_fill(b.y + b.h - 1 - lines, b.x, lines, b.w, tty_attr(TTY_NORMAL));
	tty_put_wrapped(b.y + b.h - 1 - lines, b.x + 1, b.w - 2, lines, 0, a->status,
	    tty_attr(a->status_role));
}

static void
frame_draw(void *arg)
{
	struct frame *a = arg;
	struct tbox b = tty_box();
	struct screen *s = frame_loop_top(a);

	/* The loop draws once the operation that was reconnecting has ended,
	 * and its screen says how. */
	if (a->reconnecting) {
		a->reconnecting = 0;
		a->status[0] = '\0';
	}
	frame_loop_draw_title(a, b);
	if (s != NULL && s->cls->draw != NULL)
		s->cls->draw(s, frame_loop_box());
	if (s != NULL && s->root != NULL)
		widget_draw(s->root);
	if (frame_keys_footer(a, s) != 0)
		tty_put(b.y + b.h - 2, b.x + 1, b.w - 2, msg_get("frame.nomem"),
		    tty_attr(TTY_ERROR));
	else if (a->status[0] != '\0')
		frame_loop_draw_status(a, b);
	widget_draw(footer_widget(a->footer));
	if (a->countdown)
		frame_loop_draw_countdown(a, b);
}

/* Wakes the frame up: a key or a scan ends the idle time. */
static int
frame_activity(struct frame *a)
{
	int was = a->countdown;

	a->active_ms = loop_now_ms();
	a->countdown = 0;
	a->status[0] = '\0';
	return was;
}

/* A result from a screen, for the loop: screens never end the loop. */
static enum widget_result
frame_loop_result(enum widget_result r)
{
	return r == WIDGET_DONE || r == WIDGET_FOCUS_NEXT || r == WIDGET_FOCUS_PREV ?
	    WIDGET_REDRAW : r;
}

/* A key for the screen: its root widget first, then its key table, then what
 * it drives itself. */
static enum widget_result
frame_key_to_screen(struct frame *a, const struct widget_key *k)
{
	struct screen *s = frame_loop_top(a);
	enum widget_result r = WIDGET_IGNORED;

	if (s == NULL)
		return WIDGET_IGNORED;
	if (s->root != NULL)
		r = widget_key(s->root, k);
	if (r == WIDGET_IGNORED || r == WIDGET_DONE)
		r = frame_keys_dispatch(s, k);
	if (r == WIDGET_IGNORED && s->cls->key != NULL)
		r = s->cls->key(s, k);
	return frame_loop_result(r);
}

/* One key for the screen; what it asks of the loop, if anything, into *r. */
static void
frame_give(struct frame *a, const struct widget_key *k, enum widget_result *r)
{
	enum widget_result one = frame_key_to_screen(a, k);

	if (one != WIDGET_IGNORED && one != WIDGET_HANDLED)
		*r = one;
}

/*
 * A keyboard-wedge burst that the screen does not take as a code (its scan
 * handler answers WIDGET_IGNORED: in a text field, it does not look like one of
 * our codes) was typing after all: a paste, or keys that came fast. Its
 * characters go to the screen as keys, inserted at the cursor like any typing,
 * and so does the Enter that ended it (enter), if one did: keys typed while the
 * program was busy (a password being checked) arrive together, and the person's
 * Enter is theirs.
 */
static enum widget_result
frame_burst_as_keys(struct frame *a, const struct scan_event *ev, int enter)
{
	enum widget_result r = WIDGET_REDRAW;
	struct widget_key k;
	size_t i;

	memset(&k, 0, sizeof k);
	k.ms = loop_now_ms();
	for (i = 0; i < ev->len; i++) {
		k.ch = ev->text[i];
		frame_give(a, &k, &r);
	}
	if (enter) {
		k.ch = KEY_ENTER;
		k.fn = 1;
		frame_give(a, &k, &r);
	}
	return r;
}

/* A scan for the top screen; enter: a keyboard-wedge burst that Enter ended. */
static enum widget_result
frame_scan(struct frame *a, const struct scan_event *ev, int enter)
{
	struct screen *s = frame_loop_top(a);
	enum widget_result r;

	frame_activity(a);
	if (ev->overflow) {
		frame_status(a, msg_get("frame.scan_too_long"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	if (s == NULL || s->cls->scan == NULL) {
		frame_status(a, msg_get("frame.scan_unexpected"), TTY_WARN);
		return WIDGET_REDRAW;
	}
	r = s->cls->scan(s, ev);
	if (r == WIDGET_IGNORED && ev->source == SCAN_WEDGE)
		return frame_burst_as_keys(a, ev, enter);
	return frame_loop_result(r);
}

/* What the wedge let go, scan then keys; enter: Enter was the key just fed. */
static enum widget_result
frame_release(struct frame *a, const struct wedge_out *out, int enter)
{
	enum widget_result r = WIDGET_HANDLED;
	struct widget_key k;
	size_t i;

	if (out->scan)
		r = frame_scan(a, &out->ev, enter);
	for (i = 0; i < out->nkeys; i++) {
		k.fn = out->keys[i] == '\r' || out->keys[i] == '\n';
		k.ch = k.fn ? KEY_ENTER : out->keys[i];
		k.ms = loop_now_ms();
		frame_give(a, &k, &r);
	}
	return r;
}

static enum widget_result
frame_wedge_timer(int id, void *arg)
{
	struct frame *a = arg;
	struct wedge_out out;
	int ms;

	(void)id;
	a->wedge_timer = 0;
	wedge_tick(&a->wedge, loop_now_ms(), &out);
	if ((ms = wedge_timeout_ms(&a->wedge, loop_now_ms())) >= 0)
		a->wedge_timer = loop_add_timer(a->loop, ms > 0 ? ms : 1, 0,
		    frame_wedge_timer, a);
	return frame_release(a, &out, 0);
}

static void
frame_wedge_schedule(struct frame *a)
{
	int ms = wedge_timeout_ms(&a->wedge, loop_now_ms());

	if (a->wedge_timer > 0)
		loop_del_timer(a->loop, a->wedge_timer);
	a->wedge_timer = ms >= 0 ? loop_add_timer(a->loop, ms > 0 ? ms : 1, 0,
	    frame_wedge_timer, a) : 0;
}

/* Scanners type printable ASCII and Enter; anything else is a person. */
static int
frame_wedge_key(const struct frame *a, const struct widget_key *k)
{
	if (k->fn)
		return k->ch == KEY_ENTER && a->wedge.n > 0;
	return k->ch >= 0x20 && k->ch < 0x7f;
}

static enum widget_result
frame_admin(struct frame *a)
{
	static const char *buttons[2];
	struct dialog *d;
	int choice;

	if (a->admin_pin[0] == '\0')
		return WIDGET_HANDLED;
	buttons[0] = msg_get("frame.admin.exit");
	buttons[1] = msg_get("frame.admin.cancel");
	d = dialog_new(msg_get("frame.admin.title"), msg_get("frame.admin.text"), buttons,
	    2);
	choice = d != NULL ? dialog_run(a->loop, d) : -1;
	dialog_free(d);
	if (choice == 0)
		frame_push(a, &frame_admin_screen, NULL);
	return WIDGET_REDRAW;
}

static enum widget_result
frame_quit_ask(struct frame *a)
{
	static const char *buttons[2];
	struct dialog *d;
	int choice;

	buttons[0] = msg_get("frame.quit.yes");
	buttons[1] = msg_get("frame.quit.no");
	d = dialog_new(msg_get("frame.quit.title"), msg_get("frame.quit.text"), buttons, 2);
	choice = d != NULL ? dialog_run(a->loop, d) : -1;
	dialog_free(d);
	if (choice == 0)
		loop_quit(a->loop, 0);
	return WIDGET_REDRAW;
}

static enum widget_result
frame_filter(const struct widget_key *k, void *arg)
{
	struct frame *a = arg;
	struct wedge_out out;
	enum widget_result r;

	if (frame_activity(a))
		return WIDGET_REDRAW;	/* the key only ends the countdown */
	/* A modal dialog (dialog_run) is the loop's root for now: its keys are
	 * its own, and the loop hands them to it. */
	if (frame_loop_top(a) == NULL || loop_root(a->loop) != frame_loop_top(a)->root)
		return WIDGET_IGNORED;
	if (frame_keys_is(k, a->admin_key) && a->mode == FRAME_KIOSK)
		return frame_admin(a);
	if (frame_keys_is(k, KEY_F(10)) && a->mode != FRAME_KIOSK)
		return frame_quit_ask(a);
	if (frame_wedge_key(a, k)) {
		wedge_feed(&a->wedge, k->fn ? '\r' : k->ch, k->ms, &out);
		/* Enter ended the scan only if the wedge did not hand it back. */
		r = frame_release(a, &out, k->fn && out.nkeys == 0);
		frame_wedge_schedule(a);
		return r == WIDGET_HANDLED ? WIDGET_REDRAW : r;
	}
	/* Held keys go first, in order, then this one. */
	wedge_flush(&a->wedge, &out);
	frame_release(a, &out, 0);
	r = frame_key_to_screen(a, k);
	return r == WIDGET_IGNORED ? WIDGET_REDRAW : r;
}

/* Whether there is anything to reset: not at the kiosk's start screen in its
 * own language, or a login screen nobody is using. */
static int
frame_busy(struct frame *a)
{
	struct screen *s = frame_loop_top(a);

	if (a->mode == FRAME_KIOSK)
		return a->depth > 1 || (s != NULL && s->cls != &kiosk_start_screen) ||
		    msg_get_lang() != a->home_lang;
	return a->logged_in;
}

static enum widget_result
frame_tick(int id, void *arg)
{
	struct frame *a = arg;
	struct screen *s = frame_loop_top(a);
	int64_t now = loop_now_ms();

	(void)id;
	if (!frame_busy(a))
		a->active_ms = now;
	if (!a->countdown && now - a->active_ms >= (int64_t)a->idle_seconds * 1000) {
		a->countdown = 1;
		a->countdown_end_ms = now + FRAME_COUNTDOWN_MS;
	}
	if (a->countdown && now >= a->countdown_end_ms) {
		a->countdown = 0;
		a->active_ms = now;
		if (a->mode == FRAME_KIOSK) {
			/* The next person finds the hall's language. */
			msg_set_lang(a->home_lang);
			frame_home(a);
		} else
			frame_logout(a);
		return WIDGET_RESIZE;
	}
	if (s != NULL && s->cls->tick != NULL)
		return frame_loop_result(s->cls->tick(s));
	return WIDGET_REDRAW;
}

/* --- scanners --- */

struct frame_sink_ctx {
	struct frame		*frame;
	enum widget_result	 result;
};

static void
frame_sink_event(const struct scan_event *ev, void *arg)
{
	struct frame_sink_ctx *c = arg;
	enum widget_result r = frame_scan(c->frame, ev, 0);

	if (r != WIDGET_IGNORED && r != WIDGET_HANDLED)
		c->result = r;
}

static void
frame_sink_warn(const struct err *e, void *arg)
{
	struct frame_sink_ctx *c = arg;

	frame_status(c->frame, msg_get(e->key), TTY_WARN);
	c->result = WIDGET_REDRAW;
}

static enum widget_result
frame_source_ready(int fd, short revents, void *arg)
{
	struct frame *a = arg;
	struct frame_sink_ctx c = { a, WIDGET_HANDLED };
	struct scan_sink sink = { frame_sink_event, frame_sink_warn, &c };
	struct err e;
	int rc;

	(void)revents;
	err_clear(&e);
	rc = source_read_fd(&a->sources, fd, &sink, &e);
	if (rc == 0)
		return c.result;
	/* The source is gone (unplugged, folder removed) or done: stop polling it,
	 * and say why if it failed. */
	loop_del_fd(a->loop, fd);
	if (rc == -1)
		frame_status(a, msg_get(e.key), TTY_ERROR);
	return WIDGET_REDRAW;
}

static int
frame_sources_open(struct frame *a, const struct frame_sources *src, struct err *e)
{
	struct pollfd p[SOURCE_MAX];
	size_t i, n;

	if (source_open_all(&a->sources, src->spec, src->n, e) != 0)
		return -1;
	n = source_poll_fds(&a->sources, p, SOURCE_MAX);
	for (i = 0; i < n; i++)
		loop_add_fd(a->loop, p[i].fd, POLLIN, frame_source_ready, a);
	return 0;
}

/* --- the whole program --- */

static void
frame_retry_draw(void *arg)
{
	frame_loop_draw_status(arg, tty_box());
}

/* Core is trying the registry again (reg_on_retry()) and the loop waits
 * meanwhile: say so at once, seconds left and all, rather than freeze. Only
 * the status line is drawn: the screen may be entering, half made. */
static void
frame_retry(int seconds, void *arg)
{
	struct frame *a = arg;
	char text[160];

	snprintf(text, sizeof text, msg_get("frame.reconnecting"), seconds);
	frame_status(a, text, TTY_WARN);
	a->reconnecting = 1;
	loop_paint_over(a->loop, frame_retry_draw, a);
}

static void
frame_settings(struct frame *a)
{
	const char *pin = cfg_get(a->cfg, "admin_pin");
	long key = 12;
	struct err e;
	struct wedge_opts wo;
	long gap;

	a->idle_seconds = frame_seconds(a, "idle_seconds", a->mode == FRAME_KIOSK ? 90 :
	    300);
	a->home_lang = msg_get_lang();
	snprintf(a->admin_pin, sizeof a->admin_pin, "%s", pin != NULL ? pin : "");
	if (cfg_int(a->cfg, "admin_key", 12, &key, &e) != 0)
		key = 12;
	a->admin_key = KEY_F((int)key);
	wedge_opts_default(&wo);
	if (cfg_int(a->cfg, "wedge_gap_ms", wo.gap_ms, &gap, &e) == 0)
		wo.gap_ms = (int)gap;
	wedge_init(&a->wedge, &wo);
}

/* assets/pinyin/pinyin.txt, compiled in. */
extern const char pinyin_table_txt[];

int
frame_run(enum frame_mode mode, struct reg *reg, const struct cfg *cfg,
    const char *station, const struct frame_sources *src)
{
	static struct frame a;
	struct err e;
	int rc;

	a = (struct frame){ .mode = mode, .reg = reg, .cfg = cfg,
	    .station = station };
	frame_settings(&a);
	frame_keys_init(&a);
	/* Only the kiosk's applicants type by pinyin (staff stations have an
	 * input method); without the table they type Latin letters only,
	 * which is worth going on for. */
	if (mode == FRAME_KIOSK)
		a.pinyin = pinyin_new(pinyin_table_txt);
	if ((a.loop = loop_new()) == NULL || (a.footer = footer_new()) == NULL) {
		pinyin_free(a.pinyin);
		return 2;
	}
	err_clear(&e);
	if (frame_sources_open(&a, src, &e) != 0) {
		widget_free(footer_widget(a.footer));
		loop_free(a.loop);
		pinyin_free(a.pinyin);
		fprintf(stderr, "jsd-kiosk: %s (%s)\n", msg_get(e.key), e.detail);
		return 2;
	}
	loop_set_layout(a.loop, frame_layout, &a);
	loop_set_draw(a.loop, frame_draw, &a);
	loop_set_filter(a.loop, frame_filter, &a);
	loop_set_too_small(a.loop, msg_get("frame.too_small"));
	loop_add_timer(a.loop, 1000, 1, frame_tick, &a);
	a.active_ms = loop_now_ms();
	reg_on_retry(frame_retry, &a);
	frame_home(&a);
	rc = loop_run(a.loop);
	reg_on_retry(NULL, NULL);
	frame_leave_all(&a);
	source_close_all(&a.sources);
	widget_free(footer_widget(a.footer));
	loop_free(a.loop);
	pinyin_free(a.pinyin);
	sodium_memzero(&a.staff, sizeof a.staff);
	return rc < 0 ? 2 : rc;
}
