/*
 * source.h: the one interface every scanner source has, the input side of
 * struct scan_sink.
 *
 * A source is a device or a file that turns what it reads into scan events:
 * open it, poll its file descriptor, read when it is ready (the events go to a
 * scan_sink), close it. Each kind is a struct source_class in a file of its own
 * (source-serial.c, source-folder.c, source-camera.c, source-file.c) and one line
 * in the table in source.c; jsdctl scan and jsd-kiosk's frame run them through
 * the same struct source_set and never name a kind, so a new kind of scanner is a
 * new file, its line in the table and its messages.
 *
 * A kind's own struct starts with a struct source (htop's Object and its class),
 * so the set holds any kind as a struct source pointer.
 *
 * The keyboard-wedge scanner is not a source: its keys come through the
 * terminal the frame already reads, mixed with a person's typing, so it has no
 * descriptor of its own; wedge.c tells the two apart for the frame.
 */
#ifndef JSD_SOURCE_H
#define JSD_SOURCE_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "scan.h"

#define SOURCE_MAX	8	/* sources one program runs at once */
#define SOURCE_DONE	1	/* read(): the source has nothing more to give */

/* How to open a source; each kind reads the fields it has a use for. */
struct source_opts {
	const char	*path;		/* device, folder or image file */
	int		 speed;		/* serial: bits a second; 0 for the default */
	int		 width;		/* camera: frame size asked; 0 for the default */
	int		 height;
	uint32_t	 fourcc;	/* camera: V4L2 pixel format; 0 for any */
	int		 wait;		/* camera: start before the device is there */
	int64_t		 dedupe_ms;	/* window of the dedupe filter */
};

struct source;

struct source_class {
	const char	*name;		/* "serial": as scan_source_name() says it */
	/* Makes the source and opens its device; NULL, with e, if it cannot. */
	struct source	*(*open)(const struct source_opts *, struct err *);
	/* The descriptor to poll for POLLIN. */
	int		 (*fd)(const struct source *);
	/* Delivers what is there to the sink without blocking: 0, SOURCE_DONE, or
	 * -1 with e when the source failed or went away. */
	int		 (*read)(struct source *, const struct scan_sink *, struct err *);
	/* Closes the device and frees the source. */
	void		 (*close)(struct source *);
};

struct source {
	const struct source_class *cls;
};

/* A source to open: its kind and options. */
struct source_spec {
	const struct source_class *cls;
	struct source_opts	 opts;
};

/* The sources a program runs; zero it before use. */
struct source_set {
	struct source		*src[SOURCE_MAX];
	size_t			 n;
};

/* The kinds in the table, i from 0; NULL past the last. */
const struct source_class *source_class_at(size_t i);
/* The kind of that name; NULL if there is none. */
const struct source_class *source_class_find(const char *name);
/* Defaults for every field: no path, the kinds' own defaults, SCAN_DEDUPE_MS. */
void	source_opts_default(struct source_opts *);

/* Opens each spec in order into the set; on a failure closes what it opened
 * and returns -1 with the failing source's error. */
int	source_open_all(struct source_set *, const struct source_spec *, size_t n,
	    struct err *);
/* Fills p (room for max) with each source's descriptor and POLLIN; the count. */
size_t	source_poll_fds(const struct source_set *, struct pollfd *p, size_t max);
/* Reads the source polling on fd. A source that is done or failed is closed and
 * leaves the set: SOURCE_DONE, or -1 with e; 0 otherwise (also for an fd no
 * source has). */
int	source_read_fd(struct source_set *, int fd, const struct scan_sink *,
	    struct err *);
void	source_close_all(struct source_set *);

#endif
