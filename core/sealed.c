/*
 * sealed.c: see sealed.h. Streams in chunks, so a copy of any size needs a
 * fixed buffer; the key and every buffer that held plain text are wiped.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "regfile.h"
#include "sealed.h"

static const char sealed_magic[8] = "JSDSEAL1";

#define SEALED_ABYTES	crypto_secretstream_xchacha20poly1305_ABYTES
#define SEALED_HEADER	crypto_secretstream_xchacha20poly1305_HEADERBYTES

static int
sealed_sys(struct err *e, const char *path)
{
	return err_set(e, ERR_SYSTEM, NULL, "sealed.io", "%s: %s", path,
	    strerror(errno));
}

int
sealed_key_create(const char *path, struct err *e)
{
	unsigned char key[SEALED_KEY_SIZE];
	char hex[SEALED_KEY_SIZE * 2 + 2];
	ssize_t n;
	int fd;

	if ((fd = regfile_create(path, 0, e)) < 0)
		return -1;
	crypto_secretstream_xchacha20poly1305_keygen(key);
	sodium_bin2hex(hex, sizeof hex - 1, key, sizeof key);
	strcat(hex, "\n");
	n = write(fd, hex, strlen(hex));
	sodium_memzero(key, sizeof key);
	sodium_memzero(hex, sizeof hex);
	if (n != (ssize_t)(SEALED_KEY_SIZE * 2 + 1) || close(fd) != 0) {
		unlink(path);
		return sealed_sys(e, path);
	}
	return 0;
}

int
sealed_key_load(const char *path, unsigned char key[SEALED_KEY_SIZE],
    struct err *e)
{
	char line[SEALED_KEY_SIZE * 2 + 8];
	struct stat st;
	size_t len;
	FILE *f;
	int rc;

	if ((f = fopen(path, "r")) == NULL)
		return sealed_sys(e, path);
	if (fstat(fileno(f), &st) != 0 || (st.st_mode & 077) != 0) {
		fclose(f);
		return err_set(e, ERR_RULE, NULL, "sealed.key_mode", "%s", path);
	}
	if (fgets(line, sizeof line, f) == NULL)
		line[0] = '\0';
	fclose(f);
	len = strcspn(line, "\n");
	rc = len == SEALED_KEY_SIZE * 2 && sodium_hex2bin(key, SEALED_KEY_SIZE,
	    line, len, NULL, NULL, NULL) == 0 ? 0 : err_set(e, ERR_INPUT, NULL,
	    "sealed.key_bad", "%s", path);
	sodium_memzero(line, sizeof line);
	return rc;
}

/* The two ends of a run: in read, out made 0600 and new. */
static int
sealed_files(const char *in, const char *out, FILE **fin, FILE **fout,
    struct err *e)
{
	int fd;

	if ((*fin = fopen(in, "rb")) == NULL)
		return sealed_sys(e, in);
	if ((fd = regfile_create(out, 0, e)) < 0) {
		fclose(*fin);
		return -1;
	}
	if ((*fout = fdopen(fd, "wb")) == NULL) {
		close(fd);
		fclose(*fin);
		unlink(out);
		return sealed_sys(e, out);
	}
	return 0;
}

/* Closes both; on failure (rc != 0) removes out. */
static int
sealed_done(int rc, FILE *fin, FILE *fout, const char *out, struct err *e)
{
	if (fclose(fout) != 0 && rc == 0)
		rc = sealed_sys(e, out);
	fclose(fin);
	if (rc != 0)
		unlink(out);
	return rc;
}

int
sealed_seal(const char *in, const char *out,
    const unsigned char key[SEALED_KEY_SIZE], struct err *e)
{
	static unsigned char plain[SEALED_CHUNK], boxed[SEALED_CHUNK + SEALED_ABYTES];
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char header[SEALED_HEADER];
	unsigned long long blen;
	FILE *fin, *fout;
	size_t n;
	int rc = 0, last;

	if (sealed_files(in, out, &fin, &fout, e) != 0)
		return -1;
	crypto_secretstream_xchacha20poly1305_init_push(&st, header, key);
	if (fwrite(sealed_magic, 1, sizeof sealed_magic, fout) != sizeof sealed_magic ||
	    fwrite(header, 1, sizeof header, fout) != sizeof header)
		rc = sealed_sys(e, out);
	do {
		n = fread(plain, 1, sizeof plain, fin);
		last = feof(fin);
		if (ferror(fin)) {
			rc = sealed_sys(e, in);
			break;
		}
		crypto_secretstream_xchacha20poly1305_push(&st, boxed, &blen, plain, n,
		    NULL, 0, last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
		if (rc == 0 && fwrite(boxed, 1, blen, fout) != blen)
			rc = sealed_sys(e, out);
	} while (!last && rc == 0);
	sodium_memzero(plain, sizeof plain);
	sodium_memzero(&st, sizeof st);
	return sealed_done(rc, fin, fout, out, e);
}

int
sealed_open(const char *in, const char *out,
    const unsigned char key[SEALED_KEY_SIZE], struct err *e)
{
	static unsigned char plain[SEALED_CHUNK], boxed[SEALED_CHUNK + SEALED_ABYTES];
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char header[SEALED_HEADER], tag = 0;
	char magic[sizeof sealed_magic];
	unsigned long long plen;
	FILE *fin, *fout;
	size_t n;
	int rc = 0;

	if (sealed_files(in, out, &fin, &fout, e) != 0)
		return -1;
	if (fread(magic, 1, sizeof magic, fin) != sizeof magic ||
	    memcmp(magic, sealed_magic, sizeof magic) != 0 ||
	    fread(header, 1, sizeof header, fin) != sizeof header ||
	    crypto_secretstream_xchacha20poly1305_init_pull(&st, header, key) != 0)
		rc = err_set(e, ERR_RULE, NULL, "sealed.bad", "%s", in);
	while (rc == 0 && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
		n = fread(boxed, 1, sizeof boxed, fin);
		if (n < SEALED_ABYTES || crypto_secretstream_xchacha20poly1305_pull(&st,
		    plain, &plen, &tag, boxed, n, NULL, 0) != 0)
			rc = err_set(e, ERR_RULE, NULL, "sealed.bad", "%s", in);
		else if (fwrite(plain, 1, plen, fout) != plen)
			rc = sealed_sys(e, out);
	}
	/* Anything after the final chunk was not sealed with it. */
	if (rc == 0 && fgetc(fin) != EOF)
		rc = err_set(e, ERR_RULE, NULL, "sealed.bad", "%s", in);
	sodium_memzero(plain, sizeof plain);
	sodium_memzero(&st, sizeof st);
	return sealed_done(rc, fin, fout, out, e);
}
