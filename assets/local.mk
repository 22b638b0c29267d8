# assets/: translations (compiled in by core/local.mk), sample config, demo data.
# One message file per area and language, so that parts of the program can grow
# their texts without touching each other's files. Add a new area to both lists.
MSG_ZH_CN = \
	$(srcdir)/assets/i18n/core.zh_CN.msg \
	$(srcdir)/assets/i18n/ctl.zh_CN.msg \
	$(srcdir)/assets/i18n/reg.zh_CN.msg \
	$(srcdir)/assets/i18n/life.zh_CN.msg \
	$(srcdir)/assets/i18n/frame.zh_CN.msg \
	$(srcdir)/assets/i18n/scan.zh_CN.msg \
	$(srcdir)/assets/i18n/http.zh_CN.msg \
	$(srcdir)/assets/i18n/code.zh_CN.msg \
	$(srcdir)/assets/i18n/report.zh_CN.msg \
	$(srcdir)/assets/i18n/counter.zh_CN.msg \
	$(srcdir)/assets/i18n/super.zh_CN.msg \
	$(srcdir)/assets/i18n/kiosk.zh_CN.msg
MSG_EN = \
	$(srcdir)/assets/i18n/core.en.msg \
	$(srcdir)/assets/i18n/ctl.en.msg \
	$(srcdir)/assets/i18n/reg.en.msg \
	$(srcdir)/assets/i18n/life.en.msg \
	$(srcdir)/assets/i18n/frame.en.msg \
	$(srcdir)/assets/i18n/scan.en.msg \
	$(srcdir)/assets/i18n/http.en.msg \
	$(srcdir)/assets/i18n/code.en.msg \
	$(srcdir)/assets/i18n/report.en.msg \
	$(srcdir)/assets/i18n/counter.en.msg \
	$(srcdir)/assets/i18n/super.en.msg \
	$(srcdir)/assets/i18n/kiosk.en.msg
EXTRA_DIST += $(MSG_ZH_CN) $(MSG_EN)
dist_pkgdata_DATA += assets/jsd.conf.sample

# Demo register, compiled into jsdctl for "jsdctl demo".
EXTRA_DIST += assets/demo/register.csv build-aux/file2c.awk
kiosk/demo-register.c: $(srcdir)/assets/demo/register.csv $(srcdir)/build-aux/file2c.awk
	$(AM_V_GEN)$(MKDIR_P) kiosk && $(AWK) -v name=demo_register_csv -f $(srcdir)/build-aux/file2c.awk $(srcdir)/assets/demo/register.csv > $@.tmp && mv $@.tmp $@
BUILT_SOURCES += kiosk/demo-register.c
CLEANFILES += kiosk/demo-register.c

# Wire formats of the remote services (core/idplat.c, core/sms.c).
EXTRA_DIST += assets/api/identity.md assets/api/sms.md
