# kiosk/: the programs, their commands and screens, and device inputs.
bin_PROGRAMS += jsdctl

jsdctl_SOURCES = \
	kiosk/jsdctl.c kiosk/ctl.h kiosk/ctl-util.c kiosk/paths.c kiosk/paths.h \
	kiosk/ctl-init.c kiosk/ctl-inst.c kiosk/ctl-staff.c \
	kiosk/ctl-apply.c kiosk/ctl-events.c kiosk/ctl-log.c \
	kiosk/ctl-scan.c kiosk/ctl-life.h kiosk/ctl-counter.c kiosk/ctl-holder.c \
	kiosk/ctl-decode.c kiosk/ctl-report.c
nodist_jsdctl_SOURCES = kiosk/demo-register.c
jsdctl_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(SODIUM_CFLAGS)
jsdctl_LDADD = kiosk/libjsdsrc.a $(CORE_LIBS) -lpthread

# Scanner sources (wedge, serial, camera, folder, file) into one scan event stream:
# a library because jsdctl scan and the kiosk's screens both use them.
noinst_LIBRARIES += kiosk/libjsdsrc.a
kiosk_libjsdsrc_a_SOURCES = \
	kiosk/scan.c kiosk/scan.h kiosk/wedge.c kiosk/wedge.h \
	kiosk/source-frame.c kiosk/source-frame.h \
	kiosk/source-serial.c kiosk/source-serial.h \
	kiosk/source-folder.c kiosk/source-folder.h \
	kiosk/source-camera.c kiosk/source-camera.h
kiosk_libjsdsrc_a_CFLAGS = $(AM_CFLAGS) $(JPEG_CFLAGS) -pthread

# The full-screen program: the frame (app*.c), its screens, the scanner sources.
bin_PROGRAMS += jsd-kiosk
jsd_kiosk_SOURCES = \
	kiosk/jsd-kiosk.c kiosk/app.h kiosk/app-private.h kiosk/app.c \
	kiosk/app-loop.c kiosk/screen-admin.c kiosk/paths.c kiosk/paths.h \
	kiosk/screen-super.h kiosk/screen-super.c kiosk/screen-super-events.c \
	kiosk/screen-super-export.c kiosk/screen-super-staff.c \
	kiosk/screen-counter.h kiosk/screen-login.c kiosk/screen-counter.c \
	kiosk/screen-review.c kiosk/screen-verify.c \
	kiosk/screen-kiosk.h kiosk/screen-start.c kiosk/screen-form.c \
	kiosk/screen-confirm.c kiosk/screen-ticket.c
jsd_kiosk_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS) $(SODIUM_CFLAGS) $(JANSSON_CFLAGS)
jsd_kiosk_LDADD = kiosk/libjsdsrc.a $(TUI_LIBS) $(CORE_LIBS) -lpthread
