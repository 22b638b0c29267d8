/*
 * bench-verify.c: verifications of signed QR payloads, one core, against a
 * registry of 100,000 certificates and 1,000,000 usage records.
 *
 * Prints two rates: the check itself (signature, expiry, registry lookup of the
 * code, its certificate and holder) through cert_check(), and a verification as
 * shipped through cert_verify(), which also writes the usage record and event
 * in one transaction at synchronous=FULL (an fsync per verification).
 * The registry is built once into bench-data/ and reused; with
 * $JSD_BENCH_DB (a PostgreSQL URI, an empty database) it is built there, the
 * key staying in bench-data/.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cert.h"
#include "clock.h"
#include "idcheck.h"
#include "reg-private.h"

#define NCERTS		100000
#define NUSAGE		1000000
#define NCODES		2000
#define ROUNDS		10

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char fill_inst_sql[] =
    "INSERT INTO institution VALUES (?1, '北京市示例单位',"
    " '北京市示例路1号', '张三', ?2, '13800000001', 'district', 'active', 0)";
static const char fill_cert_sql[] =
    "INSERT INTO certificate (id, credit_code, status,"
    " created_at, updated_at) VALUES (?1, ?2, 'active', 0, 0)";
static const char fill_holder_sql[] =
    "INSERT INTO holder (id, cert_id, role, name,"
    " id_number, phone, status, created_at) VALUES (?1, ?1, 'frp', '张三', ?2,"
    " '13800000001', 'active', 0)";
static const char fill_usage_sql[] =
    "INSERT INTO usage_record (at, kind, cert_id,"
    " holder_id, station, via, outcome) VALUES (?1, 'verify', ?2, ?2,"
    " 'counter-1', 'qr', 'valid')";

/* Runs one prepared insert; 0 when it went in. */
static int
fill_run(struct db_stmt *st)
{
	int rc = db_step(st);

	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

/* Institutions, certificates and active FRPs in bulk; usage records too. */
static int
fill(struct reg *r, struct err *e)
{
	struct db_stmt *inst, *cert, *holder, *usage;
	char body[18], code[19], id[19];
	int i, rc = 0;

	if (db_begin(r->db, e) != 0)
		return -1;
	if ((inst = db_prepare(r->db, fill_inst_sql, e)) == NULL ||
	    (cert = db_prepare(r->db, fill_cert_sql, e)) == NULL ||
	    (holder = db_prepare(r->db, fill_holder_sql, e)) == NULL ||
	    (usage = db_prepare(r->db, fill_usage_sql, e)) == NULL) {
		db_rollback(r->db);
		return -1;
	}
	idcheck_make_id("11010519800101001", id);
	for (i = 1; i <= NCERTS && rc == 0; i++) {
		snprintf(body, sizeof body, "121101084%08d", i);
		idcheck_make_credit_code(body, code);
		db_bind_text(inst, 1, code);
		db_bind_text(inst, 2, id);
		if ((rc = fill_run(inst)) != 0)
			break;
		db_bind_int64(cert, 1, i);
		db_bind_text(cert, 2, code);
		if ((rc = fill_run(cert)) != 0)
			break;
		db_bind_int64(holder, 1, i);
		db_bind_text(holder, 2, id);
		rc = fill_run(holder);
	}
	for (i = 0; i < NUSAGE && rc == 0; i++) {
		db_bind_int64(usage, 1, clock_now() - NUSAGE + i);
		db_bind_int64(usage, 2, 1 + i % NCERTS);
		rc = fill_run(usage);
	}
	if (rc != 0) {
		db_err(r->db, e, "fill");
		db_rollback(r->db);
		return -1;
	}
	return db_commit(r->db, e);
}

/* Codes presented by holders spread over the register. */
static int
present_codes(struct reg *r, char (*codes)[CODE_TEXT_MAX], struct err *e)
{
	struct holder h;
	int64_t expires;
	int i;

	for (i = 0; i < NCODES; i++) {
		if (cert_get_holder(r, 1 + (int64_t)i * (NCERTS / NCODES), &h, e) != 0 ||
		    cert_present(r, &h, PRESENT_QR, codes[i], CODE_TEXT_MAX, &expires,
		    e) != 0)
			return -1;
	}
	return 0;
}

static int
run(struct reg *r, char (*codes)[CODE_TEXT_MAX], int record, int n, double *secs)
{
	struct verify_result v;
	struct err e;
	double t0 = now_s();
	int i, rc;

	for (i = 0; i < n; i++) {
		const char *c = codes[i % NCODES];

		rc = record ? cert_verify(r, c, strlen(c), &v, &e) :
		    cert_check(r, c, strlen(c), &v, &e);
		if (rc != 0 || v.outcome != VERIFY_VALID) {
			fprintf(stderr, "verify %d: rc %d outcome %s %s\n", i, rc,
			    cert_outcome_name(v.outcome), rc ? e.detail : "");
			return -1;
		}
	}
	*secs = now_s() - t0;
	return 0;
}

int
main(int argc, char **argv)
{
	static char codes[NCODES][CODE_TEXT_MAX];
	char path[4096], key[4200];
	struct stat sb;
	struct reg *r;
	struct err e;
	double t, best = 1e9;
	int i, created, fresh;

	if (argc != 2) {
		fprintf(stderr, "usage: bench-verify DIR\n");
		return 2;
	}
	snprintf(path, sizeof path, "%s/bench-verify.db", argv[1]);
	snprintf(key, sizeof key, "%s.key", path);
	fresh = stat(path, &sb) != 0;
	if (getenv("JSD_BENCH_DB") != NULL)
		snprintf(path, sizeof path, "%s", getenv("JSD_BENCH_DB"));
	if (reg_open(&r, path, "bench", &e) != 0 ||
	    cert_key_init(r, key, &created, &e) != 0) {
		fprintf(stderr, "%s: %s %s\n", path, e.key, e.detail);
		return 1;
	}
	printf("registry: %s\n", db_engine_name(r->db));
	if (fresh || reg_was_created(r)) {
		printf("building %d certificates and %d usage records (once)...\n",
		    NCERTS, NUSAGE);
		if (fill(r, &e) != 0 || db_ids_follow(r->db, "certificate", &e) != 0 ||
		    db_ids_follow(r->db, "holder", &e) != 0) {
			fprintf(stderr, "fill: %s %s\n", e.key, e.detail);
			return 1;
		}
	}
	if (present_codes(r, codes, &e) != 0) {
		fprintf(stderr, "present: %s %s\n", e.key, e.detail);
		return 1;
	}
	for (i = 0; i < ROUNDS; i++) {
		if (run(r, codes, 0, 20000, &t) != 0)
			return 1;
		if (t < best)
			best = t;
	}
	printf("verify, check only (signature + expiry + registry lookup): %.0f/s "
	    "(best of %d x 20000)\n", 20000 / best, ROUNDS);
	if (run(r, codes, 1, 2000, &t) != 0)
		return 1;
	printf("verify with usage record + event, durable commit each: %.0f/s "
	    "(%.2f ms each, 2000 runs)\n", 2000 / t, t * 1000 / 2000);
	reg_close(r);
	return 0;
}
