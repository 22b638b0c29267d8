/*
 * cert-key.c: the registry's signing keys: publishing the key file's public
 * half, rotating to a new key, and the ring of every key's public half.
 *
 * The secret half of the current key lives in the key file only (regkey.h);
 * the registry's meta table holds each key's public half as "signing_key.N"
 * ("HEX CREATED") and the current one's id as "signing_key.current". A
 * rotation publishes the new half and then puts the new key file in place of
 * the old; the retired halves stay, so that whatever they signed (codes,
 * holder certificates, signatures, checkpoints) still checks, each naming its
 * key. A published half is never replaced: a key file whose key differs from
 * the published one of its id is refused, by init as by every other command,
 * since codes in people's hands are signed with the published one.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cert-private.h"
#include "clock.h"
#include "evlog.h"
#include "keyring.h"
#include "regkey.h"

static const char meta_get_sql[] = "SELECT value FROM meta WHERE key = ?1";
static const char meta_put_sql[] =
    "INSERT INTO meta (key, value) VALUES (?1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value";

static int
meta_get(struct reg *r, const char *key, char *value, size_t len, struct err *e)
{
	struct db_stmt *st;
	int rc;

	value[0] = '\0';
	if ((st = db_prepare(r->db, meta_get_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, key);
	if ((rc = db_step(st)) == DB_ROW)
		db_col_copy(st, 0, value, len);
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : db_err(r->db, e, "meta");
}

static int
meta_put(struct reg *r, const char *key, const char *value, struct err *e)
{
	struct db_stmt *st;

	if ((st = db_prepare(r->db, meta_put_sql, e)) == NULL)
		return -1;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	return db_done(st, "meta", e);
}

/* A key's meta entry: its name "signing_key.N" and its value "HEX CREATED". */
static void
key_entry_text(const struct regkey *k, char name[32], char value[2 * 32 + 32])
{
	snprintf(name, 32, "signing_key.%u", k->key_id);
	sodium_bin2hex(value, 65, k->pk, sizeof k->pk);
	snprintf(value + 64, 2 * 32 + 32 - 64, " %lld", (long long)k->created);
}

/* Publishes k's public half as the current key; a rotation's event (actor not
 * NULL) goes with it. Inside the caller's transaction. */
static int
key_put(struct reg *r, const struct regkey *k, const char *actor,
    struct err *e)
{
	char name[32], value[2 * 32 + 32];
	const char *id = name + strlen("signing_key.");

	key_entry_text(k, name, value);
	return meta_put(r, name, value, e) != 0 ||
	    meta_put(r, "signing_key.current", id, e) != 0 ||
	    (actor != NULL && evlog_append(r, actor, "key.rotated", id, value,
	    e) != 0) ? -1 : 0;
}

/* The public half goes into the registry so that every station can check
 * signatures; the secret half stays in the key file. The check that the key
 * may be published runs under the chain's lock (evlog.c), which makes
 * publishers and rotations one at a time on either engine. */
static int
key_publish(struct reg *r, const struct regkey *k, struct err *e)
{
	if (db_begin(r->db, e) != 0)
		return -1;
	return db_end(r->db, evlog_lock(r, e) != 0 ||
	    cert_key_usable(r, k, e) != 0 || key_put(r, k, NULL, e) != 0, e);
}

/* The registry's keys on the heap (a ring is some 12 KiB); NULL with e filled,
 * ERR_NOTFOUND when none is published yet. */
static struct keyring *
key_ring_new(struct reg *r, unsigned *current, struct err *e)
{
	struct keyring *ring;

	if ((ring = malloc(sizeof *ring)) == NULL) {
		err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
		return NULL;
	}
	if (cert_key_ring(r, ring, current, e) == 0)
		return ring;
	free(ring);
	return NULL;
}

/* A key file other than the registry's would replace a published key: init
 * makes a key only for a registry that has none. */
static int
key_none_published(struct reg *r, struct err *e)
{
	struct keyring *ring;
	unsigned current;

	if ((ring = key_ring_new(r, &current, e)) != NULL) {
		free(ring);
		return err_set(e, ERR_CONFLICT, "key_file", "regkey.published",
		    "key %u", current);
	}
	if (e->kind != ERR_NOTFOUND)
		return -1;
	err_clear(e);
	return 0;
}

int
cert_key_init(struct reg *r, const char *keyfile, int *created, struct err *e)
{
	*created = 0;
	/* The file is looked for again once a key is found published: another
	 * init of the same new registry may have made it (whole, by link())
	 * and published its key between our two looks. */
	if (access(keyfile, F_OK) != 0 && errno == ENOENT &&
	    key_none_published(r, e) != 0 &&
	    (e->kind != ERR_CONFLICT || access(keyfile, F_OK) != 0))
		return -1;
	if (regkey_create(keyfile, 1, e) == 0)
		*created = 1;
	else if (e->kind != ERR_CONFLICT)
		return -1;
	if (cert_key_load(r, keyfile, e) == 0)
		return 0;
	/* An init with another key file published first: the key just made
	 * was never published and must not be left to be taken for it. */
	if (*created && e->kind == ERR_CONFLICT)
		unlink(keyfile);
	*created = 0;
	return -1;
}

int
cert_key_usable(struct reg *r, const struct regkey *k, struct err *e)
{
	const struct keyring_key *same;
	struct keyring *ring;
	unsigned current;
	int rc = 0;

	/* A new registry has published no key yet. */
	if ((ring = key_ring_new(r, &current, e)) == NULL)
		rc = e->kind == ERR_NOTFOUND ? 0 : -1;
	else if ((same = keyring_by_id(ring, k->key_id)) != NULL &&
	    sodium_memcmp(same->pk, k->pk, sizeof k->pk) != 0)
		rc = err_set(e, ERR_CONFLICT, "key_file", "regkey.differs",
		    "key %u", k->key_id);
	else if (ring->v[ring->n - 1].id > k->key_id)
		rc = err_set(e, ERR_RULE, "key_file", "regkey.retired", "key %u",
		    k->key_id);
	free(ring);
	if (rc == 0)
		err_clear(e);
	return rc;
}

int
cert_key_check(struct reg *r, const char *keyfile, struct err *e)
{
	struct regkey k;
	int rc;

	if (regkey_load(keyfile, &k, e) != 0)
		return -1;
	rc = cert_key_usable(r, &k, e);
	regkey_wipe(&k);
	return rc;
}

/* Loads the key file's key and publishes its public half. */
int
cert_key_load(struct reg *r, const char *keyfile, struct err *e)
{
	struct regkey *k;

	if (r->key != NULL)
		return 0;
	/* sodium_malloc aborts before sodium_init: this may be the first call
	 * into the library (a password reset loads the key first). */
	if (sodium_init() < 0)
		return err_set(e, ERR_SYSTEM, NULL, "crypto.init", NULL);
	if ((k = sodium_malloc(sizeof *k)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
	if (regkey_load(keyfile, k, e) != 0 || key_publish(r, k, e) != 0) {
		regkey_wipe(k);
		sodium_free(k);
		return -1;
	}
	r->key = k;
	return 0;
}

/* A "signing_key.ID" entry's value ("HEX CREATED") as a key; -1 if damaged. */
static int
key_entry(const char *id, const char *value, struct keyring_key *k)
{
	char line[2 * KEYRING_LINE_SIZE];

	if (strlen(id) > 3 || strlen(value) >= KEYRING_LINE_SIZE)
		return -1;
	snprintf(line, sizeof line, "%s %s", id, value);
	return keyring_parse(line, k);
}

int
cert_key_lookup(uint8_t key_id, uint8_t pk[32], int64_t *created, void *arg)
{
	char id[4], name[32], value[128];
	struct keyring_key k;
	struct err e;

	snprintf(id, sizeof id, "%u", key_id);
	snprintf(name, sizeof name, "signing_key.%s", id);
	if (meta_get(arg, name, value, sizeof value, &e) != 0 ||
	    key_entry(id, value, &k) != 0)
		return -1;
	memcpy(pk, k.pk, 32);
	*created = k.created;
	return 0;
}

static const char ring_sql[] = "SELECT key, value FROM meta"
    " WHERE substr(key, 1, 12) = 'signing_key.' AND key <> 'signing_key.current'";

static int
ring_row(struct db_stmt *st, void *arg)
{
	const char *value = db_col_text(st, 1);
	struct keyring_key k;

	/* A damaged entry names no key; the current one must still be found. */
	return value == NULL || key_entry(db_col_text(st, 0) + 12, value, &k) != 0 ?
	    0 : keyring_add(arg, &k);
}

static int
ring_order(const void *a, const void *b)
{
	const struct keyring_key *x = a, *y = b;

	return (int)x->id - (int)y->id;
}

int
cert_key_ring(struct reg *r, struct keyring *ring, unsigned *current,
    struct err *e)
{
	char id[16];
	struct db_stmt *st;

	ring->n = 0;
	if (meta_get(r, "signing_key.current", id, sizeof id, e) != 0)
		return -1;
	if ((st = db_prepare(r->db, ring_sql, e)) == NULL)
		return -1;
	if (db_rows(st, ring_row, ring, "signing keys", e) != 0)
		return -1;
	qsort(ring->v, (size_t)ring->n, sizeof ring->v[0], ring_order);
	*current = (unsigned)strtoul(id, NULL, 10);
	if (ring->n == 0 || keyring_by_id(ring, *current) == NULL)
		return err_set(e, ERR_NOTFOUND, NULL, "regkey.missing", NULL);
	return 0;
}

/*
 * Inside the rotation's transaction, under the chain's lock: the key file's
 * key must still be the newest (a rotation elsewhere at the same moment took
 * the next id first: refused, the key file untouched), then the next id's key
 * is staged in tmp and published with its event. On failure tmp is gone.
 */
static int
key_rotate_tx(struct reg *r, const char *keyfile, const char *actor,
    struct regkey *k, char *tmp, struct err *e)
{
	if (evlog_lock(r, e) != 0)
		return -1;
	if (cert_key_usable(r, r->key, e) != 0)
		return e->kind != ERR_RULE ? -1 : err_set(e, ERR_CONFLICT,
		    "key_file", "regkey.rotated_meanwhile", NULL);
	/* Ids are never reused: a code names its key by id alone. */
	if (r->key->key_id == 255)
		return err_set(e, ERR_RULE, NULL, "regkey.ids_used", NULL);
	if (regkey_stage(keyfile, r->key->key_id + 1, k, tmp, REGKEY_PATH_MAX,
	    e) != 0)
		return -1;
	if (key_put(r, k, actor, e) == 0)
		return 0;
	unlink(tmp);
	return -1;
}

/* Commits the rotation. A lost link may have taken the commit or not: tmp is
 * then kept (it may hold the only copy of a published key's secret) and the
 * error names it. */
static int
key_rotate_commit(struct reg *r, const char *tmp, struct err *e)
{
	if (db_commit(r->db, e) == 0)
		return 0;
	if (e->kind == ERR_SYSTEM && strcmp(e->key, "reg.unreachable") == 0)
		return err_set(e, ERR_SYSTEM, "key_file", "regkey.unconfirmed", "%s",
		    tmp);
	unlink(tmp);
	return -1;
}

/*
 * The order keeps every key file's public half published and every published
 * key's secret somewhere: the new key is written to a temporary file, its
 * public half published and committed, and only then renamed over the key
 * file. A crash before the commit leaves a stray temporary file and the old
 * key current; a crash or failed rename after it leaves the new secret in the
 * temporary file ("regkey.not_installed" names it), to be moved over the key
 * file by hand.
 */
int
cert_key_rotate(struct reg *r, const char *keyfile, const char *actor,
    struct keyring_key *made, struct err *e)
{
	char tmp[REGKEY_PATH_MAX];
	struct regkey *k;
	int rc;

	if (cert_key_load(r, keyfile, e) != 0)
		return -1;
	if ((k = sodium_malloc(sizeof *k)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
	rc = db_begin(r->db, e);
	if (rc == 0 && (rc = key_rotate_tx(r, keyfile, actor, k, tmp, e)) != 0)
		db_rollback(r->db);
	if (rc != 0 || key_rotate_commit(r, tmp, e) != 0) {
		regkey_wipe(k);
		sodium_free(k);
		return -1;
	}
	regkey_wipe(r->key);
	sodium_free(r->key);
	r->key = k;
	r->pub.n = 0;
	made->id = k->key_id;
	memcpy(made->pk, k->pk, 32);
	made->created = k->created;
	return regkey_install(tmp, keyfile, e);
}

void
cert_key_remember(struct reg *r)
{
	struct keyring *ring;
	unsigned current;
	struct err e;
	int64_t now = clock_now();

	if (r->pub.n > 0 && now >= r->pub_checked &&
	    now - r->pub_checked < REG_CLOCK_RECHECK)
		return;
	r->pub_checked = now;
	if ((ring = malloc(sizeof *ring)) == NULL)
		return;
	if (cert_key_ring(r, ring, &current, &e) == 0)
		r->pub = *ring;
	free(ring);
}
