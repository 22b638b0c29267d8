/*
 * clock.h: the one clock every expiry check reads.
 *
 * Time is stored as seconds since the epoch in UTC and shown in Asia/Shanghai
 * time. Tests move the clock two ways: libfaketime on the real binaries, and, for
 * unit tests that drive core/ in-process, clock_set() and clock_advance(), which
 * stop the wall clock at a chosen second until clock_set(0) lets it run again.
 * The programs never call them.
 */
#ifndef JSD_CLOCK_H
#define JSD_CLOCK_H

#include <stdint.h>
#include <time.h>

#define CLOCK_LOCAL_OFFSET	(8 * 3600)	/* Asia/Shanghai: UTC+8, no DST since 1991 */
#define CLOCK_DAY		86400

int64_t	clock_now(void);
/* Milliseconds on the given clock (CLOCK_MONOTONIC, a CPU-time clock): for
 * budgets and measurements, never expiry; clock_set() does not move it. */
double	clock_ms(clockid_t);
/* From now on clock_now() returns t (UTC seconds, t > 0); 0 returns to the wall
 * clock. */
void	clock_set(int64_t t);
/* Moves a set clock on by the given seconds (the wall clock first if none set). */
void	clock_advance(int64_t seconds);
/* "YYYY-MM-DD HH:MM:SS" in Shanghai time; buf of at least 20 bytes. */
void	clock_format_local(int64_t, char *buf, size_t len);
/* "YYYY-MM-DD HH:MM" in Shanghai time; buf of at least 17 bytes. */
void	clock_format_minute(int64_t, char *buf, size_t len);
/* What is left from now to end, as people say it, from the catalogues: days
 * and hours from a day up, hours and minutes under a day, minutes under an
 * hour (rounded down: "1 minute" never means 59 s). */
void	clock_format_left(int64_t now, int64_t end, char *buf, size_t len);
/* "YYYY-MM-DD" in Shanghai time; buf of at least 11 bytes. */
void	clock_local_date(int64_t, char *buf, size_t len);
/* Parses "YYYY-MM-DD" (a Shanghai calendar day) into its first second, UTC. */
int	clock_parse_local_date(const char *, int64_t *start);
/* Parses "YYYY-MM-DD" (its 00:00), "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS"
 * ('T' for the space too), Shanghai time, into UTC seconds. */
int	clock_parse_local_time(const char *, int64_t *);
/* The first second (UTC) of the Shanghai day t falls in: the day a report
 * counts t in. */
int64_t	clock_day_start(int64_t t);
/* Year, month and day of a Shanghai-time instant. */
void	clock_local_ymd(int64_t, int *y, int *m, int *d);
/* Days since 1970-01-01 of a proleptic Gregorian date; -1 if the date is invalid. */
int	clock_days_from_civil(int y, int m, int d, int64_t *days);

#endif
