/*
 * bench-station.c: one station of bench/bench-stations.sh's mixed workload,
 * its own process and connection, for a given number of seconds:
 *   kiosk    submits claim applications for the institutions given, in turn;
 *   counter  approves a submitted application (one of the newest, picked by
 *            the station's number so that counters seldom take the same one),
 *            then verifies VERIFIES presented QR codes of the one claimed
 *            certificate (its FRP, holder HOLDER, presenting a new code every
 *            minute as the phone does; presenting takes the key file).
 * Every operation reported done is written to OUT as a line
 * "KIND WHAT MICROSECONDS" (submit and approve: the application number;
 * verify: the outcome), for the script to check against the registry (nothing
 * lost, nothing twice) and to take latencies from; failures go to stderr.
 *
 * usage: bench-station DB KEYFILE kiosk|counter STATION SECONDS OUT HOLDER
 *            CREDIT-CODE...
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bench.h"
#include "cert.h"
#include "clock.h"
#include "idplat.h"
#include "reg.h"

#define VERIFIES	4
#define PICK		16	/* newest submitted applications a counter picks from */

struct station {
	struct reg	*reg;
	const char	*name;
	int		 number;	/* from the station's name, to spread picks */
	FILE		*out;
	long		 failed;
	/* counter */
	int64_t		 holder;
	char		 code[CODE_TEXT_MAX];
	int64_t		 code_at;
};

static void
station_done(struct station *s, const char *kind, const char *what, double t0)
{
	fprintf(s->out, "%s %s %.0f\n", kind, what, (bench_now() - t0) * 1e6);
}

static void
station_failed(struct station *s, const char *what, const struct err *e)
{
	fprintf(stderr, "%s %s: %s %s\n", s->name, what, e->key ? e->key : "",
	    e->detail);
	s->failed++;
}

static void
kiosk_submit(struct station *s, const char *credit_code)
{
	struct app_form f;
	struct application a;
	struct err e;
	double t0 = bench_now();

	memset(&f, 0, sizeof f);
	f.kind = APP_CLAIM;
	f.frp_is_legal_rep = 1;
	snprintf(f.credit_code, sizeof f.credit_code, "%s", credit_code);
	strcpy(f.frp_phone, "13912345678");
	if (reg_app_submit(s->reg, &f, &a, &e) != 0)
		station_failed(s, "submit", &e);
	else
		station_done(s, "submit", a.number, t0);
}

struct pick {
	char	 number[PICK][REG_APPNO_SIZE];
	int	 n;
};

static int
pick_one(const struct application *a, void *arg)
{
	struct pick *p = arg;

	snprintf(p->number[p->n++], REG_APPNO_SIZE, "%s", a->number);
	return 0;
}

static void
counter_approve(struct station *s)
{
	struct idplat_check idc = { IDPLAT_SKIPPED, NULL };
	struct app_filter f;
	struct pick p;
	struct err e;
	char token[CODE_TEXT_MAX];
	int64_t expires;
	double t0 = bench_now();

	reg_app_filter_init(&f);
	f.status = APP_SUBMITTED;
	f.limit = PICK;
	p.n = 0;
	if (reg_app_list(s->reg, &f, pick_one, &p, &e) != 0) {
		station_failed(s, "pick", &e);
		return;
	}
	if (p.n == 0)
		return;
	if (cert_approve(s->reg, p.number[s->number % p.n], "counter1", &idc,
	    token, sizeof token, &expires, &e) != 0)
		station_failed(s, "approve", &e);
	else
		station_done(s, "approve", p.number[s->number % p.n], t0);
}

static void
counter_verify(struct station *s)
{
	struct verify_result v;
	struct holder h;
	struct err e;
	int64_t expires;
	double t0;
	int i;

	if (s->code_at == 0 || clock_now() - s->code_at >= 60) {
		if (cert_get_holder(s->reg, s->holder, &h, &e) != 0 ||
		    cert_present(s->reg, &h, PRESENT_QR, s->code, sizeof s->code,
		    &expires, &e) != 0) {
			station_failed(s, "present", &e);
			return;
		}
		s->code_at = clock_now();
	}
	for (i = 0; i < VERIFIES; i++) {
		t0 = bench_now();
		if (cert_verify(s->reg, s->code, strlen(s->code), NULL, &v, &e) != 0)
			station_failed(s, "verify", &e);
		else
			station_done(s, "verify", cert_outcome_name(v.outcome), t0);
	}
}

int
main(int argc, char **argv)
{
	struct station s;
	struct err e;
	double end;
	int counter, i = 0;

	if (argc < 9 || (strcmp(argv[3], "kiosk") != 0 &&
	    strcmp(argv[3], "counter") != 0)) {
		fprintf(stderr, "usage: bench-station DB KEYFILE kiosk|counter STATION"
		    " SECONDS OUT HOLDER CREDIT-CODE...\n");
		return 2;
	}
	memset(&s, 0, sizeof s);
	counter = strcmp(argv[3], "counter") == 0;
	s.name = argv[4];
	s.number = atoi(s.name + strcspn(s.name, "0123456789"));
	s.holder = strtoll(argv[7], NULL, 10);
	if (sodium_init() < 0) {
		fprintf(stderr, "bench-station: libsodium would not start\n");
		return 1;
	}
	if ((s.out = fopen(argv[6], "w")) == NULL) {
		perror(argv[6]);
		return 1;
	}
	if (reg_open(&s.reg, argv[1], s.name, &e) != 0 ||
	    (counter && cert_key_load(s.reg, argv[2], &e) != 0)) {
		fprintf(stderr, "%s: %s %s\n", argv[1], e.key, e.detail);
		return 1;
	}
	end = bench_now() + atof(argv[5]);
	while (bench_now() < end) {
		if (counter) {
			counter_approve(&s);
			counter_verify(&s);
		} else
			kiosk_submit(&s, argv[8 + i++ % (argc - 8)]);
	}
	reg_close(s.reg);
	return fclose(s.out) != 0 || s.failed > 0;
}
