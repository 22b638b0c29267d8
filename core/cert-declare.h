/*
 * cert-declare.h: the download declaration (6.3 2) and the details a
 * downloader confirms before a claim or a redeem makes its wallet.
 */
#ifndef JSD_CERT_DECLARE_H
#define JSD_CERT_DECLARE_H

#include "cert.h"
#include "msg.h"

/* The version of the declaration this program shows, recorded when accepted. */
#define CERT_DECLARE_VERSION	"v1"
#define CERT_DECLARE_VERSION_SIZE 16

/* What the downloader confirms: whose certificate, as whom. */
struct cert_download {
	char			 credit_code[REG_CODE_SIZE];
	char			 inst_name[REG_INST_NAME_SIZE];
	char			 name[REG_PERSON_SIZE];
	enum holder_role	 role;
	char			 phone_masked[REG_PHONE_SIZE];
	int			 fresh;	/* the QR makes a new wallet: a download */
};

/* The declaration's text, version CERT_DECLARE_VERSION, in a language. */
const char *cert_declare_text(enum msg_lang);
/* The details behind a claim (CODE_CLAIM) or authorization (CODE_AUTH) QR,
 * read without using it up; the QR's refusals are those of the claim itself. */
int	cert_declare_peek(struct reg *, const char *token, enum code_kind,
	    struct cert_download *, struct err *);
/* Whether the seal of a download carries the declaration this program
 * shows: a download without it is refused ("claim.declaration"). */
int	cert_declare_check(const struct cert_seal *, struct err *);
/* Inside the claim's or redeem's transaction: which version the holder
 * accepted, on its row and in the log. */
int	cert_declare_record(struct reg *, const struct holder *,
	    const char *version, struct err *);

#endif
