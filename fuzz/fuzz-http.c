/* fuzz-http.c: the answers of the identity platform and the SMS gateway. */
#include "config.h"

#include "fuzz.h"
#include "http.h"
#include "idplat.h"
#include "sms.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char rid[] = "0123456789abcdef0123456789abcdef";
	enum idplat_result res;
	json_t *answer = NULL;
	struct err e;

	if (http_parse_answer((const char *)data, len, &answer, &e) != 0)
		return 0;
	idplat_read_answer(answer, rid, &res, &e);
	sms_read_answer(answer, rid, &e);
	json_decref(answer);
	return 0;
}
