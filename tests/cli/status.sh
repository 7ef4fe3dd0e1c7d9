# Every exit status each command documents (signpost help CMD, and EXIT STATUS in signpost(1)),
# one test per command and status: 0 success; 1 a negative verdict or bad input; 2 a wrong
# command line; 3 a file that could not be read or written; 4 out of memory or an internal
# failure; 5 (take) a quiz left before the end. Run by tests/lib.sh in a fresh $T.
#
# Status 4 comes from tests/faults/oomshim.c, loaded with LD_PRELOAD: allocations of
# SP_OOM_OVER bytes or more fail, as on a machine out of memory, so that each command's answer
# to a failed allocation is seen (a message and status 4, never a crash or a half-made file).

TINY=$SP_SRC/tests/data/tiny/quiz.yaml
MINI=$SP_SRC/tests/term/data/mini.yaml
PLACEMENT=$SP_SRC/quizzes/placement.yaml
OOM=$SP_BUILD/tests/faults/sp-oomshim.so
MAKER=$SP_BUILD/signpost # makes the inputs, and runs out of memory (short_of_memory)

tiny_answers() {
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
}

# result FILE [-s KEY]: a result of the tiny quiz, signed with KEY when given.
result() {
    tiny_answers
    "$MAKER" take --quiz "$TINY" --answers answers.yaml --seed 1 --out "$1" >/dev/null || fail "take"
    [ $# -lt 3 ] || "$MAKER" sign -s "$3" --quiz "$TINY" "$1" >/dev/null 2>&1 || fail "sign"
}

key() { "$MAKER" keygen -W -s "$1.key" -p "$1.pub" >/dev/null || fail "keygen"; }

# short_of_memory BYTES ARGS...: runs signpost ARGS (like run) where allocations of BYTES or
# more fail. The program itself, never under valgrind: valgrind replaces the allocator, the
# library's too, so that nothing would fail.
short_of_memory() {
    local over=$1
    shift
    [ -f "$OOM" ] || fail "the test library $OOM was not built"
    run env LD_PRELOAD="$OOM" ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
        SP_OOM_OVER="$over" "$MAKER" "$@"
}

# a file of 3 MB that no result, bank or journal is: what reads it whole runs out of memory at 1 MB.
big_file() { head -c 3000000 /dev/zero | tr '\0' '#' >"$1"; }

# ---- take -----------------------------------------------------------------------------------

test_take_0_done() {
    tiny_answers
    run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --out r.signpost
    expect_status 0
}

test_take_1_bad_input() {
    printf 't.like.net: 9\n' >answers.yaml
    run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1
    expect_status 1
    run "$SIGNPOST" take --resume </dev/null
    expect_status 1
    expect_contains "stderr" "$err" "there is no unfinished quiz to resume"
}

test_take_2_usage() {
    run "$SIGNPOST" take --no-such-option
    expect_status 2
    run "$SIGNPOST" take --resume --answers answers.yaml
    expect_status 2
}

test_take_3_a_file_cannot_be_read_or_written() {
    tiny_answers
    run "$SIGNPOST" take --quiz "$TINY" --answers missing.yaml
    expect_status 3
    run "$SIGNPOST" take --quiz missing.yaml --answers answers.yaml
    expect_status 3
    run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --out no/such/folder/r.signpost
    expect_status 3
}

test_take_4_out_of_memory() {
    tiny_answers
    short_of_memory 65536 take --quiz "$PLACEMENT" --answers answers.yaml
    expect_status 4
    expect_contains "stderr" "$err" "out of memory"
}

test_take_5_left_before_the_end() {
    out=$(printf '3\n' | "$SIGNPOST" take --quiz "$MINI" --seed 1 2>"$T/.stderr")
    status=$?
    expect_status 5
    [ -n "$(find "$XDG_STATE_HOME/signpost" -name '*.journal')" ] || fail "no journal was kept"
}

# ---- check ----------------------------------------------------------------------------------

test_check_0_no_errors() {
    run "$SIGNPOST" check --quiz "$TINY"
    expect_status 0
}

test_check_1_errors_found() {
    printf 'signpost: bank/1\nid: x\n' >bad.yaml
    run "$SIGNPOST" check bad.yaml
    expect_status 1
}

test_check_2_usage() {
    run "$SIGNPOST" check
    expect_status 2
    run "$SIGNPOST" check --no-such-option x.yaml
    expect_status 2
}

# An unreadable file is an I/O failure, as for every other command (it was reported as one
# more error, status 1); the files that can be read are still checked and reported.
test_check_3_a_file_cannot_be_read() {
    printf 'signpost: bank/1\nid: x\n' >bad.yaml
    run "$SIGNPOST" check missing.yaml bad.yaml
    expect_status 3
    expect_contains "stdout" "$out" "missing.yaml: error: cannot read the file: No such file or directory"
    expect_contains "stdout" "$out" "bad.yaml:"
    run "$SIGNPOST" check --quiz missing.yaml
    expect_status 3
    mkdir folder.yaml
    run "$SIGNPOST" check folder.yaml
    expect_status 3
}

test_check_4_out_of_memory() {
    "$SP_BUILD/tools/gen_bank" -n 20000 -s 1 >big.yaml || fail "gen_bank"
    short_of_memory 1048576 check big.yaml
    expect_status 4
    expect_contains "stderr" "$err" "out of memory"
    # no summary that would claim the file was checked
    expect_not_contains "stdout" "$out" "0 errors"
}

# ---- keygen ---------------------------------------------------------------------------------

test_keygen_0_keys_written() {
    run "$SIGNPOST" keygen -W -s k.key -p k.pub
    expect_status 0
}

test_keygen_1_no_usable_passphrase() {
    : >empty
    run "$SIGNPOST" keygen -s k.key -p k.pub --passphrase-file empty
    expect_status 1
    [ ! -e k.key ] && [ ! -e k.pub ] || fail "a key was written"
}

test_keygen_2_usage() {
    run "$SIGNPOST" keygen -W --passphrase-file x
    expect_status 2
}

test_keygen_3_cannot_write_or_exists() {
    run "$SIGNPOST" keygen -W -s no/such/folder/k.key -p k.pub
    expect_status 3
    key k
    run "$SIGNPOST" keygen -W -s k.key -p k2.pub
    expect_status 3
}

test_keygen_4_out_of_memory() {
    printf 'a passphrase\n' >pass
    short_of_memory 1048576 keygen -s k.key -p k.pub --passphrase-file pass
    expect_status 4
    expect_contains "stderr" "$err" "out of memory"
    [ ! -e k.key ] && [ ! -e k.pub ] || fail "a key was written"
}

# ---- sign -----------------------------------------------------------------------------------

test_sign_0_signed() {
    key k
    result r.signpost
    run "$SIGNPOST" sign -s k.key --quiz "$TINY" r.signpost
    expect_status 0
}

test_sign_1_refused() {
    key k
    result r.signpost -s k.key
    run "$SIGNPOST" sign -s k.key r.signpost
    expect_status 1
    expect_contains "stderr" "$err" "is already signed"
}

test_sign_2_usage() {
    run "$SIGNPOST" sign
    expect_status 2
}

test_sign_3_a_file_cannot_be_read_or_written() {
    key k
    run "$SIGNPOST" sign -s k.key missing.signpost
    expect_status 3
}

# A name that cannot be signed once made sign fail with status 4, "internal error": names are
# now checked where they enter, so such a result is bad input (1), and only a failure of the
# machine gives 4.
test_sign_4_out_of_memory() {
    key k
    big_file big.signpost
    short_of_memory 1048576 sign -s k.key big.signpost
    expect_status 4
    expect_contains "stderr" "$err" "out of memory"
}

# ---- verify ---------------------------------------------------------------------------------

test_verify_0_verified() {
    key k
    result r.signpost -s k.key
    run "$SIGNPOST" verify -p k.pub --quiz "$TINY" r.signpost
    expect_status 0
}

# 1: failed (here: altered after signing).
test_verify_1_failed() {
    key k
    result r.signpost -s k.key
    sed -i 's/^seed: 1$/seed: 2/' r.signpost
    run "$SIGNPOST" verify -p k.pub --quiz "$TINY" r.signpost
    expect_status 1
}

# 6: intact, but signed by a key you do not trust (the key the result names).
test_verify_6_signer_not_trusted() {
    key k
    result r.signpost -s k.key
    run "$SIGNPOST" verify --quiz "$TINY" r.signpost
    expect_status 6
}

# 7: not signed.
test_verify_7_not_signed() {
    result r.signpost
    run "$SIGNPOST" verify --quiz "$TINY" r.signpost
    expect_status 7
}

# Several files: the worst status wins, in the order 1 > 7 > 6 > 0.
test_verify_several_files_the_worst_status_wins() {
    key k
    result ok.signpost -s k.key
    result u.signpost
    cp ok.signpost bad.signpost
    sed -i 's/^seed: 1$/seed: 2/' bad.signpost
    run "$SIGNPOST" verify --quiz "$TINY" ok.signpost u.signpost
    expect_status 7
    run "$SIGNPOST" verify --quiz "$TINY" -p k.pub ok.signpost ok.signpost
    expect_status 0
    run "$SIGNPOST" verify --quiz "$TINY" ok.signpost -P RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3
    expect_status 6
    run "$SIGNPOST" verify --quiz "$TINY" u.signpost bad.signpost ok.signpost
    expect_status 1
}

test_verify_2_usage() {
    run "$SIGNPOST" verify
    expect_status 2
    run "$SIGNPOST" verify -P notakey r.signpost
    expect_status 2
}

# A file far larger than any result cannot be read whole: 3, as documented (it was 1).
test_verify_3_a_file_cannot_be_read() {
    run "$SIGNPOST" verify missing.signpost
    expect_status 3
    head -c 17000000 /dev/zero >huge.signpost
    run "$SIGNPOST" verify huge.signpost
    expect_status 3
    expect_contains "stderr" "$err" "cannot read huge.signpost: larger than any result"
    run "$SIGNPOST" verify --json huge.signpost
    expect_status 3
    expect_contains "stdout" "$out" '"verdict": "too-large"'
    # Every object has "replayed", so that a tool comparing replays needs no special case.
    expect_contains "stdout" "$out" '"replayed": null'
}

test_verify_4_out_of_memory() {
    big_file big.signpost
    short_of_memory 1048576 verify big.signpost
    expect_status 4
    expect_contains "stderr" "$err" "out of memory"
}

# ---- show -----------------------------------------------------------------------------------

test_show_0_shown_and_verified() {
    key k
    result r.signpost -s k.key
    run "$SIGNPOST" show -p k.pub --quiz "$TINY" r.signpost
    expect_status 0
}

# show is a viewer: a result it shows is a success whatever its verdict (verify gives that).
test_show_0_shown_though_not_verified() {
    result r.signpost
    run "$SIGNPOST" show --quiz "$TINY" r.signpost
    expect_status 0
}

test_show_1_not_a_result() {
    printf 'hello\n' >x.signpost
    run "$SIGNPOST" show x.signpost
    expect_status 1
}

test_show_2_usage() {
    run "$SIGNPOST" show
    expect_status 2
}

test_show_3_the_file_cannot_be_read() {
    run "$SIGNPOST" show missing.signpost
    expect_status 3
    head -c 17000000 /dev/zero >huge.signpost
    run "$SIGNPOST" show huge.signpost
    expect_status 3
}

test_show_4_out_of_memory() {
    big_file big.signpost
    short_of_memory 1048576 show big.signpost
    expect_status 4
}

# ---- analyze --------------------------------------------------------------------------------

test_analyze_0_report_made() {
    key k
    mkdir d
    result d/r.signpost -s k.key
    run "$SIGNPOST" analyze -p k.pub --quiz "$TINY" d
    expect_status 0
}

test_analyze_1_nothing_to_analyse() {
    mkdir d
    result d/r.signpost
    run "$SIGNPOST" analyze --quiz "$TINY" d
    expect_status 1
}

test_analyze_2_usage() {
    run "$SIGNPOST" analyze
    expect_status 2
    run "$SIGNPOST" analyze --json --csv d
    expect_status 2
}

# A file that cannot be read, or is too large, is left out and the report is still made, with
# status 3 (a too-large file gave 0).
test_analyze_3_a_file_cannot_be_read() {
    key k
    mkdir d
    result d/r.signpost -s k.key
    head -c 17000000 /dev/zero >d/huge.signpost
    run "$SIGNPOST" analyze -p k.pub --quiz "$TINY" d
    expect_status 3
    expect_contains "report" "$out" "1 result analysed"
    expect_contains "report" "$out" "larger than any result"
    run "$SIGNPOST" analyze -p k.pub --quiz "$TINY" d/r.signpost missing.signpost
    expect_status 3
}

test_analyze_4_out_of_memory() {
    big_file big.signpost
    short_of_memory 1048576 analyze big.signpost
    expect_status 4
    expect_eq "stderr" "$err" "signpost: out of memory"
}

# ---- export ---------------------------------------------------------------------------------

test_export_0_written() {
    key k
    result r.signpost -s k.key
    run "$SIGNPOST" export --minisign r.signpost
    expect_status 0
}

test_export_1_not_a_signed_result() {
    result r.signpost
    run "$SIGNPOST" export --minisign r.signpost
    expect_status 1
}

test_export_2_usage() {
    run "$SIGNPOST" export r.signpost
    expect_status 2
}

test_export_3_a_file_cannot_be_read_or_written() {
    run "$SIGNPOST" export --minisign missing.signpost
    expect_status 3
}

test_export_4_out_of_memory() {
    big_file big.signpost
    short_of_memory 1048576 export --minisign big.signpost
    expect_status 4
}

# ---- the program itself ---------------------------------------------------------------------

test_help_and_version_0_and_unknown_commands_2() {
    run "$SIGNPOST" --version
    expect_status 0
    run "$SIGNPOST" help verify
    expect_status 0
    run "$SIGNPOST" no-such-command
    expect_status 2
    run "$SIGNPOST" help no-such-command
    expect_status 2
    run "$SIGNPOST"
    expect_status 2
}
