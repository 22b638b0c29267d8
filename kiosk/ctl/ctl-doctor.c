/*
 * ctl-doctor.c: "jsdctl doctor", a check of the set-up that runs even when it
 * is broken: the registry opens although others can read its files (the one
 * thing every other command refuses), a registry that cannot be opened or a
 * lang that names no language is one finding among the others, and each
 * finding says how to fix it.
 * Exit status 0 when all is well, 1 when something needs fixing. It opens the
 * registry itself, after the checks that need none: on a fresh install there
 * is none yet, and opening one would make it, as whoever runs doctor (often
 * root), whose file the stations could then not open.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/timex.h>

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adminpin.h"
#include "clock.h"
#include "ctl-life.h"
#include "evcheck.h"
#include "evlog.h"
#include "http.h"
#include "msg.h"
#include "paths.h"
#include "regfile.h"
#include "regkey.h"
#include "source-camera.h"
#include "text.h"

/* One finding: "ok" or "problem", then the text. Returns 1 for a problem. */
static int
doctor_say(int bad, const char *text, const char *detail)
{
	printf("%-8s %s", msg_get(bad ? "ctl.doctor.problem" : "ctl.doctor.ok"), text);
	if (detail != NULL && *detail != '\0')
		printf(" (%s)", detail);
	putchar('\n');
	return bad;
}

/* "KEY = VALUE" for a finding, the value made safe for the terminal. */
static void
doctor_detail(const char *key, const char *value, char *out, size_t len)
{
	int n = snprintf(out, len, "%s = ", key);

	if (n > 0 && (size_t)n < len)
		text_safe(value, strlen(value), out + n, len - (size_t)n);
}

/* Whether JSD_DOCTOR_SKIP (a comma-separated list) names the check: for a
 * test or a machine where it cannot pass (a container's clock). */
static int
doctor_skipped(const char *check)
{
	return text_list_has(getenv("JSD_DOCTOR_SKIP"), check);
}

/* Each matter code in a "matters" list, as the programs split it. */
static int
doctor_matters(const char *list, struct err *e)
{
	char buf[CFG_VALUE_SIZE], *tok, *save = NULL;

	snprintf(buf, sizeof buf, "%s", list);
	for (tok = strtok_r(buf, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save))
		if (cert_matter_ok(tok, e) != 0)
			return -1;
	return 0;
}

/* One configuration value, parsed as the program that reads it does. */
static int
doctor_value(const struct cfg_entry *en, struct err *e)
{
	struct source_opts o;
	enum msg_lang l;
	uint32_t fourcc;
	long v;

	if (cfg_is_int(en->key)) {
		struct cfg one = { .n = 1 };

		one.entries[0] = *en;
		return cfg_int(&one, en->key, 0, &v, e);
	}
	if (strcmp(en->key, "lang") == 0 && msg_lang_from_name(en->value, &l) != 0)
		return err_set(e, ERR_INPUT, NULL, "cfg.bad_lang", NULL);
	source_opts_default(&o);
	if ((strcmp(en->key, "camera_size") == 0 &&
	    source_camera_size_parse(en->value, &o) != 0) ||
	    (strcmp(en->key, "camera_format") == 0 &&
	    source_camera_fourcc_parse(en->value, &fourcc) != 0))
		return err_set(e, ERR_INPUT, NULL, "cfg.bad_value", NULL);
	if (strcmp(en->key, "matters") == 0)
		return doctor_matters(en->value, e);
	return 0;
}

static int
doctor_config(struct ctl *c)
{
	char detail[CFG_KEY_SIZE + CFG_VALUE_SIZE + 8];
	struct err e;
	int i, bad = 0;

	for (i = 0; i < c->cfg->n; i++) {
		err_clear(&e);
		if (doctor_value(&c->cfg->entries[i], &e) == 0)
			continue;
		doctor_detail(c->cfg->entries[i].key, c->cfg->entries[i].value,
		    detail, sizeof detail);
		bad |= doctor_say(1, msg_get(e.key), detail);
	}
	if (!bad)
		doctor_say(0, msg_get("ctl.doctor.config_ok"), NULL);
	return bad;
}

/* The time zone's name: $TZ, else the zone /etc/localtime links to. */
static void
doctor_zone(char *out, size_t len)
{
	const char *tz = getenv("TZ"), *p;
	char link[PATH_MAX];
	ssize_t n;

	if (tz != NULL && *tz != '\0') {
		snprintf(out, len, "%s", tz[0] == ':' ? tz + 1 : tz);
		return;
	}
	n = readlink("/etc/localtime", link, sizeof link - 1);
	link[n > 0 ? n : 0] = '\0';
	p = strstr(link, "zoneinfo/");
	p = p != NULL ? p + 9 : n > 0 ? link : "UTC";
	if (strlen(p) >= len)
		p = "?";
	memcpy(out, p, strlen(p) + 1);
}

/* NTP keeps the clock right (codes expire by it), and the station is on
 * Shanghai time (what people read on the receipts). */
static int
doctor_clock(void)
{
	struct timex tx;
	char zone[128], shown[128];
	int state, bad;

	if (doctor_skipped("clock"))
		return doctor_say(0, msg_get("ctl.doctor.clock_skipped"), NULL);
	memset(&tx, 0, sizeof tx);
	state = ntp_adjtime(&tx);
	bad = state == -1 || state == TIME_ERROR || (tx.status & STA_UNSYNC);
	doctor_say(bad, msg_get(bad ? "ctl.doctor.clock_unsync" :
	    "ctl.doctor.clock_ok"), NULL);
	doctor_zone(zone, sizeof zone);
	doctor_detail("TZ", zone, shown, sizeof shown);
	if (strcmp(zone, "Asia/Shanghai") != 0)
		return doctor_say(1, msg_get("ctl.doctor.zone_other"), shown) | bad;
	return doctor_say(0, msg_get("ctl.doctor.zone_ok"), shown) | bad;
}

/* The registry, opened when there is one: 0 when it is open, else 1 with the
 * reason said (none yet, or the error above). */
static int
doctor_open(struct ctl *c)
{
	struct stat st;

	if (!reg_is_remote(c->db_path) && stat(c->db_path, &st) != 0 &&
	    errno == ENOENT)
		return doctor_say(1, msg_get("ctl.doctor.no_registry"), c->db_path);
	c->lenient = 1;
	if (ctl_open(c) != 0)
		return doctor_say(1, msg_get("ctl.doctor.unopened"), NULL);
	return 0;
}

/* The files' modes as ctl_open found them (paths_guard_db). */
static int
doctor_files(struct ctl *c)
{
	char detail[REGFILE_PATH_MAX + 16];

	if (c->files.loose > 0) {
		snprintf(detail, sizeof detail, "%s, %04o", c->files.path,
		    c->files.mode);
		return doctor_say(1, msg_get("regfile.loose"), detail);
	}
	return doctor_say(0, msg_get("ctl.doctor.files_ok"), c->db_path);
}

/* The station id that every event names: set on purpose, and one the
 * registry takes. */
static int
doctor_station(struct ctl *c)
{
	char detail[CFG_VALUE_SIZE + 16];

	doctor_detail("station", c->station, detail, sizeof detail);
	if (!reg_station_valid(c->station))
		return doctor_say(1, msg_get("reg.station_invalid"), detail);
	if (c->station_default)
		return doctor_say(1, msg_get("ctl.doctor.station_default"), detail);
	return doctor_say(0, msg_get("ctl.doctor.station_ok"), detail);
}

/* The PIN that takes a kiosk out of kiosk mode; a station without one has no
 * way out from the keyboard, which a counter does not need. The PIN itself
 * is never printed. */
static int
doctor_admin_pin(struct ctl *c)
{
	const char *pin = cfg_get(c->cfg, "admin_pin");
	struct err e;

	err_clear(&e);
	if (pin == NULL)
		return doctor_say(0, msg_get("ctl.doctor.pin_none"), NULL);
	if (adminpin_valid(pin, &e) != 0)
		return doctor_say(1, msg_get(e.key), NULL);
	return doctor_say(0, msg_get("ctl.doctor.pin_ok"), NULL);
}

/* Whether this user may use path (KEY = path in the finding) as access()'s
 * mode says; a missing path is said as such. */
static int
doctor_access(const char *key, const char *path, int mode, const char *ok,
    const char *denied)
{
	char detail[PATH_MAX + CFG_KEY_SIZE + 8];

	doctor_detail(key, path, detail, sizeof detail);
	if (access(path, F_OK) != 0)
		return doctor_say(1, msg_get("ctl.doctor.path_missing"), detail);
	if (access(path, mode) != 0)
		return doctor_say(1, msg_get(denied), detail);
	return doctor_say(0, msg_get(ok), detail);
}

/* The folder path is in, for a file this user makes there. */
static int
doctor_folder(const char *key, const char *path, const char *ok,
    const char *denied)
{
	char dir[PATH_MAX];

	if (strlen(path) >= sizeof dir)
		return doctor_say(1, msg_get("paths.too_long"), key);
	strcpy(dir, path);
	return doctor_access(key, dirname(dir), W_OK | X_OK, ok, denied);
}

/* Beyond existing: the registry's folder takes SQLite's journal files, the
 * checkpoint file's takes the day's checkpoint, the printer and its font are
 * the user's to write and read. */
static int
doctor_paths(struct ctl *c)
{
	char cp[PATH_MAX];
	const char *s;
	int bad = 0;

	if (!reg_is_remote(c->db_path))
		bad |= doctor_folder("db", c->db_path, "ctl.doctor.db_dir_ok",
		    "ctl.doctor.db_dir_denied");
	if (paths_checkpoints(c->db_path, c->cfg, cp, sizeof cp) == 0 &&
	    cp[0] != '\0') {
		bad |= doctor_folder("checkpoint_file", cp, "ctl.doctor.cp_dir_ok",
		    "ctl.doctor.cp_dir_denied");
		if (access(cp, F_OK) == 0)
			bad |= doctor_access("checkpoint_file", cp, R_OK | W_OK,
			    "ctl.doctor.cp_ok", "ctl.doctor.cp_denied");
	}
	if ((s = cfg_get(c->cfg, "printer")) != NULL && *s != '\0')
		bad |= doctor_access("printer", s, W_OK, "ctl.doctor.printer_ok",
		    "ctl.doctor.printer_denied");
	if ((s = cfg_get(c->cfg, "printer_font")) != NULL && *s != '\0')
		bad |= doctor_access("printer_font", s, R_OK, "ctl.doctor.font_ok",
		    "ctl.doctor.font_denied");
	return bad;
}

/* The key file is readable, well-formed, mode 0600, and (when the registry
 * opens) the registry's current key: not one a rotation retired, not
 * another registry's. */
static int
doctor_key(struct ctl *c)
{
	char keyfile[4200];
	struct regkey k;
	struct err e;

	err_clear(&e);
	if (ctl_keyfile(c, keyfile, sizeof keyfile, &e) != 0)
		return doctor_say(1, msg_get(e.key), e.detail);
	if (c->reg != NULL ? cert_key_check(c->reg, keyfile, &e) != 0 :
	    regkey_load(keyfile, &k, &e) != 0)
		return doctor_say(1, msg_get(e.key), e.detail);
	if (c->reg == NULL)
		regkey_wipe(&k);
	return doctor_say(0, msg_get("ctl.doctor.key_ok"), keyfile);
}

static int
doctor_log(struct ctl *c)
{
	char text[256], at[20], code[EVCHECK_CODE_SIZE];
	int64_t broken, count;
	struct evcheck cp;
	struct err e;
	int found, bad;

	/* doctor_files said that the registry cannot be opened. */
	if (c->reg == NULL)
		return 1;
	err_clear(&e);
	if (evlog_verify(c->reg, &broken, &count, &e) != 0)
		return doctor_say(1, msg_get(e.key), e.detail);
	if (broken != 0) {
		snprintf(text, sizeof text, msg_get("ctl.log.broken"), (long long)broken);
		return doctor_say(1, text, NULL);
	}
	snprintf(text, sizeof text, msg_get("ctl.log.intact"), (long long)count);
	doctor_say(0, text, NULL);
	if (evcheck_latest_of(c->reg, &cp, &found, &e) != 0)
		return doctor_say(1, msg_get(e.key), e.detail);
	if (!found)
		return doctor_say(1, msg_get("ctl.doctor.no_checkpoint"), NULL);
	clock_format_local(cp.at, at, sizeof at);
	evcheck_code(&cp, code);
	/* One is due each day there were writes: an older one means no process
	 * that could read the key wrote since. */
	bad = (cp.at + CLOCK_LOCAL_OFFSET) / CLOCK_DAY <
	    (clock_now() + CLOCK_LOCAL_OFFSET) / CLOCK_DAY && count > cp.count;
	snprintf(text, sizeof text, msg_get(bad ? "ctl.doctor.checkpoint_old" :
	    "ctl.doctor.checkpoint_ok"), at, code);
	return doctor_say(bad, text, NULL);
}

/* The scanners the configuration names, as this user will open them: a
 * device to read and write, a folder of frames to read. */
static const struct doctor_device {
	const char	*key;
	int		 dir;
} doctor_devices[] = {
	{ "serial", 0 },
	{ "camera", 0 },
	{ "frames_dir", 1 },
};

static int
doctor_device(const struct doctor_device *d, const char *path)
{
	char detail[CFG_VALUE_SIZE + 64];
	struct stat st;

	snprintf(detail, sizeof detail, "%s = %s", d->key, path);
	if (stat(path, &st) != 0)
		return doctor_say(1, msg_get("ctl.doctor.device_missing"), detail);
	if (d->dir ? !S_ISDIR(st.st_mode) : !S_ISCHR(st.st_mode))
		return doctor_say(1, msg_get(d->dir ? "ctl.doctor.device_not_dir" :
		    "ctl.doctor.device_not_device"), detail);
	if (access(path, d->dir ? R_OK | X_OK : R_OK | W_OK) != 0)
		return doctor_say(1, msg_get("ctl.doctor.device_denied"), detail);
	return doctor_say(0, msg_get("ctl.doctor.device_ok"), detail);
}

static int
doctor_scanners(struct ctl *c)
{
	const char *path;
	size_t i;
	int bad = 0;

	for (i = 0; i < sizeof doctor_devices / sizeof doctor_devices[0]; i++) {
		if ((path = cfg_get(c->cfg, doctor_devices[i].key)) != NULL &&
		    *path != '\0')
			bad |= doctor_device(&doctor_devices[i], path);
	}
	return bad;
}

/* The remote services the configuration names answer, TLS valid. */
static int
doctor_services(struct ctl *c)
{
	static const char *const keys[] = { "identity_url", "sms_url" };
	char detail[CFG_VALUE_SIZE + 320];
	struct http_opts o;
	const char *url;
	struct err e;
	long status, ms;
	size_t i;
	int bad = 0;

	memset(&o, 0, sizeof o);
	err_clear(&e);
	if (cfg_int(c->cfg, "http_timeout_ms", 0, &ms, &e) == 0)
		o.total_ms = ms;
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if ((url = cfg_get(c->cfg, keys[i])) == NULL || *url == '\0')
			continue;
		err_clear(&e);
		if (http_reach(&o, url, &status, &e) != 0) {
			snprintf(detail, sizeof detail, "%s = %s: %s", keys[i], url,
			    e.detail);
			bad |= doctor_say(1, msg_get(e.key), detail);
		} else {
			snprintf(detail, sizeof detail, "%s = %s, HTTP %ld", keys[i],
			    url, status);
			doctor_say(0, msg_get("ctl.doctor.service_ok"), detail);
		}
	}
	return bad;
}

/* Below this, SQLite's journal and the day's events may not fit. */
#define DOCTOR_DISK_MIN_MB	256

static int
doctor_disk(struct ctl *c)
{
	char dir[PATH_MAX], detail[PATH_MAX + 32];
	struct statvfs fs;
	long long mb;

	if (reg_is_remote(c->db_path) || strlen(c->db_path) >= sizeof dir)
		return 0;
	strcpy(dir, c->db_path);
	if (statvfs(dirname(dir), &fs) != 0) {
		snprintf(detail, sizeof detail, "%s: %s", dir, strerror(errno));
		return doctor_say(1, msg_get("ctl.doctor.disk_unknown"), detail);
	}
	mb = (long long)fs.f_bavail * (long long)fs.f_frsize / (1024 * 1024);
	snprintf(detail, sizeof detail, "%s: %lld MiB", dir, mb);
	return doctor_say(mb < DOCTOR_DISK_MIN_MB, msg_get(mb < DOCTOR_DISK_MIN_MB ?
	    "ctl.doctor.disk_low" : "ctl.doctor.disk_ok"), detail);
}

int
ctl_doctor(struct ctl *c, int argc, char **argv)
{
	int bad, rc;

	if ((rc = ctl_no_args(argc, argv, "ctl.doctor.usage")) >= 0)
		return rc;
	bad = doctor_config(c);
	bad |= doctor_clock();
	bad |= doctor_station(c);
	bad |= doctor_admin_pin(c);
	bad |= doctor_open(c) != 0 ? 1 : doctor_files(c);
	bad |= doctor_paths(c);
	bad |= doctor_key(c);
	bad |= doctor_log(c);
	bad |= doctor_scanners(c);
	bad |= doctor_services(c);
	bad |= doctor_disk(c);
	return bad ? 1 : 0;
}
