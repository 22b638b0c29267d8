/*
 * ctl-inst.c: the institution register from the command line: "import-register"
 * and "institutions". ID numbers are masked in listings: whoever needs the full
 * number compares it at the counter, not in a terminal scrollback.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "ctl.h"
#include "idcheck.h"
#include "import.h"
#include "msg.h"

/* A bad row of the file: where, and what is wrong with it. */
struct import_row {
	const char		*file;
	int64_t			 line;
	const struct err	*e;
};

static const char *
import_field(const void *row)
{
	return ((const struct import_row *)row)->e->field;
}

/* "Field: " before the message, when the error names a field. */
static const char *
import_field_label(const void *row, char *room, size_t len)
{
	const char *field = import_field(row);

	if (field == NULL)
		return "";
	snprintf(room, len, "%s: ", ctl_field_label(field));
	return room;
}

static const char *
import_reason(const void *row)
{
	return ((const struct import_row *)row)->e->key;
}

static const char *
import_message(const void *row)
{
	return msg_get(import_reason(row));
}

/* As text on stderr, "FILE:LINE: Field: message", as compilers say it. */
static const struct ctl_col import_cols[] = {
	CTL_COL(NULL, 1, "%s:", CTL_COL_STRP, struct import_row, file),
	CTL_COL("line", 2, "%lld: ", CTL_COL_INT64, struct import_row, line),
	CTL_COL_FN("field", 0, NULL, import_field),
	CTL_COL_CELL(NULL, 3, "%s", import_field_label),
	CTL_COL_FN("reason", 0, NULL, import_reason),
	CTL_COL_FN("message", 4, "%s", import_message),
};

struct import_report {
	struct ctl_list	 bad;
	const char	*file;
};

static void
import_bad(size_t line, const struct err *e, void *arg)
{
	struct import_report *rep = arg;
	struct import_row row = { rep->file, (int64_t)line, e };

	ctl_list_row(&rep->bad, &row);
}

static const struct option import_options[] = {
	{ "all-or-nothing", no_argument, NULL, 'a' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int
ctl_import_register(struct ctl *c, int argc, char **argv)
{
	struct import_report rep;
	struct import_stats s;
	struct err e;
	FILE *f;
	int ch, all = 0, rc;

	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "ah", import_options, NULL)) != -1) {
		if (ch == 'a')
			all = 1;
		else
			return ch == 'h' ? ctl_help("ctl.import.usage") :
			    ctl_usage("ctl.import.usage");
	}
	if (optind != argc - 1)
		return ctl_usage("ctl.import.usage");
	rep.file = argv[optind];
	err_clear(&e);
	/* "-": standard input, which a root shell hands the jsd user's jsdctl
	 * from a file that user may not open (README-hall.md). */
	f = strcmp(rep.file, "-") == 0 ? stdin : fopen(rep.file, "r");
	if (f == NULL) {
		err_set(&e, ERR_SYSTEM, NULL, "import.unreadable", "%s: %s", rep.file,
		    strerror(errno));
		return ctl_fail(&e);
	}
	ctl_list_start(&rep.bad, import_cols, CTL_NCOLS(import_cols), c->json);
	rep.bad.out = stderr;
	rc = import_register(c->reg, f, all, "cli", import_bad, &rep, &s, &e);
	if (f != stdin)
		fclose(f);
	if (rc != 0)
		return ctl_list_end(&rep.bad, rc, &e);
	if (c->json) {
		ctl_print_json(json_pack("{s:I, s:I, s:I, s:I, s:b, s:o}",
		    "rows", (json_int_t)s.rows, "added", (json_int_t)s.added,
		    "updated", (json_int_t)s.updated, "bad", (json_int_t)s.bad,
		    "committed", s.committed, "bad_rows", ctl_list_take(&rep.bad)));
	} else {
		printf(msg_get(s.committed ? "ctl.import.done" : "ctl.import.refused"),
		    s.added, s.updated, s.bad);
		putchar('\n');
	}
	return s.bad > 0 ? 1 : 0;
}

static const char *
inst_level(const void *row)
{
	return reg_inst_level_name(((const struct institution *)row)->level);
}

/* The legal representative's ID number, masked: a listing is no place for it. */
static const char *
inst_masked_id(const void *row, char *cell, size_t len)
{
	idcheck_mask_id(((const struct institution *)row)->legal_rep_id, cell, len);
	return cell;
}

static const char *
inst_status(const void *row)
{
	return ((const struct institution *)row)->status == INST_ACTIVE ? "active" :
	    "cancelled";
}

static const char *
inst_cancelled(const void *row)
{
	return ((const struct institution *)row)->status == INST_ACTIVE ? "" :
	    "  (cancelled)";
}

static const struct ctl_col inst_cols[] = {
	CTL_COL("credit_code", 1, "%s  ", CTL_COL_STR, struct institution,
	    credit_code),
	CTL_COL("name", 3, "%s  ", CTL_COL_STR, struct institution, name),
	CTL_COL("address", 0, NULL, CTL_COL_STR, struct institution, address),
	CTL_COL("legal_rep_name", 4, "%s ", CTL_COL_STR, struct institution,
	    legal_rep_name),
	CTL_COL_CELL("legal_rep_id", 5, "%s", inst_masked_id),
	CTL_COL("legal_rep_phone", 0, NULL, CTL_COL_STR, struct institution,
	    legal_rep_phone),
	CTL_COL_FN("level", 2, "%-8s  ", inst_level),
	CTL_COL_FN("status", 0, NULL, inst_status),
	CTL_COL_FN(NULL, 6, "%s", inst_cancelled),
};

static int
inst_print(const struct institution *in, void *arg)
{
	ctl_list_row(arg, in);
	return 0;
}

static const struct option inst_options[] = {
	{ "search", required_argument, NULL, 's' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int
ctl_institutions(struct ctl *c, int argc, char **argv)
{
	const char *search = NULL;
	struct ctl_list l;
	struct err e;
	int ch;

	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "s:h", inst_options, NULL)) != -1) {
		if (ch == 's')
			search = optarg;
		else
			return ch == 'h' ? ctl_help("ctl.institutions.usage") :
			    ctl_usage("ctl.institutions.usage");
	}
	if (optind != argc)
		return ctl_usage("ctl.institutions.usage");
	err_clear(&e);
	ctl_list_start(&l, inst_cols, CTL_NCOLS(inst_cols), c->json);
	return ctl_list_end(&l, reg_inst_search(c->reg, search, inst_print, &l, &e),
	    &e);
}
