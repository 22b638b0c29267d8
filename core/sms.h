/*
 * sms.h: the SMS gateway, reached over HTTP(S), for password-reset codes and
 * the codes that confirm a holder's new phone.
 *
 * The wire format is in assets/api/sms.md. The gateway answers "accepted" (it
 * will deliver the message) or "rejected" (it will not: ERR_RULE
 * "sms.rejected"); failing to get an answer is an "http.*" error (see http.h).
 */
#ifndef JSD_SMS_H
#define JSD_SMS_H

#include "err.h"
#include "http.h"

#define SMS_CODE_LEN		6
#define SMS_TEMPLATE_RESET	"jsd_reset_code"
#define SMS_TEMPLATE_PHONE	"jsd_phone_code"	/* to the new phone */

/*
 * Sends code (SMS_CODE_LEN digits) to a mainland mobile phone, with the
 * gateway's template for the message (SMS_TEMPLATE_*). A bad phone fails
 * with ERR_INPUT, field "phone" and idcheck_mobile()'s key; a bad code with
 * ERR_INPUT "sms.bad_code".
 */
int	sms_send(const struct http_opts *, const char *url, const char *template,
	    const char *phone, const char *code, struct err *);
/* Reads an answer to request_id (exposed for tests and fuzzing). */
int	sms_read_answer(json_t *answer, const char *request_id, struct err *);

#endif
