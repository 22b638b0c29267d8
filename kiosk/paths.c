/*
 * paths.c: see paths.h. Precedence, highest first: command-line option,
 * environment ($JSD_DB, $JSD_KEY_FILE, $JSD_STATION), configuration file (the
 * user's, else the system's in SYSCONFDIR/jsd-kiosk), XDG default. A registry named by a postgresql:// URI is never taken for a file.
 */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "evcheck.h"
#include "msg.h"
#include "paths.h"
#include "regfile.h"

void
paths_init(struct paths *p)
{
	memset(p, 0, sizeof *p);
	cfg_init(&p->cfg);
	err_clear(&p->err);
}

static const char *
paths_home(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home != NULL && *home != '\0')
		return home;
	if ((pw = getpwuid(getuid())) != NULL)
		return pw->pw_dir;
	return "/";
}

/* $VAR if set and absolute (as the XDG spec says), else $HOME/fallback. */
static int
paths_xdg(char *buf, size_t len, const char *var, const char *fallback,
    const char *leaf)
{
	const char *base = getenv(var);
	int n;

	if (base != NULL && base[0] == '/')
		n = snprintf(buf, len, "%s/jsd-kiosk/%s", base, leaf);
	else
		n = snprintf(buf, len, "%s/%s/jsd-kiosk/%s", paths_home(), fallback,
		    leaf);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

static int
paths_copy(char *buf, size_t len, const char *s)
{
	if (strlen(s) >= len)
		return -1;
	strcpy(buf, s);
	return 0;
}

/* The host name, with anything a station ID may not hold turned into '-'. */
static void
paths_default_station(char *buf, size_t len)
{
	char host[256];
	size_t i;

	if (gethostname(host, sizeof host) != 0 || host[0] == '\0')
		strcpy(host, "station");
	host[sizeof host - 1] = '\0';
	for (i = 0; host[i] != '\0' && i < len - 1; i++) {
		buf[i] = strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789_.-", host[i]) != NULL ? host[i] : '-';
	}
	buf[i] = '\0';
}

/* The user's configuration if there is one, else the system's, where the
 * package installs it; a station's service account has no file of its own. */
static int
paths_default_config(char *buf, size_t len)
{
	if (paths_xdg(buf, len, "XDG_CONFIG_HOME", ".config", "jsd.conf") != 0)
		return -1;
	if (access(buf, F_OK) == 0 || errno != ENOENT)
		return 0;
	return paths_copy(buf, len, JSD_SYSCONFDIR "/jsd-kiosk/jsd.conf");
}

static int
paths_config(struct paths *p)
{
	const char *lang;
	enum msg_lang l;

	if (p->config_arg != NULL) {
		if (paths_copy(p->config, sizeof p->config, p->config_arg) != 0)
			return err_set(&p->err, ERR_INPUT, "config", "paths.too_long",
			    NULL);
	} else if (paths_default_config(p->config, sizeof p->config) != 0)
		return err_set(&p->err, ERR_INPUT, "config", "paths.too_long", NULL);
	if (cfg_load(&p->cfg, p->config, p->config_arg == NULL, &p->err) != 0)
		return -1;
	/* --lang and $JSD_LANG win over the file. */
	if ((lang = cfg_get(&p->cfg, "lang")) != NULL && !p->lang_set &&
	    getenv("JSD_LANG") == NULL) {
		if (msg_lang_from_name(lang, &l) == 0)
			msg_set_lang(l);
		else
			p->lang_bad = 1;
	}
	return 0;
}

int
paths_lang(const struct paths *p, struct err *e)
{
	if (p->lang_bad)
		return err_set(e, ERR_INPUT, "lang", "cfg.bad_lang", "%s", p->config);
	return 0;
}

int
paths_resolve(struct paths *p)
{
	const char *s;

	if (paths_config(p) != 0)
		return -1;
	if ((s = p->db_arg) == NULL && (s = getenv("JSD_DB")) == NULL)
		s = cfg_get(&p->cfg, "db");
	if (s != NULL && *s != '\0') {
		if (paths_copy(p->db, sizeof p->db, s) != 0)
			return err_set(&p->err, ERR_INPUT, "db", "paths.too_long", NULL);
	} else if (paths_xdg(p->db, sizeof p->db, "XDG_DATA_HOME", ".local/share",
	    "registry.db") != 0)
		return err_set(&p->err, ERR_INPUT, "db", "paths.too_long", NULL);

	if ((s = getenv("JSD_KEY_FILE")) == NULL || *s == '\0')
		s = cfg_get(&p->cfg, "key_file");
	if (s != NULL && *s != '\0') {
		if (paths_copy(p->key_file, sizeof p->key_file, s) != 0)
			return err_set(&p->err, ERR_INPUT, "key_file", "paths.too_long",
			    NULL);
	} else if (!reg_is_remote(p->db) && snprintf(p->key_file,
	    sizeof p->key_file, "%s.key", p->db) >= (int)sizeof p->key_file)
		return err_set(&p->err, ERR_INPUT, "key_file", "paths.too_long", NULL);

	if ((s = p->station_arg) == NULL && (s = getenv("JSD_STATION")) == NULL)
		s = cfg_get(&p->cfg, "station");
	if (s != NULL) {
		if (paths_copy(p->station, sizeof p->station, s) != 0)
			return err_set(&p->err, ERR_INPUT, "station",
			    "reg.station_invalid", NULL);
	} else {
		paths_default_station(p->station, sizeof p->station);
		p->station_default = 1;
	}
	return 0;
}

int
paths_make_db_dir(const char *db, struct err *e)
{
	char dir[PATH_MAX], *slash;

	if (reg_is_remote(db))
		return 0;
	if (paths_copy(dir, sizeof dir, db) != 0)
		return err_set(e, ERR_INPUT, "db", "paths.too_long", NULL);
	for (slash = strchr(dir + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return err_set(e, ERR_SYSTEM, "db", "paths.mkdir", "%s: %s",
			    dir, strerror(errno));
		*slash = '/';
	}
	return 0;
}

int
paths_key_file(const char *key_file, struct err *e)
{
	if (key_file[0] == '\0')
		return err_set(e, ERR_INPUT, "key_file", "paths.key_file_needed",
		    NULL);
	return 0;
}

int
paths_guard_db(const char *db, const char *key_file, int lenient,
    const char *prog, struct regfile_note *n, struct err *e)
{
	if (regfile_guard(db, key_file[0] ? key_file : NULL, lenient, n, e) != 0)
		return -1;
	if (n->tightened > 0)
		fprintf(stderr, "%s: %s (%s, %04o)\n", prog,
		    msg_get("regfile.tightened"), n->path, n->mode);
	if (n->loose > 0)
		fprintf(stderr, "%s: %s (%s, %04o)\n", prog, msg_get("regfile.loose"),
		    n->path, n->mode);
	return 0;
}

/* A number of seconds from $env, else key in the configuration, else def. */
static int
paths_seconds(const struct cfg *c, const char *env, const char *key, long def,
    int *seconds, struct err *e)
{
	const char *set = getenv(env);
	char *end;
	long v;

	if (set != NULL && *set != '\0') {
		v = strtol(set, &end, 10);
		if (*end != '\0' || v < 0 || v > 86400)
			return err_set(e, ERR_INPUT, key, "cfg.bad_number", "%s", env);
	} else if (cfg_int(c, key, def, &v, e) != 0)
		return -1;
	*seconds = (int)v;
	return 0;
}

int
paths_clock_tolerance(const struct cfg *c, int *seconds, struct err *e)
{
	return paths_seconds(c, "JSD_CLOCK_TOLERANCE", "clock_tolerance",
	    PATHS_CLOCK_TOLERANCE, seconds, e);
}

int
paths_db_retry(const struct cfg *c, struct err *e)
{
	int seconds;

	if (paths_seconds(c, "JSD_DB_RETRY", "db_retry", PATHS_DB_RETRY, &seconds,
	    e) != 0)
		return -1;
	reg_retry_window(seconds);
	return 0;
}

int
paths_checkpoints(const char *db, const struct cfg *cfg, char *buf, size_t len)
{
	const char *set = cfg_get(cfg, "checkpoint_file");
	int n;

	/* A database on a server has no folder here to put it beside. */
	if (set != NULL && *set != '\0')
		n = snprintf(buf, len, "%s", set);
	else if (reg_is_remote(db))
		n = snprintf(buf, len, "%s", "");
	else
		n = snprintf(buf, len, "%s.checkpoints", db);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

int
paths_setup_checkpoints(struct reg *r, const char *db, const char *key_file,
    const struct cfg *cfg, struct err *e)
{
	char file[PATH_MAX];

	if (paths_checkpoints(db, cfg, file, sizeof file) != 0)
		return err_set(e, ERR_INPUT, "checkpoint_file", "paths.too_long", NULL);
	if (file[0] == '\0' || key_file[0] == '\0')
		return 0;
	return evcheck_setup(r, file, key_file, e);
}
