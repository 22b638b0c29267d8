/*
 * base45.h: Base45 (RFC 9285), the encoding that keeps binary payloads inside the
 * QR alphanumeric character set ("0-9A-Z $%*+-./:"), so a QR holding it stays in
 * the 5.5-bits-a-character mode instead of byte mode. Two bytes become three
 * characters, a last odd byte two.
 */
#ifndef JSD_BASE45_H
#define JSD_BASE45_H

#include <stddef.h>
#include <stdint.h>

/* Characters needed for n bytes, without the terminating NUL. */
#define BASE45_ENCODED_LEN(n)	((n) / 2 * 3 + (n) % 2 * 2)

/* Writes the text and a NUL; -1 (out untouched) if outlen is too small. */
int	base45_encode(const uint8_t *in, size_t n, char *out, size_t outlen);
/*
 * Decodes n characters into out, setting *outn; -1 on a character outside the
 * alphabet (lower case included), a length of 1 mod 3, a triplet above 65535 or
 * a last pair above 255 (RFC 9285 section 4.2), or outlen too small.
 */
int	base45_decode(const char *in, size_t n, uint8_t *out, size_t outlen,
	    size_t *outn);

#endif
