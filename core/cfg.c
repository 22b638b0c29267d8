/* cfg.c: see cfg.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "escpos.h"

const char *const cfg_known_keys[] = {
	"db",			/* registry: a SQLite file or a PostgreSQL URI */
	"key_file",		/* signing key; default: beside a registry file */
	"clock_tolerance",	/* seconds the station's clock may be off the server's */
	"db_retry",		/* seconds a lost database server is tried again */
	"checkpoint_file",	/* signed checkpoints of the event log */
	"station",		/* this station's ID in every event */
	"lang",			/* zh_CN or en */
	"idle_seconds",		/* kiosk: return to start after this idle time */
	"admin_pin",		/* kiosk: PIN that lets an administrator leave */
	"admin_key",		/* kiosk: the F key (1-12) that asks for it */
	"result_seconds",	/* counter: verdict screen clears after this */
	"identity_url",		/* population information platform endpoint */
	"sms_url",		/* SMS gateway endpoint */
	"http_timeout_ms",	/* total time allowed for one call to either */
	"camera",		/* V4L2 device */
	"camera_size",		/* WxH */
	"camera_format",	/* yuyv or mjpeg */
	"serial",		/* serial scanner tty */
	"serial_speed",		/* its baud rate */
	"wedge_gap_ms",		/* keyboard-wedge scanner: max gap between keys */
	"frames_dir",		/* image folder standing in for a camera */
	"matters",		/* authorized matters offered, comma-separated codes */
	"printer",		/* kiosk: receipt printer device (or file) for tickets */
	"printer_dots",		/* its paper's width in dots: 384 (58 mm), 576 (80 mm) */
	"printer_font",		/* Unifont .hex file its text is drawn with */
	NULL
};

/* The numeric keys and their ranges, in one place for the programs that read
 * them and for "jsdctl doctor", which checks them. */
static const struct cfg_range {
	const char	*key;
	long		 min, max;
} cfg_ranges[] = {
	{ "clock_tolerance", 0, 86400 },
	{ "db_retry", 0, 86400 },
	{ "idle_seconds", 1, 86400 },
	{ "admin_key", 1, 12 },
	{ "result_seconds", 1, 86400 },
	{ "http_timeout_ms", 100, 120000 },
	{ "serial_speed", 1200, 921600 },
	{ "wedge_gap_ms", 5, 200 },
	{ "printer_dots", 64, ESCPOS_MAX_WIDTH },
};

void
cfg_init(struct cfg *c)
{
	memset(c, 0, sizeof *c);
}

static char *
cfg_trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' ||
	    end[-1] == '\n'))
		*--end = '\0';
	return s;
}

static int
cfg_known(const char *key)
{
	int i;

	for (i = 0; cfg_known_keys[i] != NULL; i++) {
		if (strcmp(cfg_known_keys[i], key) == 0)
			return 1;
	}
	return 0;
}

static struct cfg_entry *
cfg_slot(struct cfg *c, const char *key)
{
	int i;

	for (i = 0; i < c->n; i++) {
		if (strcmp(c->entries[i].key, key) == 0)
			return &c->entries[i];
	}
	if (c->n == CFG_MAX_ENTRIES)
		return NULL;
	return &c->entries[c->n++];
}

static int
cfg_line(struct cfg *c, char *line, struct err *e)
{
	struct cfg_entry *ent;
	char *eq, *key, *value;

	line = cfg_trim(line);
	if (*line == '\0' || *line == '#')
		return 0;
	if ((eq = strchr(line, '=')) == NULL)
		return err_set(e, ERR_INPUT, NULL, "cfg.syntax", NULL);
	*eq = '\0';
	key = cfg_trim(line);
	value = cfg_trim(eq + 1);
	if (!cfg_known(key))
		return err_set(e, ERR_INPUT, NULL, "cfg.unknown_key", "%.63s", key);
	if (strlen(value) >= CFG_VALUE_SIZE)
		return err_set(e, ERR_INPUT, NULL, "cfg.too_long", "%s", key);
	if ((ent = cfg_slot(c, key)) == NULL)
		return err_set(e, ERR_INPUT, NULL, "cfg.too_many", NULL);
	strcpy(ent->key, key);
	strcpy(ent->value, value);
	return 0;
}

int
cfg_load(struct cfg *c, const char *path, int optional, struct err *e)
{
	char line[CFG_KEY_SIZE + CFG_VALUE_SIZE + 8];
	FILE *f;
	int lineno = 0, rc = 0;
	size_t n;

	if ((f = fopen(path, "r")) == NULL) {
		if (optional && errno == ENOENT)
			return 0;
		return err_set(e, ERR_SYSTEM, NULL, "cfg.unreadable", "%s: %s", path,
		    strerror(errno));
	}
	while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
		lineno++;
		n = strlen(line);
		if (n == sizeof line - 1 && line[n - 1] != '\n')
			rc = err_set(e, ERR_INPUT, NULL, "cfg.too_long", NULL);
		else
			rc = cfg_line(c, line, e);
	}
	if (rc == 0 && ferror(f))
		rc = err_set(e, ERR_SYSTEM, NULL, "cfg.unreadable", "%s", path);
	fclose(f);
	if (rc != 0) {
		c->bad_line = lineno;
		snprintf(e->detail, sizeof e->detail, "%s:%d", path, lineno);
	}
	return rc;
}

const char *
cfg_get(const struct cfg *c, const char *key)
{
	int i;

	for (i = 0; i < c->n; i++) {
		if (strcmp(c->entries[i].key, key) == 0)
			return c->entries[i].value;
	}
	return NULL;
}

static int
cfg_get_int(const struct cfg *c, const char *key, long min, long max, long def,
    long *out, struct err *e)
{
	const char *s = cfg_get(c, key);
	char *end;
	long v;

	*out = def;
	if (s == NULL)
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return err_set(e, ERR_INPUT, NULL, "cfg.bad_number", "%s", key);
	*out = v;
	return 0;
}

static const struct cfg_range *
cfg_range(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof cfg_ranges / sizeof cfg_ranges[0]; i++)
		if (strcmp(cfg_ranges[i].key, key) == 0)
			return &cfg_ranges[i];
	return NULL;
}

int
cfg_is_int(const char *key)
{
	return cfg_range(key) != NULL;
}

int
cfg_int(const struct cfg *c, const char *key, long def, long *out,
    struct err *e)
{
	const struct cfg_range *r = cfg_range(key);

	if (r != NULL)
		return cfg_get_int(c, key, r->min, r->max, def, out, e);
	*out = def;
	return err_set(e, ERR_INPUT, NULL, "cfg.bad_number", "%s", key);
}
