# CLI tests of resuming a quiz (docs/sessions.md): what the start of a session asked for
# (--out, --key, --name, the language, a jump from the review) holds on --resume, one session
# is taken by one process at a time, and journals that are not regular files are skipped at
# once. Run by tests/lib.sh; see there for $SIGNPOST, run, expect_*. The test quiz asks, with
# seed 1: two likert items, a choice item (a, b, c), a knowledge item (b is right) and a
# several-answer knowledge item (a and c are right).

MINI=$SP_SRC/tests/term/data/mini.yaml
STATE=$XDG_STATE_HOME/signpost
RECORDED="answers:
  mini.like.network: 3
  mini.like.users: 4
  mini.scene.crash: b
  mini.know.allreduce: b
  mini.know.memory: [a, c]"

# start_with INPUT ARGS...: a quiz of the test quiz with seed 1, INPUT piped in.
start_with() {
    local input=$1
    shift
    piped "$input" "$SIGNPOST" take --seed 1 --quiz "$MINI" "$@"
}

journals() {
    find "$STATE" -name '*.journal' 2>/dev/null | sort
}

result_answers() {
    sed -n '/^answers:/,/^scores:/p' "$1" | sed '$d'
}

# answers_in JOURNAL: how many items of the journal have an answer or a skip.
answers_in() {
    sed -n 's/^item: [^ ]* //p' "$1" | grep -c -v '^-$'
}

# make_key NAME: an unencrypted key pair NAME.key, NAME.pub; sets $KEYID.
make_key() {
    "$SIGNPOST" keygen -W -s "$1.key" -p "$1.pub" >keygen.out || fail "keygen"
    KEYID=$(sed -n 's/^Key id: //p' keygen.out)
    [ ${#KEYID} -eq 16 ] || fail "no key id in: $(cat keygen.out)"
}

# hold ANSWER...: starts the test quiz in the background, reading its answers from the FIFO
# `in` (kept open on fd 3), gives it the ANSWERs and waits until its journal holds them. The
# quiz goes on running, holding its session: $holder is its process id, its result goes to
# first.signpost.
hold() {
    mkfifo in
    "$SIGNPOST" take --seed 1 --quiz "$MINI" --out "$T/first.signpost" <in >first.out 2>first.err &
    holder=$!
    exec 3>in
    local a start=$SECONDS
    for a in "$@"; do
        printf '%s\n' "$a" >&3
    done
    while [ -z "$(journals)" ] || [ "$(answers_in "$(journals | tail -n 1)")" -lt $# ]; do
        [ $((SECONDS - start)) -lt 10 ] || fail "the quiz in the background saved no journal"
        sleep 0.05
    done
    HELD=$(grep -l "item: mini.like.network $1\$" $(journals))
}

# release ANSWER...: gives the held quiz the rest of its answers and waits for it to end.
release() {
    local a
    for a in "$@"; do
        printf '%s\n' "$a" >&3
    done
    exec 3>&-
    wait "$holder"
    status=$?
}

# ---- A session is taken by one process at a time ---------------------------------------------

test_a_second_resume_of_a_session_in_use_is_refused() {
    hold 3 4
    before=$(cat "$HELD")
    start=$SECONDS
    piped 'a\n' "$SIGNPOST" take --resume --out second.signpost
    expect_status 1
    [ $((SECONDS - start)) -lt 5 ] || fail "the second resume waited for the first"
    expect_contains "stderr" "$err" "is in use: process $holder on $(hostname) has been taking it since "
    expect_eq "journal" "$(cat "$HELD")" "$before"
    [ -e second.signpost ] && fail "the second resume wrote a result"
    release b b "a c"
    expect_status 0
    expect_eq "answers of the first" "$(result_answers first.signpost)" "$RECORDED"
    expect_eq "journals left" "$(journals)" ""
    expect_eq "lock files left" "$(ls -A "$STATE")" ""
}

test_resume_passes_over_a_session_in_use() {
    start_with '1\n'
    expect_status 5
    sleep 1 # the session held below is saved later: it is the most recent
    hold 3 4
    piped '4\nb\nb\na c\n' "$SIGNPOST" take --resume --out r.signpost
    expect_status 0
    expect_contains "stderr" "$err" "is in use: process $holder on $(hostname)"
    expect_contains "answers" "$(result_answers r.signpost)" "mini.like.network: 1"
    release b b "a c"
    expect_status 0
    expect_eq "answers of the first" "$(result_answers first.signpost)" "$RECORDED"
}

test_a_killed_holder_does_not_block_resume() {
    hold 3 4
    kill -KILL "$holder"
    wait "$holder" 2>/dev/null
    exec 3>&-
    expect_eq "lock file left by the killed quiz" "$(ls -A "$STATE" | grep -c '\.lock$')" 1
    piped 'b\nb\na c\n' "$SIGNPOST" take --resume --out r.signpost
    expect_status 0
    expect_eq "answers" "$(result_answers r.signpost)" "$RECORDED"
    expect_eq "files left" "$(ls -A "$STATE")" ""
}

test_quit_leaves_no_lock_file() {
    start_with '3\n4\n'
    expect_status 5
    expect_eq "files" "$(ls -A "$STATE" | grep -c -v '\.journal$')" 0
}

# ---- What the start asked for holds on --resume -------------------------------------------------

test_resume_writes_the_result_where_out_asked_at_the_start() {
    mkdir a b
    (cd a && printf '3\n4\n' | "$SIGNPOST" take --seed 1 --quiz "$MINI" --out r.signpost \
        >/dev/null 2>&1)
    cd b || fail "no folder b"
    piped 'b\nb\na c\n' "$SIGNPOST" take --resume
    expect_status 0
    expect_contains "stdout" "$out" "Result saved: $T/a/r.signpost"
    expect_eq "answers" "$(result_answers "$T/a/r.signpost")" "$RECORDED"
    expect_eq "files in the folder of the resume" "$(ls -A)" ""
}

test_out_on_the_resume_command_line_wins() {
    start_with '3\n4\n' --out a.signpost
    piped 'b\nb\na c\n' "$SIGNPOST" take --resume --out b.signpost
    expect_status 0
    expect_eq "answers" "$(result_answers b.signpost)" "$RECORDED"
    [ -e a.signpost ] && fail "the result went where the start asked, not where the resume did"
    true
}

test_the_journal_records_out_and_key_as_absolute_escaped_paths() {
    make_key k
    mkdir "odd%dir"
    start_with '3\n' --key k.key --out "odd%dir/r.signpost"
    expect_status 5
    j=$(journals)
    expect_contains "journal" "$(cat "$j")" "
out: $T/odd%25dir/r.signpost
key: $T/k.key
"
}

test_resume_signs_with_the_key_given_at_the_start() {
    make_key k
    mkdir a b
    mv k.key k.pub a/
    (cd a && printf '3\n4\n' | "$SIGNPOST" take --seed 1 --quiz "$MINI" --key k.key \
        --out r.signpost >/dev/null 2>&1)
    cd b || fail "no folder b"
    piped 'b\nb\na c\n' "$SIGNPOST" take --resume
    expect_status 0
    expect_contains "stdout" "$out" "Signed with the key $KEYID."
    run "$SIGNPOST" verify -p "$T/a/k.pub" --quiz "$MINI" "$T/a/r.signpost"
    expect_status 0
}

test_end_says_when_the_result_is_not_signed() {
    start_with '3\n4\nb\nb\na c\n' --out r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "Result saved: r.signpost
Not signed: no key was given (--key)."
}

test_resume_asks_for_the_passphrase_of_the_recorded_key() {
    printf 'right pass\n' | "$SIGNPOST" keygen -s enc.key -p enc.pub >/dev/null 2>&1 || fail "keygen"
    start_with 'right pass\n3\n4\n' --key enc.key --out r.signpost
    expect_status 5
    piped 'wrong\nb\nb\na c\n' "$SIGNPOST" take --resume
    expect_status 1
    expect_contains "stderr" "$err" "wrong passphrase for $T/enc.key"
    expect_eq "answers kept" "$(answers_in "$(journals)")" 2
    printf 'right pass\n' >pass
    piped 'b\nb\na c\n' "$SIGNPOST" take --resume --passphrase-file pass
    expect_status 0
    run "$SIGNPOST" verify -p enc.pub --quiz "$MINI" r.signpost
    expect_status 0
}

test_key_on_the_resume_command_line_wins() {
    make_key first
    first=$KEYID
    make_key second
    start_with '3\n4\n' --key first.key --out r.signpost
    piped 'b\nb\na c\n' "$SIGNPOST" take --resume --key second.key
    expect_status 0
    expect_contains "stdout" "$out" "Signed with the key $KEYID."
    run "$SIGNPOST" verify -p second.pub --quiz "$MINI" r.signpost
    expect_status 0
    [ "$first" != "$KEYID" ] || fail "two keys with one id"
}

test_a_lost_key_stops_resume_until_no_key_is_asked_for() {
    make_key k
    start_with '3\n4\n' --key k.key --out r.signpost
    rm k.key
    piped 'b\nb\na c\n' "$SIGNPOST" take --resume
    expect_status 3
    expect_contains "stderr" "$err" "there is no secret key $T/k.key"
    expect_eq "answers kept" "$(answers_in "$(journals)")" 2
    piped 'b\nb\na c\n' "$SIGNPOST" take --resume --no-key
    expect_status 0
    expect_contains "stdout" "$out" "Not signed: --no-key was given."
    expect_eq "answers" "$(result_answers r.signpost)" "$RECORDED"
    head -n 1 r.signpost | grep -q '^signpost-result/1$' || fail "the result is signed"
}

test_passphrase_file_without_a_key_on_resume_is_refused() {
    start_with '3\n4\n'
    printf 'pass\n' >pass
    piped '' "$SIGNPOST" take --resume --passphrase-file pass
    expect_status 2
    expect_contains "stderr" "$err" "--passphrase-file is for the key given with --key; this quiz is not signed"
    expect_eq "answers kept" "$(answers_in "$(journals)")" 2
}

test_resume_keeps_the_language_and_the_name() {
    start_with '3\n4\n' --lang zh --name "Wang Fang" --out r.signpost
    piped 'b\nb\na c\n' "$SIGNPOST" take --resume
    expect_status 0
    expect_contains "questions" "$err" "第 3 题，共 5 题"
    expect_contains "result" "$(cat r.signpost)" "lang: zh"
    expect_contains "result" "$(cat r.signpost)" "name: \"Wang Fang\""
}

test_resume_returns_where_a_jump_from_the_review_started() {
    # Three answers, then the review and a jump back to the first; the input ends there.
    start_with '3\n4\nb\n:review\n1\n' --out r.signpost
    expect_status 5
    piped '5\nb\na c\n' "$SIGNPOST" take --resume
    expect_status 0
    expect_eq "answers" "$(result_answers r.signpost)" "answers:
  mini.like.network: 5
  mini.like.users: 4
  mini.scene.crash: b
  mini.know.allreduce: b
  mini.know.memory: [a, c]"
}

test_a_journal_written_before_out_and_key_were_recorded_resumes() {
    start_with '3\n4\n' --out old.signpost
    j=$(journals)
    # The journal as signpost wrote it before: no out:, key: or return: lines.
    python3 - "$j" <<'PY' || fail "cannot rewrite the journal"
import hashlib, sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
body = "".join(l + "\n" for l in lines[:-2]
               if not l.startswith(("out: ", "key: ", "return: ")))
digest = hashlib.blake2b(body.encode(), digest_size=32).hexdigest()
open(path, "w", encoding="utf-8").write(body + "blake2b: " + digest + "\n")
PY
    grep -q '^out: ' "$j" && fail "the journal still records out"
    piped 'b\nb\na c\n' "$SIGNPOST" take --resume --out r.signpost
    expect_status 0
    expect_eq "answers" "$(result_answers r.signpost)" "$RECORDED"
}

# ---- Journals that are not regular files -----------------------------------------------------

test_a_fifo_journal_does_not_hang_resume() {
    mkdir -p "$STATE"
    mkfifo "$STATE/stuck.journal"
    out=$(timeout 10 "$SIGNPOST" take --resume </dev/null 2>"$T/.stderr")
    status=$?
    err=$(cat "$T/.stderr")
    expect_status 1
    expect_contains "stderr" "$err" "$STATE/stuck.journal: cannot read the journal: it is a pipe (FIFO), not a regular file"
    expect_contains "stderr" "$err" "there is no unfinished quiz to resume"
}

test_a_fifo_beside_a_journal_is_skipped_and_the_journal_resumes() {
    start_with '3\n4\n'
    mkfifo "$STATE/stuck.journal"
    ln -s "$(journals | head -n 1)" "$STATE/link.journal"
    out=$(printf 'b\nb\na c\n' | timeout 10 "$SIGNPOST" take --resume --out r.signpost 2>"$T/.stderr")
    status=$?
    err=$(cat "$T/.stderr")
    expect_status 0
    expect_contains "stderr" "$err" "stuck.journal: cannot read the journal: it is a pipe (FIFO), not a regular file"
    expect_contains "stderr" "$err" "link.journal: cannot read the journal: it is a symbolic link, not a regular file"
    expect_eq "answers" "$(result_answers r.signpost)" "$RECORDED"
}

test_a_fifo_lock_file_does_not_hang_resume() {
    start_with '3\n4\n'
    j=$(journals)
    lock=$STATE/.$(basename "$j" .journal).lock
    mkfifo "$lock"
    out=$(timeout 10 "$SIGNPOST" take --resume </dev/null 2>"$T/.stderr")
    status=$?
    err=$(cat "$T/.stderr")
    expect_status 1
    expect_contains "stderr" "$err" "cannot lock the quiz in $j: $lock is not a regular file"
    expect_eq "answers kept" "$(answers_in "$j")" 2
}

# The session's own journal is an input of --resume: a result written over it would be removed
# with it when the quiz ends, and every answer with it.
test_resume_never_writes_the_result_over_its_own_journal() {
    start_with '3\n4\n'
    j=$(journals)
    cp "$j" before
    piped 'b\nb\na c\n' "$SIGNPOST" take --resume --out "$j"
    expect_status 2
    expect_contains "stderr" "$err" "refusing to write $j: it is the same file as the journal of this quiz $j"
    cmp -s "$j" before || fail "the journal was changed"
    piped 'b\nb\na c\n' "$SIGNPOST" take --resume --out r.signpost
    expect_status 0
    expect_eq "answers" "$(result_answers r.signpost)" "$RECORDED"
}

# ---- Point 11 of issue 16: no journal before the first answer; sessions listed and discarded ---

test_quit_at_the_first_question_leaves_no_journal_and_no_lock() {
    for input in ':quit\n' '' ':help\n:q\n'; do
        start_with "$input"
        expect_status 5
        expect_contains "stderr for '$input'" "$err" "Stopped. Nothing was saved."
        expect_eq "files left for '$input'" "$(ls -A "$STATE" 2>/dev/null)" ""
    done
}

test_sessions_lists_each_session_distinctly() {
    start_with '3\n' --name Ann --lang zh
    sleep 1 # the second is saved later: it is the most recent, number 1
    start_with '3\n4\n' --seed 2
    run "$SIGNPOST" take --sessions
    expect_status 0
    expect_contains "stdout" "$out" "Unfinished quizzes, the most recent first:"
    expect_contains "stdout" "$out" "  1. mini 1.0.0, language en, seed 2, started $(date +%Y-%m-%d) "
    expect_contains "stdout" "$out" "     2 of 5 answered, 0 skipped"
    expect_contains "stdout" "$out" "  2. mini 1.0.0, language zh, seed 1, started "
    expect_contains "stdout" "$out" "     1 of 5 answered, 0 skipped; name: Ann"
    expect_contains "stdout" "$out" "     $STATE/mini-"
    [[ "$out" =~ started\ [0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2}:[0-9]{2} ]] ||
        fail "the start is not shown to the second: $out"
    run env LC_ALL=C.UTF-8 LANGUAGE=zh_CN "$SIGNPOST" take --sessions
    expect_contains "stdout in Chinese" "$out" "  1. mini 1.0.0，语言 en，种子 2，开始于 "
    expect_contains "stdout in Chinese" "$out" "  2. mini 1.0.0，语言 zh，种子 1，开始于 "
}

test_sessions_with_none_says_where_they_would_be() {
    run "$SIGNPOST" take --sessions
    expect_status 0
    expect_contains "stdout" "$out" "There is no unfinished quiz (journals are kept in $STATE)."
}

test_discard_removes_a_session_and_its_lock() {
    start_with '3\n' --name Ann --lang zh
    sleep 1 # the second is saved later: it is the most recent, number 1
    start_with '3\n4\n' --seed 2
    piped '' "$SIGNPOST" take --discard 2
    expect_status 2
    expect_contains "stderr" "$err" "--discard asks before it removes a quiz; without a terminal, add --yes"
    expect_eq "journals" "$(journals | wc -l)" 2
    run "$SIGNPOST" take --discard 2 --yes
    expect_status 0
    expect_contains "stdout" "$out" "Discarded the quiz mini 1.0.0, language zh, seed 1, started "
    expect_eq "journals" "$(journals | wc -l)" 1
    grep -q '^seed: 2$' "$(journals)" || fail "the wrong session was discarded"
    run "$SIGNPOST" take --discard "$(journals)" --yes
    expect_status 0
    expect_eq "files left" "$(ls -A "$STATE")" ""
}

test_discard_refuses_what_is_not_a_session() {
    start_with '3\n'
    run "$SIGNPOST" take --discard 2 --yes
    expect_status 1
    expect_contains "stderr" "$err" "there is no unfinished quiz 2; signpost take --sessions lists them"
    printf 'keep me\n' >notes.journal
    run "$SIGNPOST" take --discard notes.journal --yes
    expect_status 1
    expect_contains "stderr" "$err" "notes.journal is not the journal of an unfinished quiz in $STATE; signpost take --sessions lists them"
    expect_eq "notes" "$(cat notes.journal)" "keep me"
    expect_eq "journals" "$(journals | wc -l)" 1
}

test_discard_refuses_a_session_in_use() {
    hold 3 4
    run "$SIGNPOST" take --discard 1 --yes
    expect_status 1
    expect_contains "stderr" "$err" "is in use: process $holder on $(hostname) has been taking it since "
    expect_eq "journals" "$(journals | wc -l)" 1
    release b b "a c"
    expect_status 0
}
