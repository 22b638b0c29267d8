/*
 * source-folder.h: frames dropped into a folder, the kind "folder" (source.h).
 *
 * A folder stands in for a camera: whatever writes frames into it (a test, a
 * support script, another capture program) makes scans. The folder is watched
 * with inotify for files finished writing (IN_CLOSE_WRITE) or moved in
 * (IN_MOVED_TO); files there before the watch began are not read. Names starting
 * with a dot are skipped, so a writer can fill ".name" and rename it into place
 * without the half-written file being read. Each new frame goes through
 * source_frame_decode() with source SCAN_FOLDER; a frame that cannot be read is a
 * warning to the sink, not the end of the source.
 */
#ifndef JSD_SOURCE_FOLDER_H
#define JSD_SOURCE_FOLDER_H

#include "source.h"

extern const struct source_class source_folder_class;

#endif
