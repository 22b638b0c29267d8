/*
 * tap.h: a minimal Test Anything Protocol emitter for the C unit tests, read by
 * automake's tap-driver.sh. Each check prints "ok N - what" or "not ok N - what";
 * tap_done() prints the plan and returns the exit status.
 */
#ifndef JSD_TAP_H
#define JSD_TAP_H

#include <stdint.h>

int	tap_ok(int, const char *file, int line, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
int	tap_is_str(const char *got, const char *want, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int	tap_is_int(int64_t got, int64_t want, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void	tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	tap_skip_all(const char *why) __attribute__((noreturn));
int	tap_done(void);
/* A fresh registry target for a test: the file name in dir or, when
 * JSD_TEST_BACKEND=pg (tests/pg-cluster.sh run), a new database in the test
 * cluster, left for the cluster's end to remove. */
const char *tap_registry(const char *dir, const char *name);
/* A fresh empty directory under TMPDIR, removed by nothing: tests clean up. */
const char *tap_tmpdir(void);

#define ok(c, ...)		tap_ok(!!(c), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(g, w, ...)	tap_is_str((g), (w), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(g, w, ...)	tap_is_int((g), (w), __FILE__, __LINE__, __VA_ARGS__)

#endif
