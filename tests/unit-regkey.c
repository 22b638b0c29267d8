/*
 * unit-regkey.c: the signing key file (core/regkey.c): made with mode 0600,
 * never overwritten, read back whole, refused when others may read it or when
 * its content is not exactly right.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "err.h"
#include "regkey.h"
#include "tap.h"

static char good[1024];
static size_t goodlen;

static int
put(const char *path, const char *text, size_t len, mode_t mode)
{
	FILE *fp;

	unlink(path);
	if ((fp = fopen(path, "w")) == NULL)
		return -1;
	if (fwrite(text, 1, len, fp) != len) {
		fclose(fp);
		return -1;
	}
	if (fclose(fp) != 0)
		return -1;
	return chmod(path, mode);
}

/* Loads the good file with one change: "from" replaced by "to". */
static const char *
load_changed(const char *path, const char *from, const char *to)
{
	static char buf[1100];
	struct regkey k;
	struct err e;
	char *at;
	size_t fl = strlen(from);

	if ((at = strstr(good, from)) == NULL)
		return "from not found";
	snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - good), good, to, at + fl);
	if (put(path, buf, strlen(buf), 0600) != 0)
		return "write failed";
	err_clear(&e);
	if (regkey_load(path, &k, &e) == 0)
		return "loaded";
	return e.key ? e.key : "no key";
}

/* Each change that must make the good file malformed. */
static void
test_malformed(const char *path, const char hex[65])
{
	static const struct {
		const char	*from, *to, *what;
	} changes[] = {
		{ "jsd-regkey 1", "jsd-regkey 2", "another format version" },
		{ "key_id 7", "key_id 256", "key_id 256" },
		{ "key_id 7", "key_id -7", "a negative key_id" },
		{ "key_id 7", "key_id  7", "two spaces" },
		{ "key_id 7\n", "key_id 7\r\n", "a CR LF line end" },
		{ "created ", "created x", "a bad created time" },
		{ "public ", "public 0", "a public key one digit long" },
		{ "secret ", "secret 00", "a secret key two digits too long" },
		{ "secret", "secret\n", "a broken line" },
		{ "jsd-regkey", "\njsd-regkey", "a leading blank line" },
	};
	char from[160], to[160];
	const char *at;
	size_t i;

	for (i = 0; i < sizeof changes / sizeof changes[0]; i++)
		is_str(load_changed(path, changes[i].from, changes[i].to),
		    "regkey.malformed", "%s", changes[i].what);
	at = strstr(good, "secret ") + 7;
	snprintf(from, sizeof from, "secret %c", *at);
	snprintf(to, sizeof to, "secret %c", *at == '0' ? '1' : '0');
	is_str(load_changed(path, from, to), "regkey.malformed",
	    "a secret key with its first digit changed");
	snprintf(from, sizeof from, "public %.63s", hex);
	snprintf(to, sizeof to, "public %.63s%c", hex, hex[63] == '0' ? '1' : '0');
	is_str(load_changed(path, from, to), "regkey.malformed",
	    "a public key that does not match the secret one");
}

int
main(void)
{
	const char *dir = tap_tmpdir();
	char path[512], other[512], sub[600], hex[65], line[160];
	struct regkey k, k2;
	struct stat st;
	struct err e;
	FILE *fp;
	mode_t old;
	uint8_t msg[3] = { 1, 2, 3 }, sig[64];

	snprintf(path, sizeof path, "%s/regkey", dir);
	snprintf(other, sizeof other, "%s/other", dir);

	old = umask(0);
	err_clear(&e);
	ok(regkey_create(path, 7, &e) == 0, "create a key (umask 0)");
	umask(old);
	if (stat(path, &st) != 0)
		st.st_mode = 0;
	is_int(st.st_mode & 07777, 0600, "the key file has mode 0600");
	err_clear(&e);
	is_int(regkey_create(path, 7, &e), -1, "creating it again is refused");
	is_int(e.kind, ERR_CONFLICT, "as a conflict");
	is_str(e.key, "regkey.exists", "with regkey.exists");
	ok(symlink(path, other) == 0 && regkey_create(other, 1, &e) == -1 &&
	    e.kind == ERR_CONFLICT, "a symbolic link in the way is refused");
	unlink(other);
	snprintf(sub, sizeof sub, "%s/no/such/dir/key", dir);
	is_int(regkey_create(sub, 1, &e), -1, "an impossible path fails");
	is_int(e.kind, ERR_SYSTEM, "as a system error");

	err_clear(&e);
	ok(regkey_load(path, &k, &e) == 0, "load it back");
	is_int(k.key_id, 7, "key_id 7");
	ok(k.created > 1704067200, "created is a plausible time");
	crypto_sign_detached(sig, NULL, msg, sizeof msg, k.sk);
	ok(crypto_sign_verify_detached(sig, msg, sizeof msg, k.pk) == 0,
	    "the loaded halves sign and verify");
	regkey_public_hex(&k, hex);
	is_int(strlen(hex), 64, "the public key in hex");

	if ((fp = fopen(path, "r")) != NULL) {
		goodlen = fread(good, 1, sizeof good - 1, fp);
		fclose(fp);
	}
	good[goodlen] = '\0';
	snprintf(line, sizeof line, "public %s\n", hex);
	ok(strncmp(good, "jsd-regkey 1\nkey_id 7\ncreated ", 30) == 0 &&
	    strstr(good, line) != NULL, "the file is in the documented format");

	err_clear(&e);
	chmod(path, 0644);
	is_int(regkey_load(path, &k2, &e), -1, "mode 0644 is refused");
	is_int(e.kind, ERR_RULE, "as a rule");
	is_str(e.key, "regkey.mode", "with regkey.mode");
	chmod(path, 0620);
	ok(regkey_load(path, &k2, &e) == -1 && strcmp(e.key, "regkey.mode") == 0,
	    "group-writable is refused");
	chmod(path, 0400);
	ok(regkey_load(path, &k2, &e) == 0, "mode 0400 is fine");

	err_clear(&e);
	is_int(regkey_load(other, &k2, &e), -1, "a missing file is refused");
	is_int(e.kind, ERR_NOTFOUND, "as not found");
	is_int(regkey_load(dir, &k2, &e), -1, "a directory is refused");

	test_malformed(other, hex);
	ok(put(other, good, goodlen - 1, 0600) == 0 && regkey_load(other, &k2, &e) == -1,
	    "a file without its last newline is refused");
	memcpy(sub, good, goodlen);
	memcpy(sub + goodlen, "x\n", 2);
	ok(put(other, sub, goodlen + 2, 0600) == 0 && regkey_load(other, &k2, &e) == -1,
	    "a trailing line is refused");
	memcpy(sub, good, goodlen);
	sub[goodlen] = '\0';
	ok(put(other, sub, goodlen + 1, 0600) == 0 && regkey_load(other, &k2, &e) == -1,
	    "a trailing NUL byte is refused");
	ok(put(other, "", 0, 0600) == 0 && regkey_load(other, &k2, &e) == -1,
	    "an empty file is refused");
	memset(sub, 'a', sizeof sub);
	ok(put(other, sub, sizeof sub, 0600) == 0 && regkey_load(other, &k2, &e) == -1,
	    "a long file is refused");
	ok(put(other, good, goodlen, 0600) == 0 && regkey_load(other, &k2, &e) == 0 &&
	    memcmp(k2.sk, k.sk, 64) == 0, "an exact copy loads");

	regkey_wipe(&k);
	ok(sodium_is_zero((const unsigned char *)&k, sizeof k), "wipe zeroes the key");
	regkey_wipe(&k2);
	unlink(path);
	unlink(other);
	rmdir(dir);
	return tap_done();
}
