# tests/: unit tests (C, TAP), whole-program tests (sh, TAP), decoding tests.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	TMUX_BIN='$(TMUX)'; FAKETIME_BIN='$(FAKETIME)'; ZBARIMG_BIN='$(ZBARIMG)'; \
	SQLITE3_BIN='$(SQLITE3)'; \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0; \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1; \
	export top_srcdir top_builddir TMUX_BIN FAKETIME_BIN ZBARIMG_BIN SQLITE3_BIN \
	ASAN_OPTIONS UBSAN_OPTIONS;

check_LIBRARIES += tests/libtap.a
tests_libtap_a_SOURCES = tests/tap.c tests/tap.h

UNIT_LDADD = tests/libtap.a $(CORE_LIBS)

check_PROGRAMS += tests/unit-idcheck tests/unit-text tests/unit-msg
tests_unit_idcheck_LDADD = $(UNIT_LDADD)
tests_unit_text_LDADD = $(UNIT_LDADD)
tests_unit_msg_LDADD = $(UNIT_LDADD)
TESTS += tests/unit-idcheck tests/unit-text tests/unit-msg

EXTRA_DIST += tests/lib.sh
