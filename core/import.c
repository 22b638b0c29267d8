/* import.c: see import.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cert-private.h"
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

/* The certificate's own text (reg_inst_texts) may follow the required
 * columns, in any order; a file without some of it keeps what the register
 * has. Where the header put each: its field index, or -1. */
struct import_layout {
	size_t	 nfields;
	int	 at[REG_INST_NTEXTS];
};

static int
import_header_optional(struct csv *c, struct import_layout *lay, struct err *e)
{
	size_t i, k;

	for (k = 0; k < REG_INST_NTEXTS; k++)
		lay->at[k] = -1;
	for (i = IMPORT_NCOLUMNS; i < c->nfields; i++) {
		for (k = 0; k < REG_INST_NTEXTS &&
		    strcmp(c->fields[i], reg_inst_texts[k].name) != 0; k++)
			;
		if (k == REG_INST_NTEXTS || lay->at[k] != -1)
			return err_set(e, ERR_INPUT, NULL, "import.bad_header", NULL);
		lay->at[k] = (int)i;
	}
	return 0;
}

static int
import_header(struct csv *c, struct import_layout *lay, struct err *e)
{
	size_t i;

	if (csv_read(c, e) != 1)
		return err_set(e, ERR_INPUT, NULL, "import.no_header", NULL);
	if (c->nfields < IMPORT_NCOLUMNS)
		return err_set(e, ERR_INPUT, NULL, "import.bad_header", NULL);
	for (i = 0; i < IMPORT_NCOLUMNS; i++) {
		if (strcmp(c->fields[i], import_columns[i]) != 0)
			return err_set(e, ERR_INPUT, import_columns[i],
			    "import.bad_header", NULL);
	}
	lay->nfields = c->nfields;
	return import_header_optional(c, lay, e);
}

/* The register's row for code, zeroed when there is none: what an update
 * compares with (change records) and keeps (columns the file does not have). */
static int
import_old(struct reg *r, const char *code, struct institution *old,
    struct err *e)
{
	memset(old, 0, sizeof *old);
	if (reg_inst_get(r, code, old, e) == 0)
		return 0;
	memset(old, 0, sizeof *old);
	if (e->kind != ERR_NOTFOUND)
		return -1;
	err_clear(e);
	return 0;
}

/* The optional columns the file has; the others stay as the register has
 * them (old, the row before, zeroed for a new institution). */
static int
import_row_optional(struct csv *c, const struct import_layout *lay,
    const struct institution *old, struct institution *in, struct err *e)
{
	const struct reg_inst_text *o;
	size_t k;

	for (k = 0; k < REG_INST_NTEXTS; k++) {
		o = &reg_inst_texts[k];
		if (lay->at[k] < 0)
			memcpy((char *)in + o->off, (const char *)old + o->off, o->size);
		else if (text_copy_field((char *)in + o->off, o->size,
		    c->fields[lay->at[k]], o->name, e) != 0)
			return -1;
	}
	return 0;
}

static int
import_row(struct reg *r, struct csv *c, const struct import_layout *lay,
    struct institution *old, struct institution *in, struct err *e)
{
	if (c->nfields != lay->nfields)
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
	if (import_old(r, in->credit_code, old, e) != 0 ||
	    import_row_optional(c, lay, old, in, e) != 0)
		return -1;
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

/* One run of an import: the file, its layout and who imports it. */
struct import_run {
	struct reg		*r;
	struct csv		 c;
	struct import_layout	 lay;
	const char		*actor;
	struct import_stats	*s;
};

/* A row's error that is the system's, not the row's, ends the run. */
static int
import_row_fail(struct err *rowerr, struct err *e)
{
	if (rowerr->kind != ERR_SYSTEM)
		return 1;
	*e = *rowerr;
	return -1;
}

/* Writes one parsed record, with the change records an update of an
 * institution with a certificate makes: 0 written, 1 a bad row (rowerr says
 * why), -1 a system error (in e) that ends the run. */
static int
import_one(struct import_run *run, struct err *rowerr, struct err *e)
{
	struct institution in, old;
	int seen, added;

	if (import_row(run->r, &run->c, &run->lay, &old, &in, rowerr) != 0)
		return import_row_fail(rowerr, e);
	if ((seen = import_seen_add(run->r, in.credit_code, e)) < 0)
		return -1;
	if (seen == 0) {
		err_set(rowerr, ERR_INPUT, "credit_code", "import.duplicate", NULL);
		return 1;
	}
	if (reg_inst_put_tx(run->r, &in, 1, &added, rowerr) != 0 ||
	    (!added && cert_change_register_tx(run->r, &old, &in, run->actor,
	    rowerr) != 0))
		return import_row_fail(rowerr, e);
	if (added)
		run->s->added++;
	else
		run->s->updated++;
	return 0;
}

/* Reads every row and writes the good ones; the caller's transaction decides
 * whether they stay. */
static int
import_rows(struct import_run *run, import_bad_cb bad, void *arg, struct err *e)
{
	struct err rowerr;
	int rc;

	for (;;) {
		err_clear(&rowerr);
		if ((rc = csv_read(&run->c, &rowerr)) == 0)
			return 0;
		if (rc == 1 && run->c.nfields == 1 && run->c.fields[0][0] == '\0')
			continue;	/* blank line */
		run->s->rows++;
		if (rc == 1 && (rc = import_one(run, &rowerr, e)) <= 0) {
			if (rc < 0)
				return -1;
			continue;
		}
		run->s->bad++;
		if (bad != NULL)
			bad(run->c.line, &rowerr, arg);
	}
}

int
import_register(struct reg *r, FILE *f, int all_or_nothing, const char *actor,
    import_bad_cb bad, void *arg, struct import_stats *s, struct err *e)
{
	struct import_run run = { .r = r, .actor = actor, .s = s };
	char detail[128];

	memset(s, 0, sizeof *s);
	csv_init(&run.c, f);
	if (import_header(&run.c, &run.lay, e) != 0)
		return -1;
	if (db_begin(r->db, e) != 0)
		return -1;
	if (import_seen_reset(r, e) != 0 ||
	    import_rows(&run, bad, arg, e) != 0 || ferror(f)) {
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
