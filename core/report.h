/*
 * report.h: what a hall issued, for supervisors: day summaries, charts, a filtered
 * and paged event list, and exports.
 *
 * Everything is read from the event log (evlog.h) and, for lapsed authorizations,
 * which write no event, from the authorization table. Days are Shanghai days
 * (clock.h); a day summary carries the same figures for the same weekday a week
 * before, and per-station and per-staff rows in fixed arrays, so that a screen
 * renders it without touching the registry.
 */
#ifndef JSD_REPORT_H
#define JSD_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "cert.h"
#include "err.h"
#include "evlog.h"
#include "reg.h"

#define REPORT_MAX_ROWS		32	/* stations, and staff, listed by name */
#define REPORT_NAME_SIZE	EVLOG_ACTOR_SIZE
#define REPORT_NOUTCOMES	VERIFY_NOUTCOMES
#define REPORT_CLAIMQR_TTL	300	/* seconds a claim QR stays valid */
#define REPORT_PAGE_MAX		1000

/* The figures of a day, by event kind. */
enum report_fig {
	REPORT_EVENTS,			/* every event */
	REPORT_APPS,			/* app.submitted: applications taken */
	REPORT_APPROVED,		/* app.approved */
	REPORT_REJECTED,		/* app.rejected */
	REPORT_CLAIMQR_SHOWN,		/* claimqr.shown */
	REPORT_CLAIMED,			/* cert.claimed */
	REPORT_CLAIMQR_EXPIRED,		/* shown that day, never used nor replaced,
					   expired by the time of the report */
	REPORT_MANAGERS_ADDED,
	REPORT_MANAGERS_DELETED,
	REPORT_USERS_ADDED,
	REPORT_USERS_DELETED,
	REPORT_AUTH_GRANTED,
	REPORT_AUTH_CANCELLED,
	REPORT_AUTH_LAPSED,		/* active, ended that day: no event, no station */
	REPORT_VERIFY_VALID,		/* verify.valid */
	REPORT_VERIFY_INVALID,		/* every other verify.* */
	REPORT_SCAN_LOGINS,		/* login.scanned */
	REPORT_STAFF_LOGINS,		/* staff.login */
	REPORT_STAFF_LOGIN_FAILED,	/* staff.login_failed */
	REPORT_STAFF_LOCKED,		/* staff.locked */
	REPORT_NFIGS
};

struct report_figures {
	int		 fig[REPORT_NFIGS];
	int		 verify[REPORT_NOUTCOMES];	/* by enum verify_outcome */
};

/* One station or one staff member: the figures of its events (REPORT_AUTH_LAPSED
 * is always 0 here). */
struct report_row {
	char		 name[REPORT_NAME_SIZE];
	int		 today[REPORT_NFIGS];
	int		 last_week[REPORT_NFIGS];
};

/*
 * Rows are the stations (and staff) with events on the day, busiest first; the
 * others bucket sums the rest, including those active only the week before, so
 * that rows plus others equal the totals for every figure but REPORT_AUTH_LAPSED.
 * Staff are the actors named in the staff table; their rows sum only their own
 * events.
 */
struct report_day {
	int64_t			 day_start;
	int64_t			 made_at;	/* "now" for expiries and lapses */
	struct report_figures	 today;
	struct report_figures	 last_week;	/* day_start - 7 days */
	int			 nstations;
	struct report_row	 stations[REPORT_MAX_ROWS];
	int			 station_others;	/* how many stations in the bucket */
	struct report_row	 station_other;
	int			 nstaff;
	struct report_row	 staff[REPORT_MAX_ROWS];
	int			 staff_others;
	struct report_row	 staff_other;
};

/* Which events a page or export shows; NULL or 0 fields do not filter. */
struct report_filter {
	int64_t		 from, to;	/* at in [from, to); to == 0: no bound */
	const char	*kind;		/* prefix, "app." or "app.approved" */
	const char	*station;	/* exact */
	const char	*actor;		/* exact: a staff name, "verifier", ... */
	const char	*subject;	/* exact: credit code, application number, ... */
	const char	*outcome;	/* the verify.* outcome, "valid", "forged", ... */
};

enum report_format { REPORT_CSV, REPORT_JSON };

/* day_start is a Shanghai day's first second (clock_day_start()), else
 * ERR_INPUT report.day_invalid. */
int	report_day(struct reg *, int64_t day_start, struct report_day *, struct err *);
/* Message key naming a figure, "report.fig.apps", ... */
const char *report_fig_key(enum report_fig);
/* The figure's short name for JSON and CSV, "apps", ... */
const char *report_fig_name(enum report_fig);

/* Events per local hour of the day whose kind starts with kind_prefix (NULL or "":
 * all). */
int	report_hourly(struct reg *, int64_t day_start, const char *kind_prefix,
	    int counts[24], struct err *);
/* Events per day for the ndays days ending with last_day_start, oldest first. */
int	report_daily(struct reg *, int64_t last_day_start, int ndays,
	    const char *kind_prefix, int *counts, struct err *);

void	report_filter_init(struct report_filter *);
/* Up to page_size (1 to REPORT_PAGE_MAX) events with id > after_id matching the
 * filter, oldest first; the next page starts after the last id seen. */
int	report_events_page(struct reg *, const struct report_filter *,
	    int64_t after_id, int page_size, evlog_cb, void *, struct err *);

/* Every event with at in [from, to), streamed to out: CSV with a header row, or a
 * JSON array of objects. */
int	report_export(struct reg *, int64_t from, int64_t to, enum report_format,
	    FILE *, struct err *);

#endif
