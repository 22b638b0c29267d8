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
#define W_LINE	4096	/* an entry's line, with room for fields to come */
#define W_SBOX	(WALLET_SEED_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define W_B64	sodium_base64_VARIANT_URLSAFE_NO_PADDING
#define W_KEY	crypto_aead_xchacha20poly1305_ietf_KEYBYTES

_Static_assert(W_SALT == WALLET_SALT_BYTES, "wallet salt size");
_Static_assert(W_KEY == WALLET_KEY_BYTES, "wallet key size");
_Static_assert(W_NONCE == WALLET_NONCE_BYTES, "wallet nonce size");
_Static_assert(W_BOX == WALLET_BOX_BYTES, "wallet box size");
_Static_assert(W_SBOX == WALLET_SBOX_BYTES, "wallet signing box size");

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

/* Version 1's associated data, kept in version 2 so that an entry moves from
 * one to the other without its password. */
static void
wallet_ad(int64_t holder_id, int64_t cert_id, char *ad, size_t len)
{
	snprintf(ad, len, "jsd-wallet 1 %" PRId64 " %" PRId64, holder_id, cert_id);
}

/* The signing key's associated data: its own, so that the two boxes of an
 * entry cannot be swapped. */
static void
wallet_sign_ad(int64_t holder_id, int64_t cert_id, char *ad, size_t len)
{
	snprintf(ad, len, "jsd-wallet-sign 1 %" PRId64 " %" PRId64, holder_id,
	    cert_id);
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

void
wallet_seal(struct wallet_entry *we, const struct wallet *w, const char *code,
    const struct wallet_key *k)
{
	char ad[64];
	unsigned long long boxlen;

	memset(we, 0, sizeof *we);
	we->holder_id = w->holder_id;
	we->cert_id = w->cert_id;
	snprintf(we->credit_code, sizeof we->credit_code, "%s", code);
	memcpy(we->salt, k->salt, sizeof we->salt);
	randombytes_buf(we->nonce, sizeof we->nonce);
	wallet_ad(w->holder_id, w->cert_id, ad, sizeof ad);
	crypto_aead_xchacha20poly1305_ietf_encrypt(we->box, &boxlen, w->secret,
	    CERT_SECRET_BYTES, (const uint8_t *)ad, strlen(ad), NULL, we->nonce, k->key);
	if (!w->has_sign)
		return;
	we->has_sign = 1;
	memcpy(we->hcert, w->hcert, sizeof we->hcert);
	randombytes_buf(we->snonce, sizeof we->snonce);
	wallet_sign_ad(w->holder_id, w->cert_id, ad, sizeof ad);
	crypto_aead_xchacha20poly1305_ietf_encrypt(we->sbox, &boxlen, w->sign_seed,
	    WALLET_SEED_BYTES, (const uint8_t *)ad, strlen(ad), NULL, we->snonce,
	    k->key);
}

/* Opens box (len bytes sealed) into out (len - the tag) with key. */
static int
wallet_open_box(uint8_t *out, size_t outlen, const uint8_t *box, size_t boxlen,
    const char *ad, const uint8_t *nonce, const uint8_t *key)
{
	unsigned long long n;

	return crypto_aead_xchacha20poly1305_ietf_decrypt(out, &n, NULL, box, boxlen,
	    (const uint8_t *)ad, strlen(ad), nonce, key) == 0 && n == outlen ? 0 : -1;
}

int
wallet_unseal(const struct wallet_entry *we, const char *password, struct wallet *w,
    struct err *e)
{
	uint8_t key[W_KEY];
	char ad[64], sad[64];
	int rc;

	if (wallet_key(password, we->salt, key, e) != 0)
		return -1;
	memset(w, 0, sizeof *w);
	w->holder_id = we->holder_id;
	w->cert_id = we->cert_id;
	wallet_ad(we->holder_id, we->cert_id, ad, sizeof ad);
	wallet_sign_ad(we->holder_id, we->cert_id, sad, sizeof sad);
	rc = wallet_open_box(w->secret, sizeof w->secret, we->box, sizeof we->box, ad,
	    we->nonce, key);
	if (rc == 0 && we->has_sign) {
		rc = wallet_open_box(w->sign_seed, sizeof w->sign_seed, we->sbox,
		    sizeof we->sbox, sad, we->snonce, key);
		w->has_sign = 1;
		memcpy(w->hcert, we->hcert, sizeof w->hcert);
	}
	sodium_memzero(key, sizeof key);
	if (rc != 0) {
		wallet_wipe(w);
		return err_set(e, ERR_RULE, "password", "wallet.bad_password", NULL);
	}
	return 0;
}

/* The signing fields, after the others on an entry's line at *n: the sealed
 * seed, and the holder certificate in URL-safe Base64 (it has spaces and
 * newlines). */
static int
wallet_line_sign(const struct wallet_entry *we, char *line, size_t len, int *n)
{
	char hnonce[2 * W_NONCE + 1], hbox[2 * W_SBOX + 1];
	char b64[sodium_base64_ENCODED_LEN(SIGN_HCERT_MAX, W_B64)];
	int m;

	if (!we->has_sign)
		return 0;
	sodium_bin2hex(hnonce, sizeof hnonce, we->snonce, sizeof we->snonce);
	sodium_bin2hex(hbox, sizeof hbox, we->sbox, sizeof we->sbox);
	sodium_bin2base64(b64, sizeof b64, (const uint8_t *)we->hcert,
	    strlen(we->hcert), W_B64);
	m = snprintf(line + *n, len - (size_t)*n, " snonce=%s sbox=%s hcert=%s",
	    hnonce, hbox, b64);
	if (m < 0 || (size_t)m >= len - (size_t)*n)
		return -1;
	*n += m;
	return 0;
}

/* An entry's line: its fields in a fixed order. */
static int
wallet_line(const struct wallet_entry *we, char *line, size_t len)
{
	char hsalt[2 * W_SALT + 1], hnonce[2 * W_NONCE + 1], hbox[2 * W_BOX + 1];
	int n;

	sodium_bin2hex(hsalt, sizeof hsalt, we->salt, sizeof we->salt);
	sodium_bin2hex(hnonce, sizeof hnonce, we->nonce, sizeof we->nonce);
	sodium_bin2hex(hbox, sizeof hbox, we->box, sizeof we->box);
	n = snprintf(line, len, "cert holder=%" PRId64 " cert=%" PRId64
	    " code=%s salt=%s nonce=%s box=%s", we->holder_id, we->cert_id,
	    we->credit_code[0] != '\0' ? we->credit_code : "-", hsalt, hnonce, hbox);
	if (n < 0 || (size_t)n >= len || wallet_line_sign(we, line, len, &n) != 0 ||
	    (size_t)n + 1 >= len)
		return -1;
	line[n++] = '\n';
	line[n] = '\0';
	return n;
}

int
wallet_store(const char *path, const struct wallet_file *wf, int overwrite,
    struct err *e)
{
	char text[16 + WALLET_MAX_CERTS * W_LINE];
	size_t used;
	int i, n, rc;

	used = (size_t)snprintf(text, sizeof text, "jsd-wallet 2\n");
	for (i = 0; i < wf->n; i++) {
		if ((n = wallet_line(&wf->entry[i], text + used, sizeof text - used)) < 0)
			return err_set(e, ERR_SYSTEM, "wallet", "wallet.write", "%s", path);
		used += (size_t)n;
	}
	rc = wallet_write(path, text, overwrite, e);
	sodium_memzero(text, sizeof text);
	return rc;
}

static int
hex_value(const char *hex, uint8_t *out, size_t len)
{
	if (strlen(hex) != 2 * len)
		return -1;
	return sodium_hex2bin(out, len, hex, 2 * len, NULL, NULL, NULL);
}

static int
id_value(const char *s, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s < '1' || *s > '9' || *end != '\0' || errno != 0)
		return -1;
	*out = v;
	return 0;
}

/* A credit code's 18 characters, or "-" (unknown yet). */
static int
code_value(const char *s, char *out, size_t len)
{
	if (strcmp(s, "-") == 0) {
		out[0] = '\0';
		return 0;
	}
	if (strlen(s) != REG_CODE_SIZE - 1 ||
	    strspn(s, "0123456789ABCDEFGHJKLMNPQRTUWXY") != REG_CODE_SIZE - 1)
		return -1;
	snprintf(out, len, "%s", s);
	return 0;
}

/* The holder certificate from its Base64: text without a NUL. */
static int
hcert_value(const char *s, char *out, size_t len)
{
	size_t n;

	if (sodium_base642bin((uint8_t *)out, len - 1, s, strlen(s), NULL, &n, NULL,
	    W_B64) != 0 || memchr(out, '\0', n) != NULL)
		return -1;
	out[n] = '\0';
	return 0;
}

/* One name=value field of an entry's line; each must come once. */
static int
entry_field(struct wallet_entry *we, const char *name, const char *v,
    unsigned *seen)
{
	static const char *const names[] = { "holder", "cert", "code", "salt",
	    "nonce", "box", "snonce", "sbox", "hcert" };
	unsigned i;
	int rc;

	for (i = 0; i < 9 && strcmp(names[i], name) != 0; i++)
		;
	if (i == 9 || (*seen & (1u << i)) != 0)
		return -1;
	*seen |= 1u << i;
	switch (i) {
	case 0: rc = id_value(v, &we->holder_id); break;
	case 1: rc = id_value(v, &we->cert_id); break;
	case 2: rc = code_value(v, we->credit_code, sizeof we->credit_code); break;
	case 3: rc = hex_value(v, we->salt, sizeof we->salt); break;
	case 4: rc = hex_value(v, we->nonce, sizeof we->nonce); break;
	case 5: rc = hex_value(v, we->box, sizeof we->box); break;
	case 6: rc = hex_value(v, we->snonce, sizeof we->snonce); break;
	case 7: rc = hex_value(v, we->sbox, sizeof we->sbox); break;
	default: rc = hcert_value(v, we->hcert, sizeof we->hcert); break;
	}
	return rc;
}

static int
entry_parse(char *line, struct wallet_entry *we)
{
	char *tok, *eq, *save = NULL;
	unsigned seen = 0;

	memset(we, 0, sizeof *we);
	if (strncmp(line, "cert ", 5) != 0)
		return -1;
	for (tok = strtok_r(line + 5, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		if ((eq = strchr(tok, '=')) == NULL)
			return -1;
		*eq = '\0';
		if (entry_field(we, tok, eq + 1, &seen) != 0)
			return -1;
	}
	/* The signing fields come all three or not at all. */
	if ((seen & 0x3f) != 0x3f || ((seen & 0x1c0) != 0 && (seen & 0x1c0) != 0x1c0))
		return -1;
	we->has_sign = (seen & 0x1c0) != 0;
	return 0;
}

/* Reads a line into buf without its newline: -1 at the end, too long or
 * without a newline. */
static int
wallet_getline(FILE *f, char *buf, size_t len)
{
	size_t n;

	if (fgets(buf, (int)len, f) == NULL)
		return -1;
	n = strlen(buf);
	if (n == 0 || buf[n - 1] != '\n')
		return -1;
	buf[n - 1] = '\0';
	return 0;
}

static int
parse_v1(FILE *f, struct wallet_file *wf)
{
	struct wallet_entry *we = &wf->entry[0];
	char line[5][160];
	int i;

	for (i = 0; i < 5; i++)
		if (wallet_getline(f, line[i], sizeof line[i]) != 0)
			return -1;
	if (strncmp(line[0], "holder ", 7) != 0 ||
	    id_value(line[0] + 7, &we->holder_id) != 0 ||
	    strncmp(line[1], "cert ", 5) != 0 ||
	    id_value(line[1] + 5, &we->cert_id) != 0 ||
	    strncmp(line[2], "salt ", 5) != 0 ||
	    hex_value(line[2] + 5, we->salt, sizeof we->salt) != 0 ||
	    strncmp(line[3], "nonce ", 6) != 0 ||
	    hex_value(line[3] + 6, we->nonce, sizeof we->nonce) != 0 ||
	    strncmp(line[4], "box ", 4) != 0 ||
	    hex_value(line[4] + 4, we->box, sizeof we->box) != 0)
		return -1;
	wf->n = 1;
	return 0;
}

static int
parse_v2(FILE *f, struct wallet_file *wf)
{
	char line[W_LINE];
	int rc = 0;

	while (rc == 0 && wallet_getline(f, line, sizeof line) == 0) {
		if (wf->n == WALLET_MAX_CERTS ||
		    entry_parse(line, &wf->entry[wf->n]) != 0 ||
		    wallet_find_holder(wf, wf->entry[wf->n].holder_id) >= 0)
			rc = -1;
		else
			wf->n++;
	}
	if (rc == 0 && !feof(f))
		rc = -1;
	sodium_memzero(line, sizeof line);
	return rc == 0 && wf->n > 0 ? 0 : -1;
}

static int
wallet_parse(FILE *f, struct wallet_file *wf)
{
	char line[32];

	if (wallet_getline(f, line, sizeof line) != 0)
		return -1;
	if (strcmp(line, "jsd-wallet 1") == 0) {
		wf->version = 1;
		return parse_v1(f, wf);
	}
	if (strcmp(line, "jsd-wallet 2") == 0) {
		wf->version = 2;
		return parse_v2(f, wf);
	}
	return -1;
}

int
wallet_load(const char *path, struct wallet_file *wf, struct err *e)
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
wallet_find_holder(const struct wallet_file *wf, int64_t holder_id)
{
	int i;

	for (i = 0; i < wf->n; i++)
		if (wf->entry[i].holder_id == holder_id)
			return i;
	return -1;
}

int
wallet_find(const struct wallet_file *wf, const char *code, struct err *e)
{
	char codes[WALLET_MAX_CERTS * REG_CODE_SIZE + 1];
	size_t used = 0;
	int i;

	if (code == NULL && wf->n == 1)
		return 0;
	for (i = 0; code != NULL && i < wf->n; i++)
		if (strcmp(wf->entry[i].credit_code, code) == 0)
			return i;
	if (code != NULL)
		return err_set(e, ERR_NOTFOUND, "cert", "wallet.no_cert", "%s", code);
	codes[0] = '\0';
	for (i = 0; i < wf->n; i++)
		used += (size_t)snprintf(codes + used, sizeof codes - used, "%s%s",
		    i > 0 ? " " : "", wf->entry[i].credit_code);
	return err_set(e, ERR_RULE, "cert", "wallet.choose_cert", "%s", codes);
}

int
wallet_put(struct wallet_file *wf, int i, const struct wallet_entry *we,
    struct err *e)
{
	if (i < 0 || i > wf->n)
		return err_set(e, ERR_SYSTEM, "wallet", "wallet.write", NULL);
	if (i == WALLET_MAX_CERTS)
		return err_set(e, ERR_RULE, "wallet", "wallet.full", "%d",
		    WALLET_MAX_CERTS);
	wf->entry[i] = *we;
	if (i == wf->n)
		wf->n++;
	return 0;
}

void
wallet_wipe(struct wallet *w)
{
	sodium_memzero(w, sizeof *w);
}
