/*
 * ctl-life.h: what the lifecycle commands (ctl-counter.c, ctl-holder.c) share:
 * the registry's key file, the identity check, code pictures.
 */
#ifndef JSD_CTL_LIFE_H
#define JSD_CTL_LIFE_H

#include "cert.h"
#include "ctl.h"
#include "http.h"

/* The signing key's file (paths.h: key_file, else beside a registry file). */
int	ctl_keyfile(const struct ctl *, char *buf, size_t len, struct err *);
/* Asks the identity platform when one is configured: fills "match", "mismatch",
 * "not_found", "error" or "skipped" (none configured). */
void	ctl_idcheck(const struct ctl *, const char *name, const char *id_number,
	    char *outcome, size_t len);
/* The HTTP options from the configuration (http_timeout_ms). */
void	ctl_http_opts(const struct ctl *, struct http_opts *);
/* Writes a code's picture: QR, or Code128 for a barcode. */
int	ctl_write_png(const char *path, const char *text, int barcode, struct err *);
/* Prints a code's text as the last line, after a line saying how long it lasts. */
void	ctl_print_code(const struct ctl *, const char *what_key, const char *text,
	    int64_t expires);

/* ctl-people.c: a certificate's people and authorizations (two listings,
 * one callback each), usage records and change records. */
struct ctl_people {
	struct ctl_list	 people;
	struct ctl_list	 authz;
};

void	ctl_people_start(struct ctl_people *, int json);
void	ctl_people_usage_start(struct ctl_list *, int json);
void	ctl_people_change_start(struct ctl_list *, int json);
int	ctl_people_person(const struct holder *, void *people);
int	ctl_people_authz(const struct authz *, void *people);
int	ctl_people_usage(const struct usage *, void *list);
int	ctl_people_change(const struct change *, void *list);
/* Column getters for a row that begins with a struct holder. */
const char *ctl_people_role(const void *row);
const char *ctl_people_status(const void *row);
/* A struct authz's matters, by their names. */
const char *ctl_people_matters(const void *row, char *cell, size_t len);

/* ctl-cert.c: the certificate itself (cert_card()), as "label: value" lines,
 * or with --json as the object's member "certificate". */
void	ctl_cert_card(const struct ctl *, const struct institution *, void *json);

#endif
