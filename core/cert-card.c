/*
 * cert-card.c: what the certificate itself says (证照信息, manual 6.5 1), in
 * the order it says it, for every front end that shows it: "holder
 * show-cert", "cert show", the counter's verdict and its view of a
 * certificate.
 *
 * A line names its field (its label is the message "field.<field>", its JSON
 * member the field itself), the value as stored (raw, NULL when the register
 * has none) and as shown (value: units and the period's words added). The
 * front ends only lay the lines out, so a field added here reaches them all.
 */
#include "config.h"

#include <stdio.h>

#include "cert-private.h"
#include "msg.h"

static void
card_line(struct cert_card_line *l, const char *field, const char *raw)
{
	l->field = field;
	l->raw = raw[0] != '\0' ? raw : NULL;
	l->value = l->raw != NULL ? raw : msg_get("cert.card.none");
}

/* 开办资金 with its unit; the period as one line, stored as an ISO 8601
 * interval. */
static void
card_formatted(struct cert_card_line *l, const char *field, const char *key,
    const char *a, const char *b, const char *sep)
{
	card_line(l, field, a);
	if (l->raw == NULL)
		return;
	snprintf(l->room, sizeof l->room, msg_get(key), a, b);
	snprintf(l->rawroom, sizeof l->rawroom, "%s%s%s", a, sep, b);
	l->value = l->room;
	l->raw = l->rawroom;
}

size_t
cert_card(const struct institution *in, struct cert_card_line *l)
{
	card_line(&l[0], "name", in->name);
	card_line(&l[1], "credit_code", in->credit_code);
	card_line(&l[2], "address", in->address);
	card_line(&l[3], "legal_rep_name", in->legal_rep_name);
	card_line(&l[4], "purpose", in->purpose);
	card_line(&l[5], "sponsor", in->sponsor);
	card_line(&l[6], "funding", in->funding);
	card_formatted(&l[7], "capital", "cert.card.capital", in->capital, "", "");
	card_formatted(&l[8], "validity", "cert.card.validity", in->valid_from,
	    in->valid_to, "/");
	return CERT_CARD_LINES;
}

int
cert_holder_inst(struct reg *r, const struct holder *h, struct institution *in,
    struct err *e)
{
	char code[REG_CODE_SIZE];

	if (cert_code_of(r, h->cert_id, code, e) != 0)
		return -1;
	return reg_inst_get(r, code, in, e);
}
