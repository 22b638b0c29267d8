/*
 * db-private.h: what db.c shares with the two engines behind it (db-sqlite.c,
 * db-pg.c); nothing else includes it.
 *
 * db.c owns what is the same for both: choosing the engine from the target,
 * the statement cache by SQL address, the last failure, failed binds, the
 * transaction flag and copying text out. An engine fills a struct db_engine;
 * its connection and statements embed struct db and struct db_stmt first, so
 * that db.c and the engine see the same objects.
 */
#ifndef JSD_DB_PRIVATE_H
#define JSD_DB_PRIVATE_H

#include "db.h"

#define DB_STMT_CACHE	128
#define DB_MSG_SIZE	200

struct db_stmt {
	struct db	*db;
	const char	*sql;		/* the cache's key, with rows */
	int		 rows;		/* db_insert_rows()'s run length, or 0 */
	char		*text;		/* what a run's statement was made of */
	int		 bind_failed;	/* reported by the next step */
};

struct db {
	const struct db_engine *engine;
	int		 in_tx;
	int		 conflict;	/* the last failure broke a constraint */
	int		 denied;	/* the last failure was a refused privilege */
	int		 down;		/* the last failure lost the connection */
	char		 msg[DB_MSG_SIZE];	/* the last failure's message */
	struct db_stmt	*stmts[DB_STMT_CACHE];
	size_t		 nstmts;
};

/* An engine's functions; each has the meaning of the db_ function of the same
 * name in db.h. Failures call db_failed() and return -1 (DB_ERROR for step). */
/* What a transaction is for (db.h): writing, changing the schema, or reading
 * one state of the database throughout. */
enum db_begin_kind { DB_BEGIN_WRITE, DB_BEGIN_SCHEMA, DB_BEGIN_SNAPSHOT };

struct db_engine {
	const char	*name;
	int		 remote;	/* a server that can be lost and found again */
	int	(*open)(struct db **, const char *target, int *created,
		    struct err *);
	void	(*close)(struct db *);
	struct db_stmt *(*prepare)(struct db *, const char *sql);
	void	(*finalize)(struct db_stmt *);
	void	(*reset)(struct db_stmt *);
	int	(*bind_int64)(struct db_stmt *, int, int64_t);
	int	(*bind_text)(struct db_stmt *, int, const char *);
	int	(*bind_blob)(struct db_stmt *, int, const void *, size_t);
	int	(*bind_null)(struct db_stmt *, int);
	int	(*step)(struct db_stmt *);
	/* Keeps a bound statement that returns no rows to go with the next
	 * one (db_done_later()); NULL: the engine runs it at once. */
	int	(*later)(struct db_stmt *);
	int64_t	(*col_int64)(struct db_stmt *, int);
	const char *(*col_text)(struct db_stmt *, int);
	const void *(*col_blob)(struct db_stmt *, int, size_t *);
	int	(*col_count)(struct db_stmt *);
	enum db_type (*col_type)(struct db_stmt *, int);
	int	(*ids_follow)(struct db *, const char *table);
	int64_t	(*changes)(struct db *);
	int	(*exec)(struct db *, const char *sql);
	int	(*begin)(struct db *, enum db_begin_kind);
	int	(*commit)(struct db *);
	void	(*rollback)(struct db *);
	int	(*server_time)(struct db *, int64_t *);
	int	(*version)(struct db *);
	int	(*set_version)(struct db *, int);
	int	(*copy_to)(struct db *, const char *path);	/* NULL: none */
	int	(*copy_from)(struct db *, const char *path);	/* NULL: none */
};

extern const struct db_engine db_sqlite_engine;
extern const struct db_engine db_pg_engine;

/* A retry after a lost server (db.c): the pauses slept so far and the time
 * it began, counted against the retry window, and the next pause, growing. */
struct db_retry {
	long	slept_ms;
	long	pause_ms;
	double	start_ms;	/* on the monotonic clock */
};

void	db_retry_start(struct db_retry *);
/* Sleeps the next pause; 0, or -1 (no sleep) once the window is spent. */
int	db_retry_pause(struct db_retry *);
/* The engine reached the server (connected or connected again): a lost link
 * is found, and the next loss is given the whole window again. */
void	db_retry_found(void);
/* For an engine whose read just failed: whether to run it again, after the
 * next pause. Only a lost connection outside a transaction, within the
 * window: a read inside a transaction is that transaction's, which db_run()
 * retries whole. The engine decides that the statement only reads. */
int	db_retry_read(struct db *, struct db_retry *);

/* The value libpq holds in effect for a connection keyword (connect_timeout,
 * ...) of a PostgreSQL connection, into buf: 0, or -1 when it has none. For
 * the tests, which check the defaults db-pg.c gives every connection. */
int	db_pg_option(struct db *, const char *keyword, char *buf, size_t len);

/* Records a failure: its message, and whether it broke a constraint or was a
 * privilege the database refused (the engine sets down after it). */
void	db_failed(struct db *, const char *msg, int conflict, int denied);

#endif
