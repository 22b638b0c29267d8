/*
 * code.h: the texts of every code the system shows or scans, and telling them
 * apart.
 *
 * Every text is upper case in the QR alphanumeric set so its QR stays small:
 *   claim   "JSD:C:" + base32 (RFC 4648, no padding) of 20 random bytes: 38 chars
 *   auth    "JSD:A:" + the same        login  "JSD:L:" + the same
 *   sign    "JSD:S:" + the same + the document's SHA-256 in upper-case hex
 *           (a sign request, cert-sign.c: 102 chars, what the phone shows)
 *   ticket  "JSD:T:" + application number ("JSD:T:20261124-0001")
 *   present "JSD:P:" + base45 of a signed payload (pcode.h)
 *   barcode 20 digits: 19 random and a Damm check digit (Code128 set C packs
 *           two digits a symbol)
 *   digits  15 digits (验证码): 14 random and a Damm check digit; typed by hand,
 *           maybe grouped ("12345 67890 12345"), so spaces in numeric codes are
 *           ignored. 14 random digits because guessing is only slowed, never
 *           stopped: cert-verify.c gives the figure that chose it
 * Tokens, barcodes and digits are stored only as hashes (BLAKE2b-256), so a copy
 * of the registry does not hand out live codes. Nothing here trusts its input:
 * lengths are bounded and shapes checked exactly.
 */
#ifndef JSD_CODE_H
#define JSD_CODE_H

#include <stddef.h>
#include <stdint.h>

enum code_kind {
	CODE_MALFORMED = 0,
	CODE_CLAIM,
	CODE_AUTH,
	CODE_LOGIN,
	CODE_TICKET,
	CODE_PRESENT_QR,
	CODE_BARCODE,
	CODE_DIGITS,
	CODE_SIGN,	/* a token, though last: the kinds above keep their numbers */
};

#define CODE_TOKEN_BYTES	20	/* 160-bit random tokens */
#define CODE_HASH_BYTES		32
#define CODE_TEXT_MAX		256	/* longer scanned texts are malformed */
#define CODE_PREFIX_LEN		6	/* "JSD:X:" */
#define CODE_TOKEN_LEN		(CODE_PREFIX_LEN + 32)
#define CODE_SIGN_LEN		(CODE_TOKEN_LEN + 64)
#define CODE_SIGN_DIGEST_BYTES	32
#define CODE_BARCODE_LEN	20
#define CODE_DIGITS_LEN		15
#define CODE_TICKET_NUMBER_MAX	23
#define CODE_ERR_TYPO		1	/* a numeric code's check digit is wrong */

/*
 * The kind a text has the shape of. A presented QR is classified by its prefix
 * and a valid base45 body; its length, version and signature are pcode_decode()'s
 * to judge. Numeric codes are classified by their count of digits, spaces
 * ignored; their check digit is judged by code_*_hash().
 */
enum code_kind	 code_classify(const char *text, size_t len);
/* "claim", "auth", "login", "ticket", "present", "barcode", "digits", "sign",
 * "malformed". */
const char	*code_kind_name(enum code_kind);

/*
 * A new token of kind CODE_CLAIM, CODE_AUTH or CODE_LOGIN: its text (textlen at
 * least CODE_TOKEN_LEN + 1) and the hash to store. -1 on another kind, a short
 * buffer or a failing crypto library.
 */
int	code_new_token(enum code_kind kind, char *text, size_t textlen,
	    uint8_t hash[CODE_HASH_BYTES]);
/* A new sign request for a document's SHA-256 (textlen at least
 * CODE_SIGN_LEN + 1) and the hash of its token to store. */
int	code_new_sign(const uint8_t digest[CODE_SIGN_DIGEST_BYTES], char *text,
	    size_t textlen, uint8_t hash[CODE_HASH_BYTES]);
/* The document's SHA-256 a sign request carries; -1 if it is not one. */
int	code_sign_digest(const char *text, size_t len,
	    uint8_t digest[CODE_SIGN_DIGEST_BYTES]);
/* The kind and hash of a scanned token text (a sign request's token's);
 * -1 if it is not a token. */
int	code_token_hash(const char *text, size_t len, enum code_kind *kind,
	    uint8_t hash[CODE_HASH_BYTES]);

/* A new barcode or numeric code and its hash; -1 if the crypto library fails. */
int	code_new_barcode(char out[CODE_BARCODE_LEN + 1], uint8_t hash[CODE_HASH_BYTES]);
int	code_new_digits(char out[CODE_DIGITS_LEN + 1], uint8_t hash[CODE_HASH_BYTES]);
/*
 * The hash of a typed or scanned numeric code, spaces ignored: 0 and the hash,
 * CODE_ERR_TYPO when the check digit is wrong (a typing slip, not a guess), -1
 * when it is not such a code (a wrong count of digits, another character).
 */
int	code_digits_hash(const char *text, size_t len, uint8_t hash[CODE_HASH_BYTES]);
int	code_barcode_hash(const char *text, size_t len, uint8_t hash[CODE_HASH_BYTES]);

/*
 * The application number of a ticket text into number (numlen at least
 * CODE_TICKET_NUMBER_MAX + 1): 1 to 23 digits and dashes, starting with a digit.
 * -1 if the text is not a ticket.
 */
int	code_ticket_parse(const char *text, size_t len, char *number, size_t numlen);
/* "JSD:T:" + appno, truncated to len. */
void	code_format_ticket(const char *appno, char *out, size_t len);

/* The Damm check digit ('0'..'9') of a NUL-terminated digit string; -1 on a
 * non-digit. A string ending in its check digit has check digit '0'. */
int	code_damm_check(const char *digits);

#endif
