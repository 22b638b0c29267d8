/*
 * stress-apply.c: submits N claim applications through the core API from one
 * process, as a busy kiosk would; tests/concurrency.sh runs several at once
 * against one registry file. Prints each failure and exits 1 if there was one.
 * usage: stress-apply DB STATION N CREDIT-CODE
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reg.h"

int
main(int argc, char **argv)
{
	struct app_form f;
	struct reg *r;
	struct err e;
	int i, n, failed = 0;

	if (argc != 5 || (n = atoi(argv[3])) <= 0) {
		fprintf(stderr, "usage: stress-apply DB STATION N CREDIT-CODE\n");
		return 2;
	}
	if (reg_open(&r, argv[1], argv[2], &e) != 0) {
		fprintf(stderr, "open: %s %s\n", e.key, e.detail);
		return 1;
	}
	memset(&f, 0, sizeof f);
	f.kind = APP_CLAIM;
	f.frp_is_legal_rep = 1;
	snprintf(f.credit_code, sizeof f.credit_code, "%s", argv[4]);
	strcpy(f.frp_phone, "13912345678");
	for (i = 0; i < n; i++) {
		if (reg_app_submit(r, &f, NULL, &e) != 0) {
			fprintf(stderr, "%s #%d: %s %s\n", argv[2], i, e.key, e.detail);
			failed++;
		}
	}
	reg_close(r);
	return failed ? 1 : 0;
}
