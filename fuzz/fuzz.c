/* fuzz.c: what the fuzz targets share; see fuzz.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "fuzz.h"
#include "pcode.h"

char *
fuzz_string(const uint8_t *data, size_t len)
{
	char *s = malloc(len + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, len);
	s[len] = '\0';
	return s;
}

/* The test vectors' public key (tests/vectors/pcode.txt). */
static const uint8_t fuzz_pk[32] = {
	0x85, 0x79, 0xe1, 0x39, 0x09, 0xe5, 0x29, 0x0c, 0xe2, 0x6c, 0x95, 0xbc,
	0x51, 0xbf, 0x2e, 0xdc, 0xac, 0x06, 0x33, 0xcf, 0x0b, 0x56, 0x03, 0xd8,
	0x41, 0x59, 0xae, 0xb3, 0x52, 0x5f, 0xa8, 0x05,
};

static int
fuzz_key(uint8_t key_id, uint8_t pk[32], int64_t *created, void *arg)
{
	(void)arg;
	if (key_id != 1)
		return -1;
	memcpy(pk, fuzz_pk, sizeof fuzz_pk);
	*created = 1767225600;
	return 0;
}

void
fuzz_code_read(const char *text, size_t len)
{
	uint8_t hash[CODE_HASH_BYTES];
	char number[CODE_TICKET_NUMBER_MAX + 1];
	enum code_kind kind;
	struct pcode p;

	code_classify(text, len);
	code_token_hash(text, len, &kind, hash);
	code_digits_hash(text, len, hash);
	code_barcode_hash(text, len, hash);
	code_ticket_parse(text, len, number, sizeof number);
	pcode_decode(text, len, 1767312000, fuzz_key, NULL, &p);
}
