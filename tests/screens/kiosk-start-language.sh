#!/bin/sh
# kiosk-start-language.sh: the kiosk's start screen in Chinese, English a key
# (F2) away and back, the footer saying which.
. "$top_srcdir/tests/screen.sh"
kiosk_setup
ok $? "the kiosk starts at its start screen"
like "$screen" "电子证书申领" "it offers the certificate claim"
like "$screen" "第一管理责任人变更" "and the change of the first responsible person"
like "$screen" "F2 English" "English is a key away, and the footer says which"
keys F2
wait_for 'Press any key to start'
ok $? "F2: the start screen in English"
like "$screen" "F2 中文" "and the key back to Chinese"
keys F2
wait_for '请按任意键开始'
ok $? "F2 again: Chinese"
no_sanitizer_report

done_testing
