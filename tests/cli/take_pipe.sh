# CLI tests of the interactive quiz with answers piped in (no terminal), and of --resume.
# Run by tests/lib.sh; see there for $SIGNPOST, run, expect_*. The test quiz asks, with seed 1:
# two likert items, a choice item (a, b, c), a knowledge item (b is right) and a several-answer
# knowledge item (a and c are right).

MINI=$SP_SRC/tests/term/data/mini.yaml

# take_with INPUT ARGS...: pipes INPUT into signpost take --seed 1 --quiz MINI ARGS.
take_with() {
    local input=$1
    shift
    out=$(printf "$input" | "$SIGNPOST" take --seed 1 --quiz "$MINI" "$@" 2>"$T/.stderr")
    status=$?
    err=$(cat "$T/.stderr")
}

# endless LINE ARGS...: pipes LINE for ever (yes) into signpost take --seed 1 --quiz MINI ARGS,
# for at most 10 s and 2 MB of messages (stderr, in $err); stdout is dropped.
endless() {
    local line=$1
    shift
    { yes "$line" | timeout 10 "$SIGNPOST" take --seed 1 --quiz "$MINI" "$@" 2>&1 >/dev/null
      echo $? >"$T/.status"; } | head -c 2000000 >"$T/.stderr"
    status=$(cat "$T/.status")
    err=$(cat "$T/.stderr")
    out=
}

journals() {
    ls "$XDG_STATE_HOME/signpost" 2>/dev/null | grep -c '\.journal$'
}

test_piped_answers_finish_the_quiz() {
    take_with '3\n4\nb\nb\na c\n' --out r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "Fit by direction"
    expect_contains "stdout" "$out" "Result saved: r.signpost"
    expect_contains "stdout" "$out" "Knowledge questions: 2 of 2 right"
    expect_not_contains "stdout" "$out" "Question 1 of 5"
    expect_contains "stderr" "$err" "Question 1 of 5"
    expect_contains "stderr" "$err" "Your answer (a-c, one or more): "
    expect_eq "answers" "$(sed -n '/^answers:/,/^scores:/p' r.signpost)" "answers:
  mini.like.network: 3
  mini.like.users: 4
  mini.scene.crash: b
  mini.know.allreduce: b
  mini.know.memory: [a, c]
scores:"
    expect_eq "journals left" "$(journals)" 0
    case "$out$err" in *$'\e'*) fail "escape sequences in the output of a pipe" ;; esac
}

test_several_answers_are_read_in_every_form() {
    for form in 'a,c' 'ac' 'C A' 'ａ，ｃ' 'a、c'; do
        rm -f r.signpost
        take_with "3\n4\nb\nb\n$form\n" --out "r.signpost"
        expect_status 0
        expect_contains "answers for '$form'" "$(cat r.signpost)" "mini.know.memory: [a, c]"
    done
}

# Without a terminal nobody can be asked again: a line that does not answer is an error that
# names the line, the question and what fits, the answers before it are kept for --resume, and
# the program ends (it used to ask again for ever: `yes 3 | signpost take` never ended).
test_a_piped_answer_that_does_not_fit_is_an_error() {
    endless 3
    expect_status 1
    expect_contains "stderr" "$err" "line 3 of the input does not answer question 3 of 5 (mini.scene.crash): Type one letter from a to c, or :skip."
    expect_contains "stderr" "$err" "Stopped at question 3 of 5. Your answers are saved; to continue, run:"
    expect_contains "stderr" "$err" "signpost take --resume"
    expect_eq "journals" "$(journals)" 1
    [ "$(wc -c <"$T/.stderr")" -lt 20000 ] || fail "$(wc -c <"$T/.stderr") bytes of messages"
}

# Lines that each fit but never answer anything new (`yes :help`, or going back and forth)
# are stopped too: nothing repeats for ever.
test_piped_input_that_never_answers_anything_new_is_stopped() {
    local line kept
    while IFS='|' read -r line kept; do
        line=$(printf "$line."); line=${line%.} # keeping a last newline
        endless "$line"
        expect_status 1
        expect_contains "stderr for '$line'" "$err" "lines in a row without a new answer; the input seems to repeat itself"
        expect_eq "journals for '$line'" "$(journals)" "$kept"
        rm -rf "$XDG_STATE_HOME"
    done <<'CASES'
:help|0
3\n:back|1
:review\n|0
CASES
}

test_every_kind_of_line_that_does_not_fit_is_an_error() {
    local input hint
    while IFS='|' read -r input hint; do
        take_with "$input"
        expect_status 1
        expect_contains "stderr for '$input'" "$err" "$hint"
    done <<'CASES'
7\n|line 1 of the input does not answer question 1 of 5 (mini.like.network): Type a number from 1 to 5 (1 strongly disagree, 5 strongly agree), or :skip.
\n|line 1 of the input does not answer question 1 of 5 (mini.like.network): Type a number from 1 to 5, or :skip.
3\n4\nab\n|line 3 of the input does not answer question 3 of 5 (mini.scene.crash): This question has one answer: type one letter from a to c.
3\n4\nb\nb\nb b\n|line 5 of the input does not answer question 5 of 5 (mini.know.memory): Give each letter once.
:frobnicate\n|line 1 of the input does not answer question 1 of 5 (mini.like.network): Not a command. Commands: :back :skip :review :help :quit
:back\n|line 1 of the input does not answer question 1 of 5 (mini.like.network): This is the first question.
3\n:review\n7\n|line 3 of the input does not fit the list of answers (:review): Type the number of a question in the list, or press Enter.
CASES
}

test_a_line_that_does_not_fit_at_the_first_question_leaves_no_journal() {
    endless ''
    expect_status 1
    expect_contains "stderr" "$err" "Stopped. Nothing was saved."
    expect_eq "files left" "$(ls -A "$XDG_STATE_HOME/signpost" 2>/dev/null)" ""
}

test_back_skip_and_review_change_answers() {
    take_with '4\n:back\n\n:skip\n:review\n1\n5\n:b\n2\nc\n:skip\na\n' --out r.signpost
    expect_status 0
    expect_contains "review" "$err" "Your answers so far"
    expect_eq "answers" "$(sed -n '/^answers:/,/^scores:/p' r.signpost)" "answers:
  mini.like.network: 5
  mini.like.users: 2
  mini.scene.crash: c
  mini.know.allreduce: skip
  mini.know.memory: [a]
scores:"
    expect_contains "skipped" "$(cat r.signpost)" "skipped: 1"
}

test_input_that_ends_early_keeps_the_journal_for_resume() {
    take_with '3\n4\n'
    expect_status 5
    expect_contains "stderr" "$err" "Stopped at question 3 of 5. Your answers are saved"
    expect_contains "stderr" "$err" "signpost take --resume"
    expect_eq "journals" "$(journals)" 1
    [ "$(stat -c %a "$XDG_STATE_HOME/signpost")" = 700 ] || fail "the journal folder is not 0700"
    out=$(printf 'a\nb\nc\n' | "$SIGNPOST" take --resume --out r.signpost 2>"$T/.stderr")
    status=$?
    err=$(cat "$T/.stderr")
    expect_status 0
    expect_contains "welcome" "$err" "Welcome back: 2 of 5 answered so far."
    expect_contains "stderr" "$err" "Question 3 of 5"
    expect_eq "answers" "$(sed -n '/^answers:/,/^scores:/p' r.signpost)" "answers:
  mini.like.network: 3
  mini.like.users: 4
  mini.scene.crash: a
  mini.know.allreduce: b
  mini.know.memory: [c]
scores:"
    expect_eq "journals left" "$(journals)" 0
}

test_resume_with_no_sessions() {
    run "$SIGNPOST" take --resume
    expect_status 1
    expect_contains "stderr" "$err" "there is no unfinished quiz to resume (journals are kept in $XDG_STATE_HOME/signpost)"
}

test_resume_takes_the_most_recent_without_a_terminal() {
    take_with '1\n'
    sleep 1
    take_with '5\n5\n'
    out=$(printf 'a\nb\nc\n' | "$SIGNPOST" take --resume --out r.signpost 2>"$T/.stderr")
    status=$?
    expect_status 0
    expect_contains "answers" "$(cat r.signpost)" "mini.like.users: 5"
    expect_eq "journals left" "$(journals)" 1
}

test_resume_and_seed_do_not_go_together() {
    run "$SIGNPOST" take --resume --seed 3
    expect_status 2
    expect_contains "stderr" "$err" "--seed does not go with it"
}

test_resume_refuses_a_journal_of_a_changed_quiz() {
    cp "$SP_SRC"/tests/term/data/mini*.yaml .
    sed -i 's|\.\./\.\./\.\./quizzes/|'"$SP_SRC"'/quizzes/|' mini.yaml
    out=$(printf '3\n' | "$SIGNPOST" take --seed 1 --quiz mini.yaml 2>/dev/null)
    sed -i 's/^version: 1.0.0/version: 1.0.1/' mini-bank.yaml
    run "$SIGNPOST" take --resume
    expect_status 1
    expect_contains "stderr" "$err" "the quiz 'mini' has changed since this session was started (version 1.0.0 then, 1.0.0 now): the bank 'mini' has changed (version 1.0.0 then, 1.0.1 now); the session cannot be resumed with it"
    expect_eq "journal kept" "$(journals)" 1
}

test_damaged_journal_is_reported_and_not_trusted() {
    take_with '3\n4\n'
    f=$(ls "$XDG_STATE_HOME"/signpost/*.journal)
    sed -i 's/^item: mini.like.network 3/item: mini.like.network 5/' "$f"
    run "$SIGNPOST" take --resume
    expect_status 1
    expect_contains "stderr" "$err" "not a usable journal: its checksum does not match its content (it was altered or damaged); it was not trusted"
    expect_contains "stderr" "$err" "there is no unfinished quiz to resume"
}

test_default_result_names_never_overwrite() {
    take_with '3\n4\nb\nb\na c\n'
    expect_status 0
    first=$(ls signpost-result-*.signpost)
    cp "$first" first.copy
    take_with '1\n1\na\na\na\n'
    expect_status 0
    expect_eq "result files" "$(ls signpost-result-*.signpost | wc -l)" 2
    cmp -s "$first" first.copy || fail "the first result was overwritten"
    # A name already taken in the same second gets a suffix.
    stamp=$(date +%Y%m%d-%H%M%S)
    touch "signpost-result-$stamp.signpost"
    take_with '1\n1\na\na\na\n'
    expect_status 0
    expect_contains "stdout" "$out" "Result saved: signpost-result-"
}

test_json_output_instead_of_the_screens() {
    take_with '3\n4\nb\nb\na c\n' --json --out r.signpost
    expect_status 0
    python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["out"] == "r.signpost", d; assert d["seed"] == 1' "$out" ||
        fail "not the expected JSON: $out"
}

test_lang_zh_shows_the_chinese_interface_in_an_english_locale() {
    take_with '3\n4\nb\nb\na c\n' --lang zh --out r.signpost
    expect_status 0
    expect_contains "stderr" "$err" "第 1 题，共 5 题"
    expect_contains "stderr" "$err" "非常同意"
    expect_contains "stdout" "$out" "各方向匹配度"
    expect_contains "result" "$(cat r.signpost)" "lang: zh"
}

test_lang_zh_works_in_the_c_locale() {
    out=$(printf '3\n' | LC_ALL=C LANG=C "$SIGNPOST" take --seed 1 --quiz "$MINI" --lang zh 2>&1)
    expect_contains "output" "$out" "一个训练任务有三分之一的时间在等网络"
    expect_contains "output" "$out" "第 2 题，共 5 题"
}

test_chinese_locale_picks_chinese() {
    out=$(printf '3\n' | LC_ALL= LANG=zh_CN.UTF-8 "$SIGNPOST" take --seed 1 --quiz "$MINI" 2>&1)
    expect_contains "output" "$out" "第 2 题，共 5 题"
}

test_unknown_language_is_a_usage_error() {
    run "$SIGNPOST" take --seed 1 --quiz "$MINI" --lang fr
    expect_status 2
    expect_contains "stderr" "$err" "the quiz has no language 'fr'"
}

test_help_describes_take() {
    run "$SIGNPOST" take --help
    expect_status 0
    expect_contains "help" "$out" "Usage: signpost take"
    expect_contains "help" "$out" "--resume"
}

test_a_quiz_path_with_escapes_is_never_shown_raw() {
    dir=$'quiz\e[31m'
    mkdir "$dir"
    cp "$SP_SRC"/tests/term/data/mini*.yaml "$dir"
    sed -i 's|\.\./\.\./\.\./quizzes/|'"$SP_SRC"'/quizzes/|' "$dir/mini.yaml"
    out=$(printf '3\n' | "$SIGNPOST" take --seed 1 --quiz "$dir/mini.yaml" 2>/dev/null)
    run "$SIGNPOST" take --resume
    expect_status 1
    expect_contains "stderr" "$err" "has control characters in its path"
    case "$err" in *$'\e'*) fail "an escape sequence reached the terminal: $err" ;; esac
    printf '4\nb\nb\nac\n' | "$SIGNPOST" take --resume --quiz "$dir/mini.yaml" --out r.signpost \
        >/dev/null 2>&1 || fail "resuming with --quiz failed"
    expect_contains "result" "$(cat r.signpost)" "mini.know.memory: [a, c]"
}

# Point 4 of issue 16: --out never replaces an existing file without --force: refused before the
# first question, and again at the end for a file that appeared while the quiz ran (the answers
# kept for --resume); a resumed quiz whose recorded --out now exists is refused before its
# first question.
test_out_refuses_an_existing_file_before_the_first_question() {
    printf 'signed result\n' >r.signpost
    take_with '3\n4\nb\nb\na c\n' --out r.signpost
    expect_status 3
    expect_contains "stderr" "$err" "r.signpost already exists; use --force to replace it"
    expect_not_contains "stderr" "$err" "Question 1 of 5"
    expect_eq "the file" "$(cat r.signpost)" "signed result"
    expect_eq "files left" "$(ls -A "$XDG_STATE_HOME/signpost" 2>/dev/null)" ""
    take_with '3\n4\nb\nb\na c\n' --out r.signpost --force
    expect_status 0
    expect_contains "the file" "$(cat r.signpost)" "mini.know.memory: [a, c]"
}

test_out_that_appears_during_the_quiz_is_not_replaced() {
    {
        printf '3\n4\nb\nb\n'
        for _ in $(seq 200); do
            grep -qs 'item: mini.know.allreduce b' "$XDG_STATE_HOME"/signpost/*.journal && break
            sleep 0.05
        done
        printf 'signed result\n' >r.signpost
        printf 'a c\n'
    } | timeout 20 "$SIGNPOST" take --seed 1 --quiz "$MINI" --out r.signpost >/dev/null 2>"$T/.stderr"
    status=$?
    err=$(cat "$T/.stderr")
    expect_status 3
    expect_contains "stderr" "$err" "r.signpost already exists; use --force to replace it"
    expect_contains "stderr" "$err" "your answers are kept: run signpost take --resume with --out and another file, or with --force to replace it"
    expect_eq "the file" "$(cat r.signpost)" "signed result"
    expect_eq "journals" "$(journals)" 1
    out=$(printf '' | "$SIGNPOST" take --resume --force 2>"$T/.stderr")
    status=$?
    err=$(cat "$T/.stderr")
    expect_status 0
    expect_contains "the file" "$(cat r.signpost)" "mini.know.memory: [a, c]"
    expect_eq "journals" "$(journals)" 0
}

test_resume_refuses_a_recorded_out_that_now_exists() {
    take_with '3\n4\n' --out r.signpost
    expect_status 5
    printf 'signed result\n' >r.signpost
    out=$(printf 'b\nb\na c\n' | "$SIGNPOST" take --resume 2>"$T/.stderr")
    status=$?
    err=$(cat "$T/.stderr")
    expect_status 3
    expect_contains "stderr" "$err" "$T/r.signpost already exists; use --force to replace it"
    expect_not_contains "stderr" "$err" "Question 3 of 5"
    expect_eq "the file" "$(cat r.signpost)" "signed result"
    expect_eq "journals" "$(journals)" 1
    out=$(printf 'b\nb\na c\n' | "$SIGNPOST" take --resume --out other.signpost 2>"$T/.stderr")
    status=$?
    expect_status 0
    expect_eq "the file" "$(cat r.signpost)" "signed result"
    expect_contains "other" "$(cat other.signpost)" "mini.know.memory: [a, c]"
}

# Point 15 of issue 16: the knowledge review at the end lists a several-answer reply by the
# letters on the taker's screen, in their order (here shuffled: a) is the option with id c).
test_the_knowledge_review_lists_several_answers_in_letter_order() {
    mkdir q
    cp "$SP_SRC"/tests/term/data/mini*.yaml q/
    sed -i 's|\.\./\.\./\.\./quizzes/|'"$SP_SRC"'/quizzes/|; s/^shuffle_options: false/shuffle_options: true/' \
        q/mini.yaml
    out=$(printf '3\n4\nb\nb\nc a\n' | "$SIGNPOST" take --seed 1 --quiz q/mini.yaml 2>/dev/null)
    expect_contains "knowledge review" "$out" "    Your answer: a) Sharding the optimizer states across GPUs (ZeRO)
                 c) Activation checkpointing
    Correct:     a) Sharding the optimizer states across GPUs (ZeRO)
                 c) Activation checkpointing"
}

test_out_that_cannot_be_written_is_refused_before_the_first_question() {
    mkdir -p d
    run "$SIGNPOST" take --quiz "$SP_SRC/quizzes/quick.yaml" --out nodir/r.signpost </dev/null
    expect_status 3
    expect_contains "no folder" "$err" "cannot write nodir/r.signpost: there is no folder nodir"
    expect_not_contains "no question was asked" "$out$err" "Question 1 of"
    run "$SIGNPOST" take --quiz "$SP_SRC/quizzes/quick.yaml" --out d --force </dev/null
    expect_status 3
    expect_contains "a folder" "$err" "cannot write d: it is a folder; give the name of a file in it"
    [ -z "$(ls "$XDG_STATE_HOME/signpost" 2>/dev/null)" ] || fail "a journal was left"
}

test_a_session_started_with_force_is_told_to_resume_with_force() {
    touch r.signpost
    piped '3\n:quit\n' "$SIGNPOST" take --quiz "$SP_SRC/quizzes/quick.yaml" --out r.signpost --force
    expect_status 5
    expect_contains "the command to go on" "$out$err" "signpost take --resume --force"
    piped '' "$SIGNPOST" take --resume --force
    expect_contains "it goes on" "$out$err" "Question 2 of 24"
}
