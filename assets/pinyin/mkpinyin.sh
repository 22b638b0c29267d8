#!/bin/sh
# mkpinyin.sh: makes pinyin.txt, the kiosk's pinyin table, from the Unicode
# Han database (Debian's unicode-data: /usr/share/unicode/Unihan_*.txt.bz2).
#   mkpinyin.sh [UNIHAN-FOLDER] > pinyin.txt
# Characters: the 8,105 of the Table of General Standard Chinese Characters
# (kTGHZ2013), which names registered since 2013 must use, with every reading
# that table gives. Each syllable's characters are ordered as a person typing
# a name expects the likely one first: by how often the character is read so
# in modern text (kHanyuPinlu), then by general frequency (kFrequency), then
# GB 2312 level 1 before level 2 (kGB0), then by code point. Tones are
# dropped and "ü" is typed "v", as on every Chinese keyboard; the readings
# no keyboard spells ("ê", a lone "m" with its tone mark) are left out.
set -eu
dir=${1:-/usr/share/unicode}
LC_ALL=C
export LC_ALL
{
	bzcat "$dir/Unihan_Readings.txt.bz2" | grep -E '	(kTGHZ2013|kHanyuPinlu)	'
	bzcat "$dir/Unihan_DictionaryLikeData.txt.bz2" | grep '	kFrequency	'
	bzcat "$dir/Unihan_OtherMappings.txt.bz2" | grep '	kGB0	'
} | sed -e 's/ā/a/g' -e 's/á/a/g' -e 's/ǎ/a/g' -e 's/à/a/g' -e 's/ē/e/g' -e 's/é/e/g' -e 's/ě/e/g' -e 's/è/e/g' -e 's/ī/i/g' -e 's/í/i/g' -e 's/ǐ/i/g' -e 's/ì/i/g' -e 's/ō/o/g' -e 's/ó/o/g' -e 's/ǒ/o/g' -e 's/ò/o/g' -e 's/ū/u/g' -e 's/ú/u/g' -e 's/ǔ/u/g' -e 's/ù/u/g' -e 's/ǖ/v/g' -e 's/ǘ/v/g' -e 's/ǚ/v/g' -e 's/ǜ/v/g' -e 's/ü/v/g' -e 's/ń/n/g' -e 's/ň/n/g' -e 's/ǹ/n/g' -e 's/ḿ/m/g' | awk -F '\t' '
function hex(s,   i, v) {
	v = 0
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1
	return v
}
$2 == "kTGHZ2013" {
	n = split($3, r, " ")
	for (i = 1; i <= n; i++) {
		sub(/^[0-9.,]*:/, "", r[i])
		m = split(r[i], t, ",")
		for (j = 1; j <= m; j++)
			if (t[j] ~ /^[a-z]+$/)
				read[$1 SUBSEP t[j]] = 1
	}
}
$2 == "kHanyuPinlu" {
	n = split($3, r, " ")
	for (i = 1; i <= n; i++) {
		split(r[i], t, "(")
		sub(/\)/, "", t[2])
		pinlu[$1 SUBSEP t[1]] += t[2]
	}
}
$2 == "kFrequency" { freq[$1] = $3 }
$2 == "kGB0" { gb[$1] = (substr($3, 1, 2) + 0 <= 55) ? 1 : 2 }
END {
	for (k in read) {
		split(k, p, SUBSEP)
		f = (p[1] in freq) ? freq[p[1]] : 6
		g = (p[1] in gb) ? gb[p[1]] : 3
		printf "%s\t%d\t%d\t%d\t%06d\t%s\n", p[2], 99999999 - pinlu[k], f, g,
		    hex(substr(p[1], 3)), p[1]
	}
}' | sort -t '	' -k1,1 -k2,2n -k3,3n -k4,4n -k5,5 | awk -F '\t' '
BEGIN {
	print "# pinyin.txt: the kiosk'"'"'s pinyin table, made by mkpinyin.sh from the"
	print "# Unicode Han database (Unicode 15.0, Unihan: kTGHZ2013, kHanyuPinlu,"
	print "# kFrequency, kGB0). One syllable a line, toneless, \"v\" for \"ü\","
	print "# then its characters, the likeliest first. Do not edit: regenerate."
}
function flush() { if (cur != "") print cur " " out }
# UTF-8 of a code point of the Basic or Supplementary planes, byte by byte.
function utf8(c) {
	if (c < 65536)
		return sprintf("%c%c%c", 224 + int(c / 4096),
		    128 + int(c / 64) % 64, 128 + c % 64)
	return sprintf("%c%c%c%c", 240 + int(c / 262144),
	    128 + int(c / 4096) % 64, 128 + int(c / 64) % 64, 128 + c % 64)
}
$1 != cur { flush(); cur = $1; out = "" }
{ out = out utf8($5 + 0) }
END { flush() }'
