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
    expect_contains "longest, zh" "$out" "banks/trips.yaml:21:5: warning: in 'zh', the right answer is the strictly longest option in 3 of the 3 single-answer questions, more than a third and well over the 1.0 that chance would give, so length gives answers away: trips.know.collective, trips.know.shard, trips.know.rdma"
    expect_contains "scenario" "$out" "banks/trips.yaml:15:5: warning: no option of scenario 'trips.scene.outage' is mainly for 'infra'"
    expect_contains "duplicate in a bank" "$out" "banks/trips.yaml:11:5: warning: question 'trips.like.stall-again' is nearly the same as 'trips.like.stall' (banks/trips.yaml:7)"
    expect_contains "duplicate across banks" "$out" "banks/clean.yaml:34:5: warning: question 'clean.know.shard' is nearly the same as 'trips.know.shard' (banks/trips.yaml:33)"
    expect_contains "absolute word" "$out" "banks/trips.yaml:27:23: note: wrong option 'b' of 'trips.know.collective' says \"always\""
    expect_eq "summary" "$(printf '%s\n' "$out" | tail -1)" "4 errors, 7 warnings, 1 note"
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

test_lint_letters_in_the_ways_authors_write_them() {
    # One knowledge item per explanation, in a bank made here: each line is "EXPECT|TEXT",
    # EXPECT y when the text names an option by its letter.
    cat >cases.txt <<'CASES'
y|The correct answer is b.
y|Answer B, as the stem says.
y|Options b and c both fail.
y|(c) is the network link.
y|b) is the network link.
y|Choice b is wrong.
y|In option a's case the checkpoint is incomplete.
y|Saving state matters; (a) misses the optimiser.
y|option c is wrong
y|选项A的说法不对。
y|选项 A，说法不对。
y|选项（A）不对。
y|答案是A。
y|答案是 b，因为它最快。
y|第 a 项不对。
y|A、C 两项都不对。
y|B项是对的。
n|The option a model picks depends on temperature.
n|Run an A/B test; option A/B testing is standard.
n|This is plan B for the cluster.
n|The answer: a larger batch.
n|Option D is fixed, so naming it is fine.
n|An option, a cheaper one, exists.
n|Answer a question with a question.
n|The answer (a sum over all ranks) is what every rank holds.
n|Choose an option (a cheap one first).
n|答案 A/B 测试很常用。
n|a 项目组的经验。
n|选项中没有正确的。
n|该答案 a priori 看似合理。
CASES
    n=0
    while IFS='|' read -r expect text; do
        n=$((n + 1))
        text=$(printf '%b' "$text")
        {
            printf 'signpost: bank/1\nid: infra\nversion: 1.0.0\ndirection: infra\ntitle: t\nquestions:\n'
            printf '  - id: infra.know.q\n    kind: knowledge\n    level: 1\n    text: "Which collective sums gradients?"\n'
            printf '    options:\n      - {id: a, text: "all-reduce"}\n      - {id: b, text: "broadcast"}\n'
            printf '      - {id: c, text: "gather"}\n      - {id: d, text: "None of these", fixed: true}\n'
            printf '    answer: a\n    explain: "%s"\n' "$text"
        } >"case$n.yaml"
        run "$SIGNPOST" check "case$n.yaml"
        case "$expect" in
        y) expect_contains "case $n: $text" "$out" "names an option by its letter" ;;
        n) expect_eq "case $n: $text" "$out" "0 errors, 0 warnings" ;;
        esac
    done <cases.txt
    [ "$n" -eq 30 ] || fail "only $n cases"
}

test_lint_absolute_words_spare_hedges_and_compounds() {
    {
        printf 'signpost: bank/1\nid: infra\nversion: 1.0.0\ndirection: infra\ntitle: t\nquestions:\n'
        printf '  - id: infra.know.q\n    kind: knowledge\n    level: 1\n    text: "What helps?"\n    options:\n'
        printf '      - {id: a, text: {en: "A cache", zh: "缓存"}}\n'
        printf '      - {id: b, text: {en: "They help up to a point", zh: "在一定程度上有帮助"}}\n'
        printf '      - {id: c, text: {en: "They need not be deterministic", zh: "不一定是确定性的"}}\n'
        printf '      - {id: d, text: {en: "An always-on prefetch thread", zh: "需要一定比例的内存"}}\n'
        printf '      - {id: e, text: {en: "A log", zh: "日志一定会丢"}}\n'
        printf '    answer: a\n    explain: "A cache helps."\n'
    } >abs.yaml
    run "$SIGNPOST" check abs.yaml
    expect_status 0
    expect_contains "the adverb" "$out" "wrong option 'e' of 'infra.know.q' says \"一定\""
    expect_eq "only one note" "$(printf '%s\n' "$out" | grep -c note:)" "1"
    expect_eq "the note is counted" "$(printf '%s\n' "$out" | tail -1)" "0 errors, 0 warnings, 1 note"
}

test_lint_reports_each_near_duplicate_once() {
    {
        printf 'signpost: bank/1\nid: infra\nversion: 1.0.0\ndirection: infra\ntitle: t\nquestions:\n'
        for i in 1 2 3 4 5; do
            printf '  - {id: infra.like.l%s, kind: likert, text: "I would enjoy chasing a network stall across racks of servers at night, case %s.", keys: {infra: 1}}\n' "$i" "$i"
        done
    } >dup.yaml
    run "$SIGNPOST" check dup.yaml
    expect_status 0
    expect_eq "four warnings for five alike" "$(printf '%s\n' "$out" | tail -1)" "0 errors, 4 warnings"
    expect_contains "each names the first" "$out" "question 'infra.like.l5' is nearly the same as 'infra.like.l1'"
}

test_lint_never_reads_a_fifo_twice() {
    mkfifo ff || fail "mkfifo"
    cp "$LINT/banks/trips.yaml" bank.yaml
    (cat bank.yaml >ff &)
    run timeout 20 "$SIGNPOST" check ff
    expect_status 1 # the letter errors; 124 would be a hang
    expect_contains "the finding, at its text" "$out" "ff:31:7: error: the explanation of 'trips.know.collective'"
}
