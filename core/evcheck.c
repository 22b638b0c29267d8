/*
 * evcheck.c: see evcheck.h.
 *
 * Appending is one write() of one line with O_APPEND, then fsync: two
 * processes never interleave lines, and a checkpoint reported made survives
 * a crash. The automatic one is made inside the write transaction of the
 * day's first event, but covers only events committed before it, so a
 * rollback leaves it true. It may fail (no key on this station, the file not
 * writable): the event is still written, since a registration must not fail
 * for a checkpoint, and the gap shows as the latest checkpoint's date in
 * "log verify" and on the supervisor's day screen.
 */
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

#include "cert-private.h"
#include "clock.h"
#include "evcheck.h"
#include "reg-private.h"
#include "regkey.h"

static const char *const evcheck_kinds[] = { "day", "manual", "restore" };

const char *
evcheck_kind_name(enum evcheck_kind k)
{
	return evcheck_kinds[k];
}

static int64_t
evcheck_day(int64_t t)
{
	return (t + CLOCK_LOCAL_OFFSET) / CLOCK_DAY;
}

int
evcheck_setup(struct reg *r, const char *file, const char *keyfile, struct err *e)
{
	if (strlen(file) >= sizeof r->cp_file || strlen(keyfile) >= sizeof r->cp_key)
		return err_set(e, ERR_INPUT, "checkpoint_file", "paths.too_long", NULL);
	strcpy(r->cp_file, file);
	strcpy(r->cp_key, keyfile);
	r->cp_day = -1;
	return 0;
}

/* The line without its signature: what is signed. */
static void
evcheck_body(const struct evcheck *cp, char *buf, size_t len)
{
	char tip[2 * EVLOG_HASH_SIZE + 1];

	sodium_bin2hex(tip, sizeof tip, cp->tip, sizeof cp->tip);
	snprintf(buf, len, "jsd-checkpoint 1 %s %u %" PRId64 " %" PRId64 " %s",
	    evcheck_kinds[cp->kind], cp->key_id, cp->at, cp->count, tip);
}

static int
evcheck_parse(const char *line, struct evcheck *cp)
{
	char kind[16], tip[2 * EVLOG_HASH_SIZE + 2], sig[2 * 64 + 2], body[EVCHECK_LINE_MAX];
	int i, n = 0;

	memset(cp, 0, sizeof *cp);
	if (sscanf(line, "jsd-checkpoint 1 %15s %u %" SCNd64 " %" SCNd64 " %65s %129s%n",
	    kind, &cp->key_id, &cp->at, &cp->count, tip, sig, &n) != 6 ||
	    line[n] != '\0' || cp->key_id > 255 || cp->count < 0 ||
	    strlen(tip) != 2 * EVLOG_HASH_SIZE || strlen(sig) != 2 * 64 ||
	    sodium_hex2bin(cp->tip, sizeof cp->tip, tip, strlen(tip), NULL, NULL,
	    NULL) != 0 || sodium_hex2bin(cp->sig, sizeof cp->sig, sig, strlen(sig),
	    NULL, NULL, NULL) != 0)
		return -1;
	for (i = 0; i < 3 && strcmp(kind, evcheck_kinds[i]) != 0; i++)
		;
	if (i == 3)
		return -1;
	cp->kind = (enum evcheck_kind)i;
	/* Only the canonical spelling: what was signed is what is read. */
	evcheck_body(cp, body, sizeof body);
	return strncmp(line, body, strlen(body)) == 0 ? 0 : -1;
}

/* Whether the file's last byte ends a line: a crash in the middle of an
 * append must not glue the next checkpoint to a broken one. */
static int
evcheck_ended(int fd, const struct stat *st)
{
	char c;

	return st->st_size == 0 || (pread(fd, &c, 1, st->st_size - 1) == 1 && c == '\n');
}

static int
evcheck_append(const char *file, const char *line, struct err *e)
{
	size_t len = strlen(line);
	struct stat st;
	int fd, rc;

	if ((fd = open(file, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0)
		return err_set(e, ERR_SYSTEM, "checkpoint_file", "evcheck.write", "%s: %s",
		    file, strerror(errno));
	rc = fstat(fd, &st) == 0 && (st.st_size > 0 || fchmod(fd, 0600) == 0) ? 0 : -1;
	/* Two appends at worst: another process's line between them is whole. */
	if (rc == 0 && !evcheck_ended(fd, &st) && write(fd, "\n", 1) != 1)
		rc = -1;
	if (rc == 0)
		rc = write(fd, line, len) == (ssize_t)len && fsync(fd) == 0 ? 0 : -1;
	if (rc != 0)
		err_set(e, ERR_SYSTEM, "checkpoint_file", "evcheck.write", "%s: %s", file,
		    strerror(errno));
	close(fd);
	return rc;
}

/* Signs cp (kind, count, tip filled) with the registry's key and appends it. */
static int
evcheck_sign(struct reg *r, struct evcheck *cp, struct err *e)
{
	char body[EVCHECK_LINE_MAX], line[EVCHECK_LINE_MAX + 2 * 64 + 4];
	char sig[2 * 64 + 1];
	struct regkey k;

	if (r->cp_file[0] == '\0')
		return err_set(e, ERR_SYSTEM, "checkpoint_file", "evcheck.no_file", NULL);
	if (r->key != NULL)
		k = *r->key;
	else if (regkey_load(r->cp_key, &k, e) != 0)
		return -1;
	else if (cert_key_usable(r, &k, e) != 0) {
		regkey_wipe(&k);
		return -1;
	}
	cp->key_id = k.key_id;
	cp->at = clock_now();
	evcheck_body(cp, body, sizeof body);
	crypto_sign_detached(cp->sig, NULL, (const uint8_t *)body, strlen(body), k.sk);
	regkey_wipe(&k);
	sodium_bin2hex(sig, sizeof sig, cp->sig, sizeof cp->sig);
	snprintf(line, sizeof line, "%s %s\n", body, sig);
	if (evcheck_append(r->cp_file, line, e) != 0)
		return -1;
	r->cp_day = evcheck_day(cp->at);
	return 0;
}

static const char evcheck_tip_sql[] =
    "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1";

/* The chain's end: *count 0 and a zero tip for an empty log. */
static int
evcheck_tip(struct reg *r, int64_t *count, uint8_t tip[EVLOG_HASH_SIZE],
    struct err *e)
{
	struct db_stmt *st;
	int rc;

	*count = 0;
	memset(tip, 0, EVLOG_HASH_SIZE);
	if ((st = db_prepare(r->db, evcheck_tip_sql, e)) == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW) {
		*count = db_col_int64(st, 0);
		if (db_col_bytes(st, 1) == EVLOG_HASH_SIZE)
			memcpy(tip, db_col_blob(st, 1), EVLOG_HASH_SIZE);
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : db_err(r->db, e, "checkpoint tip");
}

int
evcheck_make(struct reg *r, enum evcheck_kind kind, struct evcheck *cp,
    struct err *e)
{
	memset(cp, 0, sizeof *cp);
	cp->kind = kind;
	if (evcheck_tip(r, &cp->count, cp->tip, e) != 0)
		return -1;
	return evcheck_sign(r, cp, e);
}

void
evcheck_due(struct reg *r, int64_t count, const uint8_t tip[EVLOG_HASH_SIZE])
{
	int64_t today = evcheck_day(clock_now());
	struct evcheck cp;
	struct err e;
	int found;

	if (r->cp_file[0] == '\0' || count == 0 || r->cp_day >= today)
		return;
	if (evcheck_latest(r->cp_file, &cp, &found, &e) == 0 && found)
		r->cp_day = evcheck_day(cp.at);
	if (r->cp_day >= today)
		return;
	memset(&cp, 0, sizeof cp);
	cp.kind = EVCHECK_DAY;
	cp.count = count;
	memcpy(cp.tip, tip, EVLOG_HASH_SIZE);
	/* Tried once a day a process: see the opening comment for why a
	 * failure does not stop the event. */
	if (evcheck_sign(r, &cp, &e) != 0)
		r->cp_day = today;
}

int
evcheck_latest(const char *file, struct evcheck *cp, int *found, struct err *e)
{
	char buf[2 * EVCHECK_LINE_MAX], *nl, *start;
	struct stat st;
	ssize_t n;
	off_t from;
	int fd;

	*found = 0;
	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return 0;
		return err_set(e, ERR_SYSTEM, "checkpoint_file", "evcheck.read", "%s: %s",
		    file, strerror(errno));
	}
	from = fstat(fd, &st) == 0 && st.st_size > (off_t)sizeof buf - 1 ?
	    st.st_size - (off_t)sizeof buf + 1 : 0;
	n = pread(fd, buf, sizeof buf - 1, from);
	close(fd);
	if (n <= 0)
		return n == 0 ? 0 : err_set(e, ERR_SYSTEM, "checkpoint_file",
		    "evcheck.read", "%s: %s", file, strerror(errno));
	buf[n] = '\0';
	if (buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	start = (nl = strrchr(buf, '\n')) != NULL ? nl + 1 : buf;
	if (evcheck_parse(start, cp) != 0)
		return err_set(e, ERR_INPUT, "checkpoint_file", "evcheck.damaged", "%s",
		    file);
	*found = 1;
	return 0;
}

int
evcheck_latest_of(struct reg *r, struct evcheck *cp, int *found, struct err *e)
{
	*found = 0;
	return r->cp_file[0] == '\0' ? 0 : evcheck_latest(r->cp_file, cp, found, e);
}

void
evcheck_code(const struct evcheck *cp, char out[EVCHECK_CODE_SIZE])
{
	static const char b32[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char c[13];
	uint64_t v = 0;
	int i;

	/* 60 bits of the tip in an alphabet without I, O, 0 and 1. */
	for (i = 0; i < 8; i++)
		v = v << 8 | cp->tip[i];
	v >>= 4;
	for (i = 11; i >= 0; i--, v >>= 5)
		c[i] = b32[v & 31];
	c[12] = '\0';
	snprintf(out, EVCHECK_CODE_SIZE, "%" PRId64 "-%.4s-%.4s-%.4s", cp->count, c,
	    c + 4, c + 8);
}

/* The checkpoint file, read whole: one line a day and a few more. */
struct evcheck_at {
	struct evcheck	 cp;
	int		 line;		/* in the file */
};

struct evcheck_list {
	struct evcheck_at *v;
	size_t		 n, cap;
};

static int
evcheck_push(struct evcheck_list *l, const struct evcheck *cp, int line,
    struct err *e)
{
	struct evcheck_at *v;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		if ((v = realloc(l->v, l->cap * sizeof *v)) == NULL)
			return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
		l->v = v;
	}
	l->v[l->n].cp = *cp;
	l->v[l->n++].line = line;
	return 0;
}

/* Reads one line into buf (without its newline); a longer one is read to its
 * end and comes back empty, which no parse accepts. 0 at the end of the file. */
static int
evcheck_getline(FILE *f, char *buf, size_t len)
{
	size_t n;
	int c;

	if (fgets(buf, (int)len, f) == NULL)
		return 0;
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n') {
		buf[n - 1] = '\0';
		return 1;
	}
	/* Too long, or the file's unterminated last line: damaged either way. */
	while ((c = getc(f)) != EOF && c != '\n')
		;
	buf[0] = '\0';
	return 1;
}

/*
 * Fills l; a missing file is a finding in rep, not an error. A damaged line
 * (a crash in the middle of an append leaves one) is noted, the first in
 * rep->line, and the lines after it are still checked.
 */
static int
evcheck_read_all(const char *file, struct evcheck_list *l,
    struct evcheck_report *rep, int *damaged, struct err *e)
{
	char line[EVCHECK_LINE_MAX];
	struct evcheck cp;
	int n = 0;
	FILE *f;

	*damaged = 0;
	if ((f = fopen(file, "r")) == NULL) {
		if (errno != ENOENT)
			return err_set(e, ERR_SYSTEM, "checkpoint_file", "evcheck.read",
			    "%s: %s", file, strerror(errno));
		rep->problem = EVCHECK_NONE;
		return 0;
	}
	while (evcheck_getline(f, line, sizeof line)) {
		n++;
		if (evcheck_parse(line, &cp) != 0) {
			if (*damaged == 0)
				*damaged = n;
			continue;
		}
		if (evcheck_push(l, &cp, n, e) != 0) {
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	if (l->n == 0 && *damaged == 0)
		rep->problem = EVCHECK_NONE;
	return 0;
}

/* Signed by the ring's key the checkpoint names: a retired key's
 * checkpoints stay good. */
static int
evcheck_signed(const struct evcheck *cp, const struct keyring *ring)
{
	const struct keyring_key *k = keyring_by_id(ring, cp->key_id);
	char body[EVCHECK_LINE_MAX];

	if (k == NULL)
		return 0;
	evcheck_body(cp, body, sizeof body);
	return crypto_sign_verify_detached(cp->sig, (const uint8_t *)body, strlen(body),
	    k->pk) == 0;
}

/* Whether a later restore took the log back before checkpoint i. */
static int
evcheck_undone(const struct evcheck_list *l, size_t i)
{
	size_t j;

	for (j = i + 1; j < l->n; j++) {
		if (l->v[j].cp.kind == EVCHECK_RESTORE &&
		    l->v[j].cp.count < l->v[i].cp.count)
			return 1;
	}
	return 0;
}

static const char evcheck_hash_sql[] = "SELECT hash FROM event WHERE id = ?1";

/* Whether the log holds the checkpoint's event count with the same hash. The
 * stored hash stands for the content because evlog_verify() recomputes the
 * whole chain from the first event. */
static int
evcheck_match(struct reg *r, const struct evcheck *cp, int64_t events,
    enum evcheck_problem *p, struct err *e)
{
	struct db_stmt *st;
	int rc, same = 0;

	*p = EVCHECK_OK;
	if (cp->count == 0)
		return 0;
	if (cp->count > events) {
		*p = EVCHECK_CUT;
		return 0;
	}
	if ((st = db_prepare(r->db, evcheck_hash_sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, cp->count);
	if ((rc = db_step(st)) == DB_ROW)
		same = db_col_bytes(st, 0) == EVLOG_HASH_SIZE &&
		    memcmp(db_col_blob(st, 0), cp->tip, EVLOG_HASH_SIZE) == 0;
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_err(r->db, e, "checkpoint event");
	if (!same)
		*p = EVCHECK_DIFFERS;
	return 0;
}

/* Checks each checkpoint in order; stops at the first problem. */
static int
evcheck_walk(struct reg *r, const struct evcheck_list *l,
    const struct keyring *ring, struct evcheck_report *rep, struct err *e)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		rep->line = l->v[i].line;
		rep->cp = l->v[i].cp;
		if (ring == NULL) {
			rep->problem = EVCHECK_NOKEY;
			return 0;
		}
		if (!evcheck_signed(&l->v[i].cp, ring)) {
			rep->problem = EVCHECK_FORGED;
			return 0;
		}
		if (l->v[i].cp.kind == EVCHECK_RESTORE)
			rep->restores++;
		if (evcheck_undone(l, i)) {
			rep->undone++;
			continue;
		}
		if (evcheck_match(r, &l->v[i].cp, rep->events, &rep->problem, e) != 0)
			return -1;
		if (rep->problem != EVCHECK_OK)
			return 0;
		rep->checked++;
	}
	return 0;
}

int
evcheck_verify(struct reg *r, const char *file, const struct keyring *ring,
    struct evcheck_report *rep, struct err *e)
{
	struct evcheck_list l = { NULL, 0, 0 };
	uint8_t tip[EVLOG_HASH_SIZE];
	int rc, damaged;

	memset(rep, 0, sizeof *rep);
	if (evcheck_tip(r, &rep->events, tip, e) != 0)
		return -1;
	rc = evcheck_read_all(file, &l, rep, &damaged, e);
	if (rc == 0 && rep->problem == EVCHECK_OK)
		rc = evcheck_walk(r, &l, ring, rep, e);
	/* A checkpoint's finding comes first; then a damaged line. */
	if (rc == 0 && rep->problem == EVCHECK_OK && damaged) {
		rep->problem = EVCHECK_DAMAGED;
		rep->line = damaged;
	}
	free(l.v);
	return rc;
}
