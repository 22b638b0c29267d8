#!/bin/sh
# kiosk-pinyin.sh: a kiosk has no input method (cage has none), so the form's
# free-text fields take Chinese by its pinyin: letters compose, the candidates
# show under the field numbered, a digit picks, a name typed whole is offered
# syllable by syllable, '=' and '-' turn pages, Backspace and Esc undo, Enter
# types the letters themselves, and letters that read as nothing stay letters;
# the name typed so is the one submitted. (On the English form letters are letters:
# kiosk-paste-typed.sh.)
. "$top_srcdir/tests/screen.sh"
kiosk_setup
kiosk_other_form
keys Tab
wait_for '输入拼音，按数字选字'
ok $? "the name field says how to type Chinese"

typed zhang
wait_for 'zhang 1长 2张 3章'
ok $? "letters show the characters they read as, numbered"
keys 2
wait_for '责任人姓名 +张 *$'
ok $? "a digit puts its character in the field"
unlike "$screen" "zhang" "and the letters are gone"

typed xiaohua
wait_for 'xiaohua 1小 2笑'
ok $? "a name typed whole is offered by its first syllable"
keys 1
wait_for 'hua 1话 2化 3花'
ok $? "then the next"
keys =
wait_for '<hua 1'
ok $? "'=' shows the next page"
unlike "$screen" "hua 1话" "without the first"
keys -
wait_for '[^<]hua 1话'
ok $? "'-' the one before"
keys 8
wait_for '责任人姓名 +张小华 *$'
ok $? "three characters typed by their pinyin"

typed li
wait_for 'li 1'
keys BSpace
wait_for 'l *$'
ok $? "Backspace takes back a letter"
keys Escape
wait_for '输入拼音，按数字选字'
ok $? "Esc drops the letters, and the form stays"
like "$screen" "责任人姓名 +张小华 *$" "the name as it was"

typed ab
wait_for 'ab'
keys Enter
wait_for '责任人姓名 +张小华ab'
ok $? "Enter types the letters themselves"
keys BSpace BSpace
wait_for '责任人姓名 +张小华 *$'
# Letters that read as no syllable are letters: a space after them is typed.
typed "vx 1"
wait_for '责任人姓名 +张小华vx 1'
ok $? "letters that read as nothing, then a space: typed as they are"
keys BSpace BSpace BSpace BSpace
wait_for '责任人姓名 +张小华 *$'

keys Tab
typed 11010519491231002X
keys Tab
typed 13912345678
keys Tab
typed 110118198312055029
keys Tab
typed 13800000001
keys F10
wait_for '责任人姓名 +张小华'
keys F10
wait_for '您的申请号'
no=$(ticket_number)
app_show --json "$no"
is "$(field frp_name)" '"张小华"' "the application holds the name typed by pinyin"
no_sanitizer_report

done_testing
