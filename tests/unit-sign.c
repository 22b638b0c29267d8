/*
 * unit-sign.c: scan-to-sign's documents (core/sign.c): every published vector
 * in tests/vectors/sign.txt (written by tests/sign-vectors.py, a second
 * implementation of the format) gives its outcome, and the C writer makes the
 * vectors' valid files byte for byte from the same keys.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "keyring.h"
#include "sign.h"
#include "tap.h"

#define T0	1767312000LL

struct vecs {
	uint8_t	 pk[32];
	uint8_t	 digest[SIGN_DIGEST_BYTES];
	char	 name[64];
	char	 outcome[32];
	char	 text[SIGN_FILE_MAX + 1];
	size_t	 len;
	int	 n;
	char	 frp_valid[SIGN_FILE_MAX + 1];
	char	 user_valid[SIGN_FILE_MAX + 1];
};

static void
vec_check(struct vecs *v)
{
	struct keyring ring = { 1, { { 1, { 0 }, 0 } } };
	struct sign_file f;
	enum sign_outcome o;

	if (v->name[0] == '\0')
		return;
	memcpy(ring.v[0].pk, v->pk, 32);
	o = sign_file_check(v->text, v->len, &ring, v->digest, &f);
	is_str(sign_outcome_name(o), v->outcome, "vector %s", v->name);
	if (strcmp(v->name, "frp_valid") == 0)
		memcpy(v->frp_valid, v->text, v->len + 1);
	if (strcmp(v->name, "user_valid") == 0)
		memcpy(v->user_valid, v->text, v->len + 1);
	v->n++;
}

static void
vec_line(struct vecs *v, char *line)
{
	size_t n = strlen(line);

	if (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	if (strncmp(line, "registry ", 9) == 0)
		sodium_hex2bin(v->pk, 32, line + 9, 64, NULL, NULL, NULL);
	else if (strncmp(line, "digest ", 7) == 0)
		sodium_hex2bin(v->digest, 32, line + 7, 64, NULL, NULL, NULL);
	else if (strncmp(line, "vector ", 7) == 0) {
		vec_check(v);
		v->len = 0;
		v->text[0] = '\0';
		if (sscanf(line + 7, "%63s %31s", v->name, v->outcome) != 2)
			v->name[0] = '\0';
	} else if (strncmp(line, "| ", 2) == 0 && v->len + n - 1 <= SIGN_FILE_MAX) {
		memcpy(v->text + v->len, line + 2, n - 2);
		v->len += n - 2;
		v->text[v->len++] = '\n';
		v->text[v->len] = '\0';
	}
}

static void
seed_key(const char *text, uint8_t pk[32], uint8_t sk[64])
{
	uint8_t seed[32] = { 0 };

	memcpy(seed, text, strlen(text));
	crypto_sign_seed_keypair(pk, sk, seed);
}

/* The C writer makes the vectors' valid files from the same keys. */
static void
writer_check(const struct vecs *v)
{
	uint8_t rpk[32], rsk[64], hpk[32], hsk[64];
	struct sign_hcert hc = { .credit_code = "12110000429074993M",
	    .institution = "北京市示例科学技术研究院", .cert_id = 7,
	    .holder_id = 42, .role = "frp", .name = "张晓华",
	    .from = T0 - 86400, .to = T0 + 365 * 86400 };
	struct sign_authz az = { .holder_id = 42, .authz_id = 9,
	    .matters = "tax,sign", .from = T0 - 3600, .to = T0 + 3600 };
	struct sign_doc d = { .size = 26, .system = "网上办事大厅", .request = 3,
	    .signed_at = T0 };
	char hcert[SIGN_HCERT_MAX], authz[SIGN_AUTHZ_MAX], file[SIGN_FILE_MAX];

	seed_key("jsd-kiosk sign test registry 1", rpk, rsk);
	seed_key("jsd-kiosk sign test holder 1", hpk, hsk);
	memcpy(hc.pk, hpk, 32);
	memcpy(d.digest, v->digest, sizeof d.digest);
	ok(memcmp(rpk, v->pk, 32) == 0, "the registry's test seed gives its key");
	ok(sign_hcert_make(&hc, rsk, hcert, sizeof hcert) == 0 &&
	    sign_file_make(&d, hcert, NULL, hsk, file, sizeof file) == 0,
	    "an FRP's signature is written");
	is_str(file, v->frp_valid, "byte for byte the vector frp_valid");
	strcpy(hc.role, "user");
	ok(sign_hcert_make(&hc, rsk, hcert, sizeof hcert) == 0 &&
	    sign_authz_make(&az, rsk, authz, sizeof authz) == 0 &&
	    sign_file_make(&d, hcert, authz, hsk, file, sizeof file) == 0,
	    "a user's signature is written");
	is_str(file, v->user_valid, "byte for byte the vector user_valid");
	strcpy(hc.name, "bad\nname");
	ok(sign_hcert_make(&hc, rsk, hcert, sizeof hcert) != 0,
	    "a newline in a field is refused");
	ok(sign_file_make(&d, v->frp_valid, NULL, hsk, file, 64) != 0,
	    "a short buffer is refused");
}

int
main(void)
{
	static struct vecs v;
	const char *top = getenv("top_srcdir");
	char path[4096], line[SIGN_FILE_MAX];
	FILE *f;

	if (sodium_init() < 0)
		tap_skip_all("libsodium does not start");
	snprintf(path, sizeof path, "%s/tests/vectors/sign.txt", top ? top : ".");
	if ((f = fopen(path, "r")) == NULL) {
		ok(0, "open %s", path);
		return tap_done();
	}
	while (fgets(line, sizeof line, f) != NULL)
		vec_line(&v, line);
	fclose(f);
	vec_check(&v);
	ok(v.n >= 16, "all %d vectors read", v.n);
	writer_check(&v);
	return tap_done();
}
