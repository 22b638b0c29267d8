/* csv.c: see csv.h. A small state machine over getc(): no record is kept whole
 * beyond CSV_RECORD_MAX, and a failure skips to the end of the broken record. */
#include "config.h"

#include <string.h>

#include "csv.h"

void
csv_init(struct csv *c, FILE *f)
{
	memset(c, 0, sizeof *c);
	c->f = f;
	c->next_line = 1;
}

/* Skips the rest of a refused record, honouring quotes so that a line break
 * inside a quoted field is not taken for the record's end. */
static void
csv_skip_record(struct csv *c, int quoted)
{
	int ch;

	while ((ch = getc(c->f)) != EOF) {
		if (ch == '\n') {
			c->next_line++;
			if (!quoted)
				return;
		} else if (ch == '"')
			quoted = !quoted;
	}
}

static int
csv_skip_bom(struct csv *c)
{
	int ch;

	if ((ch = getc(c->f)) != 0xef) {
		if (ch != EOF)
			ungetc(ch, c->f);
		return 0;
	}
	if (getc(c->f) != 0xbb || getc(c->f) != 0xbf)
		return -1;
	return 0;
}

int
csv_read(struct csv *c, struct err *e)
{
	size_t len = 0;
	int ch, quoted = 0, after_quote = 0, field_start = 1;

	if (!c->started) {
		c->started = 1;
		if (csv_skip_bom(c) != 0)
			return err_set(e, ERR_INPUT, NULL, "csv.encoding", NULL);
	}
	c->line = c->next_line;
	c->nfields = 0;
	if ((ch = getc(c->f)) == EOF)
		return 0;
	ungetc(ch, c->f);
	c->fields[c->nfields++] = c->buf;

	for (;;) {
		ch = getc(c->f);
		if (ch == EOF && quoted)
			return err_set(e, ERR_INPUT, NULL, "csv.unterminated", NULL);
		if (!quoted && ch == '\r') {
			int next = getc(c->f);

			if (next == '\n')
				ch = next;
			else
				ungetc(next, c->f);
		}
		if (ch == '\n')
			c->next_line++;
		if (!quoted && (ch == EOF || ch == '\n')) {
			c->buf[len] = '\0';
			return 1;
		}
		if (quoted) {
			if (ch == '"') {
				int next = getc(c->f);

				if (next != '"') {
					ungetc(next, c->f);
					quoted = 0;
					after_quote = 1;
					continue;
				}
			}
		} else if (ch == '"' && field_start) {
			quoted = 1;
			field_start = 0;
			continue;
		} else if (ch == ',') {
			if (c->nfields == CSV_FIELDS_MAX) {
				csv_skip_record(c, 0);
				return err_set(e, ERR_INPUT, NULL, "csv.too_many_fields",
				    NULL);
			}
			c->buf[len++] = '\0';
			c->fields[c->nfields++] = c->buf + len;
			field_start = 1;
			after_quote = 0;
			continue;
		} else if (after_quote) {
			csv_skip_record(c, 0);
			return err_set(e, ERR_INPUT, NULL, "csv.quote", NULL);
		}
		field_start = 0;
		if (len + 2 >= sizeof c->buf) {
			csv_skip_record(c, quoted);
			return err_set(e, ERR_INPUT, NULL, "csv.too_long", NULL);
		}
		c->buf[len++] = (char)ch;
	}
}
