/*
 * counter.h: the counter mode's family of screens, and the session
 * history they share.
 *
 * The counter's home (counter_queue_screen, frame.h) stays entered under every other
 * counter screen for the whole login, so it owns what a login keeps: the
 * history of this session's verifications, in memory only, wiped when the
 * home leaves at logout or idle. Screens pushed above it borrow a pointer to
 * it through their enter() argument.
 */
#ifndef JSD_SCREEN_COUNTER_H
#define JSD_SCREEN_COUNTER_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "cert.h"

#define COUNTER_HISTORY_MAX	500	/* the oldest go first */

struct counter_scan {
	int64_t			 at;
	enum verify_outcome	 outcome;
	int			 matter_refused;	/* valid, not for the matter */
	enum code_kind		 kind;
	char			 inst[REG_INST_NAME_SIZE];	/* when valid */
};

struct counter_history {
	struct counter_scan	 scan[COUNTER_HISTORY_MAX];
	int			 n;		/* kept, at most the max */
	int			 next;		/* where the next one goes */
	int			 matter;	/* picked at the verify screen, 0: any */
};

void	counter_history_add(struct counter_history *, const struct counter_scan *);
/* The i-th newest (0 the newest), or NULL. */
const struct counter_scan *counter_history_get(const struct counter_history *,
	    int i);

/* What counter_verify_screen's enter() takes: the history to add to (may be NULL) and
 * a code scanned at the home to verify at once (text NULL: none). */
struct counter_verify_arg {
	struct counter_history	*history;
	const unsigned char	*text;
	size_t			 len;
};

/* What counter_review_claimqr_screen's enter() takes (copied, then wiped by
 * the caller). */
struct counter_claim_arg {
	char			 number[REG_APPNO_SIZE];
	char			 frp_name[REG_PERSON_SIZE];
	char			 frp_id[REG_ID_SIZE];
	struct idplat_check	 id;		/* the identity check approval used */
	char			 token[CODE_TEXT_MAX];
	int64_t			 expires;
};

/* The counter's screens; each one's arg after its name. */
extern const struct screen_class counter_review_screen;	/* application number */
extern const struct screen_class counter_review_reject_screen; /* the same */
extern const struct screen_class counter_review_claimqr_screen; /* counter_claim_arg */
extern const struct screen_class counter_verify_screen;	/* counter_verify_arg */
extern const struct screen_class counter_queue_history_screen; /* counter_history */
extern const struct screen_class counter_cert_screen;	/* none */

/* Draws the whole frame now, before a call that blocks (the identity
 * platform), so the person sees what is happening. */
void	counter_paint_now(struct frame *);
/* Draws the certificate itself from row y of b; returns the next row. */
int	counter_card_draw(const struct institution *, struct tbox b, int y);

#endif
