# tests/: unit tests (C, TAP), whole-program tests (sh, TAP), decoding tests.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	TMUX_BIN='$(TMUX)'; FAKETIME_REAL='$(FAKETIME)'; ZBARIMG_BIN='$(ZBARIMG)'; \
	FAKETIME_BIN=$${FAKETIME_REAL:+'$(abs_top_srcdir)/tests/faketime.sh'}; \
	SQLITE3_BIN='$(SQLITE3)'; MANDOC_BIN='$(MANDOC)'; \
	SYSTEMD_ANALYZE_BIN='$(SYSTEMD_ANALYZE)'; \
	LAYER_CC='$(CC)'; LAYER_CORE='$(CORE_CPPFLAGS)'; \
	LAYER_TUI='$(TUI_CPPFLAGS) $(NCURSES_CFLAGS)'; LAYER_SCAN='$(SCAN_CPPFLAGS)'; \
	LAYER_CTL='$(CTL_CPPFLAGS)'; LAYER_KIOSK='$(KIOSK_CPPFLAGS) $(NCURSES_CFLAGS)'; \
	LAYER_PRINT='$(PRINT_CPPFLAGS)'; \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0; \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1; \
	export top_srcdir top_builddir TMUX_BIN FAKETIME_BIN FAKETIME_REAL ZBARIMG_BIN \
	SQLITE3_BIN MANDOC_BIN SYSTEMD_ANALYZE_BIN \
	LAYER_CC LAYER_CORE LAYER_TUI LAYER_SCAN LAYER_CTL LAYER_KIOSK LAYER_PRINT \
	ASAN_OPTIONS UBSAN_OPTIONS;

# Shell tests go in SH_TESTS, which is both run and distributed (automake
# runs a TESTS script without shipping it, and distcheck then fails).
SH_TESTS =

# The slowest tests first. make -j starts tests in TESTS order: started first,
# the shorter ones fill the cores around them; started last, one runs alone
# at the end of the run. Slowest first, each more than 10 s on PostgreSQL on
# a loaded 2-core machine (the idle ones wait out idle countdowns, the rest
# hash passwords or write 20,000 events); a test that grows this slow moves
# here from its place below. The two unit tests come before the shell tests.
TESTS += tests/unit-reg tests/unit-worker
SH_TESTS += tests/kiosk-idle-lang.sh tests/claim-kill.sh \
	tests/screens/kiosk-idle-reset.sh tests/guessing.sh tests/lifecycle.sh \
	tests/keys.sh tests/screens/counter-login-lock.sh tests/roles.sh \
	tests/screens/kiosk-admin-pin-lock.sh \
	tests/screens/kiosk-ticket-print-fail.sh \
	tests/screens/kiosk-field-refusals.sh tests/screens/kiosk-role.sh \
	tests/screens/kiosk-ticket-print.sh tests/screens/footer-whole.sh \
	tests/services.sh tests/screens/kiosk-legal-rep.sh \
	tests/screens/counter-cert-records.sh tests/screens/kiosk-pinyin.sh
TESTS += $(SH_TESTS)
EXTRA_DIST += $(SH_TESTS)

# The layers: a wrong include must not build.
SH_TESTS += tests/layers.sh

check_LIBRARIES += tests/libtap.a
tests_libtap_a_SOURCES = tests/tap.c tests/tap.h

# Tests that open a registry get theirs from tap_registry(): a file, or a
# database in the test cluster (tests/pg-cluster.sh).
check_LIBRARIES += tests/libtapreg.a
tests_libtapreg_a_SOURCES = tests/tap-registry.c

UNIT_LDADD = tests/libtapreg.a tests/libtap.a $(CORE_LIBS)

check_PROGRAMS += tests/unit-idcheck tests/unit-text tests/unit-msg \
	tests/unit-words
tests_unit_words_LDADD = $(UNIT_LDADD)
tests_unit_idcheck_LDADD = $(UNIT_LDADD)
tests_unit_text_LDADD = $(UNIT_LDADD)
tests_unit_msg_LDADD = $(UNIT_LDADD)
TESTS += tests/unit-idcheck tests/unit-text tests/unit-msg tests/unit-words

# The registry: the statement layer under it (unit-db), the lead's registry
# rules, CSV and import (unit-reg, unit-import), and the certificate lifecycle
# in-process, the clock set through clock_set() (unit-cert).
REG_UNIT_TESTS = tests/unit-db tests/unit-reg tests/unit-import tests/unit-cert
check_PROGRAMS += $(REG_UNIT_TESTS)
# unit-reg runs with the slowest, at the top.
TESTS += tests/unit-db tests/unit-import tests/unit-cert
tests_unit_db_LDADD = $(UNIT_LDADD)
tests_unit_reg_LDADD = $(UNIT_LDADD)
tests_unit_import_LDADD = $(UNIT_LDADD)
tests_unit_cert_LDADD = $(UNIT_LDADD)
check_PROGRAMS += tests/stress-apply tests/verify-twice
tests_stress_apply_LDADD = $(CORE_LIBS)
tests_verify_twice_LDADD = $(CORE_LIBS)
SH_TESTS += tests/verdict-lapse.sh tests/verdict-matter.sh \
	tests/verdict-events.sh tests/verdict-times.sh tests/verify-batch.sh \
	tests/words-zh.sh tests/ctl-words.sh tests/app-check.sh tests/app-status.sh \
	tests/screens-follow.sh \
	tests/escape-seq.sh tests/wrap-screens.sh tests/big-screens.sh \
	tests/super-stations.sh tests/app-legal-rep.sh \
	tests/declaration.sh tests/holders-multi.sh tests/sign.sh
SH_TESTS += tests/concurrency.sh tests/jsdctl.sh tests/storage.sh \
	tests/copy.sh tests/offline.sh tests/link-silent.sh \
	tests/migrate.sh tests/normalize.sh
# A claim or redeem killed at random points leaves a wallet or a usable QR:
# tests/claim-kill.sh, with the slowest at the top.
# Others get no access to the registry's files, whatever the umask.
SH_TESTS += tests/filemodes.sh
# Signed checkpoints tell a cut or recomputed log from an intact one.
SH_TESTS += tests/checkpoint.sh
# A primary's death and its standby's promotion: nothing reported done is lost
# or done twice; a lost reply is answered with the first result; reads go on
# answering through it.
SH_TESTS += tests/failover.sh tests/lost-reply.sh tests/failover-read.sh
EXTRA_DIST += tests/failover-lib.sh
# Installing: make install into a DESTDIR and the installed programs run there;
# the man pages linted and compared with the programs; the units verified.
SH_TESTS += tests/install.sh tests/man.sh tests/units.sh tests/station-stack.sh
# doctor: the configured scanners and the free disk space.
SH_TESTS += tests/doctor.sh
# signing key rotation: what a retired key signed still checks.
SH_TESTS += tests/key-rotate.sh
# backup while four processes write, checked; restore of an older copy.
SH_TESTS += tests/backup.sh
# jsd-kiosk refuses scanner settings it cannot take.
SH_TESTS += tests/kiosk-config.sh
# The certificate itself, and changes that change the register.
SH_TESTS += tests/cert-data.sh tests/cert-show.sh tests/holder-phone.sh

# Scanner sources: wedge timing, dedupe, camera frames; serial, folder and camera
# through jsdctl scan. mkqr draws the QR frames the folder test drops.
SRC_TEST_LDADD = kiosk/libjsdsrc.a $(UNIT_LDADD) -lpthread
check_PROGRAMS += tests/unit-wedge tests/unit-scan tests/unit-camera tests/mkqr
tests_unit_wedge_LDADD = $(SRC_TEST_LDADD)
tests_unit_scan_LDADD = $(SRC_TEST_LDADD)
tests_unit_camera_CFLAGS = $(AM_CFLAGS) $(JPEG_CFLAGS)
tests_unit_camera_LDADD = $(SRC_TEST_LDADD)
tests_mkqr_LDADD = $(CORE_LIBS)

# The printed ticket: its font and ESC/POS bytes (unit-escpos), and a printer's
# view of a job as a picture (escpos2png) that zbarimg reads back.
check_PROGRAMS += tests/unit-escpos tests/escpos2png
tests_unit_escpos_LDADD = $(UNIT_LDADD)
tests_escpos2png_LDADD = $(CORE_LIBS)
TESTS += tests/unit-escpos
EXTRA_DIST += tests/fake-printer.py
TESTS += tests/unit-wedge tests/unit-scan tests/unit-camera
SH_TESTS += tests/serial.sh tests/folder.sh tests/camera.sh

EXTRA_DIST += tests/lib.sh tests/tmux.sh tests/stack.sh tests/faketime.sh tests/holders.sh \
	tests/fixtures/registry-v1.sql tests/pg-cluster.sh

# Decoding: codes drawn, transformed (imgtool, shared with bench/) and decoded;
# jsdctl decode on PNG, JPEG and PGM files written by mkimage.
check_PROGRAMS += tests/unit-decode tests/mkimage tests/mkcorpus
CORPUS_SOURCES = tests/imgtool.c tests/imgtool.h tests/corpus.c tests/corpus.h
tests_unit_decode_SOURCES = tests/unit-decode.c $(CORPUS_SOURCES)
tests_unit_decode_CFLAGS = $(AM_CFLAGS) $(JPEG_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_decode_LDADD = $(UNIT_LDADD)
# The worker: crashes survived, restarts, the schedule on a slice of the corpus.
check_PROGRAMS += tests/unit-worker
tests_unit_worker_SOURCES = tests/unit-worker.c $(CORPUS_SOURCES)
tests_unit_worker_CFLAGS = $(AM_CFLAGS) $(JPEG_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_worker_LDADD = $(UNIT_LDADD)
# (run with the slowest, at the top)
tests_mkcorpus_SOURCES = tests/mkcorpus.c $(CORPUS_SOURCES)
tests_mkcorpus_CFLAGS = $(AM_CFLAGS) $(JPEG_CFLAGS) $(SODIUM_CFLAGS)
tests_mkcorpus_LDADD = $(CORE_LIBS)
tests_mkimage_SOURCES = tests/mkimage.c tests/imgtool.c tests/imgtool.h
tests_mkimage_CFLAGS = $(AM_CFLAGS) $(JPEG_CFLAGS)
tests_mkimage_LDADD = $(CORE_LIBS)
TESTS += tests/unit-decode
SH_TESTS += tests/decode.sh

# Remote services: the HTTP clients against tests/fake-service.py on loopback.
check_PROGRAMS += tests/unit-http
tests_unit_http_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_http_LDADD = $(UNIT_LDADD)
TESTS += tests/unit-http
EXTRA_DIST += tests/fake-service.py

# Codes: Base45, code texts and check digits, the signed presented QR and its
# published vectors (regenerate with tests/pcode-vectors only when the format
# changes on purpose), the signing key file and public key files.
check_PROGRAMS += tests/unit-code tests/unit-pcode tests/unit-regkey \
	tests/unit-keyring tests/pcode-vectors
tests_unit_code_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_code_LDADD = $(UNIT_LDADD)
tests_unit_pcode_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS) $(QRENCODE_CFLAGS)
tests_unit_pcode_LDADD = $(UNIT_LDADD)
tests_unit_regkey_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_regkey_LDADD = $(UNIT_LDADD)
tests_unit_keyring_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_keyring_LDADD = $(UNIT_LDADD)
tests_pcode_vectors_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
tests_pcode_vectors_LDADD = $(CORE_LIBS)
TESTS += tests/unit-code tests/unit-pcode tests/unit-regkey tests/unit-keyring
SH_TESTS += tests/pcode-vectors.sh
EXTRA_DIST += tests/vectors/pcode.txt

# Scan-to-sign's signature file and its vectors, written by a second
# implementation (tests/sign-vectors.py; regenerate only when the format
# changes on purpose).
check_PROGRAMS += tests/unit-sign
tests_unit_sign_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_sign_LDADD = $(UNIT_LDADD)
TESTS += tests/unit-sign
EXTRA_DIST += tests/vectors/sign.txt tests/sign-vectors.py

# Widgets: the pure parts by unit test; the whole toolkit through tui-harness in
# tmux. pane2img replays a captured pane through libvterm into the picture a
# dark terminal shows, for any test that decodes a QR code drawn on screen;
# qrsgr draws QR codes as a terminal would receive them, to show it can fail.
check_PROGRAMS += tests/unit-tui tests/tui-harness tests/qrsgr tests/unit-wrap
tests_unit_tui_LDADD = tests/libtap.a $(TUI_LIBS)
tests_unit_tui_SOURCES = tests/unit-tui.c
nodist_tests_unit_tui_SOURCES = kiosk/pinyin-table.c
tests_unit_wrap_LDADD = tests/libtap.a $(TUI_LIBS) $(CORE_LIBS)
tests_tui_harness_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
tests_tui_harness_LDADD = $(TUI_LIBS)
tests_qrsgr_LDADD = $(TUI_LIBS)
if HAVE_VTERM
check_PROGRAMS += tests/pane2img tests/shotcheck
tests_pane2img_SOURCES = tests/pane2img.c tests/vtpane.c tests/vtpane.h
tests_pane2img_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_pane2img_LDADD = $(VTERM_LIBS)
tests_shotcheck_SOURCES = tests/shotcheck.c tests/vtpane.c tests/vtpane.h
tests_shotcheck_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS) $(PNG_CFLAGS)
tests_shotcheck_LDADD = $(VTERM_LIBS) $(PNG_LIBS)
endif
SH_TESTS += tests/pane2img.sh
TESTS += tests/unit-tui tests/unit-wrap

# Supervisor reports: figures, charts, paging and exports on chosen events; the
# jsdctl report commands on a registry filled through jsdctl; the day summary
# the appenders keep against the events, and its backfill.
check_PROGRAMS += tests/unit-report
tests_unit_report_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_report_LDADD = $(UNIT_LDADD)
TESTS += tests/unit-report
SH_TESTS += tests/report.sh tests/daysum.sh

# The screens of jsd-kiosk in tmux, one behaviour a script (tests/screen.sh
# holds their common set-up): self-service, counter and supervisor modes, and
# the widget toolkit through tui-harness.
SCREEN_TESTS = \
	tests/screens/kiosk-start-language.sh tests/screens/kiosk-claim-other.sh \
	tests/screens/kiosk-ticket-qr.sh tests/screens/kiosk-change-form.sh \
	tests/screens/kiosk-resize.sh \
	tests/screens/kiosk-interrupt-keys.sh tests/screens/kiosk-review-back.sh \
	tests/screens/kiosk-submit-refused.sh \
	tests/screens/kiosk-admin-exit.sh \
	tests/screens/kiosk-admin-exit-ctrl-o.sh \
	tests/screens/kiosk-field-limit.sh tests/screens/kiosk-paste-typed.sh \
	tests/screens/kiosk-status.sh \
	tests/screens/kiosk-form-refused.sh \
	tests/screens/kiosk-status-wrap.sh tests/screens/kiosk-console.sh \
	tests/screens/counter-approve-claim-qr.sh \
	tests/screens/counter-verify-qr.sh tests/screens/counter-verify-serial.sh \
	tests/screens/counter-link-lost.sh tests/screens/kiosk-link-lost.sh \
	tests/screens/counter-verify-digits.sh tests/screens/counter-verify-refused.sh \
	tests/screens/counter-verify-image.sh \
	tests/screens/counter-verify-matter.sh tests/screens/counter-verify-guessing.sh \
	tests/screens/counter-history.sh tests/screens/counter-reject.sh \
	tests/screens/counter-quit.sh tests/screens/counter-review-footer.sh \
	tests/screens/counter-idcheck-wrap.sh \
	tests/screens/super-day-report.sh tests/screens/super-charts.sh \
	tests/screens/super-events.sh tests/screens/super-export.sh \
	tests/screens/super-staff.sh tests/screens/super-log-altered.sh \
	tests/screens/super-logout-quit.sh tests/screens/super-staff-toggle.sh \
	tests/screens/tui-edit.sh tests/screens/tui-ignored-keys.sh \
	tests/screens/tui-resize.sh tests/screens/tui-long-paste.sh \
	tests/screens/tui-choice-dialog.sh tests/screens/tui-qr.sh \
	tests/screens/tui-submit.sh tests/screens/tui-submit-checks.sh \
	tests/screens/tui-form-scroll.sh tests/screens/tui-idle.sh \
	tests/screens/tui-qr-mono.sh tests/screens/tui-qr-big.sh \
	tests/screens/counter-claim-qr-big.sh tests/screens/counter-verify-big.sh \
	tests/screens/counter-cert-open.sh tests/screens/counter-cert-scan.sh \
	tests/screens/counter-cert-name.sh \
	tests/screens/counter-cert-rep.sh tests/screens/counter-cert-phone.sh \
	tests/screens/counter-cert-scan-code.sh \
	tests/screens/counter-verify-card.sh
SH_TESTS += $(SCREEN_TESTS)
EXTRA_DIST += tests/screen.sh

# The screens' key tables on a terminal without function keys: the stand-ins
# in the footer and taken, a claim through to its approval without an F-key,
# and a key that does not apply neither shown nor taken: tests/keys.sh, with
# the slowest at the top.
