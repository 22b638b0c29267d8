/*
 * reg-private.h: what the registry's own files share; callers never include it.
 *
 * One struct reg per process and thread: SQLite connections are not shared across
 * threads here. Prepared statements are cached by the address of their SQL text (a
 * string literal), so each query is compiled once per connection.
 */
#ifndef JSD_REG_PRIVATE_H
#define JSD_REG_PRIVATE_H

#include <sqlite3.h>

#include "reg.h"

#define REG_STMT_CACHE	64

struct reg_stmt {
	const char	*sql;
	sqlite3_stmt	*st;
};

struct regkey;

struct reg {
	sqlite3		*db;
	struct regkey	*key;		/* signing key, once cert_key_load() ran */
	char		 station[REG_STATION_SIZE];
	int		 created;
	int		 in_tx;
	struct reg_stmt	 stmts[REG_STMT_CACHE];
	size_t		 nstmts;
	char		 cp_file[4096];	/* evcheck.c: the checkpoint file */
	char		 cp_key[4096];	/* and the key file that signs */
	int64_t		 cp_day;	/* local day of the latest checkpoint */
};

/* Returns a reset statement for sql (a string literal), preparing it once. */
sqlite3_stmt *reg_stmt(struct reg *, const char *sql, struct err *);
/* Resets a statement after use and clears its bindings. */
void	reg_done(sqlite3_stmt *);
/* Turns the connection's last SQLite error into an ERR_SYSTEM. */
int	reg_db_err(struct reg *, struct err *, const char *what);

/* Write transactions: BEGIN IMMEDIATE takes the write lock up front, so that two
 * writers never deadlock upgrading read locks, and waits through the busy handler. */
int	reg_begin(struct reg *, struct err *);
int	reg_commit(struct reg *, struct err *);
void	reg_rollback(struct reg *);

/* Binding helpers: text is bound transiently, NULL as SQL NULL. */
int	reg_bind_text(sqlite3_stmt *, int, const char *);
/* Copies a text column into a fixed buffer, truncating at a character boundary. */
void	reg_col_text(sqlite3_stmt *, int, char *, size_t);

/* An event from a row whose first seven columns are id, at, station, actor,
 * kind, subject, detail; evlog.c, shared with report.c. */
struct event;
void	evlog_row(sqlite3_stmt *, struct event *);

/* Migrations, in order; reg-schema.c. */
int	reg_migrate(struct reg *, struct err *);
#define REG_SCHEMA_VERSION 4

/* Institution writes inside a caller's transaction (import does many in one). */
int	reg_inst_put_tx(struct reg *, const struct institution *, int replace,
	    int *added, struct err *);

#endif
