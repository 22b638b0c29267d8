/*
 * idcheck.h: checks of the identifiers people type at a kiosk or counter.
 *
 * Resident ID numbers (GB 11643-1999), unified social credit codes (GB 32100-2015)
 * and mainland mobile numbers. Each check returns NULL when the value is valid and
 * otherwise a message key (assets/i18n/core.*.msg) naming the first reason found,
 * so a form can say what is wrong at the field. Front ends call the matching
 * idcheck_normalize_*() first and store the normalized form.
 */
#ifndef JSD_IDCHECK_H
#define JSD_IDCHECK_H

#include <stddef.h>
#include <stdint.h>

#define IDCHECK_ID_LEN		18
#define IDCHECK_CODE_LEN	18
#define IDCHECK_MOBILE_LEN	11

/*
 * Keys: "id.empty", "id.length", "id.chars", "id.region", "id.birthdate",
 * "id.future" (born after the Shanghai calendar day of now), "id.checkdigit".
 * A lowercase 'x' check character is accepted.
 */
const char	*idcheck_resident_id(const char *s, int64_t now);
/*
 * Keys: "code.empty", "code.length", "code.chars", "code.region" (positions 3-8,
 * the administrative division, not all digits), "code.checkchar". Lowercase
 * letters are accepted.
 */
const char	*idcheck_credit_code(const char *s);
/*
 * A scanned credit code: len untrusted bytes (no NUL after them, maybe NULs
 * among them) copied into code, normalized and checked as a typed one. NULL,
 * or the key of why not: "code.length" for a length other than
 * IDCHECK_CODE_LEN bytes or a NUL, else idcheck_credit_code()'s.
 */
const char	*idcheck_code_scanned(const void *bytes, size_t len,
		    char code[IDCHECK_CODE_LEN + 1]);
/* Keys: "phone.empty", "phone.format". */
const char	*idcheck_mobile(const char *s);

/*
 * In place: NFKC first (full-width digits and letters from a Chinese input
 * method become ASCII; the value never grows), then upper-case the check 'x'
 * (ID) or the letters (credit code).
 */
void		 idcheck_normalize_id(char *);
void		 idcheck_normalize_code(char *);
/* NFKC, then removes spaces and dashes and a leading "+86" or "0086", in place. */
void		 idcheck_normalize_mobile(char *);

/* All but the last 4 characters as '*', for display; out of len bytes. */
void		 idcheck_mask_id(const char *id, char *out, size_t len);

/*
 * Completes 17 leading characters with their check character. Returns -1 if
 * first17 is not 17 digits (ID) or 17 characters of the code alphabet.
 */
int		 idcheck_make_id(const char *first17, char out[19]);
int		 idcheck_make_credit_code(const char *first17, char out[19]);

#endif
