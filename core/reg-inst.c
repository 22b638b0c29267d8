/*
 * reg-inst.c: the institution register (事业单位登记信息).
 *
 * The register is imported from the registration authority's data (import.c) and
 * read by the application forms: a person at the kiosk types or scans only the
 * credit code, and name, address and legal representative come from here.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "clock.h"
#include "evlog.h"
#include "idcheck.h"
#include "reg-private.h"
#include "text.h"

const char *
reg_inst_level_name(enum inst_level level)
{
	return level == INST_CITY ? "city" : "district";
}

int
reg_inst_level_parse(const char *s, enum inst_level *out)
{
	if (strcmp(s, "city") == 0)
		*out = INST_CITY;
	else if (strcmp(s, "district") == 0)
		*out = INST_DISTRICT;
	else
		return -1;
	return 0;
}

static int
inst_check_text(const char *field, const char *s, size_t max, struct err *e)
{
	const char *key;

	if ((key = text_check(s, 1, max)) != NULL)
		return err_set(e, ERR_INPUT, field, key, NULL);
	return 0;
}

/* 开办资金 in 万元: digits, and at most two after a point. */
static int
inst_capital_ok(const char *s)
{
	size_t digits = strspn(s, "0123456789"), cents;

	if (digits == 0 || digits > 9)
		return 0;
	if (s[digits] == '\0')
		return 1;
	cents = strspn(s + digits + 1, "0123456789");
	return s[digits] == '.' && cents >= 1 && cents <= 2 &&
	    s[digits + 1 + cents] == '\0';
}

/* The validity period: both days or neither, the first not after the last. */
static int
inst_check_period(const struct institution *in, struct err *e)
{
	int64_t from, to;

	if (in->valid_from[0] == '\0' && in->valid_to[0] == '\0')
		return 0;
	if (clock_parse_local_date(in->valid_from, &from) != 0)
		return err_set(e, ERR_INPUT, "valid_from", "inst.bad_date", NULL);
	if (clock_parse_local_date(in->valid_to, &to) != 0)
		return err_set(e, ERR_INPUT, "valid_to", "inst.bad_date", NULL);
	if (from > to)
		return err_set(e, ERR_INPUT, "valid_to", "inst.period_order", NULL);
	return 0;
}

/* The certificate's own text, every part optional: in the order of the
 * columns after status (reg-schema.c's migration 6); free text has chars. */
const struct reg_inst_text reg_inst_texts[REG_INST_NTEXTS] = {
	{ "purpose", offsetof(struct institution, purpose), REG_PURPOSE_SIZE,
	  REG_PURPOSE_CHARS },
	{ "sponsor", offsetof(struct institution, sponsor), REG_INST_NAME_SIZE,
	  REG_INST_NAME_CHARS },
	{ "funding", offsetof(struct institution, funding), REG_FUNDING_SIZE,
	  REG_FUNDING_CHARS },
	{ "capital", offsetof(struct institution, capital), REG_CAPITAL_SIZE, 0 },
	{ "valid_from", offsetof(struct institution, valid_from), REG_DATE_SIZE,
	  0 },
	{ "valid_to", offsetof(struct institution, valid_to), REG_DATE_SIZE, 0 },
};

static int
inst_validate_cert_text(const struct institution *in, struct err *e)
{
	const struct reg_inst_text *t;
	const char *key;
	size_t k;

	for (k = 0; k < REG_INST_NTEXTS; k++) {
		t = &reg_inst_texts[k];
		if (t->chars > 0 && (key = text_check((const char *)in + t->off, 0,
		    t->chars)) != NULL)
			return err_set(e, ERR_INPUT, t->name, key, NULL);
	}
	if (in->capital[0] != '\0' && !inst_capital_ok(in->capital))
		return err_set(e, ERR_INPUT, "capital", "inst.bad_capital", NULL);
	return inst_check_period(in, e);
}

int
reg_inst_validate(const struct institution *in, struct err *e)
{
	const char *key;

	if ((key = idcheck_credit_code(in->credit_code)) != NULL)
		return err_set(e, ERR_INPUT, "credit_code", key, NULL);
	if (inst_check_text("name", in->name, REG_INST_NAME_CHARS, e) != 0 ||
	    inst_check_text("address", in->address, REG_ADDRESS_CHARS, e) != 0)
		return -1;
	if ((key = text_check_name(in->legal_rep_name, 1, REG_PERSON_CHARS)) != NULL)
		return err_set(e, ERR_INPUT, "legal_rep_name", key, NULL);
	if ((key = idcheck_resident_id(in->legal_rep_id, clock_now())) != NULL)
		return err_set(e, ERR_INPUT, "legal_rep_id", key, NULL);
	if ((key = idcheck_mobile(in->legal_rep_phone)) != NULL)
		return err_set(e, ERR_INPUT, "legal_rep_phone", key, NULL);
	return inst_validate_cert_text(in, e);
}

static const char inst_insert_sql[] =
    "INSERT INTO institution (credit_code, name, address, legal_rep_name,"
    " legal_rep_id, legal_rep_phone, level, status, updated_at, purpose, sponsor,"
    " funding, capital, valid_from, valid_to)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
static const char inst_update_sql[] =
    "UPDATE institution SET name = ?2, address = ?3, legal_rep_name = ?4,"
    " legal_rep_id = ?5, legal_rep_phone = ?6, level = ?7, status = ?8,"
    " updated_at = ?9, purpose = ?10, sponsor = ?11, funding = ?12,"
    " capital = ?13, valid_from = ?14, valid_to = ?15 WHERE credit_code = ?1";

static int
inst_bind_run(struct reg *r, const char *sql, const struct institution *in,
    struct err *e)
{
	struct db_stmt *st;
	size_t k;
	int rc;

	if ((st = db_prepare(r->db, sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, in->credit_code);
	db_bind_text(st, 2, in->name);
	db_bind_text(st, 3, in->address);
	db_bind_text(st, 4, in->legal_rep_name);
	db_bind_text(st, 5, in->legal_rep_id);
	db_bind_text(st, 6, in->legal_rep_phone);
	db_bind_text(st, 7, reg_inst_level_name(in->level));
	db_bind_text(st, 8, in->status == INST_ACTIVE ? "active" : "cancelled");
	db_bind_int64(st, 9, clock_now());
	for (k = 0; k < REG_INST_NTEXTS; k++)
		db_bind_text(st, 10 + (int)k, (const char *)in +
		    reg_inst_texts[k].off);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "institution write");
	return 0;
}

int
reg_inst_put_tx(struct reg *r, const struct institution *in, int replace,
    int *added, struct err *e)
{
	if (reg_inst_validate(in, e) != 0)
		return -1;
	if (inst_bind_run(r, inst_update_sql, in, e) != 0)
		return -1;
	*added = db_changes(r->db) == 0;
	if (!*added && !replace)
		return err_set(e, ERR_CONFLICT, "credit_code", "inst.exists", NULL);
	if (*added)
		return inst_bind_run(r, inst_insert_sql, in, e);
	return 0;
}

int
reg_inst_put(struct reg *r, const struct institution *in, int replace,
    const char *actor, struct err *e)
{
	int added;

	if (db_begin(r->db, e) != 0)
		return -1;
	if (reg_inst_put_tx(r, in, replace, &added, e) != 0 ||
	    evlog_append(r, actor, added ? "inst.added" : "inst.updated",
	    in->credit_code, NULL, e) != 0) {
		db_rollback(r->db);
		return -1;
	}
	return db_commit(r->db, e);
}

static void
inst_row(struct db_stmt *st, struct institution *in)
{
	const char *s;
	size_t k;

	db_col_copy(st, 0, in->credit_code, sizeof in->credit_code);
	db_col_copy(st, 1, in->name, sizeof in->name);
	db_col_copy(st, 2, in->address, sizeof in->address);
	db_col_copy(st, 3, in->legal_rep_name, sizeof in->legal_rep_name);
	db_col_copy(st, 4, in->legal_rep_id, sizeof in->legal_rep_id);
	db_col_copy(st, 5, in->legal_rep_phone, sizeof in->legal_rep_phone);
	s = db_col_text(st, 6);
	if (s == NULL || reg_inst_level_parse(s, &in->level) != 0)
		in->level = INST_DISTRICT;
	s = db_col_text(st, 7);
	in->status = s != NULL && strcmp(s, "active") == 0 ? INST_ACTIVE :
	    INST_CANCELLED;
	for (k = 0; k < REG_INST_NTEXTS; k++)
		db_col_copy(st, 8 + (int)k, (char *)in + reg_inst_texts[k].off,
		    reg_inst_texts[k].size);
}

#define INST_COLUMNS "credit_code, name, address, legal_rep_name, legal_rep_id," \
	" legal_rep_phone, level, status, purpose, sponsor, funding, capital," \
	" valid_from, valid_to"
static const char inst_get_sql[] =
    "SELECT " INST_COLUMNS " FROM institution WHERE credit_code = ?1";

/* One institution by code, read by sql (inst_row()'s columns). */
static int
inst_get_by(struct reg *r, const char *sql, const char *code,
    struct institution *in, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, code);
	if ((rc = db_step(st)) == DB_ROW)
		inst_row(st, in);
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "credit_code", "inst.unknown", NULL);
	return db_err(r->db, e, "institution get");
}

/* The columns a form shows, and in inst_row()'s places empty or default
 * values for those a kiosk may not read. */
static const char inst_shown_sql[] =
    "SELECT credit_code, name, address, legal_rep_name, '', '', 'district',"
    " status, '', '', '', '', '', '' FROM institution WHERE credit_code = ?1";

int
reg_inst_get(struct reg *r, const char *code, struct institution *in, struct err *e)
{
	return inst_get_by(r, inst_get_sql, code, in, e);
}

int
reg_inst_shown(struct reg *r, const char *code, struct institution *in,
    struct err *e)
{
	return inst_get_by(r, inst_shown_sql, code, in, e);
}

/* instr() rather than LIKE: the search text is the user's, and LIKE would give
 * its % and _ a meaning the user did not intend. */
static const char inst_search_sql[] =
    "SELECT " INST_COLUMNS " FROM institution"
    " WHERE ?1 IS NULL OR instr(credit_code, ?1) > 0 OR instr(name, ?1) > 0"
    "   OR instr(legal_rep_name, ?1) > 0"
    " ORDER BY credit_code";

int
reg_inst_search(struct reg *r, const char *text, reg_inst_cb cb, void *arg,
    struct err *e)
{
	struct institution in;
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, inst_search_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, text != NULL && *text != '\0' ? text : NULL);
	while ((rc = db_step(st)) == DB_ROW) {
		inst_row(st, &in);
		if (cb(&in, arg) != 0) {
			rc = DB_DONE;
			break;
		}
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_err(r->db, e, "institution search");
	return 0;
}
