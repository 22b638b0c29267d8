/*
 * fuzz-scan.c: a scan event's text as the screens' scan handlers read it:
 * len bytes with no NUL after them (struct scan_event), maybe NULs among them.
 * The bytes are copied into a buffer of exactly len bytes, so that a reader
 * going past len (a str* function on the text, as code_classify once was) is
 * an ASan report here rather than a quiet read of the event's spare bytes,
 * which a replay's or libFuzzer's larger buffer would not show either.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "idcheck.h"
#include "text.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char code[IDCHECK_CODE_LEN + 1], out[1024], *text;

	/* malloc(0) too is a buffer ASan guards: no byte of it may be read. */
	if ((text = malloc(len)) == NULL && len > 0)
		abort();
	if (len > 0)
		memcpy(text, data, len);
	fuzz_code_read(text, len);
	idcheck_code_scanned(text, len, code);
	text_safe(text, len, out, sizeof out);
	free(text);
	return 0;
}
