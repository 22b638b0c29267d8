/*
 * cert-declare.c: the download declaration (6.3 2) and the details the
 * downloader confirms before it.
 *
 * The declaration's text is a versioned file in assets/declaration, compiled
 * in (so a program always shows the text of the version it records) and
 * installed beside the other data for anyone to read. A new wording is a new
 * version, never an edit of a released one: a holder's row names the version
 * it accepted, and that must keep meaning the same words.
 *
 * The details come from the QR before it is used: reading them takes the
 * token in a transaction that is rolled back, so a refused QR stays as it
 * was and the claim or redeem that follows refuses it again, with its log
 * record.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cert-declare.h"
#include "cert-private.h"
#include "idcheck.h"

extern const char cert_declare_v1_zh_CN[];
extern const char cert_declare_v1_en[];

const char *
cert_declare_text(enum msg_lang lang)
{
	return lang == MSG_EN ? cert_declare_v1_en : cert_declare_v1_zh_CN;
}

static int
peek_tx(struct reg *r, const char *token, enum code_kind kind,
    struct cert_download *d, struct err *e)
{
	struct token_row t;
	struct holder h;
	struct institution inst;

	if (cert_token_take(r, token, kind, &t, e) != 0 ||
	    cert_holder_read(r, t.holder_id, &h, e) != 0 ||
	    cert_code_of(r, h.cert_id, d->credit_code, e) != 0 ||
	    reg_inst_get(r, d->credit_code, &inst, e) != 0)
		return -1;
	snprintf(d->inst_name, sizeof d->inst_name, "%s", inst.name);
	snprintf(d->name, sizeof d->name, "%s", h.name);
	d->role = h.role;
	idcheck_mask_id(h.phone, d->phone_masked, sizeof d->phone_masked);
	d->fresh = h.status == HOLDER_PENDING;
	return 0;
}

int
cert_declare_peek(struct reg *r, const char *token, enum code_kind kind,
    struct cert_download *d, struct err *e)
{
	int rc;

	memset(d, 0, sizeof *d);
	if (db_begin(r->db, e) != 0)
		return -1;
	rc = peek_tx(r, token, kind, d, e);
	db_rollback(r->db);
	return rc;
}

int
cert_declare_check(const struct cert_seal *seal, struct err *e)
{
	if (seal->declaration == NULL ||
	    strcmp(seal->declaration, CERT_DECLARE_VERSION) != 0)
		return err_set(e, ERR_RULE, "declaration", "claim.declaration", NULL);
	return 0;
}

static const char declare_set_sql[] =
    "UPDATE holder SET declaration = ?2 WHERE id = ?1";

int
cert_declare_record(struct reg *r, const struct holder *h, const char *version,
    struct err *e)
{
	struct db_stmt *st = db_prepare(r->db, declare_set_sql, e);
	char actor[32];
	int done;

	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, h->id);
	db_bind_text(st, 2, version);
	done = db_step(st) == DB_DONE;
	db_reset(st);
	cert_actor(h->id, actor, sizeof actor);
	if (!done)
		return db_err(r->db, e, "holder declaration");
	return cert_event(r, h->cert_id, actor, "declaration.accepted",
	    "holder=%lld version=%s", (long long)h->id, version);
}
