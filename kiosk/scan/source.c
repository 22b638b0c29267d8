/*
 * source.c: the table of source kinds and the set of open sources; see source.h.
 *
 * The table is the only place that lists the kinds: jsdctl scan makes its
 * options from it, and both programs open, poll, read and close through it.
 */
#include "config.h"

#include <string.h>

#include "source-camera.h"
#include "source-file.h"
#include "source-folder.h"
#include "source-serial.h"
#include "source.h"

static const struct source_class *const source_classes[] = {
	&source_serial_class,
	&source_folder_class,
	&source_camera_class,
	&source_file_class,
};

const struct source_class *
source_class_at(size_t i)
{
	if (i >= sizeof source_classes / sizeof source_classes[0])
		return NULL;
	return source_classes[i];
}

const struct source_class *
source_class_find(const char *name)
{
	const struct source_class *cls;
	size_t i;

	for (i = 0; (cls = source_class_at(i)) != NULL; i++)
		if (strcmp(cls->name, name) == 0)
			return cls;
	return NULL;
}

void
source_opts_default(struct source_opts *o)
{
	memset(o, 0, sizeof *o);
	o->dedupe_ms = SCAN_DEDUPE_MS;
}

int
source_open_all(struct source_set *set, const struct source_spec *spec, size_t n,
    struct err *e)
{
	struct source *s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (set->n == SOURCE_MAX) {
			source_close_all(set);
			return err_set(e, ERR_INPUT, NULL, "scan.src.usage",
			    "more than %d sources", SOURCE_MAX);
		}
		if ((s = spec[i].cls->open(&spec[i].opts, e)) == NULL) {
			source_close_all(set);
			return -1;
		}
		set->src[set->n++] = s;
	}
	return 0;
}

size_t
source_poll_fds(const struct source_set *set, struct pollfd *p, size_t max)
{
	size_t i;

	for (i = 0; i < set->n && i < max; i++) {
		p[i].fd = set->src[i]->cls->fd(set->src[i]);
		p[i].events = POLLIN;
		p[i].revents = 0;
	}
	return i;
}

/* Closes the i-th source and closes the gap, keeping the others' order. */
static void
source_remove(struct source_set *set, size_t i)
{
	set->src[i]->cls->close(set->src[i]);
	memmove(&set->src[i], &set->src[i + 1],
	    (set->n - i - 1) * sizeof set->src[0]);
	set->n--;
}

int
source_read_fd(struct source_set *set, int fd, const struct scan_sink *sink,
    struct err *e)
{
	struct source *s;
	size_t i;
	int rc;

	for (i = 0; i < set->n; i++) {
		s = set->src[i];
		if (s->cls->fd(s) != fd)
			continue;
		if ((rc = s->cls->read(s, sink, e)) != 0)
			source_remove(set, i);
		return rc;
	}
	return 0;
}

void
source_close_all(struct source_set *set)
{
	while (set->n > 0)
		source_remove(set, set->n - 1);
}
