/*
 * db-pg.c: db.h over PostgreSQL through libpq, for many halls on one registry.
 *
 * The target is a libpq URI, passed to libpq as it is: several hosts and
 * target_session_attrs=read-write work as libpq documents them, and passwords
 * come from ~/.pgpass, $PGPASSFILE or client certificates, never from us.
 *
 * Every difference between the dialects the registry's SQL meets is here:
 *   - parameters: the shared SQL's ?N become $N, once, when a statement is
 *     prepared (outside quotes and comments);
 *   - parameter types: sent as bound (int8, text, bytea; NULL as unknown), so
 *     that "?2 = 0 OR at < ?2" is not read as a 32-bit integer; a statement is
 *     prepared again if a later run binds a different type;
 *   - results come as text: integers parsed, booleans t/f read as 1/0, bytea
 *     hex-decoded per column;
 *   - DDL run through db_exec() has SQLite's type words read as PostgreSQL's
 *     (db_pg_ddl()), and text columns compare byte by byte (COLLATE "C") as
 *     SQLite's do, whatever the database's locale;
 *   - the schema version is a one-row table, jsd_schema; schema changes take a
 *     transaction-level advisory lock, which works before any table exists.
 *
 * Statements handed to db_done_later() wait, bound, and go to the server with
 * the next one, in one round trip (libpq's pipeline mode): inside a
 * transaction nobody needs an insert's answer before the next statement's.
 * A batch of verifications is then BEGIN, its records with the chain's lock
 * and the read of the tip, and its events with the commit: three round trips
 * instead of seven, two of them under the chain's lock instead of four. Any
 * other use of the connection sends what waits first.
 *
 * A broken connection is reset at the next statement outside a transaction
 * (libpq then tries every host of the URI again, and with
 * target_session_attrs=read-write takes the one that is primary now). A
 * write is never retried here: whether and how long to try again is
 * db_run()'s (db.c), which runs the whole transaction again, and an
 * operation's id (reg-op.c) is what makes that safe when the reply was lost.
 * A read outside a transaction is another matter: running it twice changes
 * nothing, so when the connection is lost before its result came it is
 * reconnected, prepared and run again here, with db.c's pauses and window
 * (db_retry_read()), and the station's checks and lookups carry on through
 * a failover instead of failing once as unreachable. The server clock's
 * query is such a read too.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libpq-fe.h>

#include "db-private.h"

/* Type OIDs of the parameters we send (pg_type.h is a server header). */
#define DB_PG_BYTEA	17
#define DB_PG_INT8	20
#define DB_PG_INT2	21
#define DB_PG_INT4	23
#define DB_PG_TEXT	25

/* The protocol's limit (a 16-bit count): db_insert_rows() binds up to
 * DB_ROWS_MAX rows' worth. */
#define DB_PG_MAX_PARAMS	65535

/* Writes that may wait to go with the next statement (db_done_later()). */
#define DB_PG_LATER	8

/* Any number, the same in every program: the schema lock's advisory key. */
#define DB_PG_SCHEMA_LOCK	"74657317"

struct db_pg_stmt {
	struct db_stmt	 s;		/* first: db.c sees this */
	char		 name[24];	/* the server's name for it */
	char		*sql;		/* with $N */
	int		 nparams;
	int		 prepared;
	int		 reads;		/* only reads (db_pg_reads_only()) */
	Oid		*types;		/* as prepared */
	Oid		*bound;		/* as bound for this run */
	char		**values;
	int		*lengths;
	int		*formats;
	PGresult	*res;
	int		 row;		/* the current row, -1 before the first */
	unsigned char	**blobs;	/* decoded bytea of the current row */
	size_t		*blob_len;
	int		 ncols;
};

struct db_pg {
	struct db	 db;		/* first: db.c sees this */
	PGconn		*conn;
	int64_t		 changes;
	unsigned	 next_name;
	struct db_pg_stmt *later[DB_PG_LATER];	/* wait to go with the next */
	int		 nlater;
	int		 lost;		/* the last failure lost it */
};

static PGconn *
db_pg_conn(struct db *db)
{
	return ((struct db_pg *)db)->conn;
}

/* Whether a failure lost the connection. libpq does not always say so in
 * its status: a query sent on a socket the server closed fails with "server
 * closed the connection unexpectedly" and the status still CONNECTION_OK. So
 * also a failure of libpq's own (no SQLSTATE: the server said nothing), a
 * connection exception (08xxx), or a server shutting down or starting
 * (57P01-57P03). */
static int
db_pg_lost(struct db *db, const char *state)
{
	return PQstatus(db_pg_conn(db)) != CONNECTION_OK || state == NULL ||
	    strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
	    strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0;
}

/* Records a failed result: constraint classes (23xxx) are conflicts, 42501 a
 * privilege the role lacks. */
static int
db_pg_fail(struct db *db, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : "";

	if (msg == NULL || *msg == '\0')
		msg = PQerrorMessage(db_pg_conn(db));
	db_failed(db, msg, state != NULL && strncmp(state, "23", 2) == 0,
	    state != NULL && strcmp(state, "42501") == 0);
	db->down = db_pg_lost(db, state);
	((struct db_pg *)db)->lost = db->down;
	return -1;
}

static int db_pg_sync_later(struct db *);
static int db_pg_waiting(const struct db_pg *, const struct db_pg_stmt *);

/* Runs one command without parameters; 0 when it did what it says. */
static int
db_pg_command(struct db *db, const char *sql)
{
	PGresult *res;
	ExecStatusType st;
	int rc = 0;

	if (db_pg_sync_later(db) != 0)
		return -1;
	res = PQexec(db_pg_conn(db), sql);
	st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		rc = db_pg_fail(db, res);
	PQclear(res);
	return rc;
}

static void db_pg_reset(struct db_stmt *);

/* The waiting statement is not sent: its transaction is being given up. */
static void
db_pg_drop_later(struct db *db)
{
	struct db_pg *p = (struct db_pg *)db;

	int i;

	for (i = 0; i < p->nlater; i++)
		db_pg_reset(&p->later[i]->s);
	p->nlater = 0;
}

static void
db_pg_close(struct db *db)
{
	db_pg_drop_later(db);
	PQfinish(db_pg_conn(db));
	free(db);
}

static int db_pg_version(struct db *);

/* Server notices are not for a kiosk's screen or a script's stderr (libpq
 * would print them there); what matters reaches us as an error. */
static void
db_pg_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

/*
 * Every connection's defaults for a link that is lost rather than refused (a
 * cable out, a router down: packets dropped, nobody answering), which libpq
 * leaves to the kernel: minutes to give up connecting, some 15 minutes for a
 * query already sent. A URI's own value of any of them wins (the target is
 * the last dbname, expanded: later keywords override earlier ones).
 *   - connect_timeout 5 s: a server on the city's network answers in far
 *     less; per host of the URI, so a dead first host costs 5 s.
 *   - keepalives after 10 s idle, every 5 s, 3 unanswered: a connection
 *     waiting for an answer is known dead in about 25 s. A live server's
 *     kernel answers keepalives however long its query runs, so a long
 *     report is not cut.
 *   - tcp_user_timeout 10 s: data sent and not acknowledged for 10 s. Only
 *     unacknowledged data counts, and a live server's kernel acknowledges at
 *     once whatever the query costs.
 * Each is below the retry window (db_retry, 30 s), so a lost link is found
 * within it, not after.
 */
static const char *const db_pg_keys[] = {
	"connect_timeout", "keepalives", "keepalives_idle",
	"keepalives_interval", "keepalives_count", "tcp_user_timeout",
	"dbname", NULL
};
static const char *const db_pg_defaults[] = {
	"5", "1", "10", "5", "3", "10000"
};

static PGconn *
db_pg_connect(const char *target)
{
	const char *values[sizeof db_pg_keys / sizeof db_pg_keys[0]];
	size_t i;

	for (i = 0; i < sizeof db_pg_defaults / sizeof db_pg_defaults[0]; i++)
		values[i] = db_pg_defaults[i];
	values[i++] = target;
	values[i] = NULL;
	return PQconnectdbParams(db_pg_keys, values, 1);
}

int
db_pg_option(struct db *db, const char *keyword, char *buf, size_t len)
{
	PQconninfoOption *opts = PQconninfo(db_pg_conn(db)), *o;
	int rc = -1;

	for (o = opts; o != NULL && o->keyword != NULL; o++) {
		if (strcmp(o->keyword, keyword) == 0 && o->val != NULL) {
			rc = snprintf(buf, len, "%s", o->val) < (int)len ? 0 : -1;
			break;
		}
	}
	PQconninfoFree(opts);
	return rc;
}

static int
db_pg_open(struct db **out, const char *target, int *created, struct err *e)
{
	struct db_pg *p;
	int v;

	if ((p = calloc(1, sizeof *p)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
	p->conn = db_pg_connect(target);
	if (p->conn == NULL || PQstatus(p->conn) != CONNECTION_OK) {
		/* libpq's message names the host, never the password. */
		db_failed(&p->db, p->conn ? PQerrorMessage(p->conn) : "no memory",
		    0, 0);
		err_set(e, ERR_SYSTEM, NULL, "reg.open_failed", "%s", p->db.msg);
		db_pg_close(&p->db);
		return -1;
	}
	PQsetNoticeProcessor(p->conn, db_pg_notice, NULL);
	if (PQsetClientEncoding(p->conn, "UTF8") != 0 ||
	    db_pg_command(&p->db, "SET client_min_messages = warning") != 0 ||
	    /* The registry's queries are short, but the planner's estimate for
	     * a day's expired claim QRs (report.c) passes jit_above_cost: the
	     * compiling took 66 ms of 247 over 10 million events. */
	    db_pg_command(&p->db, "SET jit = off") != 0 ||
	    (v = db_pg_version(&p->db)) < 0) {
		err_set(e, ERR_SYSTEM, NULL, "reg.open_failed", "%s", p->db.msg);
		db_pg_close(&p->db);
		return -1;
	}
	*created = v == 0;
	*out = &p->db;
	db_retry_found();
	return 0;
}

/* Copies the quoted string or identifier at sql[*i] to out[*o] as it is,
 * quotes and all (to the end of sql if it is never closed): what is quoted
 * is neither a parameter nor a word to rewrite. */
static void
db_pg_copy_quoted(const char *sql, size_t n, size_t *i, char *out, size_t *o)
{
	char quote = sql[*i];

	out[(*o)++] = sql[(*i)++];
	while (*i < n && sql[*i] != quote)
		out[(*o)++] = sql[(*i)++];
	if (*i < n)
		out[(*o)++] = sql[(*i)++];
}

/* The shared SQL with ?N as $N; *nparams the highest N. Quotes and comments
 * are copied as they are. */
static char *
db_pg_rewrite(const char *sql, int *nparams)
{
	size_t n = strlen(sql), i = 0, o = 0;
	char *out = malloc(n + 1);
	long num;

	*nparams = 0;
	if (out == NULL)
		return NULL;
	while (i < n) {
		if (sql[i] == '\'' || sql[i] == '"') {
			db_pg_copy_quoted(sql, n, &i, out, &o);
		} else if (sql[i] == '-' && sql[i + 1] == '-') {
			while (i < n && sql[i] != '\n')
				out[o++] = sql[i++];
		} else if (sql[i] == '?' && isdigit((unsigned char)sql[i + 1])) {
			out[o++] = '$';
			num = strtol(sql + i + 1, NULL, 10);
			if (num > *nparams && num <= DB_PG_MAX_PARAMS)
				*nparams = (int)num;
			i++;
		} else if (sql[i] == '?') {
			free(out);	/* an unnumbered ? has no place in our SQL */
			return NULL;
		} else {
			out[o++] = sql[i++];
		}
	}
	out[o] = '\0';
	return out;
}

/*
 * Whether sql only reads, so that running it again after a lost reply is
 * harmless: decided from the text, the one thing every statement has, rather
 * than marked by each of the registry's many readers. It must begin with
 * SELECT or WITH and have none of the words that make such a statement write
 * or lock: a data-modifying WITH (INSERT, UPDATE, DELETE, MERGE), a row lock
 * (FOR [NO KEY] UPDATE, FOR [KEY] SHARE), SELECT INTO (a new table), a
 * sequence moved. A false "writes" only costs a retry. The one way a SELECT
 * can still write is a function that writes (jsd_staff_login(),
 * reg-guard.c): such a call runs inside a transaction, which no statement
 * retry touches (db_retry_read()).
 */
static const char *const db_pg_writing[] = {
	"insert", "update", "delete", "merge", "share", "into", "nextval",
	"setval",
};

/* Whether the len bytes at word are the word w, in any case. */
static int
db_pg_word_is(const char *word, size_t len, const char *w)
{
	return strlen(w) == len && strncasecmp(word, w, len) == 0;
}

static int
db_pg_writes(const char *word, size_t len)
{
	size_t w;

	for (w = 0; w < sizeof db_pg_writing / sizeof db_pg_writing[0]; w++) {
		if (db_pg_word_is(word, len, db_pg_writing[w]))
			return 1;
	}
	return 0;
}

static int
db_pg_reads_only(const char *sql)
{
	size_t i = 0, len;
	int first = 1;
	char quote;

	while (sql[i] != '\0') {
		if (sql[i] == '\'' || sql[i] == '"') {
			quote = sql[i++];
			while (sql[i] != '\0' && sql[i] != quote)
				i++;
			i += sql[i] != '\0';
		} else if (sql[i] == '-' && sql[i + 1] == '-') {
			while (sql[i] != '\0' && sql[i] != '\n')
				i++;
		} else if (isalpha((unsigned char)sql[i]) || sql[i] == '_') {
			for (len = 1; isalnum((unsigned char)sql[i + len]) ||
			    sql[i + len] == '_'; len++)
				;
			if (first ? !db_pg_word_is(sql + i, len, "select") &&
			    !db_pg_word_is(sql + i, len, "with") :
			    db_pg_writes(sql + i, len))
				return 0;
			first = 0;
			i += len;
		} else {
			i++;
		}
	}
	return !first;
}

static void
db_pg_clear_row(struct db_pg_stmt *s)
{
	int i;

	for (i = 0; s->blobs != NULL && i < s->ncols; i++) {
		PQfreemem(s->blobs[i]);
		s->blobs[i] = NULL;
	}
}

static void
db_pg_clear_result(struct db_pg_stmt *s)
{
	db_pg_clear_row(s);
	free(s->blobs);
	free(s->blob_len);
	s->blobs = NULL;
	s->blob_len = NULL;
	s->ncols = 0;
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
}

static void
db_pg_reset(struct db_stmt *st)
{
	struct db_pg_stmt *s = (struct db_pg_stmt *)st;
	int i;

	db_pg_clear_result(s);
	for (i = 0; i < s->nparams; i++) {
		free(s->values[i]);
		s->values[i] = NULL;
		s->bound[i] = 0;
		s->lengths[i] = 0;
		s->formats[i] = 0;
	}
}

static void
db_pg_finalize(struct db_stmt *st)
{
	struct db_pg_stmt *s = (struct db_pg_stmt *)st;
	char sql[64];

	if (db_pg_waiting((struct db_pg *)st->db, s))
		(void)db_pg_sync_later(st->db);	/* its failure is kept */
	db_pg_reset(st);
	if (s->prepared && PQstatus(db_pg_conn(st->db)) == CONNECTION_OK) {
		snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
		PQclear(PQexec(db_pg_conn(st->db), sql));
	}
	free(s->sql);
	free(s->types);
	free(s->bound);
	free(s->values);
	free(s->lengths);
	free(s->formats);
	free(s);
}

static struct db_stmt *
db_pg_prepare(struct db *db, const char *sql)
{
	struct db_pg *p = (struct db_pg *)db;
	struct db_pg_stmt *s;
	size_t n;

	if ((s = calloc(1, sizeof *s)) == NULL)
		goto nomem;
	s->s.db = db;
	s->row = -1;
	s->reads = db_pg_reads_only(sql);
	if ((s->sql = db_pg_rewrite(sql, &s->nparams)) == NULL) {
		free(s);
		db_failed(db, "a query with an unnumbered parameter", 0, 0);
		return NULL;
	}
	n = s->nparams > 0 ? (size_t)s->nparams : 1;
	s->types = calloc(n, sizeof *s->types);
	s->bound = calloc(n, sizeof *s->bound);
	s->values = calloc(n, sizeof *s->values);
	s->lengths = calloc(n, sizeof *s->lengths);
	s->formats = calloc(n, sizeof *s->formats);
	snprintf(s->name, sizeof s->name, "jsd%u", p->next_name++);
	if (s->types == NULL || s->bound == NULL || s->values == NULL ||
	    s->lengths == NULL || s->formats == NULL) {
		db_pg_finalize(&s->s);
		goto nomem;
	}
	return &s->s;
nomem:
	db_failed(db, "out of memory", 0, 0);
	return NULL;
}

static int
db_pg_bind(struct db_stmt *st, int i, Oid type, const void *v, size_t len,
    int binary)
{
	struct db_pg_stmt *s = (struct db_pg_stmt *)st;
	char *copy = NULL;

	if (i < 1 || i > s->nparams) {
		db_failed(st->db, "bind: no such parameter", 0, 0);
		return -1;
	}
	if (db_pg_waiting((struct db_pg *)st->db, s) &&
	    db_pg_sync_later(st->db) != 0)
		return -1;
	if (v != NULL) {
		if ((copy = malloc(len + 1)) == NULL) {
			db_failed(st->db, "out of memory", 0, 0);
			return -1;
		}
		memcpy(copy, v, len);
		copy[len] = '\0';
	}
	free(s->values[i - 1]);
	s->values[i - 1] = copy;
	s->lengths[i - 1] = (int)len;
	s->formats[i - 1] = binary;
	s->bound[i - 1] = type;
	return 0;
}

static int
db_pg_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	char buf[24];
	int n = snprintf(buf, sizeof buf, "%lld", (long long)v);

	return db_pg_bind(st, i, DB_PG_INT8, buf, (size_t)n, 0);
}

static int
db_pg_bind_text(struct db_stmt *st, int i, const char *v)
{
	return db_pg_bind(st, i, DB_PG_TEXT, v, v ? strlen(v) : 0, 0);
}

static int
db_pg_bind_blob(struct db_stmt *st, int i, const void *v, size_t len)
{
	/* A zero-length blob is bytes, not NULL. */
	return db_pg_bind(st, i, DB_PG_BYTEA, v ? v : "", len, 1);
}

static int
db_pg_bind_null(struct db_stmt *st, int i)
{
	return db_pg_bind(st, i, 0, NULL, 0, 0);
}

/* After a lost connection: libpq connects again (to whichever host of the URI
 * now accepts writes), and the server has forgotten our statements. */
static void
db_pg_recover(struct db *db)
{
	struct db_pg *p = (struct db_pg *)db;
	size_t i;

	if ((PQstatus(p->conn) == CONNECTION_OK && !p->lost) || db->in_tx)
		return;
	p->lost = 0;
	PQreset(p->conn);
	if (PQstatus(p->conn) == CONNECTION_OK)
		db_retry_found();
	for (i = 0; i < db->nstmts; i++)
		((struct db_pg_stmt *)db->stmts[i])->prepared = 0;
}

/* Prepares on the server with the types bound now, merged with those it was
 * prepared with, so that types only get more precise. */
static int
db_pg_server_prepare(struct db_pg_stmt *s)
{
	struct db *db = s->s.db;
	PGresult *res;
	char sql[64];
	int i, again = !s->prepared;

	for (i = 0; i < s->nparams; i++) {
		if (s->bound[i] != 0 && s->bound[i] != s->types[i]) {
			s->types[i] = s->bound[i];
			again = 1;
		}
	}
	if (!again)
		return 0;
	if (db_pg_sync_later(db) != 0)
		return -1;
	if (s->prepared) {
		snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
		if (db_pg_command(db, sql) != 0)
			return -1;
		s->prepared = 0;
	}
	res = PQprepare(db_pg_conn(db), s->name, s->sql, s->nparams, s->types);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		db_pg_fail(db, res);
		PQclear(res);
		return -1;
	}
	PQclear(res);
	s->prepared = 1;
	return 0;
}

static PGresult *
db_pg_exec_stmt(PGconn *c, struct db_pg_stmt *s)
{
	return PQexecPrepared(c, s->name, s->nparams,
	    (const char *const *)s->values, s->lengths, s->formats, 0);
}

static int
db_pg_send_stmt(PGconn *c, struct db_pg_stmt *s)
{
	return PQsendQueryPrepared(c, s->name, s->nparams,
	    (const char *const *)s->values, s->lengths, s->formats, 0);
}

/* A waiting statement's result: 0, or -1 with the failure kept. */
static int
db_pg_later_done(struct db *db, PGresult *res)
{
	ExecStatusType st = PQresultStatus(res);

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return 0;
	return db_pg_fail(db, res);
}

/* The results of a pipeline of n statements, in got[], up to its sync; a
 * lost connection ends it early (what is missing stays NULL). */
static void
db_pg_pipeline_results(PGconn *c, PGresult **got, int n)
{
	PGresult *r;
	int k = 0, nulls = 0;

	/* Each statement's result is followed by a NULL, then the sync's. */
	while ((r = PQgetResult(c)) != NULL || ++nulls < 2) {
		if (r == NULL)
			continue;
		nulls = 0;
		if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			break;
		}
		if (k < n)
			got[k++] = r;
		else
			PQclear(r);
	}
	PQexitPipelineMode(c);
}

/* Sends what waits, then next, then COMMIT when commit is set, in one round
 * trip; *res (when res is not NULL) gets the last one's result. -1 when a
 * waiting one failed (its failure kept: what came after it was not run). */
static int
db_pg_pipeline(struct db_pg *p, struct db_pg_stmt *next, int commit,
    PGresult **res)
{
	PGresult *got[DB_PG_LATER + 1] = { NULL };
	int i, n = p->nlater, sent = 1, rc = 0;

	if (PQenterPipelineMode(p->conn) == 1) {
		/* Synced whatever was sent, so that every result comes. */
		for (i = 0; i < n && sent; i++)
			sent = db_pg_send_stmt(p->conn, p->later[i]) == 1;
		if (sent && next != NULL)
			(void)db_pg_send_stmt(p->conn, next);
		else if (sent && commit)
			(void)PQsendQueryParams(p->conn, "COMMIT", 0, NULL, NULL,
			    NULL, NULL, 0);
		PQpipelineSync(p->conn);
		db_pg_pipeline_results(p->conn, got, n + 1);
	}
	for (i = 0; i < n; i++) {
		if (rc == 0)
			rc = db_pg_later_done(&p->db, got[i]);
		PQclear(got[i]);
		db_pg_reset(&p->later[i]->s);
	}
	p->nlater = 0;
	if (rc == 0 && res != NULL)
		*res = got[n];
	else
		PQclear(got[n]);
	return rc;
}

/* Sends what waits alone, if anything does. */
static int
db_pg_sync_later(struct db *db)
{
	struct db_pg *p = (struct db_pg *)db;

	return p->nlater == 0 ? 0 : db_pg_pipeline(p, NULL, 0, NULL);
}

static int
db_pg_waiting(const struct db_pg *p, const struct db_pg_stmt *s)
{
	int i;

	for (i = 0; i < p->nlater; i++) {
		if (p->later[i] == s)
			return 1;
	}
	return 0;
}

/* Keeps s, bound, to go with the next statement. */
static int
db_pg_later(struct db_stmt *st)
{
	struct db_pg_stmt *s = (struct db_pg_stmt *)st;
	struct db_pg *p = (struct db_pg *)st->db;

	if ((p->nlater == DB_PG_LATER || db_pg_waiting(p, s)) &&
	    db_pg_sync_later(st->db) != 0)
		return -1;
	if (db_pg_server_prepare(s) != 0)
		return -1;
	p->later[p->nlater++] = s;
	return 0;
}

static int
db_pg_run_once(struct db_pg_stmt *s)
{
	struct db_pg *p = (struct db_pg *)s->s.db;
	const char *cmd;
	ExecStatusType st;

	db_pg_recover(&p->db);
	if (db_pg_server_prepare(s) != 0)
		return -1;
	if (p->nlater == 0)
		s->res = db_pg_exec_stmt(p->conn, s);
	else if (db_pg_pipeline(p, s, 0, &s->res) != 0)
		return -1;
	st = PQresultStatus(s->res);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		db_pg_fail(&p->db, s->res);
		db_pg_clear_result(s);
		return -1;
	}
	cmd = PQcmdStatus(s->res);
	if (strncmp(cmd, "INSERT", 6) == 0 || strncmp(cmd, "UPDATE", 6) == 0 ||
	    strncmp(cmd, "DELETE", 6) == 0)
		p->changes = strtoll(PQcmdTuples(s->res), NULL, 10);
	s->ncols = PQnfields(s->res);
	if (s->ncols > 0) {
		s->blobs = calloc((size_t)s->ncols, sizeof *s->blobs);
		s->blob_len = calloc((size_t)s->ncols, sizeof *s->blob_len);
		if (s->blobs == NULL || s->blob_len == NULL) {
			db_failed(&p->db, "out of memory", 0, 0);
			db_pg_clear_result(s);
			return -1;
		}
	}
	return 0;
}

/* Runs s; a read outside a transaction again after a lost connection. */
static int
db_pg_run(struct db_pg_stmt *s)
{
	struct db_retry rt;

	db_retry_start(&rt);
	while (db_pg_run_once(s) != 0) {
		if (!s->reads || !db_retry_read(s->s.db, &rt))
			return -1;
	}
	return 0;
}

static int
db_pg_step(struct db_stmt *st)
{
	struct db_pg_stmt *s = (struct db_pg_stmt *)st;

	if (s->res == NULL && db_pg_run(s) != 0)
		return DB_ERROR;
	db_pg_clear_row(s);
	if (s->row + 1 >= PQntuples(s->res)) {
		s->row = PQntuples(s->res);
		return DB_DONE;
	}
	s->row++;
	return DB_ROW;
}

static int
db_pg_has(struct db_pg_stmt *s, int i)
{
	return s->res != NULL && s->row >= 0 && s->row < PQntuples(s->res) &&
	    i >= 0 && i < s->ncols && !PQgetisnull(s->res, s->row, i);
}

static const char *
db_pg_col_text(struct db_stmt *st, int i)
{
	struct db_pg_stmt *s = (struct db_pg_stmt *)st;

	return db_pg_has(s, i) ? PQgetvalue(s->res, s->row, i) : NULL;
}

static int64_t
db_pg_col_int64(struct db_stmt *st, int i)
{
	const char *v = db_pg_col_text(st, i);

	if (v == NULL)
		return 0;
	if (v[0] == 't' || v[0] == 'f')		/* a boolean, as SQLite's 1/0 */
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

static const void *
db_pg_col_blob(struct db_stmt *st, int i, size_t *len)
{
	struct db_pg_stmt *s = (struct db_pg_stmt *)st;
	const char *v;

	*len = 0;
	if (!db_pg_has(s, i))
		return NULL;
	if (s->blobs[i] == NULL) {
		v = PQgetvalue(s->res, s->row, i);
		if (PQftype(s->res, i) != DB_PG_BYTEA) {
			/* Text read as bytes, as SQLite does. */
			*len = strlen(v);
			return v;
		}
		s->blobs[i] = PQunescapeBytea((const unsigned char *)v,
		    &s->blob_len[i]);
		if (s->blobs[i] == NULL)
			return NULL;
	}
	*len = s->blob_len[i];
	return s->blobs[i];
}

static int
db_pg_col_count(struct db_stmt *st)
{
	return ((struct db_pg_stmt *)st)->ncols;
}

static enum db_type
db_pg_col_type(struct db_stmt *st, int i)
{
	struct db_pg_stmt *s = (struct db_pg_stmt *)st;

	if (!db_pg_has(s, i))
		return DB_NULL;
	switch (PQftype(s->res, i)) {
	case DB_PG_INT8:
	case DB_PG_INT4:
	case DB_PG_INT2:
		return DB_INTEGER;
	case DB_PG_BYTEA:
		return DB_BLOB;
	default:
		return DB_TEXT;
	}
}

static int
db_pg_ids_follow(struct db *db, const char *table)
{
	char sql[256], *q;

	/* table is one of ours, never input: still quoted as an identifier. */
	if ((q = PQescapeIdentifier(db_pg_conn(db), table, strlen(table))) == NULL) {
		db_failed(db, PQerrorMessage(db_pg_conn(db)), 0, 0);
		return -1;
	}
	snprintf(sql, sizeof sql, "SELECT setval(pg_get_serial_sequence('%s', 'id'),"
	    " COALESCE(max(id), 0) + 1, false) FROM %s", table, q);
	PQfreemem(q);
	return db_pg_command(db, sql);
}

static int64_t
db_pg_changes(struct db *db)
{
	return ((struct db_pg *)db)->changes;
}

/* SQLite's DDL words as PostgreSQL's: a rowid key becomes an identity, 64-bit
 * integers, bytea, and text compared byte by byte. Whole upper-case words
 * outside quotes only; our DDL writes types that way and nothing else so. */
static const struct {
	const char	*from, *to;
} db_pg_words[] = {
	{ "INTEGER PRIMARY KEY",
	  "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
	{ "INTEGER", "BIGINT" },
	{ "BLOB", "BYTEA" },
	{ "TEXT", "TEXT COLLATE \"C\"" },
};

static int
db_pg_word_at(const char *sql, size_t i, const char *w)
{
	size_t n = strlen(w);

	return strncmp(sql + i, w, n) == 0 &&
	    (i == 0 || !(isalnum((unsigned char)sql[i - 1]) || sql[i - 1] == '_')) &&
	    !(isalnum((unsigned char)sql[i + n]) || sql[i + n] == '_');
}

static char *
db_pg_ddl(const char *sql)
{
	size_t n = strlen(sql), i = 0, o = 0, w;
	char *out = malloc(n * 6 + 1);

	if (out == NULL)
		return NULL;
	while (i < n) {
		if (sql[i] == '\'' || sql[i] == '"') {
			db_pg_copy_quoted(sql, n, &i, out, &o);
			continue;
		}
		for (w = 0; w < sizeof db_pg_words / sizeof db_pg_words[0]; w++) {
			if (db_pg_word_at(sql, i, db_pg_words[w].from))
				break;
		}
		if (w < sizeof db_pg_words / sizeof db_pg_words[0]) {
			strcpy(out + o, db_pg_words[w].to);
			o += strlen(db_pg_words[w].to);
			i += strlen(db_pg_words[w].from);
		} else {
			out[o++] = sql[i++];
		}
	}
	out[o] = '\0';
	return out;
}

static int
db_pg_exec(struct db *db, const char *sql)
{
	char *ddl;
	int rc;

	db_pg_recover(db);
	if ((ddl = db_pg_ddl(sql)) == NULL) {
		db_failed(db, "out of memory", 0, 0);
		return -1;
	}
	rc = db_pg_command(db, ddl);
	free(ddl);
	return rc;
}

static int
db_pg_begin(struct db *db, enum db_begin_kind kind)
{
	db_pg_recover(db);
	if (kind == DB_BEGIN_SNAPSHOT)
		return db_pg_command(db,
		    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
	if (db_pg_command(db, "BEGIN") != 0)
		return -1;
	if (kind == DB_BEGIN_SCHEMA && db_pg_command(db,
	    "SELECT pg_advisory_xact_lock(" DB_PG_SCHEMA_LOCK ")") != 0) {
		db_pg_command(db, "ROLLBACK");
		return -1;
	}
	return 0;
}

static int
db_pg_commit(struct db *db)
{
	struct db_pg *p = (struct db_pg *)db;
	PGresult *res = NULL;
	int rc = 0;

	if (p->nlater == 0)
		res = PQexec(p->conn, "COMMIT");
	else if (db_pg_pipeline(p, NULL, 1, &res) != 0)
		return -1;

	/* COMMIT of a transaction that failed earlier answers ROLLBACK. */
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = db_pg_fail(db, res);
	else if (strcmp(PQcmdStatus(res), "COMMIT") != 0) {
		db_failed(db, "the transaction was rolled back", 0, 0);
		rc = -1;
	}
	PQclear(res);
	return rc;
}

static void
db_pg_rollback(struct db *db)
{
	db_pg_drop_later(db);
	if (PQstatus(db_pg_conn(db)) == CONNECTION_OK)
		PQclear(PQexec(db_pg_conn(db), "ROLLBACK"));
}

/* The integer in the first column of sql's one row, into *v (0 for NULL). */
static int
db_pg_int(struct db *db, const char *sql, int64_t *v)
{
	PGresult *res;

	if (db_pg_sync_later(db) != 0)
		return -1;
	res = PQexec(db_pg_conn(db), sql);

	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
		db_pg_fail(db, res);
		PQclear(res);
		return -1;
	}
	*v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return 0;
}

static int
db_pg_version(struct db *db)
{
	int64_t v = -1;

	db_pg_recover(db);
	/* A scan of the catalog, not to_regclass(): a backend that looked the
	 * name up before another created the table may still have "no such
	 * table" cached; opening pg_class makes it read what others committed
	 * (this is what lets the schema lock's second holder see the first's
	 * work). */
	if (db_pg_int(db, "SELECT -count(*) FROM pg_catalog.pg_tables"
	    " WHERE schemaname = current_schema() AND tablename = 'jsd_schema'",
	    &v) != 0)
		return -1;
	if (v == 0)
		return 0;
	if (db_pg_int(db, "SELECT max(version) FROM jsd_schema", &v) != 0)
		return -1;
	return (int)v;
}

/* A read: run again after a lost connection, as db_pg_run() does. */
static int
db_pg_server_time(struct db *db, int64_t *now)
{
	struct db_retry rt;

	db_retry_start(&rt);
	for (;;) {
		db_pg_recover(db);
		if (db_pg_int(db, "SELECT floor(extract(epoch FROM"
		    " clock_timestamp()))::bigint", now) == 0)
			return 0;
		if (!db_retry_read(db, &rt))
			return -1;
	}
}

static int
db_pg_set_version(struct db *db, int v)
{
	char sql[160];

	snprintf(sql, sizeof sql, "CREATE TABLE IF NOT EXISTS jsd_schema"
	    " (version BIGINT NOT NULL); DELETE FROM jsd_schema;"
	    " INSERT INTO jsd_schema VALUES (%d)", v);
	return db_pg_command(db, sql);
}

const struct db_engine db_pg_engine = {
	.name = "postgresql",
	.remote = 1,
	.open = db_pg_open,
	.close = db_pg_close,
	.prepare = db_pg_prepare,
	.finalize = db_pg_finalize,
	.reset = db_pg_reset,
	.bind_int64 = db_pg_bind_int64,
	.bind_text = db_pg_bind_text,
	.bind_blob = db_pg_bind_blob,
	.bind_null = db_pg_bind_null,
	.step = db_pg_step,
	.later = db_pg_later,
	.col_int64 = db_pg_col_int64,
	.col_text = db_pg_col_text,
	.col_blob = db_pg_col_blob,
	.col_count = db_pg_col_count,
	.col_type = db_pg_col_type,
	.ids_follow = db_pg_ids_follow,
	.changes = db_pg_changes,
	.exec = db_pg_exec,
	.begin = db_pg_begin,
	.commit = db_pg_commit,
	.rollback = db_pg_rollback,
	.server_time = db_pg_server_time,
	.version = db_pg_version,
	.set_version = db_pg_set_version,
};
