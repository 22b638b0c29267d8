/*
 * source-file.h: one image file as a scanner, the kind "file" (source.h).
 *
 * The file (PNG, JPEG, PGM) is decoded as one frame with source SCAN_FILE: each
 * code in it is delivered once, and then the source is done. Its descriptor is
 * the file itself, open for reading, which poll() always reports ready, so it
 * runs through the same loop as the devices.
 */
#ifndef JSD_SOURCE_FILE_H
#define JSD_SOURCE_FILE_H

#include "source.h"

extern const struct source_class source_file_class;

#endif
