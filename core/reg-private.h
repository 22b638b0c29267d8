/*
 * reg-private.h: what the registry's own files share; callers never include it.
 *
 * One struct reg per process and thread. The registry's files reach the database
 * only through db.h, the statement layer, whose connection is r->db.
 */
#ifndef JSD_REG_PRIVATE_H
#define JSD_REG_PRIVATE_H

#include "db.h"
#include "reg.h"

struct regkey;

struct reg {
	struct db	*db;
	struct regkey	*key;		/* signing key, once cert_key_load() ran */
	char		 station[REG_STATION_SIZE];
	int		 created;
};

/* An event from a row whose first seven columns are id, at, station, actor,
 * kind, subject, detail; evlog.c, shared with report.c. */
struct event;
void	evlog_row(struct db_stmt *, struct event *);
/* Migrations, in order; reg-schema.c. */
int	reg_migrate(struct reg *, struct err *);
#define REG_SCHEMA_VERSION 4

/* Institution writes inside a caller's transaction (import does many in one). */
int	reg_inst_put_tx(struct reg *, const struct institution *, int replace,
	    int *added, struct err *);

#endif
