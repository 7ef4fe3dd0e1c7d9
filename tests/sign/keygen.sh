# CLI tests of signpost keygen. Run by tests/lib.sh (see there for $SIGNPOST, $T, run, expect_*):
# HOME and XDG_CONFIG_HOME point into the test's temporary folder.
# The terminal cases drive signpost through a pseudo-terminal with tests/sign/pty_run.py.

SIGTOOL=$SP_BUILD/tests/sign/sp-sigtool
CONF=$XDG_CONFIG_HOME/signpost

mode_of() { stat -c %a "$1"; }

# opens SECKEY with the passphrase $1 through the library; prints its public key
open_key() {
    SIGTOOL_PASSPHRASE=$1 "$SIGTOOL" pubkey "$2"
}

test_writes_keys_to_the_config_folder() {
    run "$SIGNPOST" keygen --passphrase-file <(echo 'a passphrase')
    expect_status 0
    [ -f "$CONF/signpost.key" ] && [ -f "$CONF/signpost.pub" ] || fail "keys not in $CONF"
    expect_eq "secret key mode" "$(mode_of "$CONF/signpost.key")" 600
    expect_eq "public key mode" "$(mode_of "$CONF/signpost.pub")" 644
    expect_eq "folder mode" "$(mode_of "$CONF")" 700
}

test_falls_back_to_dot_config_without_xdg() {
    unset XDG_CONFIG_HOME
    run "$SIGNPOST" keygen -W
    expect_status 0
    [ -f "$HOME/.config/signpost/signpost.key" ] || fail "no key in ~/.config/signpost"
    expect_eq "folder mode" "$(mode_of "$HOME/.config/signpost")" 700
}

test_relative_xdg_config_home_is_ignored() {
    export XDG_CONFIG_HOME=relative
    run "$SIGNPOST" keygen -W
    expect_status 0
    [ -f "$HOME/.config/signpost/signpost.key" ] || fail "no key in ~/.config/signpost"
    [ ! -e relative ] || fail "a relative XDG_CONFIG_HOME was used"
}

test_secret_key_is_0600_and_public_key_follows_the_umask() {
    umask 000
    run "$SIGNPOST" keygen -W -s k.key -p k.pub
    expect_status 0
    expect_eq "secret key mode" "$(mode_of k.key)" 600
    expect_eq "public key mode" "$(mode_of k.pub)" 666
    umask 077
    run "$SIGNPOST" keygen -W -s k.key -p k.pub --force
    expect_status 0
    expect_eq "secret key mode after --force" "$(mode_of k.key)" 600
    expect_eq "public key mode after --force" "$(mode_of k.pub)" 600
}

test_refuses_to_overwrite_without_force() {
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "first keygen failed"
    cp k.key k.key.orig
    cp k.pub k.pub.orig
    run "$SIGNPOST" keygen -W -s k.key -p k.pub
    expect_status 3
    expect_eq "stderr" "$err" "signpost: k.key already exists; use --force to replace it (the old key will be lost)"
    rm k.key
    run "$SIGNPOST" keygen -W -s k.key -p k.pub
    expect_status 3
    expect_eq "stderr" "$err" "signpost: k.pub already exists; use --force to replace it"
    cmp -s k.pub k.pub.orig || fail "the public key was changed"
}

test_force_replaces_both_keys() {
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "first keygen failed"
    cp k.key k.key.orig
    before=$(open_key "" k.key)
    run "$SIGNPOST" keygen -W -s k.key -p k.pub --force
    expect_status 0
    after=$(open_key "" k.key)
    [ "$before" != "$after" ] || fail "--force did not make a new key"
    expect_eq "public key file" "$(sed -n 2p k.pub)" "$after"
    ls -a | grep -q tmp && fail "a temporary file was left: $(ls -a)"
    return 0
}

test_refuses_a_symlink_at_the_secret_key_path() {
    ln -s elsewhere.key k.key
    for force in "" --force; do
        run "$SIGNPOST" keygen -W -s k.key -p k.pub $force
        expect_status 3
        expect_eq "stderr" "$err" "signpost: k.key is a symbolic link; refusing to write a secret key through it"
        [ ! -e elsewhere.key ] || fail "the key was written through the link"
        [ -L k.key ] || fail "the link was replaced"
    done
}

test_passphrase_file_works() {
    printf 'open sesame\nsecond line is ignored\n' >pass
    run "$SIGNPOST" keygen --passphrase-file pass -s k.key -p k.pub
    expect_status 0
    expect_contains "stdout" "$out" "encrypted with your passphrase"
    pk=$(open_key "open sesame" k.key) || fail "the key does not open with the passphrase"
    expect_eq "public key" "$pk" "$(sed -n 2p k.pub)"
    open_key "open sesame!" k.key 2>/dev/null && fail "the key opens with a wrong passphrase"
    return 0
}

test_passphrase_file_with_crlf_loses_the_cr() {
    printf 'open sesame\r\n' >pass
    run "$SIGNPOST" keygen --passphrase-file pass -s k.key -p k.pub
    expect_status 0
    open_key "open sesame" k.key >/dev/null || fail "the CR was kept in the passphrase"
}

test_stdin_passphrase_works() {
    out=$(echo 'from a pipe' | "$SIGNPOST" keygen -s k.key -p k.pub 2>"$T/err")
    status=$?
    expect_status 0
    open_key "from a pipe" k.key >/dev/null || fail "the key does not open with the passphrase"
}

test_empty_passphrase_without_a_terminal_is_refused() {
    out=$(echo '' | "$SIGNPOST" keygen -s k.key -p k.pub 2>"$T/err")
    status=$?
    expect_status 1
    expect_eq "stderr" "$(cat "$T/err")" "signpost: the passphrase is empty; use --unencrypted to store the key without one"
    out=$("$SIGNPOST" keygen -s k.key -p k.pub 2>"$T/err" </dev/null)
    status=$?
    expect_status 1
    expect_eq "stderr" "$(cat "$T/err")" "signpost: no passphrase: standard input is empty"
    [ ! -e k.key ] && [ ! -e k.pub ] || fail "a key was written"
}

test_missing_passphrase_file_is_an_io_error() {
    run "$SIGNPOST" keygen --passphrase-file nope -s k.key -p k.pub
    expect_status 3
    expect_eq "stderr" "$err" "signpost: cannot open the passphrase file nope: No such file or directory"
}

test_unencrypted_key_opens_without_passphrase() {
    run "$SIGNPOST" keygen --unencrypted -s k.key -p k.pub
    expect_status 0
    expect_contains "stdout" "$out" "unencrypted: anyone who can read it can sign"
    expect_eq "public key" "$(open_key "" k.key)" "$(sed -n 2p k.pub)"
}

test_output_names_files_key_id_and_minisign_command() {
    run "$SIGNPOST" keygen -W -s k.key -p k.pub
    expect_status 0
    pk=$(sed -n 2p k.pub)
    id=$(sed -n 's/^untrusted comment: signpost public key //p' k.pub)
    expect_eq "stdout" "$out" "The secret key was saved as k.key (unencrypted: anyone who can read it can sign
as you).
The public key was saved as k.pub; it can be shared.
Key id: $id
Public key: $pk

To check a result signed with this key, its signature and its scores:
  signpost verify -p k.pub RESULT
To check its signature with stock minisign, export the signed body first:
  signpost export --minisign RESULT
  minisign -Vm RESULT.body -p k.pub"
}

# The summary fits 80 columns (a narrower terminal: its width), the key and the commands
# excepted, which are never broken; a path that needs quoting is quoted in the commands.
test_output_fits_80_columns_and_quotes_paths() {
    run env COLUMNS=200 "$SIGNPOST" keygen -W -s "a secret key with a long name.key" -p "it's.pub"
    expect_status 0
    printf '%s\n' "$out" >out.txt
    expect_80_columns out.txt "keygen's summary"
    expect_contains "stdout" "$out" "  minisign -Vm RESULT.body -p 'it'\\''s.pub'"
    run env COLUMNS=40 "$SIGNPOST" keygen -f -W -s "a secret key with a long name.key" -p "it's.pub"
    printf '%s\n' "$out" | grep -v '^  \|^Public key: ' | awk 'length($0) > 40 { bad = 1 } END { exit bad }' ||
        fail "a line is wider than 40 columns: $out"
}

test_missing_folder_is_an_io_error() {
    run "$SIGNPOST" keygen -W -s nodir/k.key -p k.pub
    expect_status 3
    expect_eq "stderr" "$err" "signpost: cannot write the secret key nodir/k.key: No such file or directory
signpost: no key was written (neither nodir/k.key nor k.pub)"
    [ ! -e k.pub ] || fail "the public key was written"
}

test_missing_public_key_folder_leaves_no_orphan_secret_key() {
    run "$SIGNPOST" keygen -W -s k2 -p nodir/k2.pub
    expect_status 3
    expect_eq "stderr" "$err" "signpost: cannot write the public key nodir/k2.pub: No such file or directory
signpost: no key was written (neither k2 nor nodir/k2.pub)"
    expect_eq "files" "$(ls -A | grep -v -x -e .stderr -e .bin -e home -e config)" ""
    run "$SIGNPOST" keygen -W -s k2 -p k2.pub
    expect_status 0
}

test_unwritable_public_key_folder_leaves_no_orphan_secret_key() {
    mkdir w w/ro
    chmod 555 w/ro
    cd w || fail "cd"
    if [ "$(id -u)" -eq 0 ]; then # root writes anywhere: run as nobody
        command -v setpriv >/dev/null || fail "this test needs setpriv (util-linux) as root"
        chmod 755 "$T"
        chown 65534 . ro
        run setpriv --reuid=65534 --regid=65534 --clear-groups -- "$SIGNPOST" keygen -W -s k3 -p ro/k3.pub
    else
        run "$SIGNPOST" keygen -W -s k3 -p ro/k3.pub
    fi
    expect_status 3
    expect_contains "stderr" "$err" "signpost: cannot write the public key ro/k3.pub: Permission denied"
    [ ! -e k3 ] || fail "an orphan secret key was left"
}

test_public_and_secret_key_cannot_be_the_same_file_by_any_name() {
    mkdir sub
    for pair in "k ./k" "k sub/../k" "$T/k k" "./sub/k sub//k"; do
        set -- $pair
        run "$SIGNPOST" keygen -W -s "$1" -p "$2"
        expect_status 2
        expect_contains "stderr" "$err" "signpost keygen: the secret key $1 and the public key $2 are the same file"
        [ ! -e k ] && [ ! -e sub/k ] || fail "a key was written for -s $1 -p $2"
    done
    # Existing: the same inode, through a hard link.
    "$SIGNPOST" keygen -W -s a.key -p a.pub >/dev/null || fail "keygen"
    ln a.key b.key
    run "$SIGNPOST" keygen -W -f -s a.key -p b.key
    expect_status 2
    expect_contains "stderr" "$err" "the secret key a.key and the public key b.key are the same file"
    open_key "" a.key >/dev/null || fail "the secret key was damaged"
}

test_force_replaces_only_keys_of_the_same_kind() {
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    echo "my notes" >notes.txt
    cp k.key k.key.orig
    cp k.pub k.pub.orig
    run "$SIGNPOST" keygen -W -f -s notes.txt -p k.pub
    expect_status 3
    expect_eq "stderr" "$err" "signpost: notes.txt is not a secret key; --force replaces only an old key, never another file"
    run "$SIGNPOST" keygen -W -f -s k.key -p notes.txt
    expect_status 3
    expect_eq "stderr" "$err" "signpost: notes.txt is not a public key; --force replaces only an old key, never another file"
    # A secret key at -p, a public key at -s: either would lose a key.
    run "$SIGNPOST" keygen -W -f -s k.pub -p k.key
    expect_status 3
    expect_contains "stderr" "$err" "signpost: k.pub is not a secret key; --force replaces only an old key, never another file"
    mkdir folder
    run "$SIGNPOST" keygen -W -f -s k.key -p folder
    expect_status 3
    expect_eq "notes" "$(cat notes.txt)" "my notes"
    cmp -s k.key k.key.orig && cmp -s k.pub k.pub.orig || fail "a key was changed"
}

test_keys_are_never_written_over_the_passphrase_file() {
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    cp k.pub pass
    run "$SIGNPOST" keygen -f -s k.key -p pass --passphrase-file pass
    expect_status 2
    expect_contains "stderr" "$err" "refusing to write pass: it is the same file as the passphrase file pass"
    cmp -s pass k.pub || fail "the passphrase file was changed"
}

test_usage_errors() {
    run "$SIGNPOST" keygen --frobnicate
    expect_status 2
    run "$SIGNPOST" keygen extra
    expect_status 2
    expect_contains "stderr" "$err" "unexpected argument 'extra'"
    run "$SIGNPOST" keygen -W --passphrase-file x
    expect_status 2
    run "$SIGNPOST" keygen -W -p same -s same
    expect_status 2
    run "$SIGNPOST" keygen -p
    expect_status 2
}

test_help_goes_to_stdout() {
    run "$SIGNPOST" keygen --help
    expect_status 0
    expect_contains "help" "$out" "Usage: signpost keygen"
    run "$SIGNPOST" help keygen
    expect_status 0
    expect_contains "help" "$out" "Usage: signpost keygen"
}

# ---- At a terminal (a pseudo-terminal made by pty_run.py) ---------------------------------------

need_python3() {
    if ! command -v python3 >/dev/null; then
        echo "SKIP: python3 is needed to drive a pseudo-terminal"
        exit 77
    fi
}

pty() { python3 "$SP_SRC/tests/sign/pty_run.py" "$@"; }

test_terminal_passphrase_is_asked_twice_without_echo() {
    need_python3
    run pty "Passphrase for the new secret key: " "typed secret" \
        "Passphrase (again): " "typed secret" -- "$SIGNPOST" keygen -s k.key -p k.pub
    expect_status 0
    expect_not_contains "terminal" "$out" "typed secret"
    open_key "typed secret" k.key >/dev/null || fail "the key does not open with the passphrase"
}

test_terminal_passphrases_that_differ_are_refused() {
    need_python3
    run pty "Passphrase for the new secret key: " "one" "Passphrase (again): " "two" \
        -- "$SIGNPOST" keygen -s k.key -p k.pub
    expect_status 1
    expect_contains "terminal" "$out" "signpost: the passphrases do not match"
    [ ! -e k.key ] || fail "a key was written"
}

test_terminal_empty_passphrase_offers_an_unencrypted_key() {
    need_python3
    run pty "Passphrase for the new secret key: " "" "[y/N] " "y" \
        -- "$SIGNPOST" keygen -s k.key -p k.pub
    expect_status 0
    expect_contains "terminal" "$out" "unencrypted: anyone who can read it can sign"
    open_key "" k.key >/dev/null || fail "the key is not unencrypted"
    run pty "Passphrase for the new secret key: " "" "[y/N] " "" \
        -- "$SIGNPOST" keygen -s k2.key -p k2.pub
    expect_status 1
    expect_contains "terminal" "$out" "signpost: no key written"
    [ ! -e k2.key ] || fail "a key was written after No"
}
