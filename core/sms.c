/*
 * sms.c: the SMS gateway client; see sms.h and assets/api/sms.md.
 *
 * The phone and code are checked before anything leaves the machine, so the
 * gateway never sees a malformed number, and a request_id echo ties the answer
 * to this message. Neither phone nor code goes into error details.
 */
#include "config.h"

#include <string.h>

#include "idcheck.h"
#include "sms.h"

static int
sms_check_code(const char *code)
{
	size_t	i;

	if (code == NULL || strlen(code) != SMS_CODE_LEN)
		return -1;
	for (i = 0; i < SMS_CODE_LEN; i++) {
		if (code[i] < '0' || code[i] > '9')
			return -1;
	}
	return 0;
}

static json_t *
sms_request(const char *template, const char *phone, const char *code,
    const char *request_id)
{
	return json_pack("{s:s, s:s, s:{s:s}, s:s}", "phone", phone,
	    "template", template, "params", "code", code,
	    "request_id", request_id);
}

int
sms_send(const struct http_opts *o, const char *url, const char *template,
    const char *phone, const char *code, struct err *e)
{
	char		 rid[HTTP_REQUEST_ID_SIZE];
	const char	*bad;
	json_t		*req, *ans;
	int		 rc;

	if ((bad = idcheck_mobile(phone)) != NULL)
		return err_set(e, ERR_INPUT, "phone", bad, NULL);
	if (sms_check_code(code) == -1) {
		return err_set(e, ERR_INPUT, NULL, "sms.bad_code",
		    "code is not %d digits", SMS_CODE_LEN);
	}
	if (http_request_id(rid, e) == -1)
		return -1;
	if ((req = sms_request(template, phone, code, rid)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "http.failed", "json_pack");
	rc = http_post_json(o, url, req, &ans, NULL, e);
	json_decref(req);
	if (rc == -1)
		return -1;
	rc = sms_read_answer(ans, rid, e);
	json_decref(ans);
	return rc;
}

int
sms_read_answer(json_t *answer, const char *request_id, struct err *e)
{
	const char	*status;

	if (http_check_echo(answer, request_id, e) == -1)
		return -1;
	if ((status = http_answer_str(answer, "status")) == NULL) {
		return err_set(e, ERR_SYSTEM, NULL, "http.bad_answer",
		    "answer has no status");
	}
	if (strcmp(status, "accepted") == 0)
		return 0;
	if (strcmp(status, "rejected") == 0) {
		return err_set(e, ERR_RULE, NULL, "sms.rejected",
		    "the gateway rejected the message");
	}
	return err_set(e, ERR_SYSTEM, NULL, "http.bad_answer",
	    "answer has an unknown status");
}
