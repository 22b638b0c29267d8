# decode.sh: "jsdctl decode" on PNG, JPEG and PGM files, broken files and hostile
# payloads; cross-checked with zbarimg when it is installed.
. "$top_srcdir/tests/lib.sh"

MK="$top_builddir/tests/mkimage"
QR='JSD1:6BFOXN*TS0BI$ZDFRH%LAR-ACL%1X0LKO5RKP2WMS1T/V6YHGWD8+QP7-ZJTM99CZ-JK.3D3GK0:B2CKO0QLF8RF'
BAR='K7Q2M9X4P1Z8'

for fmt in png jpeg pgm; do
	"$MK" qr "$QR" $fmt "$T/qr.$fmt"
	ok $? "mkimage writes a QR as $fmt"
	ctl decode "$T/qr.$fmt"
	is "$rc" 0 "decode $fmt: exit 0"
	is "$out" "$T/qr.$fmt: QRCode $QR" "decode $fmt: file, format and text"
done
"$MK" code128 "$BAR" png "$T/bar.png"
ctl decode "$T/bar.png"
is "$out" "$T/bar.png: Code128 $BAR" "decode a Code128 PNG"

# The format is told by the content, not the name.
cp "$T/qr.jpeg" "$T/photo.png"
ctl decode "$T/photo.png"
is "$out" "$T/photo.png: QRCode $QR" "a JPEG named .png is read as JPEG"

ctl decode --formats code128 "$T/qr.png"
is "$rc" 1 "--formats code128 does not read a QR"
ctl decode --formats qr,code128 "$T/qr.png" "$T/bar.png"
is "$rc" 0 "two files, two formats"
is "$(printf '%s\n' "$out" | wc -l)" 2 "one line a file"
ctl decode --formats aztec "$T/qr.png"
is "$rc" 2 "an unknown format is a usage error"

ctl decode --json "$T/qr.png" "$T/bar.png"
flat=$(printf '%s' "$out" | tr -d ' \n')
like "$flat" '^\{"file":".*qr.png","codes":\[\{"format":"QRCode","text":"JSD1:' \
	"--json gives one object a file"
like "$flat" '"x":1[0-9],"y":1[0-9],"w":1[0-9][0-9],"h":1[0-9][0-9]\}\],"pass":"fast","worker_deaths":0\}\{"file":".*bar.png"' \
	"--json gives the box, the pass that read it, then the next file"

"$MK" blank - png "$T/blank.png"
ctl decode "$T/blank.png"
is "$rc" 1 "an image with no code: exit 1"
like "$err" 'blank.png: no code found' "and says so on stderr"
is "$out" "" "and prints nothing on stdout"

ctl decode "$T/missing.png"
is "$rc" 2 "a missing file: exit 2"
like "$err" 'missing.png: The image file cannot be read' "names the file"
ctl decode "$T"
is "$rc" 2 "a directory: exit 2"
: > "$T/empty.png"
ctl decode "$T/empty.png"
is "$rc" 2 "an empty file: exit 2"
like "$err" 'not a PNG, JPEG or PGM' "says it is no image"
for fmt in png jpeg pgm; do
	size=$(wc -c < "$T/qr.$fmt")
	head -c $((size / 2)) "$T/qr.$fmt" > "$T/cut.$fmt"
	ctl decode "$T/cut.$fmt"
	is "$rc" 2 "a truncated $fmt: exit 2"
	like "$err" "cut.$fmt: The image file is damaged or incomplete" \
		"a truncated $fmt: says so"
done
ctl decode "$T/missing.png" "$T/qr.png" "$T/blank.png"
is "$rc" 2 "the worst status of several files wins"
is "$out" "$T/qr.png: QRCode $QR" "the readable file is still decoded"

# A payload that would clear the screen and ring the bell is printed escaped.
"$MK" qr 'JSD\e[2J\a\tend' png "$T/esc.png"
ctl decode "$T/esc.png"
is "$rc" 0 "a QR with control characters is read"
is "$out" "$T/esc.png: QRCode JSD\\x1B[2J\\x07\\x09end" "and printed escaped"
ok "$(printf '%s' "$out" | tr -d -c '\033\007' | wc -c)" "no ESC or BEL byte reaches stdout"
ctl decode --json "$T/esc.png"
ok "$(printf '%s' "$out" | tr -d -c '\033\007' | wc -c)" "nor in the JSON output"

# Pictures that crash the decoder cost a pass, not the command. A slanted
# Code128 makes ZXing 1.4's own try-harder abort (zxing-cpp #740): the worker
# dies, is restarted, and the picture is retried without that pass.
"$MK" slanted "$BAR" png "$T/slanted.png"
ctl decode --json --budget-ms 0 --passes harder,fast "$T/slanted.png" "$T/qr.png"
is "$rc" 0 "a picture that kills the worker's harder pass: exit 0"
flat=$(printf '%s' "$out" | tr -d ' \n')
like "$flat" '"text":"'"$BAR"'".*"pass":"fast","worker_deaths":1\}' \
	"read by the fast pass after one worker death"
like "$flat" '"file":".*qr.png","codes":\[\{"format":"QRCode".*"worker_deaths":0\}$' \
	"and the next file is decoded by a new worker"
ctl decode --passes harder "$T/slanted.png" "$T/qr.png"
is "$rc" 1 "with only the crashing pass: nothing read, exit 1"
like "$err" 'slanted.png: This picture makes the decoder fail' "says so"
is "$out" "$T/qr.png: QRCode $QR" "and still decodes the next file"
ctl decode "$T/slanted.png"
is "$out" "$T/slanted.png: Code128 $BAR" "the shipped schedule reads it, no crash"
ctl decode --passes fast,sideways "$T/qr.png"
is "$rc" 2 "an unknown pass is a usage error"

# Each picture gets its true reason. A QR read whole but over the payload
# limit is not "no code found"; jsdctl verify --image says the same words.
BIG=$(head -c 2800 /dev/zero | tr '\0' 'A')
"$MK" qr "$BIG" png "$T/big.png"
ok $? "mkimage writes a 2,800-byte QR"
ctl decode "$T/big.png"
is "$rc" 1 "an oversized QR: exit 1"
like "$err" "big.png: The code is larger than any code this system issues\. \(2800 > 1024 bytes\)" \
	"an oversized QR: says so, with its size"
unlike "$err" "no code found" "and not that no code was found"
is "$out" "" "and prints no code"
ctl decode "$T/big.png" "$T/qr.png"
is "$out" "$T/qr.png: QRCode $QR" "an oversized QR does not hide the next file"
ctl verify --image "$T/big.png"
is "$rc" 1 "verify --image of an oversized QR: exit 1"
like "$err" "The code is larger than any code this system issues" \
	"verify --image gives the same reason"
ctl verify --image "$T/blank.png"
like "$err" "No QR code or barcode was found" "verify --image of a blank: no code"
ctl verify --image "$T/cut.png"
like "$err" "damaged or incomplete" "verify --image of a cut file: damaged"

# CMYK and YCCK JPEGs (print shops, some scanners) are read; a colour space
# no reader knows is named as such, not "damaged".
for fmt in cmyk ycck; do
	"$MK" qr "$QR" $fmt "$T/qr-$fmt.jpg"
	ctl decode "$T/qr-$fmt.jpg"
	is "$rc" 0 "a $fmt JPEG: exit 0"
	is "$out" "$T/qr-$fmt.jpg: QRCode $QR" "a $fmt JPEG is read"
done
"$MK" qr "$QR" jpeg2 "$T/qr-2.jpg"
ctl decode "$T/qr-2.jpg"
is "$rc" 2 "a two-component JPEG: exit 2"
like "$err" "qr-2.jpg: The JPEG uses a colour space this system does not read" \
	"a two-component JPEG: says so"
unlike "$err" "damaged" "and not that it is damaged"
ctl verify --image "$T/qr-2.jpg"
like "$err" "colour space this system does not read" "verify --image: the same"
head -c 40 "$T/big.png" > "$T/cut-big.png"
ctl decode "$T/cut-big.png"
like "$err" "damaged or incomplete" "a truncated PNG: damaged or incomplete"
printf 'GIF89a' > "$T/pic.gif"
ctl decode "$T/pic.gif"
like "$err" "not a PNG, JPEG or PGM image" "a GIF: not a format we read"

ctl decode --help
is "$rc" 0 "--help: exit 0"
like "$out" 'jsdctl decode' "--help prints the usage"

if [ -n "${ZBARIMG_BIN:-}" ]; then
	z=$("$ZBARIMG_BIN" -q --raw "$T/qr.png" 2>/dev/null)
	is "$z" "$QR" "zbarimg reads the same QR text"
	z=$("$ZBARIMG_BIN" -q --raw "$T/bar.png" 2>/dev/null)
	is "$z" "$BAR" "zbarimg reads the same Code128 text"
else
	diag "zbarimg not installed: no cross-check"
fi

done_testing
