# tui/: ncurses widgets and the event loop. Nothing about certificates here.
noinst_LIBRARIES += tui/libjsdtui.a
tui_libjsdtui_a_SOURCES = \
	tui/tw.c tui/tw.h tui/edit.c tui/edit.h tui/qrgrid.c tui/qrgrid.h \
	tui/countdown.c tui/countdown.h \
	tui/widget.c tui/widget.h tui/tty.c tui/tty.h tui/loop.c tui/loop.h \
	tui/field.c tui/field.h tui/choice.c tui/choice.h tui/form.c tui/form.h \
	tui/list.c tui/list.h tui/footer.c tui/footer.h tui/dialog.c tui/dialog.h \
	tui/chart.c tui/chart.h tui/qrview.c tui/qrview.h tui/pinyin.c tui/pinyin.h
tui_libjsdtui_a_CPPFLAGS = $(TUI_CPPFLAGS)
tui_libjsdtui_a_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS) $(QRENCODE_CFLAGS)

# Programs that use the widgets link these.
TUI_LIBS = tui/libjsdtui.a $(NCURSES_LIBS) $(QRENCODE_LIBS)
