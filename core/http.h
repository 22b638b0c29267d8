/*
 * http.h: JSON over HTTP(S) to the remote services (identity platform, SMS
 * gateway), one POST at a time.
 *
 * One request, one answer: a JSON object posted, a JSON object of at most
 * HTTP_ANSWER_MAX bytes back. TLS peers are always verified, only http and https
 * URLs are accepted, redirects are never followed, and every call has a connect
 * and a total deadline, so a dead or slow service costs a kiosk seconds, not a
 * hang. Failures carry ERR_SYSTEM and one of the keys "http.unreachable",
 * "http.timeout", "http.server_error" (5xx), "http.refused" (4xx), "http.tls",
 * "http.bad_answer" (not a JSON object, too big, unexpected status or members),
 * "http.bad_url" (not an http/https URL) or "http.failed"; the detail is libcurl's
 * text or the status, never anything from the request.
 */
#ifndef JSD_HTTP_H
#define JSD_HTTP_H

#include <stddef.h>

#include <jansson.h>

#include "err.h"

#define HTTP_CONNECT_MS		3000
#define HTTP_TOTAL_MS		8000
#define HTTP_ANSWER_MAX		(64 * 1024)
/* 128 random bits as lower-case hex, with the NUL. */
#define HTTP_REQUEST_ID_SIZE	33

struct http_opts {
	long		 connect_ms;	/* <= 0: HTTP_CONNECT_MS */
	long		 total_ms;	/* <= 0: HTTP_TOTAL_MS */
	const char	*ca_file;	/* NULL: the system's CA store */
};

/*
 * POSTs request as application/json to url. On success *answer is a new
 * reference to the answer object (the caller json_decref()s it). *status gets
 * the HTTP status, 0 if none came; opts and status may be NULL.
 */
int	 http_post_json(const struct http_opts *, const char *url,
	    json_t *request, json_t **answer, long *status, struct err *);
/*
 * Whether url's service answers at all, TLS verified as for a call: a HEAD
 * request, any HTTP status (in *status) is an answer. For jsdctl doctor: it
 * sends the service nothing it would act on.
 */
int	 http_reach(const struct http_opts *, const char *url, long *status,
	    struct err *);
/* Parses an answer body: a JSON object or "http.bad_answer". */
int	 http_parse_answer(const char *buf, size_t len, json_t **answer,
	    struct err *);
/* A fresh random request id, for the service to echo. */
int	 http_request_id(char out[HTTP_REQUEST_ID_SIZE], struct err *);
/* The answer's member as a string, NULL if absent or not a string. */
const char *http_answer_str(json_t *answer, const char *member);
/* "http.bad_answer" unless the answer's request_id is the one sent. */
int	 http_check_echo(json_t *answer, const char *request_id, struct err *);

#endif
