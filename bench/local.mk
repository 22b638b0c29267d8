# bench/: benchmarks, run by hand with "make bench"; they print figures, assert
# nothing. Add a program to BENCHES (built only for "make bench"); each
# runs as "PROGRAM bench-data", bench-data being a scratch directory it may use.
# bench/bench.c (the stopwatch) is linked into each program that times itself.
EXTRA_PROGRAMS += bench/bench-apply
BENCHES = bench/bench-apply
bench_bench_apply_SOURCES = bench/bench-apply.c bench/bench.c bench/bench.h
bench_bench_apply_LDADD = $(CORE_LIBS)
EXTRA_DIST += bench/bench-jsdctl.sh bench/bench-screens.sh bench/bench-stations.sh \
	bench/bench-claim-kill.sh bench/bench-verify.sh bench/bench-report.sh \
	bench/bench-pg.sh bench/bench-failover.sh bench/bench-stack.sh \
	bench/bench-install.sh
CLEANFILES += $(BENCHES)

.PHONY: bench
# The stack's benchmark checks the screen with the tests' shotcheck.
if HAVE_VTERM
BENCH_STACK_TOOLS = tests/shotcheck
endif
bench: $(BENCHES) $(BENCH_TOOLS) $(BENCH_STACK_TOOLS) jsdctl jsd-kiosk
	@mkdir -p bench-data
	@for b in $(BENCHES); do echo "== $$b"; ./$$b bench-data || exit 1; done
	@echo "== bench/bench-verify.sh"; $(SHELL) $(srcdir)/bench/bench-verify.sh .
	@echo "== bench/bench-report.sh"; $(SHELL) $(srcdir)/bench/bench-report.sh .
	@echo "== bench/bench-jsdctl.sh"; $(SHELL) $(srcdir)/bench/bench-jsdctl.sh .
	@echo "== bench/bench-screens.sh"; $(SHELL) $(srcdir)/bench/bench-screens.sh .
	@echo "== bench/bench-stations.sh"
	@$(SHELL) $(srcdir)/bench/bench-stations.sh --seconds 30 .
	@echo "== bench/bench-claim-kill.sh"
	@$(SHELL) $(srcdir)/bench/bench-claim-kill.sh .
	@echo "== bench/bench-failover.sh"; $(SHELL) $(srcdir)/bench/bench-failover.sh .
	@echo "== bench/bench-stack.sh"; $(SHELL) $(srcdir)/bench/bench-stack.sh .

# From the Debian packages' install to a running kiosk on a clean Debian 12
# (debootstrap): as root, with the network, minutes long, so not in "make bench".
.PHONY: bench-install
bench-install:
	@mkdir -p bench-data
	$(SHELL) $(srcdir)/bench/bench-install.sh --dir bench-data/install

# Our decoder against zbar (when installed) on the same camera-like frames.
EXTRA_PROGRAMS += bench/bench-decode
BENCHES += bench/bench-decode
bench_bench_decode_SOURCES = bench/bench-decode.c tests/imgtool.c tests/imgtool.h \
	tests/corpus.c tests/corpus.h
bench_bench_decode_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests
bench_bench_decode_CFLAGS = $(AM_CFLAGS) $(JPEG_CFLAGS) $(SODIUM_CFLAGS)
bench_bench_decode_LDADD = $(CORE_LIBS)
if HAVE_ZBAR
bench_bench_decode_CPPFLAGS += -DHAVE_ZBAR $(ZBAR_CFLAGS)
bench_bench_decode_LDADD += $(ZBAR_LIBS)
endif

# Verifications per second against 100,000 certificates and 1,000,000 usage records.
# Run by bench/bench-verify.sh, on SQLite and on PostgreSQL.
EXTRA_PROGRAMS += bench/bench-verify
BENCH_TOOLS = bench/bench-verify
CLEANFILES += $(BENCH_TOOLS)
bench_bench_verify_SOURCES = bench/bench-verify.c bench/bench.c bench/bench.h
bench_bench_verify_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
bench_bench_verify_LDADD = $(CORE_LIBS)

# Supervisor reports over 10 million events (the registry is built once and kept
# in bench-data/).
EXTRA_PROGRAMS += bench/bench-report
BENCHES += bench/bench-report
bench_bench_report_SOURCES = bench/bench-report.c bench/bench.c bench/bench.h
bench_bench_report_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
bench_bench_report_LDADD = $(CORE_LIBS)

# What the event log's signed checkpoints cost: making one, writes, verify.
EXTRA_PROGRAMS += bench/bench-checkpoint
BENCHES += bench/bench-checkpoint
bench_bench_checkpoint_SOURCES = bench/bench-checkpoint.c bench/bench.c bench/bench.h
bench_bench_checkpoint_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
bench_bench_checkpoint_LDADD = $(CORE_LIBS)

# One station of bench/bench-stations.sh's mixed workload.
EXTRA_PROGRAMS += bench/bench-station
BENCH_TOOLS += bench/bench-station
bench_bench_station_SOURCES = bench/bench-station.c bench/bench.c bench/bench.h
bench_bench_station_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
bench_bench_station_LDADD = $(CORE_LIBS)
