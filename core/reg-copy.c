/*
 * reg-copy.c: a registry copied whole into another, SQLite to PostgreSQL or
 * back (moving a hall onto the city's registry).
 *
 * Both registries are at the same schema (opening them migrated them), so a
 * table's columns are the same in the same order on both sides and rows go
 * across as they are, ids included: the event chain hashes ids, and every
 * reference between tables is by id. Tables go parents first so that foreign
 * keys hold row by row; the whole copy is one transaction on the target,
 * which must be empty. Afterwards the target is checked, not trusted: the
 * chain is walked and every table counted on both sides.
 *
 * Stop the stations on the source first: rows written during the copy would
 * make the counts differ (and the copy is then reported as failed).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "evlog.h"
#include "reg-private.h"

/* Parents before children; ids ascending within a table. */
static const struct {
	const char	*name;
	const char	*order;		/* the key to copy in order of */
	int		 has_id;	/* an id column new rows number from */
} copy_tables[REG_COPY_TABLES] = {
	{ "institution", "credit_code", 0 },
	{ "application", "id", 1 },
	{ "staff", "name", 0 },
	{ "staff_probe", "name", 0 },
	{ "certificate", "id", 1 },
	{ "holder", "id", 1 },
	{ "authz", "id", 1 },
	{ "token", "id", 1 },
	{ "presented", "id", 1 },
	{ "usage_record", "id", 1 },
	{ "change_record", "id", 1 },
	{ "verify_fail", "id", 1 },
	{ "operation", "id", 0 },
	{ "sign_request", "id", 1 },
	{ "meta", "key", 0 },
	{ "event", "id", 1 },
	{ "event_day", "day, station, actor, kind", 0 },
	{ "claimqr_open", "event_id", 0 },
};

/* The statements, made once: each text at its own address (db.h). */
static char copy_select[REG_COPY_TABLES][96];
static char copy_count[REG_COPY_TABLES][64];
static char copy_insert[REG_COPY_TABLES][512];

const char *
reg_copy_table(int i)
{
	return copy_tables[i].name;
}

static void
copy_select_sql(void)
{
	int i;

	for (i = 0; i < REG_COPY_TABLES; i++) {
		snprintf(copy_select[i], sizeof copy_select[i],
		    "SELECT * FROM %s ORDER BY %s", copy_tables[i].name,
		    copy_tables[i].order);
		snprintf(copy_count[i], sizeof copy_count[i],
		    "SELECT count(*) FROM %s", copy_tables[i].name);
	}
}

/* "INSERT INTO t VALUES (?1, ..., ?n)" for a table of n columns. */
static int
copy_insert_sql(int t, int ncols, struct err *e)
{
	char *p = copy_insert[t];
	size_t left = sizeof copy_insert[t];
	int i, n;

	n = snprintf(p, left, "INSERT INTO %s VALUES (", copy_tables[t].name);
	for (i = 1; i <= ncols && n > 0 && (size_t)n < left; i++) {
		p += n;
		left -= (size_t)n;
		n = snprintf(p, left, "%s?%d", i > 1 ? ", " : "", i);
	}
	if (n < 0 || (size_t)n + 2 > left)
		return err_set(e, ERR_SYSTEM, NULL, "copy.failed", "%s: too many columns",
		    copy_tables[t].name);
	strcat(p, ")");
	return 0;
}

static int
copy_count_rows(struct reg *r, int t, int64_t *n, struct err *e)
{
	struct db_stmt *st;
	int rc;

	*n = 0;
	if ((st = db_prepare(r->db, copy_count[t], e)) == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW)
		*n = db_col_int64(st, 0);
	db_reset(st);
	return rc == DB_ROW ? 0 : db_err(r->db, e, copy_tables[t].name);
}

/* Binds column i of a source row to parameter i + 1 of the insert. */
static void
copy_bind(struct db_stmt *from, struct db_stmt *to, int i)
{
	switch (db_col_type(from, i)) {
	case DB_NULL:
		db_bind_null(to, i + 1);
		break;
	case DB_INTEGER:
		db_bind_int64(to, i + 1, db_col_int64(from, i));
		break;
	case DB_BLOB:
		db_bind_blob(to, i + 1, db_col_blob(from, i), db_col_bytes(from, i));
		break;
	case DB_TEXT:
		db_bind_text(to, i + 1, db_col_text(from, i));
		break;
	}
}

static int
copy_table(struct reg *from, struct reg *to, int t, int64_t *rows, struct err *e)
{
	struct db_stmt *src, *dst = NULL;
	int rc, i, ncols = 0;

	*rows = 0;
	if ((src = db_prepare(from->db, copy_select[t], e)) == NULL)
		return -1;
	while ((rc = db_step(src)) == DB_ROW) {
		if (dst == NULL) {
			ncols = db_col_count(src);
			if (copy_insert_sql(t, ncols, e) != 0 ||
			    (dst = db_prepare(to->db, copy_insert[t], e)) == NULL) {
				db_reset(src);
				return -1;
			}
		}
		for (i = 0; i < ncols; i++)
			copy_bind(src, dst, i);
		rc = db_step(dst);
		db_reset(dst);
		if (rc != DB_DONE) {
			db_reset(src);
			return db_err(to->db, e, copy_tables[t].name);
		}
		(*rows)++;
	}
	db_reset(src);
	if (rc != DB_DONE)
		return db_err(from->db, e, copy_tables[t].name);
	if (copy_tables[t].has_id)
		return db_ids_follow(to->db, copy_tables[t].name, e);
	return 0;
}

static int
copy_empty(struct reg *to, struct err *e)
{
	int64_t n;
	int t;

	for (t = 0; t < REG_COPY_TABLES; t++) {
		if (copy_count_rows(to, t, &n, e) != 0)
			return -1;
		if (n != 0)
			return err_set(e, ERR_CONFLICT, NULL, "copy.not_empty", "%s",
			    copy_tables[t].name);
	}
	return 0;
}

/* The target as it is now against the source: chain and counts. */
static int
copy_check(struct reg *from, struct reg *to, struct reg_copy_stats *s,
    struct err *e)
{
	int64_t broken, n;
	int t;

	if (evlog_verify(to, &broken, &s->events, e) != 0)
		return -1;
	if (broken != 0)
		return err_set(e, ERR_SYSTEM, NULL, "copy.chain_broken",
		    "event %lld", (long long)broken);
	for (t = 0; t < REG_COPY_TABLES; t++) {
		if (copy_count_rows(to, t, &s->rows[t], e) != 0 ||
		    copy_count_rows(from, t, &n, e) != 0)
			return -1;
		if (n != s->rows[t])
			return err_set(e, ERR_SYSTEM, NULL, "copy.counts_differ",
			    "%s: %lld here, %lld there", copy_tables[t].name,
			    (long long)s->rows[t], (long long)n);
	}
	return 0;
}

int
reg_copy(struct reg *from, struct reg *to, struct reg_copy_stats *s,
    struct err *e)
{
	int64_t rows;
	int t;

	memset(s, 0, sizeof *s);
	if (reg_schema_version(from) != reg_schema_version(to))
		return err_set(e, ERR_SYSTEM, NULL, "copy.failed",
		    "schema %d and %d", reg_schema_version(from),
		    reg_schema_version(to));
	copy_select_sql();
	if (db_begin(to->db, e) != 0)
		return -1;
	if (copy_empty(to, e) != 0)
		goto fail;
	for (t = 0; t < REG_COPY_TABLES; t++) {
		if (copy_table(from, to, t, &rows, e) != 0)
			goto fail;
	}
	if (db_commit(to->db, e) != 0)
		return -1;
	return copy_check(from, to, s, e);
fail:
	db_rollback(to->db);
	return -1;
}
