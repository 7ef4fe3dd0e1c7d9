# README's "Using it" block, run as written: each line in order, after a staged
# `cmake --install build`, from a folder laid out like the repository's root. The quiz
# commands run in a real terminal (tmux) and are answered as a person would; the others run
# as plain commands. Run by tests/lib.sh.

# shellcheck source=tmux.sh
source "$SP_SRC/tests/term/tmux.sh"

PASSPHRASE="a passphrase for the readme test"

# The lines of the block after <!-- ci: usage -->, without their comments.
usage_lines() {
    awk '/<!-- ci: usage -->/ {found=1; next}
         found && /^```/ {if (inblock) exit; inblock=1; next}
         inblock {print}' "$SP_SRC/README.md" | sed 's/[[:space:]]*#.*$//'
}

# The lines of the block after <!-- ci: verifier -->, without their comments.
verifier_lines() {
    awk '/<!-- ci: verifier -->/ {found=1; next}
         found && /^```/ {if (inblock) exit; inblock=1; next}
         inblock {print}' "$SP_SRC/README.md" | sed 's/[[:space:]]*#.*$//'
}

# verifier_block: the README's verifier block after the usage block, in the same folder: the
# page it makes trusts the key made there and, opened in headless Chromium with the result in
# its link, calls the signed result trusted. Its first line (apt-get, npm ci, the build and
# install) is the build this test runs in.
verifier_block() {
    local line n=0
    if [ ! -f "$SP_BUILD/web/verifier-template.html" ]; then
        echo "no verifier template (node was not here at build time): verifier block skipped"
        return 0
    fi
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        n=$((n + 1))
        local args=()
        eval "args=($line)"
        case "$line" in
        "apt-get install"*"npm ci"*"cmake --install build") ;;
        "signpost verifier "*)
            run "${args[@]}"
            [ "$status" = 0 ] || fail "'$line' exited $status: $out $err"
            [ -s verify.html ] || fail "'$line' wrote no verify.html"
            ;;
        *) fail "the verifier block has a line this test does not know: $line" ;;
        esac
    done < <(verifier_lines)
    [ "$n" = 2 ] || fail "the verifier block has $n lines, not 2"
    command -v chromium >/dev/null || { echo "no chromium: the page was not opened"; return 0; }
    local r dom
    r=$(base64 -w0 result.signpost | tr '+/' '-_' | tr -d '=')
    dom=$(timeout 120 chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=20000 \
        --dump-dom "file://$PWD/verify.html#r=$r" 2>/dev/null)
    expect_contains "the page" "$dom" 'data-verdict="trusted"'
    # The badge the README says the page shows is the one it shows (in English).
    local badge
    badge=$(tr '\n' ' ' <"$SP_SRC/README.md" | sed -n 's/.*drop `result.signpost` on it: its badge reads \*\([^*]*\)\*.*/\1/p')
    [ -n "$badge" ] || fail "the README does not say what badge the page shows"
    expect_contains "the page" "$dom" ">$badge</span>"
}

# runs_in_pane ARGS...: starts `signpost ARGS...` in the pane (a new one the first time).
runs_in_pane() {
    if [ -z "${PANE_STARTED:-}" ]; then
        start 80 30 "$@"
        PANE_STARTED=1
    else
        restart "$@"
    fi
}

# answer_current: answers the question on the screen as a person might, not always the same:
# a rating from 1 to 5, or a letter from a to c, in turn.
ANSWERED=0
answer_current() {
    ANSWERED=$((ANSWERED + 1))
    wait_for "Your answer (" 20 # the kind of answer is read from the prompt, once it is drawn
    case "$(screen)" in
    *"Your answer (1-5)"*) answer $((ANSWERED % 5 + 1)) ;;
    *) answer "$(printf '%s' abc | cut -c$((ANSWERED % 3 + 1)))" ;;
    esac
}

# begin_quiz TOTAL: passes the intro of a new quiz of TOTAL questions.
begin_quiz() {
    wait_for "Press Enter to begin" 20
    key Enter
    wait_for "Question 1 of $1"
}

# one_answer_then_quit TOTAL: answers the first question and leaves with :quit.
one_answer_then_quit() {
    answer_current
    wait_for "Question 2 of $1"
    answer :quit
    wait_exit 10
    expect_status 5
}

# every_answer TOTAL: answers every question from the first, then leaves the end screens.
every_answer() {
    local i
    for ((i = 1; i <= $1; i++)); do
        wait_for "Question $i of $1"
        answer_current
    done
    wait_for "That was the last question"
    key Enter
    for ((i = 0; i < 20; i++)); do
        [ -f "$T/status" ] && break
        key q
        key Enter
        sleep 0.3
    done
    wait_exit 10
    expect_status 0
}

# quiz_line ARGS...: runs one `signpost take` line of the block.
quiz_line() {
    runs_in_pane "$@"
    case " $* " in
    *" --resume "*)
        wait_for "Unfinished quizzes" 20 # two are left: the reader picks the most recent
        key Enter
        wait_for "Question 2 of" 20
        answer :quit
        wait_exit 10
        expect_status 5
        ;;
    *" --adaptive "*) # a quiz of no fixed length: "Question 2 — about N more"
        wait_for "Press Enter to begin" 20
        key Enter
        wait_for "Question 1 — about" 20
        answer_current
        wait_for "Question 2 — about" 20
        answer :quit
        wait_exit 10
        expect_status 5
        ;;
    *" --key "*)
        wait_for "assphrase" 20
        answer "$PASSPHRASE"
        begin_quiz 48
        every_answer 48
        [ -s result.signpost ] || fail "take --key wrote no result.signpost"
        ;;
    *"/quick.yaml "*)
        begin_quiz 24
        one_answer_then_quit 24
        ;;
    *)
        begin_quiz 48
        one_answer_then_quit 48
        ;;
    esac
}

# keygen_line: makes the key pair at the terminal, as the README's reader would.
keygen_line() {
    runs_in_pane keygen
    wait_for "assphrase" 10
    answer "$PASSPHRASE"
    wait_for "again" 10
    answer "$PASSPHRASE"
    wait_exit 60
    expect_status 0
}

test_the_usage_block_works_as_written() {
    local line n=0 root=$T/root
    # The README speaks of ~/.config: the XDG default, as for a person who never set it.
    unset XDG_CONFIG_HOME
    cp -R "$SP_SRC/quizzes" "$T/quizzes" && cd "$T" || fail "cannot lay out the folder"
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        n=$((n + 1))
        local args=()
        eval "args=($line)" # word splitting and ~, as the shell does for the reader
        case "$line" in
        "cmake --install build")
            DESTDIR=$root cmake --install "$SP_BUILD" --prefix /usr/local >/dev/null ||
                fail "cmake --install failed"
            export PATH=$root/usr/local/bin:$PATH MANPATH=$root/usr/local/share/man
            SIGNPOST=$root/usr/local/bin/signpost
            ;;
        "signpost keygen") keygen_line ;;
        "signpost take"*) quiz_line "${args[@]:1}" ;;
        "man "*)
            [ -f "$SP_BUILD/man/signpost.1" ] || { echo "no scdoc: man skipped"; continue; }
            run env MANWIDTH=80 "${args[@]}"
            expect_status 0
            expect_contains "$line" "$out" "signpost"
            ;;
        *)
            run "${args[@]}"
            [ "$status" = 0 ] || fail "'$line' exited $status: $out $err"
            # Your own result is yours: nothing in the flow says FAILED (issue 17).
            expect_not_contains "$line" "$out" "FAILED"
            ;;
        esac
    done < <(usage_lines)
    [ "$n" -ge 10 ] || fail "the usage block has only $n lines"
    verifier_block
}
