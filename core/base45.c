/*
 * base45.c: RFC 9285 encoding and decoding; see base45.h.
 *
 * Decoding is strict: every text has exactly one decoding and every byte string
 * exactly one encoding, so a code cannot be altered into another text that still
 * decodes to the same signed bytes.
 */
#include "config.h"

#include "base45.h"

static const char base45_alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/* The value of one character, -1 if it is not in the alphabet. */
static int
base45_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	switch (c) {
	case ' ':
		return 36;
	case '$':
		return 37;
	case '%':
		return 38;
	case '*':
		return 39;
	case '+':
		return 40;
	case '-':
		return 41;
	case '.':
		return 42;
	case '/':
		return 43;
	case ':':
		return 44;
	}
	return -1;
}

int
base45_encode(const uint8_t *in, size_t n, char *out, size_t outlen)
{
	size_t i, o = 0;
	unsigned v;

	if (outlen < BASE45_ENCODED_LEN(n) + 1)
		return -1;
	for (i = 0; i + 1 < n; i += 2) {
		v = (unsigned)in[i] * 256 + in[i + 1];
		out[o++] = base45_alphabet[v % 45];
		out[o++] = base45_alphabet[v / 45 % 45];
		out[o++] = base45_alphabet[v / 2025];
	}
	if (i < n) {
		out[o++] = base45_alphabet[in[i] % 45];
		out[o++] = base45_alphabet[in[i] / 45];
	}
	out[o] = '\0';
	return 0;
}

/* The value of k characters (2 or 3), least significant first; -1 if bad. */
static long
base45_group(const char *s, size_t k)
{
	long v = 0, w = 1;
	size_t i;
	int c;

	for (i = 0; i < k; i++) {
		if ((c = base45_value(s[i])) < 0)
			return -1;
		v += c * w;
		w *= 45;
	}
	return v;
}

int
base45_decode(const char *in, size_t n, uint8_t *out, size_t outlen,
    size_t *outn)
{
	size_t i, o = 0;
	long v;

	if (n % 3 == 1 || outlen < n / 3 * 2 + (n % 3 == 2))
		return -1;
	for (i = 0; i + 3 <= n; i += 3) {
		if ((v = base45_group(in + i, 3)) < 0 || v > 65535)
			return -1;
		out[o++] = (uint8_t)(v >> 8);
		out[o++] = (uint8_t)(v & 0xff);
	}
	if (i < n) {
		if ((v = base45_group(in + i, 2)) < 0 || v > 255)
			return -1;
		out[o++] = (uint8_t)v;
	}
	*outn = o;
	return 0;
}
