/*
 * db.h: the registry's statement layer, the one seam between the registry's files
 * and a database engine.
 *
 * The registry files (reg*.c, cert*.c, evlog.c, import.c, report.c) talk to the
 * database only through these functions; db-sqlite.c implements them over SQLite.
 * Nothing engine-specific crosses this header, so that a second implementation
 * (PostgreSQL through libpq) can stand behind the same calls.
 *
 * SQL is written once, in the dialect both engines read:
 *   - parameters are numbered, ?1 ?2 ...; a number may appear more than once;
 *   - a new row's id comes back with INSERT ... RETURNING id (step gives a row);
 *   - upserts are INSERT ... ON CONFLICT (...) DO ...;
 *   - integers are 64-bit, text is UTF-8, blobs are bytes.
 * Where the engines differ (schema version, locking) the difference lives behind
 * a function here, not in a query.
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

/* Opens target (a file path), creating the file if needed; *created is set when
 * the database was new or empty. Writes are durable when db_commit() returns. */
int	db_open(struct db **, const char *target, int *created, struct err *);
void	db_close(struct db *);

/* A reset statement for sql (cached by address, see above). */
struct db_stmt *db_prepare(struct db *, const char *sql, struct err *);
/* Ends a statement's run and clears its bindings; the statement stays cached. */
void	db_reset(struct db_stmt *);

/* Parameters are numbered from 1. A NULL text binds SQL NULL. */
void	db_bind_int64(struct db_stmt *, int, int64_t);
void	db_bind_text(struct db_stmt *, int, const char *);
void	db_bind_blob(struct db_stmt *, int, const void *, size_t);
void	db_bind_null(struct db_stmt *, int);

/* DB_ROW, DB_DONE or DB_ERROR (then db_err() says why). */
int	db_step(struct db_stmt *);

/* Columns are numbered from 0. SQL NULL reads as 0, NULL text, no bytes. */
int64_t	db_col_int64(struct db_stmt *, int);
int	db_col_int(struct db_stmt *, int);
const char *db_col_text(struct db_stmt *, int);
/* Copies a text column into buf (NULL as ""), truncating at a UTF-8 character
 * boundary. */
void	db_col_copy(struct db_stmt *, int, char *buf, size_t len);
const void *db_col_blob(struct db_stmt *, int);
size_t	db_col_bytes(struct db_stmt *, int);

/* Rows changed by the last INSERT, UPDATE or DELETE on the connection. */
int64_t	db_changes(struct db *);

/* Runs a script of statements without parameters (schema, temporary tables). */
int	db_exec(struct db *, const char *sql, struct err *);

/* Write transactions. db_begin() takes the write lock up front and waits for it,
 * so that two writers never deadlock upgrading a read lock to a write. */
int	db_begin(struct db *, struct err *);
/* On failure the transaction is rolled back. */
int	db_commit(struct db *, struct err *);
/* Harmless outside a transaction. */
void	db_rollback(struct db *);

/* The schema version the database records (0 when new), or -1 on failure. */
int	db_version(struct db *);
/* Records the schema version, inside the migration's transaction. */
int	db_set_version(struct db *, int, struct err *);

/* Turns the connection's last failure into an error: ERR_CONFLICT for a broken
 * constraint (reg.conflict), ERR_SYSTEM otherwise (reg.db_error), detail naming
 * what was being done. Returns -1. */
int	db_err(struct db *, struct err *, const char *what);
/* True when the last failure was a broken constraint (unique, check, foreign). */
int	db_is_conflict(struct db *);

#endif
