# pcode-vectors.sh: tests/vectors/pcode.txt is exactly what tests/pcode-vectors
# writes, so the published vectors are reproducible from their documented seeds.
. "$top_srcdir/tests/lib.sh"

"$top_builddir/tests/pcode-vectors" > "$T/pcode.txt"
ok $? "the generator runs"
diff -u "$top_srcdir/tests/vectors/pcode.txt" "$T/pcode.txt" | sed 's/^/# /'
cmp -s "$top_srcdir/tests/vectors/pcode.txt" "$T/pcode.txt"
ok $? "the vectors file is what the generator writes"
done_testing
