# CLI tests of signpost analyze (docs/analyze.md). Run by tests/lib.sh in a fresh $T.
# Cohorts are made with batch mode (signpost take --answers --key) from synthetic answer files
# (make_cohort.py); the program that makes them is run directly, never under valgrind, since it
# is not what these tests are about.

PLACEMENT=$SP_SRC/quizzes/placement.yaml
TINY=$SP_SRC/tests/data/tiny/quiz.yaml
MAKER=$SP_BUILD/signpost

# cohort QUIZ N SEED DIR: N results of QUIZ signed with inst.key (made if missing) in DIR.
cohort() {
    local quiz=$1 n=$2 seed=$3 dir=$4
    [ -e inst.key ] || "$MAKER" keygen -W -s inst.key -p inst.pub >/dev/null || fail "keygen"
    mkdir -p "$dir" answers.$seed
    "$SP_BUILD/tests/cli/quiz_items" "$quiz" >items.tsv || fail "quiz_items"
    python3 "$SP_SRC/tests/cli/make_cohort.py" items.tsv "$n" "$seed" answers.$seed || fail "make_cohort"
    for i in $(seq 0 $((n - 1))); do
        "$MAKER" take --quiz "$quiz" --answers "answers.$seed/$i.yaml" --seed $((seed * 1000 + i)) \
            --key inst.key --out "$dir/r$i.signpost" >/dev/null || fail "take $i"
    done
}

json_get() { # json_get FILE PYTHON-EXPRESSION-ON-d
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

test_a_cohort_matches_an_independent_computation() {
    cohort "$PLACEMENT" 200 7 results
    run "$SIGNPOST" analyze -p inst.pub --json results
    expect_status 0
    printf '%s\n' "$out" >report.json
    "$SP_BUILD/tests/cli/quiz_items" "$PLACEMENT" >items.tsv
    python3 "$SP_SRC/tests/cli/analyze_check.py" items.tsv report.json results/*.signpost >check.out ||
        fail "the report differs from the independent computation:
$(cat check.out)"
    expect_contains "check" "$(cat check.out)" " 0 differ"
    expect_eq "analysed" "$(json_get report.json 'd["files"]["analysed"]')" 200
}

test_the_text_report_fits_80_columns_and_names_every_part() {
    cohort "$PLACEMENT" 40 3 results
    run "$SIGNPOST" analyze -p inst.pub results
    expect_status 0
    expect_contains "report" "$out" "signpost analyze: 40 files read, 40 results analysed, 0 left out"
    expect_contains "report" "$out" "== Quiz placement 1.2.0: 40 results =="
    for part in "Top direction" "Near tie" "Level: entry" "Skipped most" "Scales:" \
        "Knowledge items:" "Likert items:" "Scenario items:" "Flags ("; do
        expect_contains "report" "$out" "$part"
    done
    printf '%s\n' "$out" | python3 -c '
import sys, unicodedata
for line in sys.stdin:
    w = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line.rstrip("\n"))
    if w > 80:
        sys.exit("wider than 80 columns: " + line)
' || fail "a line is wider than 80 columns"
    expect_not_contains "report" "$out" "nan"
}

test_unverified_results_are_left_out_and_counted() {
    cohort "$TINY" 6 1 results
    printf 't.like.net: 4\nt.like.users: 2\nt.scene.night: b\nt.know.allreduce: b\nt.know.rag: [a]\n' >a.yaml
    "$MAKER" take --quiz "$TINY" --answers a.yaml --seed 5 --out results/unsigned.signpost >/dev/null
    "$MAKER" keygen -W -s other.key -p other.pub >/dev/null
    "$MAKER" take --quiz "$TINY" --answers a.yaml --seed 6 --key other.key --out results/other.signpost >/dev/null
    cp results/r0.signpost results/altered.signpost
    sed -i 's/^  t.like.users: .*/  t.like.users: 5/' results/altered.signpost
    cmp -s results/r0.signpost results/altered.signpost && fail "the copy was not altered"
    printf 'not a result\n' >results/junk.signpost
    run "$SIGNPOST" analyze -p inst.pub --quiz "$TINY" results
    expect_status 0
    expect_contains "report" "$out" "10 files read, 6 results analysed, 4 left out"
    expect_contains "report" "$out" "altered after signing"
    expect_contains "report" "$out" "results/altered.signpost: FAILED"
    expect_contains "report" "$out" "not signed"
    expect_contains "report" "$out" "intact; signer not trusted here"
    expect_contains "report" "$out" "malformed"
    expect_not_contains "report" "$out" "NOT VERIFIED"
    run "$SIGNPOST" analyze -p inst.pub --quiz "$TINY" --json results
    printf '%s\n' "$out" >r.json
    expect_eq "left out" "$(json_get r.json 'sorted((x["reason"], x["count"]) for x in d["left_out"])')" \
        "[('altered', 1), ('malformed', 1), ('unsigned', 1), ('untrusted-key', 1)]"
    run "$SIGNPOST" analyze -p inst.pub --quiz "$TINY" --include-unverified results
    expect_status 0
    expect_contains "report" "$out" "8 results analysed, 2 left out"
    expect_contains "report" "$out" "WARNING: of the 8 results analysed, 2 are NOT VERIFIED"
    expect_contains "report" "$out" "8 results, 2 of them NOT VERIFIED"
}

test_a_folder_is_walked_for_result_files() {
    cohort "$TINY" 4 2 class/a
    mkdir -p class/b/c
    mv class/a/r3.signpost class/b/c/late.signpost
    printf 'notes\n' >class/b/readme.txt
    run "$SIGNPOST" analyze -p inst.pub --quiz "$TINY" class
    expect_status 0
    expect_contains "report" "$out" "4 files read, 4 results analysed, 0 left out"
    run "$SIGNPOST" analyze -p inst.pub --quiz "$TINY" class/a class/b/c/late.signpost
    expect_contains "report" "$out" "4 files read, 4 results analysed"
}

test_results_of_different_quiz_versions_get_a_section_each() {
    cp -r "$SP_SRC/tests/data/tiny" tiny2
    sed -i 's/^version: 1.0.0/version: 2.0.0/' tiny2/quiz.yaml
    cohort "$TINY" 3 1 results
    cohort tiny2/quiz.yaml 5 2 results2
    run "$SIGNPOST" analyze -p inst.pub --quiz "$TINY" --quiz tiny2/quiz.yaml results results2
    expect_status 0
    expect_contains "report" "$out" "== Quiz tiny 1.0.0: 3 results =="
    expect_contains "report" "$out" "== Quiz tiny 2.0.0: 5 results =="
    run "$SIGNPOST" analyze -p inst.pub --quiz "$TINY" --quiz tiny2/quiz.yaml --json results results2
    printf '%s\n' "$out" >r.json
    expect_eq "groups" "$(json_get r.json '[(q["version"], q["cohort"]["results"]) for q in d["quizzes"]]')" \
        "[('1.0.0', 3), ('2.0.0', 5)]"
}

test_the_json_report_matches_its_schema() {
    cohort "$TINY" 5 4 results
    printf 'x\n' >results/junk.signpost
    run "$SIGNPOST" analyze -p inst.pub --quiz "$TINY" --json results
    expect_status 0
    printf '%s' "$out" >r.json
    /usr/bin/python3 -c 'import jsonschema' 2>/dev/null || fail "python3-jsonschema is not installed"
    /usr/bin/python3 - "$SP_SRC/docs/schema/analyze.schema.json" r.json <<'PY' || fail "the report does not match its schema"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.validate(json.load(open(sys.argv[2])), schema, cls=jsonschema.Draft202012Validator)
PY
}

test_csv_has_one_quoted_row_per_item() {
    cohort "$TINY" 5 4 results
    "$SIGNPOST" analyze -p inst.pub --quiz "$TINY" --csv results >r.csv || fail "analyze --csv"
    python3 - r.csv <<'PY' || fail "the CSV is not as expected: $(cat r.csv)"
import csv, sys
data = open(sys.argv[1], newline="").read()
assert data.endswith("\r\n") and "\n" not in data.replace("\r\n", ""), "lines must end in CR LF"
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert [r["item"] for r in rows] == ["t.like.net", "t.like.users", "t.scene.night", "t.know.allreduce", "t.know.rag"], rows
assert all(r["quiz"] == "tiny" and r["seen"] == "5" for r in rows)
assert rows[3]["facility"] != "" and rows[0]["facility"] == ""
PY
}

test_html_report_is_one_self_contained_page() {
    cohort "$TINY" 5 4 results
    run "$SIGNPOST" analyze -p inst.pub --quiz "$TINY" --html report.html results
    expect_status 0
    expect_eq "stdout" "$out" "Wrote report.html: 5 files read, 5 results analysed, 0 left out."
    html=$(cat report.html)
    expect_contains "html" "$html" "<svg class=\"chart\" id=\"primary-chart\""
    expect_contains "html" "$html" "<svg class=\"chart\" id=\"fit-chart\""
    expect_contains "html" "$html" "<svg class=\"chart\" id=\"item-chart\""
    expect_not_contains "html" "$html" "<script"
    expect_not_contains "html" "$html" "<link"
    printf '%s' "$html" | grep -o 'https\?://[^"]*' | grep -v '^http://www.w3.org/2000/svg$' &&
        fail "the page refers to the network"
    # Each chart is well-formed XML too, so no element swallows the ones after it.
    python3 - report.html <<'PY' || fail "a chart is not well-formed SVG"
import re, sys, xml.etree.ElementTree as ET
svgs = re.findall(r"<svg .*?</svg>", open(sys.argv[1], encoding="utf-8").read(), re.S)
assert len(svgs) == 3, len(svgs)
for svg in svgs:
    root = ET.fromstring(svg)
    for shape in root.iter():
        if shape.tag.endswith(("line", "circle", "rect", "text")):
            assert all(c.tag.endswith("title") for c in shape), "a shape holds other shapes"
PY
}

test_nothing_to_analyse_and_usage_errors() {
    mkdir empty
    run "$SIGNPOST" analyze empty
    expect_status 1
    expect_contains "report" "$out" "0 files read, 0 results analysed"
    run "$SIGNPOST" analyze
    expect_status 2
    run "$SIGNPOST" analyze --json --html x.html empty
    expect_status 2
    expect_contains "stderr" "$err" "give only one of --json, --csv and --html"
    run "$SIGNPOST" analyze missing.signpost
    expect_status 3
    expect_contains "report" "$out" "unreadable"
}

# A cohort saw each option under as many letters as there were shuffles: the report names
# options by their id in the bank, and says so (issue 16, point 3).
test_options_are_named_by_their_id_never_a_letter() {
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >a.yaml
    mkdir results
    for i in $(seq 1 20); do
        "$MAKER" take --quiz "$TINY" --answers a.yaml --seed "$i" --out "results/r$i.signpost" \
            >/dev/null || fail "take $i"
    done
    run "$SIGNPOST" analyze --quiz "$TINY" --include-unverified results
    expect_status 0
    expect_contains "report" "$(printf '%s' "$out" | tr -s ' \n' '  ')" "never chosen in 20 answers: option id b, c"
}
