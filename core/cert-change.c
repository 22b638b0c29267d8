/*
 * cert-change.c: the registration authority's changes that change something:
 * an institution's name, its legal representative, a holder's phone (at the
 * counter after an identity check, or by the holder with a code sent to the
 * new phone).
 *
 * Each writes the new values and its change record in one transaction, so the
 * next verification shows what the record says. A legal-representative change
 * touches the register only: the FRP stays who it is (an FRP change is its own
 * form, cert-claim.c). An import that changes an institution's name or legal
 * representative writes the same records (import.c calls
 * cert_change_register_tx). A change record's detail is shown to holders: it
 * names the new name or representative, never an ID number, and a phone only
 * masked.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cert-private.h"
#include "clock.h"
#include "evlog.h"
#include "idcheck.h"

/* Each change the update of one institution makes. */
int
cert_change_register_tx(struct reg *r, const struct institution *old,
    const struct institution *in, const char *actor, struct err *e)
{
	int64_t id;
	int active;

	if (cert_by_code(r, in->credit_code, &id, &active, e) != 0)
		return -1;
	if (id == 0)
		return 0;
	if (strcmp(old->name, in->name) != 0 &&
	    cert_change_add(r, id, "name_change", in->name, actor, e) != 0)
		return -1;
	if ((strcmp(old->legal_rep_name, in->legal_rep_name) != 0 ||
	    strcmp(old->legal_rep_id, in->legal_rep_id) != 0 ||
	    strcmp(old->legal_rep_phone, in->legal_rep_phone) != 0) &&
	    cert_change_add(r, id, "legal_rep_change", in->legal_rep_name, actor,
	    e) != 0)
		return -1;
	return 0;
}

/* The certificate of code, which must be active for the authority to act. */
static int
change_cert(struct reg *r, const char *code, int64_t *id, struct err *e)
{
	int active;

	if (cert_by_code(r, code, id, &active, e) != 0)
		return -1;
	if (*id == 0)
		return err_set(e, ERR_NOTFOUND, "credit_code", "cert.none", NULL);
	if (!active)
		return err_set(e, ERR_RULE, "credit_code", "cert.not_active", NULL);
	return 0;
}

/* Rewrites the register's row with what the change gives (a NULL leaves a
 * field as it is), and its change records. */
struct change_inst {
	const char	*name;
	const char	*rep_name;
	const char	*rep_id;
	const char	*rep_phone;
};

static void
change_copy(char *dst, size_t len, const char *src)
{
	if (src != NULL)
		snprintf(dst, len, "%s", src);
}

static int
change_inst_tx(struct reg *r, const char *code, const struct change_inst *c,
    const char *actor, struct err *e)
{
	struct institution old, in;
	int64_t id;
	int added;

	if (change_cert(r, code, &id, e) != 0 || reg_inst_get(r, code, &old, e) != 0)
		return -1;
	in = old;
	change_copy(in.name, sizeof in.name, c->name);
	change_copy(in.legal_rep_name, sizeof in.legal_rep_name, c->rep_name);
	change_copy(in.legal_rep_id, sizeof in.legal_rep_id, c->rep_id);
	change_copy(in.legal_rep_phone, sizeof in.legal_rep_phone, c->rep_phone);
	idcheck_normalize_id(in.legal_rep_id);
	if (memcmp(&old, &in, sizeof in) == 0)
		return err_set(e, ERR_RULE, c->name != NULL ? "name" : "rep_name",
		    "cert.change_same", NULL);
	if (reg_inst_put_tx(r, &in, 1, &added, e) != 0)
		return -1;
	return cert_change_register_tx(r, &old, &in, actor, e);
}

static int
change_inst(struct reg *r, const char *code, const struct change_inst *c,
    const char *actor, struct err *e)
{
	if (db_begin(r->db, e) != 0)
		return -1;
	return db_end(r->db, change_inst_tx(r, code, c, actor, e), e);
}

int
cert_change_name(struct reg *r, const char *code, const char *name,
    const char *actor, struct err *e)
{
	struct change_inst c = { .name = name };

	return change_inst(r, code, &c, actor, e);
}

int
cert_change_legal_rep(struct reg *r, const char *code, const char *name,
    const char *id_number, const char *phone, const char *actor, struct err *e)
{
	struct change_inst c = { .rep_name = name, .rep_id = id_number,
	    .rep_phone = phone };

	return change_inst(r, code, &c, actor, e);
}

/* --- a holder's phone --- */

static const char change_phone_sql[] =
    "UPDATE holder SET phone = ?2 WHERE id = ?1";
/* Codes sent to the old phone stop working with it. */
static const char change_phone_void_sql[] =
    "UPDATE token SET voided_at = ?2 WHERE holder_id = ?1 AND kind = 'sms'"
    " AND used_at IS NULL AND voided_at IS NULL";

static int
change_phone_run(struct reg *r, const char *sql, int64_t id, const char *phone,
    struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(r->db, sql, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	if (phone != NULL)
		db_bind_text(st, 2, phone);
	else
		db_bind_int64(st, 2, clock_now());
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : db_err(r->db, e, "holder phone");
}

int
cert_change_phone_tx(struct reg *r, int64_t holder_id, const char *phone,
    const char *actor, struct err *e)
{
	char detail[REG_PERSON_SIZE + REG_PHONE_SIZE + 2];
	struct holder h;
	const char *key;

	if ((key = idcheck_mobile(phone)) != NULL)
		return err_set(e, ERR_INPUT, "phone", key, NULL);
	if (cert_holder_read(r, holder_id, &h, e) != 0)
		return -1;
	if (h.status != HOLDER_ACTIVE)
		return err_set(e, ERR_RULE, "person", "holder.not_active", NULL);
	if (strcmp(h.phone, phone) == 0)
		return err_set(e, ERR_RULE, "phone", "cert.change_same", NULL);
	if (change_phone_run(r, change_phone_sql, holder_id, phone, e) != 0 ||
	    change_phone_run(r, change_phone_void_sql, holder_id, NULL, e) != 0)
		return -1;
	snprintf(detail, sizeof detail, "%s %.3s****%s", h.name, phone, phone + 7);
	return cert_change_add(r, h.cert_id, "phone_change", detail, actor, e);
}

/* The holder must be one of this certificate's, and its identity checked at
 * the counter by the platform's policy (idplat.h); a refused check is logged
 * and changes nothing. */
static int
change_phone_counter_tx(struct reg *r, const char *code, int64_t holder_id,
    const char *phone, const char *actor, struct err *e)
{
	struct holder h;
	int64_t id;

	if (change_cert(r, code, &id, e) != 0 ||
	    cert_holder_read(r, holder_id, &h, e) != 0)
		return -1;
	if (h.cert_id != id)
		return err_set(e, ERR_NOTFOUND, "person", "holder.unknown", NULL);
	return cert_change_phone_tx(r, holder_id, phone, actor, e);
}

int
cert_change_phone(struct reg *r, const char *code, int64_t holder_id,
    const char *phone, const struct idplat_check *idc, const char *actor,
    struct err *e)
{
	char kind[EVLOG_KIND_SIZE];
	struct err le;

	snprintf(kind, sizeof kind, "idcheck.%s", idplat_outcome_name(idc->outcome));
	if (!idplat_passed(idc)) {
		evlog_append_tx(r, actor, kind, code, "phone_change", &le);
		return err_set(e, ERR_RULE, "person", idc->key, NULL);
	}
	if (db_begin(r->db, e) != 0)
		return -1;
	return db_end(r->db,
	    evlog_append(r, actor, kind, code, "phone_change", e) != 0 ||
	    change_phone_counter_tx(r, code, holder_id, phone, actor, e) != 0, e);
}

/* --- a holder changes its own phone, confirmed from the new one --- */

int
cert_phone_code(struct reg *r, const struct holder *me, const char *phone,
    char code[7], struct err *e)
{
	const char *key;

	if ((key = idcheck_mobile(phone)) != NULL)
		return err_set(e, ERR_INPUT, "phone", key, NULL);
	if (strcmp(me->phone, phone) == 0)
		return err_set(e, ERR_RULE, "phone", "cert.change_same", NULL);
	snprintf(code, 7, "%06u", (unsigned)randombytes_uniform(1000000));
	if (db_begin(r->db, e) != 0)
		return -1;
	if (cert_sms_insert(r, me, code, phone, e) != 0) {
		db_rollback(r->db);
		sodium_memzero(code, 7);
		return -1;
	}
	return db_commit(r->db, e);
}

int
cert_phone_confirm(struct reg *r, const struct holder *me, const char *phone,
    const char *code, struct err *e)
{
	const char *key;
	char actor[32];
	int rc;

	if ((key = idcheck_mobile(phone)) != NULL)
		return err_set(e, ERR_INPUT, "phone", key, NULL);
	if (db_begin(r->db, e) != 0)
		return -1;
	if ((rc = cert_sms_check(r, me->id, code, phone, e)) > 0 &&
	    db_commit(r->db, e) == 0)
		return err_set(e, ERR_RULE, "code", "sms.wrong_code", NULL);
	cert_actor(me->id, actor, sizeof actor);
	if (rc != 0 || cert_change_phone_tx(r, me->id, phone, actor, e) != 0) {
		db_rollback(r->db);
		return -1;
	}
	return db_commit(r->db, e);
}
