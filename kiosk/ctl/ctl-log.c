/*
 * ctl-log.c: "jsdctl log verify": walks the event log's hash chain and says
 * whether it is intact or where it first breaks (exit status 1 then).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "ctl.h"
#include "evlog.h"
#include "msg.h"

int
ctl_log(struct ctl *c, int argc, char **argv)
{
	int64_t broken, count;
	struct err e;

	if (ctl_wants_help(argc, argv))
		return ctl_help("ctl.log.usage");
	if (argc != 2 || strcmp(argv[1], "verify") != 0)
		return ctl_usage("ctl.log.usage");
	err_clear(&e);
	if (evlog_verify(c->reg, &broken, &count, &e) != 0)
		return ctl_fail(&e);
	if (c->json)
		ctl_print_json(json_pack("{s:b, s:I, s:I}", "intact", broken == 0,
		    "events", (json_int_t)count, "broken_at", (json_int_t)broken));
	else if (broken == 0)
		printf(msg_get("ctl.log.intact"), (long long)count);
	else
		printf(msg_get("ctl.log.broken"), (long long)broken);
	if (!c->json)
		putchar('\n');
	return broken == 0 ? 0 : 1;
}
