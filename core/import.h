/*
 * import.h: importing the institution register from CSV.
 *
 * The file is UTF-8 with the header row
 *   credit_code,name,address,legal_rep_name,legal_rep_id,legal_rep_phone,level
 * and level "city" or "district". Rows whose code is already in the register
 * update it. Every bad row is reported with its line number, field and reason.
 * The whole run is one transaction: by default the good rows are kept and the bad
 * ones skipped; with all_or_nothing a single bad row keeps the register unchanged.
 */
#ifndef JSD_IMPORT_H
#define JSD_IMPORT_H

#include <stdio.h>

#include "err.h"
#include "reg.h"

struct import_stats {
	size_t	 rows;		/* data rows read */
	size_t	 added;
	size_t	 updated;
	size_t	 bad;
	int	 committed;	/* 0 when all_or_nothing refused the run */
};

/* Called for each bad row; the error names field and reason. */
typedef void (*import_bad_cb)(size_t line, const struct err *, void *);

int	import_register(struct reg *, FILE *, int all_or_nothing, const char *actor,
	    import_bad_cb, void *, struct import_stats *, struct err *);

#endif
