/* fuzz-text.c: form values as typed or pasted: text checks, safe display, and
 * the ID number, credit code and mobile checks. */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "idcheck.h"
#include "text.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char *s = fuzz_string(data, len), out[512], masked[19];

	text_check(s, 0, 200);
	text_width(s);
	text_chars(s);
	text_safe((const char *)data, len, out, sizeof out);
	idcheck_resident_id(s, 1795485600);
	idcheck_credit_code(s);
	idcheck_mobile(s);
	idcheck_mask_id(s, masked, sizeof masked);
	text_trim(s);
	free(s);
	return 0;
}
