# msg2c.awk: turns assets/i18n/LANG.msg ("key = text" lines, # comments) into a C
# table, so translations live in assets/ yet the binaries need no files at run time.
# Usage: awk -v lang=zh_CN -f msg2c.awk zh_CN.msg
BEGIN {
	printf "/* Generated from assets/i18n/%s.msg by msg2c.awk; do not edit. */\n", lang
	printf "#include <stddef.h>\n\n#include \"msg.h\"\n\nconst struct msg_entry msg_table_%s[] = {\n", lang
}
/^[ \t]*(#|$)/ { next }
{
	eq = index($0, "=")
	if (eq == 0) {
		printf "%s:%d: no '=' in line\n", FILENAME, FNR > "/dev/stderr"
		bad = 1
		exit 1
	}
	key = substr($0, 1, eq - 1)
	val = substr($0, eq + 1)
	sub(/^[ \t]+/, "", key); sub(/[ \t]+$/, "", key)
	sub(/^[ \t]+/, "", val); sub(/[ \t]+$/, "", val)
	if (key in seen) {
		printf "%s:%d: duplicate key %s\n", FILENAME, FNR, key > "/dev/stderr"
		bad = 1
		exit 1
	}
	seen[key] = 1
	gsub(/\\/, "\\\\", val); gsub(/"/, "\\\"", val)
	gsub(/\\\\n/, "\\n", val)	# keep "\n" in the text as a newline escape
	printf "\t{ \"%s\", \"%s\" },\n", key, val
}
END {
	if (bad)
		exit 1
	printf "\t{ NULL, NULL }\n};\n"
}
