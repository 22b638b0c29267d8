/*
 * reg.h: the registry, behind a narrow C API.
 *
 * The registry holds the institution register, applications, staff accounts and the
 * event log. Callers see only these types; nothing of the database leaks through:
 * the same functions work on a SQLite file (one hall) and on PostgreSQL (many halls,
 * db.h). Every state change happens in one transaction together with the event
 * that records it (evlog.h). Several processes, on one host or many, may share one
 * registry.
 *
 * Strings in these structs are UTF-8 and NUL-terminated; sizes are bytes and fit the
 * character limits of idcheck.h/text.h at four bytes a character.
 */
#ifndef JSD_REG_H
#define JSD_REG_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define REG_CODE_SIZE		19	/* unified social credit code, 18 chars */
#define REG_ID_SIZE		19	/* resident ID number, 18 chars */
#define REG_PHONE_SIZE		12	/* mainland mobile, 11 digits */
#define REG_PERSON_CHARS	30
#define REG_PERSON_SIZE		(REG_PERSON_CHARS * 4 + 1)
#define REG_INST_NAME_CHARS	100
#define REG_INST_NAME_SIZE	(REG_INST_NAME_CHARS * 4 + 1)
#define REG_ADDRESS_CHARS	200
#define REG_ADDRESS_SIZE	(REG_ADDRESS_CHARS * 4 + 1)
/* The certificate's own text (证照信息): 宗旨和业务范围, 举办单位, 经费来源;
 * 开办资金 in 万元 as the certificate prints it; the validity's first and
 * last day as "YYYY-MM-DD". Empty: not in the register. */
#define REG_PURPOSE_CHARS	500
#define REG_PURPOSE_SIZE	(REG_PURPOSE_CHARS * 4 + 1)
#define REG_FUNDING_CHARS	50
#define REG_FUNDING_SIZE	(REG_FUNDING_CHARS * 4 + 1)
#define REG_CAPITAL_SIZE	16	/* "123456789.99" */
#define REG_DATE_SIZE		11	/* "YYYY-MM-DD" */
#define REG_REMARK_CHARS	200
#define REG_REMARK_SIZE		(REG_REMARK_CHARS * 4 + 1)
#define REG_STATION_SIZE	33	/* station IDs: [A-Za-z0-9_.-]{1,32} */
#define REG_STAFF_NAME_SIZE	33	/* staff login names: [A-Za-z0-9_.-]{1,32} */
#define REG_APPNO_SIZE		24	/* application number, "YYYYMMDD-NNNN" */

struct reg;

/* Whether s may name a station: letters, digits, '.', '_' and '-', 1 to
 * REG_STATION_SIZE - 1 of them. */
int	reg_station_valid(const char *s);
/* Opens (creating and migrating as needed) the registry at path: a SQLite file,
 * or a PostgreSQL database when path is a URI. station names this process in
 * every event it writes. */
int	reg_open(struct reg **, const char *path, const char *station, struct err *);
/* A second connection to r's registry, as r's station, with r's clock
 * tolerance and checkpoints: for a thread of r's process (cert_pipe_open()). */
int	reg_open_twin(const struct reg *r, struct reg **, struct err *);
/* True when target is a PostgreSQL URI (postgresql:// or postgres://, libpq's
 * syntax, several hosts allowed) rather than a SQLite file path. */
int	reg_is_remote(const char *target);
void	reg_close(struct reg *);
int	reg_schema_version(struct reg *);
/* The schema version this program migrates to. */
int	reg_schema_latest(void);
const char *reg_station(const struct reg *);

/* One clock: expiry is decided by the station's clock (clock.h), so a station
 * whose clock is set wrong must not issue or verify. With a tolerance in
 * seconds (> 0), the station's clock is compared with the database server's
 * now and again every REG_CLOCK_RECHECK seconds; 0 switches the check off
 * (tests that move time). A SQLite file has no server: always in step. */
#define REG_CLOCK_RECHECK	300
int	reg_set_clock_tolerance(struct reg *, int seconds, struct err *);
/* ERR_RULE reg.clock_suspect while the clocks differ by more than the
 * tolerance; ERR_SYSTEM if the server could not be asked. */
int	reg_clock_ok(struct reg *, struct err *);
/* For how many seconds a PostgreSQL server that was lost (a primary dying, a
 * standby promoted in its place) is tried again, by reg_open() and by every
 * write, for the whole process; 0 (the default) gives up at once. An operation
 * tried again is done once (reg-op.c). */
void	reg_retry_window(int seconds);
/* Calls fn before each pause of such a retry, with the seconds left before it
 * gives up: the station is not answering meanwhile and should say why. Once
 * the window has run out without the server (the link is lost), operations
 * try once, at once, until the server answers again. NULL: nobody. */
void	reg_on_retry(void (*fn)(int seconds, void *arg), void *arg);
/* True when reg_open() created the file rather than opening an existing one. */
int	reg_was_created(const struct reg *);

/* --- copying a whole registry (SQLite <-> PostgreSQL) --- */

#define REG_COPY_TABLES	18

struct reg_copy_stats {
	int64_t		 rows[REG_COPY_TABLES];	/* per table, on the target */
	int64_t		 events;		/* in its intact chain */
};

/* Copies every row of from into to, which must be empty (ERR_CONFLICT
 * copy.not_empty) and at the same schema, in one transaction; then walks the
 * target's event chain and counts each table on both sides (ERR_SYSTEM
 * copy.chain_broken or copy.counts_differ when they are not as copied). */
int	reg_copy(struct reg *from, struct reg *to, struct reg_copy_stats *,
	    struct err *);
/* The name of table i of the copy, 0 <= i < REG_COPY_TABLES. */
const char *reg_copy_table(int);

/* --- institution register --- */

enum inst_level { INST_CITY, INST_DISTRICT };
enum inst_status { INST_ACTIVE, INST_CANCELLED };

struct institution {
	char		 credit_code[REG_CODE_SIZE];
	char		 name[REG_INST_NAME_SIZE];
	char		 address[REG_ADDRESS_SIZE];
	char		 legal_rep_name[REG_PERSON_SIZE];
	char		 legal_rep_id[REG_ID_SIZE];
	char		 legal_rep_phone[REG_PHONE_SIZE];
	enum inst_level	 level;
	enum inst_status status;
	char		 purpose[REG_PURPOSE_SIZE];
	char		 sponsor[REG_INST_NAME_SIZE];
	char		 funding[REG_FUNDING_SIZE];
	char		 capital[REG_CAPITAL_SIZE];
	char		 valid_from[REG_DATE_SIZE];
	char		 valid_to[REG_DATE_SIZE];
};

typedef int (*reg_inst_cb)(const struct institution *, void *);

/* Checks every field of an institution record (field names as in the CSV header). */
int	reg_inst_validate(const struct institution *, struct err *);
/* Adds or (with replace) updates one institution; actor is written in the event. */
int	reg_inst_put(struct reg *, const struct institution *, int replace,
	    const char *actor, struct err *);
int	reg_inst_get(struct reg *, const char *credit_code, struct institution *,
	    struct err *);
/* The same, but only what an application form shows of the register: code,
 * name, address, the legal representative's name and the status; the rest
 * reads as empty (a kiosk's role may read no more). */
int	reg_inst_shown(struct reg *, const char *credit_code, struct institution *,
	    struct err *);
/* All institutions whose code, name or legal representative contains text (NULL:
 * all), ordered by code. The callback returns non-zero to stop. */
int	reg_inst_search(struct reg *, const char *text, reg_inst_cb, void *,
	    struct err *);
const char *reg_inst_level_name(enum inst_level);
int	reg_inst_level_parse(const char *, enum inst_level *);

/* --- applications (申领表, 第一管理责任人变更申请表) --- */

enum app_kind { APP_CLAIM, APP_FRP_CHANGE };
enum app_status { APP_SUBMITTED, APP_APPROVED, APP_REJECTED, APP_WITHDRAWN };
enum app_reason { APP_REASON_NONE, APP_REASON_LEGAL_REP_CHANGE, APP_REASON_FRP_CHANGE };

/* What the person fills in; everything else comes from the register. */
struct app_form {
	enum app_kind	 kind;
	char		 credit_code[REG_CODE_SIZE];
	int		 frp_is_legal_rep;	/* claim only: FRP is the legal rep */
	char		 frp_name[REG_PERSON_SIZE];	/* ignored when frp_is_legal_rep */
	char		 frp_id[REG_ID_SIZE];		/* checked against the register when
							   frp_is_legal_rep and not empty */
	char		 frp_phone[REG_PHONE_SIZE];
	/* The legal representative's, as the paper form asks; "" when not
	 * filled in. With frp_is_legal_rep they are the FRP's. */
	char		 legal_rep_id[REG_ID_SIZE];
	char		 legal_rep_phone[REG_PHONE_SIZE];
	enum app_reason	 reason;		/* frp-change only */
	char		 remark[REG_REMARK_SIZE];
};

struct application {
	int64_t		 id;
	char		 number[REG_APPNO_SIZE];
	enum app_kind	 kind;
	enum app_status	 status;
	/* The institution as the register had it when the form was filled. */
	char		 credit_code[REG_CODE_SIZE];
	char		 inst_name[REG_INST_NAME_SIZE];
	char		 inst_address[REG_ADDRESS_SIZE];
	char		 legal_rep_name[REG_PERSON_SIZE];
	char		 legal_rep_id[REG_ID_SIZE];
	char		 legal_rep_phone[REG_PHONE_SIZE];
	/* What the form says of the legal representative; "" not filled in. */
	char		 form_legal_rep_id[REG_ID_SIZE];
	char		 form_legal_rep_phone[REG_PHONE_SIZE];
	int		 frp_is_legal_rep;
	char		 frp_name[REG_PERSON_SIZE];
	char		 frp_id[REG_ID_SIZE];
	char		 frp_phone[REG_PHONE_SIZE];
	enum app_reason	 reason;
	char		 remark[REG_REMARK_SIZE];
	char		 station[REG_STATION_SIZE];	/* where it was taken */
	int64_t		 created_at;
	int64_t		 updated_at;
	char		 decided_by[REG_STAFF_NAME_SIZE];	/* staff, once decided */
	char		 reject_reason[REG_REMARK_SIZE];
};

struct app_filter {
	int		 status;	/* enum app_status, or -1 for any */
	int64_t		 from, to;	/* created_at in [from, to); to == 0: no bound */
	const char	*credit_code;	/* NULL: any */
	int		 limit;		/* 0: no limit */
};

typedef int (*reg_app_cb)(const struct application *, void *);

/* Checks a form as reg_app_submit does, without submitting it. */
int	reg_app_check(struct reg *, const struct app_form *, struct err *);
/* Validates the form against the rules and the register and, in one transaction,
 * stores the application and its event; fills out (may be NULL) with the
 * application as submitted. The register's ID number and phone of the
 * legal representative (and the FRP's ID number when the FRP is the legal
 * representative and typed none) are copied by the database, which a kiosk's
 * role lets copy but not read: out has them empty, reg_app_get() reads them. */
int	reg_app_submit(struct reg *, const struct app_form *, struct application *out,
	    struct err *);
int	reg_app_get(struct reg *, const char *number, struct application *, struct err *);
/* The rule for an ID number given as the legal representative's: it must be the
 * one the register holds for credit_code, asked of the database, which answers
 * only whether it is. 0, or -1 with e filled (ERR_INPUT app.legal_rep_id_mismatch
 * when it is not; ERR_RULE app.legal_rep_limited, with the local time to try
 * again as detail, when a PostgreSQL registry holds this login's wrong ones for
 * credit_code at its limit); the kiosk form asks it at the field,
 * reg_app_submit() again. Outside a transaction: the guess is noted in one of
 * its own before it is answered (reg-guard.c). */
int	reg_app_legal_rep_id(struct reg *, const char *credit_code,
	    const char *id_number, struct err *);
/* Newest first. */
int	reg_app_list(struct reg *, const struct app_filter *, reg_app_cb, void *,
	    struct err *);
void	reg_app_filter_init(struct app_filter *);
const char *reg_app_kind_name(enum app_kind);
const char *reg_app_status_name(enum app_status);
int	reg_app_status_parse(const char *, enum app_status *);
const char *reg_app_reason_name(enum app_reason);
int	reg_app_reason_parse(const char *, enum app_reason *);
/* Accepts "YYYYMMDD-NNNN" and the same without the dash; canonical form in out. */
int	reg_app_number_parse(const char *, char out[REG_APPNO_SIZE]);

/* --- staff accounts --- */

enum staff_role { STAFF_COUNTER, STAFF_SUPERVISOR };

#define STAFF_MAX_FAILED	6	/* wrong passwords in a row before the lock */
#define STAFF_PASSWORD_MIN	8	/* characters */
#define STAFF_PASSWORD_MAX	128	/* bytes */

struct staff {
	char		 name[REG_STAFF_NAME_SIZE];
	enum staff_role	 role;
	int		 failed;	/* wrong passwords in a row */
	int		 locked;
	int		 disabled;
	int64_t		 created_at;
	int64_t		 last_login;	/* 0: never */
};

typedef int (*reg_staff_cb)(const struct staff *, void *);

int	reg_staff_add(struct reg *, const char *name, enum staff_role,
	    const char *password, const char *actor, struct err *);
/* Checks the password: ERR_RULE with key staff.locked, staff.disabled or
 * staff.bad_password (then *remaining says how many tries are left before the
 * lock). A name that is no account is answered exactly as an account with a
 * wrong password, tries left and lock included, so a login screen does not
 * reveal which names exist. */
int	reg_staff_login(struct reg *, const char *name, const char *password,
	    struct staff *out, int *remaining, struct err *);
int	reg_staff_passwd(struct reg *, const char *name, const char *password,
	    const char *actor, struct err *);
int	reg_staff_unlock(struct reg *, const char *name, const char *actor,
	    struct err *);
int	reg_staff_set_disabled(struct reg *, const char *name, int disabled,
	    const char *actor, struct err *);
int	reg_staff_get(struct reg *, const char *name, struct staff *, struct err *);
int	reg_staff_list(struct reg *, reg_staff_cb, void *, struct err *);
const char *reg_staff_role_name(enum staff_role);
/* Whether s can name a staff account: [A-Za-z0-9_.-]{1,32}. */
int	reg_staff_name_valid(const char *);
int	reg_staff_role_parse(const char *, enum staff_role *);

#endif
