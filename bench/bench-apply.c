/*
 * bench-apply.c: applications through the C API, as kiosks submit them.
 *
 *   bench-apply DIR          times 10,000 submissions in one process into a fresh
 *                            registry in DIR and prints the rate
 *   bench-apply --fill DB N  adds N applications to DB (for bench-jsdctl.sh)
 *
 * Each submission is its own transaction at the durability we ship
 * (WAL, synchronous=FULL), so the figure includes one fsync per application.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "reg.h"

static const struct institution bench_inst = {
	"12110000429074993M", "北京市示例科学技术研究院", "北京市西城区演示街225号",
	"张晓华", "110118198312055029", "13800000001", INST_CITY, INST_ACTIVE
};

static int
submit_n(struct reg *r, int n)
{
	struct app_form f;
	struct err e;
	int i;

	memset(&f, 0, sizeof f);
	f.kind = APP_CLAIM;
	f.frp_is_legal_rep = 1;
	strcpy(f.credit_code, bench_inst.credit_code);
	strcpy(f.frp_phone, "13912345678");
	for (i = 0; i < n; i++) {
		if (reg_app_submit(r, &f, NULL, &e) != 0) {
			fprintf(stderr, "submit %d: %s %s\n", i, e.key, e.detail);
			return -1;
		}
	}
	return 0;
}

static struct reg *
open_with_inst(const char *path)
{
	struct reg *r;
	struct err e;

	if (reg_open(&r, path, "bench", &e) != 0) {
		fprintf(stderr, "%s: %s %s\n", path, e.key, e.detail);
		return NULL;
	}
	if (reg_inst_put(r, &bench_inst, 1, "bench", &e) != 0) {
		fprintf(stderr, "institution: %s %s\n", e.key, e.detail);
		reg_close(r);
		return NULL;
	}
	return r;
}

int
main(int argc, char **argv)
{
	char path[4096];
	struct reg *r;
	double t0, t1;
	int n = 10000, rc;

	if (argc == 4 && strcmp(argv[1], "--fill") == 0) {
		if ((r = open_with_inst(argv[2])) == NULL)
			return 1;
		rc = submit_n(r, atoi(argv[3]));
		reg_close(r);
		return rc != 0;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: bench-apply DIR | bench-apply --fill DB N\n");
		return 2;
	}
	snprintf(path, sizeof path, "%s/bench-apply.db", argv[1]);
	remove(path);
	if ((r = open_with_inst(path)) == NULL)
		return 1;
	t0 = bench_now();
	rc = submit_n(r, n);
	t1 = bench_now();
	reg_close(r);
	if (rc != 0)
		return 1;
	printf("submit %d applications, one process, C API: %.2f s, %.0f/s, %.3f ms each\n",
	    n, t1 - t0, n / (t1 - t0), (t1 - t0) * 1000 / n);
	return 0;
}
