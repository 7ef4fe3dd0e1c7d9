# CLI tests of the checks across the files of a quiz (formats.md, "What check verifies beyond
# each file"). Each case is a folder under tests/data/quiz-bad/ holding placement.yaml, its
# directions and banks, and expected.out: the exact output of
# `signpost check --quiz CASE/placement.yaml` run from tests/data/quiz-bad/.
# Run by tests/lib.sh; see there for $SIGNPOST, run, expect_*.

# expect_quiz CASE STATUS: checks CASE and compares output and exit status.
expect_quiz() {
    cd "$SP_SRC/tests/data/quiz-bad" || fail "no quiz-bad folder"
    run "$SIGNPOST" check --quiz "$1/placement.yaml"
    expect_eq "output of signpost check --quiz $1/placement.yaml" "$out" "$(cat "$1/expected.out")"
    expect_eq "stderr" "$err" ""
    expect_status "$2"
}

test_clean_quiz_has_no_findings() {
    expect_quiz clean 0
}

test_question_id_used_in_two_banks_is_an_error() {
    expect_quiz dup-id-across-banks 1
}

test_text_missing_a_declared_language_is_an_error() {
    expect_quiz text-missing-language 1
}

test_direction_unknown_to_the_directions_file_is_an_error() {
    expect_quiz unknown-direction 1
}

test_direction_no_item_can_raise_is_a_warning() {
    expect_quiz direction-unraisable 0
}

test_direction_without_knowledge_items_is_a_warning() {
    expect_quiz direction-no-knowledge 0
}

test_draw_larger_than_the_bank_is_a_warning() {
    expect_quiz draw-too-many 0
}

test_bank_path_that_does_not_exist_is_an_error() {
    expect_quiz bank-missing 3
}

test_bank_path_naming_a_directions_file_is_an_error() {
    expect_quiz bank-is-directions 1
}

test_direction_that_cannot_come_first_is_a_warning() {
    expect_quiz direction-cannot-lead 0
}

# A bank written from docs/formats.md next to a copy of the shipped directions: the balance
# warnings point at the manifest (coverage) or at the bank's item that tips the balance, never
# at lines of the directions file the author did not write; and no direction the quiz has no
# items of is said to have items that raise another too much.
test_custom_bank_warnings_point_at_the_authors_files() {
    expect_quiz custom-bank-from-docs 0
    if printf '%s\n' "$out" | grep -q '^custom-bank-from-docs/directions.yaml:'; then
        fail "a warning is attributed to the directions file: $out"
    fi
    expect_not_contains "output" "$out" "'algorithms' cannot come first"
    expect_not_contains "output" "$out" "'data' cannot come first"
}
