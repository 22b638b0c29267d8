/* import.c: see import.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "evlog.h"
#include "import.h"
#include "reg-private.h"
#include "text.h"

static const char *const import_columns[] = {
	"credit_code", "name", "address", "legal_rep_name", "legal_rep_id",
	"legal_rep_phone", "level",
};
#define IMPORT_NCOLUMNS (sizeof import_columns / sizeof import_columns[0])

static int
import_header(struct csv *c, struct err *e)
{
	size_t i;

	if (csv_read(c, e) != 1)
		return err_set(e, ERR_INPUT, NULL, "import.no_header", NULL);
	if (c->nfields != IMPORT_NCOLUMNS)
		return err_set(e, ERR_INPUT, NULL, "import.bad_header", NULL);
	for (i = 0; i < IMPORT_NCOLUMNS; i++) {
		if (strcmp(c->fields[i], import_columns[i]) != 0)
			return err_set(e, ERR_INPUT, import_columns[i],
			    "import.bad_header", NULL);
	}
	return 0;
}

static int
import_row(struct csv *c, struct institution *in, struct err *e)
{
	if (c->nfields != IMPORT_NCOLUMNS)
		return err_set(e, ERR_INPUT, NULL, "import.field_count", NULL);
	memset(in, 0, sizeof *in);
	if (text_copy_field(in->credit_code, sizeof in->credit_code, c->fields[0],
	    "credit_code", e) != 0 ||
	    text_copy_field(in->name, sizeof in->name, c->fields[1], "name", e) != 0 ||
	    text_copy_field(in->address, sizeof in->address, c->fields[2], "address",
	    e) != 0 ||
	    text_copy_field(in->legal_rep_name, sizeof in->legal_rep_name, c->fields[3],
	    "legal_rep_name", e) != 0 ||
	    text_copy_field(in->legal_rep_id, sizeof in->legal_rep_id, c->fields[4],
	    "legal_rep_id", e) != 0 ||
	    text_copy_field(in->legal_rep_phone, sizeof in->legal_rep_phone,
	    c->fields[5], "legal_rep_phone", e) != 0)
		return -1;
	if (reg_inst_level_parse(c->fields[6], &in->level) != 0)
		return err_set(e, ERR_INPUT, "level", "import.bad_level", NULL);
	in->status = INST_ACTIVE;
	return reg_inst_validate(in, e);
}

/* A code twice in one file is a mistake in the file, not an update: the temp
 * table remembers this run's codes (per connection, gone when it closes). */
static const char import_seen_create_sql[] =
    "CREATE TEMP TABLE IF NOT EXISTS import_seen (code TEXT PRIMARY KEY)";
static const char import_seen_clear_sql[] = "DELETE FROM import_seen";
static const char import_seen_add_sql[] =
    "INSERT INTO import_seen (code) VALUES (?1) ON CONFLICT DO NOTHING";

static int
import_seen_reset(struct reg *r, struct err *e)
{
	if (db_exec(r->db, import_seen_create_sql, e) != 0 ||
	    db_exec(r->db, import_seen_clear_sql, e) != 0)
		return -1;
	return 0;
}

/* 1 when the code is new in this run, 0 when seen before, -1 on error. */
static int
import_seen_add(struct reg *r, const char *code, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, import_seen_add_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, code);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "import");
	return db_changes(r->db) == 1;
}

/* Writes one parsed record: 0 written, 1 a bad row (rowerr says why), -1 a
 * system error (in e) that ends the run. */
static int
import_one(struct reg *r, struct csv *c, struct import_stats *s,
    struct err *rowerr, struct err *e)
{
	struct institution in;
	int seen, added;

	if (import_row(c, &in, rowerr) != 0)
		return 1;
	if ((seen = import_seen_add(r, in.credit_code, e)) < 0)
		return -1;
	if (seen == 0) {
		err_set(rowerr, ERR_INPUT, "credit_code", "import.duplicate", NULL);
		return 1;
	}
	if (reg_inst_put_tx(r, &in, 1, &added, rowerr) != 0) {
		if (rowerr->kind != ERR_SYSTEM)
			return 1;
		*e = *rowerr;
		return -1;
	}
	if (added)
		s->added++;
	else
		s->updated++;
	return 0;
}

/* Reads every row and writes the good ones; the caller's transaction decides
 * whether they stay. */
static int
import_rows(struct reg *r, struct csv *c, import_bad_cb bad, void *arg,
    struct import_stats *s, struct err *e)
{
	struct err rowerr;
	int rc;

	for (;;) {
		err_clear(&rowerr);
		if ((rc = csv_read(c, &rowerr)) == 0)
			return 0;
		if (rc == 1 && c->nfields == 1 && c->fields[0][0] == '\0')
			continue;	/* blank line */
		s->rows++;
		if (rc == 1 && (rc = import_one(r, c, s, &rowerr, e)) <= 0) {
			if (rc < 0)
				return -1;
			continue;
		}
		s->bad++;
		if (bad != NULL)
			bad(c->line, &rowerr, arg);
	}
}

int
import_register(struct reg *r, FILE *f, int all_or_nothing, const char *actor,
    import_bad_cb bad, void *arg, struct import_stats *s, struct err *e)
{
	struct csv c;
	char detail[128];

	memset(s, 0, sizeof *s);
	csv_init(&c, f);
	if (import_header(&c, e) != 0)
		return -1;
	if (db_begin(r->db, e) != 0)
		return -1;
	if (import_seen_reset(r, e) != 0 ||
	    import_rows(r, &c, bad, arg, s, e) != 0 || ferror(f)) {
		if (ferror(f))
			err_set(e, ERR_SYSTEM, NULL, "import.read_error", NULL);
		db_rollback(r->db);
		return -1;
	}
	if (all_or_nothing && s->bad > 0) {
		db_rollback(r->db);
		return 0;
	}
	snprintf(detail, sizeof detail, "added %zu updated %zu bad %zu", s->added,
	    s->updated, s->bad);
	if (evlog_append(r, actor, "inst.imported", "", detail, e) != 0) {
		db_rollback(r->db);
		return -1;
	}
	if (db_commit(r->db, e) != 0)
		return -1;
	s->committed = 1;
	return 0;
}
