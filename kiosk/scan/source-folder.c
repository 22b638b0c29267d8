/*
 * source-folder.c: inotify on a folder of frames, and image files; see
 * source-folder.h.
 *
 * inotify gives names, not files: the file may be gone or replaced by the time it
 * is read, which is fine (image_load() fails cleanly and that frame is a warning).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "source-folder.h"

#define SRCDIR_READS	8	/* reads of inotify events per call */
#define SRCDIR_MASK	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

void
srcdir_init(struct srcdir *d, const struct decode_opts *opts, int64_t dedupe_ms)
{
	memset(d, 0, sizeof *d);
	d->fd = -1;
	srcframe_init(&d->frame, SCAN_FOLDER, opts, dedupe_ms);
}

int
srcdir_open(struct srcdir *d, const char *dir, struct err *e)
{
	int fd;

	if (strlen(dir) >= sizeof d->dir)
		return err_set(e, ERR_INPUT, "folder", "scan.src.folder", "path too long");
	srcdir_close(d);
	fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd == -1)
		return err_set(e, ERR_SYSTEM, "folder", "scan.src.watch", "inotify: %s",
		    strerror(errno));
	if (inotify_add_watch(fd, dir, SRCDIR_MASK | IN_ONLYDIR) == -1) {
		err_set(e, ERR_SYSTEM, "folder", errno == ENOENT || errno == ENOTDIR ?
		    "scan.src.folder" : "scan.src.watch", "%s: %s", dir, strerror(errno));
		close(fd);
		return -1;
	}
	d->fd = fd;
	memcpy(d->dir, dir, strlen(dir) + 1);
	return 0;
}

int
srcdir_fd(const struct srcdir *d)
{
	return d->fd;
}

static void
srcdir_frame(struct srcdir *d, const char *name, const struct scan_sink *sink)
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
	if (srcframe_file(&d->frame, path, scan_now_ms(), sink, &e) == -1)
		sink->warn(&e, sink->arg);
}

int
srcdir_read(struct srcdir *d, const struct scan_sink *sink, struct err *e)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	ssize_t n;
	char *p;
	int i;

	if (d->fd == -1)
		return err_set(e, ERR_SYSTEM, "folder", "scan.src.folder_gone", "%s",
		    d->dir);
	/* Bounded, so a writer flooding the folder cannot starve the caller's loop. */
	for (i = 0; i < SRCDIR_READS; i++) {
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
				srcdir_close(d);
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
				srcdir_frame(d, ev->name, sink);
		}
	}
	return 0;
}

void
srcdir_close(struct srcdir *d)
{
	if (d->fd != -1)
		close(d->fd);
	d->fd = -1;
	srcframe_free(&d->frame);
}

int
srcdir_file(const char *path, const struct decode_opts *opts,
    const struct scan_sink *sink, struct err *e)
{
	struct srcframe f;

	int rc;

	srcframe_init(&f, SCAN_FILE, opts, 0);
	rc = srcframe_file(&f, path, scan_now_ms(), sink, e);
	srcframe_free(&f);
	return rc;
}
