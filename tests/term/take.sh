# Terminal tests of the interactive quiz: the real program in a tmux pane, driven by keys.
# Run by tests/lib.sh (see there for $SIGNPOST, $T, expect_*); tmux.sh has the helpers. The
# test quiz asks, with seed 1: two likert items, a choice item (a, b, c), a knowledge item
# (b is right) and a several-answer knowledge item (a and c are right).

# shellcheck source=tmux.sh
source "$SP_SRC/tests/term/tmux.sh"

MINI=$SP_SRC/tests/term/data/mini.yaml

# Starts the test quiz at COLS x 24 with extra arguments, and passes the intro.
start_mini() {
    local cols=$1
    shift
    start "$cols" 24 take --seed 1 --quiz "$MINI" --out r.signpost "$@"
    wait_for "Press Enter to begin"
    key Enter
    wait_for "Question 1 of 5"
}

# Answers the five items and shows the result.
finish_mini() {
    answer 4
    wait_for "Question 2 of 5"
    answer 2
    wait_for "Question 3 of 5"
    answer a
    wait_for "Question 4 of 5"
    answer b
    wait_for "Question 5 of 5"
    answer "a c"
    wait_for "That was the last question: 5 answered, 0 skipped."
    key Enter
}

test_full_quiz_in_english() {
    start_mini 80
    wait_for "I would enjoy finding out why a training job spends a third of its time waiting"
    wait_for "  5) strongly agree"
    wait_for "Your answer (1-5):"
    finish_mini
    wait_for "Fit by direction"
    wait_for "Your best fit: Infrastructure & systems"
    wait_for "Result saved: r.signpost"
    key Enter
    wait_in_history "About Infrastructure & systems"
    key q # the details are longer than the window: paged (screens.sh)
    wait_for "Enter: knowledge review"
    key Enter
    wait_in_history "Knowledge questions: 2 of 2 right"
    wait_exit
    expect_status 0
    expect_eq "answers" "$(result_answers r.signpost)" "answers:
  mini.like.network: 4
  mini.like.users: 2
  mini.scene.crash: a
  mini.know.allreduce: b
  mini.know.memory: [a, c]"
    [ -z "$(ls "$XDG_STATE_HOME/signpost")" ] || fail "the journal was not removed"
}

test_first_result_screen_fits_80_by_24() {
    start_mini 80
    finish_mini
    wait_for "Enter: details"
    # Everything from the title to the prompt is on the one screen.
    wait_for "Your result · A short test quiz"
    wait_for "Level: "
    wait_for "Not signed: no key was given (--key)."
    key q
    wait_exit
    expect_status 0
}

test_full_quiz_in_chinese() {
    start 80 24 take --seed 1 --quiz "$MINI" --out r.signpost --lang zh
    wait_for "按回车开始。"
    key Enter
    wait_for "第 1 题，共 5 题"
    wait_for "一个训练任务有三分之一的时间在等网络"
    wait_for "  5) 非常同意"
    wait_for "你的回答（1-5）："
    answer 4
    wait_for "第 2 题，共 5 题"
    answer "２"
    wait_for "第 3 题，共 5 题"
    answer a
    wait_for "第 4 题，共 5 题"
    answer b
    wait_for "你的回答（a-c，可多选）："
    answer "a，c"
    wait_for "这是最后一题了"
    key Enter
    wait_for "各方向匹配度"
    wait_for "最适合你的方向：基础设施与系统架构"
    key q
    wait_exit
    expect_status 0
    expect_contains "result" "$(cat r.signpost)" "lang: zh"
    expect_contains "result" "$(cat r.signpost)" "mini.know.memory: [a, c]"
}

test_shipped_quick_quiz() {
    start 80 24 take --seed 7 --quiz "$SP_SRC/quizzes/quick.yaml" --out r.signpost
    wait_for "Press Enter to begin"
    wait_for "24 questions, about 7 minutes."
    key Enter
    for i in $(seq 1 24); do
        wait_for "Question $i of 24"
        # The title is drawn before the prompt: the kind of answer is read from the prompt,
        # once it is there (under valgrind the two can be a second apart).
        wait_for "Your answer ("
        shown=$(screen)
        case "$shown" in
        *"(1-5):"*) answer $(((i % 5) + 1)) ;;
        *"one or more):"*) answer "a b" ;;
        *) answer b ;;
        esac
    done
    wait_for "That was the last question: 24 answered, 0 skipped."
    key Enter
    wait_for "Fit by direction"
    key q
    wait_exit
    expect_status 0
    expect_eq "answers recorded" "$(result_answers r.signpost | grep -c ': ')" 24
    expect_contains "result" "$(cat r.signpost)" "answered: 24"
}

test_back_and_skip() {
    start_mini 80
    answer 4
    wait_for "Question 2 of 5"
    answer :back
    wait_for "Your answer: 4 (agree). Press Enter to keep it."
    key Enter
    wait_for "Question 2 of 5"
    answer :skip
    wait_for "Question 3 of 5"
    answer :back
    wait_for "Your answer: skipped. Press Enter to keep it."
    answer 5
    wait_for "Question 3 of 5"
    answer c
    wait_for "Question 4 of 5"
    answer :skip
    wait_for "Question 5 of 5"
    answer a
    wait_for "That was the last question: 4 answered, 1 skipped."
    key Enter
    wait_for "Fit by direction"
    key q
    wait_exit
    expect_status 0
    expect_eq "answers" "$(result_answers r.signpost)" "answers:
  mini.like.network: 4
  mini.like.users: 5
  mini.scene.crash: c
  mini.know.allreduce: skip
  mini.know.memory: [a]"
}

test_review_jumps_to_an_answer_and_back() {
    start_mini 80
    answer 4
    wait_for "Question 2 of 5"
    answer 2
    wait_for "Question 3 of 5"
    answer :review
    wait_for "Your answers so far"
    wait_for "  2. 2     Seeing real users react to a feature I shipped"
    answer 1
    wait_for "Question 1 of 5"
    answer 1
    wait_for "Question 3 of 5"
    answer :quit
    wait_exit
    expect_status 5
    f=$(ls "$XDG_STATE_HOME"/signpost/*.journal)
    expect_contains "journal" "$(cat "$f")" "item: mini.like.network 1
item: mini.like.users 2
item: mini.scene.crash -"
}

test_wrong_answer_is_asked_again() {
    start_mini 80
    answer 7
    wait_for "Type a number from 1 to 5 (1 strongly disagree, 5 strongly agree), or :skip."
    wait_for "Question 1 of 5"
    answer 3
    wait_for "Question 2 of 5"
    answer 3
    wait_for "Question 3 of 5"
    answer "a b"
    wait_for "This question has one answer: type one letter from a to c."
    answer z
    wait_for "Type one letter from a to c, or :skip."
    answer b
    wait_for "Question 4 of 5"
    key Enter
    wait_for "Type one letter from a to c, or :skip."
    answer :q
    wait_exit
    expect_status 5
}

# Point 1 of issue 16: answers piped in that do not fit end the quiz, also when the quiz is shown
# on a terminal (the pane); it used to print "Type one letter from a to e, or :skip." for ever.
test_piped_answers_that_do_not_fit_end_the_quiz_on_a_terminal() {
    printf '%s\n' 'set -g remain-on-exit on' 'set -g status off' >"$T/tmux.conf"
    tm -f "$T/tmux.conf" new-session -d -x 80 -y 24 -c "$T" bash -c \
        'yes 3 | "$0" take --quiz "$1"; echo $? >"$2.new" && mv "$2.new" "$2"' \
        "$SIGNPOST" "$SP_SRC/quizzes/quick.yaml" "$T/status" || fail "cannot start tmux"
    wait_exit 10
    expect_status 1
    TM_CAPTURE=-J wait_in_history "of the input does not answer question"
    wait_for "signpost take --resume"
    expect_eq "journals" "$(ls "$XDG_STATE_HOME/signpost" | grep -c 'journal$')" 1
}

# Point 15 of issue 16: a several-answer reply is echoed by the letters on the screen, in their
# order, whatever the order typed and the options' ids (here shuffled: a) is the option with id
# c). It used to follow the ids: "c) Activation checkpointing; a) Sharding...".
test_several_answers_are_echoed_in_letter_order() {
    mkdir q
    cp "$SP_SRC"/tests/term/data/mini*.yaml q/
    sed -i 's|\.\./\.\./\.\./quizzes/|'"$SP_SRC"'/quizzes/|; s/^shuffle_options: false/shuffle_options: true/' \
        q/mini.yaml
    start 100 24 take --seed 1 --quiz q/mini.yaml --out r.signpost
    wait_for "Press Enter to begin"
    key Enter
    for a in 3 4 b b; do
        wait_for "Your answer ("
        answer "$a"
    done
    wait_for "Question 5 of 5"
    wait_for "  a) Sharding the optimizer states across GPUs (ZeRO)"
    wait_for "  c) Activation checkpointing"
    answer "c a"
    wait_for "That was the last question"
    answer :back
    wait_for "Question 5 of 5"
    TM_CAPTURE=-J wait_for "Your answer: a) Sharding the optimizer states across GPUs (ZeRO); c) Activation checkpointing."
    key C-d
    wait_exit
    expect_status 5
}

test_tab_completes_commands() {
    start_mini 80
    say ":rev"
    key Tab
    wait_for "Your answer (1-5): :review"
    key Enter
    wait_for "Your answers so far"
    wait_for "Nothing answered yet."
    key Enter
    wait_for "Question 1 of 5"
    answer :help
    wait_for ":review  list your answers and change one"
    key C-d
    wait_exit
    expect_status 5
}

test_ctrl_c_then_resume() {
    start_mini 80
    answer 5
    wait_for "Question 2 of 5"
    answer 1
    wait_for "Question 3 of 5"
    say "b"
    key C-c
    wait_for "Quit now? Your answers are kept and you can resume later. [y/N]"
    answer n
    wait_for "Question 3 of 5"
    wait_for "Your answer (a-c):"
    key C-c
    wait_for "Quit now?"
    answer y
    wait_for "Stopped at question 3 of 5. Your answers are saved; to continue, run:"
    wait_for "signpost take --resume"
    wait_exit
    expect_status 5
    restart take --resume --out r.signpost
    wait_for "Welcome back: 2 of 5 answered so far."
    wait_for "Question 3 of 5"
    answer c
    wait_for "Question 4 of 5"
    answer a
    wait_for "Question 5 of 5"
    answer c
    wait_for "That was the last question"
    key Enter
    wait_for "Fit by direction"
    key q
    wait_exit
    expect_status 0
    expect_eq "answers" "$(result_answers r.signpost)" "answers:
  mini.like.network: 5
  mini.like.users: 1
  mini.scene.crash: c
  mini.know.allreduce: a
  mini.know.memory: [c]"
}

test_ctrl_d_quits_and_keeps_the_journal() {
    start_mini 80
    answer 2
    wait_for "Question 2 of 5"
    key C-d
    wait_for "Stopped at question 2 of 5."
    wait_exit
    expect_status 5
    expect_eq "journals" "$(ls "$XDG_STATE_HOME/signpost" | wc -l)" 1
}

test_sigkill_then_resume_keeps_every_answer() {
    start_mini 80
    answer 5
    wait_for "Question 2 of 5"
    answer 4
    wait_for "Question 3 of 5"
    answer b
    wait_for "Question 4 of 5"
    kill -KILL "$(program_pid)"
    wait_exit
    expect_status 137
    restart take --resume --out r.signpost
    wait_for "Welcome back: 3 of 5 answered so far."
    wait_for "Question 4 of 5"
    answer b
    wait_for "Question 5 of 5"
    answer a,c
    wait_for "That was the last question"
    key Enter
    wait_for "Fit by direction"
    key q
    wait_exit
    expect_status 0
    expect_eq "answers" "$(result_answers r.signpost)" "answers:
  mini.like.network: 5
  mini.like.users: 4
  mini.scene.crash: b
  mini.know.allreduce: b
  mini.know.memory: [a, c]"
}

test_forty_columns_with_chinese_text() {
    start 40 24 take --seed 1 --quiz "$MINI" --out r.signpost --lang zh
    wait_for "按回车开始。"
    key Enter
    wait_for "第 1 题，共 5 题"
    wait_for "你的回答（" # the whole question is drawn when its prompt is
    shown=$(screen)
    # No line is wider than the pane, no character is cut, nothing is lost, and no line
    # starts with closing punctuation.
    python3 - "$shown" <<'PY' || fail "the question is not wrapped well at 40 columns:
$shown"
import sys, unicodedata
lines = sys.argv[1].split("\n")
width = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
assert all(width(l) <= 40 for l in lines), [l for l in lines if width(l) > 40]
want = "一个训练任务有三分之一的时间在等网络，我会很想查清楚这到底是为什么，并且愿意为此花上一整个下午。"
start = next(i for i, l in enumerate(lines) if l.startswith("一个训练任务"))
para = []
for l in lines[start:]:
    if not l:
        break
    assert not l.startswith(("，", "。")), l
    para.append(l)
assert all(width(l) >= 38 for l in para[:-1]), ("a line is much shorter than the pane", para)
assert "".join(para) == want, para
PY
    answer 3
    wait_for "第 2 题，共 5 题"
    answer 3
    wait_for "第 3 题，共 5 题"
    answer a
    wait_for "第 4 题，共 5 题"
    answer b
    wait_for "第 5 题，共 5 题"
    answer "a c"
    wait_for "这是最后一题了"
    key Enter
    wait_for "各方向匹配度"
    shown=$(screen)
    python3 - "$shown" <<'PY' || fail "the result does not fit 40 columns:
$shown"
import sys, unicodedata
width = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
assert all(width(l) <= 40 for l in sys.argv[1].split("\n"))
PY
    key q
    wait_exit
    expect_status 0
}

test_resize_redraws_the_question() {
    start_mini 80
    wait_for "I would enjoy finding out why a training job spends a third of its time waiting"
    say "4"
    tm resize-window -x 40 -y 24
    wait_for "I would enjoy finding out why a training"
    wait_for "Your answer (1-5): 4"
    key Enter
    wait_for "Question 2 of 5"
    answer :quit
    wait_exit
    expect_status 5
}

test_no_color_means_no_escape_sequences() {
    start_mini 80
    answer 7
    wait_for "Type a number from 1 to 5"
    case "$(screen -e)" in
    *$'\e'*) fail "escape sequences with NO_COLOR set:
$(screen -e | cat -v)" ;;
    esac
    answer :quit
    wait_exit
}

test_colour_without_no_color() {
    (
        unset NO_COLOR # before the tmux server starts, so that the pane has no NO_COLOR
        start 80 24 take --seed 1 --quiz "$MINI"
    )
    wait_for "Press Enter to begin"
    key Enter
    wait_for "Question 1 of 5"
    case "$(screen -e)" in
    *$'\e['*) ;;
    *) fail "no colour on a terminal without NO_COLOR" ;;
    esac
    key C-d
    wait_exit
}

test_a_second_resume_while_the_quiz_runs_is_refused() {
    start_mini 80
    answer 3
    wait_for "Question 2 of 5"
    answer 4
    wait_for "Question 3 of 5"
    local pid
    pid=$(program_pid)
    run timeout 10 "$SIGNPOST" take --resume --out second.signpost </dev/null
    expect_status 1
    expect_contains "stderr" "$err" "is in use: process $pid on $(hostname) has been taking it since "
    # The first goes on, and keeps every answer.
    answer b
    wait_for "Question 4 of 5"
    answer b
    wait_for "Question 5 of 5"
    answer "a c"
    wait_for "That was the last question"
    key Enter
    wait_for "Fit by direction"
    key q
    wait_exit
    expect_status 0
    expect_eq "answers" "$(result_answers r.signpost)" "answers:
  mini.like.network: 3
  mini.like.users: 4
  mini.scene.crash: b
  mini.know.allreduce: b
  mini.know.memory: [a, c]"
    [ -e second.signpost ] && fail "the second resume wrote a result"
    expect_eq "files left" "$(ls -A "$XDG_STATE_HOME/signpost")" ""
}

test_the_resume_list_does_not_offer_a_quiz_in_use() {
    local holder start
    printf '1\n' | "$SIGNPOST" take --seed 1 --quiz "$MINI" >/dev/null 2>&1
    sleep 1
    printf '2\n' | "$SIGNPOST" take --seed 1 --quiz "$MINI" >/dev/null 2>&1
    sleep 1
    # The most recent quiz goes on in the background, reading its answers from a FIFO.
    mkfifo in
    "$SIGNPOST" take --seed 1 --quiz "$MINI" --out held.signpost <in >/dev/null 2>&1 &
    holder=$!
    exec 3>in
    printf '3\n' >&3
    start=$SECONDS
    until grep -q 'item: mini.like.network 3' "$XDG_STATE_HOME"/signpost/*.journal 2>/dev/null; do
        [ $((SECONDS - start)) -lt 20 ] || fail "the quiz in the background saved no journal"
        sleep 0.05
    done
    start 100 24 take --resume --out r.signpost
    wait_for "Which one? (number, Enter for 1)"
    TM_CAPTURE=-J wait_for "is in use: process $holder on $(hostname) has been taking it since"
    wait_for "  2. mini 1.0.0"
    case "$(screen)" in *"  3. mini"*) fail "the quiz in use is offered: $(screen)" ;; esac
    answer 2
    wait_for "Welcome back: 1 of 5 answered so far."
    wait_for "Question 2 of 5"
    answer :quit
    wait_exit
    expect_status 5
    grep -q 'item: mini.like.network 1' "$XDG_STATE_HOME"/signpost/*.journal ||
        fail "the oldest quiz was not the one resumed"
    printf '4\nb\nb\na c\n' >&3
    exec 3>&-
    wait "$holder" || fail "the quiz in the background failed"
    expect_contains "held result" "$(result_answers held.signpost)" "mini.like.network: 3"
}

test_resume_asks_for_the_passphrase_in_the_language_of_the_quiz() {
    printf 'right pass\n' | "$SIGNPOST" keygen -s enc.key -p enc.pub >keygen.out 2>&1 ||
        fail "keygen: $(cat keygen.out)"
    local keyid
    keyid=$(sed -n 's/^Key id: //p' keygen.out)
    start 80 24 take --seed 1 --quiz "$MINI" --lang zh --key enc.key --out r.signpost
    wait_for "私钥 enc.key 的口令："
    answer "right pass"
    wait_for "按回车开始。" 30
    key Enter
    wait_for "第 1 题，共 5 题"
    answer 3
    wait_for "第 2 题，共 5 题"
    answer 4
    wait_for "第 3 题，共 5 题"
    answer :quit
    wait_exit
    expect_status 5
    # Resumed from another folder, in an English locale, without --key: the key the quiz
    # was started with signs it, its passphrase asked in the quiz's language first.
    mkdir elsewhere
    local cmd=()
    mapfile -t cmd < <(tm_command take --resume)
    tm respawn-pane -k -c "$T/elsewhere" "${cmd[@]}" || fail "cannot restart the pane"
    wait_for "私钥 $T/enc.key 的口令："
    answer "right pass"
    wait_for "第 3 题，共 5 题" 30
    answer b
    wait_for "第 4 题，共 5 题"
    answer b
    wait_for "第 5 题，共 5 题"
    answer "a c"
    wait_for "这是最后一题了"
    key Enter
    wait_for "结果已保存："
    wait_for "已用密钥 $keyid 签名。"
    key q
    wait_exit
    expect_status 0
    run "$SIGNPOST" verify -p "$T/enc.pub" --quiz "$MINI" "$T/r.signpost"
    expect_status 0
}

# Point 11 of issue 16: a quiz quit at its first question leaves no journal (nor lock file); the
# --resume list tells sessions apart (seed, start to the second, answers, name); --discard asks
# on a terminal, then removes the session.
test_quit_at_the_first_question_leaves_no_journal() {
    start_mini 80
    answer :quit
    wait_for "Stopped. Nothing was saved."
    wait_exit
    expect_status 5
    expect_eq "files left" "$(ls -A "$XDG_STATE_HOME/signpost" 2>/dev/null)" ""
    restart take --seed 1 --quiz "$MINI"
    wait_for "Press Enter to begin"
    key Enter
    wait_for "Question 1 of 5"
    key C-d
    wait_exit
    expect_status 5
    expect_eq "files left after Ctrl-D" "$(ls -A "$XDG_STATE_HOME/signpost" 2>/dev/null)" ""
}

test_the_resume_list_tells_sessions_apart_and_discard_asks() {
    printf '1\n' | "$SIGNPOST" take --seed 1 --quiz "$MINI" --name Ann --lang zh >/dev/null 2>&1
    sleep 1
    printf '2\n3\n' | "$SIGNPOST" take --seed 2 --quiz "$MINI" >/dev/null 2>&1
    start 80 24 take --resume
    wait_for "Which one? (number, Enter for 1)"
    wait_for "  1. mini 1.0.0, language en, seed 2, started $(date +%Y-%m-%d) "
    wait_for "     2 of 5 answered, 0 skipped"
    wait_for "  2. mini 1.0.0, language zh, seed 1, started "
    wait_for "     1 of 5 answered, 0 skipped; name: Ann"
    key C-d
    wait_exit
    expect_status 5
    restart take --discard 2
    wait_for "The quiz mini 1.0.0, language zh, seed 1, started "
    wait_for "its 1 answer will be lost."
    wait_for "Discard it? [y/N]"
    answer n
    wait_for "Nothing was discarded."
    wait_exit
    expect_status 0
    expect_eq "journals" "$(ls "$XDG_STATE_HOME/signpost" | grep -c 'journal$')" 2
    restart take --discard 2
    wait_for "Discard it? [y/N]"
    answer y
    wait_for "Discarded the quiz mini 1.0.0, language zh, seed 1, started "
    wait_exit
    expect_status 0
    expect_eq "files left" "$(ls -A "$XDG_STATE_HOME/signpost" | wc -l)" 1
    grep -q '^seed: 2$' "$XDG_STATE_HOME"/signpost/*.journal || fail "the wrong session was discarded"
}

# Point 14 of issue 16: the intro says how many questions and how long once, in the program's
# words ("48 questions, about 14 minutes."): the quizzes' descriptions used to say it too, in
# other words ("48 questions in about 14 minutes").
test_the_intro_says_the_count_and_the_duration_once() {
    local quiz lang count words
    for quiz in placement:48:14 quick:24:7; do
        IFS=: read -r quiz count minutes <<<"$quiz"
        for lang in en zh; do
            start 100 30 take --quiz "$SP_SRC/quizzes/$quiz.yaml" --lang "$lang"
            if [ "$lang" = en ]; then
                words="$count questions, about $minutes minutes."
                wait_for "Press Enter to begin"
            else
                words="共 $count 题，约 $minutes 分钟。"
                wait_for "按回车开始。"
            fi
            wait_for "$words"
            shown=$(screen -J)
            expect_eq "$quiz $lang: mentions of $count" "$(grep -o "$count" <<<"$shown" | wc -l)" 1
            expect_eq "$quiz $lang: mentions of $minutes" "$(grep -o "$minutes" <<<"$shown" | wc -l)" 1
            key C-d
            wait_exit
            tm kill-server
        done
    done
}

# A near tie is the result's most important honesty statement: at 80x24 the first screen shows
# it whole, with what tells the tied directions apart in full (never cut with "…"), from the
# title to the prompt, in English and in Chinese, for two and for three directions tied.
test_a_near_tie_is_shown_whole_on_the_first_screen_at_80_by_24() {
    local lang answers title prompt statement
    for lang in en zh; do
        for answers in "1 5 a" "3 1 c"; do # Infra and Agents; Infra, Inference and Agents
            set -- $answers
            if [ "$lang" = en ]; then
                title="Your result · A short test quiz" prompt="Enter: details"
                statement="fit you almost equally"
            else
                title="你的结果 · 简短的测试问卷" prompt="回车：查看详情"
                statement="匹配度几乎相同"
            fi
            start 80 24 take --seed 1 --quiz "$MINI" --out r.signpost --force --lang "$lang"
            wait_for "$([ "$lang" = en ] && echo "Press Enter to begin" || echo "按回车开始。")"
            key Enter
            local i=1
            for a in "$1" "$2" "$3" b "a c"; do
                wait_for "$([ "$lang" = en ] && echo "Question $i of 5" || echo "第 $i 题，共 5 题")"
                answer "$a"
                i=$((i + 1))
            done
            wait_for "$([ "$lang" = en ] && echo "That was the last question" || echo "这是最后一题了")"
            key Enter
            wait_for "$prompt"
            shown=$(screen)
            expect_contains "$lang $answers: title" "$shown" "$title"
            expect_contains "$lang $answers: near tie" "$shown" "$statement"
            case "$shown" in *"…"*) fail "$lang $answers: a line is cut on the first screen:
$shown" ;; esac
            key q
            wait_exit
            expect_status 0
            tm kill-server
        done
    done
}

# A command is never split by wrapping: the intro's "signpost take --resume" (in both of its
# paragraphs, one about the answers saved, one about an unfinished quiz) stays on one line at
# any width, in Chinese, where lines break between any two characters, and in English.
test_the_intro_never_splits_a_command() {
    local lang cols begin
    printf '1\n' | "$SIGNPOST" take --seed 2 --quiz "$MINI" >/dev/null 2>&1 # an unfinished quiz
    for lang in zh en; do
        [ "$lang" = zh ] && begin="按回车开始。" || begin="Press Enter to begin"
        for cols in 60 62 64 66 70 80; do
            start "$cols" 24 take --seed 1 --quiz "$MINI" --lang "$lang"
            wait_for "$begin"
            shown=$(screen)
            expect_eq "$lang at $cols columns: lines with the whole command" \
                "$(grep -c 'signpost take --resume' <<<"$shown")" 2
            key C-d
            wait_exit
            tm kill-server
        done
    done
}
