/*
 * ctl-list.h: a jsdctl listing, its row described once and printed two ways.
 *
 * Every listing (applications, institutions, staff, events, a holder's people,
 * authorizations, records and changes, the authorizations a verified code shows,
 * decoded codes, the demo accounts, an import's bad rows) is a table of columns:
 * the JSON member, the place and printf format in the text line, the type, and
 * where the value is (a member of the row struct, or a function for what is
 * computed). One printer makes the text line, the other the JSON object, so a
 * field added to a listing is one line and cannot reach one output and miss the
 * other.
 *
 * A column may be in one output only: the text line shows a role's label or a
 * "locked" mark where JSON has a boolean, and JSON carries ids and raw times the
 * text leaves out. The text places are separate from the JSON order because the
 * text line puts the most useful columns first, while JSON keeps the order its
 * readers already have.
 */
#ifndef JSD_CTL_LIST_H
#define JSD_CTL_LIST_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

enum ctl_col_type {
	CTL_COL_STR,		/* a char array member */
	CTL_COL_STR_NULL,	/* a char array member; empty is JSON null */
	CTL_COL_STRP,		/* a const char * member */
	CTL_COL_INT,		/* an int member */
	CTL_COL_INT64,		/* an int64_t member */
	CTL_COL_BOOL,		/* an int member; JSON true or false */
	CTL_COL_TIME,		/* an int64_t member; local time text, "-" for 0 */
	CTL_COL_FN,		/* fn's string (a name, a mark); NULL is JSON null */
	CTL_COL_CELL,		/* what cell writes into the room it is given */
	CTL_COL_NUM,		/* num's number */
	CTL_COL_LABEL,		/* the message under label: text only */
	CTL_COL_WORD,		/* a stored word (fn's, else a char array member)
				 * said as the catalogue under label says it */
};

#define CTL_COL_ROOM	8192	/* the room cell has */

struct ctl_col {
	const char	*key;		/* JSON member; NULL: text only */
	unsigned	 text;		/* place in the text line from 1; 0: JSON only */
	const char	*fmt;		/* text: printf format of the value and its spacing */
	enum ctl_col_type type;
	size_t		 off;		/* the member's offsetof */
	const char	*(*fn)(const void *row);
	const char	*(*cell)(const void *row, char *room, size_t len);
	long long	 (*num)(const void *row);
	const char	*label;		/* message key; CTL_COL_WORD: its prefix */
};

#define CTL_COL(k, t, f, type_, row, member) \
	{ .key = k, .text = t, .fmt = f, .type = type_, .off = offsetof(row, member) }
#define CTL_COL_FN(k, t, f, fn_) \
	{ .key = k, .text = t, .fmt = f, .type = CTL_COL_FN, .fn = fn_ }
#define CTL_COL_CELL(k, t, f, cell_) \
	{ .key = k, .text = t, .fmt = f, .type = CTL_COL_CELL, .cell = cell_ }
#define CTL_COL_NUM(k, t, f, num_) \
	{ .key = k, .text = t, .fmt = f, .type = CTL_COL_NUM, .num = num_ }
#define CTL_COL_LABEL(t, f, label_) \
	{ .text = t, .fmt = f, .type = CTL_COL_LABEL, .label = label_ }
/* Text only: the word a JSON column keeps as it is stored. */
#define CTL_COL_WORD(t, f, prefix, row, member) \
	{ .text = t, .fmt = f, .type = CTL_COL_WORD, .label = prefix, \
	  .off = offsetof(row, member) }
#define CTL_COL_WORD_FN(t, f, prefix, fn_) \
	{ .text = t, .fmt = f, .type = CTL_COL_WORD, .label = prefix, .fn = fn_ }
#define CTL_NCOLS(cols)	(sizeof cols / sizeof cols[0])

struct ctl_list {
	const struct ctl_col	*cols;
	size_t			 ncols;
	void			*json;	/* the JSON array being filled; NULL: text */
	FILE			*out;	/* where text lines go: stdout unless set */
	size_t			 rows;
};

/* Starts a listing, as JSON with --json, else as text lines on stdout. */
void	ctl_list_start(struct ctl_list *, const struct ctl_col *, size_t ncols,
	    int json);
/* Prints one row, or adds it to the JSON array. */
void	ctl_list_row(struct ctl_list *, const void *row);
/* One row as a JSON object (a new reference; NULL if a value is not UTF-8). */
void	*ctl_list_object(const struct ctl_col *, size_t ncols, const void *row);
/* Ends the listing after the lookup that fed it returned rc: prints the JSON
 * array, or fails with e. The exit status. */
int	ctl_list_end(struct ctl_list *, int rc, const struct err *);
/* The JSON array, for a listing that is a part of a larger object; the caller
 * owns it. */
void	*ctl_list_take(struct ctl_list *);

#endif
