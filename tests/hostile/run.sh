# Runs one case of the hostile-input corpus (cases.txt): tests/lib.sh runs
# `run_case` from this script with $HOSTILE_CASE naming the case (tests/hostile/CMakeLists.txt
# adds one ctest per case). The case's input is made ready (a committed file, a fixture of
# tests/sign/data, or generated here by gen.py), its command runs under `timeout` and
# sp-maxrss, and the exit status, the output and the peak memory are checked.
#
# cases.txt has one case a line, fields separated by '|':
#
#   NAME | STATUS | INPUT | COMMAND | EXPECT | OPTIONS
#
#   INPUT    -               no input file
#            file:PATH       tests/hostile/files/PATH
#            sign:PATH       tests/sign/data/PATH
#            block:PATH      the signature block tests/sign/data/PATH followed by the body
#                            tests/sign/data/good/body.txt, as a signed result
#            gen:KIND:N      made by `gen.py KIND OUT N` (a folder for quiz_* kinds)
#            fifo            a named pipe (FIFO) that nothing writes to
#            socket          a Unix socket file
#            pipe:PATH       a pipe that `cat PATH` writes to, named /dev/fd/3
#   COMMAND  signpost's arguments, split at spaces; {in} is the input (for a quiz folder,
#            {in}/quiz.yaml), {tiny} and {mini} the test quizzes, {good} tests/sign/data/good,
#            {files} tests/hostile/files, {result} an unsigned result of the tiny quiz, {signed} that result signed with
#            {good}/plain.key, {x:N} N times the letter x, {u:HEX} the character U+HEX;
#            standard input is /dev/null
#   EXPECT   fragments the output (stdout and stderr together) must contain, joined by
#            ' && '; a fragment starting with '!' must not occur
#   OPTIONS  space-separated: big (skipped under valgrind, whose time and memory say
#            nothing), rss=MB (peak memory allowed, default 64 MB, twice that under ASan),
#            time=S (default 30 s)

HERE=$SP_SRC/tests/hostile
GOOD=$SP_SRC/tests/sign/data/good

trim() {
    local s=$1
    s=${s#"${s%%[![:space:]]*}"}
    printf '%s' "${s%"${s##*[![:space:]]}"}"
}

# Finds the case's line and sets NAME STATUS INPUT COMMAND EXPECT OPTIONS.
find_case() {
    local line f
    while IFS= read -r line; do
        case "$line" in '#'* | '') continue ;; esac
        IFS='|' read -r -a f <<<"$line"
        [ "$(trim "${f[0]}")" = "$HOSTILE_CASE" ] || continue
        NAME=$HOSTILE_CASE
        STATUS=$(trim "${f[1]}")
        INPUT=$(trim "${f[2]}")
        COMMAND=$(trim "${f[3]}")
        EXPECT=$(trim "${f[4]}")
        OPTIONS=$(trim "${f[5]:-}")
        return 0
    done <"$HERE/cases.txt"
    fail "no case '$HOSTILE_CASE' in cases.txt"
}

# An unsigned result of the tiny quiz in $T/result.signpost, and the same signed.
make_results() {
    [ -f "$T/result.signpost" ] && return
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' \
        >"$T/answers.yaml"
    "$SIGNPOST" take --quiz "$SP_SRC/tests/data/tiny/quiz.yaml" --answers "$T/answers.yaml" \
        --seed 1 --name "Ann Lee" --out "$T/result.signpost" >/dev/null || fail "take failed"
    cp "$T/result.signpost" "$T/signed.signpost"
    "$SIGNPOST" sign -s "$GOOD/plain.key" "$T/signed.signpost" >/dev/null || fail "sign failed"
}

# A journal of the terminal tests' quiz with two answers, in $T/mini.journal.
make_journal() {
    printf '3\n4\n' | "$SIGNPOST" take --seed 1 --quiz "$SP_SRC/tests/term/data/mini.yaml" \
        >/dev/null 2>&1
    cp "$XDG_STATE_HOME"/signpost/*.journal "$T/mini.journal" || fail "no journal was made"
    rm -f "$XDG_STATE_HOME"/signpost/*.journal
}

# Makes the input ready; sets IN to its path.
prepare_input() {
    IN=
    case "$INPUT" in
    -) ;;
    file:*) IN=$HERE/files/${INPUT#file:} ;;
    sign:*) IN=$SP_SRC/tests/sign/data/${INPUT#sign:} ;;
    block:*)
        IN=$T/input.signpost
        cat "$SP_SRC/tests/sign/data/${INPUT#block:}" "$GOOD/body.txt" >"$IN"
        ;;
    gen:*)
        local spec=${INPUT#gen:}
        local kind=${spec%%:*} n=${spec#*:}
        case "$kind" in result_* | sig_*) make_results ;; journal_*) make_journal ;; esac
        IN=$T/input
        HOSTILE_RESULT=$T/result.signpost HOSTILE_SIGNED=$T/signed.signpost \
            HOSTILE_JOURNAL=$T/mini.journal HOSTILE_SIGTOOL=$SP_BUILD/tests/sign/sp-sigtool \
            python3 "$HERE/gen.py" "$kind" "$IN" "$n" || fail "gen.py $kind $n failed"
        [ -d "$IN" ] && IN=$IN/quiz.yaml
        # A journal goes where take --resume looks for it.
        if [ "$kind" != "${kind#journal_}" ]; then
            mkdir -p -m 700 "$XDG_STATE_HOME/signpost"
            mv "$IN" "$XDG_STATE_HOME/signpost/hostile.journal"
            IN=$XDG_STATE_HOME/signpost/hostile.journal
        fi
        ;;
    fifo)
        IN=$T/input.fifo
        mkfifo "$IN" || fail "mkfifo failed"
        ;;
    socket)
        IN=$T/input.sock
        python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$IN" ||
            fail "cannot make a socket"
        ;;
    pipe:*)
        # The writer ends with SIGPIPE once the last reader (this shell, at its exit) is gone.
        exec 3< <(exec cat "${INPUT#pipe:}")
        IN=/dev/fd/3
        ;;
    *) fail "unknown input '$INPUT'" ;;
    esac
    [ -z "$IN" ] || [ -e "$IN" ] || fail "the input $IN is missing"
}

# Replaces the placeholders of $1.
expand() {
    local s=$1
    s=${s//\{in\}/$IN}
    s=${s//\{tiny\}/$SP_SRC/tests/data/tiny/quiz.yaml}
    s=${s//\{mini\}/$SP_SRC/tests/term/data/mini.yaml}
    s=${s//\{good\}/$GOOD}
    s=${s//\{files\}/$HERE/files}
    s=${s//\{result\}/$T/result.signpost}
    s=${s//\{signed\}/$T/signed.signpost}
    # {x:N}: N times the letter x, for names and arguments at a limit.
    while [[ $s =~ \{x:([0-9]+)\} ]]; do
        s=${s/"${BASH_REMATCH[0]}"/$(printf "%${BASH_REMATCH[1]}s" "" | tr ' ' x)}
    done
    # {u:HEX}: the character U+HEX, for invisible ones that cases.txt cannot show.
    while [[ $s =~ \{u:([0-9A-Fa-f]+)\} ]]; do
        s=${s/"${BASH_REMATCH[0]}"/$(python3 -c 'import sys; sys.stdout.write(chr(int(sys.argv[1], 16)))' "${BASH_REMATCH[1]}")}
    done
    printf '%s' "$s"
}

option() { # option NAME DEFAULT: the value of NAME=... in OPTIONS
    local o
    for o in $OPTIONS; do
        case "$o" in "$1="*) echo "${o#*=}" && return ;; esac
    done
    echo "$2"
}

run_case() {
    find_case
    case " $OPTIONS " in
    *" big "*)
        if [ -n "${SIGNPOST_VALGRIND:-}" ]; then
            echo "skipped under valgrind: a big input, whose time and memory valgrind distorts"
            exit 77
        fi
        ;;
    esac
    prepare_input
    case "$COMMAND" in *'{result}'* | *'{signed}'*) make_results ;; esac
    local argv limit rss_mb
    read -r -a argv <<<"$(expand "$COMMAND")"
    limit=$(option time 30)
    rss_mb=$(option rss 64)
    [ -n "${SIGNPOST_VALGRIND:-}" ] && limit=$((limit * 20))
    # ASan's shadow memory and redzones make every run bigger; its quarantine of freed memory
    # (256 MB) would hide what the program itself keeps, so it is turned off.
    grep -qa __asan_init "$SIGNPOST" && rss_mb=$((rss_mb * 2))
    local start=$SECONDS
    ASAN_OPTIONS="quarantine_size_mb=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
        "$SP_BUILD/tests/hostile/sp-maxrss" "$T/.rss" timeout "$limit" "$SIGNPOST" "${argv[@]}" \
        </dev/null >"$T/.out" 2>"$T/.err"
    status=$?
    out=$(cat "$T/.out" "$T/.err")
    err=
    [ "$status" -ne 124 ] || fail "still running after $limit s: signpost ${argv[*]}"
    expect_status "$STATUS"
    local fragment rest=$(expand "$EXPECT")
    while [ -n "$rest" ]; do
        fragment=${rest%% && *}
        [ "$fragment" = "$rest" ] && rest= || rest=${rest#* && }
        case "$fragment" in
        '!'*) expect_not_contains "the output" "$out" "${fragment#!}" ;;
        *) expect_contains "the output" "$out" "$fragment" ;;
        esac
    done
    if [ -z "${SIGNPOST_VALGRIND:-}" ]; then
        local kib
        kib=$(cat "$T/.rss")
        [ "$kib" -le $((rss_mb * 1024)) ] ||
            fail "peak memory $((kib / 1024)) MB, over the bound of $rss_mb MB"
        echo "$NAME: status $status, $((SECONDS - start)) s, peak memory $((kib / 1024)) MB"
    fi
}
