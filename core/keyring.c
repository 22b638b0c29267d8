/*
 * keyring.c: a set of public signing keys and their one-line text form; see
 * keyring.h. Key files come from elsewhere (a USB stick, a mail): every line
 * is bounded and parsed strictly, and the count of keys is bounded.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "keyring.h"

int
keyring_add(struct keyring *ring, const struct keyring_key *k)
{
	int i;

	for (i = 0; i < ring->n; i++)
		if (ring->v[i].id == k->id) {
			ring->v[i] = *k;
			return 0;
		}
	if (ring->n >= KEYRING_MAX)
		return -1;
	ring->v[ring->n++] = *k;
	return 0;
}

int
keyring_parse(const char *line, struct keyring_key *k)
{
	char hex[65];
	unsigned id;
	long long when;
	int n = 0;

	if (sscanf(line, "%3u %64[0-9a-fA-F] %12lld%n", &id, hex, &when, &n) != 3 ||
	    (line[n] != '\0' && strcmp(line + n, "\n") != 0) || id < 1 ||
	    id > 255 || when < 0 || strlen(hex) != 64 ||
	    sodium_hex2bin(k->pk, 32, hex, 64, NULL, NULL, NULL) != 0)
		return -1;
	k->id = (uint8_t)id;
	k->created = when;
	return 0;
}

void
keyring_format(const struct keyring_key *k, char out[KEYRING_LINE_SIZE])
{
	char hex[65];

	sodium_bin2hex(hex, sizeof hex, k->pk, sizeof k->pk);
	snprintf(out, KEYRING_LINE_SIZE, "%u %s %lld", k->id, hex,
	    (long long)k->created);
}

int
keyring_read(const char *path, struct keyring *ring, struct err *e)
{
	char line[KEYRING_LINE_SIZE + 2];
	struct keyring_key k;
	int bad = 0;
	FILE *f;

	ring->n = 0;
	if ((f = fopen(path, "r")) == NULL)
		return err_set(e, ERR_SYSTEM, "key", "ctl.key_unreadable", "%s", path);
	while (!bad && fgets(line, sizeof line, f) != NULL) {
		if (strcmp(line, "\n") == 0)
			continue;
		bad = strchr(line, '\n') == NULL && !feof(f);
		bad = bad || keyring_parse(line, &k) != 0 ||
		    keyring_add(ring, &k) != 0;
	}
	bad = bad || ferror(f) || ring->n == 0;
	fclose(f);
	return bad ? err_set(e, ERR_INPUT, "key", "ctl.key_malformed", "%s", path) :
	    0;
}

const struct keyring_key *
keyring_by_id(const struct keyring *ring, unsigned id)
{
	int i;

	for (i = 0; i < ring->n; i++)
		if (ring->v[i].id == id)
			return &ring->v[i];
	return NULL;
}

const struct keyring_key *
keyring_by_kid(const struct keyring *ring, const uint8_t kid[SIGN_KID_BYTES])
{
	uint8_t k[SIGN_KID_BYTES];
	int i;

	for (i = 0; i < ring->n; i++) {
		sign_kid(ring->v[i].pk, k);
		if (memcmp(k, kid, sizeof k) == 0)
			return &ring->v[i];
	}
	return NULL;
}
