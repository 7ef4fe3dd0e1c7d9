# Fault tests (label faults): writing results, journals and keys into a read-only folder, onto a
# full disk, through failing fsync and rename, and killed at every step or at random moments.
# After each fault the previous file is intact, no partial file is left under the final name,
# the message says what happened, and the taker's answers are still in the journal.
#
# A full disk and a failing device are simulated by faultshim.c (an LD_PRELOAD library: see
# there), a read-only folder by chmod; as root, for whom permissions do not hold, the program
# then runs as nobody (setpriv). Run by tests/lib.sh; see there for $SIGNPOST, run, expect_*.

MINI=$SP_SRC/tests/term/data/mini.yaml
TINY=$SP_SRC/tests/data/tiny/quiz.yaml
SHIM=$SP_BUILD/tests/faults/sp-faultshim.so
[ -f "$SHIM" ] || fail "the fault library $SHIM is missing: build the tests"

# The test quiz with seed 1 asks two likert items, a choice and two knowledge items.
ANSWERS=(3 4 b b "a c")
RECORDED="answers:
  mini.like.network: 3
  mini.like.users: 4
  mini.scene.crash: b
  mini.know.allreduce: b
  mini.know.memory: [a, c]"

# faulty VAR=VALUE... -- CMD...: runs CMD with the fault library and those settings. ASan
# wants to be first among the libraries; the shim only wraps calls, so that check is off.
faulty() {
    local vars=()
    while [ "$1" != -- ]; do
        vars+=("$1")
        shift
    done
    shift
    env LD_PRELOAD="$SHIM" ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
        "${vars[@]}" "$@"
}

# The answers as typed, one a line, from the i-th (0-based) on.
answers_from() {
    local i
    for ((i = $1; i < ${#ANSWERS[@]}; i++)); do
        printf '%s\\n' "${ANSWERS[$i]}"
    done
}

journals() {
    find "$XDG_STATE_HOME/signpost" -name '*.journal' 2>/dev/null | sort
}

# journal_answers FILE: the recorded answers of a journal, one a line ("-" when open).
journal_answers() {
    sed -n 's/^item: [^ ]* //p' "$1"
}

result_answers() {
    sed -n '/^answers:/,/^scores:/p' "$1" | sed '$d'
}

# The part of a result that follows from the answers: everything but the times.
result_outcome() {
    grep -v -e '^started:' -e '^finished:' "$1"
}

# The files of the test's folder, without those of tests/lib.sh.
files() {
    ls -A | grep -v -x -e .stderr -e .bin -e home -e state -e config -e data
}

# leftovers DIR: temporary files left in DIR.
leftovers() {
    find "$1" -maxdepth 1 -name '*.tmp*'
}

# A result of a clean run with the same seed and answers, for comparison: clean.signpost.
clean_result() {
    piped "$(answers_from 0)" "$SIGNPOST" take --seed 1 --quiz "$MINI" --out clean.signpost
    expect_status 0
    rm -f "$XDG_STATE_HOME"/signpost/*.journal
}

# resume_and_finish: answers what the journal leaves open and checks the result.
resume_and_finish() {
    local done
    done=$(journal_answers "$(journals)" | grep -c -v '^-$')
    piped "$(answers_from "$done")" "$SIGNPOST" take --resume --out r.signpost
    expect_status 0
    expect_eq "answers after resuming" "$(result_answers r.signpost)" "$RECORDED"
    expect_eq "journals left" "$(journals)" ""
}

# ---- Read-only folders -------------------------------------------------------------------------

# as_other CMD...: runs CMD where folder permissions hold: as is for a normal user, as nobody
# for root. prepare_other must have run first.
as_other() {
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
    else
        "$@"
    fi
}

# prepare_other: a working folder w and the home and state folders, usable by as_other.
prepare_other() {
    mkdir -p "$T/w" "$XDG_STATE_HOME" "$XDG_CONFIG_HOME"
    if [ "$(id -u)" -eq 0 ]; then
        command -v setpriv >/dev/null || fail "these tests need setpriv (util-linux) when run as root"
        chmod 755 "$T"
        chown -R 65534:65534 "$T/w" "$HOME" "$XDG_STATE_HOME" "$XDG_CONFIG_HOME"
    fi
    cd "$T/w" || fail "no working folder"
}

test_result_into_a_read_only_folder_is_refused_before_the_first_question() {
    prepare_other
    mkdir ro
    [ "$(id -u)" -eq 0 ] && chown 65534 ro
    chmod 555 ro
    piped "$(answers_from 0)" as_other "$SIGNPOST" take --seed 1 --quiz "$MINI" --out ro/r.signpost
    expect_status 3
    expect_contains "stderr" "$err" "signpost: cannot write ro/r.signpost: Permission denied"
    expect_eq "journals" "$(journals)" ""
}

# The folder becomes read-only while the quiz runs: the write fails at the end, and the
# answers are kept.
test_result_into_a_folder_made_read_only_during_the_quiz_keeps_the_answers() {
    prepare_other
    mkdir ro
    [ "$(id -u)" -eq 0 ] && chown 65534 ro
    # Four answers, then (once the journal holds them, so the checks before the first question
    # are long past) the folder is made read-only, then the last answer.
    local i
    out=$({
        printf '%s\n' "${ANSWERS[@]:0:4}"
        for ((i = 0; i < 200; i++)); do
            [ "$(journal_answers "$(journals)" 2>/dev/null | wc -l)" -ge 4 ] && break
            sleep 0.05
        done
        chmod 555 ro
        printf '%s\n' "${ANSWERS[4]}"
    } | as_other "$SIGNPOST" take --seed 1 --quiz "$MINI" --out ro/r.signpost 2>"$T/.stderr")
    status=$?
    err=$(cat "$T/.stderr")
    expect_status 3
    expect_contains "stderr" "$err" "signpost: cannot write ro/r.signpost: Permission denied"
    expect_contains "stderr" "$err" "your answers are kept: run signpost take --resume to try again"
    expect_eq "files in the folder" "$(ls -A ro)" ""
    expect_eq "journal" "$(journal_answers "$(journals)")" "3
4
b
b
[a, c]"
    piped '' as_other "$SIGNPOST" take --resume --out r.signpost
    expect_status 0
    expect_eq "answers after resuming" "$(result_answers r.signpost)" "$RECORDED"
}

test_result_replacing_one_in_a_read_only_folder_keeps_it() {
    prepare_other
    mkdir ro
    echo "the previous result" >ro/r.signpost
    [ "$(id -u)" -eq 0 ] && chown -R 65534 ro
    chmod 555 ro
    printf 'mini.like.network: 3\nmini.like.users: 4\nmini.scene.crash: b\nmini.know.allreduce: b\nmini.know.memory: [a, c]\n' >answers.yaml
    run as_other "$SIGNPOST" take --answers answers.yaml --seed 1 --quiz "$MINI" --out ro/r.signpost \
        --force
    expect_status 3
    expect_eq "stderr" "$err" "signpost: cannot write ro/r.signpost: Permission denied"
    expect_eq "the previous result" "$(cat ro/r.signpost)" "the previous result"
    expect_eq "files in the folder" "$(ls -A ro)" "r.signpost"
}

test_default_result_name_in_a_read_only_folder_keeps_the_answers() {
    prepare_other
    [ "$(id -u)" -eq 0 ] && chown 65534 .
    chmod 555 .
    piped "$(answers_from 0)" as_other "$SIGNPOST" take --seed 1 --quiz "$MINI"
    chmod 755 .
    expect_status 3
    expect_contains "stderr" "$err" "signpost: cannot create a result file in this folder: Permission denied"
    expect_contains "stderr" "$err" "your answers are kept"
    expect_eq "files in the folder" "$(ls -A)" ""
    expect_eq "journals" "$(journals | wc -l)" 1
}

test_read_only_journal_folder_warns_and_the_quiz_goes_on() {
    prepare_other
    mkdir -p "$XDG_STATE_HOME/signpost"
    [ "$(id -u)" -eq 0 ] && chown 65534 "$XDG_STATE_HOME/signpost"
    chmod 555 "$XDG_STATE_HOME/signpost"
    piped "$(answers_from 0)" as_other "$SIGNPOST" take --seed 1 --quiz "$MINI" --out r.signpost
    expect_status 0
    err=$(tr '\n' ' ' <<<"$err") # the warning is wrapped
    expect_contains "stderr" "$err" "Warning: your progress cannot be saved in $XDG_STATE_HOME/signpost/mini-"
    expect_contains "stderr" "$err" ".journal (Permission denied); the quiz goes on, but cannot be resumed if it is interrupted."
    expect_eq "answers" "$(result_answers r.signpost)" "$RECORDED"
}

test_read_only_journal_folder_and_input_that_ends_says_nothing_was_saved() {
    prepare_other
    mkdir -p "$XDG_STATE_HOME/signpost"
    [ "$(id -u)" -eq 0 ] && chown 65534 "$XDG_STATE_HOME/signpost"
    chmod 555 "$XDG_STATE_HOME/signpost"
    piped '3\n4\n' as_other "$SIGNPOST" take --seed 1 --quiz "$MINI" --out r.signpost
    expect_status 5
    expect_contains "stderr" "$err" "Stopped. Nothing was saved."
    expect_eq "journals" "$(journals)" ""
}

# ---- A full disk, a failing device --------------------------------------------------------------

test_full_disk_while_writing_the_result_keeps_the_previous_one() {
    echo "the previous result" >r.signpost
    piped "$(answers_from 0)" faulty SP_FAULT_MATCH=r.signpost SP_FAULT_ENOSPC_AFTER=100 -- \
        "$SIGNPOST" take --seed 1 --quiz "$MINI" --out r.signpost --force
    expect_status 3
    expect_contains "stderr" "$err" "signpost: cannot write r.signpost: No space left on device"
    expect_contains "stderr" "$err" "your answers are kept: run signpost take --resume to try again"
    expect_eq "the previous result" "$(cat r.signpost)" "the previous result"
    expect_eq "temporary files" "$(leftovers .)" ""
    expect_eq "journal" "$(journal_answers "$(journals)" | tr '\n' ' ')" "3 4 b b [a, c] "
    rm r.signpost
    resume_and_finish
}

test_full_disk_for_the_journal_keeps_the_last_good_one() {
    # Every journal of the test quiz has the same size (an answer is as long as the "-" of an
    # open item), which depends on the paths it records: measured once, so that the disk
    # fills up in the third save.
    piped '3\n' "$SIGNPOST" take --seed 1 --quiz "$MINI" --out r.signpost
    local size
    size=$(stat -c %s "$(journals)")
    rm -rf "$XDG_STATE_HOME"
    piped '3\n4\nb\n' faulty SP_FAULT_MATCH=.journal SP_FAULT_ENOSPC_AFTER=$((size * 5 / 2)) -- \
        "$SIGNPOST" take --seed 1 --quiz "$MINI" --out r.signpost
    expect_status 5
    err=$(tr '\n' ' ' <<<"$err") # the warning is wrapped
    expect_contains "stderr" "$err" "Warning: your progress cannot be saved in $XDG_STATE_HOME/signpost/mini-"
    expect_contains "stderr" "$err" ".journal (No space left on device); the quiz goes on"
    expect_eq "temporary files" "$(leftovers "$XDG_STATE_HOME/signpost")" ""
    # The first save comes with the first answer: the saves after answers 1 and 2 fit, the
    # third does not. The journal on disk is the last one saved whole, and the taker is told so.
    expect_eq "journal" "$(journal_answers "$(journals)" | tr '\n' ' ')" "3 4 - - - "
    expect_not_contains "stderr" "$err" "Nothing was saved"
    expect_contains "stderr" "$err" "Stopped. Your latest answers could not be saved; to continue from the last one saved, run:"
    resume_and_finish
}

test_failing_fsync_is_an_error_and_keeps_the_previous_result() {
    echo "the previous result" >r.signpost
    piped "$(answers_from 0)" faulty SP_FAULT_MATCH=r.signpost SP_FAULT_FSYNC=1 -- \
        "$SIGNPOST" take --seed 1 --quiz "$MINI" --out r.signpost --force
    expect_status 3
    expect_contains "stderr" "$err" "signpost: cannot write r.signpost: Input/output error"
    expect_eq "the previous result" "$(cat r.signpost)" "the previous result"
    expect_eq "temporary files" "$(leftovers .)" ""
    expect_eq "journals" "$(journals | wc -l)" 1
}

test_failing_rename_is_an_error_and_leaves_no_temporary_file() {
    printf 'mini.like.network: 3\nmini.like.users: 4\nmini.scene.crash: b\nmini.know.allreduce: b\nmini.know.memory: [a, c]\n' >answers.yaml
    run faulty SP_FAULT_MATCH=r.signpost SP_FAULT_RENAME=1 -- \
        "$SIGNPOST" take --answers answers.yaml --seed 1 --quiz "$MINI" --out r.signpost
    expect_status 3
    expect_eq "stderr" "$err" "signpost: cannot write r.signpost: Input/output error"
    expect_eq "files" "$(files)" "answers.yaml"
}

test_full_disk_for_a_default_named_result_leaves_nothing_under_its_name() {
    piped "$(answers_from 0)" faulty SP_FAULT_MATCH=signpost-result SP_FAULT_ENOSPC_AFTER=100 -- \
        "$SIGNPOST" take --seed 1 --quiz "$MINI"
    expect_status 3
    expect_contains "stderr" "$err" "signpost: cannot create a result file in this folder: No space left on device"
    expect_eq "files" "$(files)" ""
    expect_eq "journals" "$(journals | wc -l)" 1
}

test_full_disk_while_signing_in_place_keeps_the_unsigned_result() {
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --out r.signpost >/dev/null || fail "take"
    cp r.signpost before
    run faulty SP_FAULT_MATCH=r.signpost SP_FAULT_ENOSPC_AFTER=500 -- "$SIGNPOST" sign -s k.key \
        --quiz "$TINY" r.signpost
    expect_status 3
    expect_eq "stderr" "$err" "signpost: cannot write r.signpost: No space left on device"
    cmp -s r.signpost before || fail "the unsigned result was changed"
    expect_eq "temporary files" "$(leftovers .)" ""
}

test_full_disk_while_making_keys_leaves_no_partial_key() {
    run faulty SP_FAULT_MATCH=k.key SP_FAULT_ENOSPC_AFTER=100 -- "$SIGNPOST" keygen -W -s k.key -p k.pub
    expect_status 3
    expect_contains "stderr" "$err" "signpost: cannot write the secret key k.key: No space left on device"
    expect_eq "files" "$(files)" ""
}

test_failing_public_key_leaves_no_orphan_secret_key() {
    run faulty SP_FAULT_MATCH=k.pub SP_FAULT_RENAME=1 -- "$SIGNPOST" keygen -W -s k.key -p k.pub
    expect_status 3
    expect_eq "stderr" "$err" "signpost: cannot write the public key k.pub: Input/output error
signpost: no key was written (neither k.key nor k.pub)"
    expect_eq "files" "$(files)" ""
    run faulty SP_FAULT_MATCH=k.pub SP_FAULT_ENOSPC_AFTER=10 -- "$SIGNPOST" keygen -W -s k.key -p k.pub
    expect_status 3
    expect_eq "files" "$(files)" ""
    run "$SIGNPOST" keygen -W -s k.key -p k.pub
    expect_status 0
}

test_failing_public_key_with_force_keeps_the_old_pair() {
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    cp k.key k.key.orig
    cp k.pub k.pub.orig
    run faulty SP_FAULT_MATCH=k.pub SP_FAULT_RENAME=1 -- "$SIGNPOST" keygen -W -f -s k.key -p k.pub
    expect_status 3
    expect_eq "stderr" "$err" "signpost: cannot write the public key k.pub: Input/output error
signpost: no key was written (neither k.key nor k.pub)"
    cmp -s k.key k.key.orig || fail "the old secret key was not kept"
    cmp -s k.pub k.pub.orig || fail "the old public key was not kept"
    expect_eq "files" "$(files)" "k.key
k.key.orig
k.pub
k.pub.orig"
}

test_full_disk_on_standard_output_is_an_error() {
    printf 'mini.like.network: 3\nmini.like.users: 4\nmini.scene.crash: b\nmini.know.allreduce: b\nmini.know.memory: [a, c]\n' >answers.yaml
    "$SIGNPOST" take --answers answers.yaml --seed 1 --quiz "$MINI" --json >/dev/full 2>"$T/.stderr"
    status=$?
    out=
    err=$(cat "$T/.stderr")
    expect_status 3
    expect_eq "stderr" "$err" "signpost: cannot write output: No space left on device"
    "$SIGNPOST" check --quiz "$MINI" >/dev/full 2>"$T/.stderr"
    status=$?
    expect_status 3
    expect_eq "stderr" "$(cat "$T/.stderr")" "signpost: cannot write output: No space left on device"
}

# ---- Killed at every step ------------------------------------------------------------------------

# steps_of LOG: how many steps a run without faults took (faultshim's SP_FAULT_LOG).
steps_of() {
    wc -l <"$1"
}

test_killed_at_every_step_of_replacing_a_result() {
    faulty SP_FAULT_MATCH=r.signpost SP_FAULT_LOG="$T/steps" -- "$SIGNPOST" take --seed 1 \
        --quiz "$MINI" --out r.signpost --force < <(printf "$(answers_from 0)") >/dev/null 2>&1 || fail "a clean run failed"
    local n i
    n=$(steps_of "$T/steps")
    [ "$n" -ge 4 ] || fail "only $n steps: $(cat "$T/steps")"
    for ((i = 1; i <= n; i++)); do
        rm -rf "$XDG_STATE_HOME" r.signpost.tmp*
        echo "the previous result" >r.signpost
        piped "$(answers_from 0)" faulty SP_FAULT_MATCH=r.signpost SP_FAULT_KILL_AT=$i -- \
            "$SIGNPOST" take --seed 1 --quiz "$MINI" --out r.signpost --force
        expect_status 137
        if [ "$(cat r.signpost)" != "the previous result" ]; then
            expect_eq "answers in r.signpost after a kill at step $i" \
                "$(result_answers r.signpost)" "$RECORDED"
            grep -q '^level: ' r.signpost || fail "r.signpost is incomplete after a kill at step $i"
        fi
        expect_eq "journal after a kill at step $i" "$(journal_answers "$(journals)" | tr '\n' ' ')" \
            "3 4 b b [a, c] "
    done
}

test_killed_at_every_step_of_a_default_named_result() {
    faulty SP_FAULT_MATCH=signpost-result SP_FAULT_LOG="$T/steps" -- "$SIGNPOST" take --seed 1 \
        --quiz "$MINI" < <(printf "$(answers_from 0)") >/dev/null 2>&1 || fail "a clean run failed"
    rm -f signpost-result-*
    local n i f
    n=$(steps_of "$T/steps")
    for ((i = 1; i <= n; i++)); do
        rm -rf "$XDG_STATE_HOME" signpost-result-*
        piped "$(answers_from 0)" faulty SP_FAULT_MATCH=signpost-result SP_FAULT_KILL_AT=$i -- \
            "$SIGNPOST" take --seed 1 --quiz "$MINI"
        expect_status 137
        # No empty or partial file under a result's name, whenever the kill came.
        for f in signpost-result-*.signpost; do
            [ -e "$f" ] || continue
            expect_eq "answers in $f after a kill at step $i" "$(result_answers "$f")" "$RECORDED"
            grep -q '^level: ' "$f" || fail "$f is incomplete after a kill at step $i"
        done
        expect_eq "journals after a kill at step $i" "$(journals | wc -l)" 1
    done
}

test_killed_at_every_step_of_saving_the_journal() {
    faulty SP_FAULT_MATCH=.journal SP_FAULT_LOG="$T/steps" -- "$SIGNPOST" take --seed 1 \
        --quiz "$MINI" --out r.signpost < <(printf "$(answers_from 0)") >/dev/null 2>&1 || fail "a clean run failed"
    rm -f r.signpost
    local n i given
    n=$(steps_of "$T/steps")
    [ "$n" -ge 20 ] || fail "only $n steps: $(cat "$T/steps")"
    for ((i = 1; i <= n; i++)); do
        rm -rf "$XDG_STATE_HOME" r.signpost
        piped "$(answers_from 0)" faulty SP_FAULT_MATCH=.journal SP_FAULT_KILL_AT=$i -- \
            "$SIGNPOST" take --seed 1 --quiz "$MINI" --out r.signpost
        expect_status 137
        if [ -f r.signpost ]; then
            # Killed while removing the journal of a finished quiz: the result is whole.
            expect_eq "answers after a kill at step $i" "$(result_answers r.signpost)" "$RECORDED"
            continue
        fi
        [ "$(journals | wc -l)" -le 1 ] || fail "several journals after a kill at step $i"
        if [ -z "$(journals)" ]; then
            # Killed before the first journal had a name: nothing to resume, nothing lost
            # but the start.
            continue
        fi
        # The journal holds a prefix of the answers given, and resumes.
        given=$(journal_answers "$(journals)" | grep -v '^-$' | tr '\n' ' ')
        case "3 4 b b [a, c] " in
        "$given"*) ;;
        *) fail "the journal after a kill at step $i holds '$given'" ;;
        esac
        resume_and_finish
    done
}

test_killed_at_every_step_of_signing_in_place() {
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --out r.signpost >/dev/null || fail "take"
    cp r.signpost unsigned
    faulty SP_FAULT_MATCH=r.signpost SP_FAULT_LOG="$T/steps" -- "$SIGNPOST" sign -s k.key r.signpost \
        >/dev/null 2>&1 || fail "a clean run failed"
    local n i
    n=$(steps_of "$T/steps")
    for ((i = 1; i <= n; i++)); do
        cp unsigned r.signpost
        run faulty SP_FAULT_MATCH=r.signpost SP_FAULT_KILL_AT=$i -- "$SIGNPOST" sign -s k.key r.signpost
        expect_status 137
        if ! cmp -s r.signpost unsigned; then
            run "$SIGNPOST" verify -p k.pub --quiz "$TINY" r.signpost
            expect_status 0
        fi
    done
}

test_killed_at_every_step_of_making_keys() {
    faulty SP_FAULT_MATCH=k. SP_FAULT_LOG="$T/steps" -- "$SIGNPOST" keygen -W -s k.key -p k.pub \
        >/dev/null 2>&1 || fail "a clean run failed"
    local n i
    n=$(steps_of "$T/steps")
    for ((i = 1; i <= n; i++)); do
        rm -f k.key k.pub k.*.tmp*
        run faulty SP_FAULT_MATCH=k. SP_FAULT_KILL_AT=$i -- "$SIGNPOST" keygen -W -s k.key -p k.pub
        expect_status 137
        # Either no secret key or a whole one, which signs.
        if [ -e k.key ]; then
            printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
            "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --out r.signpost \
                --force --key k.key >/dev/null 2>&1 ||
                fail "the secret key left by a kill at step $i does not sign: $(cat -v k.key)"
        fi
    done
}

# ---- Killed at random moments ----------------------------------------------------------------

# A random number from 0 to $1 - 1.
random_below() {
    echo $((RANDOM % $1))
}

# A random pause of up to 0.1 s (1 s under valgrind, which is that much slower).
pause() {
    if [ -n "${SIGNPOST_VALGRIND:-}" ]; then
        sleep "0.$(random_below 10)"
    else
        sleep "0.0$(random_below 10)"
    fi
}

test_random_kills_of_piped_answers_keep_every_answer() {
    clean_result
    local rounds=${SP_FAULT_ROUNDS:-12} round pid i given shown kept
    for ((round = 1; round <= rounds; round++)); do
        rm -rf "$XDG_STATE_HOME" r.signpost fifo
        mkfifo fifo
        "$SIGNPOST" take --seed 1 --quiz "$MINI" --out r.signpost <fifo >/dev/null 2>prog.err &
        pid=$!
        exec 3>fifo
        # Answers one at a time with short random pauses; the kill comes at a random moment.
        local stop=$(random_below 6)
        given=0
        for ((i = 0; i < stop; i++)); do
            printf '%s\n' "${ANSWERS[$i]}" >&3
            given=$((i + 1))
            pause
        done
        pause
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        exec 3>&-
        # Every answer whose next question was shown had been saved.
        shown=$(grep -o 'Question [0-9] of 5' prog.err | tail -n 1 | cut -d' ' -f2)
        if [ -f r.signpost ] && [ -z "$(journals)" ]; then
            expect_eq "round $round: finished before the kill" "$(result_outcome r.signpost)" \
                "$(result_outcome clean.signpost)"
            continue
        fi
        if [ -z "$(journals)" ]; then
            # The first save comes with the first answer: question 1 may be on the screen.
            [ -z "$shown" ] || [ "$shown" -le 1 ] ||
                fail "round $round: no journal, but question $shown was shown"
            continue
        fi
        kept=$(journal_answers "$(journals)" | grep -c -v '^-$')
        [ "$kept" -le "$given" ] || fail "round $round: $kept answers kept, $given given"
        [ -z "$shown" ] || [ "$kept" -ge $((shown - 1)) ] ||
            fail "round $round: question $shown was shown, but only $kept answers were kept"
        rm -f r.signpost
        resume_and_finish
        expect_eq "round $round: the result of a clean run" "$(result_outcome r.signpost)" \
            "$(result_outcome clean.signpost)"
    done
}

test_random_kills_in_a_terminal_keep_every_answer() {
    # shellcheck source=../term/tmux.sh
    source "$SP_SRC/tests/term/tmux.sh"
    clean_result
    local rounds=${SP_FAULT_ROUNDS:-4} round i stop kept
    for ((round = 1; round <= rounds; round++)); do
        rm -rf "$XDG_STATE_HOME" r.signpost
        if [ "$round" -eq 1 ]; then
            start 80 24 take --seed 1 --quiz "$MINI" --out r.signpost
        else
            restart take --seed 1 --quiz "$MINI" --out r.signpost
        fi
        wait_for "Press Enter to begin" 20
        key Enter
        stop=$(($(random_below 4) + 1))
        for ((i = 0; i < stop; i++)); do
            wait_for "Question $((i + 1)) of 5" 20
            answer "${ANSWERS[$i]}"
        done
        # Typing the next answer, or between two keys, or saving: killed at a random moment.
        say "${ANSWERS[$stop]}"
        pause
        kill -KILL "$(program_pid)"
        wait_exit 20
        expect_status 137
        kept=$(journal_answers "$(journals)" | grep -c -v '^-$')
        [ "$kept" -ge $((stop - 1)) ] && [ "$kept" -le "$stop" ] ||
            fail "round $round: $kept answers kept after $stop were given"
        restart take --resume --out r.signpost
        wait_for "Welcome back: $kept of 5 answered so far." 20
        for ((i = kept; i < 5; i++)); do
            wait_for "Question $((i + 1)) of 5" 20
            answer "${ANSWERS[$i]}"
        done
        wait_for "That was the last question" 20
        key Enter
        wait_for "Fit by direction" 20
        key q
        wait_exit 20
        expect_status 0
        expect_eq "round $round: the result of a clean run" "$(result_outcome r.signpost)" \
            "$(result_outcome clean.signpost)"
    done
}

# ---- Damaged journals, through take --resume -------------------------------------------------

# A journal of the test quiz with two answers; sets $J.
two_answers_journal() {
    piped '3\n4\n' "$SIGNPOST" take --seed 1 --quiz "$MINI"
    expect_status 5
    J=$(journals)
}

test_truncated_journals_are_refused_and_kept() {
    two_answers_journal
    cp "$J" whole
    local size cut
    size=$(stat -c %s whole)
    for cut in 0 1 18 $((size / 2)) $((size - 66)) $((size - 2)) $((size - 1)); do
        head -c "$cut" whole >"$J"
        cp "$J" before
        run "$SIGNPOST" take --resume
        expect_status 1
        case "$cut" in
        0 | 1 | 18) expect_contains "stderr ($cut bytes)" "$err" "not a usable journal: it does not start with the line signpost-journal/1; it was not trusted" ;;
        *) expect_contains "stderr ($cut bytes)" "$err" "not a usable journal: it does not end with its checksum line (it was cut short or altered); it was not trusted" ;;
        esac
        expect_contains "stderr ($cut bytes)" "$err" "there is no unfinished quiz to resume"
        cmp -s "$J" before || fail "the damaged journal was changed"
    done
}

test_bit_flipped_journals_are_refused() {
    two_answers_journal
    cp "$J" whole
    local size at
    size=$(stat -c %s whole)
    for ((at = 0; at < size; at += 23)); do
        python3 -c 'import sys; d = bytearray(open(sys.argv[1], "rb").read()); d[int(sys.argv[2])] ^= 0x10; open(sys.argv[3], "wb").write(d)' \
            whole "$at" "$J"
        run "$SIGNPOST" take --resume
        expect_status 1
        expect_contains "stderr (bit flipped at byte $at)" "$err" "not a usable journal: "
        expect_contains "stderr (bit flipped at byte $at)" "$err" "it was not trusted"
        expect_not_contains "stderr (bit flipped at byte $at)" "$err" "Welcome back"
    done
}

test_a_damaged_journal_beside_a_good_one_is_reported_and_the_good_one_resumed() {
    two_answers_journal
    cp "$J" "$XDG_STATE_HOME/signpost/damaged.journal"
    printf 'x' >>"$XDG_STATE_HOME/signpost/damaged.journal"
    piped "$(answers_from 2)" "$SIGNPOST" take --resume --out r.signpost
    expect_status 0
    expect_contains "stderr" "$err" "warning: $XDG_STATE_HOME/signpost/damaged.journal: not a usable journal"
    expect_contains "stderr" "$err" "Welcome back: 2 of 5 answered so far."
    expect_eq "answers" "$(result_answers r.signpost)" "$RECORDED"
    [ -f "$XDG_STATE_HOME/signpost/damaged.journal" ] || fail "the damaged journal was removed"
}

test_an_unreadable_journal_is_reported() {
    prepare_other
    piped '3\n4\n' as_other "$SIGNPOST" take --seed 1 --quiz "$MINI"
    expect_status 5
    chmod 000 "$(journals)"
    run as_other "$SIGNPOST" take --resume
    expect_status 1
    expect_contains "stderr" "$err" "cannot read the journal: Permission denied"
    expect_contains "stderr" "$err" "there is no unfinished quiz to resume"
}
