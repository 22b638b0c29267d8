# bench/: benchmarks, run by hand with "make bench"; they print figures, assert nothing.
