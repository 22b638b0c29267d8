#!/bin/sh
# tui-ignored-keys.sh: Ctrl-C, Ctrl-Z and Ctrl-\ are ignored by the toolkit's
# loop: editing goes on and the program does not exit.
. "$top_srcdir/tests/screen.sh"
harness_start
type_text '123455'
keys Tab
type_text '北京'
wait_for 'Name 名称 北京'
keys C-c
keys C-z
keys 'C-\'
type_text 'x'
wait_for 'Name 名称 北京x'
ok $? "still running and editing after Ctrl-C, Ctrl-Z, Ctrl-\\"
still_running "harness did not exit"
no_sanitizer_report

done_testing
