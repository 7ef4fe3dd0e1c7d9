# Interoperability with Debian's minisign (0.11). Run by tests/lib.sh in a fresh temporary
# folder ($T) with HOME pointing into it. Each case exits 77 (ctest: skipped) with a message when
# minisign is not installed. sp-sigtool signs and verifies with signpost's library.

SIGTOOL=$SP_BUILD/tests/sign/sp-sigtool

need_minisign() {
    if ! command -v minisign >/dev/null; then
        echo "SKIP: minisign is not installed (apt-get install minisign)"
        exit 77
    fi
}

make_body() {
    printf 'signpost-result/1\nquiz: placement\nname: "韩梅梅"\nrecommendation: safety\n' >body
}

# minisign_verify BODY SIG KEY-ARGS...: runs minisign -V, keeping $out, $err and $status.
minisign_verify() {
    local body=$1 sig=$2
    shift 2
    run minisign -V -m "$body" -x "$sig" "$@"
}

expect_minisign_ok() {
    expect_status 0
    expect_contains "minisign" "$out" "Signature and comment signature verified"
}

# sigtool_verify PUBFILE BODY SIG: prints the library's verdict.
sigtool_verify() {
    "$SIGTOOL" verify -p "$1" "$2" "$3"
}

test_signpost_signature_verifies_with_minisign() {
    need_minisign
    make_body
    "$SIGTOOL" keygen k.key k.pub || fail "keygen"
    "$SIGTOOL" sign k.key body body.minisig "signpost result, placement, 2026-05-01" || fail "sign"
    minisign_verify body body.minisig -P "$(sed -n 2p k.pub)"
    expect_minisign_ok
    expect_contains "minisign" "$out" "Trusted comment: signpost result, placement, 2026-05-01"
    minisign_verify body body.minisig -p k.pub
    expect_minisign_ok
}

test_minisign_unencrypted_key_signs_for_both() {
    need_minisign
    make_body
    minisign -G -W -p m.pub -s m.key >/dev/null || fail "minisign -G -W"
    "$SIGTOOL" sign m.key body body.minisig || fail "signpost cannot sign with minisign's key"
    minisign_verify body body.minisig -p m.pub
    expect_minisign_ok
    expect_eq "signpost" "$(sigtool_verify m.pub body body.minisig)" OK
}

test_minisign_encrypted_key_signs_for_both() {
    need_minisign
    make_body
    printf 'minisign pass\nminisign pass\n' | minisign -G -p m.pub -s m.key >/dev/null ||
        fail "minisign -G"
    SIGTOOL_PASSPHRASE="minisign pass" "$SIGTOOL" sign m.key body body.minisig ||
        fail "signpost cannot open minisign's encrypted key"
    minisign_verify body body.minisig -p m.pub
    expect_minisign_ok
    expect_eq "signpost" "$(sigtool_verify m.pub body body.minisig)" OK
}

test_signpost_encrypted_key_signs_with_minisign() {
    need_minisign
    make_body
    echo "signpost pass" | "$SIGNPOST" keygen -s k.key -p k.pub >/dev/null || fail "keygen"
    echo "signpost pass" | minisign -S -s k.key -m body -x body.minisig >/dev/null ||
        fail "minisign cannot sign with signpost's encrypted key"
    expect_eq "signpost" "$(sigtool_verify k.pub body body.minisig)" OK
    minisign_verify body body.minisig -p k.pub
    expect_minisign_ok
}

test_signpost_unencrypted_key_signs_with_minisign() {
    need_minisign
    make_body
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    minisign -S -s k.key -m body -x body.minisig </dev/null >/dev/null ||
        fail "minisign cannot sign with signpost's unencrypted key"
    expect_eq "signpost" "$(sigtool_verify k.pub body body.minisig)" OK
    minisign -S -W -s k.key -m body -x body2.minisig </dev/null >/dev/null ||
        fail "minisign -W cannot sign with signpost's unencrypted key"
    expect_eq "signpost" "$(sigtool_verify k.pub body body2.minisig)" OK
}

test_minisign_rejects_a_tampered_body() {
    need_minisign
    make_body
    "$SIGTOOL" keygen k.key k.pub || fail "keygen"
    "$SIGTOOL" sign k.key body body.minisig || fail "sign"
    sed -i 's/safety/infra/' body
    minisign_verify body body.minisig -p k.pub
    expect_status 1
    expect_contains "minisign" "$err" "Signature verification failed"
    expect_eq "signpost" "$(sigtool_verify k.pub body body.minisig)" BAD_BODY
}

test_minisign_rejects_a_tampered_trusted_comment() {
    need_minisign
    make_body
    "$SIGTOOL" keygen k.key k.pub || fail "keygen"
    "$SIGTOOL" sign k.key body body.minisig "score 40" || fail "sign"
    sed -i 's/^trusted comment: score 40$/trusted comment: score 90/' body.minisig
    minisign_verify body body.minisig -p k.pub
    expect_status 1
    expect_contains "minisign" "$err" "Comment signature verification failed"
    expect_eq "signpost" "$(sigtool_verify k.pub body body.minisig)" BAD_COMMENT
}

test_minisign_and_signpost_reject_another_key() {
    need_minisign
    make_body
    "$SIGTOOL" keygen k.key k.pub || fail "keygen"
    minisign -G -W -p other.pub -s other.key >/dev/null || fail "minisign -G -W"
    "$SIGTOOL" sign k.key body body.minisig || fail "sign"
    minisign_verify body body.minisig -p other.pub
    expect_status 1
    expect_eq "signpost" "$(sigtool_verify other.pub body body.minisig)" KEY_MISMATCH
}

test_minisign_legacy_signature_is_unsupported() {
    need_minisign
    make_body
    minisign -G -W -p m.pub -s m.key >/dev/null || fail "minisign -G -W"
    minisign -S -l -s m.key -m body -x body.minisig </dev/null >/dev/null || fail "minisign -S -l"
    expect_eq "signpost" "$(sigtool_verify m.pub body body.minisig)" UNSUPPORTED
}
