/*
 * ctl-list.c: the two printers of a listing; see ctl-list.h.
 *
 * A row that cannot become JSON (a value that is not UTF-8) is left out of the
 * array, as json_pack() left it before: an incomplete object would look whole.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "clock.h"
#include "ctl-list.h"
#include "ctl.h"
#include "msg.h"

static const void *
ctl_list_member(const struct ctl_col *col, const void *row)
{
	return (const char *)row + col->off;
}

static long long
ctl_list_number(const struct ctl_col *col, const void *row)
{
	if (col->type == CTL_COL_NUM)
		return col->num(row);
	if (col->type == CTL_COL_INT64)
		return *(const int64_t *)ctl_list_member(col, row);
	return *(const int *)ctl_list_member(col, row);
}

/* A column's value as text: strings, times and fn's; NULL for none. */
static const char *
ctl_list_text(const struct ctl_col *col, const void *row, char *room, size_t len)
{
	int64_t t;

	switch (col->type) {
	case CTL_COL_STR:
	case CTL_COL_STR_NULL:
		return ctl_list_member(col, row);
	case CTL_COL_STRP:
		return *(const char *const *)ctl_list_member(col, row);
	case CTL_COL_TIME:
		t = *(const int64_t *)ctl_list_member(col, row);
		if (t == 0)
			return "-";
		clock_format_local(t, room, len);
		return room;
	case CTL_COL_FN:
		return col->fn(row);
	case CTL_COL_CELL:
		return col->cell(row, room, len);
	case CTL_COL_LABEL:
		return msg_get(col->label);
	case CTL_COL_WORD:
		return ctl_word(col->label, col->fn != NULL ? col->fn(row) :
		    ctl_list_member(col, row), room, len);
	default:
		return NULL;
	}
}

static json_t *
ctl_list_value(const struct ctl_col *col, const void *row)
{
	char room[CTL_COL_ROOM];
	const char *s;

	switch (col->type) {
	case CTL_COL_INT:
	case CTL_COL_INT64:
	case CTL_COL_NUM:
		return json_integer(ctl_list_number(col, row));
	case CTL_COL_BOOL:
		return json_boolean(ctl_list_number(col, row));
	default:
		s = ctl_list_text(col, row, room, sizeof room);
		if (s == NULL || (col->type == CTL_COL_STR_NULL && s[0] == '\0'))
			return json_null();
		return json_string(s);
	}
}

void *
ctl_list_object(const struct ctl_col *cols, size_t ncols, const void *row)
{
	json_t *o = json_object(), *v;
	size_t i;

	for (i = 0; o != NULL && i < ncols; i++) {
		if (cols[i].key == NULL)
			continue;
		if ((v = ctl_list_value(&cols[i], row)) == NULL ||
		    json_object_set_new(o, cols[i].key, v) != 0) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

static void
ctl_list_print(FILE *out, const struct ctl_col *col, const void *row)
{
	char room[CTL_COL_ROOM];
	const char *s;

	if (col->type == CTL_COL_INT || col->type == CTL_COL_INT64 ||
	    col->type == CTL_COL_BOOL || col->type == CTL_COL_NUM)
		fprintf(out, col->fmt, ctl_list_number(col, row));
	else if ((s = ctl_list_text(col, row, room, sizeof room)) != NULL)
		fprintf(out, col->fmt, s);
}

/* The columns in their text places, 1, 2, ... until a place has none. */
static void
ctl_list_line(const struct ctl_list *l, const void *row)
{
	unsigned place;
	size_t i;
	int found = 1;

	for (place = 1; found; place++) {
		found = 0;
		for (i = 0; i < l->ncols; i++) {
			if (l->cols[i].text == place) {
				ctl_list_print(l->out, &l->cols[i], row);
				found = 1;
			}
		}
	}
	fputc('\n', l->out);
}

void
ctl_list_start(struct ctl_list *l, const struct ctl_col *cols, size_t ncols,
    int json)
{
	l->cols = cols;
	l->ncols = ncols;
	l->json = json ? json_array() : NULL;
	l->out = stdout;
	l->rows = 0;
}

void
ctl_list_row(struct ctl_list *l, const void *row)
{
	l->rows++;
	if (l->json != NULL)
		json_array_append_new(l->json, ctl_list_object(l->cols, l->ncols, row));
	else
		ctl_list_line(l, row);
}

void *
ctl_list_take(struct ctl_list *l)
{
	void *a = l->json;

	l->json = NULL;
	return a;
}

int
ctl_list_end(struct ctl_list *l, int rc, const struct err *e)
{
	json_t *a = ctl_list_take(l);

	if (rc != 0) {
		json_decref(a);
		return ctl_fail(e);
	}
	if (a != NULL)
		ctl_print_json(a);
	return 0;
}
