/*
 * source-file.c: one image file decoded once; see source-file.h.
 *
 * Opening the file at once, rather than when it is read, makes a missing or
 * unreadable file an error of open, as a missing device is.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source-file.h"
#include "source-frame.h"

struct source_file {
	struct source	 base;
	int		 fd;
	char		 path[PATH_MAX];
};

static struct source *
source_file_open(const struct source_opts *o, struct err *e)
{
	struct source_file *f;

	if (strlen(o->path) >= sizeof f->path) {
		err_set(e, ERR_INPUT, NULL, "image.unreadable", "path too long");
		return NULL;
	}
	if ((f = malloc(sizeof *f)) == NULL) {
		err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "file");
		return NULL;
	}
	f->base.cls = &source_file_class;
	if ((f->fd = open(o->path, O_RDONLY | O_CLOEXEC)) == -1) {
		err_set(e, ERR_SYSTEM, NULL, "image.unreadable", "%s: %s", o->path,
		    strerror(errno));
		free(f);
		return NULL;
	}
	memcpy(f->path, o->path, strlen(o->path) + 1);
	return &f->base;
}

static int
source_file_fd(const struct source *src)
{
	return ((const struct source_file *)src)->fd;
}

/* One frame: no dedupe across frames is needed, every code is new. */
static int
source_file_read(struct source *src, const struct scan_sink *sink, struct err *e)
{
	struct source_file *f = (struct source_file *)src;
	struct source_frame frame;

	source_frame_init(&frame, SCAN_FILE, NULL, 0);
	if (source_frame_file(&frame, f->path, scan_now_ms(), sink, e) == -1)
		return -1;
	return SOURCE_DONE;
}

static void
source_file_close(struct source *src)
{
	struct source_file *f = (struct source_file *)src;

	close(f->fd);
	free(f);
}

const struct source_class source_file_class = {
	"file", source_file_open, source_file_fd, source_file_read, source_file_close
};
