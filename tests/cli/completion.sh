# Shell completion: the bash script registers itself and completes commands, options, values
# and files of the right kind; the zsh one at least parses. Run by tests/lib.sh.

# complete_words WORD...: runs the bash completion for the command line WORD... (the last
# word is the one being completed) and prints the candidates, one per line, sorted.
complete_words() {
    PATH=$(dirname "$SIGNPOST"):$PATH bash -c '
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _signpost
        printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$SP_SRC/completion/signpost.bash" "$@"
}

test_bash_completion_is_registered() {
    out=$(bash -c 'source "$1"; complete -p signpost' _ "$SP_SRC/completion/signpost.bash")
    expect_eq "complete -p" "$out" "complete -F _signpost signpost"
}

test_bash_completes_commands() {
    out=$(complete_words signpost "")
    for cmd in take check keygen sign verify verifier show analyze export help; do
        expect_contains "commands" "$out" "$cmd"
    done
    out=$(complete_words signpost ve)
    expect_eq "ve" "$out" "verifier
verify"
}

test_bash_completes_web_pages_after_verifier_o() {
    touch page.html r.signpost
    out=$(complete_words signpost verifier -o "")
    expect_contains "verifier -o" "$out" "page.html"
    expect_not_contains "verifier -o" "$out" "r.signpost"
    out=$(complete_words signpost take -o "")
    expect_contains "take -o" "$out" "r.signpost"
}

test_bash_completes_options_from_the_help() {
    out=$(complete_words signpost take --re)
    expect_eq "take --re" "$out" "--resume"
    out=$(complete_words signpost verify --)
    expect_contains "verify options" "$out" "--strict"
    expect_contains "verify options" "$out" "--quiz"
}

# Point 11 of issue 16: the options that list and discard sessions, and the numbers of the
# sessions after --discard.
test_bash_completes_sessions_and_discard() {
    out=$(complete_words signpost take --ses)
    expect_eq "take --ses" "$out" "--sessions"
    out=$(complete_words signpost take --dis)
    expect_eq "take --dis" "$out" "--discard"
    out=$(complete_words signpost take --for)
    expect_eq "take --for" "$out" "--force"
    printf '3\n' | "$SIGNPOST" take --seed 1 --quiz "$SP_SRC/tests/term/data/mini.yaml" >/dev/null 2>&1
    sleep 1
    printf '3\n' | "$SIGNPOST" take --seed 2 --quiz "$SP_SRC/tests/term/data/mini.yaml" >/dev/null 2>&1
    out=$(complete_words signpost take --discard "")
    expect_eq "session numbers" "$out" "1
2"
}

# signpost trust: key files after it, and the ids of the trusted keys after --remove.
test_bash_completes_trust_keys_and_ids() {
    out=$(complete_words signpost tr)
    expect_eq "tr" "$out" "trust"
    out=$(complete_words signpost trust --)
    expect_contains "trust options" "$out" "--list"
    expect_contains "trust options" "$out" "--remove"
    expect_contains "trust options" "$out" "--name"
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    "$SIGNPOST" trust k.pub >/dev/null || fail "trust"
    id=$(ls "$XDG_CONFIG_HOME/signpost/trusted" | sed 's/\.pub$//')
    out=$(complete_words signpost trust --remove "")
    expect_eq "ids" "$out" "$id"
    out=$(complete_words signpost trust "")
    expect_contains "files" "$out" "k.pub"
}

test_bash_completes_values() {
    out=$(complete_words signpost take --lang "")
    expect_eq "languages" "$out" "en
zh"
    out=$(complete_words signpost take --missing s)
    expect_eq "missing" "$out" "skip"
}

test_bash_completes_files_of_the_right_kind() {
    mkdir sub && touch a.yaml b.signpost c.key d.pub e.txt
    out=$(complete_words signpost check "")
    expect_contains "check" "$out" "a.yaml"
    expect_not_contains "check" "$out" "b.signpost"
    expect_contains "check offers folders" "$out" "sub"
    out=$(complete_words signpost verify "")
    expect_contains "verify" "$out" "b.signpost"
    expect_not_contains "verify" "$out" "a.yaml"
    touch f.json
    out=$(complete_words signpost verify "")
    expect_contains "verify offers badges" "$out" "f.json"
    out=$(complete_words signpost show "")
    expect_not_contains "show" "$out" "f.json"
    out=$(complete_words signpost take --key "")
    expect_contains "--key" "$out" "c.key"
    expect_not_contains "--key" "$out" "d.pub"
    out=$(complete_words signpost verify -p "")
    expect_contains "-p" "$out" "d.pub"
    expect_not_contains "-p" "$out" "c.key"
}

test_bash_completes_installed_quizzes() {
    DESTDIR=$T/root cmake --install "$SP_BUILD" --prefix /usr >/dev/null || fail "install"
    out=$(PATH=$T/root/usr/bin:$PATH bash -c '
        source "$1"; COMP_WORDS=(signpost take --quiz ""); COMP_CWORD=3; _signpost
        printf "%s\n" "${COMPREPLY[@]}"' _ "$SP_SRC/completion/signpost.bash")
    expect_contains "installed quizzes" "$out" "share/signpost/quizzes/placement.yaml"
    expect_contains "installed quizzes" "$out" "share/signpost/quizzes/quick.yaml"
}

test_zsh_completion_parses() {
    command -v zsh >/dev/null || { echo "zsh not installed: skipped"; return 0; }
    zsh -n "$SP_SRC/completion/_signpost" || fail "zsh cannot parse _signpost"
}
