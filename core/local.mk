# core/: the domain library. No ncurses here.
noinst_LIBRARIES += core/libjsdcore.a

core_libjsdcore_a_SOURCES = \
	core/clock.c core/clock.h \
	core/err.c core/err.h \
	core/msg.c core/msg.h \
	core/idcheck.c core/idcheck.h \
	core/text.c core/text.h core/base/utf8.h \
	core/db.h core/db-private.h core/db.c core/db-sqlite.c core/db-pg.c \
	core/reg.c core/reg.h core/reg-private.h core/regfile.c core/regfile.h \
	core/reg-backup.c core/reg-backup.h core/sealed.c core/sealed.h \
	core/reg-schema.c core/reg-roles.c core/reg-guard.c core/reg-copy.c \
	core/reg-op.c core/reg-op.h \
	core/evlog.c core/evlog.h core/evcheck.c core/evcheck.h \
	core/reg-inst.c core/reg-app.c core/reg-staff.c \
	core/adminpin.c core/adminpin.h \
	core/csv.c core/csv.h \
	core/import.c core/import.h \
	core/pwhash.c core/pwhash.h \
	core/cfg.c core/cfg.h \
	core/cert.h core/cert-private.h core/cert.c core/cert-claim.c \
	core/cert-holder.c core/cert-people.c core/cert-verify.c core/cert-pipe.c \
	core/cert-sign.c \
	core/cert-key.c \
	core/cert-declare.c core/cert-declare.h \
	core/cert-change.c core/cert-view.c core/cert-card.c \
	core/wallet.c core/wallet.h \
	core/sign.c core/sign.h \
	core/decode.cpp core/decode.h core/decode-worker.c core/decode-worker.h \
	core/decode-heavy.c core/decode-heavy.h \
	core/image.c core/image.h \
	core/http.c core/http.h \
	core/idplat.c core/idplat.h \
	core/sms.c core/sms.h \
	core/base45.c core/base45.h core/code.c core/code.h \
	core/pcode.c core/pcode.h core/regkey.c core/regkey.h \
	core/keyring.c core/keyring.h \
	core/report.c core/report.h \
	core/font.c core/font.h core/escpos.c core/escpos.h
nodist_core_libjsdcore_a_SOURCES = core/msg-zh_CN.c core/msg-en.c $(DECLARATION_C)
core_libjsdcore_a_CPPFLAGS = $(CORE_CPPFLAGS)
core_libjsdcore_a_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(PQ_CFLAGS) $(SODIUM_CFLAGS) \
	$(JANSSON_CFLAGS) $(CURL_CFLAGS) $(PNG_CFLAGS) $(JPEG_CFLAGS) $(QRENCODE_CFLAGS) \
	$(UTF8PROC_CFLAGS)
core_libjsdcore_a_CXXFLAGS = $(AM_CXXFLAGS) $(ZXING_CFLAGS)

# Everything that links the core links these too. -lstdc++ because the ZXing shim
# is C++ while the programs are linked by the C driver; -lpthread for the
# decoder's heavy passes and the verifier's writer thread.
CORE_LIBS = core/libjsdcore.a $(SQLITE_LIBS) $(PQ_LIBS) $(SODIUM_LIBS) $(JANSSON_LIBS) \
	$(CURL_LIBS) $(QRENCODE_LIBS) $(ZXING_LIBS) $(PNG_LIBS) $(JPEG_LIBS) $(UTF8PROC_LIBS) \
	-lstdc++ -lm -lpthread

BUILT_SOURCES += core/msg-zh_CN.c core/msg-en.c
CLEANFILES += core/msg-zh_CN.c core/msg-en.c
core/msg-zh_CN.c: $(MSG_ZH_CN) $(top_srcdir)/build-aux/msg2c.awk
	$(AM_V_GEN)$(MKDIR_P) core && $(AWK) -v lang=zh_CN -f $(top_srcdir)/build-aux/msg2c.awk $(MSG_ZH_CN) > $@.tmp && mv $@.tmp $@
core/msg-en.c: $(MSG_EN) $(top_srcdir)/build-aux/msg2c.awk
	$(AM_V_GEN)$(MKDIR_P) core && $(AWK) -v lang=en -f $(top_srcdir)/build-aux/msg2c.awk $(MSG_EN) > $@.tmp && mv $@.tmp $@
