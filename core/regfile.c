/*
 * regfile.c: see regfile.h.
 *
 * Tightening is done on open rather than only at creation because registries
 * made before this rule (mode 0644) exist, and because an administrator's
 * copy or restore with cp may loosen a file again. A file this process does
 * not own cannot be chmod'ed by it; continuing would keep the personal data
 * readable, so the process refuses and says who must fix it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "regfile.h"

int
regfile_create(const char *path, int replace, struct err *e)
{
	int fd, flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC;

	flags |= replace ? O_TRUNC : O_EXCL;
	if ((fd = open(path, flags, 0600)) < 0)
		return err_set(e, errno == EEXIST ? ERR_CONFLICT : ERR_SYSTEM, NULL,
		    errno == EEXIST ? "regfile.exists" : "regfile.create", "%s: %s",
		    path, strerror(errno));
	/* The umask may have taken bits away, and a replaced file keeps its mode. */
	if (fchmod(fd, 0600) != 0) {
		close(fd);
		return err_set(e, ERR_SYSTEM, NULL, "regfile.create", "%s: %s", path,
		    strerror(errno));
	}
	return fd;
}

static void
regfile_noted(struct regfile_note *n, const char *path, mode_t mode, int fixed)
{
	if (fixed)
		n->tightened++;
	else
		n->loose++;
	snprintf(n->path, sizeof n->path, "%s", path);
	n->mode = (unsigned)(mode & 07777);
}

/*
 * The bits of mode that must go. Group read and write together are a station
 * group given on purpose (regfile.h) and stay; group access short of that is
 * the umask's leftover (0644, 0640) and goes with others'.
 */
static mode_t
regfile_excess(mode_t mode, int group_ok)
{
	mode_t g = mode & S_IRWXG;

	if (group_ok && g == (S_IRGRP | S_IWGRP))
		return mode & S_IRWXO;
	return mode & (S_IRWXG | S_IRWXO);
}

/* One file; group_ok for the registry's, whose group may be stations'. */
static int
regfile_check(const char *path, int group_ok, int lenient, struct regfile_note *n,
    struct err *e)
{
	struct stat st;
	mode_t mask;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		return err_set(e, ERR_SYSTEM, NULL, "regfile.stat", "%s: %s", path,
		    strerror(errno));
	}
	if (!S_ISREG(st.st_mode) || (mask = regfile_excess(st.st_mode, group_ok)) == 0)
		return 0;
	if (st.st_uid == geteuid() && chmod(path, st.st_mode & 07777 & ~mask) == 0) {
		regfile_noted(n, path, st.st_mode, 1);
		return 0;
	}
	if (lenient) {
		regfile_noted(n, path, st.st_mode, 0);
		return 0;
	}
	return err_set(e, ERR_SYSTEM, NULL, "regfile.readable",
	    "%s: mode %04o, owner uid %ld", path, (unsigned)(st.st_mode & 07777),
	    (long)st.st_uid);
}

int
regfile_guard(const char *db, const char *keyfile, int lenient,
    struct regfile_note *n, struct err *e)
{
	static const char *const sides[] = { "", "-wal", "-shm" };
	char path[REGFILE_PATH_MAX];
	size_t i;
	int len;

	memset(n, 0, sizeof *n);
	for (i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		len = snprintf(path, sizeof path, "%s%s", db, sides[i]);
		if (len < 0 || (size_t)len >= sizeof path)
			return err_set(e, ERR_INPUT, "db", "paths.too_long", NULL);
		if (regfile_check(path, 1, lenient, n, e) != 0)
			return -1;
	}
	if (keyfile == NULL) {
		len = snprintf(path, sizeof path, "%s.key", db);
		if (len < 0 || (size_t)len >= sizeof path)
			return err_set(e, ERR_INPUT, "db", "paths.too_long", NULL);
		keyfile = path;
	}
	return regfile_check(keyfile, 0, lenient, n, e);
}
