/*
 * unit-import.c: the CSV reader on the shapes real exports take (quotes, CRLF,
 * BOM, line breaks in quotes, over-long rows) and the register import with mixed
 * good and bad rows, in both modes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "import.h"
#include "reg.h"
#include "tap.h"

static FILE *
mem(const char *s)
{
	return fmemopen((void *)s, strlen(s), "r");
}

static void
test_csv(void)
{
	static struct csv c;
	struct err e;
	FILE *f;
	char *big;

	f = mem("\xef\xbb\xbf" "a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\n,,\nlast");
	csv_init(&c, f);
	ok(csv_read(&c, &e) == 1 && c.nfields == 3 && strcmp(c.fields[0], "a") == 0 &&
	    strcmp(c.fields[2], "c") == 0, "BOM skipped, CRLF ends the record");
	ok(csv_read(&c, &e) == 1 && c.nfields == 3 &&
	    strcmp(c.fields[0], "x,1") == 0 && strcmp(c.fields[1], "say \"hi\"") == 0 &&
	    strcmp(c.fields[2], "two\nlines") == 0 && c.line == 2,
	    "quoted comma, doubled quote, line break in quotes");
	ok(csv_read(&c, &e) == 1 && c.nfields == 3 && c.fields[1][0] == '\0' &&
	    c.line == 4, "empty fields, line counted past the quoted break");
	ok(csv_read(&c, &e) == 1 && c.nfields == 1 && strcmp(c.fields[0], "last") == 0,
	    "a last line without a newline");
	is_int(csv_read(&c, &e), 0, "then end of file");
	fclose(f);

	f = mem("a,\"b\"x,c\nnext,row\n\"open\n");
	csv_init(&c, f);
	ok(csv_read(&c, &e) == -1 && strcmp(e.key, "csv.quote") == 0,
	    "text after a closing quote is refused");
	ok(csv_read(&c, &e) == 1 && strcmp(c.fields[0], "next") == 0 && c.line == 2,
	    "and reading goes on at the next line");
	ok(csv_read(&c, &e) == -1 && strcmp(e.key, "csv.unterminated") == 0,
	    "an unclosed quote at the end is refused");
	fclose(f);

	big = malloc(CSV_RECORD_MAX * 2 + 64);
	memset(big, 'x', CSV_RECORD_MAX * 2);
	strcpy(big + CSV_RECORD_MAX * 2, "\nok,1\n");
	f = mem(big);
	csv_init(&c, f);
	ok(csv_read(&c, &e) == -1 && strcmp(e.key, "csv.too_long") == 0,
	    "an over-long row is refused");
	ok(csv_read(&c, &e) == 1 && strcmp(c.fields[0], "ok") == 0,
	    "and skipped whole: the next row reads");
	fclose(f);
	free(big);
}

static const char header[] =
    "credit_code,name,address,legal_rep_name,legal_rep_id,legal_rep_phone,level\n";
static const char good1[] = "12110000429074993M,北京市示例科学技术研究院,"
    "北京市西城区演示街225号,张晓华,110118198312055029,13800000001,city\n";
static const char good2[] = "12110108429449169P,北京市海淀区示例社区卫生服务中心,"
    "\"北京市海淀区示例路1号, 东门\",何明远,110118198803068887,13800000020,district\n";

struct bad {
	size_t	 lines[8];
	const char *keys[8];
	int	 n;
};

static void
on_bad(size_t line, const struct err *e, void *arg)
{
	struct bad *b = arg;

	if (b->n < 8) {
		b->lines[b->n] = line;
		b->keys[b->n++] = e->key;
	}
}

static int
count_inst(const struct institution *in, void *arg)
{
	(void)in;
	(*(int *)arg)++;
	return 0;
}

static int
run_import(struct reg *r, const char *text, int all, struct bad *b,
    struct import_stats *s)
{
	struct err e;
	FILE *f = mem(text);
	int rc;

	memset(b, 0, sizeof *b);
	rc = import_register(r, f, all, "test", on_bad, b, s, &e);
	fclose(f);
	return rc;
}

static void
test_import(struct reg *r)
{
	struct import_stats s;
	struct bad b;
	struct err e;
	char text[4096];
	int n = 0;

	/* line 2 good, 3 bad check digit, 4 bad level, 5 good, 6 duplicate of 2,
	 * 7 wrong column count. */
	snprintf(text, sizeof text, "%s%s%s%s%s%s%s", header, good1,
	    "12110000429074993M,名称,地址,张三,110118198312055028,13800000001,city\n",
	    "12110000471228060A,名称,地址,张三,110118198312055029,13800000001,"
	    "town\n", good2, good1, "only,three,columns\n");
	ok(run_import(r, text, 1, &b, &s) == 0 && !s.committed && s.bad == 4,
	    "all-or-nothing with bad rows commits nothing (%zu bad)", s.bad);
	reg_inst_search(r, NULL, count_inst, &n, &e);
	is_int(n, 0, "the register is still empty");
	ok(run_import(r, text, 0, &b, &s) == 0 && s.committed && s.added == 2 &&
	    s.bad == 4, "default mode keeps the good rows (%zu added)", s.added);
	n = 0;
	reg_inst_search(r, NULL, count_inst, &n, &e);
	is_int(n, 2, "two institutions are in the register");
	ok(b.n == 4 && b.lines[0] == 3 && strcmp(b.keys[0], "id.checkdigit") == 0,
	    "line 3: ID check digit");
	ok(b.lines[1] == 4 && strcmp(b.keys[1], "import.bad_level") == 0,
	    "line 4: level");
	ok(b.lines[2] == 6 && strcmp(b.keys[2], "import.duplicate") == 0,
	    "line 6: duplicate code in the file");
	ok(b.lines[3] == 7 && strcmp(b.keys[3], "import.field_count") == 0,
	    "line 7: column count");

	snprintf(text, sizeof text, "%s%s", header, good2);
	ok(run_import(r, text, 1, &b, &s) == 0 && s.committed && s.updated == 1 &&
	    s.added == 0, "importing a known code again updates it");
	ok(run_import(r, "code,name\n", 0, &b, &s) != 0, "a wrong header is refused");
	ok(run_import(r, "", 0, &b, &s) != 0, "an empty file is refused");
}

int
main(void)
{
	char path[512];
	struct reg *r;
	struct err e;

	test_csv();
	snprintf(path, sizeof path, "%s", tap_registry(tap_tmpdir(), "reg.db"));
	if (reg_open(&r, path, "k1", &e) != 0) {
		printf("Bail out! reg_open: %s\n", e.detail);
		return 1;
	}
	test_import(r);
	reg_close(r);
	return tap_done();
}
