/*
 * source-folder.c: inotify on a folder of frames; see source-folder.h.
 *
 * inotify gives names, not files: the file may be gone or replaced by the time it
 * is read, which is fine (image_load() fails cleanly and that frame is a warning).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "source-folder.h"
#include "source-frame.h"

#define SOURCE_FOLDER_READS	8	/* reads of inotify events per call */
#define SOURCE_FOLDER_MASK \
	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

struct source_folder {
	struct source	 base;
	int		 fd;		/* inotify, non-blocking; -1 when closed */
	char		 dir[PATH_MAX];
	struct source_frame frame;
};

static int
source_folder_watch(struct source_folder *d, const char *dir, struct err *e)
{
	int fd;

	if (strlen(dir) >= sizeof d->dir)
		return err_set(e, ERR_INPUT, "folder", "scan.src.folder", "path too long");
	fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd == -1)
		return err_set(e, ERR_SYSTEM, "folder", "scan.src.watch", "inotify: %s",
		    strerror(errno));
	if (inotify_add_watch(fd, dir, SOURCE_FOLDER_MASK | IN_ONLYDIR) == -1) {
		err_set(e, ERR_SYSTEM, "folder", errno == ENOENT || errno == ENOTDIR ?
		    "scan.src.folder" : "scan.src.watch", "%s: %s", dir, strerror(errno));
		close(fd);
		return -1;
	}
	d->fd = fd;
	memcpy(d->dir, dir, strlen(dir) + 1);
	return 0;
}

static struct source *
source_folder_open(const struct source_opts *o, struct err *e)
{
	struct source_folder *d;

	if ((d = calloc(1, sizeof *d)) == NULL) {
		err_set(e, ERR_SYSTEM, NULL, "scan.src.memory", "folder");
		return NULL;
	}
	d->base.cls = &source_folder_class;
	source_frame_init(&d->frame, SCAN_FOLDER, NULL, o->dedupe_ms);
	if (source_folder_watch(d, o->path, e) == -1) {
		free(d);
		return NULL;
	}
	return &d->base;
}

static int
source_folder_fd(const struct source *src)
{
	return ((const struct source_folder *)src)->fd;
}

static void
source_folder_frame(struct source_folder *d, const char *name,
    const struct scan_sink *sink)
{
	char path[PATH_MAX];
	struct err e;

	err_clear(&e);
	if (name[0] == '.')
		return;
	if ((size_t)snprintf(path, sizeof path, "%s/%s", d->dir, name) >= sizeof path) {
		err_set(&e, ERR_INPUT, "folder", "scan.src.folder", "name too long");
		sink->warn(&e, sink->arg);
		return;
	}
	if (source_frame_file(&d->frame, path, scan_now_ms(), sink, &e) == -1)
		sink->warn(&e, sink->arg);
}

static int
source_folder_read(struct source *src, const struct scan_sink *sink, struct err *e)
{
	struct source_folder *d = (struct source_folder *)src;
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	ssize_t n;
	char *p;
	int i;

	if (d->fd == -1)
		return err_set(e, ERR_SYSTEM, "folder", "scan.src.folder_gone", "%s",
		    d->dir);
	/* Bounded, so a writer flooding the folder cannot starve the caller's loop. */
	for (i = 0; i < SOURCE_FOLDER_READS; i++) {
		n = read(d->fd, buf, sizeof buf);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n <= 0)
			return err_set(e, ERR_SYSTEM, "folder", "scan.src.watch", "%s: %s",
			    d->dir, n == 0 ? "end of file" : strerror(errno));
		for (p = buf; p < buf + n; p += sizeof *ev + ev->len) {
			ev = (const struct inotify_event *)p;
			if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED |
			    IN_UNMOUNT)) {
				close(d->fd);
				d->fd = -1;
				return err_set(e, ERR_SYSTEM, "folder",
				    "scan.src.folder_gone", "%s", d->dir);
			}
			if (ev->mask & IN_Q_OVERFLOW) {
				err_set(e, ERR_SYSTEM, "folder", "scan.src.missed", "%s",
				    d->dir);
				sink->warn(e, sink->arg);
				err_clear(e);
				continue;
			}
			if (ev->len > 0 && !(ev->mask & IN_ISDIR))
				source_folder_frame(d, ev->name, sink);
		}
	}
	return 0;
}

static void
source_folder_close(struct source *src)
{
	struct source_folder *d = (struct source_folder *)src;

	if (d->fd != -1)
		close(d->fd);
	free(d);
}

const struct source_class source_folder_class = {
	"folder", source_folder_open, source_folder_fd, source_folder_read,
	source_folder_close
};
