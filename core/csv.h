/*
 * csv.h: a bounded RFC 4180 reader for the register import.
 *
 * Quoted fields may hold commas, doubled quotes and line breaks; CRLF and LF both
 * end a record; a UTF-8 byte-order mark at the start of the file is skipped. A
 * record longer than CSV_RECORD_MAX bytes is refused and skipped, so one bad row
 * cannot make the reader swallow the rest of the file.
 */
#ifndef JSD_CSV_H
#define JSD_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

#define CSV_RECORD_MAX	8192
#define CSV_FIELDS_MAX	32

struct csv {
	FILE		*f;
	size_t		 line;		/* line the current record started on */
	size_t		 next_line;	/* line the next record starts on */
	int		 started;
	char		 buf[CSV_RECORD_MAX];
	char		*fields[CSV_FIELDS_MAX];
	size_t		 nfields;
};

void	csv_init(struct csv *, FILE *);
/* 1: a record is in fields/nfields; 0: end of file; -1: a bad record (e says why,
 * c->line says where) which has been skipped, so reading can go on. */
int	csv_read(struct csv *, struct err *);

#endif
