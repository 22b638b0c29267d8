# kiosk/: the two programs (jsdctl.c, jsd-kiosk.c and the paths they share) and
# their parts, a folder each: ctl/ jsdctl's commands, scan/ the scanner sources
# (both programs), frame/ the full-screen program's frame, screens/ its screens,
# a file each, named by mode (kiosk-, counter-, staff-, super-).
bin_PROGRAMS += jsdctl

jsdctl_SOURCES = \
	kiosk/jsdctl.c kiosk/paths.c kiosk/paths.h \
	kiosk/ctl/ctl.h kiosk/ctl/ctl-util.c kiosk/ctl/ctl-list.c kiosk/ctl/ctl-list.h \
	kiosk/ctl/ctl-init.c kiosk/ctl/ctl-inst.c kiosk/ctl/ctl-staff.c \
	kiosk/ctl/ctl-kiosk.c \
	kiosk/ctl/ctl-apply.c kiosk/ctl/ctl-events.c kiosk/ctl/ctl-log.c kiosk/ctl/ctl-backup.c \
	kiosk/ctl/ctl-doctor.c \
	kiosk/ctl/ctl-scan.c kiosk/ctl/ctl-life.h kiosk/ctl/ctl-counter.c kiosk/ctl/ctl-sign.c \
	kiosk/ctl/ctl-key.c \
	kiosk/ctl/ctl-cert.c kiosk/ctl/ctl-people.c \
	kiosk/ctl/ctl-holder.c kiosk/ctl/ctl-decode.c kiosk/ctl/ctl-report.c \
	kiosk/ctl/ctl-copy.c kiosk/ctl/ctl-declare.c kiosk/ctl/ctl-declare.h
nodist_jsdctl_SOURCES = kiosk/demo-register.c
jsdctl_CPPFLAGS = $(CTL_CPPFLAGS)
jsdctl_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(SODIUM_CFLAGS)
jsdctl_LDADD = kiosk/libjsdsrc.a $(CORE_LIBS) -lpthread

# Scanner sources (serial, camera, folder, file: one interface, source.h; and the
# keyboard wedge) into one scan event stream: a library because jsdctl scan and
# the kiosk's frame both use them.
noinst_LIBRARIES += kiosk/libjsdsrc.a
kiosk_libjsdsrc_a_SOURCES = \
	kiosk/scan/scan.c kiosk/scan/scan.h kiosk/scan/wedge.c kiosk/scan/wedge.h \
	kiosk/scan/source.c kiosk/scan/source.h \
	kiosk/scan/source-frame.c kiosk/scan/source-frame.h \
	kiosk/scan/source-file.c kiosk/scan/source-file.h \
	kiosk/scan/source-serial.c kiosk/scan/source-serial.h \
	kiosk/scan/source-folder.c kiosk/scan/source-folder.h \
	kiosk/scan/source-camera.c kiosk/scan/source-camera.h
kiosk_libjsdsrc_a_CPPFLAGS = $(SCAN_CPPFLAGS)
kiosk_libjsdsrc_a_CFLAGS = $(AM_CFLAGS) $(JPEG_CFLAGS) -pthread

# The full-screen program: the frame, its screens, the scanner sources.
bin_PROGRAMS += jsd-kiosk
jsd_kiosk_SOURCES = \
	kiosk/jsd-kiosk.c kiosk/paths.c kiosk/paths.h \
	kiosk/frame/frame.h kiosk/frame/frame-private.h kiosk/frame/frame.c \
	kiosk/frame/frame-loop.c kiosk/frame/frame-keys.c kiosk/frame/frame-admin.c \
	kiosk/screens/kiosk.h kiosk/screens/kiosk.c kiosk/screens/kiosk-start.c \
	kiosk/screens/kiosk-form.c kiosk/screens/kiosk-confirm.c \
	kiosk/screens/kiosk-ticket.c kiosk/screens/kiosk-status.c \
	kiosk/screens/staff-login.c \
	kiosk/screens/counter.h kiosk/screens/counter.c kiosk/screens/counter-queue.c \
	kiosk/screens/counter-review.c kiosk/screens/counter-verify.c \
	kiosk/screens/counter-cert.c \
	kiosk/screens/super.h kiosk/screens/super.c kiosk/screens/super-day.c \
	kiosk/screens/super-events.c kiosk/screens/super-export.c \
	kiosk/screens/super-staff.c kiosk/screens/super-kiosks.c
nodist_jsd_kiosk_SOURCES = kiosk/pinyin-table.c
jsd_kiosk_CPPFLAGS = $(KIOSK_CPPFLAGS)
jsd_kiosk_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS) $(SODIUM_CFLAGS) $(JANSSON_CFLAGS)
jsd_kiosk_LDADD = kiosk/libjsdsrc.a kiosk/libjsdprint.a $(TUI_LIBS) $(CORE_LIBS) \
	-lpthread

# The receipt printer (print/): the device, and the ticket drawn for it. A
# library of its own so that it is compiled without ncurses, like the core.
noinst_LIBRARIES += kiosk/libjsdprint.a
kiosk_libjsdprint_a_SOURCES = \
	kiosk/print/printer.c kiosk/print/printer.h \
	kiosk/print/print-ticket.c kiosk/print/print-ticket.h
kiosk_libjsdprint_a_CPPFLAGS = $(PRINT_CPPFLAGS)
kiosk_libjsdprint_a_CFLAGS = $(AM_CFLAGS) -pthread
