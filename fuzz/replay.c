/*
 * replay.c: a main for a fuzz target without libFuzzer: runs the target once on
 * each file named on the command line and prints TAP, one result a file. A
 * crash or sanitizer report fails the run, which is the point.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static int
replay(const char *path)
{
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((buf = realloc(buf, cap)) == NULL)
				abort();
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

int
main(int argc, char **argv)
{
	int i, failed = 0;

	for (i = 1; i < argc; i++) {
		int ok = replay(argv[i]) == 0;

		printf("%sok %d - %s\n", ok ? "" : "not ", i, argv[i]);
		failed += !ok;
	}
	printf("1..%d\n", argc - 1);
	return failed || argc < 2 ? 1 : 0;
}
