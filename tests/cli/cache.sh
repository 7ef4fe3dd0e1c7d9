# CLI tests of the compiled quiz cache ($XDG_CACHE_HOME/signpost; docs/formats.md, "The quiz
# cache"): every result verifies the same with the cache cold, warm, damaged, truncated, foreign,
# of another version, unwritable and off; check says the same with and without it. Run by
# tests/lib.sh in a fresh $T, whose cache folder is $T/cache.

MAKER=$SP_BUILD/signpost
TINY_DIR=$SP_SRC/tests/data/tiny
PUB=$SP_SRC/tests/sign/data/good/plain.pub
CACHE=$XDG_CACHE_HOME/signpost

# The results: the committed ones (tests/data/released) and new ones of placement, quick and tiny,
# signed and unsigned, and one whose body a key holder changed and signed again (a wrong score).
make_results() {
    "$MAKER" keygen -W -s inst.key -p inst.pub >/dev/null || fail "keygen"
    mkdir -p res
    cp "$SP_SRC"/tests/data/released/*.signpost res/
    for quiz in placement quick; do
        "$SP_BUILD/tests/cli/quiz_items" "$SP_SRC/quizzes/$quiz.yaml" >items.tsv || fail "items"
        mkdir -p "ans.$quiz"
        python3 "$SP_SRC/tests/cli/make_cohort.py" items.tsv 3 7 "ans.$quiz" >/dev/null ||
            fail "make_cohort"
        for i in 0 1 2; do
            SIGNPOST_NO_CACHE=1 "$MAKER" take --quiz "$SP_SRC/quizzes/$quiz.yaml" \
                --answers "ans.$quiz/$i.yaml" --seed "$i" --key inst.key \
                --out "res/$quiz-$i.signpost" >/dev/null || fail "take $quiz $i"
        done
    done
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >a.yaml
    SIGNPOST_NO_CACHE=1 "$MAKER" take --quiz "$TINY_DIR/quiz.yaml" --answers a.yaml --seed 3 \
        --out res/tiny-unsigned.signpost >/dev/null || fail "take tiny"
    rm -rf "$XDG_CACHE_HOME"
}

# verify_all: the verdicts of every result, in JSON, against placement, quick and tiny.
verify_all() {
    "$SIGNPOST" "$@" verify --json -p inst.pub -p "$PUB" --quiz "$SP_SRC/quizzes/placement.yaml" \
        --quiz "$SP_SRC/quizzes/quick.yaml" --quiz "$TINY_DIR/quiz.yaml" res/*.signpost \
        2>&1
    echo "status $?"
}

# each_entry COMMAND: runs COMMAND FILE on every cache file.
each_entry() {
    local f n=0
    for f in "$CACHE"/quiz-*.bin; do
        [ -f "$f" ] || continue
        "$@" "$f"
        n=$((n + 1))
    done
    [ "$n" -ge 3 ] || fail "only $n cache files in $CACHE"
}

flip() { printf '\x5a' | dd of="$1" bs=1 seek=$(($(stat -c %s "$1") / 2)) conv=notrunc 2>/dev/null; }
truncate_half() { truncate -s $(($(stat -c %s "$1") / 2)) "$1"; }
foreign() { cp "$TINY_DIR/quiz.yaml" "$1"; }
other_version() { printf '\x02' | dd of="$1" bs=1 seek=8 conv=notrunc 2>/dev/null; }
empty() { : >"$1"; }

test_results_verify_the_same_with_the_cache_cold_warm_damaged_and_off() {
    make_results
    want=$(SIGNPOST_NO_CACHE=1 verify_all)
    expect_contains "verdicts" "$want" '"verdict": "verified"'
    [ ! -e "$CACHE" ] || fail "SIGNPOST_NO_CACHE=1 wrote $CACHE"
    expect_eq "--no-cache" "$(verify_all --no-cache)" "$want"
    [ ! -e "$CACHE" ] || fail "--no-cache wrote $CACHE"
    expect_eq "cold" "$(verify_all)" "$want"
    expect_eq "warm" "$(verify_all)" "$want"
    for damage in flip truncate_half foreign other_version empty; do
        each_entry "$damage"
        expect_eq "cache files after $damage" "$(verify_all)" "$want"
        expect_eq "cache files rebuilt after $damage" "$(verify_all)" "$want"
    done
    # Each cache file replaced by another quiz's: content-keyed, so they are never used.
    files=("$CACHE"/quiz-*.bin)
    cp "${files[0]}" swap && cp "${files[1]}" "${files[0]}" && cp swap "${files[1]}"
    expect_eq "swapped cache files" "$(verify_all)" "$want"
}

test_a_cache_folder_that_cannot_be_written_changes_nothing() {
    make_results
    want=$(SIGNPOST_NO_CACHE=1 verify_all)
    : >"$XDG_CACHE_HOME" # a file where the folder should be
    expect_eq "unwritable cache" "$(verify_all)" "$want"
    XDG_CACHE_HOME=relative expect_eq "relative XDG_CACHE_HOME" "$(verify_all)" "$want"
    [ ! -e relative ] || fail "a relative XDG_CACHE_HOME was used"
}

# The cache file of a quiz is only used while every file of the quiz has the bytes it was made
# from: a changed bank gives its new questions at once.
test_a_changed_bank_is_read_at_once() {
    cp -r "$TINY_DIR" q
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >a.yaml
    run "$SIGNPOST" take --quiz q/quiz.yaml --answers a.yaml --seed 3 --out r1.signpost
    expect_status 0
    [ -n "$(ls "$CACHE"/quiz-*.bin)" ] || fail "nothing cached"
    sed -i 's/t\.like\.users/t.like.people/' q/banks/t.yaml
    run "$SIGNPOST" take --quiz q/quiz.yaml --answers a.yaml --seed 3 --out r2.signpost
    expect_status 1
    expect_contains "stderr" "$err" "t.like.people"
}

# check parses every time: its diagnostics never depend on the cache.
test_check_says_the_same_with_and_without_the_cache() {
    for q in "$SP_SRC/quizzes/placement.yaml" "$SP_SRC/tests/data/analyze/quiz.yaml"; do
        want=$(SIGNPOST_NO_CACHE=1 "$SIGNPOST" check --quiz "$q" 2>&1)
        "$SIGNPOST" verify --quiz "$q" /dev/null >/dev/null 2>&1
        expect_eq "check --quiz $q" "$("$SIGNPOST" check --quiz "$q" 2>&1)" "$want"
    done
}

test_no_cache_is_a_global_option() {
    run "$SIGNPOST" --no-cache
    expect_status 2
    run "$SIGNPOST" --no-cache --version
    expect_status 0
    run "$SIGNPOST" --help
    expect_contains "help" "$out" "--no-cache"
}

# take fills a cold cache while the taker reads the first question, not before it: the files are
# there while take waits for the first answer, and a take killed then leaves nothing half-written.
test_take_fills_the_cache_while_the_first_question_waits() {
    mkfifo in
    "$SIGNPOST" take --quiz "$SP_SRC/quizzes/placement.yaml" --seed 1 <in >/dev/null 2>err &
    local pid=$! i
    exec 7>in # hold the pipe open: take waits for an answer
    for i in $(seq 100); do
        grep -q "1 of" err 2>/dev/null && break
        sleep 0.1
    done
    grep -q "1 of" err || fail "no first question: $(cat err)"
    for i in $(seq 50); do
        [ "$(ls "$CACHE" 2>/dev/null | wc -l)" -ge 2 ] && break
        sleep 0.1
    done
    kill "$pid"
    exec 7>&-
    wait "$pid" 2>/dev/null
    expect_eq "cache files" "$(cd "$CACHE" && ls | sed 's/quiz-[0-9a-f]*/quiz-HEX/' | sort)" \
        "$(printf 'quiz-HEX.bin\nquiz-HEX.replay.bin')"
}

# Only whole files appear in the cache folder: no temporary file is left beside them.
test_filling_the_cache_leaves_only_whole_files() {
    for q in placement quick; do
        "$SIGNPOST" verify --quiz "$SP_SRC/quizzes/$q.yaml" /dev/null >/dev/null 2>&1
        "$SIGNPOST" take --quiz "$SP_SRC/quizzes/$q.yaml" --seed 1 </dev/null >/dev/null 2>&1
    done
    expect_eq "cache files" "$(cd "$CACHE" && ls | sed 's/quiz-[0-9a-f]*/quiz-HEX/' | sort | uniq -c |
        tr -s ' ')" "$(printf ' 2 quiz-HEX.bin\n 2 quiz-HEX.replay.bin')"
}
