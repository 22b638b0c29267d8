#!/bin/sh
# counter-verify-image.sh: a picture that cannot be verified says why at the
# counter, in jsdctl decode's words: a QR over the payload limit, a JPEG in a
# colour space we do not read; a CMYK JPEG is read like any other.
. "$top_srcdir/tests/screen.sh"
MK="$top_builddir/tests/mkimage"
verify_setup
"$MK" qr "$(head -c 2800 /dev/zero | tr '\0' 'A')" png "$T/big.png"
ok $? "a 2,800-byte QR"
drop_png "$T/big.png"
wait_for 'larger than any code'
ok $? "is larger than any code this system issues"
"$MK" qr "$tok" jpeg2 "$T/two.jpg"
drop_png "$T/two.jpg"
wait_for 'colour space'
ok $? "a two-component JPEG: a colour space we do not read"
unlike "$screen" "damaged" "not damaged"
"$MK" qr "$tok" cmyk "$T/cmyk.jpg"
drop_png "$T/cmyk.jpg"
wait_for 'NOT VALID'
ok $? "a CMYK JPEG of a claim QR is read"
like "$screen" "Wrong kind of code" "and judged"
no_sanitizer_report

done_testing
