# fuzz/: one libFuzzer entry point per parser of untrusted input (tmux's fuzz/).
# make check replays each target over its corpus (fuzz/corpus/NAME/), so the
# seeds and any crash once found and added there stay fixed. With
# --enable-fuzzers (CC=clang) the targets are built as real fuzzers instead:
#   ./fuzz/fuzz-code -dict=$(srcdir)/fuzz/fuzz-code.dict $(srcdir)/fuzz/corpus/code
FUZZ_TARGETS = fuzz/fuzz-code fuzz/fuzz-csv fuzz/fuzz-cfg fuzz/fuzz-http \
	fuzz/fuzz-text fuzz/fuzz-sign fuzz/fuzz-scan
if ENABLE_FUZZERS
FUZZ_MAIN =
else
FUZZ_MAIN = fuzz/replay.c
endif
FUZZ_COMMON = fuzz/fuzz.c fuzz/fuzz.h $(FUZZ_MAIN)
fuzz_fuzz_code_SOURCES = fuzz/fuzz-code.c $(FUZZ_COMMON)
fuzz_fuzz_csv_SOURCES = fuzz/fuzz-csv.c $(FUZZ_COMMON)
fuzz_fuzz_cfg_SOURCES = fuzz/fuzz-cfg.c $(FUZZ_COMMON)
fuzz_fuzz_http_SOURCES = fuzz/fuzz-http.c $(FUZZ_COMMON)
fuzz_fuzz_http_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
fuzz_fuzz_text_SOURCES = fuzz/fuzz-text.c $(FUZZ_COMMON)
fuzz_fuzz_sign_SOURCES = fuzz/fuzz-sign.c $(FUZZ_COMMON)
fuzz_fuzz_sign_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
fuzz_fuzz_scan_SOURCES = fuzz/fuzz-scan.c $(FUZZ_COMMON)
if ENABLE_FUZZERS
noinst_PROGRAMS += $(FUZZ_TARGETS)
FUZZER_LINK = $(AM_LDFLAGS) -fsanitize=fuzzer
else
check_PROGRAMS += $(FUZZ_TARGETS)
FUZZER_LINK = $(AM_LDFLAGS)
SH_TESTS += fuzz/replay.sh
endif
fuzz_fuzz_code_LDADD = $(CORE_LIBS)
fuzz_fuzz_csv_LDADD = $(CORE_LIBS)
fuzz_fuzz_cfg_LDADD = $(CORE_LIBS)
fuzz_fuzz_http_LDADD = $(CORE_LIBS)
fuzz_fuzz_text_LDADD = $(CORE_LIBS)
fuzz_fuzz_sign_LDADD = $(CORE_LIBS)
fuzz_fuzz_scan_LDADD = $(CORE_LIBS)
fuzz_fuzz_code_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_csv_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_cfg_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_http_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_text_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_sign_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_scan_LDFLAGS = $(FUZZER_LINK)
EXTRA_DIST += fuzz/replay.sh fuzz/corpus fuzz/fuzz-code.dict fuzz/fuzz-http.dict \
	fuzz/fuzz-code.options fuzz/fuzz-http.options fuzz/fuzz-scan.options
