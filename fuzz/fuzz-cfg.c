/* fuzz-cfg.c: the configuration reader, on a file in memory. */
#define _GNU_SOURCE
#include "config.h"

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cfg.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct cfg c;
	char path[64];
	struct err e;
	int fd;

	if ((fd = memfd_create("fuzz-cfg", 0)) < 0)
		return 0;
	if (write(fd, data, len) == (ssize_t)len) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		cfg_init(&c);
		cfg_load(&c, path, 0, &e);
	}
	close(fd);
	return 0;
}
