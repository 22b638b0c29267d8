/*
 * ctl-sign.c: scan-to-sign for application systems: "jsdctl sign-request",
 * "sign-status" and "verify-signature" (the holder's side is "holder sign"
 * in ctl-holder.c).
 *
 * A document is never sent anywhere: only its SHA-256 and size go into the
 * request. verify-signature checks a signature file offline with the
 * registry's public key (--key, as "jsdctl key" prints it), or with the
 * registry's own key and then also whether the signer, its authorization or
 * the certificate was revoked since; a signature made before a revocation
 * stays valid at its time, and the answer says since when.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <sodium.h>

#include "clock.h"
#include "ctl-life.h"
#include "msg.h"
#include "sign.h"

struct sargs {
	const char	*system;
	const char	*document;
	const char	*signature;
	const char	*key;
	const char	*png;
	const char	*output;
	char		*rest;
};

static const struct option sign_options[] = {
	{ "system", required_argument, NULL, 's' },
	{ "document", required_argument, NULL, 'd' },
	{ "signature", required_argument, NULL, 'S' },
	{ "key", required_argument, NULL, 'k' },
	{ "png", required_argument, NULL, 'g' },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* Parses the options and nargs (0 or 1) positional arguments: -1 to go on,
 * else the exit status. */
static int
sparse(int argc, char **argv, int nargs, const char *usage, struct sargs *a)
{
	int ch;

	memset(a, 0, sizeof *a);
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "h", sign_options, NULL)) != -1) {
		switch (ch) {
		case 's': a->system = optarg; break;
		case 'd': a->document = optarg; break;
		case 'S': a->signature = optarg; break;
		case 'k': a->key = optarg; break;
		case 'g': a->png = optarg; break;
		case 'o': a->output = optarg; break;
		case 'h': return ctl_help(usage);
		default: return ctl_usage(usage);
		}
	}
	if (argc - optind != nargs)
		return ctl_usage(usage);
	a->rest = nargs > 0 ? argv[optind] : NULL;
	return -1;
}

/* The SHA-256 and size of a file, read through once. */
static int
doc_digest(const char *path, uint8_t digest[SIGN_DIGEST_BYTES], int64_t *size,
    struct err *e)
{
	crypto_hash_sha256_state st;
	uint8_t buf[65536];
	size_t n;
	FILE *f;
	int bad;

	if ((f = fopen(path, "rb")) == NULL)
		return err_set(e, ERR_SYSTEM, "document", "sign.unreadable", "%s: %s",
		    path, strerror(errno));
	crypto_hash_sha256_init(&st);
	*size = 0;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		crypto_hash_sha256_update(&st, buf, n);
		*size += (int64_t)n;
	}
	bad = ferror(f);
	fclose(f);
	crypto_hash_sha256_final(&st, digest);
	if (bad)
		return err_set(e, ERR_SYSTEM, "document", "sign.unreadable", "%s", path);
	return 0;
}

int
ctl_sign_request(struct ctl *c, int argc, char **argv)
{
	uint8_t digest[SIGN_DIGEST_BYTES];
	char token[CODE_TEXT_MAX];
	struct sargs a;
	struct err e;
	int64_t size, id;
	int rc;

	if ((rc = sparse(argc, argv, 0, "ctl.sign_request.usage", &a)) >= 0)
		return rc;
	if (a.system == NULL || a.document == NULL)
		return ctl_usage("ctl.sign_request.usage");
	err_clear(&e);
	if (doc_digest(a.document, digest, &size, &e) != 0 ||
	    cert_sign_request(c->reg, a.system, digest, size, token, sizeof token, &id,
	    &e) != 0 || (a.png != NULL && ctl_write_png(a.png, token, 0, &e) != 0))
		return ctl_fail(&e);
	ctl_print_code(c, "ctl.code.sign", token, clock_now() + CERT_TOKEN_LIFETIME);
	return 0;
}

/* Writes the signature file, mode 0600 like everything personal. */
static int
sig_write(const char *path, const char *text, struct err *e)
{
	size_t n = strlen(text);
	FILE *f;
	int bad;

	if ((f = fopen(path, "w")) == NULL)
		return err_set(e, ERR_SYSTEM, "output", "sign.write", "%s: %s", path,
		    strerror(errno));
	bad = fchmod(fileno(f), 0600) != 0 || fwrite(text, 1, n, f) != n;
	bad |= fclose(f) != 0;
	return bad ? err_set(e, ERR_SYSTEM, "output", "sign.write", "%s", path) : 0;
}

static void
status_print(const struct ctl *c, const struct sign_view *v)
{
	static const char *const states[] = { "waiting", "signed", "expired" };
	char key[40], at[20], role[64];

	if (c->json) {
		json_t *j = json_pack("{s:s, s:s, s:I}", "state", states[v->state],
		    "system", v->system, "request", (json_int_t)v->id);

		if (v->state == 1)
			json_object_update_missing_new(j, json_pack(
			    "{s:s, s:s, s:s, s:s, s:I}", "credit_code",
			    v->inst.credit_code, "institution", v->inst.name, "signer",
			    v->holder.name, "role", cert_role_name(v->holder.role),
			    "signed_at", (json_int_t)v->signed_at));
		ctl_print_json(j);
		return;
	}
	snprintf(key, sizeof key, "ctl.sign.%s", states[v->state]);
	printf("%s", msg_get(key));
	if (v->state == 1) {
		clock_format_local(v->signed_at, at, sizeof at);
		printf(": %s %s, %s (%s), %s", v->inst.name, v->inst.credit_code,
		    v->holder.name, ctl_word("ctl.role", cert_role_name(v->holder.role),
		    role, sizeof role), at);
	}
	putchar('\n');
}

int
ctl_sign_status(struct ctl *c, int argc, char **argv)
{
	struct sign_view v;
	struct sargs a;
	struct err e;
	int rc;

	if ((rc = sparse(argc, argv, 1, "ctl.sign_status.usage", &a)) >= 0)
		return rc;
	err_clear(&e);
	if (cert_sign_status(c->reg, a.rest, &v, &e) != 0 ||
	    (v.state == 1 && a.output != NULL && sig_write(a.output, v.signature,
	    &e) != 0))
		return ctl_fail(&e);
	status_print(c, &v);
	return v.state == 1 ? 0 : 1;
}

/* --- verify-signature --- */

/* The registry's public keys: from --key offline, else the registry's own. */
static int
verify_key(struct ctl *c, const struct sargs *a, struct keyring *ring,
    struct err *e)
{
	unsigned current;

	if (a->key != NULL)
		return keyring_read(a->key, ring, e);
	return cert_key_ring(c->reg, ring, &current, e);
}

/* Reads the signature file, bounded: longer than the format allows is
 * malformed, said by the check. */
static int
sig_read(const char *path, char *buf, size_t len, size_t *n, struct err *e)
{
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return err_set(e, ERR_SYSTEM, "signature", "sign.unreadable", "%s: %s",
		    path, strerror(errno));
	*n = fread(buf, 1, len, f);
	fclose(f);
	return 0;
}

static void
verify_print(const struct ctl *c, enum sign_outcome o, const struct sign_file *f,
    int live, const struct sign_revoked *rv)
{
	char at[20], since[20], key[48], role[64];

	clock_format_local(f->doc.signed_at, at, sizeof at);
	clock_format_local(rv->since, since, sizeof since);
	if (c->json) {
		json_t *j = json_pack("{s:b, s:s, s:b}", "valid", o == SIGN_VALID,
		    "outcome", sign_outcome_name(o), "live", live);

		if (o == SIGN_VALID)
			json_object_update_missing_new(j, json_pack(
			    "{s:s, s:s, s:s, s:s, s:I, s:s, s:b}", "credit_code",
			    f->hc.credit_code, "institution", f->hc.institution,
			    "signer", f->hc.name, "role", f->hc.role,
			    "signed_at", (json_int_t)f->doc.signed_at, "system",
			    f->doc.system, "revoked", rv->revoked));
		if (o == SIGN_VALID && rv->revoked)
			json_object_update_missing_new(j, json_pack("{s:s, s:I}",
			    "revoked_what", rv->what, "revoked_since",
			    (json_int_t)rv->since));
		ctl_print_json(j);
		return;
	}
	snprintf(key, sizeof key, "ctl.signature.%s", sign_outcome_name(o));
	printf("%s", msg_get(key));
	if (o == SIGN_VALID)
		printf(": %s %s, %s (%s), %s, %s (%s)", f->hc.institution,
		    f->hc.credit_code, f->hc.name,
		    ctl_word("ctl.role", f->hc.role, role, sizeof role), at,
		    f->doc.system, msg_get(live ? "ctl.signature.live" :
		    "ctl.signature.offline"));
	putchar('\n');
	if (o == SIGN_VALID && rv->revoked) {
		snprintf(key, sizeof key, "ctl.signature.revoked_%s", rv->what);
		printf(msg_get(key), since);
		putchar('\n');
	}
}

int
ctl_verify_signature(struct ctl *c, int argc, char **argv)
{
	uint8_t digest[SIGN_DIGEST_BYTES];
	char text[SIGN_FILE_MAX + 1];
	struct keyring ring;
	struct sign_revoked rv;
	struct sign_file f;
	enum sign_outcome o;
	struct sargs a;
	struct err e;
	int64_t size;
	size_t n = 0;
	int rc;

	if ((rc = sparse(argc, argv, 0, "ctl.verify_signature.usage", &a)) >= 0)
		return rc;
	if (a.document == NULL || a.signature == NULL)
		return ctl_usage("ctl.verify_signature.usage");
	/* Offline needs only the public key: no registry is opened. */
	if (a.key == NULL && (rc = ctl_open(c)) != 0)
		return rc;
	err_clear(&e);
	memset(&rv, 0, sizeof rv);
	if (doc_digest(a.document, digest, &size, &e) != 0 ||
	    sig_read(a.signature, text, sizeof text, &n, &e) != 0 ||
	    verify_key(c, &a, &ring, &e) != 0)
		return ctl_fail(&e);
	o = sign_file_check(text, n, &ring, digest, &f);
	if (o == SIGN_VALID && a.key == NULL &&
	    cert_sign_revoked(c->reg, f.hc.holder_id, f.has_authz ? f.az.authz_id : 0,
	    &rv, &e) != 0)
		return ctl_fail(&e);
	verify_print(c, o, &f, a.key == NULL, &rv);
	return o == SIGN_VALID ? 0 : 1;
}
