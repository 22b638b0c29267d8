/*
 * super-export.c: a day or a range of days of the event log, written
 * as CSV or JSON (report_export()) to a file the supervisor names.
 *
 * The file is made readable by its owner only, since the log names people's
 * institutions and applications; an existing file is replaced only after the
 * supervisor says so. A write that fails part way removes the file, so a cut
 * export never passes for a whole one. Where the file went is said with its
 * absolute path and size, and stays on the screen until the next export.
 * (Asking is done by the field, "exists: F2 again replaces it", rather than a
 * dialog, so that nothing covers the form being filled.)
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "choice.h"
#include "clock.h"
#include "field.h"
#include "form.h"
#include "report.h"
#include "super.h"

#define SUPER_EXPORT_PATH_CHARS	512
#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

struct super_export {
	struct form	*form;
	struct field	*from, *to, *path;
	struct choice	*format;
	char		 done[512];	/* the last export, said */
	char		 done_path[PATH_MAX];	/* and where it went */
	char		*replace;	/* the existing file F2 again replaces */
	enum tty_role done_role;
};

static const char *
super_export_check_date(const char *v, void *arg)
{
	int64_t t;

	(void)arg;
	if (clock_parse_local_date(v, &t) != 0)
		return msg_get("super.date_invalid");
	return NULL;
}

static const char *
super_export_check_path(const char *v, void *arg)
{
	(void)arg;
	if (*v == '\0')
		return msg_get("super.ex.path_empty");
	return NULL;
}

static int
super_export_make(struct super_export *x, int64_t day)
{
	const char *formats[2];
	char date[11];

	formats[0] = "CSV";
	formats[1] = "JSON";
	if ((x->form = form_new()) == NULL ||
	    (x->from = field_new(msg_get("super.ex.from"), 10)) == NULL ||
	    form_add(x->form, field_widget(x->from)) != 0 ||
	    (x->to = field_new(msg_get("super.ex.to"), 10)) == NULL ||
	    form_add(x->form, field_widget(x->to)) != 0 ||
	    (x->format = choice_new(msg_get("super.ex.format"), formats,
	    2)) == NULL ||
	    form_add(x->form, choice_widget(x->format)) != 0 ||
	    (x->path = field_new(msg_get("super.ex.path"), SUPER_EXPORT_PATH_CHARS)) ==
	    NULL ||
	    form_add(x->form, field_widget(x->path)) != 0)
		return -1;
	super_date(day, date, sizeof date);
	field_set_alphabet(x->from, "0123456789-");
	field_set_alphabet(x->to, "0123456789-");
	field_set_check(x->from, super_export_check_date, NULL);
	field_set_check(x->to, super_export_check_date, NULL);
	field_set_check(x->path, super_export_check_path, NULL);
	field_set_hint(x->path, msg_get("super.ex.path_hint"));
	field_set_value(x->from, date);
	field_set_value(x->to, date);
	form_set_submit_key(x->form, 0);	/* F2 is the screen's */
	return 0;
}

static int
super_export_enter(struct screen *s, void *arg)
{
	struct super_export *x;

	if (arg == NULL || (x = calloc(1, sizeof *x)) == NULL)
		return -1;
	/* form_add() takes each widget even when it fails: freeing the form
	 * frees every one made. */
	if (super_export_make(x, *(const int64_t *)arg) != 0) {
		if (x->form != NULL)
			widget_free(form_widget(x->form));
		free(x);
		return -1;
	}
	s->root = form_widget(x->form);
	s->data = x;
	s->title = "super.ex.title";
	return 0;
}

static void
super_export_leave(struct screen *s)
{
	struct super_export *x = s->data;

	widget_free(s->root);
	free(x->replace);
	free(x);
}

static void
super_export_layout(struct screen *s, struct tbox b)
{
	widget_place(s->root, b.y + 1, b.x + 2, b.h - 5, b.w - 4);
}

static void
super_export_draw(struct screen *s, struct tbox b)
{
	struct super_export *x = s->data;

	if (x->done[0] != '\0')
		tty_put(b.y + b.h - 3, b.x + 2, b.w - 4, x->done,
		    tty_attr(x->done_role));
	if (x->done_path[0] != '\0')
		tty_put(b.y + b.h - 2, b.x + 4, b.w - 6, x->done_path,
		    tty_attr(TTY_LABEL));
}

/* Opens path for writing, owner-only. An existing file is replaced only when
 * replace is set (the supervisor asked twice); else NULL with *exists set. */
static FILE *
super_export_open(const char *path, int replace, int *exists, struct err *e)
{
	int fd;
	FILE *f;

	*exists = 0;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST) {
		if (!replace) {
			*exists = 1;
			return NULL;
		}
		fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
		/* A replaced file keeps its mode: owner-only like a new one. */
		if (fd >= 0 && fchmod(fd, 0600) != 0) {
			close(fd);
			fd = -1;
		}
	}
	if (fd < 0) {
		err_set(e, ERR_SYSTEM, "path", "report.output_failed", "%s",
		    strerror(errno));
		return NULL;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		err_set(e, ERR_SYSTEM, "path", "report.output_failed", "%s",
		    strerror(errno));
		close(fd);
	}
	return f;
}

static int
super_export_write(struct screen *s, const char *path, int64_t from, int64_t to,
    enum report_format fmt, int replace, int *exists, struct err *e)
{
	FILE *f;
	int rc;

	if ((f = super_export_open(path, replace, exists, e)) == NULL)
		return -1;
	rc = report_export(frame_reg(s->frame), from, to, fmt, f, e);
	if (fclose(f) != 0 && rc == 0)
		rc = err_set(e, ERR_SYSTEM, "path", "report.write_failed", "%s",
		    strerror(errno));
	if (rc != 0)
		unlink(path);
	return rc;
}

/* Says where the export went: the absolute path and the size. */
static void
super_export_said(struct super_export *x, const char *path, int64_t from,
    int64_t to, int json)
{
	char abs[PATH_MAX], a[11], b[11];
	const char *where = path;
	struct stat st;
	long long size = -1;

	if (realpath(path, abs) != NULL)
		where = abs;
	if (stat(where, &st) == 0)
		size = (long long)st.st_size;
	super_date(from, a, sizeof a);
	super_date(to - CLOCK_DAY, b, sizeof b);
	snprintf(x->done, sizeof x->done, msg_get("super.ex.done"), a, b,
	    json ? "JSON" : "CSV", size);
	snprintf(x->done_path, sizeof x->done_path, "%s", where);
	x->done_role = TTY_GOOD;
}

static enum widget_result
super_export_go(struct screen *s, const struct widget_key *k)
{
	struct super_export *x = s->data;
	int64_t from, to;
	int exists, json, replace;
	const char *path;
	char said[256];
	struct err e;

	(void)k;
	if (form_check(x->form) != 0 ||
	    clock_parse_local_date(field_value(x->from), &from) != 0 ||
	    clock_parse_local_date(field_value(x->to), &to) != 0)
		return WIDGET_REDRAW;
	if (to < from) {
		field_set_error(x->to, msg_get("super.ex.range"));
		form_focus(x->form, field_widget(x->to));
		return WIDGET_REDRAW;
	}
	to += CLOCK_DAY;
	json = choice_selected(x->format) == 1;
	path = field_value(x->path);
	replace = x->replace != NULL && strcmp(x->replace, path) == 0;
	free(x->replace);
	x->replace = NULL;
	err_clear(&e);
	if (super_export_write(s, path, from, to, json ? REPORT_JSON : REPORT_CSV,
	    replace, &exists, &e) != 0) {
		if (exists) {
			x->replace = strdup(path);
			snprintf(said, sizeof said, msg_get("super.ex.exists"),
			    frame_keys_name(s->frame, KEY_F(2)));
			field_set_error(x->path, said);
		} else {
			field_set_error(x->path, msg_get(e.key));
			snprintf(x->done, sizeof x->done, "%s (%s)", msg_get(e.key),
			    e.detail);
			x->done_path[0] = '\0';
			x->done_role = TTY_ERROR;
		}
		form_focus(x->form, field_widget(x->path));
		return WIDGET_REDRAW;
	}
	super_export_said(x, path, from, to, json);
	frame_status(s->frame, msg_get("super.ex.written"), TTY_GOOD);
	return WIDGET_REDRAW;
}

static const struct screen_key super_export_keys[] = {
	{ KEY_F(2), "super.key.export", super_export_go, NULL, NULL },
	{ '\t', "super.key.next_field", NULL, NULL, NULL },
	{ FRAME_KEY_ESC, "super.key.back", frame_back, NULL, NULL },
	{ KEY_ENTER, NULL, super_export_go, NULL, NULL },
};

const struct screen_class super_export_screen = {
	.name = "super-export",
	.enter = super_export_enter,
	.leave = super_export_leave,
	.layout = super_export_layout,
	.draw = super_export_draw,
	FRAME_KEYS(super_export_keys),
	.scan = super_scan_as_keys,
};
