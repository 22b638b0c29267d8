# verdict-times.sh: a verdict's period is shown to the minute in Shanghai
# time, and what is left of it as people say it: with a minute left it says
# one minute, never "1 day"; under a day, hours and minutes.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/holders.sh"

end=86400	# 2026-12-01 08:00 in Shanghai
holders_setup 0 $end tax
at $((end - 240)) holder present --wallet "$W/user" --as qr
pqr=$(last)
at $((end - 60)) verify "$pqr"
like "$out" "2026-11-30 08:00 - 2026-12-01 08:00" "the period is given to the minute"
like "$out" "\(1 minutes left\)" "with one minute left it says so"
unlike "$out" "day" "and says nothing of days"
at $((end - 240)) holder present --wallet "$W/user" --as digits
dig=$(last)
JSD_LANG=zh_CN at $((end - 60)) verify --digits "$dig"
like "$out" "剩余 1 分钟" "in Chinese too"
unlike "$out" "天" "without a day"
at $((end - 9000)) holder present --wallet "$W/user" --as digits
dig=$(last)
at $((end - 8940)) --json verify --digits "$dig"
like "$out" '"seconds_left": 8940' "JSON gives the seconds left"
at $((end - 8940)) verify --digits "$dig"
like "$out" "\(2 hours 29 minutes left\)" "under a day, hours and minutes"
done_testing
