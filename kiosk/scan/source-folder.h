/*
 * source-folder.h: frames dropped into a folder, and single image files.
 *
 * A folder stands in for a camera: whatever writes frames into it (a test, a
 * support script, another capture program) makes scans. The folder is watched
 * with inotify for files finished writing (IN_CLOSE_WRITE) or moved in
 * (IN_MOVED_TO); files there before the watch began are not read. Names starting
 * with a dot are skipped, so a writer can fill ".name" and rename it into place
 * without the half-written file being read. Each new frame goes through
 * srcframe_decode() with source SCAN_FOLDER; a frame that cannot be read is a
 * warning to the sink, not the end of the source.
 */
#ifndef JSD_SOURCE_FOLDER_H
#define JSD_SOURCE_FOLDER_H

#include <limits.h>
#include <stdint.h>

#include "err.h"
#include "scan.h"
#include "source-frame.h"

struct srcdir {
	int		 fd;		/* inotify, non-blocking; -1 when closed */
	char		 dir[PATH_MAX];
	struct srcframe	 frame;
};

void	srcdir_init(struct srcdir *, const struct decode_opts *, int64_t dedupe_ms);
int	srcdir_open(struct srcdir *, const char *dir, struct err *);
int	srcdir_fd(const struct srcdir *);
/* Decodes the frames that arrived since the last call. -1 when the folder itself
 * went away (deleted, moved, unmounted) or the watch failed. */
int	srcdir_read(struct srcdir *, const struct scan_sink *, struct err *);
void	srcdir_close(struct srcdir *);

/* Decodes one image file as a SCAN_FILE frame (no dedupe across calls matters
 * for one file: every code in it is delivered once). */
int	srcdir_file(const char *path, const struct decode_opts *,
	    const struct scan_sink *, struct err *);

#endif
