# An input that cannot be read is said once: one line on stderr that names the path and says
# what is wrong (no such file, a folder, not readable), and status 3 (signpost(1), EXIT
# STATUS). The same rule for every command that loads a quiz and for every other input file:
# results, keys, answer files, passphrase files. Run by tests/lib.sh in a fresh $T.

TINY=$SP_SRC/tests/data/tiny/quiz.yaml
MAKER=$SP_BUILD/signpost

# A result r.signpost of the tiny quiz, an answer file a.yaml and an unencrypted key pair k.*.
inputs() {
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >a.yaml
    "$MAKER" take --quiz "$TINY" --answers a.yaml --seed 1 --out r.signpost >/dev/null || fail "take"
    "$MAKER" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    mkdir -m 777 w # where a key could be written, by anyone
}

# one_line WHAT PATH REASON: the run failed with status 3 and a single line on stderr that
# names the path and gives the reason (an extended regular expression).
one_line() {
    expect_status 3
    [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "$1: more than one line on stderr:
$err"
    expect_contains "$1" "$err" "$2"
    printf '%s\n' "$err" | grep -Eq "$3" || fail "$1: the reason ($3) is not given: $err"
    expect_not_contains "$1" "$err" "input/output error"
}

# Each command line with X where the unreadable input goes.
commands() {
    cat <<EOF
take --quiz X --answers a.yaml --seed 1
take --quiz $TINY --answers X --seed 1
verify --quiz X r.signpost
show --quiz X r.signpost
sign --quiz X -s k.key r.signpost
analyze --quiz X r.signpost
verify -p X r.signpost
sign -s X --quiz $TINY r.signpost
take --quiz $TINY --key X
show X
verify X
export --minisign X
sign -s k.key --quiz $TINY X
keygen --passphrase-file X -s w/n.key -p w/n.pub
EOF
}

# every_command PATH REASON [RUNNER...]: every command line with PATH as X says REASON once.
every_command() {
    local path=$1 reason=$2 line
    shift 2
    while IFS= read -r line; do
        # shellcheck disable=SC2086  # the command line is split into words on purpose
        run "$@" "$SIGNPOST" ${line//X/$path}
        one_line "${line//X/$path}" "$path" "$reason"
    done < <(commands)
}

test_a_missing_input_is_said_once_by_every_command() {
    inputs
    every_command missing.yaml "No such file or directory|there is no secret key" env
}

test_a_folder_as_input_is_said_once_by_every_command() {
    inputs
    mkdir folder.yaml
    every_command folder.yaml "it is a folder, not a regular file" env
}

# Permission is what root never lacks: the runs are made as nobody (setpriv) when the test
# runs as root.
test_an_unreadable_input_is_said_once_by_every_command() {
    inputs
    printf 'x\n' >locked.yaml
    chmod 000 locked.yaml
    chmod 755 "$T"
    chmod 644 a.yaml r.signpost k.pub k.key
    if [ "$(id -u)" -eq 0 ]; then
        command -v setpriv >/dev/null || fail "setpriv is needed to run as another user"
        every_command locked.yaml "Permission denied" setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$T" XDG_CONFIG_HOME="$T/nobody"
    else
        every_command locked.yaml "Permission denied" env
    fi
}

# The quiz that is used when none is named: when none is found, the message says where it was
# looked for, so that a program copied out of its tree can be given one.
test_no_default_quiz_names_where_it_was_looked_for() {
    mkdir bin
    cp "$SP_BUILD/signpost" bin/signpost
    run bin/signpost take --seed 1
    expect_status 2
    [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "more than one line: $err"
    expect_contains "stderr" "$err" "give --quiz MANIFEST or set SIGNPOST_QUIZ"
    expect_contains "stderr" "$err" "$T/share/signpost/quizzes/placement.yaml"
    expect_contains "stderr" "$err" "$T/quizzes/placement.yaml"
}

# SIGNPOST_QUIZ names a quiz that is not there: the path is the one of the variable.
test_a_missing_quiz_from_the_environment_is_said_once() {
    inputs
    SIGNPOST_QUIZ=$T/gone.yaml run "$SIGNPOST" take --answers a.yaml --seed 1
    one_line "SIGNPOST_QUIZ" "$T/gone.yaml" "No such file or directory"
}
