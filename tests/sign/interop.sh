# Interoperability with Debian's minisign (0.11). Run by tests/lib.sh in a fresh temporary
# folder ($T) with HOME pointing into it. Each case exits 77 (ctest: skipped) with a message when
# minisign is not installed. sp-sigtool signs and verifies with signpost's library; the cases at the
# end drive signed results through the signpost program (sign, take --key, verify, export).

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

# ---- Signed results: signpost sign, take --key and export against minisign -------------------

TINY_QUIZ=$SP_SRC/tests/data/tiny/quiz.yaml

# tiny_answers: an answer file for the tiny test quiz.
tiny_answers() {
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
}

# unsigned_result FILE: an unsigned result of the tiny quiz.
unsigned_result() {
    tiny_answers
    "$SIGNPOST" take --quiz "$TINY_QUIZ" --answers answers.yaml --seed 1 --out "$1" >/dev/null ||
        fail "take"
}

# split_result FILE: its signature block in sig and its body in body, as any shell can.
split_result() {
    head -n 4 "$1" >sig
    tail -n +5 "$1" >body
}

test_a_result_from_signpost_sign_verifies_with_minisign() {
    need_minisign
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    unsigned_result r.signpost
    "$SIGNPOST" sign -s k.key r.signpost >/dev/null || fail "sign"
    run "$SIGNPOST" export --minisign r.signpost
    expect_status 0
    run minisign -Vm r.signpost.body -P "$(sed -n 2p k.pub)"
    expect_minisign_ok
    expect_contains "minisign" "$out" "Trusted comment: signpost-result/1 quiz=tiny@1.0.0 top=infra level=advanced finished="
    split_result r.signpost
    minisign_verify body sig -p k.pub
    expect_minisign_ok
}

test_a_result_from_take_key_verifies_with_minisign() {
    need_minisign
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    tiny_answers
    "$SIGNPOST" take --quiz "$TINY_QUIZ" --answers answers.yaml --seed 1 --name "韩梅梅" \
        --key k.key --out r.signpost >/dev/null || fail "take --key"
    split_result r.signpost
    minisign_verify body sig -p k.pub
    expect_minisign_ok
    expect_contains "minisign" "$out" "name=\"韩梅梅\""
    "$SIGNPOST" export --minisign r.signpost >/dev/null || fail "export"
    run minisign -Vm r.signpost.body -p k.pub
    expect_minisign_ok
}

test_a_minisign_key_signs_results_that_both_verify() {
    need_minisign
    minisign -G -W -p m.pub -s m.key >/dev/null || fail "minisign -G -W"
    unsigned_result r.signpost
    "$SIGNPOST" sign -s m.key r.signpost >/dev/null || fail "signpost cannot sign with minisign's key"
    run "$SIGNPOST" verify -p m.pub --quiz "$TINY_QUIZ" r.signpost
    expect_status 0
    expect_contains "signpost" "$out" "r.signpost: verified — signed by trusted key"
    "$SIGNPOST" export --minisign r.signpost >/dev/null || fail "export"
    run minisign -Vm r.signpost.body -p m.pub
    expect_minisign_ok
}

test_minisign_rejects_a_tampered_export() {
    need_minisign
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    unsigned_result r.signpost
    "$SIGNPOST" sign -s k.key r.signpost >/dev/null || fail "sign"
    "$SIGNPOST" export --minisign r.signpost >/dev/null || fail "export"
    cp r.signpost.body good.body
    sed -i 's/^level: advanced$/level: expert/' r.signpost.body
    cmp -s good.body r.signpost.body && fail "the edit did not apply"
    run minisign -Vm r.signpost.body -p k.pub
    expect_status 1
    expect_contains "minisign" "$err" "Signature verification failed"
    cp good.body r.signpost.body
    sed -i '3s/top=infra/top=agents/' r.signpost.body.minisig
    run minisign -Vm r.signpost.body -p k.pub
    expect_status 1
    expect_contains "minisign" "$err" "Comment signature verification failed"
}

test_verify_refuses_a_legacy_minisign_signature() {
    need_minisign
    minisign -G -W -p m.pub -s m.key >/dev/null || fail "minisign -G -W"
    unsigned_result body
    minisign -S -l -s m.key -m body -x body.minisig -t "signpost-result/1" </dev/null >/dev/null ||
        fail "minisign -S -l"
    cat body.minisig body >r.signpost
    run "$SIGNPOST" verify -p m.pub --quiz "$TINY_QUIZ" r.signpost
    expect_status 1
    expect_contains "signpost" "$out" "in minisign's legacy mode (minisign -l), which signpost does not accept"
}

test_verify_refuses_a_minisign_signature_not_made_for_a_result() {
    need_minisign
    minisign -G -W -p m.pub -s m.key >/dev/null || fail "minisign -G -W"
    unsigned_result body
    minisign -S -s m.key -m body -x body.minisig </dev/null >/dev/null || fail "minisign -S"
    cat body.minisig body >r.signpost
    run "$SIGNPOST" verify -p m.pub --quiz "$TINY_QUIZ" r.signpost
    expect_status 1
    expect_contains "signpost" "$out" "r.signpost: FAILED — not a signed result: the trusted comment does not start with signpost-result/1: the signature was not made for a signpost result"
}

# The commands keygen prints work when typed as printed: each indented line, RESULT replaced by
# a result signed with the key, run by the shell, with the real minisign.
test_the_commands_keygen_prints_verify_a_signed_result() {
    need_minisign
    local tiny=$SP_SRC/tests/data/tiny/quiz.yaml line
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >a.yaml
    run "$SIGNPOST" keygen -W -s "my key.key" -p "my key.pub"
    expect_status 0
    local summary=$out
    "$SIGNPOST" take --quiz "$tiny" --answers a.yaml --seed 1 --out r.signpost >/dev/null || fail "take"
    "$SIGNPOST" sign -s "my key.key" --quiz "$tiny" r.signpost >/dev/null || fail "sign"
    local n=0
    while IFS= read -r line; do
        n=$((n + 1))
        run env SIGNPOST_QUIZ="$tiny" PATH="$(dirname "$SIGNPOST"):$PATH" sh -c "${line//RESULT/r.signpost}"
        expect_status 0
    done < <(printf '%s\n' "$summary" | sed -n 's/^  //p')
    [ "$n" -eq 3 ] || fail "expected 3 commands, got $n: $summary"
    expect_contains "minisign" "$out" "Signature and comment signature verified"
    # export's own words fit 80 columns too (the command it prints is never broken)
    run env COLUMNS=200 "$SIGNPOST" export --minisign r.signpost
    expect_status 0
    printf '%s\n' "$out" | grep -v '^  minisign ' >export.txt
    expect_80_columns export.txt "export's summary"
}
