# The HTML report of signpost analyze opened in Debian's real headless Chromium (label
# browser): the page must render offline to a screenshot that is not blank, and its DOM must
# hold the three charts. Skipped, with a message, when chromium is not installed.
# Run by tests/lib.sh in a fresh $T.

PLACEMENT=$SP_SRC/quizzes/placement.yaml
MAKER=$SP_BUILD/signpost

chromium_or_skip() {
    CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
    if [ -z "$CHROMIUM" ]; then
        echo "SKIP: chromium is not installed (apt-get install chromium); the browser test did not run"
        exit 0
    fi
}

# chromium_run ARGS...: headless, offline, with a new empty profile.
chromium_run() {
    mkdir -p "$T/profile.$$"
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d "$T/profile.XXXXXX")" "$@" 2>>"$T/chromium.log"
}

make_report() {
    "$MAKER" keygen -W -s inst.key -p inst.pub >/dev/null || fail "keygen"
    "$SP_BUILD/tests/cli/quiz_items" "$PLACEMENT" >items.tsv || fail "quiz_items"
    mkdir -p answers results
    python3 "$SP_SRC/tests/cli/make_cohort.py" items.tsv 60 11 answers || fail "make_cohort"
    for i in $(seq 0 59); do
        "$MAKER" take --quiz "$PLACEMENT" --answers "answers/$i.yaml" --seed $((i + 1)) \
            --key inst.key --out "results/r$i.signpost" >/dev/null || fail "take $i"
    done
    run "$SIGNPOST" analyze -p inst.pub --html "$T/report.html" results
    expect_status 0
}

test_the_html_report_renders_in_chromium() {
    chromium_or_skip
    make_report
    chromium_run --screenshot="$T/shot.png" --window-size=1200,2000 "file://$T/report.html" \
        >/dev/null || fail "chromium failed: $(tail -5 "$T/chromium.log")"
    [ -s "$T/shot.png" ] || fail "no screenshot"
    python3 - "$T/shot.png" <<'PY' || fail "the screenshot is not a picture of the page"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, ihdr = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        ihdr = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
width, height, depth, ctype = ihdr[:4]
assert (width, height) == (1200, 2000), f"size {width}x{height}"
assert depth == 8 and ctype in (2, 6), f"unexpected PNG format {depth}/{ctype}"
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), width * bpp
prev, colours = bytearray(stride), set()
for y in range(height):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        colours.update(bytes(line[x:x + 3]) for x in range(0, stride, bpp * 2))
    prev = line
assert len(colours) >= 8, f"only {len(colours)} colours: a blank page"
print(f"{width}x{height}, {len(colours)} colours")
PY
}

test_the_charts_are_in_the_rendered_page() {
    chromium_or_skip
    make_report
    dom=$(chromium_run --dump-dom "file://$T/report.html") || fail "chromium --dump-dom failed"
    for id in primary-chart fit-chart item-chart; do
        expect_contains "DOM" "$dom" "id=\"$id\""
    done
    [ "$(printf '%s' "$dom" | grep -o '<circle' | wc -l)" -ge 20 ] || fail "too few points in the charts"
    [ "$(printf '%s' "$dom" | grep -o '<rect' | wc -l)" -ge 20 ] || fail "too few bars in the charts"
}
