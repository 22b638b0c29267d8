#!/bin/sh
# footer-whole.sh: a footer item is shown whole or not at all. The
# supervisor's day report charts have more keys than 80 columns hold; from 80
# to 86 columns (a terminal grows; the frame needs 80), in English and in Chinese, every item the footer shows is a key
# name and a whole label of the catalogue (a cut item would show "K", "K K" or
# "K 类" at the end), and the item left out at 80 is shown at 200 columns.
. "$top_srcdir/tests/screen.sh"
# The footer's items, one a line: the pane's last line, items apart by two
# spaces or more, each a key name, a space and its label.
footer_items() {
	printf '%s\n' "$screen" | tail -n 1 | sed 's/^ *//; s/ *$//; s/   */\n/g'
}
# cut_items LANG: the footer's items in $screen without a whole label of LANG.
cut_items() {
	_bad=
	while IFS= read -r _item; do
		_label=${_item#* }
		[ "$_label" != "$_item" ] && grep -qxF -- "$_label" "$T/values.$1" ||
		    _bad="$_bad [$_item]"
	done <<-END
	$(footer_items)
	END
	printf '%s' "$_bad"
}
# whole LANG WIDTH: at WIDTH columns every item has a whole label of LANG. A
# capture may catch the redraw half-way: a cut is one that stays.
whole() {
	tm resize-window -t "$ses" -x "$2" -y 24
	_try=0
	while [ $_try -lt 10 ]; do
		sleep 0.3
		screen=$(pane)
		_cut=$(cut_items "$1")
		[ -z "$_cut" ] && break
		_try=$((_try + 1))
	done
	is "$_cut" "" "at $2 columns ($1) every footer item is whole"
}
# charts_whole LANG LAST: on the day report's charts (F3), LAST ends the
# footer at 200 columns; from 80 to 86 every item is whole; at 200 again,
# LAST is back.
charts_whole() {
	tm resize-window -t "$ses" -x 200 -y 60
	keys F3
	wait_for "$2 *\$"
	ok $? "the day report's charts ($1): at 200 columns, $2 last"
	for w in 80 81 82 83 84 85 86; do
		whole "$1" $w
	done
	tm resize-window -t "$ses" -x 200 -y 60
	wait_for "$2 *\$"
	ok $? "back at 200 columns, $2 last again"
}
for _lang in en zh_CN; do
	cat "$top_srcdir"/assets/i18n/*."$_lang".msg |
	    sed -n 's/^[a-z_.]* = //p' >"$T/values.$_lang"
done

super_setup --no-activity
charts_whole en 'K Kind'

run_program zh_CN "$JSD_KIOSK" --mode supervisor --station super-1
wait_for '监管：登录'
typed super1
keys Enter
sleep 0.2
typed jsd-demo-super
keys Enter
wait_for '主管：日报'
ok $? "logged in in Chinese: the day report"
charts_whole zh_CN 'K 类型'
no_sanitizer_report

done_testing
