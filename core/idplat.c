/*
 * idplat.c: the identity platform client; see idplat.h and
 * assets/api/identity.md.
 *
 * Every request carries a fresh random request_id and the answer must echo it:
 * a proxy or cache that hands back someone else's answer must not turn into a
 * "match" for this person. Nothing of the request goes into error details.
 */
#include "config.h"

#include <string.h>

#include "idplat.h"

static const struct {
	const char		*wire;
	enum idplat_result	 result;
	const char		*key;
} idplat_results[] = {
	{ "match", IDPLAT_MATCH, "idplat.match" },
	{ "mismatch", IDPLAT_MISMATCH, "idplat.mismatch" },
	{ "not_found", IDPLAT_NOT_FOUND, "idplat.not_found" },
};
#define IDPLAT_NRESULTS (sizeof idplat_results / sizeof idplat_results[0])

static int
idplat_check_text(const char *s, size_t max)
{
	return s != NULL && s[0] != '\0' && strlen(s) <= max;
}

static json_t *
idplat_request(const char *name, const char *id_number, const char *request_id)
{
	/* json_pack refuses text that is not UTF-8. */
	return json_pack("{s:s, s:s, s:s}", "name", name, "id_number", id_number,
	    "request_id", request_id);
}

int
idplat_verify(const struct http_opts *o, const char *url, const char *name,
    const char *id_number, enum idplat_result *out, struct err *e)
{
	char	 rid[HTTP_REQUEST_ID_SIZE];
	json_t	*req, *ans;
	int	 rc;

	if (!idplat_check_text(name, IDPLAT_NAME_MAX) ||
	    !idplat_check_text(id_number, IDPLAT_ID_MAX)) {
		return err_set(e, ERR_INPUT, NULL, "idplat.bad_input",
		    "name or ID number empty or too long");
	}
	if (http_request_id(rid, e) == -1)
		return -1;
	if ((req = idplat_request(name, id_number, rid)) == NULL) {
		return err_set(e, ERR_INPUT, NULL, "idplat.bad_input",
		    "name or ID number is not UTF-8 text");
	}
	rc = http_post_json(o, url, req, &ans, NULL, e);
	json_decref(req);
	if (rc == -1)
		return -1;
	rc = idplat_read_answer(ans, rid, out, e);
	json_decref(ans);
	return rc;
}

int
idplat_read_answer(json_t *answer, const char *request_id,
    enum idplat_result *out, struct err *e)
{
	const char	*result;
	size_t		 i;

	if (http_check_echo(answer, request_id, e) == -1)
		return -1;
	if ((result = http_answer_str(answer, "result")) == NULL) {
		return err_set(e, ERR_SYSTEM, NULL, "http.bad_answer",
		    "answer has no result");
	}
	for (i = 0; i < IDPLAT_NRESULTS; i++) {
		if (strcmp(result, idplat_results[i].wire) == 0) {
			*out = idplat_results[i].result;
			return 0;
		}
	}
	return err_set(e, ERR_SYSTEM, NULL, "http.bad_answer",
	    "answer has an unknown result");
}

const char *
idplat_result_key(enum idplat_result r)
{
	size_t	i;

	for (i = 0; i < IDPLAT_NRESULTS; i++) {
		if (idplat_results[i].result == r)
			return idplat_results[i].key;
	}
	return "http.bad_answer";
}

static const char *const idplat_outcome_names[] = {
	[IDPLAT_PASSED] = "match",
	[IDPLAT_SKIPPED] = "skipped",
	[IDPLAT_REFUSED_MISMATCH] = "mismatch",
	[IDPLAT_REFUSED_NOT_FOUND] = "not_found",
	[IDPLAT_UNAVAILABLE] = "error",
};

void
idplat_check(const struct cfg *cfg, const char *name, const char *id_number,
    struct idplat_check *out)
{
	const char *url = cfg_get(cfg, "identity_url");
	struct http_opts opts;
	enum idplat_result res;
	struct err e;
	long ms;

	memset(&opts, 0, sizeof opts);
	err_clear(&e);
	if (url == NULL || *url == '\0') {
		out->outcome = IDPLAT_SKIPPED;
		out->key = "idplat.skipped";
		return;
	}
	/* A bad timeout was said when the configuration was read; the default
	 * stands. */
	if (cfg_int(cfg, "http_timeout_ms", 0, &ms, &e) == 0)
		opts.total_ms = ms;
	err_clear(&e);
	if (idplat_verify(&opts, url, name, id_number, &res, &e) != 0) {
		out->outcome = IDPLAT_UNAVAILABLE;
		out->key = e.key;
		return;
	}
	out->outcome = res == IDPLAT_MATCH ? IDPLAT_PASSED :
	    res == IDPLAT_MISMATCH ? IDPLAT_REFUSED_MISMATCH : IDPLAT_REFUSED_NOT_FOUND;
	out->key = idplat_result_key(res);
}

int
idplat_passed(const struct idplat_check *c)
{
	return c->outcome == IDPLAT_PASSED || c->outcome == IDPLAT_SKIPPED;
}

const char *
idplat_outcome_name(enum idplat_outcome o)
{
	return idplat_outcome_names[o];
}
