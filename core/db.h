/*
 * db.h: the registry's statement layer, the one seam between the registry's files
 * and a database engine.
 *
 * The registry files (reg*.c, cert*.c, evlog.c, import.c, report.c) talk to the
 * database only through these functions. Two engines stand behind them: SQLite
 * (db-sqlite.c, a file: one hall, one host) and PostgreSQL (db-pg.c, through
 * libpq: the city). Nothing engine-specific crosses this header.
 *
 * SQL is written once, in the dialect both engines read:
 *   - parameters are numbered, ?1 ?2 ...; a number may appear more than once;
 *   - a new row's id comes back with INSERT ... RETURNING id (step gives a row);
 *   - upserts are INSERT ... ON CONFLICT (...) DO ...;
 *   - integers are 64-bit, text is UTF-8 compared byte by byte, blobs are bytes;
 *   - no "LIMIT -1": bind DB_NO_LIMIT for no limit.
 * Where the engines differ (schema version, schema changes' lock, DDL type
 * names) the difference lives behind a function here or in db-pg.c's one
 * rewrite of type names, never in a query.
 *
 * Statements are prepared once per connection and cached by the address of their
 * SQL text, which must therefore be a string literal or a static array: two
 * different texts at one address would be taken for one statement.
 *
 * A statement's life in a caller:
 *	st = db_prepare(db, sql, e);	NULL on failure, e filled
 *	db_bind_*(st, 1, ...);		failures are kept and reported by the step
 *	while ((rc = db_step(st)) == DB_ROW)
 *		... db_col_*(st, 0) ...
 *	db_reset(st);			always, whatever step returned
 *	if (rc != DB_DONE)
 *		return db_err(db, e, "what");
 * The last failure stays on the connection until the next one, so db_err() may
 * come after db_reset(). Column values are valid until the next step or reset.
 *
 * One struct db per process and thread; connections are not shared.
 */
#ifndef JSD_DB_H
#define JSD_DB_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct db;
struct db_stmt;

/* What db_step() returns. */
enum { DB_ERROR = -1, DB_DONE = 0, DB_ROW = 1 };

/* A LIMIT that limits nothing, in both dialects (PostgreSQL refuses -1). */
#define DB_NO_LIMIT	INT64_MAX

/* How long a station keeps trying a database server it lost, in seconds, for
 * every connection of the process (0, the default: not at all). See db_run(). */
void	db_retry_window(int seconds);
/* Calls fn before each pause of a retry, with the seconds left of the window,
 * so that a program can say why it is not answering (NULL: nobody). Once a
 * window has run out, later operations try once without pausing (so without
 * calling fn) until the server is reached again. */
void	db_retry_hook(void (*fn)(int seconds, void *arg), void *arg);

/* True when target is a PostgreSQL URI (postgresql:// or postgres://). */
int	db_is_uri(const char *target);
/* Opens target: a PostgreSQL URI, or else a SQLite file path (the file is
 * created if needed). *created is set when the database was new or empty (no
 * schema yet). Writes are durable when db_commit() returns. A server that
 * cannot be reached is tried again within the retry window. */
int	db_open(struct db **, const char *target, int *created, struct err *);
void	db_close(struct db *);
/* "sqlite" or "postgresql". */
const char *db_engine_name(const struct db *);

/* A reset statement for sql (cached by address, see above). A query the
 * database cannot read fails here or, on PostgreSQL (which prepares once the
 * parameters' types are bound), at its first step. */
struct db_stmt *db_prepare(struct db *, const char *sql, struct err *);
/* Ends a statement's run and clears its bindings; the statement stays cached. */
void	db_reset(struct db_stmt *);

/* Parameters are numbered from 1. A NULL text binds SQL NULL. */
void	db_bind_int64(struct db_stmt *, int, int64_t);
void	db_bind_text(struct db_stmt *, int, const char *);
void	db_bind_blob(struct db_stmt *, int, const void *, size_t);
void	db_bind_null(struct db_stmt *, int);
/* A row's id, or NULL for 0 (no row). */
void	db_bind_id(struct db_stmt *, int, int64_t);

/* DB_ROW, DB_DONE or DB_ERROR (then db_err() says why). */
int	db_step(struct db_stmt *);
/* Steps st, handing row each row until row returns nonzero, and resets st:
 * the loop above for callers that hand rows to a callback. 0, or -1 with e
 * filled (what names the query). */
int	db_rows(struct db_stmt *st, int (*row)(struct db_stmt *, void *),
	    void *arg, const char *what, struct err *);

/* Steps st, a statement that returns no row (INSERT, UPDATE, DELETE), and
 * resets it: 0, or -1 with e filled (what names the statement). */
int	db_done(struct db_stmt *st, const char *what, struct err *);

/* Inserts n rows (n >= 0, 1 row at least for anything to happen), for the
 * writes that a batch repeats row by row: head is "INSERT INTO t (c1, ...,
 * cw) VALUES " (a literal or static array, as for db_prepare()), each row has
 * width parameters, and bind(st, base, i, arg) binds row i's as base + 1 ..
 * base + width, rows in order. The rows go in a few statements whatever n
 * (runs of DB_ROWS_MAX, then of the powers of two that make up the rest),
 * each shape prepared once per connection: one round trip to a server for a
 * burst instead of one a row. The last run goes as db_done_later() sends it.
 * A failure leaves the rows of earlier runs written (the caller's transaction
 * rolls back). 0, or -1 with e filled. */
#define DB_ROWS_MAX	256
int	db_insert_rows(struct db *, const char *head, int width, int n,
	    void (*bind)(struct db_stmt *, int base, int i, void *), void *arg,
	    const char *what, struct err *);

/* As db_done() inside a transaction, but st may wait, bound, to go to the
 * server with the next statement (PostgreSQL: both in one round trip); its
 * failure is then reported by that statement, or by db_commit(), and fails
 * the transaction as its own would. For writes whose answer nobody waits
 * for; outside a transaction, the same as db_done(). */
int	db_done_later(struct db_stmt *st, const char *what, struct err *);

/* Columns are numbered from 0. SQL NULL reads as 0, NULL text, no bytes. */
int64_t	db_col_int64(struct db_stmt *, int);
int	db_col_int(struct db_stmt *, int);
const char *db_col_text(struct db_stmt *, int);
/* Copies a text column into buf (NULL as ""), truncating at a UTF-8 character
 * boundary. */
void	db_col_copy(struct db_stmt *, int, char *buf, size_t len);
const void *db_col_blob(struct db_stmt *, int);
size_t	db_col_bytes(struct db_stmt *, int);
/* For code that copies rows it does not know (jsdctl copy-registry): how many
 * columns a row has and what a value is. */
enum db_type { DB_NULL, DB_INTEGER, DB_TEXT, DB_BLOB };
int	db_col_count(struct db_stmt *);
enum db_type db_col_type(struct db_stmt *, int);

/* Rows changed by the last INSERT, UPDATE or DELETE on the connection. */
int64_t	db_changes(struct db *);

/* Runs a script of statements without parameters (schema, temporary tables).
 * On PostgreSQL the SQLite type words INTEGER and BLOB in it are read as
 * BIGINT and BYTEA (db-pg.c), so DDL is written once. */
int	db_exec(struct db *, const char *sql, struct err *);

/* Write transactions. On SQLite db_begin() takes the file's write lock up front
 * and waits for it, so that two writers never deadlock upgrading a read lock,
 * and writers are one at a time. On PostgreSQL writers run at once (READ
 * COMMITTED: each statement sees what was committed before it began); a rule
 * that reads then writes takes a row lock first (evlog_lock()) or writes
 * conditionally and checks db_changes(). */
int	db_begin(struct db *, struct err *);
/* A transaction that changes the schema: one at a time across every
 * connection, even before any table exists. */
int	db_begin_schema(struct db *, struct err *);
/* A transaction that only reads, and reads one state of the database
 * throughout, whatever writers commit meanwhile: for a check of two tables
 * that writers change together (the event log and its day summary). Ended by
 * db_rollback(). */
int	db_begin_snapshot(struct db *, struct err *);
/* On failure the transaction is rolled back. */
int	db_commit(struct db *, struct err *);
/* Harmless outside a transaction. */
void	db_rollback(struct db *);
/* Ends a write transaction as its work went: rc 0 commits, anything else
 * rolls back (the work's struct err already says why) and returns -1. */
int	db_end(struct db *, int rc, struct err *);

/* The whole of a write transaction, and the one place where a lost server is
 * tried again for writes (a statement that only reads, run outside a
 * transaction, is run again alone: db-pg.c; a SELECT of a function that
 * writes must therefore run inside one): db_begin(), tx(arg, e), then
 * db_commit() when tx returned 0 (a rollback when not). When the connection
 * is lost at any point, the commit included, it connects again with a
 * growing pause for at most the retry window and runs all of it again, tx
 * included, so tx must do the same thing twice only once: an operation's id
 * (reg-op.c) tells a retry whose first commit happened. Returns tx's failure, or reg.unreachable once the window
 * has passed, with nothing done by this call that was not done before. */
int	db_run(struct db *, int (*tx)(void *arg, struct err *), void *arg,
	    struct err *);

/* After rows were inserted with their ids (a copy): new rows of table get ids
 * after the largest there. SQLite does this by itself; PostgreSQL's identity
 * columns do not look. */
int	db_ids_follow(struct db *, const char *table, struct err *);

/* The database server's clock, in seconds since the epoch, or 0 in *now when
 * the database has no clock of its own (SQLite: a file read by this host). */
int	db_server_time(struct db *, int64_t *now, struct err *);

/* The schema version the database records (0 when new), or -1 on failure. */
int	db_version(struct db *);
/* Records the schema version, inside the migration's transaction. */
int	db_set_version(struct db *, int, struct err *);

/* A consistent copy of the whole database into the file path (empty or new),
 * while writers go on; and putting such a copy back in place of the whole
 * database, in one step that other connections see whole. SQLite only: a
 * PostgreSQL registry is backed up by the database's own tools (ERR_RULE
 * reg.backup_engine). */
int	db_copy_to(struct db *, const char *path, struct err *);
int	db_copy_from(struct db *, const char *path, struct err *);

/* Turns the connection's last failure into an error: ERR_CONFLICT for a broken
 * constraint (reg.conflict), ERR_RULE for a privilege the database refused to
 * this station's role (reg.denied), ERR_SYSTEM otherwise: reg.unreachable when
 * the connection was lost, else reg.db_error; detail names what was being
 * done. Returns -1. */
int	db_err(struct db *, struct err *, const char *what);
/* True when the last failure was a broken constraint (unique, check, foreign). */
int	db_is_conflict(struct db *);

#endif
