/*
 * ctl-doctor.c: "jsdctl doctor", a check of the set-up that runs even when it
 * is broken: the registry opens although others can read its files (the one
 * thing every other command refuses), and each finding says how to fix it.
 * Exit status 0 when all is well, 1 when something needs fixing.
 */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "clock.h"
#include "ctl-life.h"
#include "evcheck.h"
#include "evlog.h"
#include "http.h"
#include "msg.h"
#include "regfile.h"
#include "regkey.h"

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

static int
doctor_files(struct ctl *c)
{
	struct regfile_note n;
	char detail[REGFILE_PATH_MAX + 16];
	struct err e;

	err_clear(&e);
	if (regfile_guard(c->db_path, c->key_path[0] ? c->key_path : NULL, 1, &n,
	    &e) != 0)
		return doctor_say(1, msg_get(e.key), e.detail);
	if (n.loose > 0) {
		snprintf(detail, sizeof detail, "%s, %04o", n.path, n.mode);
		return doctor_say(1, msg_get("regfile.loose"), detail);
	}
	return doctor_say(0, msg_get("ctl.doctor.files_ok"), c->db_path);
}

static int
doctor_key(struct ctl *c)
{
	char keyfile[4200];
	struct regkey k;
	struct err e;

	err_clear(&e);
	if (ctl_keyfile(c, keyfile, sizeof keyfile, &e) != 0 ||
	    regkey_load(keyfile, &k, &e) != 0)
		return doctor_say(1, msg_get(e.key), e.detail);
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
	if (cfg_get_int(c->cfg, "http_timeout_ms", 100, 120000, 0, &ms, &e) == 0)
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
	int bad;

	if (ctl_wants_help(argc, argv))
		return ctl_help("ctl.doctor.usage");
	if (argc != 1)
		return ctl_usage("ctl.doctor.usage");
	bad = doctor_files(c);
	bad |= doctor_key(c);
	bad |= doctor_log(c);
	bad |= doctor_scanners(c);
	bad |= doctor_services(c);
	bad |= doctor_disk(c);
	return bad ? 1 : 0;
}
