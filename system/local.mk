# system/: what a hall's machine needs beside the programs, and debian/, which
# packages them. The unit starts the screens at boot; the udev rule is an
# example to adapt (vendor and product IDs), so it goes with the examples, not
# into udev's folder.
systemdsystemunit_DATA = system/jsd-kiosk@.service
EXTRA_DIST += system/jsd-kiosk@.service.in
CLEANFILES += system/jsd-kiosk@.service
system/jsd-kiosk@.service: $(srcdir)/system/jsd-kiosk@.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) system && \
	sed -e 's|@bindir[@]|$(bindir)|g' $(srcdir)/system/jsd-kiosk@.service.in > $@.tmp && \
	mv $@.tmp $@

examplesdir = $(docdir)/examples
dist_examples_DATA = system/70-jsd-kiosk.rules

# distcheck installs under its own prefix: the units go there too.
AM_DISTCHECK_CONFIGURE_FLAGS = \
	--with-systemdsystemunitdir=$$dc_install_base/$(systemdsystemunitdir)

# The Debian packaging travels with the release, so that the packages build
# from the tarball as from the tree (dpkg-buildpackage -us -uc -b).
EXTRA_DIST += debian/changelog debian/control debian/copyright debian/rules \
	debian/source/format debian/jsd.conf debian/jsd-kiosk.dirs \
	debian/jsd-kiosk.docs debian/jsd-kiosk.install debian/jsd-kiosk.postinst \
	debian/jsd-kiosk.postrm
