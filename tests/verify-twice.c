/*
 * verify-twice.c: for offline.sh, a counter's registry connection kept open
 * across a lost link. Opens TARGET, verifies each CODE as a counter does
 * (cert_verify), prints "live|offline OUTCOME" or "error KEY" a line each,
 * then waits for a line on standard input (the test stops the server
 * meanwhile) and does it all again.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cert.h"

static void
verify_all(struct reg *r, int n, char **codes)
{
	struct verify_result v;
	struct err e;
	int i;

	for (i = 0; i < n; i++) {
		err_clear(&e);
		if (cert_verify(r, codes[i], strlen(codes[i]), &v, &e) != 0)
			printf("error %s\n", e.key ? e.key : "-");
		else
			printf("%s %s\n", v.live ? "live" : "offline",
			    cert_outcome_name(v.outcome));
	}
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	char line[16];
	struct reg *r;
	struct err e;

	if (argc < 3) {
		fprintf(stderr, "usage: verify-twice TARGET CODE...\n");
		return 2;
	}
	if (reg_open(&r, argv[1], "counter-x", &e) != 0) {
		fprintf(stderr, "verify-twice: %s %s\n", e.key, e.detail);
		return 1;
	}
	verify_all(r, argc - 2, argv + 2);
	if (fgets(line, sizeof line, stdin) != NULL)
		verify_all(r, argc - 2, argv + 2);
	reg_close(r);
	return 0;
}
