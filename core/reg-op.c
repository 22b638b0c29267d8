/*
 * reg-op.c: an operation done once, though its transaction may run twice.
 *
 * When the server is lost at the commit (a primary killed, a standby promoted
 * in its place), the station cannot know whether the commit happened: the
 * reply is what was lost. db_run() runs the transaction again, and without
 * more that would submit an application twice or record one verification
 * twice. So each operation (an application submitted, approved, a claim, a
 * verification recorded) gets a random 128-bit id when the station starts it,
 * and its transaction writes the id, with the operation's result, into the
 * operation table, whose key makes the id unique. A retry looks for its id
 * first: found, the first run committed, and its result is the answer; not
 * found, nothing of it was committed (the row commits with the work or not at
 * all), and the work is done now. The first run does not look: its id was
 * made just now and has never reached a server (a round trip saved on every
 * operation, which on PostgreSQL is a busy counter's scarcest thing). Two stations never share an id (128 random
 * bits), and on SQLite, where no reply is ever lost, the id simply never
 * repeats.
 */
#include "config.h"

#include <sodium.h>

#include "reg-op.h"
#include "reg-private.h"
#include "clock.h"

struct reg_op_tx {
	struct reg	*r;
	struct reg_op	*op;
	int		 runs;		/* of the transaction, so far */
};

static const char op_find_sql[] =
    "SELECT ref, result FROM operation WHERE id = ?1";
static const char op_add_sql[] =
    "INSERT INTO operation (id, kind, ref, result, station, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static int
reg_op_row(struct db_stmt *st, void *arg)
{
	struct reg_op *op = arg;

	op->ref = db_col_int64(st, 0);
	db_col_copy(st, 1, op->result, sizeof op->result);
	op->replayed = 1;
	return 1;
}

/* Sets op->replayed, with ref and result, when an earlier run recorded op. */
static int
reg_op_find(struct reg *r, struct reg_op *op, struct err *e)
{
	struct db_stmt *st;

	if ((st = db_prepare(r->db, op_find_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, op->id);
	return db_rows(st, reg_op_row, op, "operation", e);
}

int
reg_op_record(struct reg *r, struct reg_op *op, struct err *e)
{
	struct db_stmt *st;

	if ((st = db_prepare(r->db, op_add_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, op->id);
	db_bind_text(st, 2, op->kind);
	db_bind_int64(st, 3, op->ref);
	db_bind_text(st, 4, op->result);
	db_bind_text(st, 5, reg_station(r));
	db_bind_int64(st, 6, clock_now());
	if (db_done_later(st, "operation", e) != 0)
		return -1;
	op->recorded = 1;
	return 0;
}

static int
reg_op_tx(void *arg, struct err *e)
{
	struct reg_op_tx *t = arg;
	struct reg_op *op = t->op;

	if (t->runs++ > 0 && reg_op_find(t->r, op, e) != 0)
		return -1;
	if (op->replayed)
		return 0;
	op->ref = 0;
	op->result[0] = '\0';
	op->recorded = 0;
	if (op->run(t->r, op, op->arg, e) != 0)
		return -1;
	return op->recorded ? 0 : reg_op_record(t->r, op, e);
}

int
reg_op_do(struct reg *r, struct reg_op *op, const char *kind,
    int (*run)(struct reg *, struct reg_op *, void *, struct err *), void *arg,
    struct err *e)
{
	struct reg_op_tx t = { r, op, 0 };
	unsigned char id[16];

	randombytes_buf(id, sizeof id);
	sodium_bin2hex(op->id, sizeof op->id, id, sizeof id);
	op->kind = kind;
	op->run = run;
	op->arg = arg;
	op->replayed = 0;
	return db_run(r->db, reg_op_tx, &t, e);
}
