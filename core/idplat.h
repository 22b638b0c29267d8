/*
 * idplat.h: the identity check against the national population information
 * platform (全国人口信息社会应用平台), reached over HTTP(S).
 *
 * One question: do this name and this resident ID number belong together? The
 * wire format is in assets/api/identity.md. An answer of any of the three results
 * is a success (0); failing to get one is an "http.*" error (see http.h), and an
 * answer that names no known result, or another request, is "http.bad_answer".
 * Callers validate the ID number (idcheck_resident_id) before asking.
 */
#ifndef JSD_IDPLAT_H
#define JSD_IDPLAT_H

#include "cfg.h"
#include "err.h"
#include "http.h"

/* Longest name and ID number sent, in bytes: far above any real one. */
#define IDPLAT_NAME_MAX	256
#define IDPLAT_ID_MAX	32

enum idplat_result {
	IDPLAT_MATCH,		/* the ID number is on record under this name */
	IDPLAT_MISMATCH,	/* on record, under another name */
	IDPLAT_NOT_FOUND,	/* the ID number is not on record */
};

/* Fails with ERR_INPUT "idplat.bad_input" on empty, too long or non-UTF-8 text. */
int		 idplat_verify(const struct http_opts *, const char *url,
		    const char *name, const char *id_number,
		    enum idplat_result *out, struct err *);
/* Reads an answer to request_id (exposed for tests and fuzzing). */
int		 idplat_read_answer(json_t *answer, const char *request_id,
		    enum idplat_result *out, struct err *);
/* "idplat.match", "idplat.mismatch" or "idplat.not_found", for staff. */
const char	*idplat_result_key(enum idplat_result);

/*
 * The identity policy, once for every front end: what the platform's answer, or
 * its absence, means for approving a form or adding a person. Front ends only
 * display a check; cert_approve() and cert_add_*() decide by it.
 */
enum idplat_outcome {
	IDPLAT_PASSED,		/* the platform matched the name and the number */
	IDPLAT_SKIPPED,		/* no platform configured: the local checks stand */
	IDPLAT_REFUSED_MISMATCH,
	IDPLAT_REFUSED_NOT_FOUND,
	IDPLAT_UNAVAILABLE,	/* no usable answer: nothing may change */
};

struct idplat_check {
	enum idplat_outcome	 outcome;
	const char		*key;	/* message key saying it to staff */
};

/* Asks the platform that cfg names (identity_url, http_timeout_ms). Never
 * fails: a platform that cannot be reached is the IDPLAT_UNAVAILABLE outcome. */
void		 idplat_check(const struct cfg *, const char *name,
		    const char *id_number, struct idplat_check *);
/* 1 when the outcome lets the form or person through. */
int		 idplat_passed(const struct idplat_check *);
/* The outcome's word in event kinds ("idcheck.match", ...). */
const char	*idplat_outcome_name(enum idplat_outcome);

#endif
