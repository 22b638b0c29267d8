/*
 * unit-keyring.c: public key files (core/keyring.c), which come from another
 * machine: one key a line, parsed strictly; a key picked by its id or kid;
 * regkey_stage() and regkey_install() put a new key in place of the old.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "keyring.h"
#include "regkey.h"
#include "tap.h"

static const char hex1[] =
    "81b91052d37ae31709501b5d91c90383cba1be14ed3654943bc5ef810fe54e42";
static const char hex2[] =
    "f3606be61fed1215b36ed05fd5aa7d1306762ef2fe14d50cad8184dafa2616a3";

/* Writes text to path and reads it as a key file: 0 or -1. */
static int
ring_of(const char *path, const char *text, struct keyring *ring)
{
	struct err e;
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL)
		return -2;
	fputs(text, fp);
	fclose(fp);
	err_clear(&e);
	return keyring_read(path, ring, &e);
}

static void
parse_lines(void)
{
	static const char *const bad[] = {
		"", "1", "1 abc 5", "0 %s 5", "256 %s 5", "1 %s -5", "1 %s 5 x",
		"1 %s", "1  %s 5junk", "-1 %s 5", "1 %s 5\n\n",
	};
	struct keyring_key k;
	char line[200], out[KEYRING_LINE_SIZE];
	size_t i;

	snprintf(line, sizeof line, "2 %s 1796016752\n", hex2);
	ok(keyring_parse(line, &k) == 0 && k.id == 2 && k.created == 1796016752,
	    "a key line as \"jsdctl key\" prints it");
	keyring_format(&k, out);
	line[strlen(line) - 1] = '\0';
	is_str(out, line, "is written back the same");
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(line, sizeof line, bad[i], hex1);
		ok(keyring_parse(line, &k) != 0, "refused: \"%s\"", bad[i]);
	}
}

static void
read_files(const char *dir)
{
	char path[512], text[400];
	struct keyring ring;
	uint8_t kid[SIGN_KID_BYTES];
	struct err e;

	snprintf(path, sizeof path, "%s/keys", dir);
	snprintf(text, sizeof text, "1 %s 100\n2 %s 200\n", hex1, hex2);
	ok(ring_of(path, text, &ring) == 0 && ring.n == 2, "a file of two keys");
	ok(keyring_by_id(&ring, 2) != NULL && keyring_by_id(&ring, 2)->created == 200,
	    "a key by its id");
	ok(keyring_by_id(&ring, 3) == NULL, "an id not in the file: none");
	sign_kid(ring.v[0].pk, kid);
	ok(keyring_by_kid(&ring, kid) == &ring.v[0], "a key by its kid");
	kid[0] ^= 1;
	ok(keyring_by_kid(&ring, kid) == NULL, "another kid: none");
	snprintf(text, sizeof text, "1 %s 100\n\n2 %s 200", hex1, hex2);
	ok(ring_of(path, text, &ring) == 0 && ring.n == 2,
	    "blank lines and no final newline are fine");
	snprintf(text, sizeof text, "1 %s 100\n2 %s\n", hex1, hex2);
	is_int(ring_of(path, text, &ring), -1, "one bad line refuses the file");
	is_int(ring_of(path, "\n", &ring), -1, "a file without a key is refused");
	memset(text, '1', sizeof text - 2);
	text[sizeof text - 2] = '\n';
	text[sizeof text - 1] = '\0';
	is_int(ring_of(path, text, &ring), -1, "an overlong line is refused");
	err_clear(&e);
	snprintf(path, sizeof path, "%s/none", dir);
	ok(keyring_read(path, &ring, &e) != 0 && e.kind == ERR_SYSTEM,
	    "a missing file is a system error");
}

static void
replace(const char *dir)
{
	char path[512], tmp[REGKEY_PATH_MAX], gone[600];
	struct regkey k1, k2, staged;
	struct stat st;
	struct err e;

	snprintf(path, sizeof path, "%s/regkey", dir);
	err_clear(&e);
	ok(regkey_create(path, 1, &e) == 0 && regkey_load(path, &k1, &e) == 0,
	    "a key file");
	ok(regkey_stage(path, 2, &staged, tmp, sizeof tmp, &e) == 0,
	    "a new key staged");
	ok(regkey_load(path, &k2, &e) == 0 && k2.key_id == 1,
	    "the key file still holds the old key until it is installed");
	ok(stat(tmp, &st) == 0 && (st.st_mode & 07777) == 0600,
	    "the staged file is mode 0600");
	ok(regkey_install(tmp, path, &e) == 0 && regkey_load(path, &k2, &e) == 0,
	    "installed over the key file");
	is_int(k2.key_id, 2, "with the new id");
	ok(memcmp(k2.pk, staged.pk, 32) == 0, "the key staged");
	ok(memcmp(k1.pk, k2.pk, 32) != 0, "a new key pair");
	ok(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600, "mode 0600");
	ok(access(tmp, F_OK) != 0, "and no temporary file is left");
	ok(regkey_stage(path, 3, &staged, tmp, sizeof tmp, &e) == 0, "another");
	snprintf(gone, sizeof gone, "%s/none/regkey", dir);
	is_int(regkey_install(tmp, gone, &e), -1, "a rename that fails");
	is_str(e.key, "regkey.not_installed", "says the key was not put in place");
	ok(strstr(e.detail, tmp) != NULL && access(tmp, F_OK) == 0,
	    "and keeps the staged file, named in the error");
	unlink(tmp);
	regkey_wipe(&k1);
	regkey_wipe(&k2);
	regkey_wipe(&staged);
}

int
main(void)
{
	const char *dir = tap_tmpdir();

	if (sodium_init() < 0)
		tap_skip_all("libsodium does not start");
	parse_lines();
	read_files(dir);
	replace(dir);
	return tap_done();
}
