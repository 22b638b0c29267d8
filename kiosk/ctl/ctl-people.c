/*
 * ctl-people.c: the listings of a certificate's people, authorizations, usage
 * records and change records: their columns, described once, and the
 * callbacks that feed the lookups' rows into them. "holder list", "holder
 * records", "holder changes" (what a holder may see) and "cert show" (what
 * the counter sees) print them alike.
 */
#include "config.h"

#include <stddef.h>

#include "ctl-life.h"
#include "idcheck.h"

/* A struct holder's role and status, also for rows that begin with one. */
const char *
ctl_people_role(const void *row)
{
	return cert_role_name(((const struct holder *)row)->role);
}

const char *
ctl_people_status(const void *row)
{
	return cert_holder_status_name(((const struct holder *)row)->status);
}

static const char *
person_masked_id(const void *row, char *cell, size_t len)
{
	idcheck_mask_id(((const struct holder *)row)->id_number, cell, len);
	return cell;
}

/* The people a holder sees: a manager or user per row. */
static const struct ctl_col ctl_people_person_cols[] = {
	CTL_COL_LABEL(1, "%s ", "ctl.holder.person"),
	CTL_COL("id", 2, "%-4lld ", CTL_COL_INT64, struct holder, id),
	CTL_COL_FN("role", 0, NULL, ctl_people_role),
	CTL_COL_WORD_FN(3, "%-8s ", "ctl.role", ctl_people_role),
	CTL_COL_FN("status", 0, NULL, ctl_people_status),
	CTL_COL_WORD_FN(4, "%-8s ", "ctl.holder_status", ctl_people_status),
	CTL_COL("name", 5, "%s ", CTL_COL_STR, struct holder, name),
	CTL_COL_CELL("id_number", 6, "%s", person_masked_id),
	CTL_COL("added_by", 0, NULL, CTL_COL_INT64, struct holder, added_by),
};

static const char *
authz_status(const void *row)
{
	return cert_authz_status_name(((const struct authz *)row)->status);
}

const char *
ctl_people_matters(const void *row, char *cell, size_t len)
{
	return ctl_matters(((const struct authz *)row)->matters, cell, len);
}

/* The authorizations a holder sees; JSON has the times as numbers. */
static const struct ctl_col ctl_people_authz_cols[] = {
	CTL_COL_LABEL(1, "%s ", "ctl.holder.authz"),
	CTL_COL("id", 2, "%-4lld ", CTL_COL_INT64, struct authz, id),
	CTL_COL_LABEL(3, "%s ", "ctl.holder.user"),
	CTL_COL("user", 4, "%lld ", CTL_COL_INT64, struct authz, user_id),
	CTL_COL("granted_by", 0, NULL, CTL_COL_INT64, struct authz, granted_by),
	CTL_COL("matters", 0, NULL, CTL_COL_STR, struct authz, matters),
	CTL_COL_CELL(NULL, 6, "%s  ", ctl_people_matters),
	CTL_COL("from", 0, NULL, CTL_COL_INT64, struct authz, starts_at),
	CTL_COL(NULL, 7, "%s - ", CTL_COL_TIME, struct authz, starts_at),
	CTL_COL("to", 0, NULL, CTL_COL_INT64, struct authz, ends_at),
	CTL_COL(NULL, 8, "%s", CTL_COL_TIME, struct authz, ends_at),
	CTL_COL_FN("status", 0, NULL, authz_status),
	CTL_COL_WORD_FN(5, "%-9s ", "ctl.authz_status", authz_status),
};

static const char *
usage_system(const void *row)
{
	const struct usage *u = row;

	return u->system[0] != '\0' ? u->system : "-";
}

/* Where the holder's codes were used. */
static const struct ctl_col ctl_people_usage_cols[] = {
	CTL_COL("at", 1, "%s  ", CTL_COL_TIME, struct usage, at),
	CTL_COL("kind", 0, NULL, CTL_COL_STR, struct usage, kind),
	CTL_COL_WORD(2, "%-10s ", "ctl.usage_kind", struct usage, kind),
	CTL_COL("holder", 0, NULL, CTL_COL_INT64, struct usage, holder_id),
	CTL_COL("holder_name", 7, "%s", CTL_COL_STR, struct usage, holder_name),
	CTL_COL("station", 3, "%-12s ", CTL_COL_STR, struct usage, station),
	CTL_COL("system", 0, NULL, CTL_COL_STR, struct usage, system),
	CTL_COL_FN(NULL, 4, "%-10s ", usage_system),
	CTL_COL("via", 0, NULL, CTL_COL_STR, struct usage, via),
	CTL_COL_WORD(5, "%-8s ", "ctl.via", struct usage, via),
	CTL_COL("outcome", 0, NULL, CTL_COL_STR, struct usage, outcome),
	CTL_COL_WORD(6, "%-8s ", "report.outcome", struct usage, outcome),
};

/* The certificate's change records. The actor "cli", the registration
 * authority, is said as who it is; a staff member's name as it is. */
static const struct ctl_col ctl_people_change_cols[] = {
	CTL_COL("at", 1, "%s  ", CTL_COL_TIME, struct change, at),
	CTL_COL("kind", 0, NULL, CTL_COL_STR, struct change, kind),
	CTL_COL_WORD(2, "%-18s ", "ctl.change", struct change, kind),
	CTL_COL("detail", 3, "%s  ", CTL_COL_STR, struct change, detail),
	CTL_COL("actor", 0, NULL, CTL_COL_STR, struct change, actor),
	CTL_COL_WORD(4, "%s", "ctl.actor", struct change, actor),
};

void
ctl_people_start(struct ctl_people *l, int json)
{
	ctl_list_start(&l->people, ctl_people_person_cols,
	    CTL_NCOLS(ctl_people_person_cols), json);
	ctl_list_start(&l->authz, ctl_people_authz_cols,
	    CTL_NCOLS(ctl_people_authz_cols), json);
}

void
ctl_people_usage_start(struct ctl_list *l, int json)
{
	ctl_list_start(l, ctl_people_usage_cols, CTL_NCOLS(ctl_people_usage_cols),
	    json);
}

void
ctl_people_change_start(struct ctl_list *l, int json)
{
	ctl_list_start(l, ctl_people_change_cols,
	    CTL_NCOLS(ctl_people_change_cols), json);
}

int
ctl_people_person(const struct holder *h, void *arg)
{
	ctl_list_row(&((struct ctl_people *)arg)->people, h);
	return 0;
}

int
ctl_people_authz(const struct authz *az, void *arg)
{
	ctl_list_row(&((struct ctl_people *)arg)->authz, az);
	return 0;
}

int
ctl_people_usage(const struct usage *u, void *arg)
{
	ctl_list_row(arg, u);
	return 0;
}

int
ctl_people_change(const struct change *ch, void *arg)
{
	ctl_list_row(arg, ch);
	return 0;
}
