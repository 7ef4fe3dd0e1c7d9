# The help leads somewhere: `help help` works, every "Try 'signpost help X'" names a help that
# exists, a mistyped command or option is answered with the closest one (as git does), and an
# unknown --lang names the quiz's languages. Run by tests/lib.sh in a fresh $T.

COMMANDS="take check keygen sign verify show analyze export help"

test_help_help_shows_the_help_of_help() {
    run "$SIGNPOST" help help
    expect_status 0
    expect_contains "stdout" "$out" "Usage: signpost help [COMMAND]"
    run "$SIGNPOST" help --help
    expect_status 0
    expect_contains "stdout" "$out" "Usage: signpost help [COMMAND]"
}

# Each usage error ends with "Try 'signpost help X' ...": running that must show a help.
test_every_try_line_names_a_help_that_works() {
    local cmd try
    for cmd in $COMMANDS nosuch; do
        run "$SIGNPOST" "$cmd" --no-such-option
        expect_status 2
        try=$(printf '%s\n' "$err" | sed -n "s/^Try '\(signpost help [a-z]*\)'.*/\1/p")
        [ -n "$try" ] || try="signpost help $cmd"
        # shellcheck disable=SC2086  # "signpost help X" split into words
        run "$SIGNPOST" ${try#signpost }
        [ "$cmd" = nosuch ] && continue
        expect_status 0
    done
    run "$SIGNPOST" help nosuch
    expect_status 2
    expect_not_contains "stderr" "$err" "help help"
}

test_an_unknown_command_lists_the_commands() {
    for args in "nosuch" "help nosuch"; do
        # shellcheck disable=SC2086
        run "$SIGNPOST" $args
        expect_status 2
        expect_contains "$args" "$err" "'nosuch' is not a command."
        expect_contains "$args" "$err" "The commands are: take, check, keygen, sign, verify, verifier, trust, show, analyze, export, help."
        expect_not_contains "$args" "$err" "did you mean"
    done
}

test_a_mistyped_command_gets_did_you_mean() {
    local pair
    for pair in tkae:take shwo:show verfy:verify chekc:check keygne:keygen export:export ana:analyze; do
        [ "${pair%%:*}" = "${pair#*:}" ] && continue
        run "$SIGNPOST" "${pair%%:*}"
        expect_status 2
        expect_contains "${pair%%:*}" "$err" "'${pair%%:*}' is not a command; did you mean '${pair#*:}'?"
        run "$SIGNPOST" help "${pair%%:*}"
        expect_status 2
        expect_contains "help ${pair%%:*}" "$err" "did you mean '${pair#*:}'?"
    done
    run "$SIGNPOST" xyzzy
    expect_not_contains "xyzzy" "$err" "did you mean"
    run "$SIGNPOST" --verison
    expect_status 2
    expect_contains "--verison" "$err" "did you mean '--version'?"
}

test_a_mistyped_option_gets_did_you_mean() {
    local c
    for c in "take --quizz:--quiz" "show --jsno:--json" "keygen --forse:--force" \
        "verify --stirct:--strict" "check --quizz=q.yaml:--quiz" "export --minisgn:--minisign" \
        "analyze --hmtl:--html" "sign --secert:--secret"; do
        # shellcheck disable=SC2086
        run "$SIGNPOST" ${c%%:*}
        expect_status 2
        expect_contains "${c%%:*}" "$err" "did you mean '${c#*:}'?"
    done
    run "$SIGNPOST" take --zzzzzz
    expect_status 2
    expect_contains "take --zzzzzz" "$err" "unknown option '--zzzzzz'"
    expect_not_contains "take --zzzzzz" "$err" "did you mean"
}

# getopt reports a missing value as an unknown option where the command does not ask it
# apart: the message says what is missing, never "did you mean" the option itself.
test_a_missing_value_is_said_as_one() {
    run "$SIGNPOST" check --quiz
    expect_status 2
    expect_contains "stderr" "$err" "option '--quiz' needs a value"
    run "$SIGNPOST" keygen -s
    expect_status 2
    expect_contains "stderr" "$err" "option '-s' needs a value"
}

test_an_unknown_language_names_the_quizs_languages() {
    printf 't.like.net: 5\n' >a.yaml
    run "$SIGNPOST" take --quiz "$SP_SRC/quizzes/quick.yaml" --lang fr </dev/null
    expect_status 2
    expect_contains "take" "$err" "the quiz has no language 'fr'; it has en, zh"
    run "$SIGNPOST" take --quiz "$SP_SRC/tests/data/tiny/quiz.yaml" --lang fr --answers a.yaml
    expect_status 2
    expect_contains "take --answers" "$err" "the quiz has no language 'fr'; it has en, zh"
}
