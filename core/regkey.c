/*
 * regkey.c: creating, reading and wiping the signing key file; see regkey.h.
 *
 * The key is written whole to a temporary file beside it and then linked into
 * place, which fails if the file exists: a second "init" never replaces a key
 * that codes in people's hands are signed with, and one running at the same
 * moment never reads a key file half written. Its mode is forced to 0600
 * whatever the umask. Reading is as strict as writing: a key file that was
 * edited, truncated or copied with loose permissions is refused rather than
 * half-used. Buffers that held the secret are wiped before they are released.
 * Rotation stages the new key in a temporary file beside the old one and,
 * once its public half is published (cert-key.c), renames it over the key
 * file, so a reader sees the old key or the new, never a mixture; the old
 * secret is gone with it, since a retired key is never to sign again.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "clock.h"
#include "regkey.h"

void
regkey_wipe(struct regkey *k)
{
	sodium_memzero(k, sizeof *k);
}

void
regkey_public_hex(const struct regkey *k, char out[65])
{
	sodium_bin2hex(out, 65, k->pk, sizeof k->pk);
}

static int
regkey_format(const struct regkey *k, char *buf, size_t len)
{
	char pk[65], sk[129];
	int n;

	sodium_bin2hex(pk, sizeof pk, k->pk, sizeof k->pk);
	sodium_bin2hex(sk, sizeof sk, k->sk, sizeof k->sk);
	n = snprintf(buf, len, "jsd-regkey 1\nkey_id %u\ncreated %lld\npublic %s\n"
	    "secret %s\n", k->key_id, (long long)k->created, pk, sk);
	sodium_memzero(sk, sizeof sk);
	return n > 0 && (size_t)n < len ? n : -1;
}

static int
regkey_write_all(int fd, const char *buf, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, buf, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The temporary file beside path that a new key is written to first: the
 * process id keeps two processes' files apart. */
static int
regkey_tmp(const char *path, char *tmp, size_t len, struct err *e)
{
	int n;

	if (sodium_init() < 0)
		return err_set(e, ERR_SYSTEM, NULL, "crypto.init", NULL);
	n = snprintf(tmp, len, "%s.%ld.tmp", path, (long)getpid());
	if (n < 0 || (size_t)n >= len)
		return err_set(e, ERR_INPUT, NULL, "paths.too_long", NULL);
	return 0;
}

/* Writes k whole to the new file tmp, mode 0600, synced; on failure tmp is
 * removed. */
static int
regkey_write_new(const char *tmp, const struct regkey *k, struct err *e)
{
	char buf[REGKEY_FILE_MAX];
	int fd, n, rc, saved;

	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return err_set(e, ERR_SYSTEM, NULL, "regkey.write_failed", "%s: %s",
		    tmp, strerror(errno));
	n = regkey_format(k, buf, sizeof buf);
	rc = n < 0 || fchmod(fd, 0600) != 0 || regkey_write_all(fd, buf,
	    (size_t)n) != 0 || fsync(fd) != 0 ? -1 : 0;
	saved = errno;
	sodium_memzero(buf, sizeof buf);
	if (close(fd) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (rc == 0)
		return 0;
	unlink(tmp);
	return err_set(e, ERR_SYSTEM, NULL, "regkey.write_failed", "%s: %s", tmp,
	    strerror(saved));
}

int
regkey_stage(const char *path, uint8_t key_id, struct regkey *k, char *tmp,
    size_t len, struct err *e)
{
	if (regkey_tmp(path, tmp, len, e) != 0)
		return -1;
	k->key_id = key_id;
	k->created = clock_now();
	crypto_sign_keypair(k->pk, k->sk);
	if (regkey_write_new(tmp, k, e) == 0)
		return 0;
	regkey_wipe(k);
	return -1;
}

int
regkey_create(const char *path, uint8_t key_id, struct err *e)
{
	char tmp[REGKEY_PATH_MAX];
	struct regkey k;
	int saved;

	if (access(path, F_OK) == 0)
		return err_set(e, ERR_CONFLICT, NULL, "regkey.exists", "%s", path);
	if (regkey_stage(path, key_id, &k, tmp, sizeof tmp, e) != 0)
		return -1;
	regkey_wipe(&k);
	if (link(tmp, path) != 0) {
		saved = errno;
		unlink(tmp);
		if (saved == EEXIST)
			return err_set(e, ERR_CONFLICT, NULL, "regkey.exists", "%s",
			    path);
		return err_set(e, ERR_SYSTEM, NULL, "regkey.write_failed", "%s: %s",
		    path, strerror(saved));
	}
	unlink(tmp);
	return 0;
}

int
regkey_install(const char *tmp, const char *path, struct err *e)
{
	if (rename(tmp, path) != 0)
		return err_set(e, ERR_SYSTEM, "key_file", "regkey.not_installed",
		    "%s: %s", tmp, strerror(errno));
	return 0;
}

/*
 * Takes "LABEL VALUE\n" at *p: copies VALUE (1 to max - 1 characters, no
 * control characters) to out and moves *p past the newline; -1 otherwise.
 */
static int
regkey_line(const char **p, const char *label, char *out, size_t max)
{
	size_t ll = strlen(label), n;
	const char *nl;

	if (strncmp(*p, label, ll) != 0 || (*p)[ll] != ' ')
		return -1;
	*p += ll + 1;
	if ((nl = strchr(*p, '\n')) == NULL || (n = (size_t)(nl - *p)) == 0 ||
	    n >= max)
		return -1;
	memcpy(out, *p, n);
	out[n] = '\0';
	if (strcspn(out, "\r\t\v\f") != n)
		return -1;
	*p = nl + 1;
	return 0;
}

/* A plain decimal number (no sign, no spaces) of at most max; -1 otherwise. */
static int
regkey_number(const char *s, long long max, long long *v)
{
	size_t n = strlen(s);

	if (n == 0 || n > 12 || strspn(s, "0123456789") != n)
		return -1;
	for (*v = 0; *s != '\0'; s++)
		*v = *v * 10 + (*s - '0');
	return *v <= max ? 0 : -1;
}

static int
regkey_hex(const char *s, uint8_t *out, size_t n)
{
	size_t got;

	return strlen(s) == 2 * n && strspn(s, "0123456789abcdefABCDEF") == 2 * n &&
	    sodium_hex2bin(out, n, s, 2 * n, NULL, &got, NULL) == 0 && got == n ?
	    0 : -1;
}

/* The halves belong together: the public key is the one the seed makes. */
static int
regkey_consistent(const struct regkey *k)
{
	uint8_t pk[32], sk[64];
	int rc;

	crypto_sign_seed_keypair(pk, sk, k->sk);
	rc = sodium_memcmp(pk, k->pk, 32) == 0 && sodium_memcmp(sk, k->sk, 64) == 0 ?
	    0 : -1;
	sodium_memzero(sk, sizeof sk);
	return rc;
}

static int
regkey_parse(const char *buf, struct regkey *k)
{
	char v[160];
	long long n;
	const char *p = buf;
	int rc;

	if (strncmp(p, "jsd-regkey 1\n", 13) != 0)
		return -1;
	p += 13;
	if (regkey_line(&p, "key_id", v, sizeof v) != 0 ||
	    regkey_number(v, 255, &n) != 0)
		return -1;
	k->key_id = (uint8_t)n;
	if (regkey_line(&p, "created", v, sizeof v) != 0 ||
	    regkey_number(v, 999999999999LL, &n) != 0)
		return -1;
	k->created = n;
	if (regkey_line(&p, "public", v, sizeof v) != 0 ||
	    regkey_hex(v, k->pk, sizeof k->pk) != 0)
		return -1;
	rc = regkey_line(&p, "secret", v, sizeof v) != 0 ||
	    regkey_hex(v, k->sk, sizeof k->sk) != 0 || *p != '\0' ||
	    regkey_consistent(k) != 0 ? -1 : 0;
	sodium_memzero(v, sizeof v);
	return rc;
}

/* Reads up to len - 1 bytes and a NUL, their count into *got; -1 with errno
 * set, or with errno 0 when the file is longer. */
static int
regkey_read_all(int fd, char *buf, size_t len, size_t *got)
{
	size_t n = 0;
	ssize_t r;

	len--;
	for (;;) {
		if ((r = read(fd, buf + n, len - n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			break;
		if ((n += (size_t)r) == len) {
			errno = 0;
			return -1;
		}
	}
	buf[n] = '\0';
	*got = n;
	return 0;
}

static int
regkey_open(const char *path, struct err *e)
{
	struct stat st;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return err_set(e, ERR_NOTFOUND, NULL, "regkey.not_found", "%s",
			    path);
		return err_set(e, ERR_SYSTEM, NULL, "regkey.read_failed", "%s: %s",
		    path, strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, ERR_INPUT, NULL, "regkey.malformed",
		    "%s: not a regular file", path);
	}
	if (st.st_mode & 077) {
		close(fd);
		return err_set(e, ERR_RULE, NULL, "regkey.mode", "%s: mode %04o",
		    path, (unsigned)(st.st_mode & 07777));
	}
	return fd;
}

int
regkey_load(const char *path, struct regkey *k, struct err *e)
{
	char buf[REGKEY_FILE_MAX];
	size_t got = 0;
	int fd, rc, saved;

	memset(k, 0, sizeof *k);
	if (sodium_init() < 0)
		return err_set(e, ERR_SYSTEM, NULL, "crypto.init", NULL);
	if ((fd = regkey_open(path, e)) < 0)
		return -1;
	rc = regkey_read_all(fd, buf, sizeof buf, &got);
	saved = errno;
	close(fd);
	if (rc != 0 && saved != 0)
		return err_set(e, ERR_SYSTEM, NULL, "regkey.read_failed", "%s: %s",
		    path, strerror(saved));
	/* A NUL byte inside would hide what follows it from the parser. */
	if (rc != 0 || strlen(buf) != got || regkey_parse(buf, k) != 0) {
		sodium_memzero(buf, sizeof buf);
		regkey_wipe(k);
		return err_set(e, ERR_INPUT, NULL, "regkey.malformed", "%s", path);
	}
	sodium_memzero(buf, sizeof buf);
	return 0;
}
