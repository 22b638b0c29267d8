/*
 * fuzz-code.c: everything a scanner or a keyboard can hand the verify screen:
 * classification, token, digit and barcode parsing, ticket numbers, and the
 * signed presented-QR payload (Base45 and all), against a fixed key.
 */
#include "config.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_code_read((const char *)data, len);
	return 0;
}
