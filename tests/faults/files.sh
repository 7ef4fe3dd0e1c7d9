# Tests of the files signpost reads and writes, as a hostile or careless folder presents them:
#
#   - no command writes over one of its own inputs (the same file by inode, or by real path
#     when it does not exist yet) or writes a result, an export or a report over a key;
#   - no input blocks: a FIFO, a socket, a device or a folder where a file is expected is
#     refused at once with what it is (every such run here is under `timeout`), and analyze
#     skips them in the folders it walks;
#   - results, exports, reports and public keys follow the umask; secret keys stay 0600;
#   - a secret key that others can read or change is used with a warning.
#
# Run by tests/lib.sh (see there for $SIGNPOST, $T, run, expect_*). keygen's own cases are in
# tests/sign/keygen.sh, the failing writes (full disk, failing rename) in faults.sh.

TINY=$SP_SRC/tests/data/tiny/quiz.yaml
export SIGNPOST_QUIZ=$TINY # the "installed" quiz, which verify and analyze replay with
MINI=$SP_SRC/tests/term/data/mini.yaml
TINY_ANSWERS='t.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n'
MINI_ANSWERS='3\n4\nb\nb\na c\n'

# within CMD...: run, but fails when CMD is still running after 10 seconds (a hang).
within() {
    run timeout 10 "$@"
    [ "$status" -ne 124 ] || fail "still running after 10 s: $*"
}

mode_of() { stat -c %a "$1"; }

# setup: an unencrypted key pair k.key/k.pub (mode 0600), the answers, an unsigned result
# u.signpost and a signed one s.signpost.
setup() {
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    printf "$TINY_ANSWERS" >answers.yaml
    "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --out u.signpost \
        >/dev/null || fail "take"
    cp u.signpost s.signpost
    "$SIGNPOST" sign -s k.key s.signpost >/dev/null || fail "sign"
}

# unchanged FILE COPY: fails unless FILE still holds what COPY holds.
unchanged() {
    cmp -s "$1" "$2" || fail "$1 was changed"
}

# ---- A. Never over an input, never over a key ------------------------------------------------------

test_take_never_writes_the_result_over_its_secret_key() {
    setup
    cp k.key k.key.orig
    run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --key k.key --out k.key
    expect_status 2
    expect_contains "stderr" "$err" "signpost take: refusing to write k.key: it is the same file as the secret key k.key"
    unchanged k.key k.key.orig
    expect_eq "mode of k.key" "$(mode_of k.key)" 600
    # The same file by another name, and through a symbolic link.
    ln k.key hard.key
    ln -s k.key soft.key
    for other in ./k.key hard.key soft.key "$T/k.key"; do
        run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --key k.key --out "$other"
        expect_status 2
        expect_contains "stderr" "$err" "refusing to write $other: it is the same file as the secret key k.key"
        unchanged k.key k.key.orig
    done
}

test_take_never_writes_the_result_over_any_of_its_inputs() {
    setup
    mkdir q
    cp -r "$SP_SRC/tests/data/tiny/." q/
    cp -r q q.orig
    cp answers.yaml answers.orig
    echo secret >pass
    run "$SIGNPOST" take --quiz q/quiz.yaml --answers answers.yaml --seed 1 --out answers.yaml
    expect_status 2
    expect_contains "stderr" "$err" "refusing to write answers.yaml: it is the same file as the answer file answers.yaml"
    run "$SIGNPOST" take --quiz q/quiz.yaml --answers answers.yaml --seed 1 --out q/quiz.yaml
    expect_status 2
    expect_contains "stderr" "$err" "refusing to write q/quiz.yaml: it is the same file as the quiz q/quiz.yaml"
    # The quiz's banks and directions are known once it is loaded: refused then, before the
    # answers are read (or the first question asked), as the other inputs are.
    run "$SIGNPOST" take --quiz q/quiz.yaml --answers answers.yaml --seed 1 --out q/banks/t.yaml
    expect_status 2
    expect_contains "stderr" "$err" "refusing to write q/banks/t.yaml: it is the same file as a file of the quiz q/banks/t.yaml"
    run "$SIGNPOST" take --quiz q/quiz.yaml --answers answers.yaml --seed 1 --out q/directions.yaml
    expect_status 2
    expect_contains "stderr" "$err" "refusing to write q/directions.yaml: it is the same file as a file of the quiz q/directions.yaml"
    "$SIGNPOST" keygen -s e.key -p e.pub --passphrase-file pass >/dev/null || fail "keygen"
    run "$SIGNPOST" take --quiz q/quiz.yaml --answers answers.yaml --seed 1 --key e.key \
        --passphrase-file pass --out pass
    expect_status 2
    expect_contains "stderr" "$err" "refusing to write pass: it is the same file as the passphrase file pass"
    expect_eq "pass" "$(cat pass)" secret
    diff -r q q.orig >/dev/null || fail "the quiz was changed"
    unchanged answers.yaml answers.orig
}

test_take_checks_the_output_before_the_quiz_is_asked() {
    setup
    cp k.key k.key.orig
    run sh -c "printf '$MINI_ANSWERS' | '$SIGNPOST' take --seed 1 --quiz '$MINI' --key k.key --out k.key"
    expect_status 2
    unchanged k.key k.key.orig
    [ -z "$(ls "$XDG_STATE_HOME/signpost" 2>/dev/null)" ] || fail "a journal was started"
}

test_results_exports_and_reports_are_never_written_over_a_key() {
    setup
    "$SIGNPOST" keygen -W -s other.key -p other.pub >/dev/null || fail "keygen"
    cp other.key other.key.orig
    cp other.pub other.pub.orig
    run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --out other.key
    expect_status 3
    expect_contains "stderr" "$err" "signpost: refusing to write over other.key: it holds a secret key"
    run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --out other.pub
    expect_status 3
    expect_contains "stderr" "$err" "signpost: refusing to write over other.pub: it holds a public key"
    run "$SIGNPOST" analyze -p k.pub --html other.pub s.signpost
    expect_status 3
    expect_contains "stderr" "$err" "signpost: refusing to write over other.pub: it holds a public key"
    mv other.key s.signpost.body
    run "$SIGNPOST" export --minisign s.signpost
    expect_status 3
    expect_contains "stderr" "$err" "signpost: refusing to write over s.signpost.body: it holds a secret key"
    unchanged s.signpost.body other.key.orig
    unchanged other.pub other.pub.orig
    [ ! -e s.signpost.body.minisig ] || fail "half of the export was written"
    # A key with Windows line endings or a damaged comment is still a key.
    sed 's/$/\r/' other.pub.orig >crlf.pub
    cp crlf.pub crlf.orig
    run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --out crlf.pub
    expect_status 3
    unchanged crlf.pub crlf.orig
}

test_export_and_analyze_never_write_over_their_inputs() {
    setup
    # r is a link to the signed result r.body: exporting r would write r.body.
    mv s.signpost r.body
    ln -s r.body r
    cp r.body r.orig
    run "$SIGNPOST" export --minisign r
    expect_status 2
    expect_contains "stderr" "$err" "refusing to write r.body: it is the same file as the signed result r"
    unchanged r.body r.orig
    mkdir d
    cp r.body d/a.signpost
    cp r.body d/b.signpost
    run "$SIGNPOST" analyze -p k.pub --html d/b.signpost d
    expect_status 2
    expect_contains "stderr" "$err" "refusing to write d/b.signpost: it is the same file as the result d/b.signpost"
    unchanged d/b.signpost r.orig
    run "$SIGNPOST" analyze -p k.pub --html k.pub d
    expect_status 2
    expect_contains "stderr" "$err" "refusing to write k.pub: it is the same file as the public key k.pub"
    mkdir q
    cp -r "$SP_SRC/tests/data/tiny/." q/
    cp q/banks/t.yaml bank.orig
    run "$SIGNPOST" analyze -p k.pub --quiz q/quiz.yaml --html q/banks/t.yaml d
    expect_status 2
    expect_contains "stderr" "$err" "refusing to write q/banks/t.yaml: it is the same file as a file of the quiz q/banks/t.yaml"
    unchanged q/banks/t.yaml bank.orig
    run "$SIGNPOST" analyze -p k.pub --html d/c.html d
    expect_status 0
}

test_sign_never_writes_over_its_key_or_passphrase_file() {
    setup
    cp u.signpost pass
    "$SIGNPOST" keygen -s e.key -p e.pub --passphrase-file pass >/dev/null || fail "keygen"
    cp u.signpost u.orig
    run "$SIGNPOST" sign -s e.key --passphrase-file u.signpost u.signpost
    expect_status 2
    expect_contains "stderr" "$err" "refusing to write u.signpost: it is the same file as the passphrase file u.signpost"
    unchanged u.signpost u.orig
}

# ---- B. Nothing blocks; only regular files are read ---------------------------------------------

test_a_fifo_is_refused_at_once_wherever_a_file_is_read() {
    setup
    mkfifo f.signpost
    local cmd
    while IFS= read -r cmd; do
        cmd=${cmd//TINY/$TINY}
        # shellcheck disable=SC2086
        within "$SIGNPOST" $cmd
        expect_status 3
        expect_contains "stderr of '$cmd'" "$err" "f.signpost"
        expect_contains "stderr of '$cmd'" "$err" "it is a pipe (FIFO), not a regular file"
    done <<'EOF'
verify f.signpost
show f.signpost
sign -s k.key f.signpost
export --minisign f.signpost
analyze -p k.pub f.signpost
verify -p f.signpost s.signpost
sign -s f.signpost u.signpost
take --quiz TINY --answers f.signpost --seed 1
EOF
}

test_a_fifo_named_like_a_result_is_skipped_in_a_folder() {
    setup
    mkdir d
    cp s.signpost d/a.signpost
    mkfifo d/b.signpost
    ln -s b.signpost d/c.signpost
    within "$SIGNPOST" analyze -p k.pub d
    expect_status 0
    expect_contains "stderr" "$err" "signpost: skipping d/b.signpost: it is a pipe (FIFO), not a regular file"
    expect_contains "stderr" "$err" "signpost: skipping d/c.signpost: it is a pipe (FIFO), not a regular file"
    expect_contains "report" "$out" "1 result"
}

test_author_files_never_block_and_pipes_still_work() {
    printf "$TINY_ANSWERS" >answers.yaml
    mkfifo f.yaml
    within "$SIGNPOST" check f.yaml
    expect_status 1
    within "$SIGNPOST" take --quiz f.yaml --answers answers.yaml --seed 1
    expect_status 1
    # A pipe that a program writes to is read, as before.
    within "$SIGNPOST" check <(cat "$SP_SRC/tests/data/tiny/directions.yaml")
    expect_status 0
    # A manifest naming a FIFO as its bank: refused where the manifest names it, at once.
    mkdir q
    cp -r "$SP_SRC/tests/data/tiny/." q/
    rm q/banks/t.yaml
    mkfifo q/banks/t.yaml
    within "$SIGNPOST" check --quiz q/quiz.yaml
    expect_status 1
}

test_sockets_devices_and_folders_are_refused() {
    setup
    python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' sock ||
        fail "cannot make a socket"
    mkdir folder
    within "$SIGNPOST" verify sock
    expect_status 3
    expect_contains "stderr" "$err" "cannot read sock: it is a socket, not a regular file"
    within "$SIGNPOST" verify /dev/null
    expect_status 3
    expect_contains "stderr" "$err" "cannot read /dev/null: it is a device, not a regular file"
    within "$SIGNPOST" show folder
    expect_status 3
    expect_contains "stderr" "$err" "cannot read folder: it is a folder, not a regular file"
    within "$SIGNPOST" sign -s /dev/null u.signpost
    expect_status 3
    expect_contains "stderr" "$err" "cannot read the secret key /dev/null: it is a device, not a regular file"
    within "$SIGNPOST" take --quiz "$TINY" --answers /dev/null --seed 1
    expect_status 3
    expect_contains "stderr" "$err" "it is a device, not a regular file"
    within "$SIGNPOST" take --quiz "$TINY" --answers folder --seed 1
    expect_status 3
    expect_contains "stderr" "$err" "it is a folder, not a regular file"
}

test_passphrase_files_take_pipes_but_never_block() {
    setup
    echo 'pass word' >pass
    "$SIGNPOST" keygen -s e.key -p e.pub --passphrase-file pass >/dev/null || fail "keygen"
    cp u.signpost a.signpost
    # Process substitution: a pipe that already has a writer.
    within "$SIGNPOST" sign -s e.key --passphrase-file <(echo 'pass word') a.signpost
    expect_status 0
    # A FIFO that nothing writes to reads as empty, at once.
    mkfifo f
    cp u.signpost b.signpost
    within "$SIGNPOST" sign -s e.key --passphrase-file f b.signpost
    expect_status 1
    expect_contains "stderr" "$err" "no passphrase: f is empty"
    within "$SIGNPOST" sign -s e.key --passphrase-file /dev/null b.signpost
    expect_status 3
    expect_contains "stderr" "$err" "cannot open the passphrase file /dev/null: it is a device, not a regular file"
    mkdir folder
    within "$SIGNPOST" sign -s e.key --passphrase-file folder b.signpost
    expect_status 3
    expect_contains "stderr" "$err" "cannot open the passphrase file folder: it is a folder, not a regular file"
    unchanged b.signpost u.signpost
}

# ---- C. The umask -------------------------------------------------------------------------------

# outputs_under MASK: makes every kind of output under umask MASK in folder MASK/.
outputs_under() {
    mkdir "$1" && cd "$1" || fail "mkdir $1"
    umask "$1"
    printf "$TINY_ANSWERS" >answers.yaml
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen under umask $1"
    "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --key k.key --out r.signpost \
        >/dev/null || fail "take under umask $1"
    "$SIGNPOST" export --minisign r.signpost >/dev/null || fail "export under umask $1"
    "$SIGNPOST" analyze -p k.pub --html report.html r.signpost >/dev/null || fail "analyze under umask $1"
    printf "$MINI_ANSWERS" | "$SIGNPOST" take --seed 1 --quiz "$MINI" >/dev/null 2>&1 ||
        fail "take without --out under umask $1"
    cd .. || fail "cd"
}

test_outputs_follow_the_umask() {
    outputs_under 077
    outputs_under 022
    outputs_under 027
    local f
    for f in k.pub r.signpost r.signpost.body r.signpost.body.minisig report.html signpost-result-*.signpost; do
        expect_eq "mode of $f under umask 077" "$(mode_of 077/$f)" 600
        expect_eq "mode of $f under umask 022" "$(mode_of 022/$f)" 644
        expect_eq "mode of $f under umask 027" "$(mode_of 027/$f)" 640
    done
    expect_eq "secret key under umask 022" "$(mode_of 022/k.key)" 600
    expect_eq "secret key under umask 077" "$(mode_of 077/k.key)" 600
}

test_signing_in_place_keeps_the_file_mode() {
    setup
    chmod 640 u.signpost
    umask 022
    run "$SIGNPOST" sign -s k.key u.signpost
    expect_status 0
    expect_eq "mode after signing" "$(mode_of u.signpost)" 640
}

# ---- D. Secret keys open to others --------------------------------------------------------------

test_a_secret_key_open_to_others_is_used_with_a_warning() {
    setup
    local mode
    for mode in 644 640 604 620; do
        chmod "$mode" k.key
        cp u.signpost a.signpost
        rm -f b.signpost
        run "$SIGNPOST" sign -s k.key a.signpost
        expect_status 0
        expect_contains "stderr" "$err" "signpost: warning: other users can read or change the secret key k.key (mode 0$mode); make it private with: chmod 600 k.key"
        run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --key k.key --out b.signpost
        expect_status 0
        expect_contains "stderr" "$err" "warning: other users can read or change the secret key k.key (mode 0$mode)"
    done
    chmod 600 k.key
    cp u.signpost a.signpost
    run "$SIGNPOST" sign -s k.key a.signpost
    expect_status 0
    expect_eq "stderr" "$err" ""
    chmod 400 k.key
    run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --key k.key --out c.signpost
    expect_status 0
    expect_eq "stderr" "$err" ""
}

# The quiz folder verify searches, and the trusted-keys folder it looks keys up in, are read as
# well: a FIFO there must not hang verify either, and the key's is named for what it is.
test_fifos_in_the_quiz_and_trusted_folders_never_block_verify() {
    setup
    mkdir -p quizzes "$XDG_CONFIG_HOME/signpost/trusted"
    cp -r "$SP_SRC/tests/data/tiny/." quizzes/
    mkfifo quizzes/stuck.yaml
    export SIGNPOST_QUIZ=$PWD/quizzes/quiz.yaml
    within "$SIGNPOST" verify -p k.pub s.signpost
    expect_status 0
    expect_contains "stdout" "$out" "s.signpost: verified"
    id=$(sed -n '2p' k.pub | python3 -c 'import base64,sys; print(base64.b64decode(sys.stdin.read())[2:10][::-1].hex().upper())')
    mkfifo "$XDG_CONFIG_HOME/signpost/trusted/$id.pub"
    within "$SIGNPOST" verify s.signpost
    expect_status 6
    expect_contains "stdout" "$out" "the trusted key file $XDG_CONFIG_HOME/signpost/trusted/$id.pub cannot be read: it is a pipe (FIFO), not a regular file"
}
