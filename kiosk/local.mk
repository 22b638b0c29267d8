# kiosk/: the programs, their commands and screens, and device inputs.
bin_PROGRAMS += jsdctl

jsdctl_SOURCES = \
	kiosk/jsdctl.c kiosk/ctl.h kiosk/ctl-util.c kiosk/paths.c kiosk/paths.h \
	kiosk/ctl-init.c kiosk/ctl-inst.c kiosk/ctl-staff.c \
	kiosk/ctl-apply.c kiosk/ctl-events.c
nodist_jsdctl_SOURCES = kiosk/demo-register.c
jsdctl_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
jsdctl_LDADD = $(CORE_LIBS)
