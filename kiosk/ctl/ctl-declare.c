/*
 * ctl-declare.c: the download declaration as jsdctl's holder side shows it
 * (6.3 2): scanning the QR, the downloader confirms whose certificate it is
 * and in which role, and accepts the declaration; only then is the wallet
 * made.
 *
 * The details and the text go to standard output before the command's own
 * result line, so a script still finds that line last. Accepting is
 * --accept-declaration, or an answer typed on a terminal; a run with neither
 * (a script that did not say it accepts) is refused, never taken for a yes.
 * A QR that cannot be read here is left to the claim or redeem, which refuses
 * it with its own message and log record.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cert-declare.h"
#include "ctl-declare.h"
#include "msg.h"

static void
ctl_declare_show(const struct ctl *c, const struct cert_download *d)
{
	char role[64];

	if (c->json)
		return;
	printf("%s %s (%s)\n", msg_get("ctl.declare.inst"), d->inst_name,
	    d->credit_code);
	printf("%s %s\n", msg_get("ctl.declare.person"), d->name);
	printf("%s %s\n", msg_get("ctl.declare.role"),
	    ctl_word("ctl.role", cert_role_name(d->role), role, sizeof role));
	printf("%s %s\n\n", msg_get("ctl.declare.phone"), d->phone_masked);
	fputs(cert_declare_text(msg_get_lang()), stdout);
	putchar('\n');
}

/* Asks on the terminal: only a typed yes accepts. */
static int
ctl_declare_ask(void)
{
	char line[16];

	printf("%s ", msg_get("ctl.declare.ask"));
	fflush(stdout);
	if (fgets(line, sizeof line, stdin) == NULL)
		return 0;
	line[strcspn(line, "\r\n")] = '\0';
	return strcmp(line, "y") == 0 || strcmp(line, "yes") == 0 ||
	    strcmp(line, msg_get("ctl.declare.yes")) == 0;
}

int
ctl_declare_confirm(struct ctl *c, const char *token, enum code_kind kind,
    int accepted, struct cert_seal *seal)
{
	struct cert_download d;
	struct err e;

	err_clear(&e);
	if (cert_declare_peek(c->reg, token, kind, &d, &e) != 0 || !d.fresh)
		return -1;
	ctl_declare_show(c, &d);
	if (!accepted && isatty(STDIN_FILENO) && !c->json)
		accepted = ctl_declare_ask();
	if (!accepted) {
		err_set(&e, ERR_RULE, "declaration", "claim.declaration", NULL);
		return ctl_fail(&e);
	}
	seal->declaration = CERT_DECLARE_VERSION;
	if (!c->json) {
		printf(msg_get("ctl.declare.accepted"), CERT_DECLARE_VERSION);
		putchar('\n');
	}
	return -1;
}
