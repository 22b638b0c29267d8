/* fuzz-csv.c: the register import's CSV reader, over a whole file. */
#include "config.h"

#include <stdio.h>

#include "csv.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct csv c;
	struct err e;
	FILE *f;
	int records = 0;

	if (len == 0 || (f = fmemopen((void *)data, len, "r")) == NULL)
		return 0;
	csv_init(&c, f);
	/* Bounded: a reader that stopped advancing would otherwise spin here. */
	while (csv_read(&c, &e) != 0 && records++ < 100000)
		;
	fclose(f);
	return 0;
}
