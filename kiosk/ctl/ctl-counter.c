/*
 * ctl-counter.c: the counter's and the registration authority's commands:
 * "approve", "reject", "verify", "login-qr" and "login-status" ("cert" is in
 * ctl-cert.c).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "clock.h"
#include "ctl-life.h"
#include "decode-worker.h"
#include "decode.h"
#include "http.h"
#include "idcheck.h"
#include "idplat.h"
#include "image.h"
#include "msg.h"
#include "paths.h"
#include "text.h"

int
ctl_keyfile(const struct ctl *c, char *buf, size_t len, struct err *e)
{
	if (paths_key_file(c->key_path, e) != 0)
		return -1;
	if (strlen(c->key_path) >= len)
		return err_set(e, ERR_INPUT, "key_file", "paths.too_long", NULL);
	strcpy(buf, c->key_path);
	return 0;
}

void
ctl_http_opts(const struct ctl *c, struct http_opts *opts)
{
	struct err e;
	long ms;

	memset(opts, 0, sizeof *opts);
	err_clear(&e);
	if (cfg_int(c->cfg, "http_timeout_ms", 0, &ms, &e) == 0)
		opts->total_ms = ms;
	else
		ctl_fail(&e);	/* said, and the default used */
}

int
ctl_write_png(const char *path, const char *text, int barcode, struct err *e)
{
	struct image img;
	int rc;

	if ((barcode ? image_from_code128(text, 3, 120, &img, e) :
	    image_from_qr(text, 8, 4, &img, e)) != 0)
		return -1;
	rc = image_write_png(path, &img, e);
	image_free(&img);
	return rc;
}

void
ctl_print_code(const struct ctl *c, const char *what_key, const char *text,
    int64_t expires)
{
	char until[20];

	if (c->json) {
		ctl_print_json(json_pack("{s:s, s:I}", "code", text, "expires_at",
		    (json_int_t)expires));
		return;
	}
	clock_format_local(expires, until, sizeof until);
	printf("%s %s %s\n%s\n", msg_get(what_key), msg_get("ctl.code.valid_until"),
	    until, text);
}

static const struct option approve_options[] = {
	{ "staff", required_argument, NULL, 's' },
	{ "password-file", required_argument, NULL, 'p' },
	{ "png", required_argument, NULL, 'g' },
	{ "reason", required_argument, NULL, 'r' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

struct decide_args {
	const char	*staff;
	const char	*password_file;
	const char	*png;
	const char	*reason;
	const char	*number;
};

static int
decide_parse(int argc, char **argv, const char *usage, struct decide_args *a)
{
	int ch;

	memset(a, 0, sizeof *a);
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "s:p:g:r:h", approve_options, NULL)) != -1) {
		switch (ch) {
		case 's': a->staff = optarg; break;
		case 'p': a->password_file = optarg; break;
		case 'g': a->png = optarg; break;
		case 'r': a->reason = optarg; break;
		case 'h': return ctl_help(usage);
		default: return ctl_usage(usage);
		}
	}
	if (optind != argc - 1 || a->staff == NULL)
		return ctl_usage(usage);
	a->number = argv[optind];
	return -1;
}

static int
staff_check(struct ctl *c, const struct decide_args *a, struct err *e)
{
	struct staff s;

	return ctl_staff_login(c, a->staff, a->password_file, &s, e);
}

int
ctl_approve(struct ctl *c, int argc, char **argv)
{
	struct decide_args a;
	struct application app;
	char token[CODE_TEXT_MAX];
	struct idplat_check idc;
	int64_t expires;
	struct err e;
	int rc;

	if ((rc = decide_parse(argc, argv, "ctl.approve.usage", &a)) >= 0)
		return rc;
	err_clear(&e);
	if (staff_check(c, &a, &e) != 0 || reg_app_get(c->reg, a.number, &app, &e) != 0)
		return ctl_fail(&e);
	idplat_check(c->cfg, app.frp_name, app.frp_id, &idc);
	if (cert_approve(c->reg, app.number, a.staff, &idc, token, sizeof token,
	    &expires, &e) != 0)
		return ctl_fail(&e);
	if (a.png != NULL && ctl_write_png(a.png, token, 0, &e) != 0)
		return ctl_fail(&e);
	if (!c->json)
		printf("%s: %s\n", msg_get("field.frp_name"), app.frp_name);
	ctl_print_code(c, "ctl.code.claim", token, expires);
	return 0;
}

int
ctl_reject(struct ctl *c, int argc, char **argv)
{
	struct decide_args a;
	struct err e;
	int rc;

	if ((rc = decide_parse(argc, argv, "ctl.reject.usage", &a)) >= 0)
		return rc;
	if (a.reason == NULL)
		return ctl_usage("ctl.reject.usage");
	err_clear(&e);
	if (staff_check(c, &a, &e) != 0 ||
	    cert_reject(c->reg, a.number, a.staff, a.reason, &e) != 0)
		return ctl_fail(&e);
	return 0;
}

/* Seconds left: JSON's; the text line says it as people do. */
static long long
verify_seconds_left(const void *row)
{
	return ((const struct authz *)row)->ends_at - clock_now();
}

static const char *
verify_left_text(const void *row, char *cell, size_t len)
{
	char left[64];

	clock_format_left(clock_now(), ((const struct authz *)row)->ends_at, left,
	    sizeof left);
	snprintf(cell, len, msg_get("ctl.verify.left"), left);
	return cell;
}

/* The period to the minute, in Shanghai time. */
static const char *
verify_period_text(const void *row, char *cell, size_t len)
{
	const struct authz *az = row;
	char from[20], to[20];

	clock_format_minute(az->starts_at, from, sizeof from);
	clock_format_minute(az->ends_at, to, sizeof to);
	snprintf(cell, len, "%s - %s", from, to);
	return cell;
}

/* A user's authorizations in force, shown with a valid code. */
static const struct ctl_col verify_authz_cols[] = {
	CTL_COL_LABEL(1, "%s: ", "ctl.verify.matters"),
	CTL_COL("matters", 0, NULL, CTL_COL_STR, struct authz, matters),
	CTL_COL_CELL(NULL, 2, "%s  ", ctl_people_matters),
	CTL_COL("from", 0, NULL, CTL_COL_INT64, struct authz, starts_at),
	CTL_COL("to", 0, NULL, CTL_COL_INT64, struct authz, ends_at),
	CTL_COL_CELL(NULL, 3, "%s ", verify_period_text),
	CTL_COL_NUM("seconds_left", 0, NULL, verify_seconds_left),
	CTL_COL_CELL(NULL, 4, "(%s)", verify_left_text),
};

/* The authorizations as text lines, or as the JSON array it returns. */
static void *
verify_authz(const struct verify_result *v, int json)
{
	struct ctl_list l;
	int i;

	ctl_list_start(&l, verify_authz_cols, CTL_NCOLS(verify_authz_cols), json);
	for (i = 0; i < v->nauthz; i++)
		ctl_list_row(&l, &v->authz[i]);
	return ctl_list_take(&l);
}

static json_t *
verify_json(const struct verify_result *v)
{
	json_t *j;
	char masked[REG_ID_SIZE];

	j = json_pack("{s:b, s:s, s:s}", "valid", v->outcome == VERIFY_VALID,
	    "outcome", cert_outcome_name(v->outcome), "check",
	    v->live ? "live" : "offline");
	if (v->outcome == VERIFY_RATE_LIMITED)
		json_object_set_new(j, "retry_after", json_integer(v->retry_after));
	if (v->outcome != VERIFY_VALID)
		return j;
	json_object_set_new(j, "institution", json_pack("{s:s, s:s, s:s, s:s}",
	    "credit_code", v->inst.credit_code, "name", v->inst.name,
	    "address", v->inst.address, "legal_rep_name", v->inst.legal_rep_name));
	idcheck_mask_id(v->presenter.id_number, masked, sizeof masked);
	json_object_set_new(j, "presenter", json_pack("{s:s, s:s, s:s}", "role",
	    cert_role_name(v->presenter.role), "name", v->presenter.name,
	    "id_number", masked));
	json_object_set_new(j, "authorizations", verify_authz(v, 1));
	if (v->seen_before)
		json_object_set_new(j, "seen_before", json_pack("{s:s, s:I}", "station",
		    v->seen_station, "at", (json_int_t)v->seen_at));
	return j;
}

static void
verify_print(const struct verify_result *v)
{
	char masked[REG_ID_SIZE], from[20], key[48], role[64];

	if (v->outcome != VERIFY_VALID) {
		snprintf(key, sizeof key, "outcome.%s", cert_outcome_name(v->outcome));
		printf("%s: %s\n", msg_get("ctl.verify.not_valid"), msg_get(key));
		if (v->outcome == VERIFY_RATE_LIMITED) {
			clock_format_local(v->retry_after, from, sizeof from);
			printf(msg_get("ctl.verify.retry"),
			    (long long)(v->retry_after - clock_now()), from);
			putchar('\n');
		}
		return;
	}
	printf("%s (%s)\n", msg_get("ctl.verify.valid"),
	    msg_get(v->live ? "ctl.verify.live" : "ctl.verify.offline"));
	printf("%s: %s\n%s: %s\n%s: %s\n", msg_get("field.name"), v->inst.name,
	    msg_get("field.credit_code"), v->inst.credit_code,
	    msg_get("field.legal_rep_name"), v->inst.legal_rep_name);
	idcheck_mask_id(v->presenter.id_number, masked, sizeof masked);
	printf("%s: %s %s (%s)\n", msg_get("ctl.verify.presenter"), v->presenter.name,
	    masked, ctl_word("ctl.role", cert_role_name(v->presenter.role), role,
	    sizeof role));
	(void)verify_authz(v, 0);
	if (v->seen_before) {
		clock_format_local(v->seen_at, from, sizeof from);
		printf("%s %s %s\n", msg_get("ctl.verify.seen_before"), v->seen_station,
		    from);
	}
}

/* The text of the first code in an image, through the project's decoder: the
 * still-picture schedule, in the worker process (decode-worker.h). */
static int
verify_image(const char *path, char *text, size_t len, struct err *e)
{
	struct decode_result res[DECODE_MAX_RESULTS];
	struct decode_worker *w;
	struct decode_outcome oc;
	struct decode_job job;
	size_t i, n = 0;
	int rc;

	if (decode_worker_start(&w, e) != 0)
		return -1;
	decode_job_still(&job);
	rc = decode_worker_file(w, path, &job, res, DECODE_MAX_RESULTS, &n, &oc, e);
	decode_worker_stop(w);
	if (rc != 0)
		return -1;
	for (i = 0; i < n && res[i].oversize > 0; i++)
		continue;
	if (i == n && n > 0)
		return err_set(e, ERR_INPUT, "image", "decode.too_long",
		    "%s: %zu > %d bytes", path, res[0].oversize, DECODE_MAX_BYTES);
	if (i == n || res[i].len >= len)
		return err_set(e, ERR_INPUT, "image", "ctl.verify.no_code", "%s", path);
	memcpy(text, res[i].bytes, res[i].len);
	text[res[i].len] = '\0';
	return 0;
}

static int
verify_offline(struct ctl *c, const char *keyfile, const char *text)
{
	struct verify_result v;
	struct keyring ring;
	char until[20], key[48];
	struct err e;

	err_clear(&e);
	if (keyring_read(keyfile, &ring, &e) != 0)
		return ctl_fail(&e);
	cert_verify_offline(text, strlen(text), &ring, &v);
	if (c->json) {
		json_t *j = json_pack("{s:b, s:s, s:s}", "valid",
		    v.outcome == VERIFY_VALID, "outcome", cert_outcome_name(v.outcome),
		    "check", "offline");

		if (v.outcome == VERIFY_VALID)
			json_object_set_new(j, "presented", json_pack(
			    "{s:I, s:I, s:s, s:I}", "certificate",
			    (json_int_t)v.presenter.cert_id, "holder",
			    (json_int_t)v.presenter.id, "role",
			    cert_role_name(v.presenter.role), "expires_at",
			    (json_int_t)v.expires_at));
		ctl_print_json(j);
	} else if (v.outcome == VERIFY_VALID) {
		clock_format_local(v.expires_at, until, sizeof until);
		printf("%s (%s)\n%s %lld, %s %lld (%s), %s %s\n",
		    msg_get("ctl.verify.valid"), msg_get("ctl.verify.offline"),
		    msg_get("ctl.verify.certificate"), (long long)v.presenter.cert_id,
		    msg_get("ctl.holder.person"), (long long)v.presenter.id,
		    cert_role_name(v.presenter.role), msg_get("ctl.code.valid_until"),
		    until);
	} else {
		snprintf(key, sizeof key, "outcome.%s", cert_outcome_name(v.outcome));
		printf("%s: %s\n", msg_get("ctl.verify.not_valid"), msg_get(key));
	}
	return v.outcome == VERIFY_VALID ? 0 : 1;
}

/*
 * verify --batch: codes from standard input, one a line, as a counter's
 * scanner stream. What has arrived while the last burst was being checked is
 * the next burst (up to CERT_VERIFY_BATCH_MAX codes); bursts are recorded
 * while the next are checked, those that wait together in one durable commit
 * (cert_pipe_push()). The pipe's thread prints each burst's verdicts once its
 * records are committed, whether or not more input comes: a scanner's single
 * code is answered at once, and no verdict is printed before its record.
 * A line longer than a code can be is cut, and judged malformed.
 */
#define VERIFY_BURSTS	(CERT_PIPE_DEPTH + 1)

struct verify_burst {
	struct verify_item	 it[CERT_VERIFY_BATCH_MAX];
	char			 text[CERT_VERIFY_BATCH_MAX][CODE_TEXT_MAX + 2];
	int			 n;
};

struct verify_stream {
	struct verify_burst	 b[VERIFY_BURSTS];
	unsigned long		 pushed;	/* bursts; b[pushed % ...] fills */
	size_t			 len;		/* of the line being read */
	const char		*matter;
	struct cert_pipe	*pipe;
	/* The pipe's thread's, once the stream started. */
	long			 done;		/* lines printed so far */
	int			 json;
	int			 invalid;	/* a code not valid, or failed */
};

/* A burst final (cert_pipe_cb): each verdict as a single verify prints it;
 * JSON on one line, with the code's place in the stream (seq, from 1; empty
 * lines are not codes). */
static void
verify_stream_print(void *arg, struct verify_item *it, int n)
{
	struct verify_stream *s = arg;
	json_t *j;
	int i;

	for (i = 0; i < n; i++) {
		if (it[i].rc != 0 || it[i].v.outcome != VERIFY_VALID)
			s->invalid = 1;
		if (it[i].rc != 0) {
			(void)ctl_fail(&it[i].e);
			continue;
		}
		if (!s->json) {
			verify_print(&it[i].v);
			continue;
		}
		j = verify_json(&it[i].v);
		json_object_set_new(j, "seq", json_integer(s->done + i + 1));
		json_dumpf(j, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(j);
	}
	s->done += n;
	fflush(stdout);
}

/* The codes read so far go to be checked and recorded. */
static void
verify_stream_send(struct verify_stream *s)
{
	struct verify_burst *b = &s->b[s->pushed % VERIFY_BURSTS], *next;

	if (b->n == 0)
		return;
	cert_pipe_push(s->pipe, b->it, b->n, s->matter);
	s->pushed++;
	/* The line still being read moves to the front of the next burst,
	 * whose buffer is free: at most CERT_PIPE_DEPTH are not final. */
	next = &s->b[s->pushed % VERIFY_BURSTS];
	if (s->len > 0)
		memcpy(next->text[0], b->text[b->n], s->len);
	next->n = 0;
}

/* Takes one byte of input into the line being read; a full burst is sent at
 * once. */
static void
verify_stream_byte(struct verify_stream *s, char ch)
{
	struct verify_burst *b = &s->b[s->pushed % VERIFY_BURSTS];
	char *t = b->text[b->n];

	if (ch != '\n') {
		if (s->len < CODE_TEXT_MAX + 1)
			t[s->len++] = ch;
		return;
	}
	if (s->len > 0 && t[s->len - 1] == '\r')
		s->len--;
	if (s->len == 0)
		return;
	t[s->len] = '\0';
	memset(&b->it[b->n], 0, sizeof b->it[b->n]);
	b->it[b->n].text = t;
	b->it[b->n].len = s->len;
	s->len = 0;
	if (++b->n == CERT_VERIFY_BATCH_MAX)
		verify_stream_send(s);
}

static int
verify_stream_read(struct verify_stream *s)
{
	char buf[8192];
	struct err e;
	ssize_t got, i;

	while ((got = read(STDIN_FILENO, buf, sizeof buf)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err_set(&e, ERR_SYSTEM, NULL, "ctl.stdin_failed", "%s",
			    strerror(errno));
			return ctl_fail(&e);
		}
		for (i = 0; i < got; i++)
			verify_stream_byte(s, buf[i]);
		verify_stream_send(s);
	}
	return 0;
}

static int
verify_stream(struct ctl *c, const char *matter)
{
	static struct verify_stream s;
	struct err e;
	int rc;

	s.json = c->json;
	s.matter = matter;
	if (cert_pipe_open(c->reg, verify_stream_print, &s, &s.pipe, &e) != 0)
		return ctl_fail(&e);
	rc = verify_stream_read(&s);
	verify_stream_byte(&s, '\n');
	verify_stream_send(&s);
	/* Waits for the last burst; the thread's counts are ours after. */
	cert_pipe_close(s.pipe);
	return rc != 0 ? rc : s.invalid;
}

static const struct option verify_options[] = {
	{ "digits", required_argument, NULL, 'd' },
	{ "image", required_argument, NULL, 'i' },
	{ "offline", no_argument, NULL, 'o' },
	{ "key", required_argument, NULL, 'k' },
	{ "matter", required_argument, NULL, 'm' },
	{ "batch", no_argument, NULL, 'b' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int
ctl_verify(struct ctl *c, int argc, char **argv)
{
	struct verify_result v;
	char text[DECODE_MAX_BYTES + 1];
	const char *image = NULL, *given = NULL, *keyfile = NULL, *matter = NULL;
	struct err e;
	int ch, offline = 0, batch = 0, rc;

	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "d:i:ok:m:bh", verify_options, NULL)) !=
	    -1) {
		if (ch == 'd')
			given = optarg;
		else if (ch == 'm')
			matter = optarg;
		else if (ch == 'i')
			image = optarg;
		else if (ch == 'o')
			offline = 1;
		else if (ch == 'k')
			keyfile = optarg;
		else if (ch == 'b')
			batch = 1;
		else
			return ch == 'h' ? ctl_help("ctl.verify.usage") :
			    ctl_usage("ctl.verify.usage");
	}
	if ((given != NULL) + (image != NULL) + (optind == argc - 1) + batch != 1 ||
	    optind < argc - 1 || (batch && keyfile != NULL))
		return ctl_usage("ctl.verify.usage");
	if (batch)
		return (rc = ctl_open(c)) != 0 ? rc : verify_stream(c, matter);
	err_clear(&e);
	if (image != NULL) {
		if (verify_image(image, text, sizeof text, &e) != 0)
			return ctl_fail(&e);
	} else
		snprintf(text, sizeof text, "%s", given ? given : argv[optind]);
	/* Offline needs only the public key: no registry is opened. */
	if (offline != (keyfile != NULL) || (offline && matter != NULL))
		return ctl_usage("ctl.verify.usage");
	if (offline)
		return verify_offline(c, keyfile, text);
	if ((rc = ctl_open(c)) != 0)
		return rc;
	if (cert_verify(c->reg, text, strlen(text), matter, &v, &e) != 0)
		return ctl_fail(&e);
	if (c->json)
		ctl_print_json(verify_json(&v));
	else
		verify_print(&v);
	return v.outcome == VERIFY_VALID ? 0 : 1;
}

static const struct option login_options[] = {
	{ "system", required_argument, NULL, 's' },
	{ "png", required_argument, NULL, 'g' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int
ctl_login_qr(struct ctl *c, int argc, char **argv)
{
	const char *system = NULL, *png = NULL;
	char token[CODE_TEXT_MAX];
	struct err e;
	int ch;

	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "s:g:h", login_options, NULL)) != -1) {
		if (ch == 's')
			system = optarg;
		else if (ch == 'g')
			png = optarg;
		else
			return ch == 'h' ? ctl_help("ctl.login_qr.usage") :
			    ctl_usage("ctl.login_qr.usage");
	}
	if (system == NULL || optind != argc)
		return ctl_usage("ctl.login_qr.usage");
	err_clear(&e);
	if (cert_login_qr(c->reg, system, token, sizeof token, &e) != 0 ||
	    (png != NULL && ctl_write_png(png, token, 0, &e) != 0))
		return ctl_fail(&e);
	ctl_print_code(c, "ctl.code.login", token, clock_now() + CERT_TOKEN_LIFETIME);
	return 0;
}

int
ctl_login_status(struct ctl *c, int argc, char **argv)
{
	static const char *const states[] = { "waiting", "logged_in", "expired" };
	struct login_status s;
	struct err e;
	char key[40];

	if (ctl_wants_help(argc, argv))
		return ctl_help("ctl.login_status.usage");
	if (argc != 2)
		return ctl_usage("ctl.login_status.usage");
	err_clear(&e);
	if (cert_login_status(c->reg, argv[1], &s, &e) != 0)
		return ctl_fail(&e);
	if (c->json) {
		json_t *j = json_pack("{s:s, s:s}", "state", states[s.state], "system",
		    s.system);

		if (s.state == 1)
			json_object_set_new(j, "institution", json_pack(
			    "{s:s, s:s, s:s, s:s}", "credit_code", s.inst.credit_code,
			    "name", s.inst.name, "holder", s.holder.name, "role",
			    cert_role_name(s.holder.role)));
		ctl_print_json(j);
	} else {
		snprintf(key, sizeof key, "ctl.login.%s", states[s.state]);
		printf("%s", msg_get(key));
		if (s.state == 1)
			printf(": %s %s (%s %s)", s.inst.name, s.inst.credit_code,
			    s.holder.name, cert_role_name(s.holder.role));
		putchar('\n');
	}
	return s.state == 1 ? 0 : 1;
}
