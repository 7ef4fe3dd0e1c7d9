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
