/*
 * cert.h: the certificate lifecycle, every rule of the manual's chapter 6.
 *
 * The counter approves an application and shows a claim QR; the FRP claims the
 * certificate with it; the FRP adds up to 3 managers; managers add users and
 * grant them authorizations; holders present codes; anyone verifies them. A
 * holder proves itself to the registry with the secret in its wallet (wallet.h),
 * whose hash the registry keeps. Every check of a 5-minute lifetime reads
 * clock_now(). Each change is one transaction with its event (evlog.h).
 */
#ifndef JSD_CERT_H
#define JSD_CERT_H

#include <stddef.h>
#include <stdint.h>

#include "code.h"
#include "err.h"
#include "idplat.h"
#include "keyring.h"
#include "reg.h"
#include "sign.h"

#define CERT_TOKEN_LIFETIME	300	/* claim, authorization, login QRs; SMS codes */
#define CERT_CODE_LIFETIME	300	/* presented QR, barcode, digits */
#define CERT_MAX_MANAGERS	3	/* besides the FRP */
#define CERT_SECRET_BYTES	32
#define CERT_MATTERS_SIZE	256
#define CERT_MAX_AUTHZ_SHOWN	8
#define CERT_SYSTEM_CHARS	20	/* an application system's name */
#define CERT_SYSTEM_SIZE	(CERT_SYSTEM_CHARS * 3 + 5)	/* < EVLOG_ACTOR_SIZE */
/* Guessing typed and barcode codes is slowed, never refused (cert-verify.c
 * gives the figures): failed lookups are counted over CERT_FAIL_WINDOW; after a
 * station's n-th, its next typed lookup waits CERT_STATION_DELAY << (n - 1)
 * seconds (at most CERT_STATION_DELAY_MAX); beyond CERT_CITY_BUDGET failures
 * city-wide, every station waits CERT_CITY_DELAY after each further one. */
#define CERT_FAIL_WINDOW	3600
#define CERT_STATION_DELAY	2
#define CERT_STATION_DELAY_MAX	900
#define CERT_CITY_BUDGET	100
#define CERT_CITY_DELAY		30
#define CERT_PW_MAX_FAILED	6

enum holder_role { ROLE_FRP, ROLE_MANAGER, ROLE_USER };
enum holder_status { HOLDER_PENDING, HOLDER_ACTIVE, HOLDER_DELETED, HOLDER_SUPERSEDED };
enum authz_status { AUTHZ_PENDING, AUTHZ_ACTIVE, AUTHZ_CANCELLED, AUTHZ_VOIDED,
	AUTHZ_LAPSED /* active, but its end has passed: computed, never stored */ };
enum cert_status { CERT_ACTIVE, CERT_CANCELLED, CERT_DELETED };
enum present_kind { PRESENT_QR, PRESENT_BARCODE, PRESENT_DIGITS };

struct holder {
	int64_t			 id;
	int64_t			 cert_id;
	enum holder_role	 role;
	enum holder_status	 status;
	char			 name[REG_PERSON_SIZE];
	char			 id_number[REG_ID_SIZE];
	char			 phone[REG_PHONE_SIZE];
	int64_t			 added_by;	/* 0 for the FRP */
	int64_t			 created_at;
	int64_t			 redeemed_at;
	int			 pw_failed;
	int			 pw_locked;
};

struct authz {
	int64_t			 id;
	int64_t			 cert_id;
	int64_t			 user_id;
	int64_t			 granted_by;
	char			 matters[CERT_MATTERS_SIZE];	/* comma-separated */
	int64_t			 starts_at;
	int64_t			 ends_at;
	enum authz_status	 status;
};

enum verify_outcome {
	VERIFY_VALID, VERIFY_MALFORMED, VERIFY_FORGED, VERIFY_EXPIRED,
	VERIFY_NOT_YET_VALID, VERIFY_CLOCK_SUSPECT, VERIFY_UNKNOWN_KEY,
	VERIFY_REVOKED, VERIFY_UNKNOWN, VERIFY_WRONG_KIND, VERIFY_TYPO,
	VERIFY_RATE_LIMITED, VERIFY_LAPSED, VERIFY_NOT_FOR_MATTER,
};
#define VERIFY_NOUTCOMES	(VERIFY_NOT_FOR_MATTER + 1)

struct verify_result {
	enum verify_outcome	 outcome;
	enum code_kind		 kind;		/* what the text looked like */
	int			 live;		/* checked against the registry */
	/* Filled only when valid or not for the matter asked: */
	struct institution	 inst;
	struct holder		 presenter;
	struct authz		 authz[CERT_MAX_AUTHZ_SHOWN];	/* a user's, in force */
	int			 nauthz;
	int64_t			 expires_at;
	/* The same code verified before at another station: */
	int			 seen_before;
	char			 seen_station[REG_STATION_SIZE];
	int64_t			 seen_at;
	int64_t			 retry_after;	/* when rate limited */
};

typedef int (*cert_holder_cb)(const struct holder *, void *);
typedef int (*cert_authz_cb)(const struct authz *, void *);

struct usage {
	int64_t			 at;
	char			 kind[16];	/* verify, scan_login, sign */
	int64_t			 holder_id;
	char			 holder_name[REG_PERSON_SIZE];
	char			 station[REG_STATION_SIZE];
	char			 system[CERT_SYSTEM_SIZE];
	char			 via[16];
	char			 outcome[24];
};

struct change {
	int64_t			 at;
	char			 kind[24];
	char			 detail[REG_REMARK_SIZE];
	char			 actor[64];
};

typedef int (*cert_usage_cb)(const struct usage *, void *);
typedef int (*cert_change_cb)(const struct change *, void *);

struct login_status {
	int			 state;		/* 0 waiting, 1 logged in, 2 expired */
	char			 system[CERT_SYSTEM_SIZE];
	struct institution	 inst;
	struct holder		 holder;
};

/* --- counter --- */

/* Approves a submitted application (or, asked again, replaces its unclaimed claim
 * QR): writes the FRP into the registry, voids any earlier claim QR of it and
 * makes a new one, valid CERT_TOKEN_LIFETIME seconds. id is the identity check
 * of the FRP (idplat_check()); one that did not pass is logged and refuses. */
int	cert_approve(struct reg *, const char *appno, const char *staff,
	    const struct idplat_check *id, char *token, size_t tokenlen,
	    int64_t *expires, struct err *);
int	cert_reject(struct reg *, const char *appno, const char *staff,
	    const char *reason, struct err *);
/* For the counter screen: 0 waiting, 1 claimed, 2 expired or voided. */
int	cert_claim_state(struct reg *, const char *appno, int *state, struct err *);

/* What a kiosk takes: whether the counter could approve a form of this kind
 * for this institution at all (a change form needs a certificate; a claim
 * needs none claimed; a cancelled certificate takes neither). ERR_RULE with a
 * key that says what to do instead. */
int	cert_app_check(struct reg *, const char *credit_code, enum app_kind,
	    struct err *);
/* reg_app_check, cert_app_check, then reg_app_submit. */
int	cert_app_submit(struct reg *, const struct app_form *, struct application *,
	    struct err *);

#define CERT_LOOKUP_WINDOW	600	/* failed status lookups per station: */
#define CERT_LOOKUP_MAX		5	/* this many in this many seconds */

/* What an applicant is told of an application: nothing personal. */
struct app_view {
	char			 number[REG_APPNO_SIZE];
	enum app_kind		 kind;
	enum app_status		 status;
	int			 claimed;	/* approved and the claim QR used */
	char			 reject_reason[REG_REMARK_SIZE];
};

/* An application's status for whoever has its number and the last four
 * digits of the phone on the form. A wrong pair is "app.lookup_failed"
 * (whether the number exists is not told) and is logged; after
 * CERT_LOOKUP_MAX of them in CERT_LOOKUP_WINDOW seconds at a station,
 * "app.lookup_limited" with the time to try again as detail. */
int	cert_app_status(struct reg *, const char *number, const char *phone_end,
	    struct app_view *, struct err *);

/* --- holders --- */

/*
 * Saves the wallet of a holder just made active, with the secret the registry
 * issued. Called inside the claim's (or redeem's) transaction, just before it
 * commits: the registry never records a claim whose wallet does not exist, and
 * a claim whose wallet cannot be saved is rolled back, its QR still usable.
 * The secret is wiped once it returns. A new wallet is a download, and a
 * download needs the download declaration accepted: declaration names the
 * version (cert-declare.h), NULL when it was not.
 */
struct cert_seal {
	int	(*save)(void *arg, const struct holder *,
		    const uint8_t secret[CERT_SECRET_BYTES], struct err *);
	void	*arg;
	const char *declaration;
};

/* Claims with a claim QR; the details must be the ones the counter wrote. The
 * seal saves the new wallet before the claim commits; fills the holder. */
int	cert_claim(struct reg *, const char *token, const char *name,
	    const char *id_number, const char *phone, const struct cert_seal *,
	    struct holder *, struct err *);
/* Redeems an authorization QR. me is the redeeming wallet's holder, or NULL for
 * someone without a wallet yet; then the seal saves the new wallet before the
 * redeem commits and *new_wallet is set. */
int	cert_redeem(struct reg *, const char *token, const struct holder *me,
	    const struct cert_seal *, int *new_wallet, struct holder *,
	    struct err *);
/* Whom an unused claim or authorization QR of kind is for, without taking
 * it: the wallet then knows whether it adds a certificate or acts as one it
 * holds. The refusals of cert_token_take. */
int	cert_token_peek(struct reg *, const char *token, enum code_kind,
	    int64_t *holder_id, int64_t *cert_id, struct err *);
/* The credit code of a certificate, by its id. */
int	cert_code_of(struct reg *, int64_t cert_id, char code[REG_CODE_SIZE],
	    struct err *);
/* Proves a wallet: the holder exists, is active, its certificate is active and
 * the secret is the one the registry issued. */
int	cert_auth(struct reg *, int64_t holder_id, const uint8_t secret[CERT_SECRET_BYTES],
	    struct holder *, struct err *);
/* Certificate password: the wallet checks it; the registry counts failures. */
int	cert_pw_state(struct reg *, int64_t holder_id, struct holder *, struct err *);
int	cert_pw_failed(struct reg *, int64_t holder_id, int *remaining, struct err *);
int	cert_pw_ok(struct reg *, int64_t holder_id, struct err *);
int	cert_pw_changed(struct reg *, int64_t holder_id, struct err *);
/* Password reset by SMS: makes a 6-digit code valid CERT_TOKEN_LIFETIME seconds
 * (the caller sends it to *phone); then checks it and issues a new secret. */
int	cert_sms_code(struct reg *, int64_t holder_id, char code[7],
	    char phone[REG_PHONE_SIZE], struct err *);
int	cert_sms_reset(struct reg *, int64_t holder_id, const char *code,
	    uint8_t secret[CERT_SECRET_BYTES], struct err *);

int	cert_add_manager(struct reg *, const struct holder *me, const char *name,
	    const char *id_number, const char *phone, const struct idplat_check *,
	    char *token, size_t tokenlen, struct holder *, struct err *);
int	cert_add_user(struct reg *, const struct holder *me, const char *name,
	    const char *id_number, const char *phone, const struct idplat_check *,
	    struct holder *, struct err *);
/* Grants an authorization (pending until the user redeems its QR). matters is a
 * comma-separated list of codes from allowed (NULL-terminated). */
int	cert_authorize(struct reg *, const struct holder *me, int64_t user_id,
	    const char *matters, const char *const *allowed, int64_t from, int64_t to,
	    char *token, size_t tokenlen, struct authz *, struct err *);
/* Shows an unredeemed QR again (a pending manager, user, or authorization). */
int	cert_show_qr(struct reg *, const struct holder *me, int64_t person_id,
	    char *token, size_t tokenlen, struct err *);
int	cert_cancel(struct reg *, const struct holder *me, int64_t authz_id,
	    struct err *);
int	cert_delete(struct reg *, const struct holder *me, int64_t person_id,
	    enum holder_role expected, struct err *);
/* What me may see: holders, then authorizations. */
int	cert_list(struct reg *, const struct holder *me, cert_holder_cb,
	    cert_authz_cb, void *, struct err *);
int	cert_records(struct reg *, const struct holder *me, cert_usage_cb, void *,
	    struct err *);
int	cert_changes(struct reg *, const struct holder *me, cert_change_cb, void *,
	    struct err *);
int	cert_get_holder(struct reg *, int64_t id, struct holder *, struct err *);

/* Authorizations lapse by time passing, with nobody acting: the first
 * process to notice one writes its event (auth.lapsed, naming when it really
 * ended) and marks it noted. Called before anything that shows or counts
 * authorizations. */
int	cert_note_lapses(struct reg *, struct err *);

/* --- codes --- */

int	cert_present(struct reg *, const struct holder *me, enum present_kind,
	    char *text, size_t textlen, int64_t *expires, struct err *);
/* Checks a code without recording anything (a preview, and the benchmark's
 * measure of the check alone). */
int	cert_check(struct reg *, const char *text, size_t len,
	    struct verify_result *, struct err *);
/* Verifies any scanned or typed text for a matter (NULL: any). A user's code
 * whose authorizations in force do not cover the matter is
 * VERIFY_NOT_FOR_MATTER; one whose authorization ended, VERIFY_LAPSED. Always
 * writes a usage record and an event naming the matter, unless the registry
 * cannot be reached: a signed QR is then checked offline with the public key
 * kept from when it could (v->live 0, nothing recorded), and any other code
 * fails with reg.unreachable. */
int	cert_verify(struct reg *, const char *text, size_t len, const char *matter,
	    struct verify_result *, struct err *);
/* One code of a batch: the text in; the verdict, or the error, out. */
struct verify_item {
	const char		*text;
	size_t			 len;
	char			 buf[CODE_TEXT_MAX * 4 + 1];	/* text folded */
	struct verify_result	 v;
	int			 rc;	/* what cert_verify would return */
	struct err		 e;
};
/* Most codes grouped in one transaction. */
#define CERT_VERIFY_BATCH_MAX	256
/* Verifies n codes (at most CERT_VERIFY_BATCH_MAX) as cert_verify does each,
 * with all their records in one transaction: one durable commit for the lot,
 * which is what lets a busy counter keep up. No verdict is final before that
 * commit returns, so a caller shows none before this returns. The checks
 * (read only) come before the write transaction; a code whose record is
 * refused sends the batch back to be done one code at a time, so one bad code
 * costs the others nothing. */
void	cert_verify_batch(struct reg *, struct verify_item *, int n,
	    const char *matter);
/* A stream of bursts verified while earlier ones are committed
 * (cert-pipe.c): a thread records them on a second connection to the
 * registry, those checked while it was busy together, and the caller checks
 * the next on its own. At most CERT_PIPE_DEPTH bursts are not final at once:
 * a caller keeps one more, to fill. */
#define CERT_PIPE_DEPTH	4
struct cert_pipe;
/* final, when not NULL, is called by the thread with each burst as it
 * becomes final, in the order they were pushed (a burst's buffers are the
 * caller's again once it returned). */
typedef void (*cert_pipe_cb)(void *arg, struct verify_item *, int n);
int	cert_pipe_open(struct reg *, cert_pipe_cb final, void *arg,
	    struct cert_pipe **, struct err *);
/* Checks n codes as cert_verify_batch() does and hands them over to be
 * recorded, waiting first while CERT_PIPE_DEPTH bursts are not final. */
void	cert_pipe_push(struct cert_pipe *, struct verify_item *, int n,
	    const char *matter);
/* How many of the bursts pushed are final (final told of them): the first
 * that many, in order. */
unsigned long cert_pipe_done(struct cert_pipe *);
/* Waits until every burst pushed is final. */
void	cert_pipe_wait(struct cert_pipe *);
/* Waits, stops the thread and closes its connection. */
void	cert_pipe_close(struct cert_pipe *);
/* A matter code's form (NULL passes): bounded, lower-case letters, digits and
 * _; ERR_INPUT "verify.matter_invalid" otherwise. */
int	cert_matter_ok(const char *matter, struct err *);
const char *cert_outcome_name(enum verify_outcome);
/* Checks a presented QR without the registry: signature and times only, with
 * the public keys given out by "jsdctl key" (the code's key_id picks one).
 * Fills presenter's ids and role and expires_at when the signature is good;
 * live is 0. */
int	cert_verify_offline(const char *text, size_t len, const struct keyring *,
	    struct verify_result *);

/* --- the signing keys (cert-key.c) --- */

/* Every key's public half, current and retired, by id; *current is the id of
 * the one that signs. */
int	cert_key_ring(struct reg *, struct keyring *, unsigned *current,
	    struct err *);
/* Retires the current key: a new one with the next id is written over the key
 * file and published, an event by actor records it; made is its public half.
 * ERR_RULE "regkey.ids_used" when id 255 was used. */
int	cert_key_rotate(struct reg *, const char *keyfile, const char *actor,
	    struct keyring_key *made, struct err *);

int	cert_login_qr(struct reg *, const char *system, char *token, size_t tokenlen,
	    struct err *);
int	cert_scan_login(struct reg *, const struct holder *me, const char *token,
	    char system[CERT_SYSTEM_SIZE], struct err *);
int	cert_login_status(struct reg *, const char *token, struct login_status *,
	    struct err *);

/* --- scan-to-sign (cert-sign.c) --- */

#define CERT_HCERT_LIFETIME	(2 * 366 * 86400)	/* a holder certificate */

/* A sign request as the registry keeps it. */
struct sign_view {
	int64_t			 id;
	char			 system[CERT_SYSTEM_SIZE];
	uint8_t			 digest[SIGN_DIGEST_BYTES];
	int64_t			 size;
	int64_t			 expires_at;
	int			 state;		/* 0 waiting, 1 signed, 2 expired */
	int64_t			 signed_at;
	struct holder		 holder;	/* signed: the signer */
	struct institution	 inst;		/* signed: its institution */
	char			 signature[SIGN_FILE_MAX + 1];
};

/* What the registry says of a signer now: revoked since when, and what. */
struct sign_revoked {
	int			 revoked;
	char			 what[16];	/* holder, certificate, authorization */
	int64_t			 since;
};

/* Signs h's new public key into a holder certificate (out), valid
 * CERT_HCERT_LIFETIME from now, and keeps the key as h's. Runs inside the
 * caller's transaction (a claim's or redeem's seal); needs cert_key_load. */
int	cert_hcert_issue(struct reg *, const struct holder *, const uint8_t pk[32],
	    char *out, size_t len, struct err *);
/* The same in a transaction of its own, with its event: a new key after a
 * password reset. */
int	cert_rekey(struct reg *, int64_t holder_id, const uint8_t pk[32], char *out,
	    size_t len, struct err *);
/* An application system asks for a signature over a document's SHA-256: a
 * single-use request QR (CODE_SIGN), valid CERT_TOKEN_LIFETIME seconds. */
int	cert_sign_request(struct reg *, const char *system,
	    const uint8_t digest[SIGN_DIGEST_BYTES], int64_t size, char *token,
	    size_t tokenlen, int64_t *id, struct err *);
/* What a holder is asked to sign: the request, if it can be signed now. */
int	cert_sign_peek(struct reg *, const char *token, struct sign_view *,
	    struct err *);
/* Signs the request as me with the wallet's holder certificate and secret
 * key (not kept): the signature file into out, kept for the system, with a
 * usage record. A user needs an authorization in force for "sign"
 * ("sign.not_authorized"). Needs cert_key_load. */
int	cert_sign(struct reg *, const struct holder *me, const char *token,
	    const char *hcert, const uint8_t sk[64], char *out, size_t len,
	    struct err *);
/* The request's state for the system that made it; signed: who and the file. */
int	cert_sign_status(struct reg *, const char *token, struct sign_view *,
	    struct err *);
/* Whether a signer (and its authorization, 0 for none) was revoked since. */
int	cert_sign_revoked(struct reg *, int64_t holder_id, int64_t authz_id,
	    struct sign_revoked *, struct err *);

/* --- registration authority --- */

/* Records a cancellation or deletion, which stop every code of it at once;
 * the changes that change something are below. */
int	cert_admin_change(struct reg *, const char *credit_code, const char *kind,
	    const char *detail, const char *actor, struct err *);

/* Changes that change the register (cert-change.c): the name, or the legal
 * representative (the FRP stays), with their change records in the same
 * transaction; ERR_RULE cert.change_same when nothing would change. */
int	cert_change_name(struct reg *, const char *credit_code, const char *name,
	    const char *actor, struct err *);
int	cert_change_legal_rep(struct reg *, const char *credit_code,
	    const char *name, const char *id_number, const char *phone,
	    const char *actor, struct err *);
/* The counter sets a holder's phone (one who lost the old one) after the
 * identity check idc (idplat_check() of the holder); a check that did not
 * pass is logged and refuses. Unused SMS codes to the old phone stop. */
int	cert_change_phone(struct reg *, const char *credit_code, int64_t holder_id,
	    const char *phone, const struct idplat_check *idc, const char *actor,
	    struct err *);

/* --- the certificate itself (cert-card.c) --- */

#define CERT_CARD_LINES		9

struct cert_card_line {
	const char		*field;	/* label "field.<field>"; JSON member */
	const char		*raw;	/* as stored; NULL: not in the register */
	const char		*value;	/* as shown */
	char			 room[96];
	char			 rawroom[2 * REG_DATE_SIZE];
};

/* The certificate's lines, in its order; returns CERT_CARD_LINES. The lines
 * point into the institution, which must outlive them. */
size_t	cert_card(const struct institution *, struct cert_card_line *);
/* The register's row of a holder's institution. */
int	cert_holder_inst(struct reg *, const struct holder *, struct institution *,
	    struct err *);

/* --- the counter's view of one certificate (cert-view.c) --- */

#define CERT_VIEW_PAGE		20	/* records a page of "cert show" */

struct cert_view {
	int64_t			 cert_id;
	enum cert_status	 status;
	struct institution	 inst;
	struct holder		 frp;	/* id 0: none in office */
	struct holder		 seer;	/* sees what the FRP sees */
};

/* Opens the certificate of credit_code for staff (ERR_NOTFOUND cert.none
 * when it has none) and records that staff opened it. */
int	cert_view_open(struct reg *, const char *credit_code, const char *staff,
	    struct cert_view *, struct err *);
/* Every person and authorization in office, as cert_list() gives them. */
int	cert_view_people(struct reg *, const struct cert_view *, cert_holder_cb,
	    cert_authz_cb, void *, struct err *);
/* Usage and change records, newest first, limit from offset (0: all). */
int	cert_view_records(struct reg *, const struct cert_view *, int offset,
	    int limit, cert_usage_cb, void *, struct err *);
int	cert_view_changes(struct reg *, const struct cert_view *, int offset,
	    int limit, cert_change_cb, void *, struct err *);

/* A holder changes its own phone: a code (CERT_TOKEN_LIFETIME seconds) the
 * caller sends to the new phone, then the code given back sets it, with its
 * change record; a wrong code counts toward the code's void, as a reset's. */
int	cert_phone_code(struct reg *, const struct holder *me, const char *phone,
	    char code[7], struct err *);
int	cert_phone_confirm(struct reg *, const struct holder *me,
	    const char *phone, const char *code, struct err *);

/* The registry's signing key: created beside the registry file by reg_key_init
 * (path + ".key", mode 0600); its public half is kept in the registry. */
int	cert_key_init(struct reg *, const char *keyfile, int *created, struct err *);
int	cert_key_load(struct reg *, const char *keyfile, struct err *);
/* Whether the key file's key may sign here, as cert_key_load would find, with
 * nothing published: "regkey.retired", "regkey.differs" or the file's own
 * refusal (regkey.h). */
int	cert_key_check(struct reg *, const char *keyfile, struct err *);

const char *cert_role_name(enum holder_role);
const char *cert_status_name(enum cert_status);
const char *cert_holder_status_name(enum holder_status);
const char *cert_authz_status_name(enum authz_status);

#endif
