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

/* Options win over the configuration file for the scanners too. */
static void
sources_from_cfg(const struct cfg *cfg, struct frame_sources *src)
{
	struct err e;
	long speed;

	if (src->frames_dir == NULL)
		src->frames_dir = cfg_get(cfg, "frames_dir");
	if (src->serial == NULL)
		src->serial = cfg_get(cfg, "serial");
	if (src->camera == NULL)
		src->camera = cfg_get(cfg, "camera");
	src->serial_speed = 9600;
	if (cfg_get_int(cfg, "serial_speed", 1200, 921600, 9600, &speed, &e) == 0)
		src->serial_speed = (int)speed;
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
run(struct paths *p, enum frame_mode mode, struct frame_sources *src)
{
	struct reg *r;
	struct err e;
	int rc, tolerance, flags = mode == FRAME_KIOSK ? TTY_KIOSK : 0;

	err_clear(&e);
	if (paths_resolve(p) != 0)
		return fail(&p->err);
	sources_from_cfg(&p->cfg, src);
	if (paths_make_db_dir(p->db, &e) != 0 ||
	    paths_clock_tolerance(&p->cfg, &tolerance, &e) != 0 ||
	    reg_open(&r, p->db, p->station, &e) != 0)
		return fail(&e);
	if (reg_set_clock_tolerance(r, tolerance, &e) != 0) {
		reg_close(r);
		return fail(&e);
	}
	if (tty_init(flags) != 0) {
		reg_close(r);
		fprintf(stderr, "jsd-kiosk: %s\n", msg_get("frame.need_utf8"));
		return 2;
	}
	rc = frame_run(mode, r, &p->cfg, p->station, src);
	tty_end();
	reg_close(r);
	return rc;
}

int
main(int argc, char **argv)
{
	static struct paths p;
	struct frame_sources src;
	enum frame_mode mode = FRAME_KIOSK;
	enum msg_lang lang;
	int ch;

	setlocale(LC_ALL, "");
	paths_init(&p);
	memset(&src, 0, sizeof src);
	msg_lang_from_env();
	while ((ch = getopt_long(argc, argv, "d:s:c:l:m:f:S:C:hV", kiosk_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'd': p.db_arg = optarg; break;
		case 's': p.station_arg = optarg; break;
		case 'c': p.config_arg = optarg; break;
		case 'f': src.frames_dir = optarg; break;
		case 'S': src.serial = optarg; break;
		case 'C': src.camera = optarg; break;
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
			goto usage;
		}
	}
	if (optind != argc)
		goto usage;
	return run(&p, mode, &src);
usage:
	fprintf(stderr, "%s\n", msg_get("frame.usage"));
	return 2;
}
