/*
 * ctl-copy.c: "jsdctl copy-registry FROM TO": a whole registry into a new one,
 * a SQLite file and a PostgreSQL database either way round (reg_copy() does
 * the work and checks the result). The signing key is not in a registry and
 * is not copied: its file stays where presented codes are issued.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "ctl.h"
#include "msg.h"
#include "paths.h"

static int
copy_open(struct ctl *c, const char *target, struct reg **r)
{
	struct err e;

	err_clear(&e);
	if (paths_make_db_dir(target, &e) != 0 ||
	    reg_open(r, target, c->station, &e) != 0)
		return ctl_fail(&e);
	return 0;
}

static void
copy_print(const struct ctl *c, const struct reg_copy_stats *s)
{
	json_t *tables;
	int i;

	if (c->json) {
		tables = json_object();
		for (i = 0; i < REG_COPY_TABLES; i++)
			json_object_set_new(tables, reg_copy_table(i),
			    json_integer((json_int_t)s->rows[i]));
		ctl_print_json(json_pack("{s:o, s:I, s:b}", "tables", tables,
		    "events", (json_int_t)s->events, "intact", 1));
		return;
	}
	for (i = 0; i < REG_COPY_TABLES; i++)
		printf("%-14s %lld\n", reg_copy_table(i), (long long)s->rows[i]);
	printf(msg_get("ctl.copy.done"), (long long)s->events);
	putchar('\n');
}

int
ctl_copy_registry(struct ctl *c, int argc, char **argv)
{
	struct reg_copy_stats s;
	struct reg *from = NULL, *to = NULL;
	struct err e;
	int rc;

	if (ctl_wants_help(argc, argv))
		return ctl_help("ctl.copy.usage");
	if (argc != 3)
		return ctl_usage("ctl.copy.usage");
	if (strcmp(argv[1], argv[2]) == 0)
		return ctl_usage("ctl.copy.usage");
	if ((rc = copy_open(c, argv[1], &from)) != 0)
		return rc;
	if ((rc = copy_open(c, argv[2], &to)) != 0) {
		reg_close(from);
		return rc;
	}
	err_clear(&e);
	rc = reg_copy(from, to, &s, &e) == 0 ? 0 : ctl_fail(&e);
	if (rc == 0)
		copy_print(c, &s);
	reg_close(to);
	reg_close(from);
	return rc;
}
