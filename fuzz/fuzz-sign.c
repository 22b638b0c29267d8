/* fuzz-sign.c: the scan-to-sign signature file (core/sign.c), checked against
 * the registry key and document of tests/vectors/sign.txt, so that seeds from
 * the vectors reach every rule past the signatures. */
#include "config.h"

#include <stdlib.h>

#include <sodium.h>

#include "fuzz.h"
#include "keyring.h"
#include "sign.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char pk_hex[] =
	    "23b4568d8ae22dea9d829455f31227859acba4dee471a8196c525429b92fc20f";
	static const char digest_hex[] =
	    "0b813137233dff9c0ec8a78b0af15713ce64008a49c649ca0a245ee8ad7c3a69";
	static struct keyring ring = { 1, { { 1, { 0 }, 0 } } };
	uint8_t digest[SIGN_DIGEST_BYTES];
	struct sign_file f;
	struct sign_hcert hc;
	char *s;

	sodium_hex2bin(ring.v[0].pk, 32, pk_hex, 64, NULL, NULL, NULL);
	sodium_hex2bin(digest, sizeof digest, digest_hex, 64, NULL, NULL, NULL);
	sign_file_check((const char *)data, len, &ring, digest, &f);
	if ((s = fuzz_string(data, len)) != NULL) {
		sign_hcert_check(s, &ring, &hc);
		free(s);
	}
	return 0;
}
