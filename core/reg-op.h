/*
 * reg-op.h: operations that a lost reply must not make happen twice; see
 * reg-op.c. Registry-internal: included by the registry's own files.
 */
#ifndef JSD_REG_OP_H
#define JSD_REG_OP_H

#include <stdint.h>

#include "err.h"

struct reg;

#define REG_OP_ID_SIZE		33	/* 128 bits in hex, and the NUL */
#define REG_OP_RESULT_SIZE	64

/* One operation: its id, made once per operation, and its result, which the
 * first run that committed wrote next to the id. */
struct reg_op {
	char		 id[REG_OP_ID_SIZE];
	const char	*kind;		/* "app.submit", "verify", ... */
	/* The operation's work inside the transaction: sets ref and result. */
	int		(*run)(struct reg *, struct reg_op *, void *, struct err *);
	void		*arg;
	int64_t		 ref;		/* the row it made, where one names it */
	char		 result[REG_OP_RESULT_SIZE];
	int		 replayed;	/* answered from the first run's record */
	int		 recorded;	/* by run itself (reg_op_record()) */
};

/* Runs op->run and records op in one transaction (db_run(): tried again
 * through a lost server). When a retry finds op already recorded, run is not
 * called again: ref and result are the first run's, and replayed is set. */
int	reg_op_do(struct reg *, struct reg_op *, const char *kind,
	    int (*run)(struct reg *, struct reg_op *, void *, struct err *),
	    void *arg, struct err *);

/* Records op now, with the ref and result run has set, instead of after run
 * returns: for a run whose last statements hold a lock that others queue for
 * (the event chain's), so that the record is not written while it is held. */
int	reg_op_record(struct reg *, struct reg_op *, struct err *);

#endif
