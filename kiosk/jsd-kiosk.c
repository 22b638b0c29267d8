/*
 * jsd-kiosk.c: the full-screen program. --mode kiosk (self-service, the default),
 * counter or supervisor. It finds its registry and station as jsdctl does
 * (kiosk/paths.c), so with no options it runs on the demo registry that the
 * README's quick start created.
 */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame-private.h"
#include "msg.h"
#include "paths.h"
#include "source-camera.h"

static const struct option kiosk_options[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "station", required_argument, NULL, 's' },
	{ "config", required_argument, NULL, 'c' },
	{ "lang", required_argument, NULL, 'l' },
	{ "mode", required_argument, NULL, 'm' },
	{ "frames", required_argument, NULL, 'f' },
	{ "serial", required_argument, NULL, 'S' },
	{ "camera", required_argument, NULL, 'C' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static int
parse_mode(const char *s, enum frame_mode *m)
{
	if (strcmp(s, "kiosk") == 0)
		*m = FRAME_KIOSK;
	else if (strcmp(s, "counter") == 0)
		*m = FRAME_COUNTER;
	else if (strcmp(s, "supervisor") == 0)
		*m = FRAME_SUPERVISOR;
	else
		return -1;
	return 0;
}

/* The scanners: each one's option, configuration key and kind of source
 * (source.h), in the order they open. */
static const struct kiosk_scanner {
	int		 ch;		/* getopt's value for its option */
	const char	*cfg;
	const char	*kind;
} kiosk_scanners[] = {
	{ 'S', "serial", "serial" },
	{ 'f', "frames_dir", "folder" },
	{ 'C', "camera", "camera" },
};

#define KIOSK_NSCANNERS	(sizeof kiosk_scanners / sizeof kiosk_scanners[0])

/* Takes a scanner option's value; -1 if ch is no scanner's. */
static int
kiosk_scanner_arg(int ch, const char *arg, const char **given)
{
	size_t i;

	for (i = 0; i < KIOSK_NSCANNERS; i++) {
		if (kiosk_scanners[i].ch == ch) {
			given[i] = arg;
			return 0;
		}
	}
	return -1;
}

/* The camera's frame size and pixel format from the configuration; a value
 * neither takes stops the program, as an unknown key does. */
static int
kiosk_camera_opts(const struct cfg *cfg, struct source_opts *o, struct err *e)
{
	const char *size = cfg_get(cfg, "camera_size");
	const char *format = cfg_get(cfg, "camera_format");

	if (size != NULL && source_camera_size_parse(size, o) != 0)
		return err_set(e, ERR_INPUT, "camera_size", "cfg.bad_value",
		    "camera_size");
	if (format != NULL && source_camera_fourcc_parse(format, &o->fourcc) != 0)
		return err_set(e, ERR_INPUT, "camera_format", "cfg.bad_value",
		    "camera_format");
	return 0;
}

/* The sources to open: options win over the configuration file. */
static int
kiosk_sources(const struct cfg *cfg, const char **given, struct frame_sources *src,
    struct err *e)
{
	struct source_spec *sp;
	const char *path;
	long speed;
	size_t i;

	if (cfg_int(cfg, "serial_speed", 9600, &speed, e) != 0)
		return -1;
	for (i = 0; i < KIOSK_NSCANNERS; i++) {
		path = given[i] != NULL ? given[i] : cfg_get(cfg, kiosk_scanners[i].cfg);
		if (path == NULL)
			continue;
		sp = &src->spec[src->n++];
		sp->cls = source_class_find(kiosk_scanners[i].kind);
		source_opts_default(&sp->opts);
		sp->opts.path = path;
		sp->opts.speed = (int)speed;
		sp->opts.wait = 1;	/* a camera plugged in later still works */
		if (sp->cls == &source_camera_class &&
		    kiosk_camera_opts(cfg, &sp->opts, e) != 0)
			return -1;
	}
	return 0;
}

static int
fail(const struct err *e)
{
	fprintf(stderr, "jsd-kiosk: %s", msg_get(e->key));
	if (e->detail[0] != '\0')
		fprintf(stderr, " (%s)", e->detail);
	fputc('\n', stderr);
	return 2;
}

static int
run(struct paths *p, enum frame_mode mode, const char **given)
{
	struct frame_sources src;
	struct regfile_note files;
	struct reg *r;
	struct err e;
	int rc, tolerance, flags = mode == FRAME_KIOSK ? TTY_KIOSK : 0;

	err_clear(&e);
	if (!tty_shows_cjk()) {
		/* Said in English: the console can draw that, not Chinese. */
		msg_set_lang(MSG_EN);
		fprintf(stderr, "jsd-kiosk: %s\n", msg_get("frame.no_cjk"));
		return 2;
	}
	if (paths_resolve(p) != 0)
		return fail(&p->err);
	memset(&src, 0, sizeof src);
	if (paths_lang(p, &e) != 0 ||
	    kiosk_sources(&p->cfg, given, &src, &e) != 0 ||
	    paths_make_db_dir(p->db, &e) != 0 ||
	    paths_guard_db(p->db, p->key_file, 0, "jsd-kiosk", &files, &e) != 0 ||
	    paths_clock_tolerance(&p->cfg, &tolerance, &e) != 0 ||
	    paths_db_retry(&p->cfg, &e) != 0 ||
	    reg_open(&r, p->db, p->station, &e) != 0)
		return fail(&e);
	if (reg_set_clock_tolerance(r, tolerance, &e) != 0 ||
	    paths_setup_checkpoints(r, p->db, p->key_file, &p->cfg, &e) != 0) {
		reg_close(r);
		return fail(&e);
	}
	if (tty_init(flags) != 0) {
		reg_close(r);
		fprintf(stderr, "jsd-kiosk: %s\n", msg_get("frame.need_utf8"));
		return 2;
	}
	rc = frame_run(mode, r, &p->cfg, p->station, &src);
	tty_end();
	reg_close(r);
	return rc;
}

int
main(int argc, char **argv)
{
	static struct paths p;
	const char *given[KIOSK_NSCANNERS] = { NULL };
	enum frame_mode mode = FRAME_KIOSK;
	enum msg_lang lang;
	int ch;

	setlocale(LC_ALL, "");
	paths_init(&p);
	msg_lang_from_env();
	while ((ch = getopt_long(argc, argv, "d:s:c:l:m:f:S:C:hV", kiosk_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'd': p.db_arg = optarg; break;
		case 's': p.station_arg = optarg; break;
		case 'c': p.config_arg = optarg; break;
		case 'l':
			if (msg_lang_from_name(optarg, &lang) != 0)
				goto usage;
			msg_set_lang(lang);
			p.lang_set = 1;
			break;
		case 'm':
			if (parse_mode(optarg, &mode) != 0)
				goto usage;
			break;
		case 'h':
			printf("%s\n", msg_get("frame.usage"));
			return 0;
		case 'V':
			printf("jsd-kiosk %s\n", PACKAGE_VERSION);
			return 0;
		default:
			if (kiosk_scanner_arg(ch, optarg, given) != 0)
				goto usage;
			break;
		}
	}
	if (optind != argc)
		goto usage;
	return run(&p, mode, given);
usage:
	fprintf(stderr, "%s\n", msg_get("frame.usage"));
	return 2;
}
