/*
 * bench-checkpoint.c: what the event log's signed checkpoints cost.
 *
 * On a fresh registry of 100,000 events with a checkpoint every 274 events
 * (365 in all, a year of days at a busy hall's pace):
 * - making one (sign, append, fsync of the checkpoint file);
 * - a one-event write transaction as shipped (synchronous=FULL) when no
 *   checkpoint is due, with and without checkpoints set up;
 * - the day's first write, which also makes the checkpoint;
 * - log verify: the chain alone, and the chain plus all 365 checkpoints.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "evcheck.h"
#include "evlog.h"
#include "reg-private.h"
#include "regkey.h"

#define NEVENTS		100000
#define NCHECKS		365
#define WRITES		200

static double
now_ms(void)
{
	return bench_now() * 1e3;
}

static void
die(const char *what, const struct err *e)
{
	fprintf(stderr, "bench-checkpoint: %s: %s %s\n", what,
	    e->key ? e->key : "", e->detail);
	exit(1);
}

/* NEVENTS events in big transactions, a checkpoint every NEVENTS / NCHECKS. */
static void
fill(struct reg *r)
{
	struct evcheck cp;
	struct err e;
	int i;

	err_clear(&e);
	for (i = 1; i <= NEVENTS; i++) {
		if ((i - 1) % 1000 == 0 && db_begin(r->db, &e) != 0)
			die("begin", &e);
		if (evlog_append(r, "bench", "app.submitted", "20261130-0001", "claim",
		    &e) != 0)
			die("append", &e);
		if (i % 1000 == 0 && db_commit(r->db, &e) != 0)
			die("commit", &e);
		if (i % (NEVENTS / NCHECKS) == 0 && i % 1000 != 0 &&
		    (db_commit(r->db, &e) != 0 || evcheck_make(r, EVCHECK_MANUAL, &cp,
		    &e) != 0 || db_begin(r->db, &e) != 0))
			die("checkpoint", &e);
	}
}

/* Mean ms of WRITES one-event transactions. */
static double
writes(struct reg *r)
{
	struct err e;
	double t0;
	int i;

	t0 = now_ms();
	for (i = 0; i < WRITES; i++) {
		if (evlog_append_tx(r, "bench", "verify.valid", "x", "", &e) != 0)
			die("write", &e);
	}
	return (now_ms() - t0) / WRITES;
}

int
main(int argc, char **argv)
{
	char db[4096], cpf[4200], key[4200], first_file[4200];
	struct evcheck_report rep;
	struct regkey k;
	struct keyring ring;
	struct evcheck cp;
	struct reg *r;
	struct err e;
	int64_t broken, count;
	double t0, make_ms, w_plain, w_cp, first, v_chain, v_all;
	int i;

	snprintf(db, sizeof db, "%s/bench-checkpoint.db", argc > 1 ? argv[1] : ".");
	snprintf(cpf, sizeof cpf, "%s.checkpoints", db);
	snprintf(key, sizeof key, "%s.key", db);
	snprintf(first_file, sizeof first_file, "%s.first", db);
	unlink(db);
	unlink(cpf);
	unlink(key);
	err_clear(&e);
	if (reg_open(&r, db, "bench", &e) != 0 || regkey_create(key, 1, &e) != 0 ||
	    evcheck_setup(r, cpf, key, &e) != 0)
		die("set-up", &e);
	printf("filling %d events with %d checkpoints...\n", NEVENTS, NCHECKS);
	fill(r);

	t0 = now_ms();
	for (i = 0; i < 20; i++) {
		if (evcheck_make(r, EVCHECK_MANUAL, &cp, &e) != 0)
			die("make", &e);
	}
	make_ms = (now_ms() - t0) / 20;
	w_cp = writes(r);
	r->cp_file[0] = '\0';
	w_plain = writes(r);
	/* The day's first write: no checkpoint for today in a file of its own. */
	if (evcheck_setup(r, first_file, key, &e) != 0)
		die("set-up", &e);
	first = 0;
	for (i = 0; i < 20; i++) {
		unlink(first_file);
		r->cp_day = -1;
		t0 = now_ms();
		if (evlog_append_tx(r, "bench", "verify.valid", "x", "", &e) != 0)
			die("first write", &e);
		first += now_ms() - t0;
	}
	first /= 20;
	unlink(first_file);
	reg_close(r);
	if (reg_open(&r, db, "bench", &e) != 0 || regkey_load(key, &k, &e) != 0)
		die("reopen", &e);

	ring.n = 1;
	ring.v[0].id = k.key_id;
	memcpy(ring.v[0].pk, k.pk, sizeof k.pk);
	t0 = now_ms();
	if (evlog_verify(r, &broken, &count, &e) != 0)
		die("verify", &e);
	v_chain = now_ms() - t0;
	t0 = now_ms();
	if (evlog_verify(r, &broken, &count, &e) != 0 ||
	    evcheck_verify(r, cpf, &ring, &rep, &e) != 0)
		die("verify", &e);
	v_all = now_ms() - t0;
	regkey_wipe(&k);

	printf("making a checkpoint (sign, append, fsync): %.2f ms\n", make_ms);
	printf("one-event write, no checkpoint due: %.2f ms (without checkpoints "
	    "set up: %.2f ms)\n", w_cp, w_plain);
	printf("the day's first write, checkpoint included: %.2f ms\n", first);
	printf("log verify of %lld events: chain %.0f ms; chain and %d checkpoints "
	    "(%s): %.0f ms\n", (long long)count, v_chain, rep.checked,
	    rep.problem == EVCHECK_OK ? "all match" : "NOT all match", v_all);
	reg_close(r);
	return 0;
}
