/*
 * ctl-decode.c: "jsdctl decode", the codes in image files.
 *
 * Reads each file (PNG, JPEG or PGM) with the decoder settings the kiosk ships and
 * prints every code found as "FILE: FORMAT TEXT", or with --json one object a
 * file. The text of a code is untrusted, and so is a file name taken from a
 * folder: both go through text_safe() before reaching the terminal. It does not
 * open the registry. Exit status: 2 if a file could not be read (the others are
 * still decoded), else 1 if some file held no code, else 0.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "ctl.h"
#include "decode.h"
#include "image.h"
#include "msg.h"
#include "text.h"

static const struct option ctl_decode_options[] = {
	{ "formats", required_argument, NULL, 'f' },
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* Parses "qr,code128,..." into decode_format bits; -1 on an unknown name. */
static int
ctl_decode_formats(const char *list, unsigned *formats)
{
	char	 buf[256], *name, *save = NULL;
	char	 safe[64];
	unsigned f;

	if (strlen(list) >= sizeof buf)
		return -1;
	strcpy(buf, list);
	*formats = 0;
	for (name = strtok_r(buf, ",", &save); name != NULL;
	    name = strtok_r(NULL, ",", &save)) {
		if ((f = decode_format_parse(name)) == 0) {
			text_safe(name, strlen(name), safe, sizeof safe);
			fprintf(stderr, "jsdctl: %s: %s\n",
			    msg_get("scan.decode.format"), safe);
			return -1;
		}
		*formats |= f;
	}
	return *formats == 0 ? -1 : 0;
}

/* A code found, with the file it was found in (a column of the text line). */
struct ctl_decode_row {
	const char		*file;
	struct decode_result	 r;
};

static const char *
ctl_decode_format(const void *row)
{
	return decode_format_name(((const struct ctl_decode_row *)row)->r.format);
}

/* The code's bytes, untrusted, made safe to show. */
static const char *
ctl_decode_text(const void *row, char *cell, size_t len)
{
	const struct ctl_decode_row *d = row;

	text_safe((const char *)d->r.bytes, d->r.len, cell, len);
	return cell;
}

_Static_assert(CTL_COL_ROOM >= 4 * DECODE_MAX_BYTES + 1,
    "a code made safe (\\xNN a byte at worst) fits a cell");

static const struct ctl_col ctl_decode_cols[] = {
	CTL_COL(NULL, 1, "%s: ", CTL_COL_STRP, struct ctl_decode_row, file),
	CTL_COL_FN("format", 2, "%s ", ctl_decode_format),
	CTL_COL_CELL("text", 3, "%s", ctl_decode_text),
	CTL_COL("x", 0, NULL, CTL_COL_INT, struct ctl_decode_row, r.x),
	CTL_COL("y", 0, NULL, CTL_COL_INT, struct ctl_decode_row, r.y),
	CTL_COL("w", 0, NULL, CTL_COL_INT, struct ctl_decode_row, r.w),
	CTL_COL("h", 0, NULL, CTL_COL_INT, struct ctl_decode_row, r.h),
};

static void
ctl_decode_print(const char *file, const struct decode_result *r, size_t n,
    int json)
{
	static struct ctl_decode_row row;	/* a whole result: not on the stack */
	struct ctl_list l;
	json_t *obj;
	size_t i;

	ctl_list_start(&l, ctl_decode_cols, CTL_NCOLS(ctl_decode_cols), json);
	row.file = file;
	for (i = 0; i < n; i++) {
		row.r = r[i];
		ctl_list_row(&l, &row);
	}
	if (!json)
		return;
	obj = json_pack("{s:s, s:o}", "file", file, "codes", ctl_list_take(&l));
	if (obj == NULL)
		fprintf(stderr, "jsdctl: %s: %s\n", file, msg_get("decode.failed"));
	else
		ctl_print_json(obj);
}

/* Decodes one file; returns its exit status (0, 1 nothing found, 2 unreadable). */
static int
ctl_decode_file(const char *path, const struct decode_opts *o, int json)
{
	static struct decode_result	 res[DECODE_MAX_RESULTS];
	char				 file[1024], detail[1024];
	struct image			 img;
	struct err			 e;
	size_t				 n;
	int				 rc;

	text_safe(path, strlen(path), file, sizeof file);
	err_clear(&e);
	rc = image_load(path, &img, &e);
	if (rc == 0) {
		rc = decode_gray(img.gray, img.width, img.height, img.width, 1, o,
		    res, DECODE_MAX_RESULTS, &n, &e);
		image_free(&img);
	}
	if (rc != 0) {
		/* The detail names the file and what libpng or libjpeg said. */
		text_safe(e.detail, strlen(e.detail), detail, sizeof detail);
		fprintf(stderr, "jsdctl: %s: %s (%s)\n", file, msg_get(e.key),
		    detail);
		return 2;
	}
	ctl_decode_print(file, res, n, json);
	if (n == 0) {
		fprintf(stderr, "jsdctl: %s: %s\n", file, msg_get("scan.decode.none"));
		return 1;
	}
	return 0;
}

int
ctl_decode(struct ctl *c, int argc, char **argv)
{
	struct decode_opts	o;
	int			ch, i, rc = 0, frc, json = c->json;

	decode_opts_default(&o);
	if (ctl_wants_help(argc, argv))
		return ctl_help("scan.decode.usage");
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "f:j", ctl_decode_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (ctl_decode_formats(optarg, &o.formats) != 0)
				return ctl_usage("scan.decode.usage");
			break;
		case 'j':
			json = 1;
			break;
		default:
			return ctl_usage("scan.decode.usage");
		}
	}
	if (optind >= argc)
		return ctl_usage("scan.decode.usage");
	for (i = optind; i < argc; i++) {
		frc = ctl_decode_file(argv[i], &o, json);
		if (frc > rc)
			rc = frc;
	}
	return rc;
}
