/*
 * cert-key.c: the registry's signing keys: publishing the key file's public
 * half, rotating to a new key, and the ring of every key's public half.
 *
 * The secret half of the current key lives in the key file only (regkey.h);
 * the registry's meta table holds each key's public half as "signing_key.N"
 * ("HEX CREATED") and the current one's id as "signing_key.current". A
 * rotation writes a new key file over the old and publishes the new half; the
 * retired halves stay, so that whatever they signed (codes, holder
 * certificates, signatures, checkpoints) still checks, each naming its key.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The public half goes into the registry so that every station can check
 * signatures; the secret half stays in the key file. A rotation's event
 * (actor not NULL) is in the same transaction. */
static int
key_publish(struct reg *r, const struct regkey *k, const char *actor,
    struct err *e)
{
	char name[32], value[2 * 32 + 32];

	snprintf(name, sizeof name, "signing_key.%u", k->key_id);
	sodium_bin2hex(value, 65, k->pk, sizeof k->pk);
	snprintf(value + 64, sizeof value - 64, " %lld", (long long)k->created);
	if (db_begin(r->db, e) != 0)
		return -1;
	return db_end(r->db, meta_put(r, name, value, e) != 0 ||
	    meta_put(r, "signing_key.current", name + strlen("signing_key."),
	    e) != 0 || (actor != NULL && evlog_append(r, actor, "key.rotated",
	    name + strlen("signing_key."), value, e) != 0), e);
}

int
cert_key_init(struct reg *r, const char *keyfile, int *created, struct err *e)
{
	*created = 0;
	if (regkey_create(keyfile, 1, e) == 0)
		*created = 1;
	else if (e->kind != ERR_CONFLICT)
		return -1;
	return cert_key_load(r, keyfile, e);
}

/* Loads the key file's key and publishes its public half. */
int
cert_key_usable(struct reg *r, const struct regkey *k, struct err *e)
{
	struct keyring *ring;
	unsigned current;
	int rc = 0;

	if ((ring = malloc(sizeof *ring)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
	/* A new registry has published no key yet. */
	if (cert_key_ring(r, ring, &current, e) != 0)
		rc = e->kind == ERR_NOTFOUND ? 0 : -1;
	else if (ring->v[ring->n - 1].id > k->key_id)
		rc = err_set(e, ERR_RULE, "key_file", "regkey.retired", "key %u",
		    k->key_id);
	free(ring);
	if (rc == 0)
		err_clear(e);
	return rc;
}

static int
key_load(struct reg *r, const char *keyfile, const char *actor, struct err *e)
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
	if (regkey_load(keyfile, k, e) != 0 || cert_key_usable(r, k, e) != 0 ||
	    key_publish(r, k, actor, e) != 0) {
		regkey_wipe(k);
		sodium_free(k);
		return -1;
	}
	r->key = k;
	return 0;
}

int
cert_key_load(struct reg *r, const char *keyfile, struct err *e)
{
	return key_load(r, keyfile, NULL, e);
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

int
cert_key_rotate(struct reg *r, const char *keyfile, const char *actor,
    struct keyring_key *made, struct err *e)
{
	struct keyring *ring;
	unsigned current;
	int rc;

	if (cert_key_load(r, keyfile, e) != 0)
		return -1;
	if ((ring = malloc(sizeof *ring)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
	rc = cert_key_ring(r, ring, &current, e);
	/* Ids are never reused: a code names its key by id alone. */
	if (rc == 0 && ring->v[ring->n - 1].id == 255)
		rc = err_set(e, ERR_RULE, NULL, "regkey.ids_used", NULL);
	if (rc == 0)
		rc = regkey_replace(keyfile, ring->v[ring->n - 1].id + 1, e);
	free(ring);
	if (rc != 0)
		return -1;
	regkey_wipe(r->key);
	sodium_free(r->key);
	r->key = NULL;
	r->pub.n = 0;
	if (key_load(r, keyfile, actor, e) != 0)
		return -1;
	made->id = r->key->key_id;
	memcpy(made->pk, r->key->pk, 32);
	made->created = r->key->created;
	return 0;
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
