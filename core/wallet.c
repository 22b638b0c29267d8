/* wallet.c: see wallet.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "text.h"
#include "wallet.h"

#define W_SALT	crypto_pwhash_SALTBYTES
#define W_NONCE	crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define W_BOX	(CERT_SECRET_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define W_KEY	crypto_aead_xchacha20poly1305_ietf_KEYBYTES

_Static_assert(W_SALT == WALLET_SALT_BYTES, "wallet salt size");
_Static_assert(W_KEY == WALLET_KEY_BYTES, "wallet key size");

static int
wallet_key(const char *password, const uint8_t salt[W_SALT], uint8_t key[W_KEY],
    struct err *e)
{
	if (sodium_init() < 0)
		return err_set(e, ERR_SYSTEM, NULL, "crypto.init", NULL);
	if (crypto_pwhash(key, W_KEY, password, strlen(password), salt,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		return err_set(e, ERR_SYSTEM, NULL, "crypto.nomem", NULL);
	return 0;
}

static void
wallet_ad(const struct wallet *w, char *ad, size_t len)
{
	snprintf(ad, len, "jsd-wallet 1 %" PRId64 " %" PRId64, w->holder_id, w->cert_id);
}

/* The folder holding path, for fsync and O_TMPFILE. */
static int
wallet_dir(const char *path, char *dir, size_t len)
{
	const char *slash = strrchr(path, '/');
	int n;

	if (slash == NULL)
		n = snprintf(dir, len, ".");
	else if (slash == path)
		n = snprintf(dir, len, "/");
	else
		n = snprintf(dir, len, "%.*s", (int)(slash - path), path);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* A new file in dir with the text, fsync'd: nameless when the file system
 * allows (so that a kill leaves nothing), else named tmp. */
static int
wallet_fill(const char *dir, const char *tmp, const char *text, int *named)
{
	size_t len = strlen(text);
	int fd;

	*named = 0;
	if ((fd = open(dir, O_TMPFILE | O_WRONLY, 0600)) < 0) {
		if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
			return -1;
		if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0)
			return -1;
		*named = 1;
	}
	if (fchmod(fd, 0600) != 0 || write(fd, text, len) != (ssize_t)len ||
	    fsync(fd) != 0) {
		close(fd);
		if (*named)
			unlink(tmp);
		return -1;
	}
	return fd;
}

/* Gives the nameless file fd the name to (failing with EEXIST if taken). */
static int
wallet_link(int fd, const char *to)
{
	char proc[64];

	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, AT_FDCWD, to, AT_SYMLINK_FOLLOW);
}

static int
wallet_dir_sync(const char *dir)
{
	int fd, rc;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Puts the written file in place: a new wallet by link (atomic, never over
 * another), a replacement by rename (atomic: the old wallet or the new). */
static int
wallet_place(int fd, int named, const char *tmp, const char *path, int overwrite)
{
	int rc;

	if (!named && !overwrite)
		return wallet_link(fd, path);
	if (!named && wallet_link(fd, tmp) != 0)
		return -1;
	if (overwrite)
		return rename(tmp, path);
	rc = link(tmp, path);
	unlink(tmp);
	return rc;
}

static int
wallet_write(const char *path, const char *text, int overwrite, struct err *e)
{
	char tmp[4096], dir[4096];
	int fd, n, named, rc, saved;

	n = snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
	if (n < 0 || (size_t)n >= sizeof tmp || wallet_dir(path, dir, sizeof dir) != 0)
		return err_set(e, ERR_INPUT, "wallet", "paths.too_long", NULL);
	if ((fd = wallet_fill(dir, tmp, text, &named)) < 0)
		return err_set(e, ERR_SYSTEM, "wallet", "wallet.write", "%s: %s", path,
		    strerror(errno));
	rc = wallet_place(fd, named, tmp, path, overwrite);
	saved = errno;
	close(fd);
	if (rc != 0) {
		unlink(tmp);
		if (saved == EEXIST)
			return err_set(e, ERR_CONFLICT, "wallet", "wallet.exists", "%s",
			    path);
		return err_set(e, ERR_SYSTEM, "wallet", "wallet.write", "%s: %s", path,
		    strerror(saved));
	}
	/* The name is durable only once its folder is. */
	if (wallet_dir_sync(dir) != 0)
		return err_set(e, ERR_SYSTEM, "wallet", "wallet.write", "%s: %s", dir,
		    strerror(errno));
	return 0;
}

int
wallet_password_check(const char *password, struct err *e)
{
	if (strlen(password) > WALLET_PASSWORD_MAX ||
	    text_chars(password) < WALLET_PASSWORD_MIN)
		return err_set(e, ERR_INPUT, "password", "wallet.password_length", NULL);
	return 0;
}

int
wallet_key_make(const char *password, struct wallet_key *k, struct err *e)
{
	if (wallet_password_check(password, e) != 0)
		return -1;
	randombytes_buf(k->salt, sizeof k->salt);
	return wallet_key(password, k->salt, k->key, e);
}

void
wallet_key_wipe(struct wallet_key *k)
{
	sodium_memzero(k, sizeof *k);
}

int
wallet_save(const char *path, const struct wallet *w, const struct wallet_key *k,
    int overwrite, struct err *e)
{
	uint8_t nonce[W_NONCE], box[W_BOX];
	char ad[64], hsalt[2 * W_SALT + 1], hnonce[2 * W_NONCE + 1];
	char hbox[2 * W_BOX + 1], text[512];
	unsigned long long boxlen;
	int rc;

	randombytes_buf(nonce, sizeof nonce);
	wallet_ad(w, ad, sizeof ad);
	crypto_aead_xchacha20poly1305_ietf_encrypt(box, &boxlen, w->secret,
	    CERT_SECRET_BYTES, (const uint8_t *)ad, strlen(ad), NULL, nonce, k->key);
	sodium_bin2hex(hsalt, sizeof hsalt, k->salt, sizeof k->salt);
	sodium_bin2hex(hnonce, sizeof hnonce, nonce, sizeof nonce);
	sodium_bin2hex(hbox, sizeof hbox, box, sizeof box);
	snprintf(text, sizeof text, "jsd-wallet 1\nholder %" PRId64 "\ncert %" PRId64
	    "\nsalt %s\nnonce %s\nbox %s\n", w->holder_id, w->cert_id, hsalt, hnonce,
	    hbox);
	rc = wallet_write(path, text, overwrite, e);
	sodium_memzero(text, sizeof text);
	return rc;
}

struct wallet_file {
	struct wallet	 w;
	uint8_t		 salt[W_SALT];
	uint8_t		 nonce[W_NONCE];
	uint8_t		 box[W_BOX];
};

static int
hex_field(const char *line, const char *name, uint8_t *out, size_t len)
{
	size_t n = strlen(name);

	if (strncmp(line, name, n) != 0 || line[n] != ' ' ||
	    strlen(line + n + 1) != 2 * len)
		return -1;
	return sodium_hex2bin(out, len, line + n + 1, 2 * len, NULL, NULL, NULL);
}

static int
wallet_parse(FILE *f, struct wallet_file *wf)
{
	char line[6][160];
	int i;
	size_t n;

	for (i = 0; i < 6; i++) {
		if (fgets(line[i], sizeof line[i], f) == NULL)
			return -1;
		n = strlen(line[i]);
		if (n == 0 || line[i][n - 1] != '\n')
			return -1;
		line[i][n - 1] = '\0';
	}
	if (strcmp(line[0], "jsd-wallet 1") != 0 ||
	    sscanf(line[1], "holder %" SCNd64, &wf->w.holder_id) != 1 ||
	    sscanf(line[2], "cert %" SCNd64, &wf->w.cert_id) != 1 ||
	    wf->w.holder_id <= 0 || wf->w.cert_id <= 0 ||
	    hex_field(line[3], "salt", wf->salt, sizeof wf->salt) != 0 ||
	    hex_field(line[4], "nonce", wf->nonce, sizeof wf->nonce) != 0 ||
	    hex_field(line[5], "box", wf->box, sizeof wf->box) != 0)
		return -1;
	return 0;
}

static int
wallet_read(const char *path, struct wallet_file *wf, struct err *e)
{
	FILE *f;
	int rc;

	memset(wf, 0, sizeof *wf);
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return err_set(e, ERR_NOTFOUND, "wallet", "wallet.missing", "%s",
			    path);
		return err_set(e, ERR_SYSTEM, "wallet", "wallet.unreadable", "%s: %s",
		    path, strerror(errno));
	}
	rc = wallet_parse(f, wf);
	fclose(f);
	if (rc != 0)
		return err_set(e, ERR_INPUT, "wallet", "wallet.damaged", "%s", path);
	return 0;
}

int
wallet_peek(const char *path, struct wallet *w, struct err *e)
{
	struct wallet_file wf;

	if (wallet_read(path, &wf, e) != 0)
		return -1;
	memset(w, 0, sizeof *w);
	w->holder_id = wf.w.holder_id;
	w->cert_id = wf.w.cert_id;
	return 0;
}

int
wallet_open(const char *path, const char *password, struct wallet *w,
    struct err *e)
{
	struct wallet_file wf;
	uint8_t key[W_KEY];
	unsigned long long n;
	char ad[64];
	int rc;

	if (wallet_read(path, &wf, e) != 0 || wallet_key(password, wf.salt, key, e) != 0)
		return -1;
	*w = wf.w;
	wallet_ad(w, ad, sizeof ad);
	rc = crypto_aead_xchacha20poly1305_ietf_decrypt(w->secret, &n, NULL, wf.box,
	    sizeof wf.box, (const uint8_t *)ad, strlen(ad), wf.nonce, key);
	sodium_memzero(key, sizeof key);
	if (rc != 0 || n != CERT_SECRET_BYTES) {
		wallet_wipe(w);
		return err_set(e, ERR_RULE, "password", "wallet.bad_password", NULL);
	}
	return 0;
}

void
wallet_wipe(struct wallet *w)
{
	sodium_memzero(w, sizeof *w);
}
