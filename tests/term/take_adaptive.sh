# Terminal tests of the adaptive quiz (take --adaptive; docs/scoring.md, section 11): the real
# program in a tmux pane, driven by keys. tmux.sh has the helpers.

# shellcheck source=tmux.sh
source "$SP_SRC/tests/term/tmux.sh"

Q=$SP_SRC/quizzes/placement.yaml

# answer_shown N: answers the question on the screen, read from its prompt once it is drawn:
# a rating for a statement, two letters where several are asked for, else b.
answer_shown() {
    wait_for "$PROMPT" 20
    case "$(screen)" in
    *"1-5)"* | *"1-5）"*) answer $(($1 % 5 + 1)) ;;
    *"one or more"* | *"一个或多个"*) answer "a b" ;;
    *) answer b ;;
    esac
}

# The width of the progress bar drawn on the second line, in filled cells.
bar_cells() {
    screen | sed -n 2p | grep -o '█' | wc -l
}

# run_to_end QUESTION: answers until the end screen, checking that the header counts the
# questions with an estimate of those left and that the bar never goes back.
run_to_end() {
    local i=1 last=0 cells
    while ! screen | grep -q "$END"; do
        wait_for "$(printf "$QUESTION" "$i")" 20
        cells=$(bar_cells)
        [ "$cells" -ge "$last" ] || fail "the bar went back from $last to $cells cells at question $i"
        last=$cells
        answer_shown "$i"
        i=$((i + 1))
        [ "$i" -le 49 ] || fail "more than 48 questions"
        # The next screen: another question or the end.
        local start=$SECONDS
        until screen | grep -q "$(printf "$QUESTION" "$i")\|$END"; do
            [ $((SECONDS - start)) -lt 20 ] || fail "no next screen after question $((i - 1)): $(screen)"
            sleep 0.05
        done
    done
    ASKED=$((i - 1))
}

test_adaptive_quiz_in_english() {
    PROMPT="Your answer (" QUESTION="Question %s — about" END="Press Enter to see your result, type :more"
    start 80 24 take --seed 4 --quiz "$Q" --adaptive --out r.signpost
    wait_for "At most 48 questions: the quiz stops as soon as your answers settle your top" 20
    key Enter
    run_to_end
    [ "$ASKED" -lt 48 ] || fail "asked all 48 questions"
    wait_for "questions asked"
    case "$(screen)" in
    *"Settled after $ASKED questions"* | *"Stopped after $ASKED questions: no answers to the questions left"*) ;;
    *) fail "the end screen does not say why it stopped after $ASKED: $(screen)" ;;
    esac
    # Going on after the stop: one more question, then the end screen again.
    answer :more
    wait_for "Question $((ASKED + 1)), after the quiz was settled"
    answer_shown 1
    wait_for "$END" 20
    key Enter
    wait_for "Fit by direction" 20
    key q
    wait_exit 20
    expect_status 0
    local body
    body=$(cat r.signpost)
    expect_contains "result" "$body" "mode: adaptive"
    expect_contains "result" "$body" "after: $ASKED}"
    expect_eq "answers recorded" "$(result_answers r.signpost | grep -c ': ')" $((ASKED + 1))
    run "$SIGNPOST" verify --quiz "$Q" r.signpost
    expect_status 7 # not signed, and replayed: not FAILED
    expect_contains "verify" "$out" "not signed"
}

test_adaptive_quiz_in_chinese() {
    PROMPT="你的回答（" QUESTION="第 %s 题——大约还有" END="按回车查看结果，输入 :more 继续答题"
    start 80 24 take --seed 9 --quiz "$Q" --adaptive --out r.signpost --lang zh
    wait_for "最多 48 道题：一旦你的回答能定下首选方向，测评就会停止" 20
    key Enter
    run_to_end
    wait_for "已问 $ASKED 道题"
    case "$(screen)" in
    *"$ASKED 道题后已有定论"* | *"$ASKED 道题后停止：剩下的题目无论怎么回答"*) ;;
    *) fail "the end screen does not say why it stopped: $(screen)" ;;
    esac
    key Enter
    wait_for "你的结果" 20
    key q
    wait_exit 20
    expect_status 0
    run "$SIGNPOST" verify --quiz "$Q" r.signpost
    expect_status 7
}

test_adaptive_back_shows_the_answer_given_and_goes_on() {
    PROMPT="Your answer ("
    start 80 24 take --seed 4 --quiz "$Q" --adaptive --out r.signpost
    wait_for "Press Enter to begin" 20
    key Enter
    wait_for "Question 1 — about" 20
    answer_shown 1
    wait_for "Question 2 — about" 20
    answer_shown 2
    wait_for "Question 3 — about" 20
    answer :back
    wait_for "Question 2 of the 2 asked so far" 20
    wait_for "Press Enter to keep it."
    key Enter
    wait_for "Question 3 — about" 20
    answer :quit
    wait_exit 20
    expect_status 5
}

test_adaptive_resume_asks_the_same_next_question() {
    PROMPT="Your answer ("
    start 80 24 take --seed 4 --quiz "$Q" --adaptive --out r.signpost
    wait_for "Press Enter to begin" 20
    key Enter
    for i in 1 2 3 4 5; do
        wait_for "Question $i — about" 20
        answer_shown "$i"
    done
    wait_for "Question 6 — about" 20
    wait_for "$PROMPT"
    local before
    before=$(screen | sed -n 4p) # the question's first line
    answer :quit
    wait_exit 20
    expect_status 5
    # No "question 6 of 48": an adaptive quiz has no fixed length.
    expect_contains "quit" "$(screen)" "Stopped after 5 questions. Your answers are saved"
    restart take --resume
    wait_for "Question 6 — about" 20
    wait_for "Welcome back: 5 answered so far."
    wait_for "$before"
    answer_shown 6
    wait_for "Question 7 — about" 20
    answer :quit
    wait_exit 20
    expect_status 5
}
