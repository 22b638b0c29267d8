/*
 * bench-verify.c: verifications of signed QR payloads against a registry of
 * 100,000 certificates and 1,000,000 usage records, by one process and by
 * several at once (each its own connection, as counters are).
 *
 *   bench-verify DIR [CLIENTS...]	default: 1 16
 *
 * For each number of clients, three aggregate rates, each run for
 * $JSD_BENCH_SECONDS (default 5) seconds:
 *   - check only: signature, expiry, registry lookup of the code, its
 *     certificate and holder (cert_check(), nothing written);
 *   - durable, each: cert_verify() as a counter calls it for one code, its
 *     usage record and event committed (fsync'd) before it returns;
 *   - durable, grouped: cert_verify_batch() over bursts of BATCH codes, one
 *     durable commit a burst, each burst checked and then committed;
 *   - durable, pipelined: the same bursts through cert_pipe_push(), as
 *     "jsdctl verify --batch" sends what a scanner stream delivered: a burst
 *     is checked while those before it are committed on a second connection,
 *     the bursts that waited together.
 * and the ratios of the durable rates to check only (the bar: at least 70%).
 * The registry is built once into DIR and reused; with $JSD_BENCH_DB (a
 * PostgreSQL URI) it is built there, the key staying in DIR
 * (bench/bench-verify.sh runs both engines in one run).
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "cert.h"
#include "clock.h"
#include "idcheck.h"
#include "reg-private.h"

#define NCERTS		100000
#define NUSAGE		1000000
#define NCODES		2000
#define BATCH		64

enum bench_mode { MODE_CHECK, MODE_EACH, MODE_GROUPED, MODE_PIPED, NMODES };

static const char fill_inst_sql[] =
    "INSERT INTO institution (credit_code, name, address, legal_rep_name,"
    " legal_rep_id, legal_rep_phone, level, status, updated_at)"
    " VALUES (?1, '北京市示例单位', '北京市示例路1号', '张三', ?2,"
    " '13800000001', 'district', 'active', 0)";
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

#define SLOTS		(CERT_PIPE_DEPTH + 1)

static struct verify_item items[SLOTS][BATCH];

/* A burst of codes starting at from, in items[k]. */
static struct verify_item *
burst(char (*codes)[CODE_TEXT_MAX], int from, int k)
{
	int i;

	for (i = 0; i < BATCH; i++) {
		memset(&items[k][i], 0, sizeof items[k][i]);
		items[k][i].text = codes[(from + i) % NCODES];
		items[k][i].len = strlen(items[k][i].text);
	}
	return items[k];
}

/* 0 when every code of a final burst was valid. */
static int
burst_valid(const struct verify_item *it)
{
	int i;

	for (i = 0; i < BATCH; i++) {
		if (it[i].rc != 0 || it[i].v.outcome != VERIFY_VALID) {
			fprintf(stderr, "grouped: %s %s\n",
			    cert_outcome_name(it[i].v.outcome), it[i].e.detail);
			return -1;
		}
	}
	return 0;
}

/* Through pipe, the bursts that are final and not yet looked at: 0 when
 * all of them were valid. */
static unsigned long looked;

static int
run_final(struct cert_pipe *pipe)
{
	unsigned long done = cert_pipe_done(pipe);

	for (; looked < done; looked++)
		if (burst_valid(items[looked % SLOTS]) != 0)
			return -1;
	return 0;
}

/* One burst, or (through pipe) the next burst of a stream: 0 when the bursts
 * that became final were valid. */
static int
run_grouped(struct reg *r, struct cert_pipe *pipe,
    char (*codes)[CODE_TEXT_MAX], long n, long from)
{
	if (pipe == NULL) {
		cert_verify_batch(r, burst(codes, (int)((from + n) % NCODES), 0),
		    BATCH, NULL);
		return burst_valid(items[0]);
	}
	cert_pipe_push(pipe, burst(codes, (int)((from + n) % NCODES),
	    (int)(n / BATCH % SLOTS)), BATCH, NULL);
	return run_final(pipe);
}

/* Verifications done in secs seconds, or -1. */
static long
run(struct reg *r, struct cert_pipe *pipe, char (*codes)[CODE_TEXT_MAX],
    enum bench_mode mode, int from, double secs)
{
	struct verify_result v;
	struct err e;
	double end = bench_now() + secs;
	long n = 0;
	int rc;

	while (bench_now() < end) {
		const char *c = codes[(from + n) % NCODES];

		if (mode >= MODE_GROUPED) {
			if (run_grouped(r, pipe, codes, n, from) != 0)
				return -1;
			n += BATCH;
			continue;
		}
		rc = mode == MODE_EACH ? cert_verify(r, c, strlen(c), NULL, &v, &e) :
		    cert_check(r, c, strlen(c), &v, &e);
		if (rc != 0 || v.outcome != VERIFY_VALID) {
			fprintf(stderr, "verify %ld: rc %d outcome %s %s\n", n, rc,
			    cert_outcome_name(v.outcome), rc ? e.detail : "");
			return -1;
		}
		n++;
	}
	if (pipe != NULL) {
		cert_pipe_wait(pipe);
		if (run_final(pipe) != 0)
			return -1;
	}
	return n;
}

/* A client: its own connection, told to start by a byte on go, its count
 * written to out. */
static void
client(const char *path, int k, char (*codes)[CODE_TEXT_MAX],
    enum bench_mode mode, double secs, int go, int out)
{
	struct cert_pipe *pipe = NULL;
	struct reg *r;
	struct err e;
	char station[32], b;
	long n = -1;

	snprintf(station, sizeof station, "counter-%d", k);
	if (reg_open(&r, path, station, &e) != 0 ||
	    (mode == MODE_PIPED && cert_pipe_open(r, NULL, NULL, &pipe, &e) != 0)) {
		fprintf(stderr, "%s: %s %s\n", path, e.key, e.detail);
		_exit(1);
	}
	if (read(go, &b, 1) == 1)
		n = run(r, pipe, codes, mode, k * 97, secs);
	cert_pipe_close(pipe);
	reg_close(r);
	_exit(write(out, &n, sizeof n) == sizeof n ? 0 : 1);
}

/* Aggregate verifications per second of clients processes in mode. */
static double
clients_rate(const char *path, int clients, char (*codes)[CODE_TEXT_MAX],
    enum bench_mode mode, double secs)
{
	int go[2], out[2], k, status;
	double t0, total = 0;
	long n;

	if (pipe(go) != 0 || pipe(out) != 0)
		return -1;
	fflush(NULL);
	for (k = 0; k < clients; k++) {
		if (fork() == 0) {
			close(go[1]);
			client(path, k, codes, mode, secs, go[0], out[1]);
		}
	}
	close(go[0]);
	close(out[1]);
	sleep(1);	/* every client connected */
	t0 = bench_now();
	for (k = 0; k < clients; k++)
		if (write(go[1], "g", 1) != 1)
			return -1;
	for (k = 0; k < clients; k++) {
		if (read(out[0], &n, sizeof n) != sizeof n || n < 0)
			total = -1e18;
		else
			total += (double)n;
	}
	t0 = bench_now() - t0;
	close(go[1]);
	close(out[0]);
	while (wait(&status) > 0)
		;
	return total < 0 ? -1 : total / t0;
}

int
main(int argc, char **argv)
{
	static const char *const names[NMODES] = {
		"check only", "durable, each", "durable, grouped",
		"durable, pipelined"
	};
	static char codes[NCODES][CODE_TEXT_MAX];
	char path[4096], key[4200];
	struct stat sb;
	struct reg *r;
	struct err e;
	double rate[NMODES], secs = 5;
	const char *engine;
	int i, m, clients, created, fresh;

	if (argc < 2) {
		fprintf(stderr, "usage: bench-verify DIR [CLIENTS...]\n");
		return 2;
	}
	if (getenv("JSD_BENCH_SECONDS") != NULL)
		secs = atof(getenv("JSD_BENCH_SECONDS"));
	snprintf(path, sizeof path, "%s/bench-verify.db", argv[1]);
	snprintf(key, sizeof key, "%s.key", path);
	fresh = stat(path, &sb) != 0;
	if (getenv("JSD_BENCH_DB") != NULL) {
		snprintf(path, sizeof path, "%s", getenv("JSD_BENCH_DB"));
		snprintf(key, sizeof key, "%s/bench-verify-pg.key", argv[1]);
		fresh = stat(key, &sb) != 0;
	}
	if (reg_open(&r, path, "bench", &e) != 0 ||
	    cert_key_init(r, key, &created, &e) != 0) {
		fprintf(stderr, "%s: %s %s\n", path, e.key, e.detail);
		return 1;
	}
	engine = db_engine_name(r->db);
	if (fresh || reg_was_created(r)) {
		printf("%s: building %d certificates and %d usage records (once)...\n",
		    engine, NCERTS, NUSAGE);
		fflush(stdout);
		/* Analyzed, as a registry that grew slowly would be by now:
		 * PostgreSQL otherwise plans for empty tables. */
		if (fill(r, &e) != 0 || db_ids_follow(r->db, "certificate", &e) != 0 ||
		    db_ids_follow(r->db, "holder", &e) != 0 ||
		    db_exec(r->db, "ANALYZE", &e) != 0) {
			fprintf(stderr, "fill: %s %s\n", e.key, e.detail);
			return 1;
		}
	}
	if (present_codes(r, codes, &e) != 0) {
		fprintf(stderr, "present: %s %s\n", e.key, e.detail);
		return 1;
	}
	reg_close(r);
	for (i = argc > 2 ? 2 : 0; i < (argc > 2 ? argc : 2); i++) {
		clients = argc > 2 ? atoi(argv[i]) : i == 0 ? 1 : 16;
		if (clients < 1 || clients > 64) {
			fprintf(stderr, "bench-verify: 1 to 64 clients\n");
			return 2;
		}
		for (m = 0; m < NMODES; m++) {
			if ((rate[m] = clients_rate(path, clients, codes, m, secs)) < 0)
				return 1;
			printf("%s, %d client%s, %s: %.0f verifications/s\n", engine,
			    clients, clients > 1 ? "s" : "", names[m], rate[m]);
			fflush(stdout);
		}
		printf("%s, %d client%s, / check only: durable pipelined (bursts"
		    " of %d) %.0f%%, grouped %.0f%%, each %.0f%%\n", engine,
		    clients, clients > 1 ? "s" : "", BATCH,
		    100 * rate[MODE_PIPED] / rate[MODE_CHECK],
		    100 * rate[MODE_GROUPED] / rate[MODE_CHECK],
		    100 * rate[MODE_EACH] / rate[MODE_CHECK]);
	}
	return 0;
}
