/*
 * ctl-declare.h: the download declaration at "holder claim" and "holder
 * redeem": the details to confirm, the text, the acceptance.
 */
#ifndef JSD_CTL_DECLARE_H
#define JSD_CTL_DECLARE_H

#include "cert.h"
#include "ctl.h"

/* Before a claim (CODE_CLAIM) or redeem (CODE_AUTH) QR makes a wallet: shows
 * whose certificate it is and the declaration, and sets seal->declaration when
 * the holder accepted it (--accept-declaration given, or asked on a terminal).
 * -1 to go on, else the exit status after saying why. */
int	ctl_declare_confirm(struct ctl *, const char *token, enum code_kind,
	    int accepted, struct cert_seal *);

#endif
