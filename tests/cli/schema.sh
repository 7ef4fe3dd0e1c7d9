# Real --json output validated against the JSON Schemas under docs/schema/. Run by tests/lib.sh.
# The schemas need python3-jsonschema (Debian's); pyenv or venv interpreters may lack it, so
# the system interpreter is used.

validate() { # validate SCHEMA-NAME JSON-TEXT
    local py=/usr/bin/python3
    "$py" -c 'import jsonschema' 2>/dev/null || fail "python3-jsonschema is not installed"
    printf '%s' "$2" >"$T/doc.json"
    "$py" - "$SP_SRC/docs/schema/$1.schema.json" "$T/doc.json" <<'PY' || fail "$1 output does not match its schema"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.validate(json.load(open(sys.argv[2])), schema,
                    cls=jsonschema.Draft202012Validator)
PY
}

test_check_json_matches_its_schema() {
    printf 'signpost: bank/1\nid: x\nversion: 1.0\n' >b.yaml
    run "$SIGNPOST" check --json b.yaml missing.yaml
    expect_status 1
    validate check "$out"
    run "$SIGNPOST" check --json "$SP_SRC/quizzes/directions.yaml"
    validate check "$out"
}

test_take_json_matches_its_schema() {
    "$SP_BUILD/tests/cli/answers_for" "$SP_SRC/quizzes/placement.yaml" 4 >a.yaml
    run "$SIGNPOST" take --quiz "$SP_SRC/quizzes/placement.yaml" --answers a.yaml --seed 2 --json --out r.signpost
    expect_status 0
    validate take "$out"
    printf 't.like.net: 3\n' >t.yaml
    run "$SIGNPOST" take --quiz "$SP_SRC/tests/data/tiny/quiz.yaml" --answers t.yaml --missing=skip --json
    expect_status 0
    validate take "$out"
}
