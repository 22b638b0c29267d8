/* ctl-util.c: what jsdctl's commands share; see ctl.h. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "clock.h"
#include "ctl.h"
#include "msg.h"
#include "paths.h"

int
ctl_open(struct ctl *c)
{
	struct err e;
	int tolerance;

	err_clear(&e);
	if (paths_make_db_dir(c->db_path, &e) != 0 ||
	    paths_guard_db(c->db_path, c->key_path, c->lenient, "jsdctl",
	    &c->files, &e) != 0 ||
	    paths_clock_tolerance(c->cfg, &tolerance, &e) != 0 ||
	    paths_db_retry(c->cfg, &e) != 0 ||
	    reg_open(&c->reg, c->db_path, c->station, &e) != 0 ||
	    paths_setup_checkpoints(c->reg, c->db_path, c->key_path, c->cfg,
	    &e) != 0)
		return ctl_fail(&e);
	if (reg_set_clock_tolerance(c->reg, tolerance, &e) != 0) {
		reg_close(c->reg);
		c->reg = NULL;
		return ctl_fail(&e);
	}
	return 0;
}

int
ctl_staff_login(struct ctl *c, const char *name, const char *password_file,
    struct staff *s, struct err *e)
{
	char pw[STAFF_PASSWORD_MAX + 2];
	int rc, remaining;

	if (ctl_read_password(password_file, msg_get("ctl.staff.password_prompt"),
	    pw, sizeof pw, e) != 0)
		return -1;
	rc = reg_staff_login(c->reg, name, pw, s, &remaining, e);
	sodium_memzero(pw, sizeof pw);
	return rc;
}

void
ctl_done(const struct ctl *c, const char *key, long long id)
{
	if (c->json) {
		ctl_print_json(json_pack("{s:s, s:I}", "done",
		    key + strlen("ctl.done."), (json_int_t)id));
		return;
	}
	printf(msg_get(key), id);
	putchar('\n');
}

const char *
ctl_word(const char *prefix, const char *word, char *buf, size_t len)
{
	char key[96];
	const char *text;

	snprintf(key, sizeof key, "%s.%s", prefix, word);
	text = msg_get(key);
	snprintf(buf, len, "%s", text == key ? word : text);
	return buf;
}

const char *
ctl_matters(const char *list, char *buf, size_t len)
{
	char codes[256], one[128], prev[512], *tok, *save = NULL;

	snprintf(codes, sizeof codes, "%s", list);
	buf[0] = '\0';
	for (tok = strtok_r(codes, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		ctl_word("matter", tok, one, sizeof one);
		snprintf(prev, sizeof prev, "%s", buf);
		if (prev[0] == '\0')
			snprintf(buf, len, "%s", one);
		else
			snprintf(buf, len, msg_get("ctl.list_join"), prev, one);
	}
	return buf;
}

const char *
ctl_field_label(const char *field)
{
	static char key[64];
	const char *label;

	snprintf(key, sizeof key, "field.%s", field);
	label = msg_get(key);
	return label == key ? field : label;
}

int
ctl_fail(const struct err *e)
{
	fputs("jsdctl: ", stderr);
	if (e->field != NULL)
		fprintf(stderr, "%s: ", ctl_field_label(e->field));
	fputs(msg_get(e->key != NULL ? e->key : "ctl.failed"), stderr);
	if (e->detail[0] != '\0')
		fprintf(stderr, " (%s)", e->detail);
	fputc('\n', stderr);
	return err_exit_status(e) == 0 ? 1 : err_exit_status(e);
}

int
ctl_help(const char *key)
{
	printf("%s\n", msg_get(key));
	return 0;
}

int
ctl_usage(const char *key)
{
	fprintf(stderr, "%s\n", msg_get(key));
	return 2;
}

int
ctl_no_args(int argc, char **argv, const char *usage_key)
{
	if (ctl_wants_help(argc, argv))
		return ctl_help(usage_key);
	if (argc != 1)
		return ctl_usage(usage_key);
	return -1;
}

void
ctl_getopt_reset(void)
{
	/* glibc: 0 re-initializes fully, including the "+" mode of the last call. */
	optind = 0;
}

int
ctl_set_lang(const char *name)
{
	enum msg_lang l;

	if (msg_lang_from_name(name, &l) != 0) {
		fprintf(stderr, "jsdctl: %s: %s\n", msg_get("cfg.bad_lang"), name);
		return -1;
	}
	msg_set_lang(l);
	return 0;
}

int
ctl_wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

/* Reads one line into buf without its line end; -1 if too long or unreadable. */
static int
ctl_read_line(FILE *f, char *buf, size_t len)
{
	size_t n;

	if (fgets(buf, (int)len, f) == NULL)
		return -1;
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else if (n == len - 1)
		return -1;
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return 0;
}

static int
ctl_read_tty(const char *prompt, char *buf, size_t len)
{
	struct termios old, quiet;
	int rc;

	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return ctl_read_line(stdin, buf, len);
	fprintf(stderr, "%s: ", prompt);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	rc = ctl_read_line(stdin, buf, len);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return rc;
}

int
ctl_read_password(const char *file, const char *prompt, char *buf, size_t len,
    struct err *e)
{
	const char *env;
	FILE *f;
	int rc;

	if (file != NULL && strcmp(file, "-") != 0) {
		if ((f = fopen(file, "r")) == NULL)
			return err_set(e, ERR_SYSTEM, "password", "ctl.password_file",
			    "%s: %s", file, strerror(errno));
		rc = ctl_read_line(f, buf, len);
		fclose(f);
	} else if (file == NULL && (env = getenv("JSD_PASSWORD")) != NULL) {
		if (strlen(env) >= len)
			return err_set(e, ERR_INPUT, "password", "password.length", NULL);
		strcpy(buf, env);
		rc = 0;
	} else if (isatty(STDIN_FILENO))
		rc = ctl_read_tty(prompt, buf, len);
	else
		rc = ctl_read_line(stdin, buf, len);
	if (rc != 0) {
		/* A line cut short may still hold most of a password. */
		sodium_memzero(buf, len);
		return err_set(e, ERR_INPUT, "password", "ctl.password_missing", NULL);
	}
	return 0;
}

void
ctl_print_json(void *json)
{
	json_t *j = json;

	json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(j);
}

int
ctl_parse_day(const char *arg, int64_t *from, int64_t *to, struct err *e)
{
	if (clock_parse_local_date(arg, from) != 0)
		return err_set(e, ERR_INPUT, "date", "ctl.date_invalid", NULL);
	*to = *from + CLOCK_DAY;
	return 0;
}

int
ctl_parse_limit(const char *arg, int *limit, struct err *e)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || n < 1 || n > 1000000000)
		return err_set(e, ERR_INPUT, "limit", "ctl.limit_invalid", NULL);
	*limit = (int)n;
	return 0;
}

int
ctl_parse_id(const char *s, int64_t *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v <= 0)
		return -1;
	*out = v;
	return 0;
}

int
ctl_dispatch(const struct ctl_sub *subs, size_t n, struct ctl *c, int argc,
    char **argv, const char *usage_key)
{
	size_t i;

	for (i = 0; argc > 1 && i < n; i++) {
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].fn(c, argc - 1, argv + 1);
	}
	return ctl_wants_help(argc, argv) ? ctl_help(usage_key) :
	    ctl_usage(usage_key);
}
