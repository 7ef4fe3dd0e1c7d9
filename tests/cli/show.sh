# CLI tests of signpost show as a viewer (issue 16): the letters the taker saw, the exit status,
# the hint when the quiz is not at hand, the share card's fonts, wrapped reasons and the pager.
# Run by tests/lib.sh in a fresh $T. The shuffled test quiz asks, with seed 1, the choice item
# with its options in the order c, a, b: the option with id a was shown as b).

TINY=$SP_SRC/tests/data/tiny/quiz.yaml
SHUFFLED=$SP_SRC/tests/term/data/mini-shuffled.yaml

# shuffled_result FILE: an unsigned result of the shuffled quiz, seed 1.
shuffled_result() {
    printf 'mini.like.network: 4\nmini.like.users: 2\nmini.scene.crash: a\nmini.know.allreduce: b\nmini.know.memory: [a, c]\n' >answers.yaml
    "$SIGNPOST" take --quiz "$SHUFFLED" --answers answers.yaml --seed 1 --out "$1" >/dev/null ||
        fail "take"
}

# tiny_result FILE [take options]: an unsigned result of the tiny quiz.
tiny_result() {
    local file=$1
    shift
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --out "$file" "$@" \
        >/dev/null || fail "take"
}

# ---- Point 3: the letters on the taker's screen ------------------------------------------------

test_show_quotes_the_letter_the_taker_saw() {
    shuffled_result r.signpost
    run "$SIGNPOST" show --quiz "$SHUFFLED" r.signpost
    out=$(printf '%s' "$out" | tr -s ' \n' '  ') # the reasons are wrapped
    expect_contains "stdout" "$out" "you answered: b) Bring the checkpoint restore down from 40 minutes to 5"
    expect_not_contains "stdout" "$out" "a) Bring the checkpoint"
    # A several-answer reply lists the letters in letter order: ids [a, c] were shown c) and a).
    expect_contains "stdout" "$out" "you answered: a) Sharding the optimizer states across GPUs (ZeRO); c) Activation checkpointing"
    # Programs get ids.
    run "$SIGNPOST" show --quiz "$SHUFFLED" --json r.signpost
    expect_contains "json" "$out" '"question": "mini.scene.crash"'
}

# ---- Point 19: show is a viewer ----------------------------------------------------------------

test_show_exits_0_when_it_shows_a_result_whatever_the_verdict() {
    tiny_result r.signpost
    run "$SIGNPOST" show --quiz "$TINY" r.signpost
    expect_status 0
    expect_contains "first line" "$(printf '%s\n' "$out" | head -n 1)" "not signed — "
    "$SIGNPOST" show --quiz "$TINY" --svg r.signpost >card.svg && [ -s card.svg ] ||
        fail "show --svg of an unsigned result breaks an && chain"
    run "$SIGNPOST" show --quiz "$TINY" --json r.signpost
    expect_status 0
    expect_contains "json" "$out" '"verified": false'
    "$SIGNPOST" keygen -W >/dev/null || fail "keygen"
    "$SIGNPOST" sign r.signpost >/dev/null || fail "sign"
    run "$SIGNPOST" show --quiz "$TINY" r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "verified — signed by you (your key "
    # verify gives the verdict in its exit status: 0 for your own result, 1 for an altered one.
    run "$SIGNPOST" verify --quiz "$TINY" r.signpost
    expect_status 0
    sed -i 's/^seed: .*/seed: 99/' r.signpost
    run "$SIGNPOST" show --quiz "$TINY" r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "FAILED — altered after signing"
    run "$SIGNPOST" verify --quiz "$TINY" r.signpost
    expect_status 1
}

test_show_exits_1_when_the_file_is_not_a_result() {
    printf 'nothing\n' >junk
    run "$SIGNPOST" show junk
    expect_status 1
    expect_contains "stdout" "$out" "FAILED — the file is malformed at line 1"
    run "$SIGNPOST" show --svg junk
    expect_status 1
    expect_contains "stderr" "$err" "junk cannot be read as a result; no card was made"
    run "$SIGNPOST" show missing.signpost
    expect_status 3
}

test_show_svg_names_fonts_that_cover_chinese() {
    tiny_result r.signpost --lang zh
    run "$SIGNPOST" show --quiz "$TINY" --svg r.signpost
    expect_status 0
    for font in "Noto Sans CJK SC" "Source Han Sans SC" "PingFang SC" "Microsoft YaHei" \
        "WenQuanYi Micro Hei" "sans-serif"; do
        expect_contains "font-family" "$(grep -o 'font-family="[^"]*"' <<<"$out")" "$font"
    done
}

# ---- Point 18: a result whose quiz is not here -------------------------------------------------

test_show_without_its_quiz_names_the_quiz_and_says_to_pass_it() {
    tiny_result r.signpost
    run "$SIGNPOST" show r.signpost
    expect_contains "stdout" "$out" "Recommended: infra"
    expect_contains "hint" "$out" "The quiz this result was taken with, tiny 1.0.0, was not found"
    expect_contains "hint" "$out" "signpost show --quiz MANIFEST r.signpost"
    run "$SIGNPOST" show --quiz "$TINY" r.signpost
    expect_not_contains "stdout" "$out" "was not found"
}

# ---- Point 6: reasons in full; point 5: never paged off a terminal -----------------------------

test_show_wraps_the_reasons_in_full_at_60_columns() {
    shuffled_result r.signpost
    run env COLUMNS=60 "$SIGNPOST" show --quiz "$SHUFFLED" r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "  • A 2,000-GPU training run crashed overnight. Which
    follow-up would you volunteer for?"
    expect_not_contains "stdout" "$out" "…"
    # The first line is the verdict, one line as verify prints it when not on a terminal.
    long=$(printf '%s\n' "$out" | tail -n +2 | python3 -c '
import sys
print("\n".join(l for l in sys.stdin.read().split("\n") if len(l) > 60 and "█" not in l))')
    [ -z "$long" ] || fail "lines wider than 60 columns: $long"
}

test_show_never_pages_when_stdout_is_not_a_terminal() {
    shuffled_result r.signpost
    run env SIGNPOST_PAGER="touch $T/paged" PAGER="touch $T/paged" "$SIGNPOST" show \
        --quiz "$SHUFFLED" r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "What to learn next"
    [ ! -e "$T/paged" ] || fail "a pager was started for a pipe"
}

# Issue 17: the share card of your own result says so, and only a failure is red on it.
test_show_svg_of_your_own_result_is_not_red() {
    "$SIGNPOST" keygen -W >/dev/null || fail "keygen"
    tiny_result r.signpost
    "$SIGNPOST" sign --quiz "$TINY" r.signpost >/dev/null 2>&1 || fail "sign"
    run "$SIGNPOST" show --quiz "$TINY" --svg r.signpost
    expect_status 0
    expect_contains "card" "$out" "checked here: verified (your own key)"
    expect_not_contains "card" "$out" "#c62828"
    tiny_result u.signpost
    run "$SIGNPOST" show --quiz "$TINY" --svg u.signpost
    expect_not_contains "card" "$out" "#c62828"
    sed -i 's/^seed: 1$/seed: 2/' r.signpost
    run "$SIGNPOST" show --quiz "$TINY" --svg r.signpost
    expect_contains "card" "$out" "#c62828"
}
