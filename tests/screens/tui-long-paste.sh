#!/bin/sh
# tui-long-paste.sh: pasting more than a field's view holds scrolls it by
# whole wide characters; Home and End scroll back and forth.
. "$top_srcdir/tests/screen.sh"
harness_start
keys Tab
type_text '北京区试中'
wait_for 'Name 名称 北京区试中'
keys End
type_text '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十'
wait_for '九十 *$'; ok $? "long paste: view scrolled to the cursor"
keys Home
wait_for 'Name 名称 北京区试中一二'; ok $? "Home scrolls back to the start"
keys End BSpace
type_text 'Z'
wait_for '九Z *$'; ok $? "backspace and typing at the far end of a scrolled field"
no_sanitizer_report

done_testing
