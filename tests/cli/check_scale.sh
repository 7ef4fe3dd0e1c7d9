# CLI tests of signpost check on a generated bank of 100,000 questions (tools/gen_bank).
# They check results only; time and memory are measured by benchmarks, not here.
# Run by tests/lib.sh; see there for $SIGNPOST, $SP_BUILD, run, expect_*.

GEN_BANK=$SP_BUILD/tools/gen_bank

test_generated_bank_of_100000_items_is_clean() {
    "$GEN_BANK" -n 100000 -o "$T/big.yaml" || fail "gen_bank failed"
    expect_eq "question count" "$(grep -c '^  - id: ' "$T/big.yaml")" "100000"
    run "$SIGNPOST" check "$T/big.yaml"
    expect_status 0
    expect_eq "output" "$out" "$T/big.yaml: note: near-duplicate questions were not looked for: 100000 questions are more than the 10000 a reviewed quiz holds
0 errors, 0 warnings, 1 note"
}

test_generated_bank_of_100000_items_is_clean_against_directions() {
    "$GEN_BANK" -n 100000 -s 2 -o "$T/big.yaml" || fail "gen_bank failed"
    run "$SIGNPOST" check "$SP_SRC/quizzes/directions.yaml" "$T/big.yaml"
    expect_status 0
    expect_eq "summary" "$(printf '%s\n' "$out" | tail -1)" "0 errors, 0 warnings, 1 note"
}

test_generated_bank_just_under_the_search_limit_has_no_near_duplicates() {
    # Almost the largest bank searched for near-duplicates (10,000 with the copy): the search runs, and a generated bank,
    # whose stems carry made-up case names, passes it.
    "$GEN_BANK" -n 9999 -s 3 -o "$T/mid.yaml" || fail "gen_bank failed"
    run "$SIGNPOST" check "$T/mid.yaml"
    expect_status 0
    expect_eq "output" "$out" "0 errors, 0 warnings"
    # A copy of the first likert item, under a new id, at the end of the questions.
    first=$(grep -m1 -o 'gen\.like\.[0-9]*' "$T/mid.yaml")
    { cat "$T/mid.yaml"
      awk -v id="$first" '$0 == "  - id: " id {grab=1; print "  - id: gen.like.copy"; next}
                          grab && /^  - id: / {exit}
                          grab {print}' "$T/mid.yaml"; } >"$T/dup.yaml"
    run "$SIGNPOST" check "$T/dup.yaml"
    expect_status 0
    expect_contains "the copy is found" "$out" "question 'gen.like.copy' is nearly the same as '$first'"
}

test_generated_bank_is_the_same_for_the_same_seed() {
    "$GEN_BANK" -n 2000 -s 7 -o "$T/a.yaml" || fail "gen_bank failed"
    "$GEN_BANK" -n 2000 -s 7 >"$T/b.yaml" || fail "gen_bank failed"
    "$GEN_BANK" -n 2000 -s 8 >"$T/c.yaml" || fail "gen_bank failed"
    cmp -s "$T/a.yaml" "$T/b.yaml" || fail "the same seed gave different files"
    cmp -s "$T/a.yaml" "$T/c.yaml" && fail "different seeds gave the same file"
    return 0
}

test_generated_bank_checks_from_a_pipe() {
    out=$("$GEN_BANK" -n 1000 | "$SIGNPOST" check /dev/stdin)
    expect_eq "output" "$out" "0 errors, 0 warnings"
}

test_gen_bank_refuses_a_bad_count() {
    run "$GEN_BANK" -n 0
    expect_status 2
    expect_contains "stderr" "$err" "not a count from 1 to 1000000"
}
