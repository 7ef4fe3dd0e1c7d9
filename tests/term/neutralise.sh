# Terminal tests: text from outside never reaches the terminal raw. Each case puts escape
# sequences (SGR colour, cursor movement, an OSC title and an OSC 8 hyperlink), other C0 and C1
# control characters and bidirectional controls (U+202E, U+2066..U+2069) where outside text
# meets the screen — file names, a taker's name, a result's fields, a journal's contents,
# diagnostics that quote their input — runs signpost in a tmux pane, and checks the pane as
# the terminal drew it (capture-pane -e): no attribute that signpost did not ask for (with
# NO_COLOR set it asks for none), no title set, nothing moved, no raw control left, and the
# visible text showing the neutralised form (\x1B, \u202E, or U+FFFD in the quiz's own
# screens). Bank texts are refused by the loader (tests/data/bad/control-*, bidi-*), so they
# cannot get this far. Run by tests/lib.sh; tmux.sh has the helpers.

# shellcheck source=tmux.sh
source "$SP_SRC/tests/term/tmux.sh"

TINY=$SP_SRC/tests/data/tiny/quiz.yaml
MINI=$SP_SRC/tests/term/data/mini.yaml

# The payload: colour, cursor up, clear line, OSC title, OSC 8 hyperlink, bell, backspace,
# C1 CSI (U+009B), RLO and the isolates. A terminal that obeyed it would show a magenta,
# retitled, rearranged screen.
EVIL=$'\e[35mred\e[5A\e[2K\e]0;pwned\a\e]8;;mailto:x@evil.example\a\a\b\xc2\x9b31m\xe2\x80\xaeevil\xe2\x81\xa6iso\xe2\x81\xa9'
# What safe.c makes of it, and the start of what wrap.c makes of it (U+FFFD each).
SAFE='\x1B[35mred\x1B[5A\x1B[2K\x1B]0;pwned\x07\x1B]8;;mailto:x@evil.example\x07\x07\x08\u009B31m\u202Eevil\u2066iso\u2069'
FFFD=$'\xef\xbf\xbd'

# clean_screen: fails when the pane (history included) shows an attribute, a raw control or
# bidirectional character, or a title that came from the payload.
clean_screen() {
    local shown title
    shown=$(tm capture-pane -p -e -S -)
    title=$(tm display-message -p '#{pane_title}')
    case "$shown" in
    *$'\e'*) fail "an escape sequence reached the terminal:
$(printf '%s' "$shown" | cat -v)" ;;
    esac
    LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]\|\xe2\x80[\xaa-\xae]\|\xe2\x81[\xa6-\xa9]' \
        <<<"$shown" && fail "a raw control or bidirectional character is on the screen:
$(printf '%s' "$shown" | cat -v)"
    case "$title" in
    *pwned*) fail "the pane's title was set from outside text: $title" ;;
    esac
    return 0
}

# wait_joined TEXT: waits until the pane or its history shows TEXT, lines wrapped by the pane
# joined again.
wait_joined() {
    TM_CAPTURE="-J -S -" wait_for "$@"
}

# run_in_pane ARGS...: runs signpost ARGS in an 200x50 pane and waits for it to end.
run_in_pane() {
    start 200 50 "$@"
    wait_exit 20
}

# A signed result of the tiny quiz, r.signpost, and the trusted key that signed it.
signed_result() {
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --name "Ann Lee" \
        --out r.signpost >/dev/null || fail "take"
    "$SIGNPOST" keygen -W -s inst.key -p inst.pub >/dev/null || fail "keygen"
    "$SIGNPOST" sign -s inst.key r.signpost >/dev/null || fail "sign"
}

# ---- verify and show: file names, fields of a result ------------------------------------------

test_verify_shows_a_hostile_file_name_neutralised() {
    signed_result
    cp r.signpost "r$EVIL.signpost"
    run_in_pane verify -v -p inst.pub --quiz "$TINY" "r$EVIL.signpost"
    expect_status 0
    wait_joined "r$SAFE.signpost: verified"
    clean_screen
}

test_show_shows_a_hostile_file_name_neutralised() {
    signed_result
    cp r.signpost "r$EVIL.signpost"
    run_in_pane show -p inst.pub "r$EVIL.signpost"
    expect_status 0
    wait_joined "taken by Ann Lee"
    clean_screen
}

test_show_refuses_a_name_with_escapes_without_echoing_it() {
    signed_result
    tail -n +5 r.signpost | sed 's/^name: .*/name: "Ann \\e[35mLee\\e]0;pwned\\a \\u202e"/' >forged.signpost
    run_in_pane show -p inst.pub forged.signpost
    expect_status 1
    wait_joined "FAILED — the file is malformed at line 13: control character U+001B in value"
    clean_screen
}

test_verify_reports_a_raw_escape_in_a_name_without_echoing_it() {
    signed_result
    tail -n +5 r.signpost | sed "s/^name: .*/name: \"Ann ${EVIL//\\/\\\\}\"/" >forged.signpost
    grep -q $'\e' forged.signpost || fail "the forged file has no escape"
    run_in_pane verify -v forged.signpost
    expect_status 1
    wait_joined "forged.signpost: FAILED — the file is malformed at line 13"
    clean_screen
}

test_verify_shows_a_hostile_trusted_comment_neutralised() {
    signed_result
    # A signature block whose trusted comment holds the payload: refused by the parser, and
    # the refusal does not quote it.
    { sed -n 1,2p r.signpost; printf 'trusted comment: %s\n' "$EVIL"; sed -n '4,$p' r.signpost; } >forged.signpost
    run_in_pane verify -v -p inst.pub forged.signpost
    expect_status 1
    wait_joined "forged.signpost: FAILED — the file is malformed at line 3"
    clean_screen
}

test_show_json_escapes_hostile_text() {
    signed_result
    cp r.signpost "r$EVIL.signpost"
    run_in_pane show --json -p inst.pub "r$EVIL.signpost"
    expect_status 0
    wait_joined '"file": "r\u001b[35mred'
    wait_joined '\u202eevil\u2066iso\u2069'
    clean_screen
}

test_with_colours_only_signposts_own_attributes_appear() {
    signed_result
    cp r.signpost "r$EVIL.signpost"
    (
        unset NO_COLOR # before the tmux server starts, so that the pane has colours
        start 200 50 verify -p inst.pub --quiz "$TINY" "r$EVIL.signpost" "r.signpost" "missing$EVIL"
    )
    wait_exit 20
    expect_status 3
    wait_joined "r$SAFE.signpost: verified"
    # What tmux draws for signpost's bold green and bold red (and the resets), and nothing of
    # the payload's magenta.
    local shown extra
    shown=$(tm capture-pane -p -e -S -)
    case "$shown" in *$'\e[32m'*) ;; *) fail "no colour on the screen: $(cat -v <<<"$shown")" ;; esac
    extra=$(grep -o $'\e\\[[0-9;]*[A-Za-z]' <<<"$shown" | sort -u |
        grep -v -x $'\e\\[\\(0\\|1\\|2\\|22\\|31\\|32\\|39\\|49\\)m')
    [ -z "$extra" ] || fail "attributes signpost did not ask for: $(cat -v <<<"$extra")"
    local title
    title=$(tm display-message -p '#{pane_title}')
    case "$title" in *pwned*) fail "the pane's title was set from outside text" ;; esac
}

# ---- check: diagnostics that quote their input -------------------------------------------------

test_check_names_a_hostile_file_neutralised() {
    printf 'signpost: bank/1\nid: b\n' >"bank$EVIL.yaml"
    run_in_pane check "bank$EVIL.yaml"
    expect_status 1
    wait_joined "bank$SAFE.yaml:1:1: error:"
    clean_screen
}

test_check_quotes_a_bank_with_escaped_controls_neutralised() {
    # Written as YAML escapes, the payload reaches signpost's own check of every scalar.
    printf '%s\n' 'signpost: bank/1' 'id: b' 'version: 1.0.0' \
        'title: "\e[35mred\e]0;pwned\a\x9b31m\u202eevil\u2066iso\u2069"' 'questions: []' >evil.yaml
    run_in_pane check evil.yaml
    expect_status 1
    wait_joined "evil.yaml:4:8: error: control character U+001B in value"
    clean_screen
}

test_check_reports_raw_controls_in_a_bank_neutralised() {
    # Raw, libyaml's reader refuses it; its message names the byte without echoing it.
    printf 'signpost: bank/1\nid: b\nversion: 1.0.0\ntitle: "%s"\nquestions: []\n' "$EVIL" >evil.yaml
    run_in_pane check evil.yaml
    expect_status 1
    wait_joined "evil.yaml:4:9: error: unreadable character: control characters are not allowed (value 0x1b)"
    clean_screen
}

test_check_names_an_unreadable_hostile_file_neutralised() {
    run_in_pane check "missing$EVIL.yaml"
    expect_status 3
    wait_joined "missing$SAFE.yaml: error:"
    clean_screen
}

# ---- take: quiz paths, results, answer files ---------------------------------------------------

test_take_names_a_hostile_quiz_path_neutralised() {
    run_in_pane take --quiz "quiz$EVIL.yaml"
    expect_status 3
    wait_joined "quiz$SAFE.yaml: error: cannot read the file: No such file or directory"
    clean_screen
}

test_take_names_a_hostile_answer_file_neutralised() {
    run_in_pane take --quiz "$TINY" --answers "answers$EVIL.yaml"
    expect_status 3
    wait_joined "answers$SAFE.yaml: error: cannot read"
    clean_screen
}

test_take_names_a_hostile_result_path_it_cannot_write() {
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    run_in_pane take --quiz "$TINY" --answers answers.yaml --seed 1 --out "no$EVIL/r.signpost"
    expect_status 3
    wait_joined "cannot write no$SAFE/r.signpost: there is no folder no$SAFE"
    clean_screen
}

test_quiz_shows_a_hostile_result_path_neutralised() {
    start 200 50 take --seed 1 --quiz "$MINI" --out "r$EVIL.signpost"
    wait_for "Press Enter to begin"
    key Enter
    for a in 4 2 a b "a c"; do
        wait_for "Your answer"
        answer "$a"
    done
    wait_for "That was the last question"
    key Enter
    wait_for "Result saved: r${FFFD}[35mred"
    key q
    wait_exit
    expect_status 0
    [ -f "r$EVIL.signpost" ] || fail "the result was not written under the name given"
    clean_screen
}

# ---- take --resume: journal contents and names -------------------------------------------------

# seal FILE: replaces FILE's checksum line with a correct one, as a forger would.
seal() {
    python3 - "$1" <<'PY'
import hashlib, sys
data = open(sys.argv[1], "rb").read()
body = data[: data.rindex(b"blake2b: ")]
open(sys.argv[1], "wb").write(body + b"blake2b: " + hashlib.blake2b(body, digest_size=32).hexdigest().encode() + b"\n")
PY
}

# A journal of the test quiz with two answers; sets $J to its path.
mini_journal() {
    printf '3\n4\n' | "$SIGNPOST" take --seed 1 --quiz "$MINI" >/dev/null 2>&1
    J=$(ls "$XDG_STATE_HOME"/signpost/*.journal)
}

test_resume_quotes_a_forged_journal_field_neutralised() {
    mini_journal
    sed -i "s/^seed: .*/seed: 1$EVIL/" "$J"
    seal "$J"
    run_in_pane take --resume
    expect_status 1
    wait_joined "'seed' needs a whole number, not '1$SAFE'"
    clean_screen
}

test_resume_names_a_damaged_journal_with_a_hostile_name_neutralised() {
    mini_journal
    mv "$J" "$XDG_STATE_HOME/signpost/x$EVIL.journal"
    printf 'garbage\n' >>"$XDG_STATE_HOME/signpost/x$EVIL.journal"
    run_in_pane take --resume
    expect_status 1
    wait_joined "x$SAFE.journal: not a usable journal"
    clean_screen
}

test_resume_names_an_unresumable_journal_with_a_hostile_name_neutralised() {
    mini_journal
    sed -i 's/^item: mini.like.network 3/item: mini.like.network 9/' "$J"
    seal "$J"
    mv "$J" "$XDG_STATE_HOME/signpost/x$EVIL.journal"
    run_in_pane take --resume
    expect_status 1
    wait_joined "x$SAFE.journal: the answer to 'mini.like.network' cannot be read back"
    clean_screen
}

test_resume_refuses_a_hostile_quiz_path_in_a_journal() {
    dir="quiz$EVIL"
    mkdir "$dir"
    cp "$SP_SRC"/tests/term/data/mini*.yaml "$dir"
    sed -i 's|\.\./\.\./\.\./quizzes/|'"$SP_SRC"'/quizzes/|' "$dir/mini.yaml"
    printf '3\n' | "$SIGNPOST" take --seed 1 --quiz "$dir/mini.yaml" >/dev/null 2>&1
    run_in_pane take --resume
    expect_status 1
    wait_joined "has control characters in its path ("
    clean_screen
}

# ---- keys: paths of key files ------------------------------------------------------------------

test_verify_names_a_hostile_key_file_neutralised() {
    signed_result
    run_in_pane verify -p "key$EVIL.pub" r.signpost
    expect_status 3
    wait_joined "cannot read the public key key$SAFE.pub"
    clean_screen
}

test_verify_quotes_a_malformed_hostile_key_file_neutralised() {
    signed_result
    printf 'untrusted comment: x\nnot base64\n' >"key$EVIL.pub"
    run_in_pane verify -p "key$EVIL.pub" r.signpost
    expect_status 2
    wait_joined "key$SAFE.pub is not a public key file"
    clean_screen
}

test_sign_names_a_hostile_key_file_neutralised() {
    signed_result
    tail -n +5 r.signpost | sed '/^signer: /d' >body.signpost
    run_in_pane sign -s "key$EVIL.key" body.signpost
    expect_status 3
    wait_joined "there is no secret key key$SAFE.key; make one with 'signpost keygen'"
    clean_screen
}

test_passphrase_prompt_names_a_hostile_key_file_neutralised() {
    signed_result
    tail -n +5 r.signpost | sed '/^signer: /d' >body.signpost
    # An encrypted test key with low scrypt limits (tests/sign/data/make-bad.py).
    cp "$SP_SRC/tests/sign/data/good/enc.key" "key$EVIL.key"
    start 200 50 sign -s "key$EVIL.key" body.signpost
    wait_joined "Passphrase for the secret key key$SAFE.key: "
    clean_screen
    answer "correct horse battery staple"
    wait_exit 20
    expect_status 0
    wait_joined "Signed body.signpost with key"
    clean_screen
}

test_an_unknown_command_is_named_neutralised() {
    run_in_pane "cmd$EVIL"
    expect_status 2
    wait_joined "'cmd$SAFE' is not a command."
    clean_screen
}

# ---- The harness itself ------------------------------------------------------------------------

test_under_valgrind_the_pane_runs_valgrind() {
    # tools/test.sh runs these tests with SIGNPOST_VALGRIND set: then the program in the pane
    # must be memcheck, or the terminal tests would not be checked for leaks at all.
    start 80 24 take --seed 1 --quiz "$MINI"
    wait_for "Press Enter to begin" 20
    local exe
    exe=$(readlink "/proc/$(program_pid)/exe")
    if [ -n "${SIGNPOST_VALGRIND:-}" ]; then
        case "$exe" in *memcheck*) ;; *) fail "SIGNPOST_VALGRIND is set, but the pane runs $exe" ;; esac
    else
        case "$exe" in *memcheck*) fail "valgrind runs without SIGNPOST_VALGRIND" ;; esac
    fi
    key C-d
    wait_exit 20
    expect_status 5
}
