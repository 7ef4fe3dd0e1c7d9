# Real --json output validated against the JSON Schemas under docs/schema/. Run by tests/lib.sh.
# The schemas need python3-jsonschema (Debian's); pyenv or venv interpreters may lack it, so
# the system interpreter is used.

validate() { # validate SCHEMA-NAME JSON-TEXT
    local py=/usr/bin/python3
    "$py" -c 'import jsonschema' 2>/dev/null || fail "python3-jsonschema is not installed"
    printf '%s' "$2" >"$T/doc.json"
    "$py" - "$SP_SRC/docs/schema/$1.schema.json" "$T/doc.json" <<'PY' || fail "$1 output does not match its schema"
import glob, json, os, sys, jsonschema
schema = json.load(open(sys.argv[1]))
# Schemas refer to each other by their $id: give the validator all of them.
store = {}
for path in glob.glob(os.path.join(os.path.dirname(sys.argv[1]), "*.schema.json")):
    s = json.load(open(path))
    jsonschema.Draft202012Validator.check_schema(s)
    store[s["$id"]] = s
resolver = jsonschema.RefResolver.from_schema(schema, store=store)
jsonschema.Draft202012Validator(schema, resolver=resolver).validate(json.load(open(sys.argv[2])))
PY
}

test_check_json_matches_its_schema() {
    printf 'signpost: bank/1\nid: x\nversion: 1.0\n' >b.yaml
    run "$SIGNPOST" check --json b.yaml missing.yaml
    expect_status 3
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

# A result signed with a fresh key, made with the tiny quiz; sets $KEY.
signed_tiny() {
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    KEY=k.pub
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >t.yaml
    "$SIGNPOST" take --quiz "$SP_SRC/tests/data/tiny/quiz.yaml" --answers t.yaml --seed 1 \
        --name "Ann" --out "$1" --key k.key >/dev/null || fail "take"
}

test_verify_json_matches_its_schema() {
    signed_tiny r.signpost
    export SIGNPOST_QUIZ=$SP_SRC/tests/data/tiny/quiz.yaml
    printf 'junk\n' >junk.signpost
    cp r.signpost altered.signpost && sed -i 's/^seed: 1$/seed: 2/' altered.signpost
    run "$SIGNPOST" verify --json -p "$KEY" r.signpost junk.signpost altered.signpost missing.signpost
    expect_status 3
    validate verify "$out"
    expect_contains "verdicts" "$out" '"verdict": "verified"'
    expect_contains "verdicts" "$out" '"verdict": "malformed"'
    expect_contains "verdicts" "$out" '"verdict": "altered"'
    expect_contains "verdicts" "$out" '"verdict": "unreadable"'
    unset SIGNPOST_QUIZ
    run "$SIGNPOST" verify --json -p "$KEY" r.signpost
    validate verify "$out"
    expect_contains "verdict" "$out" '"verdict": "no-banks"'
}

# Each trust class in --json, valid against the schema: trusted (-p), yours (the own key),
# untrusted (the signer the result names, for a verifier without that key), unsigned, failed.
test_verify_json_gives_each_trust_class() {
    export SIGNPOST_QUIZ=$SP_SRC/tests/data/tiny/quiz.yaml
    "$SIGNPOST" keygen -W >/dev/null || fail "keygen"
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >t.yaml
    "$SIGNPOST" take --answers t.yaml --seed 1 --out mine.signpost \
        --key "$XDG_CONFIG_HOME/signpost/signpost.key" >/dev/null || fail "take"
    "$SIGNPOST" take --answers t.yaml --seed 1 --out u.signpost >/dev/null || fail "take"
    cp mine.signpost bad.signpost && sed -i 's/^seed: 1$/seed: 2/' bad.signpost
    run "$SIGNPOST" verify --json mine.signpost u.signpost bad.signpost
    expect_status 1
    validate verify "$out"
    expect_contains "yours" "$out" '"trust": "yours"'
    expect_contains "unsigned" "$out" '"trust": "unsigned"'
    expect_contains "failed" "$out" '"trust": "failed"'
    run "$SIGNPOST" verify --json -p "$XDG_CONFIG_HOME/signpost/signpost.pub" mine.signpost
    expect_status 0
    validate verify "$out"
    expect_contains "trusted" "$out" '"trust": "trusted"'
    run env XDG_CONFIG_HOME="$T/other" "$SIGNPOST" verify --json mine.signpost
    expect_status 6
    validate verify "$out"
    expect_contains "untrusted" "$out" '"trust": "untrusted"'
    expect_contains "untrusted" "$out" '"key_source": "body"'
    expect_contains "untrusted" "$out" "\"public_key\": \"$(tail -n 1 "$XDG_CONFIG_HOME/signpost/signpost.pub")\""
    unset SIGNPOST_QUIZ
}

test_show_json_matches_its_schema() {
    signed_tiny r.signpost
    export SIGNPOST_QUIZ=$SP_SRC/tests/data/tiny/quiz.yaml
    run "$SIGNPOST" show --json -p "$KEY" r.signpost
    expect_status 0
    validate show "$out"
    run "$SIGNPOST" show --json r.signpost
    expect_status 0
    validate show "$out"
}

test_verifier_page_data_matches_its_schema() {
    printf '<script id="signpost-data" type="application/json">/*@SIGNPOST-PAGE-DATA@*/</script>\n' >t.html
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    run env SIGNPOST_VERIFIER_TEMPLATE="$T/t.html" "$SIGNPOST" verifier -p k.pub \
        --quiz "$SP_SRC/tests/data/tiny/quiz.yaml" -o page.html
    expect_status 0
    data=$(sed -e 's|^<script id="signpost-data" type="application/json">||' -e 's|</script>$||' page.html)
    validate verifier-data "$data"
}

# Badges (docs/badges.md) get their own object: kind "badge", the problem, the issuer, and the
# report on the result they carry; a malformed one has its position.
test_verify_json_of_badges_matches_its_schema() {
    signed_tiny r.signpost
    tiny=$SP_SRC/tests/data/tiny/quiz.yaml
    "$SIGNPOST" export --badge r.signpost -s k.key -o b.json --quiz "$tiny" >/dev/null ||
        fail "export"
    printf '{"a": 1,\n "a": 2}\n' >dup.json
    run "$SIGNPOST" verify --json -p "$KEY" --quiz "$tiny" b.json dup.json r.signpost
    expect_status 1
    expect_contains "json" "$out" '"kind": "badge", "accepted": true, "trust": "trusted", "problem": "ok"'
    expect_contains "json" "$out" '"problem": "json", "message": "not valid JSON: duplicate object key near '
    expect_contains "json" "$out" '"position": {"line": 2, "column": 4}'
    validate verify "$out"
}
