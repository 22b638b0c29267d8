/*
 * idcheck.c: resident ID, unified social credit code and mobile number checks;
 * see idcheck.h.
 *
 * Both check characters are chosen so that every single substitution is caught:
 * GB 11643 uses ISO 7064 MOD 11-2 (every weight is a power of 2 mod 11, never 0,
 * and a digit changes by less than 11), and GB 32100 works mod the prime 31 with
 * weights that are powers of 3 mod 31. Checks run from the cheapest and most
 * telling reason (length) to the check character, so a typed-too-short number is
 * reported as too short, not as a bad check digit.
 */
#include "config.h"

#include <string.h>

#include "clock.h"
#include "idcheck.h"
#include "text.h"

static const int idcheck_id_weights[17] = {
	7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
};
static const char idcheck_id_checks[] = "10X98765432";

static const int idcheck_code_weights[17] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};
/* GB 32100: digits and upper-case letters without I, O, Z, S, V. */
static const char idcheck_code_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* Provinces, autonomous regions and municipalities; 71/81/82/83/91 as issued. */
static const int idcheck_regions[][2] = {
	{ 11, 15 }, { 21, 23 }, { 31, 37 }, { 41, 46 }, { 50, 54 }, { 61, 65 },
	{ 71, 71 }, { 81, 83 }, { 91, 91 },
};

static int
idcheck_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char
idcheck_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static int
idcheck_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!idcheck_is_digit(s[i]))
			return 0;
	}
	return 1;
}

static int
idcheck_number(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static char
idcheck_id_check(const char *first17)
{
	int i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (first17[i] - '0') * idcheck_id_weights[i];
	return idcheck_id_checks[sum % 11];
}

static int
idcheck_region_ok(int code)
{
	size_t i;

	for (i = 0; i < sizeof idcheck_regions / sizeof idcheck_regions[0]; i++) {
		if (code >= idcheck_regions[i][0] && code <= idcheck_regions[i][1])
			return 1;
	}
	return 0;
}

/* The birth date at s (YYYYMMDD) against the Shanghai calendar day of now. */
static const char *
idcheck_birthdate(const char *s, int64_t now)
{
	int y, m, d, ty, tm, td;
	int64_t born, today;

	y = idcheck_number(s, 4);
	m = idcheck_number(s + 4, 2);
	d = idcheck_number(s + 6, 2);
	if (y < 1900 || clock_days_from_civil(y, m, d, &born) != 0)
		return "id.birthdate";
	clock_local_ymd(now, &ty, &tm, &td);
	if (clock_days_from_civil(ty, tm, td, &today) != 0 || born > today)
		return "id.future";
	return NULL;
}

const char *
idcheck_resident_id(const char *s, int64_t now)
{
	const char *why;
	char last;

	if (s == NULL || *s == '\0')
		return "id.empty";
	if (text_chars(s) != IDCHECK_ID_LEN)
		return "id.length";
	last = idcheck_upper(s[17]);
	if (strlen(s) != IDCHECK_ID_LEN || !idcheck_digits(s, 17) ||
	    (!idcheck_is_digit(last) && last != 'X'))
		return "id.chars";
	if (!idcheck_region_ok(idcheck_number(s, 2)))
		return "id.region";
	if ((why = idcheck_birthdate(s + 6, now)) != NULL)
		return why;
	if (idcheck_id_check(s) != last)
		return "id.checkdigit";
	return NULL;
}

/* Value of c in the code alphabet, either case; -1 if it is not in it. */
static int
idcheck_code_value(char c)
{
	const char *p;

	c = idcheck_upper(c);
	if (c == '\0' || (p = strchr(idcheck_code_alphabet, c)) == NULL)
		return -1;
	return (int)(p - idcheck_code_alphabet);
}

static char
idcheck_code_check(const char *first17)
{
	int i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += idcheck_code_value(first17[i]) * idcheck_code_weights[i];
	return idcheck_code_alphabet[(31 - sum % 31) % 31];
}

const char *
idcheck_credit_code(const char *s)
{
	int i;

	if (s == NULL || *s == '\0')
		return "code.empty";
	if (text_chars(s) != IDCHECK_CODE_LEN)
		return "code.length";
	if (strlen(s) != IDCHECK_CODE_LEN)
		return "code.chars";
	for (i = 0; i < IDCHECK_CODE_LEN; i++) {
		if (idcheck_code_value(s[i]) < 0)
			return "code.chars";
	}
	/* Positions 3-8 are the administrative division code, always digits. */
	if (!idcheck_digits(s + 2, 6))
		return "code.region";
	if (idcheck_code_check(s) != idcheck_upper(s[17]))
		return "code.checkchar";
	return NULL;
}

const char *
idcheck_mobile(const char *s)
{
	if (s == NULL || *s == '\0')
		return "phone.empty";
	if (strlen(s) != IDCHECK_MOBILE_LEN || !idcheck_digits(s, IDCHECK_MOBILE_LEN))
		return "phone.format";
	if (s[0] != '1' || s[1] < '3')
		return "phone.format";
	return NULL;
}

/*
 * NFKC in place: a full-width "１１０１０５" typed with a Chinese input method is
 * the number "110105". NFKC never lengthens full-width forms; a value it would
 * lengthen (or invalid UTF-8) is left as typed for the check to refuse.
 */
static void
idcheck_fold(char *s)
{
	if (text_nfkc(s, strlen(s) + 1, s) != 0)
		return;		/* left as typed, for the check to refuse */
}

void
idcheck_normalize_id(char *s)
{
	idcheck_fold(s);
	for (; *s != '\0'; s++)
		*s = idcheck_upper(*s);
}

const char *
idcheck_code_scanned(const void *bytes, size_t len,
    char code[IDCHECK_CODE_LEN + 1])
{
	/* Normalizing never makes a value longer, so no other length can
	 * become a code. */
	if (len != IDCHECK_CODE_LEN || memchr(bytes, '\0', len) != NULL)
		return "code.length";
	memcpy(code, bytes, len);
	code[len] = '\0';
	idcheck_normalize_code(code);
	return idcheck_credit_code(code);
}

void
idcheck_normalize_code(char *s)
{
	idcheck_fold(s);
	for (; *s != '\0'; s++)
		*s = idcheck_upper(*s);
}

void
idcheck_normalize_mobile(char *s)
{
	char *w = s;
	const char *r;
	size_t skip = 0;

	idcheck_fold(s);
	for (r = s; *r != '\0'; r++) {
		if (*r != ' ' && *r != '-')
			*w++ = *r;
	}
	*w = '\0';
	if (strncmp(s, "+86", 3) == 0)
		skip = 3;
	else if (strncmp(s, "0086", 4) == 0)
		skip = 4;
	memmove(s, s + skip, strlen(s + skip) + 1);
}

/*
 * Shows the last 4 only when they are plain printable ASCII and something is
 * left to hide, so neither a short value nor stray bytes ever appear in clear.
 */
void
idcheck_mask_id(const char *id, char *out, size_t len)
{
	size_t n = strlen(id), i;
	int show = n > 4;

	if (len == 0)
		return;
	for (i = n > 4 ? n - 4 : 0; i < n; i++) {
		if (id[i] < '!' || id[i] > '~')
			show = 0;
	}
	for (i = 0; i < n && i < len - 1; i++)
		out[i] = show && i >= n - 4 ? id[i] : '*';
	out[i] = '\0';
}

int
idcheck_make_id(const char *first17, char out[19])
{
	if (!idcheck_digits(first17, 17))
		return -1;
	memcpy(out, first17, 17);
	out[17] = idcheck_id_check(first17);
	out[18] = '\0';
	return 0;
}

int
idcheck_make_credit_code(const char *first17, char out[19])
{
	int i;

	for (i = 0; i < 17; i++) {
		if (idcheck_code_value(first17[i]) < 0)
			return -1;
		out[i] = idcheck_upper(first17[i]);
	}
	out[17] = idcheck_code_check(first17);
	out[18] = '\0';
	return 0;
}
