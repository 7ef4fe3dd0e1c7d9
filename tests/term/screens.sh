# Terminal tests of the screens that show answers and results (issue 16): the letters the taker
# saw, long screens paged, reasons wrapped. The real program in a tmux pane (tmux.sh), with the
# default pager (less -R, LESS=FRX). The shuffled test quiz shows, with seed 1, the choice item
# as a) c, b) a, c) b (option ids), the knowledge item as a) b, b) c, c) a and the several-answer
# item as a) c, b) b, c) a.

# shellcheck source=tmux.sh
source "$SP_SRC/tests/term/tmux.sh"

unset PAGER SIGNPOST_PAGER LESS LV
command -v less >/dev/null || fail "the terminal tests need less (Debian package less)"

SHUFFLED=$SP_SRC/tests/term/data/mini-shuffled.yaml

# long_quiz N: a quiz of N likert items in $T/long.yaml.
long_quiz() {
    {
        printf 'signpost: bank/1\nid: long\nversion: 1.0.0\ndirection: infra\n'
        printf 'title: {en: "A long bank", zh: "长题库"}\nquestions:\n'
        for i in $(seq 1 "$1"); do
            printf '  - id: long.like.q%02d\n    kind: likert\n' "$i"
            printf '    text: {en: "Statement %d of the long bank.", zh: "长题库的第 %d 条陈述。"}\n' "$i" "$i"
            printf '    keys: {infra: 1.0}\n'
        done
    } >"$T/long-bank.yaml"
    printf '%s\n' 'signpost: quiz/1' 'id: long' 'version: 1.0.0' \
        'title: {en: "A long test quiz", zh: "长测试问卷"}' 'languages: [en, zh]' \
        "directions: $SP_SRC/quizzes/directions.yaml" 'banks: [long-bank.yaml]' \
        'order: grouped' 'shuffle_options: false' >"$T/long.yaml"
}

# shuffled_result FILE: an unsigned result of the shuffled quiz, seed 1.
shuffled_result() {
    printf 'mini.like.network: 4\nmini.like.users: 2\nmini.scene.crash: a\nmini.know.allreduce: b\nmini.know.memory: [a, c]\n' >"$T/answers.yaml"
    "$SIGNPOST" take --quiz "$SHUFFLED" --answers "$T/answers.yaml" --seed 1 --out "$1" \
        >/dev/null || fail "take"
}

# ---- Point 3: one letter per option, the one on the question screen ---------------------------

test_end_screens_and_review_quote_the_letters_of_the_question_screen() {
    start 80 30 take --seed 1 --quiz "$SHUFFLED" --out r.signpost
    wait_for "Press Enter to begin"
    key Enter
    wait_for "Question 1 of 5"
    answer 4
    wait_for "Question 2 of 5"
    answer 2
    wait_for "Question 3 of 5"
    wait_for "  b) Bring the checkpoint restore down from 40 minutes to 5"
    answer b
    wait_for "Question 4 of 5"
    wait_for "  a) all-reduce"
    answer a
    wait_for "Question 5 of 5"
    wait_for "  a) Sharding the optimizer states across GPUs (ZeRO)"
    wait_for "  c) Activation checkpointing"
    answer "c a"
    wait_for "That was the last question: 5 answered, 0 skipped."
    answer :review
    wait_for "  3. b     A 2,000-GPU training run"
    wait_for "  4. a     In data-parallel training"
    wait_for "  5. a c   Select all that apply"
    key Enter
    wait_for "That was the last question"
    key Enter
    wait_for "Enter: details"
    key Enter
    # The details are longer than the window: the pager shows their top.
    wait_for "you answered: b) Bring the checkpoint restore down from 40 minutes to 5"
    wait_for "you answered: a) all-reduce"
    wait_for "you answered: a) Sharding the optimizer states across GPUs (ZeRO); c)"
    key q
    wait_for "Enter: knowledge review"
    key Enter
    wait_in_history "Your answer: a) all-reduce"
    wait_in_history "Your answer: a) Sharding the optimizer states across GPUs (ZeRO)"
    wait_exit
    expect_status 0
    expect_eq "answers" "$(result_answers r.signpost)" "answers:
  mini.like.network: 4
  mini.like.users: 2
  mini.scene.crash: a
  mini.know.allreduce: b
  mini.know.memory: [a, c]"
}

# ---- Point 5: long screens are paged -----------------------------------------------------------

test_review_of_41_answers_at_80_by_30_is_paged_from_its_top() {
    long_quiz 45
    start 80 30 take --seed 1 --quiz "$T/long.yaml" --out r.signpost
    wait_for "Press Enter to begin"
    key Enter
    for i in $(seq 1 41); do
        wait_for "Question $i of 45"
        answer 3
    done
    wait_for "Question 42 of 45"
    answer :review
    wait_for "Your answers so far"
    wait_for "  1. 3     Statement "
    case "$(screen)" in *"41. 3"*) fail "the whole list was printed at once: $(screen)" ;; esac
    key q
    wait_for "Number of the question to change (Enter to go back):"
    key Enter
    wait_for "Question 42 of 45"
    answer :quit
    wait_exit
    expect_status 5
}

test_show_in_an_80_by_24_pane_starts_at_the_top() {
    shuffled_result "$T/r.signpost"
    start 80 24 show --quiz "$SHUFFLED" r.signpost
    wait_for "not signed — "
    wait_for "Your result · A short test quiz, options shuffled"
    key q
    wait_exit
    expect_status 0
}

test_show_no_pager_prints_everything_at_once() {
    shuffled_result "$T/r.signpost"
    start 80 24 show --no-pager --quiz "$SHUFFLED" r.signpost
    wait_exit
    expect_status 0
    expect_contains "history" "$(screen -S -)" "not signed — "
}

test_show_with_a_pager_that_cannot_start_prints_everything() {
    shuffled_result "$T/r.signpost"
    export SIGNPOST_PAGER=/nonexistent/pager
    start 80 24 show --quiz "$SHUFFLED" r.signpost
    wait_exit
    expect_status 0
    expect_contains "history" "$(screen -S -)" "not signed — "
    expect_contains "history" "$(screen -S -)" "What to learn next"
}

# ---- Point 6: reasons in full ------------------------------------------------------------------

test_reasons_are_wrapped_in_full_at_60_columns() {
    start 60 40 take --seed 1 --quiz "$SHUFFLED" --out r.signpost
    wait_for "Press Enter to begin"
    key Enter
    for a in 4 2 b a "a c"; do
        answer "$a"
    done
    wait_for "That was the last question"
    key Enter
    wait_for "Enter: details"
    key Enter
    wait_for "Why Infra: the answers that counted most"
    wait_for "  • A 2,000-GPU training run crashed overnight. Which"
    wait_for "    follow-up would you volunteer for?"
    wait_for "    you answered: b) Bring the checkpoint restore down from"
    wait_for "    40 minutes to 5"
    case "$(screen)" in *…*) fail "a reason is cut: $(screen)" ;; esac
    key q
    wait_for "Enter: knowledge review"
    key q
    wait_exit
    expect_status 0
}

# The answer kept for a question is quoted in full, wrapped, not cut to the window's width.
test_the_answer_kept_is_quoted_in_full_at_40_columns() {
    start 40 30 take --seed 1 --quiz "$SHUFFLED" --out r.signpost
    wait_for "Press Enter to begin"
    key Enter
    for a in 4 2 b; do
        answer "$a"
    done
    wait_for "Question 4 of 5"
    answer :back
    wait_for "Question 3 of 5"
    wait_for "restore down from 40 minutes to 5."
    case "$(screen)" in *…*) fail "the answer is cut: $(screen)" ;; esac
    answer :quit
    wait_exit
    expect_status 5
}
