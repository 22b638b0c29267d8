/*
 * cert-private.h: what the lifecycle's files (cert.c, cert-holder.c,
 * cert-verify.c) share. Each function runs inside the caller's transaction.
 */
#ifndef JSD_CERT_PRIVATE_H
#define JSD_CERT_PRIVATE_H

#include "cert.h"
#include "reg-private.h"

struct regkey;

struct token_row {
	int64_t		 id;
	enum code_kind	 kind;
	int64_t		 cert_id;
	int64_t		 holder_id;
	int64_t		 authz_id;
	char		 app_number[REG_APPNO_SIZE];
	char		 system[CERT_SYSTEM_SIZE];
	int64_t		 expires_at;
	int64_t		 used_at;
	int64_t		 used_by;
	int64_t		 voided_at;
};

/* A key file may sign only with the newest key id the registry knows: a
 * station still holding a retired key (the rotation was made elsewhere) must
 * not sign again, nor move "current" back (ERR_RULE "regkey.retired"); and
 * only with the key published under its id, which is never replaced
 * (ERR_CONFLICT "regkey.differs"). */
int	cert_key_usable(struct reg *, const struct regkey *, struct err *);
/* pcode_key_cb over the registry's keys (arg is the struct reg). */
int	cert_key_lookup(uint8_t key_id, uint8_t pk[32], int64_t *created,
	    void *arg);
/* Keeps the keys' public halves in r->pub while the registry answers, so that
 * a counter that loses its link still checks signed QR codes offline (and
 * says so). Refreshed at most every REG_CLOCK_RECHECK seconds. */
void	cert_key_remember(struct reg *);

/* Makes a token of kind, stores its hash bound to what it is for, writes its text. */
int	cert_token_new(struct reg *, enum code_kind, int64_t cert_id,
	    int64_t holder_id, int64_t authz_id, const char *appno, const char *system,
	    const char *created_by, char *text, size_t len, struct err *);
/* Finds the token behind a scanned text and checks it can be used now: kind
 * expected, not used, not voided, not expired. The refusal's key says which. */
int	cert_token_take(struct reg *, const char *text, enum code_kind expected,
	    struct token_row *, struct err *);
int	cert_token_mark_used(struct reg *, int64_t id, int64_t by, struct err *);
/* Voids the unused tokens bound to a holder (and, if authz_id, to it). */
int	cert_token_void_holder(struct reg *, int64_t holder_id, struct err *);

int	cert_holder_insert(struct reg *, int64_t cert_id, enum holder_role,
	    const char *name, const char *id_number, const char *phone,
	    int64_t added_by, int64_t *id, struct err *);
/* A holder me may act on and see; "unknown" for one it may not, so that ids of
 * other institutions' people are not confirmed. */
int	cert_person_get(struct reg *, const struct holder *me, int64_t id,
	    struct holder *, struct err *);
int	cert_holder_read(struct reg *, int64_t id, struct holder *, struct err *);
int	cert_holder_set_status(struct reg *, int64_t id, enum holder_status,
	    struct err *);
/* Stores a new random secret's hash for a holder and makes it active. */
int	cert_holder_activate(struct reg *, int64_t id,
	    uint8_t secret[CERT_SECRET_BYTES], struct err *);
/* An authorization from a row of id, cert_id, user_id, granted_by, matters,
 * starts_at, ends_at and status; an active one past its end as lapsed. */
void	cert_authz_row(struct db_stmt *, struct authz *, int64_t now);
int	cert_status_of(struct reg *, int64_t cert_id, enum cert_status *, struct err *);
/* Writes one event naming the certificate by its credit code. */
int	cert_event(struct reg *, int64_t cert_id, const char *actor, const char *kind,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* "holder:<id>" */
void	cert_actor(int64_t holder_id, char *buf, size_t len);
/* Logs a refused attempt in a transaction of its own (the attempt's own was
 * rolled back), keeping e as it was. */
void	cert_log_refusal(struct reg *, const char *kind, const char *subject,
	    const struct err *);
int	cert_change_add(struct reg *, int64_t cert_id, const char *kind,
	    const char *detail, const char *actor, struct err *);
/* A usage record (verify, scan_login, sign) at this station, now. */
int	cert_usage_add(struct reg *, const char *kind, int64_t cert_id,
	    int64_t holder_id, int64_t presented_id, const char *system,
	    const char *via, const char *outcome, struct err *);
/* Steps st (columns as cert_records' and cert_changes' queries) to the end
 * or until cb stops, then resets it. */
int	cert_usage_rows(struct reg *, struct db_stmt *, cert_usage_cb, void *,
	    struct err *);
int	cert_change_rows(struct reg *, struct db_stmt *, cert_change_cb, void *,
	    struct err *);
/* The certificate of an institution: *id 0 when it has none. */
int	cert_by_code(struct reg *, const char *code, int64_t *id, int *active,
	    struct err *);
/* The change records an update of an institution's register row makes when
 * it has a certificate (cert-change.c; import.c writes them too). */
int	cert_change_register_tx(struct reg *, const struct institution *old,
	    const struct institution *in, const char *actor, struct err *);
/* SMS codes (cert-holder.c): a new 6-digit code for the holder, voiding its
 * unused ones of the same purpose; phone "" for a password reset, else the
 * new phone a phone change sends it to. The check: 0 the code is right (and
 * used now), 1 wrong (the attempt counted: commit), -1 refused (e). */
int	cert_sms_insert(struct reg *, const struct holder *, const char *code,
	    const char *phone, struct err *);
int	cert_sms_check(struct reg *, int64_t holder_id, const char *code,
	    const char *phone, struct err *);
/* Sets an active holder's phone and writes its change record. */
int	cert_change_phone_tx(struct reg *, int64_t holder_id, const char *phone,
	    const char *actor, struct err *);

/* A presented code's row, as its check read it (cert-verify.c). */
struct presented_row {
	int64_t		 id;
	int64_t		 cert_id;
	int64_t		 holder_id;
	int64_t		 expires_at;
};
/* What the checks of a batch found, for its records, which may be written on
 * another connection (cert-pipe.c). */
struct verify_checked {
	struct presented_row	p[CERT_VERIFY_BATCH_MAX];
	int			checked[CERT_VERIFY_BATCH_MAX];
	int			clock_ok;
	int			guesses;	/* codes that named nothing */
};
/* cert_verify_batch() in two halves. The checks, read only, pending guesses
 * not yet committed counting as the batch's own: 0 when the batch is to be
 * recorded, -1 when it failed whole (its items are final). */
int	cert_verify_check_batch(struct reg *, struct verify_item *, int n,
	    const char *matter, int pending, struct verify_checked *);
/* The records of a batch checked on this registry, maybe on another
 * connection, its items maybe from several bursts checked apart (their
 * checks' findings put together in the same order): final on return. */
void	cert_verify_record_batch(struct reg *, struct verify_item *const *,
	    int n, const char *matter, const struct verify_checked *);

#endif
