/*
 * unit-reg.c: the registry's rules through the core API: creation and migration,
 * the register, each refusal of the application forms with its field and reason,
 * application numbers, staff passwords and the lock, and the event chain.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "evlog.h"
#include "idcheck.h"
#include "pwhash.h"
#include "reg-private.h"
#include "tap.h"

static const struct institution inst_a = {
	"12110000429074993M", "北京市示例科学技术研究院", "北京市西城区演示街225号",
	"张晓华", "110118198312055029", "13800000001", INST_CITY, INST_ACTIVE,
	"开展科学研究", "北京市示例委员会", "财政补助", "120.5", "2023-01-01",
	"2028-01-28"
};

static struct reg *
open_reg(const char *path, const char *station)
{
	struct reg *r;
	struct err e;

	if (reg_open(&r, path, station, &e) != 0) {
		printf("Bail out! reg_open %s: %s %s\n", path, e.key, e.detail);
		exit(1);
	}
	return r;
}

static void
test_open(const char *dir)
{
	char path[512];
	struct reg *r;
	struct err e;

	snprintf(path, sizeof path, "%s", tap_registry(dir, "new.db"));
	r = open_reg(path, "k1");
	ok(reg_was_created(r), "a new file is reported as created");
	is_int(reg_schema_version(r), reg_schema_latest(),
	    "a new registry is at the latest schema");
	reg_close(r);
	r = open_reg(path, "k1");
	ok(!reg_was_created(r), "opening it again is not a creation");
	is_int(reg_schema_version(r), reg_schema_latest(),
	    "and leaves the schema as it was");
	reg_close(r);
	ok(reg_open(&r, path, "bad station!", &e) != 0 && e.kind == ERR_INPUT &&
	    strcmp(e.key, "reg.station_invalid") == 0, "a bad station ID is refused");
	snprintf(path, sizeof path, "%s/missing/dir/x.db", dir);
	ok(reg_open(&r, path, "k1", &e) != 0 && e.kind == ERR_SYSTEM,
	    "a registry in a missing directory is a system error");
}

/* The certificate's own text: stored and read back, each part checked. */
static void
test_register_cert_text(struct reg *r)
{
	static const char *const capitals[][2] = { { "0", "1" }, { "120.50", "1" },
	    { "1234567890", "0" }, { "12.", "0" }, { "12.345", "0" },
	    { ".5", "0" }, { "1e3", "0" }, { "", "1" } };
	struct institution in = inst_a, got;
	struct err e;
	size_t i;

	ok(reg_inst_get(r, in.credit_code, &got, &e) == 0 &&
	    strcmp(got.purpose, in.purpose) == 0 &&
	    strcmp(got.sponsor, in.sponsor) == 0 &&
	    strcmp(got.funding, in.funding) == 0 &&
	    strcmp(got.capital, in.capital) == 0 &&
	    strcmp(got.valid_from, in.valid_from) == 0 &&
	    strcmp(got.valid_to, in.valid_to) == 0,
	    "the certificate's own text reads back as written");
	for (i = 0; i < sizeof capitals / sizeof capitals[0]; i++) {
		strcpy(in.capital, capitals[i][0]);
		ok((reg_inst_validate(&in, &e) == 0) == (capitals[i][1][0] == '1'),
		    "starting funds \"%s\" %s", capitals[i][0],
		    capitals[i][1][0] == '1' ? "taken" : "refused");
	}
	in = inst_a;
	strcpy(in.valid_to, "");
	ok(reg_inst_validate(&in, &e) != 0 && strcmp(e.field, "valid_to") == 0,
	    "a period needs both days");
	strcpy(in.valid_to, "2023-02-30");
	ok(reg_inst_validate(&in, &e) != 0 && strcmp(e.key, "inst.bad_date") == 0,
	    "a day that does not exist is refused");
	strcpy(in.valid_to, "2022-12-31");
	ok(reg_inst_validate(&in, &e) != 0 &&
	    strcmp(e.key, "inst.period_order") == 0,
	    "a period that ends before it begins is refused");
	strcpy(in.valid_to, "2023-01-01");
	ok(reg_inst_validate(&in, &e) == 0, "a period of one day is taken");
}

static void
test_register(struct reg *r)
{
	struct institution in = inst_a, got;
	struct err e;

	ok(reg_inst_put(r, &in, 0, "test", &e) == 0, "an institution is added");
	ok(reg_inst_put(r, &in, 0, "test", &e) != 0 && e.kind == ERR_CONFLICT,
	    "adding it twice without replace is a conflict");
	ok(reg_inst_get(r, in.credit_code, &got, &e) == 0 &&
	    strcmp(got.name, in.name) == 0 && got.level == INST_CITY,
	    "and reads back as written");
	in.credit_code[17] = in.credit_code[17] == 'M' ? 'N' : 'M';
	ok(reg_inst_put(r, &in, 0, "test", &e) != 0 && e.kind == ERR_INPUT &&
	    strcmp(e.field, "credit_code") == 0, "a bad credit code is refused");
	in = inst_a;
	strcpy(in.legal_rep_phone, "2380000001");
	ok(reg_inst_put(r, &in, 1, "test", &e) != 0 &&
	    strcmp(e.field, "legal_rep_phone") == 0, "a bad phone is refused");
	in = inst_a;
	strcpy(in.name, "bad\033[2Jname");
	ok(reg_inst_put(r, &in, 1, "test", &e) != 0 && strcmp(e.field, "name") == 0,
	    "control characters in a name are refused");
	ok(reg_inst_get(r, "121100004290749930", &got, &e) != 0 &&
	    e.kind == ERR_NOTFOUND, "an unknown code is not found");
	test_register_cert_text(r);
}

static void
form_claim(struct app_form *f)
{
	memset(f, 0, sizeof *f);
	f->kind = APP_CLAIM;
	strcpy(f->credit_code, inst_a.credit_code);
	f->frp_is_legal_rep = 1;
	strcpy(f->frp_phone, "13912345678");
}

/* Submits f and checks it is refused naming field with key. */
static void
refused(struct reg *r, const struct app_form *f, const char *field,
    const char *key, const char *what)
{
	struct err e;

	err_clear(&e);
	if (!ok(reg_app_submit(r, f, NULL, &e) != 0 && e.field != NULL &&
	    strcmp(e.field, field) == 0 && e.key != NULL && strcmp(e.key, key) == 0,
	    "refused: %s (%s: %s)", what, field, key))
		tap_diag("got field %s key %s", e.field ? e.field : "-",
		    e.key ? e.key : "-");
}

static void
test_apply(struct reg *r)
{
	struct app_form f;
	struct application a, b, got;
	struct err e;
	char today[11], want[REG_APPNO_SIZE];

	form_claim(&f);
	ok(reg_app_submit(r, &f, &a, &e) == 0, "a claim with the legal rep as FRP");
	clock_local_date(clock_now(), today, sizeof today);
	snprintf(want, sizeof want, "%.4s%.2s%.2s-0001", today, today + 5, today + 8);
	is_str(a.number, want, "the first number of the day ends in 0001");
	ok(reg_app_get(r, a.number, &got, &e) == 0 &&
	    strcmp(got.frp_id, inst_a.legal_rep_id) == 0 &&
	    strcmp(got.legal_rep_id, inst_a.legal_rep_id) == 0 &&
	    strcmp(got.legal_rep_phone, inst_a.legal_rep_phone) == 0,
	    "the FRP is the legal representative, as the register has them");
	is_str(a.inst_name, inst_a.name, "the institution comes from the register");
	ok(reg_app_submit(r, &f, &b, &e) == 0 && strcmp(b.number, a.number) > 0,
	    "the next application gets the next number");
	ok(reg_app_get(r, a.number, &got, &e) == 0 && got.status == APP_SUBMITTED &&
	    strcmp(got.frp_phone, "13912345678") == 0, "it reads back, submitted");
	memmove(want + 8, want + 9, strlen(want + 9) + 1);
	ok(reg_app_get(r, want, &got, &e) == 0 && got.id == a.id,
	    "the number is accepted without its dash");

	strcpy(f.credit_code, "12110000429074993N");
	refused(r, &f, "credit_code", "code.checkchar", "credit code check character");
	idcheck_make_credit_code("12110000400000001", f.credit_code);
	refused(r, &f, "credit_code", "inst.unknown", "institution not in register");
	form_claim(&f);
	strcpy(f.frp_phone, "1391234567");
	refused(r, &f, "frp_phone", "phone.format", "10-digit mobile");
	form_claim(&f);
	strcpy(f.frp_id, "11010519491231002X");
	refused(r, &f, "frp_id", "app.legal_rep_id_mismatch",
	    "legal rep's ID not the register's");
	form_claim(&f);
	f.frp_is_legal_rep = 0;
	strcpy(f.frp_name, "王小明");
	strcpy(f.frp_id, "110105194912310021");
	refused(r, &f, "frp_id", "id.checkdigit", "ID check digit");
	strcpy(f.frp_id, "11010519491231002X");
	f.frp_name[0] = '\0';
	refused(r, &f, "frp_name", "text.empty", "empty FRP name");
	strcpy(f.frp_name, "王小明");
	strcpy(f.remark, "line\nbreak");
	refused(r, &f, "remark", "text.control", "control character in remark");
	f.remark[0] = '\0';
	ok(reg_app_submit(r, &f, &a, &e) == 0 && !a.frp_is_legal_rep &&
	    strcmp(a.frp_name, "王小明") == 0, "a claim naming another FRP");

	f.kind = APP_FRP_CHANGE;
	refused(r, &f, "reason", "app.reason_missing", "change form without reason");
	f.reason = APP_REASON_LEGAL_REP_CHANGE;
	ok(reg_app_submit(r, &f, &a, &e) == 0 && a.kind == APP_FRP_CHANGE &&
	    a.reason == APP_REASON_LEGAL_REP_CHANGE, "an FRP-change form");
}

static int
count_app(const struct application *a, void *arg)
{
	(void)a;
	(*(int *)arg)++;
	return 0;
}

static void
test_list(struct reg *r)
{
	struct app_filter f;
	struct err e;
	int n = 0;

	reg_app_filter_init(&f);
	ok(reg_app_list(r, &f, count_app, &n, &e) == 0 && n == 4,
	    "four applications are listed (%d)", n);
	f.credit_code = inst_a.credit_code;
	f.status = APP_APPROVED;
	n = 0;
	ok(reg_app_list(r, &f, count_app, &n, &e) == 0 && n == 0,
	    "none of them approved");
	reg_app_filter_init(&f);
	f.limit = 2;
	n = 0;
	ok(reg_app_list(r, &f, count_app, &n, &e) == 0 && n == 2, "limit 2 gives 2");
	reg_app_filter_init(&f);
	f.from = clock_now() + CLOCK_DAY;
	n = 0;
	ok(reg_app_list(r, &f, count_app, &n, &e) == 0 && n == 0,
	    "none from tomorrow on");
}

static void
test_numbers(void)
{
	char out[REG_APPNO_SIZE];

	ok(reg_app_number_parse("20261124-0001", out) == 0 &&
	    strcmp(out, "20261124-0001") == 0, "canonical number parses");
	ok(reg_app_number_parse("202611240001", out) == 0 &&
	    strcmp(out, "20261124-0001") == 0, "number without dash parses");
	ok(reg_app_number_parse("20261124-12345", out) == 0 &&
	    strcmp(out, "20261124-12345") == 0, "five-digit sequence parses");
	ok(reg_app_number_parse("2026-1124-0001", out) != 0, "dash elsewhere refused");
	ok(reg_app_number_parse("20261124-001", out) != 0, "short sequence refused");
	ok(reg_app_number_parse("20261124-00x1", out) != 0, "letters refused");
	ok(reg_app_number_parse("", out) != 0, "empty refused");
}

/* The hash a password makes under a stored hash's setting is that hash, and
 * another password's is not: what a login sends to be compared. */
static void
test_pwhash_again(void)
{
	char hash[PWHASH_SIZE], setting[PWHASH_SIZE], again[PWHASH_SIZE];
	struct err e;

	ok(pwhash_make("correct horse", 8, 128, hash, &e) == 0, "a hash made");
	snprintf(setting, sizeof setting, "%.*s", (int)(strrchr(hash, '$') - hash + 1),
	    hash);
	ok(pwhash_again(setting, "correct horse", again) == 0 &&
	    strcmp(again, hash) == 0, "the password's hash under its setting is the stored one");
	ok(pwhash_again(setting, "wrong horse", again) == 0 &&
	    strcmp(again, hash) != 0, "another password's is not");
	ok(pwhash_again("$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$",
	    "x", again) != 0 && pwhash_again(setting + 1, "x", again) != 0 &&
	    pwhash_again("$argon2id$v=19$m=65536,t=2,p=1$c2Fs$", "x", again) != 0,
	    "a setting not made by pwhash_make is refused");
}

static void
test_staff(struct reg *r)
{
	struct staff s;
	struct err e;
	int i, rem, same;

	ok(reg_staff_add(r, "alice", STAFF_COUNTER, "correct horse", "test", &e) == 0,
	    "a counter account is added");
	ok(reg_staff_add(r, "probe-real", STAFF_COUNTER, "correct horse", "test",
	    &e) == 0, "and another");
	ok(reg_staff_add(r, "alice", STAFF_COUNTER, "correct horse", "test", &e) != 0 &&
	    e.kind == ERR_CONFLICT, "the same name twice is a conflict");
	ok(reg_staff_add(r, "bob", STAFF_COUNTER, "short", "test", &e) != 0 &&
	    strcmp(e.key, "password.length") == 0, "a 5-character password is refused");
	ok(reg_staff_add(r, "bad name", STAFF_COUNTER, "long enough", "test", &e) != 0 &&
	    strcmp(e.key, "staff.name_invalid") == 0, "a name with a space is refused");
	ok(reg_staff_login(r, "alice", "correct horse", &s, &rem, &e) == 0 &&
	    s.role == STAFF_COUNTER, "the right password logs in");
	ok(reg_staff_login(r, "nobody", "correct horse", &s, &rem, &e) != 0 &&
	    strcmp(e.key, "staff.bad_password") == 0,
	    "an unknown name looks like a wrong password");
	same = 1;
	for (i = 1; i <= STAFF_MAX_FAILED; i++) {
		struct err e2;
		int rem2;

		reg_staff_login(r, "probe-real", "wrong", &s, &rem, &e);
		reg_staff_login(r, "probe-none", "wrong", &s, &rem2, &e2);
		same &= rem == rem2 && strcmp(e.key, e2.key) == 0;
	}
	ok(same && strcmp(e.key, "staff.locked") == 0,
	    "an unknown name is answered as an account, try by try, lock included");
	for (i = 1; i <= 5; i++) {
		reg_staff_login(r, "alice", "wrong", &s, &rem, &e);
		if (i == 5)
			is_int(rem, 1, "after 5 wrong, 1 try is left");
	}
	ok(strcmp(e.key, "staff.bad_password") == 0, "5 wrong: not yet locked");
	ok(reg_staff_login(r, "alice", "wrong", &s, &rem, &e) != 0 &&
	    strcmp(e.key, "staff.locked") == 0 && rem == 0, "the 6th wrong locks");
	ok(reg_staff_login(r, "alice", "correct horse", &s, &rem, &e) != 0 &&
	    strcmp(e.key, "staff.locked") == 0, "then even the right one is refused");
	ok(reg_staff_unlock(r, "alice", "super", &e) == 0, "a supervisor unlocks");
	ok(reg_staff_login(r, "alice", "correct horse", &s, &rem, &e) == 0,
	    "and the right password works again");
	for (i = 0; i < 5; i++)
		reg_staff_login(r, "alice", "wrong", &s, &rem, &e);
	reg_staff_login(r, "alice", "correct horse", &s, &rem, &e);
	ok(reg_staff_login(r, "alice", "wrong", &s, &rem, &e) != 0 &&
	    strcmp(e.key, "staff.bad_password") == 0,
	    "a success resets the count: 5 wrong, 1 right, 1 wrong is not locked");
	ok(reg_staff_set_disabled(r, "alice", 1, "super", &e) == 0 &&
	    reg_staff_login(r, "alice", "correct horse", &s, &rem, &e) != 0 &&
	    strcmp(e.key, "staff.disabled") == 0, "a disabled account cannot log in");
	ok(reg_staff_unlock(r, "nobody", "super", &e) != 0 &&
	    e.kind == ERR_NOTFOUND, "unlocking an unknown account is not found");
}

struct kinds {
	char	 all[4096];
	int	 n;
};

static int
collect_kind(const struct event *ev, void *arg)
{
	struct kinds *k = arg;

	k->n++;
	strncat(k->all, ev->kind, sizeof k->all - strlen(k->all) - 2);
	strcat(k->all, " ");
	return 0;
}

static void
test_events(struct reg *r)
{
	struct evlog_filter f;
	struct kinds k;
	struct err e;
	int64_t broken, count;

	memset(&k, 0, sizeof k);
	evlog_filter_init(&f);
	ok(evlog_list(r, &f, collect_kind, &k, &e) == 0, "the event log lists");
	ok(strstr(k.all, "inst.added") != NULL && strstr(k.all, "app.submitted") &&
	    strstr(k.all, "staff.locked") && strstr(k.all, "staff.unlocked") &&
	    strstr(k.all, "staff.login_failed"), "each change left its event");
	memset(&k, 0, sizeof k);
	f.kind = "app.";
	evlog_list(r, &f, collect_kind, &k, &e);
	is_int(k.n, 4, "four application events, one per stored application");
	ok(evlog_verify(r, &broken, &count, &e) == 0 && broken == 0 && count > 20,
	    "the chain of %lld events is intact", (long long)count);
}

/* evlog_verify() reads the log in pages of 10,000: a chain longer than a page
 * is walked to its end. */
static void
test_long_chain(struct reg *r)
{
	int64_t broken, before, count;
	struct err e;
	int i, rc = 0;

	evlog_verify(r, &broken, &before, &e);
	if (db_begin(r->db, &e) != 0)
		rc = -1;
	for (i = 0; i < 20005 && rc == 0; i++)
		rc = evlog_append(r, "test", "test.bulk", "x", NULL, &e);
	if (rc == 0)
		rc = db_commit(r->db, &e);
	else
		db_rollback(r->db);
	ok(rc == 0, "20,005 events appended in one transaction");
	rc = evlog_verify(r, &broken, &count, &e);
	ok(rc == 0 && broken == 0 && count == before + 20005,
	    "a chain of three pages is walked whole: %lld events", (long long)count);
}

int
main(void)
{
	const char *dir = tap_tmpdir();
	char path[512];
	struct reg *r;

	test_open(dir);
	snprintf(path, sizeof path, "%s", tap_registry(dir, "reg.db"));
	r = open_reg(path, "kiosk-1");
	test_register(r);
	test_apply(r);
	test_list(r);
	test_numbers();
	test_pwhash_again();
	test_staff(r);
	test_events(r);
	test_long_chain(r);
	reg_close(r);
	return tap_done();
}
