# Adaptive quizzes (docs/scoring.md, section 11): batch mode, results, and their replay.
D=$SP_SRC/tests/data/adaptive
Q=$SP_SRC/quizzes/placement.yaml

test_an_adaptive_result_verifies_and_each_edit_fails_with_its_reason() {
    run "$SIGNPOST" verify --quiz "$Q" --quiz "$D/quiz.yaml" "$D/base.signpost" "$D/quiz-result.signpost"
    [ "$status" -eq 7 ] || fail "status $status, expected 7 (not signed, replayed): $out"
    case $out in *FAILED*) fail "an untouched adaptive result failed: $out" ;; esac
    local n=0 f name
    for f in "$D"/*.expect; do
        name=$(basename "$f" .expect)
        run "$SIGNPOST" verify --quiz "$Q" --quiz "$D/quiz.yaml" "$D/$name.signpost"
        [ "$status" -eq 1 ] || fail "$name: status $status, expected 1"
        expect_contains "the output" "$out" "FAILED — the scores do not follow from the answers: $(cat "$f")"
        n=$((n + 1))
    done
    [ "$n" -ge 7 ] || fail "only $n edited results"
}

test_a_thousand_generated_adaptive_results_verify() {
    cd "$T" || exit 1
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    mkdir g
    "$SP_BUILD/tools/gen_results" --adaptive "$Q" k.key 1000 g 19 || fail "gen_results"
    run "$SIGNPOST" verify --strict -p k.pub --quiz "$Q" g/*.signpost
    [ "$status" -eq 0 ] || fail "status $status: $(printf '%s\n' "$out" | grep -v ': verified' | head -3)"
    [ "$(printf '%s\n' "$out" | grep -c ': verified — ')" -eq 1000 ] || fail "not 1000 verified"
    # Some took every stop, and some went on after it.
    grep -q 'stop: settled' g/*.signpost || fail "none settled"
    grep -q 'stop: curtailed' g/*.signpost || fail "none curtailed"
}

test_batch_adaptive_json_gives_the_items_asked_and_the_stop() {
    run "$SIGNPOST" take --quiz "$Q" --adaptive --answers "$D/answers.yaml" --missing=skip \
        --seed 11 --json --out "$T/r.signpost"
    [ "$status" -eq 0 ] || fail "status $status: $err"
    expect_contains "the output" "$out" '"mode": "adaptive"'
    expect_contains "the output" "$out" '"adaptive": {"min_items": 12, "max_items": 48, "confidence": 0.95, "stop": "curtailed", "after": 34}'
    expect_contains "the output" "$out" '"asked": ["'
    local asked
    asked=$(printf '%s\n' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["asked"]))')
    [ "$asked" -eq 34 ] || fail "asked $asked items"
    cmp <(tail -n +1 "$T/r.signpost" | grep -v '^started\|^finished') \
        <(grep -v '^started\|^finished' "$D/base.signpost") || fail "not the fixture's body"
}

test_batch_fixed_json_says_mode_fixed() {
    run "$SIGNPOST" take --quiz "$Q" --answers "$D/answers.yaml" --missing=skip --seed 11 --json
    [ "$status" -eq 0 ] || fail "status $status: $err"
    expect_contains "the output" "$out" '"mode": "fixed",'
    expect_contains "the output" "$out" '"asked": null'
}

test_an_item_the_rule_asks_that_the_file_does_not_answer_is_an_error() {
    printf 'algorithms.like.lr-width: 4\n' >"$T/a.yaml"
    run "$SIGNPOST" take --quiz "$Q" --adaptive --answers "$T/a.yaml" --seed 11 --json
    [ "$status" -eq 1 ] || fail "status $status"
    expect_contains "the error" "$err" "(question 1 the adaptive quiz asks); answer it, write skip, or use --missing=skip"
}

test_an_adaptive_manifest_is_adaptive_without_the_option() {
    run "$SIGNPOST" take --quiz "$D/quiz.yaml" --answers "$D/answers.yaml" --missing=skip --seed 5 --json
    [ "$status" -eq 0 ] || fail "status $status: $err"
    expect_contains "the output" "$out" '"adaptive": {"min_items": 14, "max_items": 36, "confidence": 0.95,'
}

# show says why an adaptive quiz stopped, as take's end screen did.
test_show_says_why_an_adaptive_quiz_stopped() {
    run "$SIGNPOST" show --no-pager --quiz "$Q" "$D/base.signpost"
    [ "$status" -eq 0 ] || fail "status $status: $err"
    expect_contains "show" "$(printf '%s\n' "$out" | tr '\n' ' ')" \
        "Stopped after 34 questions: no answers to the questions left could change your top direction."
    run "$SIGNPOST" show --no-pager --quiz "$Q" "$SP_SRC/tests/data/released/placement-1.1.0.signpost"
    expect_not_contains "a fixed result" "$out" "questions left could change"
}

# analyze says which results came from an adaptive quiz: their items were not drawn at random.
test_analyze_says_how_many_results_are_adaptive() {
    cd "$T" || exit 1
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    mkdir g
    "$SP_BUILD/tools/gen_results" --adaptive "$Q" k.key 30 g 7 || fail "gen_results"
    run "$SIGNPOST" analyze -p k.pub --quiz "$Q" g
    [ "$status" -eq 0 ] || fail "status $status: $err"
    expect_contains "text" "$(printf '%s\n' "$out" | tr '\n' ' ')" \
        "30 results are of an adaptive quiz, which asked only the items their answers called for"
    run "$SIGNPOST" analyze --json -p k.pub --quiz "$Q" g
    expect_contains "json" "$out" '"unverified_included": 0, "adaptive": 30,'
}
