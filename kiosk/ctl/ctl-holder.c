/*
 * ctl-holder.c: "jsdctl holder ...", what the phone app does in the real system:
 * claim, redeem, managers, users, authorizations, presenting codes, scan-login,
 * listings, records and the certificate password.
 *
 * The wallet file stands in for the phone (core/wallet.h). Every command but
 * claim and a first redeem opens it with the certificate password: the registry
 * counts wrong passwords and locks the wallet after CERT_PW_MAX_FAILED in a row.
 * A wallet may hold several certificates; --cert CREDIT_CODE names the one to
 * act as, needed only when it holds more than one. A claim, or a redeem of a
 * QR made for a new person, adds a certificate to the wallet.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "clock.h"
#include "ctl-declare.h"
#include "ctl-life.h"
#include "http.h"
#include "idcheck.h"
#include "msg.h"
#include "sms.h"
#include "text.h"
#include "wallet.h"

struct hargs {
	const char	*wallet;
	const char	*password_file;
	const char	*new_password_file;
	const char	*name;
	const char	*id;
	const char	*phone;
	const char	*png;
	const char	*as;
	const char	*matters;
	const char	*from;
	const char	*to;
	const char	*code;
	const char	*cert;
	int		 accept;
	char		 path[4096];
	char		*rest[2];
	int		 nrest;
};

static const struct option holder_options[] = {
	{ "wallet", required_argument, NULL, 'w' },
	{ "password-file", required_argument, NULL, 'p' },
	{ "new-password-file", required_argument, NULL, 'P' },
	{ "name", required_argument, NULL, 'n' },
	{ "id", required_argument, NULL, 'i' },
	{ "phone", required_argument, NULL, 't' },
	{ "png", required_argument, NULL, 'g' },
	{ "as", required_argument, NULL, 'a' },
	{ "matters", required_argument, NULL, 'm' },
	{ "from", required_argument, NULL, 'f' },
	{ "to", required_argument, NULL, 'T' },
	{ "code", required_argument, NULL, 'c' },
	{ "cert", required_argument, NULL, 'C' },
	{ "accept-declaration", no_argument, NULL, 'A' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int
hopt(struct hargs *a, int ch, const char *arg)
{
	switch (ch) {
	case 'w': a->wallet = arg; break;
	case 'p': a->password_file = arg; break;
	case 'P': a->new_password_file = arg; break;
	case 'n': a->name = arg; break;
	case 'i': a->id = arg; break;
	case 't': a->phone = arg; break;
	case 'g': a->png = arg; break;
	case 'a': a->as = arg; break;
	case 'm': a->matters = arg; break;
	case 'f': a->from = arg; break;
	case 'T': a->to = arg; break;
	case 'c': a->code = arg; break;
	case 'C': a->cert = arg; break;
	case 'A': a->accept = 1; break;
	default: return -1;
	}
	return 0;
}

/* Parses "holder SUB [ARG...] [options]" with nargs positional arguments. */
static int
hparse(int argc, char **argv, int nargs, struct hargs *a)
{
	const char *base;
	int ch, n;

	memset(a, 0, sizeof *a);
	ctl_getopt_reset();
	while ((ch = getopt_long(argc, argv, "h", holder_options, NULL)) != -1) {
		if (ch == 'h')
			return ctl_help("ctl.holder.usage");
		if (hopt(a, ch, optarg) != 0)
			return ctl_usage("ctl.holder.usage");
	}
	if (argc - optind != nargs)
		return ctl_usage("ctl.holder.usage");
	for (a->nrest = 0; a->nrest < nargs; a->nrest++)
		a->rest[a->nrest] = argv[optind + a->nrest];
	if (a->wallet == NULL && (a->wallet = getenv("JSD_WALLET")) == NULL) {
		base = getenv("XDG_DATA_HOME");
		n = base != NULL && base[0] == '/' ?
		    snprintf(a->path, sizeof a->path, "%s/jsd-kiosk/wallet", base) :
		    snprintf(a->path, sizeof a->path, "%s/.local/share/jsd-kiosk/wallet",
		    getenv("HOME") ? getenv("HOME") : "/");
		if (n < 0 || (size_t)n >= sizeof a->path)
			return ctl_usage("ctl.holder.usage");
		a->wallet = a->path;
	}
	return -1;
}

static int
read_new_password(const struct hargs *a, char *pw, size_t len, struct err *e)
{
	const char *env = getenv("JSD_NEW_PASSWORD");

	if (a->new_password_file != NULL)
		return ctl_read_password(a->new_password_file, "", pw, len, e);
	if (env != NULL) {
		if (strlen(env) >= len)
			return err_set(e, ERR_INPUT, "password", "wallet.password_length",
			    NULL);
		strcpy(pw, env);
		return 0;
	}
	return ctl_read_password(NULL, msg_get("ctl.holder.new_password"), pw, len, e);
}

/* Reads the wallet; an entry from a version-1 file learns its credit code
 * from the registry (the file says it from its next save). */
static int
hwallet_load(struct ctl *c, const char *path, struct wallet_file *wf,
    struct err *e)
{
	struct wallet_entry *we;
	int i;

	if (wallet_load(path, wf, e) != 0)
		return -1;
	for (i = 0; i < wf->n; i++) {
		we = &wf->entry[i];
		if (we->credit_code[0] == '\0' &&
		    cert_code_of(c->reg, we->cert_id, we->credit_code, e) != 0)
			return -1;
	}
	return 0;
}

/* The entry --cert names (or the only one): its index, or -1. */
static int
hwallet_pick(struct ctl *c, const struct hargs *a, struct wallet_file *wf,
    struct err *e)
{
	if (hwallet_load(c, a->wallet, wf, e) != 0)
		return -1;
	return wallet_find(wf, a->cert, e);
}

/* Opens the wallet's entry i as the phone app does: refused while locked; a
 * wrong password counts toward the lock; then the registry checks it. */
static int
holder_unseal(struct ctl *c, const struct hargs *a, const struct wallet_entry *we,
    struct holder *me, struct wallet *w, struct err *e)
{
	char pw[WALLET_PASSWORD_MAX + 2];
	struct holder state;
	int64_t holder_id = we->holder_id;
	char tries[64];
	int remaining, rc;

	if (cert_pw_state(c->reg, holder_id, &state, e) != 0)
		return -1;
	if (state.pw_locked)
		return err_set(e, ERR_RULE, "password", "wallet.locked", NULL);
	if (ctl_read_password(a->password_file, msg_get("ctl.holder.password"), pw,
	    sizeof pw, e) != 0)
		return -1;
	rc = wallet_unseal(we, pw, w, e);
	sodium_memzero(pw, sizeof pw);
	if (rc != 0) {
		if (e->key == NULL || strcmp(e->key, "wallet.bad_password") != 0)
			return -1;
		if (cert_pw_failed(c->reg, holder_id, &remaining, e) != 0)
			return -1;
		if (remaining == 0)
			return err_set(e, ERR_RULE, "password", "wallet.locked", NULL);
		snprintf(tries, sizeof tries, msg_get("wallet.tries_left"), remaining);
		return err_set(e, ERR_RULE, "password", "wallet.bad_password", "%s",
		    tries);
	}
	if (cert_pw_ok(c->reg, w->holder_id, e) != 0)
		return -1;
	return cert_auth(c->reg, w->holder_id, w->secret, me, e);
}

/* Opens the certificate --cert names (or the wallet's only one). */
static int
holder_open(struct ctl *c, const struct hargs *a, struct holder *me,
    struct wallet *w, struct err *e)
{
	struct wallet_file wf;
	int i;

	if ((i = hwallet_pick(c, a, &wf, e)) < 0)
		return -1;
	return holder_unseal(c, a, &wf.entry[i], me, w, e);
}

/* Opens the wallet for a command that acts as its holder: 0 with *me, else the
 * exit status after saying why. The secret is wiped at once: the registry
 * proved the wallet, and me is all the command needs. */
static int
holder_enter(struct ctl *c, const struct hargs *a, struct holder *me)
{
	struct wallet w;
	struct err e;
	int rc;

	err_clear(&e);
	memset(&w, 0, sizeof w);
	rc = holder_open(c, a, me, &w, &e);
	wallet_wipe(&w);
	return rc != 0 ? ctl_fail(&e) : 0;
}

/* The start of a command acting as the holder: parses nargs arguments, lets
 * check (if any) refuse a wrong use before the wallet is opened, reading what
 * it checked into out, and opens the wallet. -1 to go on, else the exit
 * status. */
static int
hbegin(struct ctl *c, int argc, char **argv, int nargs,
    int (*check)(const struct hargs *, void *out), void *out, struct hargs *a,
    struct holder *me)
{
	int rc;

	if ((rc = hparse(argc, argv, nargs, a)) >= 0)
		return rc;
	if (check != NULL && check(a, out) != 0)
		return ctl_usage("ctl.holder.usage");
	return (rc = holder_enter(c, a, me)) != 0 ? rc : -1;
}

/* A new certificate's saving into the wallet, done by the claim or redeem
 * just before it commits (struct cert_seal): the key is made from the new
 * password beforehand, since Argon2id is too slow to run under the registry's
 * write lock. */
struct hseal {
	const char		*path;
	struct reg		*reg;
	struct wallet_key	 key;
};

/* A new signing key pair for w (scan-to-sign): its seed in the wallet, its
 * public key in a holder certificate the registry signs now. */
static int
hsign_keys(struct reg *r, const struct holder *h, struct wallet *w, struct err *e)
{
	uint8_t pk[32], sk[64];
	int rc;

	randombytes_buf(w->sign_seed, sizeof w->sign_seed);
	crypto_sign_seed_keypair(pk, sk, w->sign_seed);
	sodium_memzero(sk, sizeof sk);
	rc = h != NULL ? cert_hcert_issue(r, h, pk, w->hcert, sizeof w->hcert, e) :
	    cert_rekey(r, w->holder_id, pk, w->hcert, sizeof w->hcert, e);
	w->has_sign = rc == 0;
	return rc;
}

/* Where a new certificate goes in the wallet: in place of the holder's own
 * dead entry or the certificate's (hwallet_room let only dead ones stay), or
 * after the others. */
static int
hseal_slot(const struct wallet_file *wf, const struct holder *h)
{
	int i;

	if ((i = wallet_find_holder(wf, h->id)) >= 0)
		return i;
	for (i = 0; i < wf->n && wf->entry[i].cert_id != h->cert_id; i++)
		;
	return i;
}

static int
hseal_save(void *arg, const struct holder *h,
    const uint8_t secret[CERT_SECRET_BYTES], struct err *e)
{
	const struct hseal *hs = arg;
	char code[REG_CODE_SIZE];
	struct wallet_file wf;
	struct wallet_entry we;
	struct wallet w;
	int fresh, rc;

	if (wallet_load(hs->path, &wf, e) != 0 && e->kind != ERR_NOTFOUND)
		return -1;
	fresh = wf.n == 0;
	err_clear(e);
	if (cert_code_of(hs->reg, h->cert_id, code, e) != 0)
		return -1;
	memset(&w, 0, sizeof w);
	w.holder_id = h->id;
	w.cert_id = h->cert_id;
	memcpy(w.secret, secret, CERT_SECRET_BYTES);
	if (hsign_keys(hs->reg, h, &w, e) != 0) {
		wallet_wipe(&w);
		return -1;
	}
	wallet_seal(&we, &w, code, &hs->key);
	wallet_wipe(&w);
	rc = wallet_put(&wf, hseal_slot(&wf, h), &we, e) != 0 ||
	    wallet_store(hs->path, &wf, !fresh, e) != 0 ? -1 : 0;
	sodium_memzero(&wf, sizeof wf);
	return rc;
}

/* The registry's signing key, for what it signs on the holders' side: the
 * presented QR, and the holder certificate of a new signing key. */
static int
hkey_load(struct ctl *c, struct err *e)
{
	char keyfile[4200];

	if (ctl_keyfile(c, keyfile, sizeof keyfile, e) != 0)
		return -1;
	return cert_key_load(c->reg, keyfile, e);
}

/* Reads the new password and makes a wallet key from it. */
static int
hseal_new_key(const struct hargs *a, struct wallet_key *key, struct err *e)
{
	char pw[WALLET_PASSWORD_MAX + 2];
	int rc;

	if (read_new_password(a, pw, sizeof pw, e) != 0)
		return -1;
	rc = wallet_key_make(pw, key, e);
	sodium_memzero(pw, sizeof pw);
	return rc;
}

/* Whether the wallet's entry works: its holder is active. One that does not
 * is dead (its claim or redeem killed before it committed, its holder
 * deleted or superseded) and a new copy of its certificate replaces it. */
static int
hwallet_live(struct ctl *c, const struct wallet_entry *we)
{
	struct holder h;
	struct err ignored;

	return cert_pw_state(c->reg, we->holder_id, &h, &ignored) == 0 &&
	    h.status == HOLDER_ACTIVE;
}

/* Reads the wallet at path for a command that may add to it: no wallet yet
 * is an empty one; -1 for one that cannot be read, which is not written
 * over. */
static int
hwallet_read(struct ctl *c, const char *path, struct wallet_file *wf,
    struct err *e)
{
	if (hwallet_load(c, path, wf, e) == 0)
		return 0;
	if (e->kind != ERR_NOTFOUND)
		return -1;
	err_clear(e);
	wf->n = 0;
	return 0;
}

/*
 * Whether the wallet wf (as hwallet_read read it) may take the certificate of
 * cert_id: yes when it holds no working copy of that certificate (a phone
 * holds one a certificate) and has room. Asked before the QR is taken, so
 * that a refusal wastes none.
 */
static int
hwallet_room(struct ctl *c, const struct wallet_file *wf, int64_t cert_id,
    struct err *e)
{
	int i;

	if (wf->n == WALLET_MAX_CERTS)
		return err_set(e, ERR_RULE, "wallet", "wallet.full", "%d",
		    WALLET_MAX_CERTS);
	for (i = 0; i < wf->n; i++)
		if (wf->entry[i].cert_id == cert_id &&
		    hwallet_live(c, &wf->entry[i]))
			return err_set(e, ERR_CONFLICT, "wallet", "wallet.has_cert",
			    "%s", wf->entry[i].credit_code);
	return 0;
}

/* Whom the QR is for (0 when it cannot be used: the claim or redeem then
 * refuses it and logs why). */
static void
hwallet_token(struct ctl *c, const char *token, enum code_kind kind,
    int64_t *holder_id, int64_t *cert_id)
{
	struct err ignored;

	if (cert_token_peek(c->reg, token, kind, holder_id, cert_id, &ignored) != 0)
		*holder_id = *cert_id = 0;
}

static void
print_holder_line(const struct ctl *c, const struct holder *h)
{
	if (!c->json)
		printf("%s %s (%s) %s %lld\n", msg_get("ctl.holder.wallet_for"), h->name,
		    cert_role_name(h->role), msg_get("ctl.holder.id"), (long long)h->id);
}

/* The end of a claim or redeem that returned rc: the new wallet's key is
 * wiped whatever happened, then the holder it made is said. */
static int
hseal_end(struct ctl *c, int rc, struct hseal *hs, const struct holder *h,
    struct err *e)
{
	wallet_key_wipe(&hs->key);
	if (rc != 0)
		return ctl_fail(e);
	print_holder_line(c, h);
	return 0;
}

static int
h_claim(struct ctl *c, int argc, char **argv)
{
	struct hseal hs = { NULL, c->reg, { { 0 }, { 0 } } };
	struct cert_seal seal = { hseal_save, &hs, NULL };
	struct wallet_file wf;
	char phone[32];
	struct hargs a;
	struct holder h;
	struct err e;
	int64_t holder_id, cert_id;
	int rc;

	if ((rc = hparse(argc, argv, 1, &a)) >= 0)
		return rc;
	hs.path = a.wallet;
	if (a.name == NULL || a.id == NULL || a.phone == NULL)
		return ctl_usage("ctl.holder.usage");
	err_clear(&e);
	/* Refuse before taking the token: a wallet in the way must not waste it. */
	hwallet_token(c, a.rest[0], CODE_CLAIM, &holder_id, &cert_id);
	if (hwallet_read(c, a.wallet, &wf, &e) != 0 ||
	    hwallet_room(c, &wf, cert_id, &e) != 0 || hkey_load(c, &e) != 0)
		return ctl_fail(&e);
	if ((rc = ctl_declare_confirm(c, a.rest[0], CODE_CLAIM, a.accept,
	    &seal)) >= 0)
		return rc;
	snprintf(phone, sizeof phone, "%s", a.phone);
	idcheck_normalize_mobile(phone);
	if (hseal_new_key(&a, &hs.key, &e) != 0)
		return ctl_fail(&e);
	return hseal_end(c, cert_claim(c->reg, a.rest[0], a.name, a.id, phone,
	    &seal, &h, &e), &hs, &h, &e);
}

static int
h_redeem(struct ctl *c, int argc, char **argv)
{
	struct hseal hs = { NULL, c->reg, { { 0 }, { 0 } } };
	struct cert_seal seal = { hseal_save, &hs, NULL };
	struct wallet_file wf;
	struct holder me, h;
	struct wallet w;
	struct hargs a;
	struct err e, re;
	int64_t holder_id, cert_id;
	int rc, fresh, have, rd, i = -1;

	if ((rc = hparse(argc, argv, 1, &a)) >= 0)
		return rc;
	err_clear(&e);
	hs.path = a.wallet;
	/* A QR for a holder the wallet holds carries an authorization for it;
	 * any other adds the certificate for the person it was made for. */
	hwallet_token(c, a.rest[0], CODE_AUTH, &holder_id, &cert_id);
	/* Read once: whom it holds now, whether it has room later. */
	err_clear(&re);
	if ((rd = hwallet_read(c, a.wallet, &wf, &re)) == 0 && holder_id != 0)
		i = wallet_find_holder(&wf, holder_id);
	have = i >= 0 && hwallet_live(c, &wf.entry[i]);
	if (have) {
		if (holder_unseal(c, &a, &wf.entry[i], &me, &w, &e) != 0)
			return ctl_fail(&e);
		wallet_wipe(&w);
	} else if ((rc = ctl_declare_confirm(c, a.rest[0], CODE_AUTH, a.accept,
	    &seal)) >= 0)
		return rc;
	else if (rd != 0)
		return ctl_fail(&re);
	else if (hwallet_room(c, &wf, cert_id, &e) != 0 ||
	    hkey_load(c, &e) != 0 || hseal_new_key(&a, &hs.key, &e) != 0)
		return ctl_fail(&e);
	return hseal_end(c, cert_redeem(c->reg, a.rest[0], have ? &me : NULL,
	    &seal, &fresh, &h, &e), &hs, &h, &e);
}

/* Prints a fresh authorization QR (and its picture with --png). */
static int
print_token(struct ctl *c, const struct hargs *a, const char *token, struct err *e)
{
	if (a->png != NULL && ctl_write_png(a->png, token, 0, e) != 0)
		return ctl_fail(e);
	ctl_print_code(c, "ctl.code.auth", token, clock_now() + CERT_TOKEN_LIFETIME);
	return 0;
}

/* A new person needs a name, an ID number and a phone. */
static int
add_person_check(const struct hargs *a, void *out)
{
	(void)out;
	return a->name == NULL || a->id == NULL || a->phone == NULL ? -1 : 0;
}

static int
h_add_person(struct ctl *c, int argc, char **argv)
{
	/* Room for full-width digits, folded by normalizing; never cut. */
	char token[CODE_TEXT_MAX], phone[128], id[128];
	struct idplat_check idc;
	struct holder me, p;
	struct hargs a;
	struct err e;
	int rc, manager = strcmp(argv[0], "add-manager") == 0;

	if ((rc = hbegin(c, argc, argv, 0, add_person_check, NULL, &a, &me)) >= 0)
		return rc;
	err_clear(&e);
	if (text_copy_field(phone, sizeof phone, a.phone, "person_phone", &e) != 0 ||
	    text_copy_field(id, sizeof id, a.id, "person_id", &e) != 0)
		return ctl_fail(&e);
	idcheck_normalize_mobile(phone);
	idcheck_normalize_id(id);
	idplat_check(c->cfg, a.name, id, &idc);
	rc = manager ? cert_add_manager(c->reg, &me, a.name, id, phone, &idc, token,
	    sizeof token, &p, &e) : cert_add_user(c->reg, &me, a.name, id, phone, &idc,
	    &p, &e);
	if (rc != 0)
		return ctl_fail(&e);
	/* A user's id is the last line (scripts authorize it next); a manager's
	 * last line is its authorization QR, as for every command making one. */
	if (!manager) {
		if (c->json)
			ctl_print_json(json_pack("{s:I}", "id", (json_int_t)p.id));
		else
			printf("%lld\n", (long long)p.id);
		return 0;
	}
	if (!c->json)
		printf("%s %lld\n", msg_get("ctl.holder.id"), (long long)p.id);
	return print_token(c, &a, token, &e);
}

/* The person acted on, by id. */
static int
person_id_check(const struct hargs *a, void *out)
{
	return ctl_parse_id(a->rest[0], out);
}

static int
h_on_person(struct ctl *c, int argc, char **argv)
{
	char token[CODE_TEXT_MAX];
	struct holder me;
	struct hargs a;
	struct err e;
	int64_t id = 0;
	int rc;

	if ((rc = hbegin(c, argc, argv, 1, person_id_check, &id, &a, &me)) >= 0)
		return rc;
	err_clear(&e);
	if (strcmp(argv[0], "show-qr") == 0) {
		if (cert_show_qr(c->reg, &me, id, token, sizeof token, &e) != 0)
			return ctl_fail(&e);
		return print_token(c, &a, token, &e);
	}
	if (strcmp(argv[0], "cancel") == 0)
		rc = cert_cancel(c->reg, &me, id, &e);
	else
		rc = cert_delete(c->reg, &me, id, strcmp(argv[0], "delete-manager") == 0 ?
		    ROLE_MANAGER : ROLE_USER, &e);
	if (rc != 0)
		return ctl_fail(&e);
	ctl_done(c, strcmp(argv[0], "cancel") == 0 ? "ctl.done.cancel" :
	    strcmp(argv[0], "delete-manager") == 0 ? "ctl.done.delete_manager" :
	    "ctl.done.delete_user", id);
	return 0;
}

static int
parse_time(const char *arg, const char *field, int64_t *out, struct err *e)
{
	if (clock_parse_local_time(arg, out) != 0)
		return err_set(e, ERR_INPUT, field, "ctl.time_invalid", NULL);
	return 0;
}

#define DEFAULT_MATTERS \
	"bank_account,tax,social_security,procurement,licensing,general,sign"

/* The matters offered: the configuration's list, else the default one. */
static int
matters_allowed(const struct ctl *c, char *buf, size_t len, const char **list,
    int max)
{
	const char *s = cfg_get(c->cfg, "matters");
	char *tok, *save = NULL;
	int n = 0;

	snprintf(buf, len, "%s", s != NULL ? s : DEFAULT_MATTERS);
	for (tok = strtok_r(buf, ", ", &save); tok != NULL && n < max - 1;
	    tok = strtok_r(NULL, ", ", &save))
		list[n++] = tok;
	list[n] = NULL;
	return n;
}

static int
h_authorize(struct ctl *c, int argc, char **argv)
{
	char token[CODE_TEXT_MAX], mbuf[512];
	const char *allowed[33];
	struct holder me;
	struct authz az;
	struct hargs a;
	struct err e;
	int64_t user, from, to;
	int rc;

	if ((rc = hparse(argc, argv, 1, &a)) >= 0)
		return rc;
	if (ctl_parse_id(a.rest[0], &user) != 0 || a.matters == NULL || a.from == NULL ||
	    a.to == NULL)
		return ctl_usage("ctl.holder.usage");
	err_clear(&e);
	if (parse_time(a.from, "from", &from, &e) != 0 ||
	    parse_time(a.to, "to", &to, &e) != 0)
		return ctl_fail(&e);
	matters_allowed(c, mbuf, sizeof mbuf, allowed, 33);
	if ((rc = holder_enter(c, &a, &me)) != 0)
		return rc;
	if (cert_authorize(c->reg, &me, user, a.matters, allowed, from, to, token,
	    sizeof token, &az, &e) != 0)
		return ctl_fail(&e);
	if (!c->json)
		printf("%s %lld\n", msg_get("ctl.holder.authz"), (long long)az.id);
	return print_token(c, &a, token, &e);
}

/* "holder list": the people and the authorizations, one object in JSON. */
static int
h_list(struct ctl *c, const struct holder *me)
{
	struct ctl_people l;
	struct err e;
	json_t *people, *authz;

	err_clear(&e);
	ctl_people_start(&l, c->json);
	people = l.people.json;
	authz = l.authz.json;
	if (cert_list(c->reg, me, ctl_people_person, ctl_people_authz, &l,
	    &e) != 0) {
		json_decref(people);
		json_decref(authz);
		return ctl_fail(&e);
	}
	if (c->json)
		ctl_print_json(json_pack("{s:I, s:o, s:o}", "me", (json_int_t)me->id,
		    "people", ctl_list_take(&l.people), "authorizations",
		    ctl_list_take(&l.authz)));
	return 0;
}

/* One certificate the wallet holds, as the registry knows its holder: the
 * holder first, so that the people listing's role and status columns read it. */
struct wallet_row {
	struct holder	 h;
	char		 credit_code[REG_CODE_SIZE];
	char		 institution[REG_INST_NAME_SIZE];
};

static const struct ctl_col wallet_cols[] = {
	CTL_COL("credit_code", 1, "%s  ", CTL_COL_STR, struct wallet_row, credit_code),
	CTL_COL("holder", 0, NULL, CTL_COL_INT64, struct wallet_row, h.id),
	CTL_COL_FN("role", 0, NULL, ctl_people_role),
	CTL_COL_WORD_FN(2, "%-8s ", "ctl.role", ctl_people_role),
	CTL_COL("name", 4, "%s  ", CTL_COL_STR, struct wallet_row, h.name),
	CTL_COL_FN("status", 0, NULL, ctl_people_status),
	CTL_COL_WORD_FN(3, "%-8s ", "ctl.holder_status", ctl_people_status),
	CTL_COL("institution", 5, "%s", CTL_COL_STR, struct wallet_row, institution),
};

/* A row for each certificate in the wallet at path: its holder and
 * institution from the registry. */
static int
wallet_rows(struct ctl *c, const char *path, struct ctl_list *l, struct err *e)
{
	const struct wallet_entry *we;
	struct wallet_file wf;
	struct institution inst;
	struct wallet_row row;
	int i;

	if (hwallet_load(c, path, &wf, e) != 0)
		return -1;
	for (i = 0; i < wf.n; i++) {
		we = &wf.entry[i];
		memset(&row, 0, sizeof row);
		if (cert_pw_state(c->reg, we->holder_id, &row.h, e) != 0 ||
		    reg_inst_get(c->reg, we->credit_code, &inst, e) != 0)
			return -1;
		memcpy(row.credit_code, we->credit_code, sizeof row.credit_code);
		memcpy(row.institution, inst.name, sizeof row.institution);
		ctl_list_row(l, &row);
	}
	return 0;
}

static int
h_show(struct ctl *c, int argc, char **argv)
{
	struct holder me;
	struct ctl_list l;
	struct hargs a;
	struct err e;
	int rc, certs = strcmp(argv[0], "list-certs") == 0;

	/* A phone shows the certificates it holds before one is opened. */
	if ((rc = certs ? hparse(argc, argv, 0, &a) :
	    hbegin(c, argc, argv, 0, NULL, NULL, &a, &me)) >= 0)
		return rc;
	if (strcmp(argv[0], "list") == 0)
		return h_list(c, &me);
	err_clear(&e);
	if (certs) {
		ctl_list_start(&l, wallet_cols, CTL_NCOLS(wallet_cols), c->json);
		rc = wallet_rows(c, a.wallet, &l, &e);
	} else if (strcmp(argv[0], "records") == 0) {
		ctl_people_usage_start(&l, c->json);
		rc = cert_records(c->reg, &me, ctl_people_usage, &l, &e);
	} else {
		ctl_people_change_start(&l, c->json);
		rc = cert_changes(c->reg, &me, ctl_people_change, &l, &e);
	}
	return ctl_list_end(&l, rc, &e);
}

/* "holder show-cert": the certificate itself, as the app opens it (6.5 1). */
static int
h_show_cert(struct ctl *c, int argc, char **argv)
{
	struct institution in;
	struct holder me;
	struct hargs a;
	struct err e;
	json_t *j;
	int rc;

	if ((rc = hbegin(c, argc, argv, 0, NULL, NULL, &a, &me)) >= 0)
		return rc;
	err_clear(&e);
	if (cert_holder_inst(c->reg, &me, &in, &e) != 0)
		return ctl_fail(&e);
	j = json_object();
	ctl_cert_card(c, &in, j);
	if (c->json)
		ctl_print_json(j);
	else
		json_decref(j);
	return 0;
}

/* --as: a QR unless it says barcode or digits. */
static int
present_check(const struct hargs *a, void *out)
{
	enum present_kind *kind = out;

	if (a->as == NULL || strcmp(a->as, "qr") == 0)
		*kind = PRESENT_QR;
	else if (strcmp(a->as, "barcode") == 0)
		*kind = PRESENT_BARCODE;
	else if (strcmp(a->as, "digits") == 0)
		*kind = PRESENT_DIGITS;
	else
		return -1;
	return 0;
}

static int
h_present(struct ctl *c, int argc, char **argv)
{
	char text[CODE_TEXT_MAX];
	enum present_kind kind;
	struct holder me;
	struct hargs a;
	struct err e;
	int64_t expires;
	int rc;

	if ((rc = hbegin(c, argc, argv, 0, present_check, &kind, &a, &me)) >= 0)
		return rc;
	err_clear(&e);
	if (kind == PRESENT_QR && hkey_load(c, &e) != 0)
		return ctl_fail(&e);
	if (cert_present(c->reg, &me, kind, text, sizeof text, &expires, &e) != 0)
		return ctl_fail(&e);
	/* Digits are drawn as Code128 too: a counter may scan them as well as
	 * type them, and they classify as digits either way. */
	if (a.png != NULL && ctl_write_png(a.png, text, kind != PRESENT_QR, &e) != 0)
		return ctl_fail(&e);
	ctl_print_code(c, "ctl.code.present", text, expires);
	return 0;
}

static int
h_scan_login(struct ctl *c, int argc, char **argv)
{
	char system[CERT_SYSTEM_SIZE];
	struct holder me;
	struct hargs a;
	struct err e;
	int rc;

	if ((rc = hbegin(c, argc, argv, 1, NULL, NULL, &a, &me)) >= 0)
		return rc;
	err_clear(&e);
	if (cert_scan_login(c->reg, &me, a.rest[0], system, &e) != 0)
		return ctl_fail(&e);
	if (!c->json)
		printf("%s %s\n", msg_get("ctl.holder.logged_in"), system);
	return 0;
}

/* Says which system asks to sign what, before the password is asked for: the
 * digest as the QR carries it (the registry checked it is the one asked). */
static void
sign_asked(const struct ctl *c, const struct sign_view *v)
{
	char hex[2 * SIGN_DIGEST_BYTES + 1];

	if (c->json)
		return;
	sodium_bin2hex(hex, sizeof hex, v->digest, sizeof v->digest);
	printf(msg_get("ctl.holder.sign_asks"), v->system, hex, (long long)v->size);
	putchar('\n');
	fflush(stdout);
}

/* Signs the request as the opened wallet's holder with its signing key,
 * never kept beyond this. */
static int
sign_as(struct ctl *c, const struct holder *me, const struct wallet *w,
    const char *token, struct err *e)
{
	char file[SIGN_FILE_MAX + 1];
	uint8_t pk[32], sk[64];
	int rc;

	if (!w->has_sign)
		return err_set(e, ERR_RULE, "wallet", "sign.no_key", NULL);
	crypto_sign_seed_keypair(pk, sk, w->sign_seed);
	rc = cert_sign(c->reg, me, token, w->hcert, sk, file, sizeof file, e);
	sodium_memzero(sk, sizeof sk);
	return rc;
}

/* "holder sign QR": scan-to-sign, as the phone app does it. */
static int
h_sign(struct ctl *c, int argc, char **argv)
{
	struct sign_view v;
	struct holder me;
	struct wallet w;
	struct hargs a;
	struct err e;
	int rc;

	if ((rc = hparse(argc, argv, 1, &a)) >= 0)
		return rc;
	err_clear(&e);
	if (cert_sign_peek(c->reg, a.rest[0], &v, &e) != 0 || hkey_load(c, &e) != 0)
		return ctl_fail(&e);
	sign_asked(c, &v);
	if (holder_open(c, &a, &me, &w, &e) != 0)
		return ctl_fail(&e);
	rc = sign_as(c, &me, &w, a.rest[0], &e);
	wallet_wipe(&w);
	if (rc != 0)
		return ctl_fail(&e);
	ctl_done(c, "ctl.done.signed", v.id);
	return 0;
}

/* Rewrites w, the wallet wf's entry i as the command read it, under a new
 * password (and, after a reset, a new secret); the other entries are kept as
 * they are, still sealed. */
static int
rewrite_wallet(const struct hargs *a, struct wallet_file *wf, int i,
    struct wallet *w, struct err *e)
{
	struct wallet_entry we;
	struct wallet_key key;

	if (hseal_new_key(a, &key, e) != 0)
		return -1;
	wallet_seal(&we, w, wf->entry[i].credit_code, &key);
	wallet_key_wipe(&key);
	return wallet_put(wf, i, &we, e) != 0 ||
	    wallet_store(a->wallet, wf, 1, e) != 0 ? -1 : 0;
}

static int
h_passwd(struct ctl *c, int argc, char **argv)
{
	struct wallet_file wf;
	struct holder me;
	struct wallet w;
	struct hargs a;
	struct err e;
	int rc, i;

	if ((rc = hparse(argc, argv, 0, &a)) >= 0)
		return rc;
	err_clear(&e);
	if ((i = hwallet_pick(c, &a, &wf, &e)) < 0 ||
	    holder_unseal(c, &a, &wf.entry[i], &me, &w, &e) != 0)
		return ctl_fail(&e);
	/* A copy from before scan-to-sign gets its signing key here. */
	rc = (!w.has_sign && (hkey_load(c, &e) != 0 ||
	    hsign_keys(c->reg, NULL, &w, &e) != 0)) ||
	    rewrite_wallet(&a, &wf, i, &w, &e) != 0 ||
	    cert_pw_changed(c->reg, me.id, &e) != 0;
	wallet_wipe(&w);
	sodium_memzero(&wf, sizeof wf);
	if (rc)
		return ctl_fail(&e);
	ctl_done(c, "ctl.done.passwd", me.id);
	return 0;
}

/*
 * Makes a code and sends it by the configured gateway, then prints where it
 * went, masked: new_phone NULL is a reset's code, to holder_id's registered
 * phone; else a phone change's, from me to new_phone. The code is wiped on
 * every path: once made, it is as good as the password it stands for.
 */
static int
hsms_send(struct ctl *c, int64_t holder_id, const struct holder *me,
    const char *new_phone, struct err *e)
{
	const char *url = cfg_get(c->cfg, "sms_url");
	char code[SMS_CODE_LEN + 1], phone[REG_PHONE_SIZE];
	const char *to = new_phone != NULL ? new_phone : phone;
	struct http_opts opts;
	int rc;

	if (url == NULL || *url == '\0')
		return err_set(e, ERR_SYSTEM, NULL, "sms.not_configured", NULL);
	ctl_http_opts(c, &opts);
	rc = (new_phone == NULL ? cert_sms_code(c->reg, holder_id, code, phone, e) :
	    cert_phone_code(c->reg, me, new_phone, code, e)) != 0 ||
	    sms_send(&opts, url, new_phone == NULL ? SMS_TEMPLATE_RESET :
	    SMS_TEMPLATE_PHONE, to, code, e) != 0 ? -1 : 0;
	sodium_memzero(code, sizeof code);
	if (rc == 0)
		/* sms_send took only a valid mobile: 11 digits. */
		printf("%s %.3s****%s\n", msg_get("ctl.holder.sms_sent"), to, to + 7);
	return rc;
}

/* Step 1 (no --code) sends a code to the registered phone; step 2 (--code)
 * sets a new password with it. Neither needs the old password. */
static int
h_reset(struct ctl *c, int argc, char **argv)
{
	struct wallet_file wf;
	struct wallet w;
	struct hargs a;
	struct err e;
	int rc, i;

	if ((rc = hparse(argc, argv, 0, &a)) >= 0)
		return rc;
	err_clear(&e);
	if ((i = hwallet_pick(c, &a, &wf, &e)) < 0)
		return ctl_fail(&e);
	memset(&w, 0, sizeof w);
	w.holder_id = wf.entry[i].holder_id;
	w.cert_id = wf.entry[i].cert_id;
	/* A reset re-keys: the old signing key is sealed under the password
	 * that was lost, and whoever reset it holds the new one only. */
	if (a.code != NULL) {
		rc = hkey_load(c, &e) != 0 ||
		    cert_sms_reset(c->reg, w.holder_id, a.code, w.secret, &e) != 0 ||
		    hsign_keys(c->reg, NULL, &w, &e) != 0 ||
		    rewrite_wallet(&a, &wf, i, &w, &e) != 0;
		wallet_wipe(&w);
		sodium_memzero(&wf, sizeof wf);
		return rc ? ctl_fail(&e) : 0;
	}
	return hsms_send(c, w.holder_id, NULL, NULL, &e) != 0 ? ctl_fail(&e) : 0;
}

/* "holder change-phone --phone NEW": step 1 sends a code to the new phone,
 * step 2 (--code) sets it; both with the certificate password. */
static int
h_change_phone(struct ctl *c, int argc, char **argv)
{
	struct holder me;
	struct hargs a;
	struct err e;
	int rc;

	if ((rc = hbegin(c, argc, argv, 0, NULL, NULL, &a, &me)) >= 0)
		return rc;
	err_clear(&e);
	if (a.phone == NULL)
		return ctl_usage("ctl.holder.usage");
	if (a.code != NULL) {
		if (cert_phone_confirm(c->reg, &me, a.phone, a.code, &e) != 0)
			return ctl_fail(&e);
		ctl_done(c, "ctl.done.phone", me.id);
		return 0;
	}
	return hsms_send(c, me.id, &me, a.phone, &e) != 0 ? ctl_fail(&e) : 0;
}

int
ctl_holder(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_sub subs[] = {
		{ "claim", h_claim }, { "redeem", h_redeem },
		{ "add-manager", h_add_person }, { "add-user", h_add_person },
		{ "delete-manager", h_on_person }, { "delete-user", h_on_person },
		{ "cancel", h_on_person }, { "show-qr", h_on_person },
		{ "authorize", h_authorize }, { "list", h_show },
		{ "records", h_show }, { "changes", h_show },
		{ "present", h_present }, { "scan-login", h_scan_login },
		{ "passwd", h_passwd }, { "reset-password", h_reset },
		{ "list-certs", h_show }, { "sign", h_sign },
		{ "show-cert", h_show_cert }, { "change-phone", h_change_phone },
	};

	return ctl_dispatch(subs, sizeof subs / sizeof subs[0], c, argc, argv,
	    "ctl.holder.usage");
}
