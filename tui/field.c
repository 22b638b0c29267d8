/*
 * field.c: the text field widget. See field.h; the editing itself is edit.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "field.h"
#include "pinyin.h"
#include "tty.h"
#include "tw.h"
#include "utf8.h"

#define FIELD_MSG_LINES	3	/* lines a message under a field may take */
#define FIELD_PAGE_MAX	9	/* candidates a page: the digits 1-9 */

struct field {
	struct widget	 super;
	struct edit	 edit;
	char		*label;
	char		*hint;
	char		*error;
	char		*full;		/* said when a character does not fit */
	int		 full_shown;	/* error is that, not the check's */
	field_check_fn	 check;
	void		*check_arg;

	/* Pinyin composition (pinyin.h): letters typed, not yet a character. */
	const struct pinyin *pinyin;	/* NULL: letters are typed as they are */
	char		 comp[PINYIN_LETTERS_MAX + 1];
	size_t		 comp_len;
	size_t		 page_first;	/* first candidate shown */
	size_t		 page_n;	/* candidates a page, at the width drawn */
};

static void
field_replace(char **slot, char *s)
{
	free(*slot);
	*slot = s;
}

/* Columns of the input area: enough for max_chars, within the widget. */
static int
field_input_cols(const struct field *f, int *x0)
{
	const struct widget	*w = &f->super;
	size_t			 want;
	int			 avail;

	*x0 = w->x + widget_label_cols(w, w->w);
	avail = w->x + w->w - *x0;
	want = f->edit.max * (f->edit.alphabet != NULL || f->edit.masked ? 1 :
	    2) + 1;
	if ((size_t)avail > want)
		avail = (int)want;
	return avail < 2 ? 2 : avail;
}

/*
 * The letters being composed and the characters they may become, numbered for
 * the digit that picks each, over the lines the message would take: as many
 * as fit, and the digits pick exactly those drawn. '<' and '>' say that '-'
 * and '=' show more.
 */
static void
field_draw_comp(struct field *f, int x0)
{
	const struct widget	*w = &f->super;
	uint32_t		 cand[FIELD_PAGE_MAX];
	char			 line[PINYIN_LETTERS_MAX + FIELD_PAGE_MAX * 8 + 8];
	size_t			 n, i, used, total, off;
	int			 cols = w->x + w->w - x0, page;

	tty_fill(w->y + 1, x0, w->h - 1, cols, tty_attr(TTY_HINT));
	/* A page's size depends on the width alone, so that '-' comes back to
	 * the very page '=' left: '<', the letters, "N字" 4 columns each, '>'. */
	page = (cols - (int)f->comp_len - 2) / 4;
	f->page_n = page < 1 ? 1 : page > FIELD_PAGE_MAX ? FIELD_PAGE_MAX :
	    (size_t)page;
	n = pinyin_lookup(f->pinyin, f->comp, f->comp_len, f->page_first, cand,
	    f->page_n, &used, &total);
	off = (size_t)snprintf(line, sizeof line, "%s%s",
	    f->page_first > 0 ? "<" : "", f->comp);
	for (i = 0; i < n; i++) {
		off += (size_t)snprintf(line + off, sizeof line - off, " %zu", i + 1);
		off += utf8_encode(cand[i], (unsigned char *)line + off);
	}
	if (f->page_first + n < total)
		line[off++] = '>';
	line[off] = '\0';
	tty_put(w->y + 1, x0, cols, line, tty_attr(TTY_HINT));
}

static void
field_draw(struct widget *w)
{
	struct field	*f = (struct field *)w;
	char		 buf[EDIT_MAX_CHARS * 4 + 1];
	const char	*under;
	size_t		 first, n, i, off = 0;
	int		 x0, cols, curcol;

	cols = field_input_cols(f, &x0);
	if (x0 > w->x)
		tty_put(w->y, w->x, x0 - w->x - 1, f->label,
		    tty_attr(TTY_LABEL));
	tty_fill(w->y, x0, 1, cols, tty_attr(w->focused ?
	    TTY_INPUT_FOCUS : TTY_INPUT));
	first = edit_view(&f->edit, cols, &n, &curcol);
	for (i = 0; i < n; i++) {
		if (f->edit.masked)
			buf[off++] = '*';
		else
			off += utf8_encode(f->edit.buf[first + i],
			    (unsigned char *)buf + off);
	}
	buf[off] = '\0';
	tty_put(w->y, x0, cols, buf, tty_attr(w->focused ?
	    TTY_INPUT_FOCUS : TTY_INPUT));
	if (w->focused)
		tty_cursor(w->y, x0 + curcol);
	if (w->h < 2)
		return;
	if (f->comp_len > 0) {
		field_draw_comp(f, x0);
		return;
	}
	/* A message under the field wraps whole over the lines it was given. */
	if ((under = f->error) != NULL)
		tty_put_wrapped(w->y + 1, x0, w->x + w->w - x0, w->h - 1, 0, under,
		    tty_attr(TTY_ERROR));
	else if ((under = f->hint) != NULL)
		tty_put_wrapped(w->y + 1, x0, w->x + w->w - x0, w->h - 1, 0, under,
		    tty_attr(TTY_HINT));
}

/* A change to the text clears the "field is full" message it no longer needs. */
static enum widget_result
field_edited(struct field *f)
{
	if (f->full_shown && !edit_full(&f->edit)) {
		field_set_error(f, NULL);
		f->full_shown = 0;
	}
	return WIDGET_REDRAW;
}

/*
 * A character the field could take but has no room for is not dropped in
 * silence: the field says it is full (a paste of 3,000 characters into 200
 * stops at 200, and the person sees why).
 */
static enum widget_result
field_refused(struct field *f, int ch)
{
	if (f->full == NULL || !edit_full(&f->edit) ||
	    edit_accept(&f->edit, (uint32_t)ch) == 0 || f->full_shown)
		return WIDGET_HANDLED;
	if (field_set_error(f, f->full) == -1)
		return WIDGET_HANDLED;
	f->full_shown = 1;
	return WIDGET_REDRAW;
}

static enum widget_result
field_fn_key(struct field *f, const struct widget_key *k)
{
	switch (k->ch) {
	case KEY_LEFT:
		return edit_left(&f->edit) ? WIDGET_REDRAW : WIDGET_HANDLED;
	case KEY_RIGHT:
		return edit_right(&f->edit) ? WIDGET_REDRAW : WIDGET_HANDLED;
	case KEY_HOME:
		return edit_home(&f->edit) ? WIDGET_REDRAW : WIDGET_HANDLED;
	case KEY_END:
		return edit_end(&f->edit) ? WIDGET_REDRAW : WIDGET_HANDLED;
	case KEY_BACKSPACE:
		return edit_backspace(&f->edit) ? field_edited(f) :
		    WIDGET_HANDLED;
	case KEY_DC:
		return edit_delete(&f->edit) ? field_edited(f) : WIDGET_HANDLED;
	default:
		return widget_key_focus(k);
	}
}

static enum widget_result
field_comp_add(struct field *f, char c)
{
	if (f->comp_len < PINYIN_LETTERS_MAX) {
		f->comp[f->comp_len++] = c;
		f->comp[f->comp_len] = '\0';
		f->page_first = 0;
	}
	return WIDGET_REDRAW;
}

static void
field_comp_clear(struct field *f)
{
	explicit_bzero(f->comp, sizeof f->comp);
	f->comp_len = f->page_first = 0;
}

/* The letters as they are, for a Latin word or a name spelled out: nothing
 * typed is lost. */
static enum widget_result
field_comp_letters(struct field *f)
{
	size_t	i;

	for (i = 0; i < f->comp_len; i++)
		if (!edit_insert(&f->edit, (uint32_t)f->comp[i]))
			break;
	field_comp_clear(f);
	return field_edited(f);
}

/* 1 when the letters begin with a syllable: there are characters to pick. */
static int
field_comp_reads(const struct field *f)
{
	uint32_t	cp;
	size_t		used, total;

	return pinyin_lookup(f->pinyin, f->comp, f->comp_len, 0, &cp, 1, &used,
	    &total) == 1;
}

/* The n-th candidate shown becomes the character; the letters it used go. */
static enum widget_result
field_comp_pick(struct field *f, size_t n)
{
	uint32_t	cp;
	size_t		used, total;

	if (n >= f->page_n || pinyin_lookup(f->pinyin, f->comp, f->comp_len,
	    f->page_first + n, &cp, 1, &used, &total) != 1)
		return WIDGET_HANDLED;
	if (!edit_insert(&f->edit, cp))
		return field_refused(f, (int)cp);
	memmove(f->comp, f->comp + used, f->comp_len - used + 1);
	f->comp_len -= used;
	f->page_first = 0;
	return field_edited(f);
}

/* '-' and '=' (and Page Up, Page Down) turn the candidates' pages. */
static enum widget_result
field_comp_page(struct field *f, int forward)
{
	uint32_t	cp;
	size_t		used, total;

	(void)pinyin_lookup(f->pinyin, f->comp, f->comp_len, 0, &cp, 1, &used,
	    &total);
	if (forward && f->page_first + f->page_n < total)
		f->page_first += f->page_n;
	else if (!forward && f->page_first > 0)
		f->page_first -= f->page_first < f->page_n ? f->page_first :
		    f->page_n;
	else
		return WIDGET_HANDLED;
	return WIDGET_REDRAW;
}

/*
 * A key while letters are composed: digits pick, Space takes the first,
 * Backspace takes a letter back, Esc drops them, Enter types them as letters.
 * Any other key types the letters first and then does what it does, so that
 * moving on never loses them. WIDGET_IGNORED: go on as without composition.
 */
static enum widget_result
field_comp_key(struct field *f, const struct widget_key *k)
{
	if (k->fn) {
		if (k->ch == KEY_BACKSPACE) {
			f->comp[--f->comp_len] = '\0';
			f->page_first = 0;
			return WIDGET_REDRAW;
		}
		if (k->ch == KEY_PPAGE || k->ch == KEY_NPAGE)
			return field_comp_page(f, k->ch == KEY_NPAGE);
		if (k->ch == KEY_ENTER)
			return field_comp_letters(f);
		(void)field_comp_letters(f);
		return WIDGET_IGNORED;
	}
	/* Letters that read as nothing are letters: a digit or a space after
	 * them is typed as one (a paste of Latin text, a house number). */
	if (((k->ch >= '1' && k->ch <= '9') || k->ch == ' ') &&
	    !field_comp_reads(f)) {
		(void)field_comp_letters(f);
		return WIDGET_IGNORED;
	}
	if (k->ch >= '1' && k->ch <= '9')
		return field_comp_pick(f, k->ch - '1');
	switch (k->ch) {
	case ' ':
		return field_comp_pick(f, 0);
	case '-':
	case '=':
		return field_comp_page(f, k->ch == '=');
	case 27:
	case WIDGET_CTRL('U'):
		field_comp_clear(f);
		return WIDGET_REDRAW;
	}
	if (k->ch >= 'a' && k->ch <= 'z')
		return WIDGET_IGNORED;
	(void)field_comp_letters(f);
	return WIDGET_IGNORED;
}

static enum widget_result
field_key(struct widget *w, const struct widget_key *k)
{
	struct field	*f = (struct field *)w;
	enum widget_result r;

	if (f->comp_len > 0 && (r = field_comp_key(f, k)) != WIDGET_IGNORED)
		return r;
	if (!k->fn && k->ch >= 'a' && k->ch <= 'z' && f->pinyin != NULL)
		return field_comp_add(f, (char)k->ch);
	if (k->fn)
		return field_fn_key(f, k);
	switch (k->ch) {
	case '\t':
		return WIDGET_FOCUS_NEXT;
	case WIDGET_CTRL('A'):
		return edit_home(&f->edit) ? WIDGET_REDRAW : WIDGET_HANDLED;
	case WIDGET_CTRL('E'):
		return edit_end(&f->edit) ? WIDGET_REDRAW : WIDGET_HANDLED;
	case WIDGET_CTRL('D'):
		return edit_delete(&f->edit) ? field_edited(f) : WIDGET_HANDLED;
	case WIDGET_CTRL('U'):
		return edit_clear(&f->edit) ? field_edited(f) : WIDGET_HANDLED;
	}
	if (k->ch < 0x20 || (k->ch >= 0x7f && k->ch < 0xa0))
		return WIDGET_IGNORED;
	/* A refused character is swallowed: it belongs to no one else. */
	if (edit_insert(&f->edit, k->ch))
		return field_edited(f);
	return field_refused(f, k->ch);
}

/* The input line and the message under it, wrapped at the columns it gets
 * (those right of the label), at most FIELD_MSG_LINES lines. */
static int
field_height(struct widget *w, int width)
{
	struct field	*f = (struct field *)w;
	const char	*under = f->error != NULL ? f->error : f->hint;
	int		 n;

	if (under == NULL || (width -= widget_label_cols(w, width)) <= 0)
		return 2;
	n = tw_wrap_lines(under, width);
	return 1 + (n < 1 ? 1 : n > FIELD_MSG_LINES ? FIELD_MSG_LINES : n);
}

static int
field_check_widget(struct widget *w)
{
	return field_check((struct field *)w);
}

static enum widget_result
field_focus(struct widget *w, int on)
{
	struct field	*f = (struct field *)w;

	if (!on && f->comp_len > 0)
		(void)field_comp_letters(f);
	if (!on)
		field_check(f);
	return WIDGET_REDRAW;
}

static void
field_destroy(struct widget *w)
{
	struct field	*f = (struct field *)w;

	edit_free(&f->edit);
	field_comp_clear(f);
	free(f->label);
	free(f->hint);
	free(f->error);
	free(f->full);
	free(f);
}

static const struct widget_class field_class = {
	.name = "field",
	.focusable = 1,
	.draw = field_draw,
	.key = field_key,
	.height = field_height,
	.focus = field_focus,
	.check = field_check_widget,
	.destroy = field_destroy,
};

struct field *
field_new(const char *label, size_t max_chars)
{
	struct field	*f;

	if ((f = calloc(1, sizeof *f)) == NULL)
		return NULL;
	widget_init(&f->super, &field_class);
	if (edit_init(&f->edit, max_chars) == -1 ||
	    (f->label = strdup(label)) == NULL) {
		edit_free(&f->edit);
		free(f);
		return NULL;
	}
	f->super.label = f->label;
	f->super.h = 2;
	return f;
}

struct widget *
field_widget(struct field *f)
{
	return &f->super;
}

void
field_set_alphabet(struct field *f, const char *alphabet)
{
	edit_set_alphabet(&f->edit, alphabet);
}

void
field_set_pinyin(struct field *f, const struct pinyin *p)
{
	field_comp_clear(f);
	f->pinyin = f->edit.alphabet == NULL && !f->edit.masked ? p : NULL;
}

void
field_set_masked(struct field *f, int masked)
{
	edit_set_masked(&f->edit, masked);
}

void
field_set_check(struct field *f, field_check_fn fn, void *arg)
{
	f->check = fn;
	f->check_arg = arg;
}

int
field_set_hint(struct field *f, const char *hint)
{
	char	*s = NULL;

	if (hint != NULL && (s = strdup(hint)) == NULL)
		return -1;
	field_replace(&f->hint, s);
	return 0;
}

int
field_set_full(struct field *f, const char *msg)
{
	char	*s = NULL;

	if (msg != NULL && (s = strdup(msg)) == NULL)
		return -1;
	field_replace(&f->full, s);
	return 0;
}

int
field_set_value(struct field *f, const char *utf8)
{
	return edit_set_utf8(&f->edit, utf8);
}

const char *
field_value(struct field *f)
{
	return edit_utf8(&f->edit);
}

const char *
field_error(const struct field *f)
{
	return f->error;
}

int
field_set_error(struct field *f, const char *msg)
{
	char	*s = NULL;

	if (msg != NULL && (s = strdup(msg)) == NULL)
		return -1;
	field_replace(&f->error, s);
	return 0;
}

int
field_check(struct field *f)
{
	const char	*value, *msg = NULL;

	if (f->check != NULL) {
		if ((value = field_value(f)) == NULL)
			return -1;
		msg = f->check(value, f->check_arg);
	}
	f->full_shown = 0;
	/* Out of memory for the copy still counts as invalid. */
	if (field_set_error(f, msg) == -1)
		return -1;
	return msg == NULL ? 0 : -1;
}
