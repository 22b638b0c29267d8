/*
 * unit-cert.c: the certificate lifecycle through the core API, in-process, with
 * the clock set by clock_set() so that every edge is exact: the claim QR at
 * 4:59 and 5:00 and used once, a 4th manager refused, authorization spans at
 * their bounds, a presented code valid and then expired after 5 minutes, and a
 * deleted manager's users gone with it; bursts verified through cert_pipe
 * while its writer waits for the lock, then recorded together.
 * tests/lifecycle.sh walks the same rules through jsdctl under libfaketime;
 * this one needs neither.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cert.h"
#include "cert-declare.h"
#include "clock.h"
#include "reg-private.h"
#include "tap.h"

static const struct institution inst_a = {
	"12110000429074993M", "北京市示例科学技术研究院", "北京市西城区演示街225号",
	"张晓华", "110118198312055029", "13800000001", INST_CITY, INST_ACTIVE,
	"", "", "", "", "", ""
};
static const char *const matters[] = { "tax", "bank_account", NULL };
/* Identity checks as idplat_check() makes them, without a platform. */
static const struct idplat_check skipped = { IDPLAT_SKIPPED, "idplat.skipped" };
static const struct idplat_check mismatch = {
	IDPLAT_REFUSED_MISMATCH, "idplat.mismatch"
};
static const struct idplat_check unavailable = { IDPLAT_UNAVAILABLE, "http.timeout" };
static const char *const manager_ids[] = { "110101199001010015",
	"110101199001010031", "110101199001010058", "110101199001010074" };

static int64_t base;	/* 2026-11-24 10:00:00 in Shanghai */
static uint8_t user_secret[CERT_SECRET_BYTES];	/* the user's wallet */

static void
at(int64_t seconds)
{
	clock_set(base + seconds);
}

static void
bail(const char *what, const struct err *e)
{
	printf("Bail out! %s: %s %s\n", what, e->key ? e->key : "-", e->detail);
	exit(1);
}

/* Whether a call failed with the message key want; says what it got if not. */
static int
refused(int rc, const struct err *e, const char *want)
{
	if (rc == 0) {
		tap_diag("accepted, wanted %s", want);
		return 0;
	}
	if (e->key == NULL || strcmp(e->key, want) != 0) {
		tap_diag("refused with %s, wanted %s", e->key ? e->key : "-", want);
		return 0;
	}
	return 1;
}

/* A registry with the institution and a submitted claim of its legal rep. */
static struct reg *
setup(const char *dir, char appno[REG_APPNO_SIZE])
{
	char path[512], key[520];
	struct app_form f;
	struct application a;
	struct reg *r;
	struct err e;
	int created;

	/* On either backend (tap_registry: a file, or a new PostgreSQL database);
	 * the key is a file either way. */
	snprintf(path, sizeof path, "%s", tap_registry(dir, "registry.db"));
	snprintf(key, sizeof key, "%s/registry.db.key", dir);
	if (reg_open(&r, path, "counter-A", &e) != 0)
		bail("reg_open", &e);
	if (cert_key_init(r, key, &created, &e) != 0)
		bail("cert_key_init", &e);
	if (reg_inst_put(r, &inst_a, 0, "test", &e) != 0)
		bail("reg_inst_put", &e);
	memset(&f, 0, sizeof f);
	f.kind = APP_CLAIM;
	strcpy(f.credit_code, inst_a.credit_code);
	f.frp_is_legal_rep = 1;
	strcpy(f.frp_phone, "13912345678");
	if (reg_app_submit(r, &f, &a, &e) != 0)
		bail("reg_app_submit", &e);
	strcpy(appno, a.number);
	return r;
}

static void
cleanup(const char *dir)
{
	static const char *const files[] = { "registry.db", "registry.db.key",
		"registry.db-wal", "registry.db-shm", "registry.db-journal" };
	char path[512];
	size_t i;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* The new wallet's secret kept where the test can use it, as a wallet keeps it. */
static int
keep_secret(void *arg, const struct holder *h,
    const uint8_t secret[CERT_SECRET_BYTES], struct err *e)
{
	(void)h;
	(void)e;
	memcpy(arg, secret, CERT_SECRET_BYTES);
	return 0;
}

/* A wallet that cannot be saved. */
static int
fail_save(void *arg, const struct holder *h,
    const uint8_t secret[CERT_SECRET_BYTES], struct err *e)
{
	(void)arg;
	(void)h;
	(void)secret;
	return err_set(e, ERR_SYSTEM, "wallet", "wallet.write", NULL);
}

static int
claim(struct reg *r, const char *token, struct holder *frp, struct err *e)
{
	uint8_t secret[CERT_SECRET_BYTES];
	struct cert_seal seal = { keep_secret, secret, CERT_DECLARE_VERSION };

	return cert_claim(r, token, inst_a.legal_rep_name, inst_a.legal_rep_id,
	    "13912345678", &seal, frp, e);
}

/* The claim QR: 4:59 works, 5:00 does not, a new one voids the old, once only. */
static void
test_claim(struct reg *r, const char *appno, struct holder *frp)
{
	char tok1[CODE_TEXT_MAX], tok2[CODE_TEXT_MAX];
	struct cert_seal unsaved = { fail_save, NULL, CERT_DECLARE_VERSION };
	struct holder other;
	struct err e;
	int64_t expires;

	at(0);
	ok(refused(cert_approve(r, appno, "counter1", &mismatch, tok1, sizeof tok1,
	    &expires, &e), &e, "idplat.mismatch"),
	    "an identity check that did not match refuses approval");
	ok(refused(cert_approve(r, appno, "counter1", &unavailable, tok1, sizeof tok1,
	    &expires, &e), &e, "http.timeout"),
	    "so does a platform that did not answer, saying why");
	ok(cert_approve(r, appno, "counter1", &skipped, tok1, sizeof tok1, &expires,
	    &e) == 0, "the counter approves and gets a claim QR");
	is_int(expires, base + CERT_TOKEN_LIFETIME, "valid for 5 minutes");
	at(300);
	ok(refused(claim(r, tok1, frp, &e), &e, "token.expired"),
	    "the claim QR at exactly 5:00 is refused as expired");
	if (cert_approve(r, appno, "counter1", &skipped, tok2, sizeof tok2,
	    &expires, &e) != 0)
		bail("cert_approve again", &e);
	ok(strcmp(tok1, tok2) != 0, "asking again makes a new claim QR");
	at(310);
	ok(refused(claim(r, tok1, frp, &e), &e, "token.voided"),
	    "and the old one is void");
	at(599);
	ok(refused(cert_claim(r, tok2, inst_a.legal_rep_name, inst_a.legal_rep_id,
	    "13912345678", &unsaved, frp, &e), &e, "wallet.write"),
	    "a claim whose wallet cannot be saved is refused");
	ok(claim(r, tok2, frp, &e) == 0,
	    "and rolled back: the same claim QR at 4:59 then works");
	is_int(frp->role, ROLE_FRP, "the claimer is the FRP");
	at(600);
	ok(refused(claim(r, tok2, &other, &e), &e, "token.used"),
	    "a used claim QR is refused");
}

/* Adds a manager and redeems its QR as a new wallet. */
static int
add_manager(struct reg *r, const struct holder *frp, int n, struct holder *m,
    struct err *e)
{
	char name[32], phone[32], token[CODE_TEXT_MAX];
	uint8_t secret[CERT_SECRET_BYTES];
	struct cert_seal seal = { keep_secret, secret, CERT_DECLARE_VERSION };
	struct holder pending;
	int new_wallet;

	snprintf(name, sizeof name, "管理人%d", n);
	snprintf(phone, sizeof phone, "1380000100%d", n);
	if (cert_add_manager(r, frp, name, manager_ids[n - 1], phone, &skipped,
	    token, sizeof token, &pending, e) != 0)
		return -1;
	return cert_redeem(r, token, NULL, &seal, &new_wallet, m, e);
}

static void
test_managers(struct reg *r, const struct holder *frp, struct holder m[3])
{
	struct holder fourth;
	struct err e;
	int i;

	at(700);
	for (i = 0; i < 3; i++)
		ok(add_manager(r, frp, i + 1, &m[i], &e) == 0 &&
		    m[i].role == ROLE_MANAGER && m[i].status == HOLDER_ACTIVE,
		    "manager %d added and redeemed", i + 1);
	ok(refused(add_manager(r, frp, 4, &fourth, &e), &e, "holder.max_managers"),
	    "a 4th manager is refused");
}

static int
authorize(struct reg *r, const struct holder *m, const struct holder *u,
    int64_t from, int64_t to, char *token, size_t len, struct err *e)
{
	struct authz az;

	return cert_authorize(r, m, u->id, "tax,bank_account", matters, from, to,
	    token, len, &az, e);
}

/* Spans of 1 day - 1 s and 1 year + 1 day are refused, 1 day and 1 year granted.
 * Leaves *u with a wallet and a 2-day authorization in force. */
static void
test_spans(struct reg *r, const struct holder *m1, struct holder *u)
{
	char token[CODE_TEXT_MAX];
	struct cert_seal user_seal = { keep_secret, user_secret,
	    CERT_DECLARE_VERSION };
	struct holder redeemed;
	struct err e;
	int64_t from = base + 900, year, year_day;
	int new_wallet;

	at(800);
	if (cert_add_user(r, m1, "使用人甲", "11010519491231002X", "13700000001",
	    &skipped, u, &e) != 0)
		bail("cert_add_user", &e);
	at(900);
	if (clock_parse_local_time("2027-11-24 10:15:00", &year) != 0 ||
	    clock_parse_local_time("2027-11-25 10:15:00", &year_day) != 0)
		bail("clock_parse_local_time", &e);
	ok(refused(authorize(r, m1, u, from, from + CLOCK_DAY - 1, token,
	    sizeof token, &e), &e, "authz.too_short"), "a span of 1 day - 1 s is refused");
	ok(authorize(r, m1, u, from, from + CLOCK_DAY, token, sizeof token, &e) == 0,
	    "a span of exactly 1 day is granted");
	ok(authorize(r, m1, u, from, year, token, sizeof token, &e) == 0,
	    "a span of exactly 1 year is granted");
	ok(refused(authorize(r, m1, u, from, year_day, token, sizeof token, &e), &e,
	    "authz.too_long"), "1 year + 1 day is refused");
	ok(authorize(r, m1, u, from, from + 2 * CLOCK_DAY, token, sizeof token,
	    &e) == 0, "the authorization the user will use");
	at(910);
	ok(cert_redeem(r, token, NULL, &user_seal, &new_wallet, &redeemed, &e) == 0 &&
	    new_wallet && redeemed.id == u->id, "the user redeems it into a new wallet");
	*u = redeemed;
}

/* u presents a code of that kind at base + t; returns its expiry. */
static int64_t
present_at(struct reg *r, const struct holder *u, enum present_kind kind,
    int64_t t, char text[CODE_TEXT_MAX])
{
	struct err e;
	int64_t expires;

	at(t);
	if (cert_present(r, u, kind, text, CODE_TEXT_MAX, &expires, &e) != 0)
		bail("cert_present", &e);
	return expires;
}

/* A presented code: valid until 4:59, expired at 5:00. */
static void
test_present(struct reg *r, const struct holder *u, enum present_kind kind,
    const char *what)
{
	char text[CODE_TEXT_MAX];
	struct verify_result v;
	struct err e;
	int64_t expires = present_at(r, u, kind, 1000, text);

	is_int(expires, base + 1000 + CERT_CODE_LIFETIME, "a %s for 5 minutes", what);
	at(1010);
	ok(cert_verify(r, text, strlen(text), NULL, &v, &e) == 0 &&
	    v.outcome == VERIFY_VALID && v.presenter.id == u->id && v.nauthz == 1 &&
	    strcmp(v.authz[0].matters, "tax,bank_account") == 0,
	    "the %s verifies, naming the user and its matters", what);
	at(1299);
	ok(cert_verify(r, text, strlen(text), NULL, &v, &e) == 0 &&
	    v.outcome == VERIFY_VALID, "the %s is valid at 4:59", what);
	at(1300);
	ok(cert_verify(r, text, strlen(text), NULL, &v, &e) == 0 &&
	    v.outcome == VERIFY_EXPIRED && v.presenter.id == 0 &&
	    v.inst.name[0] == '\0', "and expired at 5:00, showing nothing");
}

/* A count off the registry. */
static int64_t
count(struct reg *r, const char *sql)
{
	struct db_stmt *st;
	struct err e;
	int64_t n = -1;

	if ((st = db_prepare(r->db, sql, &e)) == NULL)
		bail("count", &e);
	if (db_step(st) == DB_ROW)
		n = db_col_int64(st, 0);
	db_reset(st);
	return n;
}

/* Four bursts pushed while another connection holds the event chain's lock
 * (on SQLite, the write lock): none is final while it holds it, every one
 * after, in fewer commits than bursts. */
#define PIPE_BURSTS	4
#define PIPE_CODES	3
static void
test_pipe(struct reg *r, const struct holder *u)
{
	static struct verify_item it[PIPE_BURSTS][PIPE_CODES];
	char text[CODE_TEXT_MAX];
	struct cert_pipe *p;
	struct reg *hold;
	struct err e;
	int64_t ops, uses;
	int i, j, valid = 0;

	present_at(r, u, PRESENT_QR, 1500, text);
	at(1510);
	ops = count(r, "SELECT count(*) FROM operation WHERE kind = 'verify.batch'");
	uses = count(r, "SELECT count(*) FROM usage_record");
	/* The lock goes to a server with the next statement: a count sends it. */
	if (reg_open_twin(r, &hold, &e) != 0 || db_begin(hold->db, &e) != 0 ||
	    evlog_lock(hold, &e) != 0 || count(hold, "SELECT count(*) FROM staff") < 0 ||
	    cert_pipe_open(r, NULL, NULL, &p, &e) != 0)
		bail("test_pipe", &e);
	for (i = 0; i < PIPE_BURSTS; i++) {
		for (j = 0; j < PIPE_CODES; j++) {
			memset(&it[i][j], 0, sizeof it[i][j]);
			it[i][j].text = text;
			it[i][j].len = strlen(text);
		}
		cert_pipe_push(p, it[i], PIPE_CODES, NULL);
	}
	usleep(200000);
	is_int((int)cert_pipe_done(p), 0,
	    "no burst is final while the writer waits for the lock");
	db_rollback(hold->db);
	cert_pipe_wait(p);
	is_int((int)cert_pipe_done(p), PIPE_BURSTS, "then every burst is");
	for (i = 0; i < PIPE_BURSTS; i++)
		for (j = 0; j < PIPE_CODES; j++)
			valid += it[i][j].rc == 0 &&
			    it[i][j].v.outcome == VERIFY_VALID;
	is_int(valid, PIPE_BURSTS * PIPE_CODES, "each code valid");
	is_int((int)(count(r, "SELECT count(*) FROM usage_record") - uses),
	    PIPE_BURSTS * PIPE_CODES, "each with its usage record");
	ops = count(r, "SELECT count(*) FROM operation WHERE kind = 'verify.batch'") -
	    ops;
	ok(ops >= 1 && ops <= 2, "the bursts that waited recorded together: "
	    "%d commits for %d bursts", (int)ops, PIPE_BURSTS);
	cert_pipe_close(p);
	reg_close(hold);
}

/* Deleting a manager removes the users it added and stops both wallets. */
static void
test_delete(struct reg *r, const struct holder *frp, const struct holder m[3],
    const struct holder *u)
{
	const struct holder *m1 = &m[0];
	char text[CODE_TEXT_MAX];
	struct verify_result v;
	struct holder got;
	struct err e;

	present_at(r, u, PRESENT_QR, 1900, text);
	at(2000);
	ok(refused(cert_delete(r, m1, m[1].id, ROLE_MANAGER, &e), &e,
	    "holder.unknown"), "a manager cannot delete another manager");
	ok(cert_get_holder(r, m[1].id, &got, &e) == 0 &&
	    got.status == HOLDER_ACTIVE, "who stays active");
	ok(cert_delete(r, frp, m1->id, ROLE_MANAGER, &e) == 0,
	    "the FRP deletes manager 1");
	ok(cert_get_holder(r, u->id, &got, &e) == 0 &&
	    got.status == HOLDER_DELETED, "its user is deleted with it");
	ok(refused(cert_auth(r, u->id, user_secret, &got, &e), &e,
	    "wallet.revoked"), "and its wallet no longer works");
	ok(cert_get_holder(r, m1->id, &got, &e) == 0 &&
	    got.status == HOLDER_DELETED, "the manager is deleted");
	at(2001);
	ok(cert_verify(r, text, strlen(text), NULL, &v, &e) == 0 &&
	    v.outcome != VERIFY_VALID, "a code the user presented before is not valid");
}

int
main(void)
{
	char appno[REG_APPNO_SIZE];
	struct holder frp, m[3], u;
	const char *dir = tap_tmpdir();
	struct reg *r;
	struct err e;

	err_clear(&e);
	if (clock_parse_local_time("2026-11-24 10:00:00", &base) != 0)
		bail("clock_parse_local_time", &e);
	at(0);
	is_int(clock_now(), base, "clock_set stops the clock at the second given");
	clock_advance(5);
	is_int(clock_now(), base + 5, "clock_advance moves it on");
	r = setup(dir, appno);
	test_claim(r, appno, &frp);
	test_managers(r, &frp, m);
	test_spans(r, &m[0], &u);
	test_present(r, &u, PRESENT_QR, "presented QR");
	test_present(r, &u, PRESENT_DIGITS, "numeric code");
	test_pipe(r, &u);
	test_delete(r, &frp, m, &u);
	reg_close(r);
	cleanup(dir);
	clock_set(0);
	ok(clock_now() != base + 5,
	    "clock_set(0) gives back the wall clock");
	return tap_done();
}
