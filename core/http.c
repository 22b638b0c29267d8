/*
 * http.c: the one libcurl wrapper; see http.h.
 *
 * Each call uses its own easy handle, so threads never share one; libcurl's
 * global state is set up once (pthread_once) because curl_global_init is not
 * thread-safe. CURLOPT_NOSIGNAL keeps libcurl from using SIGALRM for DNS
 * timeouts, which would be unsafe with threads. The answer is collected into a
 * buffer of HTTP_ANSWER_MAX bytes: a bigger answer aborts the transfer in the
 * write callback (and earlier, through CURLOPT_MAXFILESIZE, when the server
 * declares its length), so a broken or hostile service cannot make us allocate
 * without bound. Error texts from the JSON parser are not passed on, because
 * they quote the answer.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <sodium.h>

#include "http.h"

struct http_body {
	char	*buf;
	size_t	 len;
	int	 too_big;
};

static pthread_once_t	http_once = PTHREAD_ONCE_INIT;
static CURLcode		http_init_rc = CURLE_FAILED_INIT;

static void
http_global_init(void)
{
	http_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static size_t
http_write(char *data, size_t size, size_t n, void *arg)
{
	struct http_body	*b = arg;
	size_t			 len = size * n;

	if (len > HTTP_ANSWER_MAX - b->len) {
		b->too_big = 1;
		return 0;
	}
	memcpy(b->buf + b->len, data, len);
	b->len += len;
	return len;
}

static CURLcode
http_set_limits(CURL *c, const struct http_opts *o)
{
	long		connect_ms = HTTP_CONNECT_MS, total_ms = HTTP_TOTAL_MS;
	CURLcode	rc;

	if (o != NULL && o->connect_ms > 0)
		connect_ms = o->connect_ms;
	if (o != NULL && o->total_ms > 0)
		total_ms = o->total_ms;
	if ((rc = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L)) != CURLE_OK ||
	    (rc = curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
	    connect_ms)) != CURLE_OK ||
	    (rc = curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, total_ms)) != CURLE_OK)
		return rc;
	return curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)HTTP_ANSWER_MAX);
}

static CURLcode
http_set_security(CURL *c, const struct http_opts *o)
{
	CURLcode	rc;

	if ((rc = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR,
	    "http,https")) != CURLE_OK ||
	    (rc = curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L)) != CURLE_OK ||
	    (rc = curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L)) != CURLE_OK ||
	    (rc = curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L)) != CURLE_OK)
		return rc;
	if (o != NULL && o->ca_file != NULL)
		return curl_easy_setopt(c, CURLOPT_CAINFO, o->ca_file);
	return CURLE_OK;
}

static CURLcode
http_set_request(CURL *c, const char *url, const char *json,
    struct curl_slist *headers, struct http_body *b, char *errbuf)
{
	CURLcode	rc;

	if ((rc = curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf)) != CURLE_OK ||
	    (rc = curl_easy_setopt(c, CURLOPT_URL, url)) != CURLE_OK ||
	    (rc = curl_easy_setopt(c, CURLOPT_USERAGENT,
	    PACKAGE_NAME "/" PACKAGE_VERSION)) != CURLE_OK ||
	    (rc = curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers)) != CURLE_OK ||
	    (rc = curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)strlen(json))) != CURLE_OK ||
	    (rc = curl_easy_setopt(c, CURLOPT_POSTFIELDS, json)) != CURLE_OK ||
	    (rc = curl_easy_setopt(c, CURLOPT_WRITEFUNCTION,
	    http_write)) != CURLE_OK)
		return rc;
	return curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
}

static const char *
http_curl_key(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
		return "http.unreachable";
	case CURLE_OPERATION_TIMEDOUT:
		return "http.timeout";
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
		return "http.tls";
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return "http.bad_url";
	default:
		return "http.failed";
	}
}

static int
http_curl_fail(CURLcode rc, const struct http_body *b, const char *errbuf,
    struct err *e)
{
	if (b->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		return err_set(e, ERR_SYSTEM, NULL, "http.bad_answer",
		    "answer larger than %d bytes", HTTP_ANSWER_MAX);
	}
	return err_set(e, ERR_SYSTEM, NULL, http_curl_key(rc), "%s",
	    errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc));
}

static int
http_status_fail(long status, struct err *e)
{
	if (status >= 500) {
		return err_set(e, ERR_SYSTEM, NULL, "http.server_error",
		    "HTTP status %ld", status);
	}
	if (status >= 400) {
		return err_set(e, ERR_SYSTEM, NULL, "http.refused",
		    "HTTP status %ld", status);
	}
	return err_set(e, ERR_SYSTEM, NULL, "http.bad_answer",
	    "unexpected HTTP status %ld", status);
}

static struct curl_slist *
http_headers(void)
{
	static const char *const lines[] = {
		"Content-Type: application/json",
		"Accept: application/json",
		"Expect:",	/* no 100-continue round trip */
	};
	struct curl_slist	*list = NULL, *next;
	size_t			 i;

	for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		if ((next = curl_slist_append(list, lines[i])) == NULL) {
			curl_slist_free_all(list);
			return NULL;
		}
		list = next;
	}
	return list;
}

/* One transfer on a fresh handle; the body and status are the caller's. */
static int
http_perform(const struct http_opts *o, const char *url, const char *json,
    struct http_body *b, long *status, struct err *e)
{
	char			 errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist	*headers;
	CURL			*c;
	CURLcode		 rc;

	if ((headers = http_headers()) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "http.failed", "out of memory");
	if ((c = curl_easy_init()) == NULL) {
		curl_slist_free_all(headers);
		return err_set(e, ERR_SYSTEM, NULL, "http.failed", "curl_easy_init");
	}
	if ((rc = http_set_limits(c, o)) == CURLE_OK &&
	    (rc = http_set_security(c, o)) == CURLE_OK &&
	    (rc = http_set_request(c, url, json, headers, b, errbuf)) == CURLE_OK)
		rc = curl_easy_perform(c);
	if (curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status) != CURLE_OK)
		*status = 0;
	curl_easy_cleanup(c);
	curl_slist_free_all(headers);
	if (rc != CURLE_OK)
		return http_curl_fail(rc, b, errbuf, e);
	return 0;
}

/* libcurl set up once per process. */
static int
http_ready(struct err *e)
{
	if (pthread_once(&http_once, http_global_init) != 0 ||
	    http_init_rc != CURLE_OK) {
		return err_set(e, ERR_SYSTEM, NULL, "http.failed", "%s",
		    curl_easy_strerror(http_init_rc));
	}
	return 0;
}

int
http_reach(const struct http_opts *o, const char *url, long *status,
    struct err *e)
{
	struct http_body	 b = { NULL, 0, 0 };
	char			 errbuf[CURL_ERROR_SIZE] = "";
	CURL			*c;
	CURLcode		 rc;

	*status = 0;
	if (http_ready(e) != 0)
		return -1;
	if ((c = curl_easy_init()) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "http.failed", "curl_easy_init");
	if ((rc = http_set_limits(c, o)) == CURLE_OK &&
	    (rc = http_set_security(c, o)) == CURLE_OK &&
	    (rc = curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf)) == CURLE_OK &&
	    (rc = curl_easy_setopt(c, CURLOPT_URL, url)) == CURLE_OK &&
	    (rc = curl_easy_setopt(c, CURLOPT_NOBODY, 1L)) == CURLE_OK)
		rc = curl_easy_perform(c);
	if (rc != CURLE_OK ||
	    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status) != CURLE_OK)
		*status = 0;
	curl_easy_cleanup(c);
	return rc != CURLE_OK ? http_curl_fail(rc, &b, errbuf, e) : 0;
}

int
http_post_json(const struct http_opts *o, const char *url, json_t *request,
    json_t **answer, long *status, struct err *e)
{
	struct http_body	 b = { NULL, 0, 0 };
	long			 st = 0;
	char			*json;
	int			 rc;

	*answer = NULL;
	if (status != NULL)
		*status = 0;
	if (http_ready(e) != 0)
		return -1;
	if ((json = json_dumps(request, JSON_COMPACT)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "http.failed", "json_dumps");
	if ((b.buf = malloc(HTTP_ANSWER_MAX)) == NULL) {
		free(json);
		return err_set(e, ERR_SYSTEM, NULL, "http.failed", "out of memory");
	}
	rc = http_perform(o, url, json, &b, &st, e);
	free(json);
	if (status != NULL)
		*status = st;
	if (rc == 0 && (st < 200 || st > 299))
		rc = http_status_fail(st, e);
	if (rc == 0)
		rc = http_parse_answer(b.buf, b.len, answer, e);
	free(b.buf);
	return rc;
}

int
http_parse_answer(const char *buf, size_t len, json_t **answer, struct err *e)
{
	json_error_t	 jerr;
	json_t		*j;

	*answer = NULL;
	if (len > HTTP_ANSWER_MAX) {
		return err_set(e, ERR_SYSTEM, NULL, "http.bad_answer",
		    "answer larger than %d bytes", HTTP_ANSWER_MAX);
	}
	if ((j = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
		return err_set(e, ERR_SYSTEM, NULL, "http.bad_answer",
		    "answer is not JSON (line %d, column %d)", jerr.line,
		    jerr.column);
	}
	if (!json_is_object(j)) {
		json_decref(j);
		return err_set(e, ERR_SYSTEM, NULL, "http.bad_answer",
		    "answer is not a JSON object");
	}
	*answer = j;
	return 0;
}

int
http_request_id(char out[HTTP_REQUEST_ID_SIZE], struct err *e)
{
	unsigned char	raw[(HTTP_REQUEST_ID_SIZE - 1) / 2];

	if (sodium_init() < 0)
		return err_set(e, ERR_SYSTEM, NULL, "http.failed", "sodium_init");
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, HTTP_REQUEST_ID_SIZE, raw, sizeof raw);
	return 0;
}

const char *
http_answer_str(json_t *answer, const char *member)
{
	return json_string_value(json_object_get(answer, member));
}

int
http_check_echo(json_t *answer, const char *request_id, struct err *e)
{
	const char	*got = http_answer_str(answer, "request_id");

	if (got == NULL) {
		return err_set(e, ERR_SYSTEM, NULL, "http.bad_answer",
		    "answer has no request_id");
	}
	if (strcmp(got, request_id) != 0) {
		return err_set(e, ERR_SYSTEM, NULL, "http.bad_answer",
		    "answer is for another request_id");
	}
	return 0;
}
