# assets/: translations (compiled in by core/local.mk), sample config, demo data.
# One message file per area and language, so that parts of the program can grow
# their texts without touching each other's files. An area is listed once, here;
# its two files are AREA.zh_CN.msg and AREA.en.msg.
MSG_AREAS = \
	$(srcdir)/assets/i18n/core \
	$(srcdir)/assets/i18n/ctl \
	$(srcdir)/assets/i18n/reg \
	$(srcdir)/assets/i18n/life \
	$(srcdir)/assets/i18n/frame \
	$(srcdir)/assets/i18n/scan \
	$(srcdir)/assets/i18n/http \
	$(srcdir)/assets/i18n/code \
	$(srcdir)/assets/i18n/report \
	$(srcdir)/assets/i18n/counter \
	$(srcdir)/assets/i18n/super \
	$(srcdir)/assets/i18n/kiosk \
	$(srcdir)/assets/i18n/declare \
	$(srcdir)/assets/i18n/print
MSG_ZH_CN = $(MSG_AREAS:=.zh_CN.msg)
MSG_EN = $(MSG_AREAS:=.en.msg)
EXTRA_DIST += $(MSG_ZH_CN) $(MSG_EN)
# The sample configuration, beside where the programs look for the system's
# (kiosk/paths.c): copied to jsd.conf and edited by the hall's IT.
jsdconfdir = $(sysconfdir)/jsd-kiosk
dist_jsdconf_DATA = assets/jsd.conf.sample

# Demo register, compiled into jsdctl for "jsdctl demo".
EXTRA_DIST += assets/demo/register.csv build-aux/file2c.awk
kiosk/demo-register.c: $(srcdir)/assets/demo/register.csv $(srcdir)/build-aux/file2c.awk
	$(AM_V_GEN)$(MKDIR_P) kiosk && $(AWK) -v name=demo_register_csv -f $(srcdir)/build-aux/file2c.awk $(srcdir)/assets/demo/register.csv > $@.tmp && mv $@.tmp $@
BUILT_SOURCES += kiosk/demo-register.c
CLEANFILES += kiosk/demo-register.c

# The pinyin table (tui/pinyin.h), made from the Unicode Han database by
# mkpinyin.sh and compiled into jsd-kiosk.
EXTRA_DIST += assets/pinyin/pinyin.txt assets/pinyin/mkpinyin.sh
kiosk/pinyin-table.c: $(srcdir)/assets/pinyin/pinyin.txt $(srcdir)/build-aux/file2c.awk
	$(AM_V_GEN)$(MKDIR_P) kiosk && $(AWK) -v name=pinyin_table_txt -f $(srcdir)/build-aux/file2c.awk $(srcdir)/assets/pinyin/pinyin.txt > $@.tmp && mv $@.tmp $@
BUILT_SOURCES += kiosk/pinyin-table.c
CLEANFILES += kiosk/pinyin-table.c

# Wire formats of the remote services (core/idplat.c, core/sms.c).
EXTRA_DIST += assets/api/identity.md assets/api/sms.md

# The download declaration (core/cert-declare.c), a file per version and
# language: compiled into the core so a program shows the text of the version
# it records, and installed for anyone to read. A released version never
# changes; new wording is a new version.
declarationdir = $(pkgdatadir)/declaration
dist_declaration_DATA = assets/declaration/v1.zh_CN.txt assets/declaration/v1.en.txt
DECLARATION_C = core/declaration-v1-zh_CN.c core/declaration-v1-en.c
core/declaration-v1-zh_CN.c: $(srcdir)/assets/declaration/v1.zh_CN.txt $(srcdir)/build-aux/file2c.awk
	$(AM_V_GEN)$(MKDIR_P) core && $(AWK) -v name=cert_declare_v1_zh_CN -f $(srcdir)/build-aux/file2c.awk $(srcdir)/assets/declaration/v1.zh_CN.txt > $@.tmp && mv $@.tmp $@
core/declaration-v1-en.c: $(srcdir)/assets/declaration/v1.en.txt $(srcdir)/build-aux/file2c.awk
	$(AM_V_GEN)$(MKDIR_P) core && $(AWK) -v name=cert_declare_v1_en -f $(srcdir)/build-aux/file2c.awk $(srcdir)/assets/declaration/v1.en.txt > $@.tmp && mv $@.tmp $@
BUILT_SOURCES += $(DECLARATION_C)
CLEANFILES += $(DECLARATION_C)
# The scan-to-sign signature file (core/sign.c).
EXTRA_DIST += assets/api/signature.md
