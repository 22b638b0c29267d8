/*
 * unit-http.c: the HTTP clients (core/http.c, idplat.c, sms.c) against
 * tests/fake-service.py on 127.0.0.1.
 *
 * The test starts the fake service itself, switches its mode through POST
 * /control between checks, and kills it at the end (it also exits by itself
 * after --lifetime, should this test die first). Deadlines are checked with a
 * clock, because "fails" is not enough: a dead service must fail fast and a
 * slow one must not hold a kiosk past the total timeout. TLS checks need the
 * openssl program to make a certificate and are skipped without it.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "http.h"
#include "idplat.h"
#include "sms.h"
#include "tap.h"

#define PERSON_NAME	"张三"
#define PERSON_ID	"11010519491231002X"
#define OTHER_ID	"110101199003070011"
#define PHONE		"13900000000"

static const char	*dir;
static char		 script[1024];

static void
path_in(char *out, size_t len, const char *name)
{
	snprintf(out, len, "%s/%s", dir, name);
}

static int
have_program(const char *name)
{
	char		 path[1024];
	const char	*p = getenv("PATH"), *end;

	for (; p != NULL && *p != '\0'; p = *end != '\0' ? end + 1 : end) {
		end = p + strcspn(p, ":");
		snprintf(path, sizeof path, "%.*s/%s", (int)(end - p), p, name);
		if (access(path, X_OK) == 0)
			return 1;
	}
	return 0;
}

static long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int
read_port(const char *file)
{
	FILE	*f;
	int	 port = 0;

	if ((f = fopen(file, "r")) == NULL)
		return 0;
	if (fscanf(f, "%d", &port) != 1)
		port = 0;
	fclose(f);
	return port;
}

/* Starts the service with the given extra arguments; returns its port or 0. */
static int
service_start(pid_t *pid, const char *portname, char *const extra[])
{
	char	 people[1024], log[1024], portfile[1024];
	char	*argv[24] = { "python3", script, "--people", people, "--sms-log",
	    log, "--port-file", portfile, "--lifetime", "120", NULL };
	int	 i, n = 10, port = 0, status;

	path_in(people, sizeof people, "people.json");
	path_in(log, sizeof log, "sms.log");
	path_in(portfile, sizeof portfile, portname);
	for (i = 0; extra[i] != NULL && n < 23; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	if ((*pid = fork()) == 0) {
		if (freopen("/dev/null", "w", stdout) == NULL)
			_exit(127);
		execvp("python3", argv);
		_exit(127);
	}
	for (i = 0; *pid > 0 && i < 500 && port == 0; i++) {
		usleep(20000);
		if (waitpid(*pid, &status, WNOHANG) == *pid)
			return 0;
		port = read_port(portfile);
	}
	return port;
}

static void
service_stop(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
}

static void
write_file(const char *name, const char *text)
{
	char	 path[1024];
	FILE	*f;

	path_in(path, sizeof path, name);
	if ((f = fopen(path, "w")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
}

static void
url(char *out, size_t len, const char *scheme, int port, const char *path)
{
	snprintf(out, len, "%s://127.0.0.1:%d%s", scheme, port, path);
}

static int
set_mode(int port, const char *mode)
{
	struct err	 e;
	char		 u[128];
	json_t		*req, *ans;
	int		 rc;

	url(u, sizeof u, "http", port, "/control");
	req = json_pack("{s:s, s:s}", "mode", mode, "request_id", "control");
	rc = http_post_json(NULL, u, req, &ans, NULL, &e);
	json_decref(req);
	json_decref(ans);
	return rc;
}

static void
is_fail(int rc, const struct err *e, enum err_kind kind, const char *key,
    const char *what)
{
	if (!ok(rc == -1, "%s: fails", what)) {
		/* On success e holds nothing of this call. */
		ok(0, "%s: kind", what);
		ok(0, "%s: key", what);
		return;
	}
	is_int(e->kind, kind, "%s: kind", what);
	if (!is_str(e->key, key, "%s: key", what))
		tap_diag("detail: %s", e->detail);
}

/* idplat_verify() answers, with the result want. */
static int
is_result(const struct http_opts *o, const char *u, const char *name,
    const char *id, enum idplat_result want, const char *what)
{
	enum idplat_result	 r = IDPLAT_NOT_FOUND;
	struct err		 e;

	if (idplat_verify(o, u, name, id, &r, &e) != 0)
		tap_diag("%s: %s (%s)", what, e.key, e.detail);
	else if (r != want)
		tap_diag("%s: result %d", what, (int)r);
	else
		return ok(1, "%s", what);
	return ok(0, "%s", what);
}

/* idplat_verify() fails with kind and key. */
static void
verify_fails(const struct http_opts *o, const char *u, const char *name,
    const char *id, enum err_kind kind, const char *key, const char *what)
{
	enum idplat_result	 r;
	struct err		 e;

	is_fail(idplat_verify(o, u, name, id, &r, &e), &e, kind, key, what);
}

static void
check_identity(int port)
{
	struct http_opts	 o = { 0, 0, NULL };
	char			 u[128];

	url(u, sizeof u, "http", port, "/identity");
	is_result(&o, u, PERSON_NAME, PERSON_ID, IDPLAT_MATCH,
	    "name and ID on record: match");
	is_result(&o, u, "李四", PERSON_ID, IDPLAT_MISMATCH,
	    "ID on record under another name: mismatch");
	is_result(&o, u, PERSON_NAME, OTHER_ID, IDPLAT_NOT_FOUND,
	    "ID not on record: not_found");
	is_str(idplat_result_key(IDPLAT_MISMATCH), "idplat.mismatch",
	    "result key for staff");
	verify_fails(&o, u, "", PERSON_ID, ERR_INPUT, "idplat.bad_input",
	    "empty name");
	verify_fails(&o, u, "\xff\xfe", PERSON_ID, ERR_INPUT, "idplat.bad_input",
	    "name not UTF-8");
}

/* Each mode that is not a proper answer, through idplat_verify. */
static void
check_misbehaving(int port)
{
	static const struct {
		const char	*mode;
		const char	*key;
	} cases[] = {
		{ "refuse", "http.refused" },
		{ "error", "http.server_error" },
		{ "down", "http.unreachable" },
		{ "garbage", "http.bad_answer" },
		{ "array", "http.bad_answer" },
		{ "huge", "http.bad_answer" },
		{ "flood", "http.bad_answer" },
		{ "noecho", "http.bad_answer" },
		{ "redirect", "http.bad_answer" },
	};
	enum idplat_result	r;
	struct err		e;
	char			u[128];
	size_t			i;

	url(u, sizeof u, "http", port, "/identity");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ok(set_mode(port, cases[i].mode) == 0, "mode %s", cases[i].mode);
		is_fail(idplat_verify(NULL, u, PERSON_NAME, PERSON_ID, &r, &e), &e,
		    ERR_SYSTEM, cases[i].key, cases[i].mode);
		ok(strstr(e.detail, PERSON_ID) == NULL &&
		    strstr(e.detail, PERSON_NAME) == NULL,
		    "%s: detail has no personal data", cases[i].mode);
	}
}

static void
check_status(int port)
{
	struct err	 e;
	char		 u[128];
	json_t		*req, *ans;
	long		 status = 0;

	url(u, sizeof u, "http", port, "/identity");
	req = json_pack("{s:s, s:s, s:s}", "name", "x", "id_number", "1",
	    "request_id", "r1");
	set_mode(port, "refuse");
	is_fail(http_post_json(NULL, u, req, &ans, &status, &e), &e, ERR_SYSTEM,
	    "http.refused", "403");
	is_int(status, 403, "status 403 reported");
	ok(ans == NULL, "no answer on refusal");
	set_mode(port, "redirect");
	http_post_json(NULL, u, req, &ans, &status, &e);
	is_int(status, 302, "redirect not followed");
	set_mode(port, "huge");
	http_post_json(NULL, u, req, &ans, &status, &e);
	ok(strstr(e.detail, "65536") != NULL, "huge: detail names the bound");
	set_mode(port, "up");
	ok(http_post_json(NULL, u, req, &ans, &status, &e) == 0 && status == 200 &&
	    strcmp(http_answer_str(ans, "request_id"), "r1") == 0,
	    "plain POST answered with status 200");
	json_decref(ans);
	json_decref(req);
}

static int
free_port(void)
{
	struct sockaddr_in	sin;
	socklen_t		len = sizeof sin;
	int			s, port = 0;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return 0;
	if (bind(s, (struct sockaddr *)&sin, sizeof sin) == 0 &&
	    getsockname(s, (struct sockaddr *)&sin, &len) == 0)
		port = ntohs(sin.sin_port);
	close(s);
	return port;
}

static void
check_deadlines(int port)
{
	struct http_opts	o = { 0, 500, NULL };
	char			u[128];
	long			t;

	url(u, sizeof u, "http", free_port(), "/identity");
	t = now_ms();
	verify_fails(&o, u, PERSON_NAME, PERSON_ID, ERR_SYSTEM, "http.unreachable",
	    "nothing listening");
	ok(now_ms() - t < 1000, "nothing listening: fails fast (%ld ms)",
	    now_ms() - t);
	url(u, sizeof u, "http", port, "/identity");
	set_mode(port, "slow");
	t = now_ms();
	verify_fails(&o, u, PERSON_NAME, PERSON_ID, ERR_SYSTEM, "http.timeout",
	    "slow");
	t = now_ms() - t;
	ok(t >= 400 && t < 1500, "slow: gives up after total_ms (%ld ms)", t);
	set_mode(port, "up");
}

static void
check_urls(int port)
{
	char			u[128];

	url(u, sizeof u, "ftp", port, "/identity");
	verify_fails(NULL, u, PERSON_NAME, PERSON_ID, ERR_SYSTEM, "http.bad_url",
	    "ftp URL");
	verify_fails(NULL, "file:///etc/passwd", PERSON_NAME, PERSON_ID,
	    ERR_SYSTEM, "http.bad_url", "file URL");
	url(u, sizeof u, "https", port, "/identity");
	verify_fails(NULL, u, PERSON_NAME, PERSON_ID, ERR_SYSTEM, "http.tls",
	    "https to a plain HTTP server");
}

static void
read_log(char *out, size_t len)
{
	char	 path[1024];
	FILE	*f;
	size_t	 n = 0;

	path_in(path, sizeof path, "sms.log");
	if ((f = fopen(path, "r")) != NULL) {
		n = fread(out, 1, len - 1, f);
		fclose(f);
	}
	out[n] = '\0';
}

static void
check_sms(int port)
{
	struct err	e;
	char		u[128], log[256], before[256];

	url(u, sizeof u, "http", port, "/sms");
	ok(sms_send(NULL, u, SMS_TEMPLATE_RESET, PHONE, "042917", &e) == 0,
	    "SMS accepted");
	read_log(log, sizeof log);
	is_str(log, PHONE "\t042917\n", "the phone got the code");
	set_mode(port, "reject");
	is_fail(sms_send(NULL, u, SMS_TEMPLATE_RESET, PHONE, "123456", &e), &e,
	    ERR_RULE, "sms.rejected", "SMS rejected");
	set_mode(port, "noecho");
	is_fail(sms_send(NULL, u, SMS_TEMPLATE_RESET, PHONE, "123456", &e), &e,
	    ERR_SYSTEM, "http.bad_answer", "SMS answer for another request");
	set_mode(port, "up");
	read_log(before, sizeof before);
	is_fail(sms_send(NULL, u, SMS_TEMPLATE_RESET, "1390000000", "123456",
	    &e), &e, ERR_INPUT, "phone.format", "SMS to a bad phone");
	is_str(e.field, "phone", "bad phone: field");
	is_fail(sms_send(NULL, u, SMS_TEMPLATE_RESET, PHONE, "12a456", &e), &e,
	    ERR_INPUT, "sms.bad_code", "SMS with a bad code");
	read_log(log, sizeof log);
	is_str(log, before, "bad phone or code: nothing sent");
}

static void
check_parse(void)
{
	static const char *const bad[] = {
		"", "[]", "\"x\"", "{\"a\":1,\"a\":2}", "{\"a\":", "{} x",
	};
	struct err	 e;
	json_t		*j;
	char		 what[64];
	size_t		 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(what, sizeof what, "bad answer %zu", i);
		is_fail(http_parse_answer(bad[i], strlen(bad[i]), &j, &e), &e,
		    ERR_SYSTEM, "http.bad_answer", what);
	}
	ok(http_parse_answer("{}", 2, &j, &e) == 0 && json_is_object(j),
	    "parse {}");
	json_decref(j);
}

static void
check_read_answer(void)
{
	enum idplat_result	 r;
	struct err		 e;
	json_t			*a;

	a = json_pack("{s:s, s:s}", "result", "match", "request_id", "other");
	is_fail(idplat_read_answer(a, "mine", &r, &e), &e, ERR_SYSTEM,
	    "http.bad_answer", "answer for another request");
	ok(strstr(e.detail, "request_id") != NULL, "detail names the request_id");
	json_decref(a);
	a = json_pack("{s:s, s:s}", "result", "probably", "request_id", "mine");
	is_fail(idplat_read_answer(a, "mine", &r, &e), &e, ERR_SYSTEM,
	    "http.bad_answer", "unknown result");
	json_decref(a);
	a = json_pack("{s:i, s:s}", "status", 1, "request_id", "mine");
	is_fail(sms_read_answer(a, "mine", &e), &e, ERR_SYSTEM,
	    "http.bad_answer", "SMS status not a string");
	json_decref(a);
}

static void
check_request_ids(void)
{
	char		a[HTTP_REQUEST_ID_SIZE], b[HTTP_REQUEST_ID_SIZE];
	struct err	e;

	ok(http_request_id(a, &e) == 0 && http_request_id(b, &e) == 0,
	    "request ids made");
	is_int(strlen(a), 32, "request id is 32 characters");
	is_int(strspn(a, "0123456789abcdef"), 32, "request id is hex");
	ok(strcmp(a, b) != 0, "request ids differ");
}

static int
make_cert(void)
{
	char	cmd[4096];

	if (!have_program("openssl"))
		return -1;
	snprintf(cmd, sizeof cmd, "openssl req -x509 -newkey ec -pkeyopt "
	    "ec_paramgen_curve:prime256v1 -nodes -keyout '%s/key.pem' -out "
	    "'%s/cert.pem' -days 2 -subj /CN=127.0.0.1 -addext "
	    "subjectAltName=IP:127.0.0.1 >/dev/null 2>&1", dir, dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
check_tls_with(int port, const char *ca)
{
	struct http_opts	 o = { 0, 0, ca };
	char			 u[128];

	url(u, sizeof u, "https", port, "/identity");
	is_result(&o, u, PERSON_NAME, PERSON_ID, IDPLAT_MATCH,
	    "https with the CA file: match");
	o.ca_file = NULL;
	verify_fails(&o, u, PERSON_NAME, PERSON_ID, ERR_SYSTEM, "http.tls",
	    "https, certificate not trusted");
	o.ca_file = ca;
	snprintf(u, sizeof u, "https://localhost:%d/identity", port);
	verify_fails(&o, u, PERSON_NAME, PERSON_ID, ERR_SYSTEM, "http.tls",
	    "https, certificate for another host");
}

static void
check_tls(void)
{
	char	 cert[1024], key[1024];
	char	*extra[] = { "--tls-cert", cert, "--tls-key", key, NULL };
	pid_t	 pid;
	int	 port;

	path_in(cert, sizeof cert, "cert.pem");
	path_in(key, sizeof key, "key.pem");
	if (make_cert() == -1) {
		ok(1, "# SKIP openssl could not make a certificate");
		return;
	}
	port = service_start(&pid, "port-tls", extra);
	if (ok(port > 0, "TLS service started"))
		check_tls_with(port, cert);
	service_stop(pid);
}

static void
cleanup(void)
{
	static const char *const names[] = { "people.json", "sms.log", "port",
	    "port-tls", "cert.pem", "key.pem" };
	char	path[1024];
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		path_in(path, sizeof path, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

int
main(void)
{
	const char	*srcdir = getenv("top_srcdir");
	char		*none[] = { "--slow", "3", NULL };
	pid_t		 pid;
	int		 port;

	if (!have_program("python3"))
		tap_skip_all("python3 not found: the fake service needs it");
	snprintf(script, sizeof script, "%s/tests/fake-service.py",
	    srcdir != NULL ? srcdir : ".");
	/* The service is on loopback; a proxy from the environment is not. */
	unsetenv("http_proxy");
	unsetenv("https_proxy");
	unsetenv("HTTPS_PROXY");
	unsetenv("all_proxy");
	unsetenv("ALL_PROXY");
	dir = tap_tmpdir();
	write_file("people.json", "{\"" PERSON_NAME "\": \"" PERSON_ID "\"}\n");
	check_parse();
	check_read_answer();
	check_request_ids();
	port = service_start(&pid, "port", none);
	if (ok(port > 0, "fake service started on port %d", port)) {
		check_identity(port);
		check_status(port);
		check_misbehaving(port);
		set_mode(port, "up");
		check_deadlines(port);
		check_urls(port);
		check_sms(port);
	}
	service_stop(pid);
	check_tls();
	cleanup();
	return tap_done();
}
