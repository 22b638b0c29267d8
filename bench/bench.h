/*
 * bench.h: what the benchmarks share. Each times its runs on the monotonic
 * clock, so a wall-clock step during a long run cannot skew a figure.
 */
#ifndef JSD_BENCH_H
#define JSD_BENCH_H

/* Seconds on the monotonic clock, from an arbitrary start. */
double	bench_now(void);

#endif
