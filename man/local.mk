# man/: the manual pages (mdoc), linted and compared with the programs by
# tests/man.sh: every configuration key, jsdctl command and option is in them.
dist_man1_MANS = man/jsd-kiosk.1 man/jsdctl.1
dist_man5_MANS = man/jsd-kiosk.conf.5
