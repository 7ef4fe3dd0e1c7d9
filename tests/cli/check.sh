# CLI tests of signpost check. Run by tests/lib.sh; see there for $SIGNPOST, run, expect_*.

test_shipped_placement_quiz_is_clean() {
    run "$SIGNPOST" check --quiz "$SP_SRC/quizzes/placement.yaml"
    expect_status 0
    expect_eq "summary" "$out" "0 errors, 0 warnings"
}

test_shipped_quick_quiz_is_clean() {
    run "$SIGNPOST" check --quiz "$SP_SRC/quizzes/quick.yaml"
    expect_status 0
    expect_eq "summary" "$out" "0 errors, 0 warnings"
}

test_single_files_are_clean() {
    run "$SIGNPOST" check "$SP_SRC"/quizzes/directions.yaml "$SP_SRC"/quizzes/banks/*.yaml
    expect_status 0
}

test_no_arguments_is_a_usage_error() {
    run "$SIGNPOST" check
    expect_status 2
    expect_contains "stderr" "$err" "nothing to check"
    expect_contains "stderr" "$err" "Try 'signpost help check'"
}

test_unknown_option_is_a_usage_error() {
    run "$SIGNPOST" check --frobnicate x.yaml
    expect_status 2
}

test_help_goes_to_stdout() {
    run "$SIGNPOST" check --help
    expect_status 0
    expect_contains "help" "$out" "Usage: signpost check"
    run "$SIGNPOST" help check
    expect_status 0
    expect_contains "help" "$out" "Usage: signpost check"
}

test_json_output_is_an_array() {
    printf 'signpost: bank/1\nid: x\nversion: 1.0\n' >b.yaml
    run "$SIGNPOST" check --json b.yaml
    expect_status 1
    expected='[
  {"file": "b.yaml", "line": 1, "column": 1, "severity": "error", "message": "the bank has no '"'"'title'"'"'; it is required"},
  {"file": "b.yaml", "line": 1, "column": 1, "severity": "error", "message": "the bank has no '"'"'questions'"'"'; it is required"},
  {"file": "b.yaml", "line": 3, "column": 10, "severity": "error", "message": "expected a version MAJOR.MINOR.PATCH such as 1.0.0, found '"'"'1.0'"'"'"}
]'
    expect_eq "json" "$out" "$expected"
    expect_eq "summary on stderr" "$err" "3 errors, 0 warnings"
    python3 -c 'import json,sys; json.loads(sys.argv[1])' "$out" || fail "not valid JSON"
}

test_json_with_no_problems_is_an_empty_array() {
    run "$SIGNPOST" check --json "$SP_SRC/quizzes/directions.yaml"
    expect_status 0
    expect_eq "json" "$out" "[]"
}

test_unreadable_file_is_an_io_error() {
    run "$SIGNPOST" check missing.yaml
    expect_status 3
    expect_eq "diagnostic" "$out" "missing.yaml: error: cannot read the file: No such file or directory
1 error, 0 warnings"
}

test_quiet_hides_warnings() {
    printf 'signpost: bank/1\nid: x\nversion: 1.0.0\ntitle: t\nquestions:\n  - {id: q, kind: choice, text: t, options: [{id: a, text: a}, {id: b, text: b}]}\n' >w.yaml
    run "$SIGNPOST" check w.yaml
    expect_status 0
    expect_contains "warning" "$out" "warning: no option of choice question 'q' has weights"
    run "$SIGNPOST" check --quiet w.yaml
    expect_status 0
    expect_eq "quiet output" "$out" "0 errors, 1 warning"
}

test_write_error_is_reported() {
    [ -w /dev/full ] || return 0
    "$SIGNPOST" check "$SP_SRC/quizzes/directions.yaml" >/dev/full 2>"$T/err"
    status=$?
    [ "$status" -eq 3 ] || fail "expected status 3 on a full disk, got $status"
    expect_contains "stderr" "$(cat "$T/err")" "cannot write output"
}

# ---- The item-writing rules (include/signpost/lint.h) ----------------------------------------

LINT=$SP_SRC/tests/data/lint

test_lint_rules_each_fire_at_the_right_place() {
    cd "$LINT" || fail "cd"
    run "$SIGNPOST" check --quiz shuffled.yaml
    expect_status 1
    expect_contains "letter, en" "$out" "banks/trips.yaml:31:64: error: the explanation of 'trips.know.collective' names an option by its letter (\"option b\")"
    expect_contains "letter, zh" "$out" "banks/trips.yaml:32:43: error: the explanation of 'trips.know.collective' names an option by its letter (\"选项 b\")"
    expect_contains "bracketed letter" "$out" "banks/trips.yaml:42:59: error: the explanation of 'trips.know.shard' names an option by its letter (\"answer (b)\")"
    expect_contains "measure word" "$out" "banks/trips.yaml:42:92: error: the explanation of 'trips.know.shard' names an option by its letter (\"b 项\")"
    expect_contains "longest, zh" "$out" "banks/trips.yaml:21:5: warning: in 'zh', the right answer is the strictly longest option in 3 of the 3 single-answer questions, more than a third, so length gives answers away: trips.know.collective, trips.know.shard, trips.know.rdma"
    expect_contains "scenario" "$out" "banks/trips.yaml:15:5: warning: no option of scenario 'trips.scene.outage' is mainly for 'infra'"
    expect_contains "duplicate in a bank" "$out" "banks/trips.yaml:11:5: warning: question 'trips.like.stall-again' is nearly the same as 'trips.like.stall' (banks/trips.yaml:7)"
    expect_contains "duplicate across banks" "$out" "banks/clean.yaml:34:5: warning: question 'clean.know.shard' is nearly the same as 'trips.know.shard' (banks/trips.yaml:33)"
    expect_contains "absolute word" "$out" "banks/trips.yaml:27:23: note: wrong option 'b' of 'trips.know.collective' says \"always\""
    expect_eq "summary" "$(printf '%s\n' "$out" | tail -1)" "4 errors, 8 warnings"
}

test_lint_letters_are_no_error_when_the_quiz_keeps_the_order() {
    cd "$LINT" || fail "cd"
    run "$SIGNPOST" check --quiz fixed.yaml
    expect_status 0
    expect_not_contains "no letter error" "$out" "by its letter"
    expect_contains "the other rules still apply" "$out" "is mainly for 'infra'"
}

test_lint_passes_a_bank_near_every_rule() {
    # "the answer a model trainer needs", "adoption of", a fixed option's letter, an option
    # for the bank's direction, the right answer longest in one of three: none is a finding.
    run "$SIGNPOST" check "$LINT/directions.yaml" "$LINT/banks/clean.yaml"
    expect_status 0
    expect_eq "output" "$out" "0 errors, 0 warnings"
}

test_lint_runs_on_a_bank_checked_alone() {
    run "$SIGNPOST" check "$LINT/banks/trips.yaml"
    expect_status 1
    expect_contains "letters" "$out" "trips.yaml:31:64: error: the explanation of 'trips.know.collective'"
    expect_contains "duplicates within the bank" "$out" "is nearly the same as 'trips.like.stall'"
}

test_format_only_skips_the_item_writing_rules() {
    run "$SIGNPOST" check --format-only "$LINT/banks/trips.yaml"
    expect_status 0
    expect_eq "output" "$out" "0 errors, 0 warnings"
    cd "$LINT" || fail "cd"
    run "$SIGNPOST" check --format-only --quiz shuffled.yaml
    expect_status 0
    expect_eq "output" "$out" "0 errors, 0 warnings"
}
