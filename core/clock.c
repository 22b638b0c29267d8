/*
 * clock.c: the clock (the wall clock, or the second a unit test set) and
 * Shanghai-time formatting.
 *
 * Shanghai time is a fixed UTC+8 offset for every date this program handles, so it is
 * computed here rather than through TZ and localtime(): a kiosk whose tzdata is
 * missing or whose TZ is set to something else must still show the hall's time.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "msg.h"

/* The second a test stopped the clock at; 0 while the wall clock runs. Only
 * single-threaded unit tests set it, so it needs no lock. */
static int64_t clock_fixed;

int64_t
clock_now(void)
{
	struct timespec ts;

	if (clock_fixed != 0)
		return clock_fixed;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return (int64_t)time(NULL);
	return (int64_t)ts.tv_sec;
}

double
clock_ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void
clock_set(int64_t t)
{
	clock_fixed = t > 0 ? t : 0;
}

void
clock_advance(int64_t seconds)
{
	clock_set(clock_now() + seconds);
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
int
clock_days_from_civil(int y, int m, int d, int64_t *days)
{
	int64_t era, yoe, doy, doe;

	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*days = era * 146097 + doe - 719468;
	return 0;
}

static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

int64_t
clock_day_start(int64_t t)
{
	return floor_div(t + CLOCK_LOCAL_OFFSET, CLOCK_DAY) * CLOCK_DAY -
	    CLOCK_LOCAL_OFFSET;
}

void
clock_local_ymd(int64_t t, int *y, int *m, int *d)
{
	civil_from_days(floor_div(t + CLOCK_LOCAL_OFFSET, CLOCK_DAY), y, m, d);
}

void
clock_format_local(int64_t t, char *buf, size_t len)
{
	int64_t local = t + CLOCK_LOCAL_OFFSET;
	int64_t sec = local - floor_div(local, CLOCK_DAY) * CLOCK_DAY;
	int y, m, d;

	clock_local_ymd(t, &y, &m, &d);
	snprintf(buf, len, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d,
	    (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
}

void
clock_format_minute(int64_t t, char *buf, size_t len)
{
	char full[20];

	clock_format_local(t, full, sizeof full);
	snprintf(buf, len, "%.16s", full);
}

void
clock_format_left(int64_t now, int64_t end, char *buf, size_t len)
{
	int64_t left = end > now ? end - now : 0;
	int h = (int)(left % CLOCK_DAY / 3600), m = (int)(left % 3600 / 60);

	if (left >= CLOCK_DAY)
		snprintf(buf, len, msg_get("clock.left_days"),
		    (long long)(left / CLOCK_DAY), h);
	else if (left >= 3600)
		snprintf(buf, len, msg_get("clock.left_hours"), h, m);
	else
		snprintf(buf, len, msg_get("clock.left_minutes"), m);
}

void
clock_local_date(int64_t t, char *buf, size_t len)
{
	int y, m, d;

	clock_local_ymd(t, &y, &m, &d);
	snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
}

int
clock_parse_local_date(const char *s, int64_t *start)
{
	int y, m, d, n = 0;
	int64_t days;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
	    n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (y < 1900 || clock_days_from_civil(y, m, d, &days) != 0)
		return -1;
	*start = days * CLOCK_DAY - CLOCK_LOCAL_OFFSET;
	return 0;
}

/* Two digits at p as a number, else -1. */
static int
two_digits(const char *p)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return -1;
	return (p[0] - '0') * 10 + (p[1] - '0');
}

int
clock_parse_local_time(const char *s, int64_t *out)
{
	char date[11];
	size_t n = strlen(s);
	int h, mi, sec = 0;

	if (n < 10)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (clock_parse_local_date(date, out) != 0)
		return -1;
	if (n == 10)
		return 0;
	if ((n != 16 && n != 19) || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' ||
	    (n == 19 && s[16] != ':'))
		return -1;
	h = two_digits(s + 11);
	mi = two_digits(s + 14);
	if (n == 19)
		sec = two_digits(s + 17);
	if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
		return -1;
	*out += h * 3600 + mi * 60 + sec;
	return 0;
}
